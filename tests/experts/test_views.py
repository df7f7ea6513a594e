"""The pages: the expert's tasks and score sheet, the organiser's round with the assign button and ranking."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from tests.experts.conftest import PER_INDICATOR_FULL, make_expert
from tests.query_counts import assert_constant
from zhongshi.experts.models import Assignment, RoundItem, ScoreSheet


@pytest.fixture
def expert():
    return make_expert("评审专家甲")


def _add_items(evaluation_round, count: int, expert, *, submitted: bool = False) -> None:
    for _ in range(count):
        application = factories.application(factories.HostOrgFactory(district=factories.region("420111")),
                                            status="submitted")
        item = RoundItem.objects.create(round=evaluation_round, application=application)
        assignment = Assignment.objects.create(item=item, expert=expert,
                                               status="accepted" if submitted else "assigned")
        if submitted:
            ScoreSheet.objects.create(assignment=assignment, scores=PER_INDICATOR_FULL, total=Decimal(80),
                                      status="submitted")


def test_the_task_list_makes_as_many_queries_for_50_tasks_as_for_5(make_round, expert, login,
                                                                   django_assert_max_num_queries):
    evaluation_round = make_round([])
    client = login(expert.user)
    assert_constant(client, reverse("experts:tasks"), lambda n: _add_items(evaluation_round, n, expert), 12,
                    django_assert_max_num_queries)
    page = client.get(reverse("experts:tasks")).content.decode()
    assert "我的评审任务" in page and "待您确认" in page and "接受或谢绝" in page


def test_the_round_page_makes_as_many_queries_for_50_items_as_for_5(make_round, expert, login, province,
                                                                    django_assert_max_num_queries):
    evaluation_round = make_round([])
    client = login(province)
    url = reverse("experts:round", args=[evaluation_round.pk])
    assert_constant(client, url, lambda n: _add_items(evaluation_round, n, expert, submitted=True), 14,
                    django_assert_max_num_queries)


def test_an_expert_accepts_scores_and_submits_and_the_organiser_sees_the_ranking(
        make_round, submitted_application, province, login):
    evaluation_round = make_round([submitted_application], per_item=1)
    conflicted = make_expert("同区专家", region="420171")
    chosen = make_expert("专家乙")
    organiser = login(province)
    response = organiser.post(reverse("experts:assign", args=[evaluation_round.pk]), follow=True)
    assert "已自动指派1人次专家" in response.content.decode()
    assignment = Assignment.objects.get()
    assert assignment.expert == chosen and not Assignment.objects.filter(expert=conflicted).exists()

    client = login(chosen.user)
    url = reverse("experts:sheet", args=[assignment.pk])
    assert "接受评审任务" in client.get(url).content.decode()
    client.post(url, {"action": "accept"})
    page = client.get(url).content.decode()
    assert "中试设备或设施原值（万元）：3280" in page and "示例，非官方" in page
    data = {f"score-{code}": "8" for code in PER_INDICATOR_FULL} | {"revision": "1", "action": "submit",
                                                                   "score-plan": "12", "comment-plan": "目标清晰"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "“发展目标与建设方案”的评分须在0至10之间，12超出范围。" in page
    assert 'value="12"' in page and "目标清晰" in page  # what was typed is kept
    assert ScoreSheet.objects.get().status == "draft"
    response = client.post(url, data | {"score-plan": "10"})
    assert response.status_code == 302
    assert (ScoreSheet.objects.get().status, ScoreSheet.objects.get().total) == ("submitted", Decimal("81.00"))

    page = organiser.get(reverse("experts:round", args=[evaluation_round.pk])).content.decode()
    assert "高速光电子器件封装测试中试平台" in page and "81.00" in page and "排名" in page
    assert "专家乙" not in page  # the ranking names no scorer


def test_the_experts_home_and_navigation_lead_to_his_tasks(make_round, expert, login):
    from zhongshi.core.navigation import navigation_for

    client = login(expert.user)
    assert "待您完成的评审任务" not in client.get(reverse("core:home")).content.decode()
    _add_items(make_round([]), 2, expert)
    page = client.get(reverse("core:home")).content.decode()
    assert "待您完成的评审任务" in page and reverse("experts:tasks") in page
    assert [str(i["label"]) for i in navigation_for(expert.user, "/experts/tasks/")] == [
        "首页", "申报通知", "我的评审任务", "公示", "中试平台名录", "基础数据"]
