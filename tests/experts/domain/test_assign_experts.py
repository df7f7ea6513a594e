"""The assignment's conflict rules, field match, load balance and changes, with exact outcomes."""

from __future__ import annotations

import pytest

from tests import factories
from tests.experts.conftest import make_expert
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.experts.domain.assign_experts import (
    accept_assignment,
    assign_experts,
    candidates,
    change_assignment,
    conflict_of,
    decline_assignment,
    parties,
)
from zhongshi.experts.models import Assignment, RoundItem, ScoreSheet
from zhongshi.notifications.models import Notification
from zhongshi.organisations.models import Expert


def _conflict(expert: Expert, evaluation_round) -> str | None:
    item = evaluation_round.items.get()
    candidate = next(c for c in candidates() if c.pk == expert.pk)
    return conflict_of(candidate, parties([item])[item.pk], same_district=evaluation_round.exclude_same_district)


def _assigned(evaluation_round) -> list[tuple[str, str, str]]:
    return [(str(a.item), a.expert.name, a.status) for a in
            Assignment.objects.filter(item__round=evaluation_round).select_related("expert").order_by("item", "pk")]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"organisation": "某大学"}, None),
    # his own organisation, by the registered link, by name (spaces and full-width brackets ignored)
    ({"host_org": "host"}, "该专家所在单位即被评审单位“武汉光芯科技有限公司”"),
    ({"organisation": " 武汉光芯科技 有限公司"}, "该专家所在单位即被评审单位“武汉光芯科技有限公司”"),
    # the host's registered partner; a partner named only in the application's 联合单位 answer
    ({"organisation": "华中光电研究所"}, "该专家所在单位“华中光电研究所”是被评审单位的联合单位"),
    ({"organisation": "江城光电技术研究院"}, "该专家所在单位“江城光电技术研究院”是被评审单位的联合单位"),
    # declared conflicts, by name and by credit code
    ({"declared": ["湖北楚光半导体材料有限公司"]}, "该专家已申报与“湖北楚光半导体材料有限公司”存在利益冲突"),
    ({"declared": ["host_code"]}, "该专家已申报与“武汉光芯科技有限公司”存在利益冲突"),
    # the same district as the host (东湖)
    ({"region": "420171"}, "该专家与被评审单位同在武汉东湖新技术开发区"),
])
def test_each_hard_conflict(kwargs, expected, host, submitted_application, make_round):
    evaluation_round = make_round([submitted_application])
    if kwargs.get("host_org") == "host":
        kwargs["host_org"] = host
    if kwargs.get("declared") == ["host_code"]:
        kwargs["declared"] = [host.credit_code.lower()]
    expert = make_expert("专家甲", **kwargs)
    assert _conflict(expert, evaluation_round) == expected


def test_a_partner_is_recognised_by_its_credit_code(host, submitted_application, make_round):
    partner = host.partners.get()
    partner_as_host = factories.HostOrgFactory(name="华中光电研究所（登记名）", credit_code=partner.credit_code)
    expert = make_expert("专家乙", organisation="另一名称", host_org=partner_as_host)
    assert _conflict(expert, make_round([submitted_application])) == (
        "该专家所在单位“华中光电研究所”是被评审单位的联合单位")


def test_the_same_district_is_allowed_when_the_round_does_not_exclude_it(submitted_application, make_round):
    expert = make_expert("专家丙", region="420171")
    assert _conflict(expert, make_round([submitted_application], same_district=False)) is None


def test_automatic_assignment_avoids_every_conflicted_expert(host, submitted_application, make_round, province):
    evaluation_round = make_round([submitted_application], per_item=2)
    make_expert("本单位专家", host_org=host)
    make_expert("联合单位专家", organisation="江城光电技术研究院")
    make_expert("申报回避专家", declared=[host.name])
    make_expert("同区专家", region="420171")
    make_expert("不可用专家", available=False)
    make_expert("停用专家", active=False)
    make_expert("专家一")
    make_expert("专家二")
    created = assign_experts(evaluation_round=evaluation_round, actor=province)
    assert len(created) == 2
    assert _assigned(evaluation_round) == [("高速光电子器件封装测试中试平台", "专家一", "assigned"),
                                           ("高速光电子器件封装测试中试平台", "专家二", "assigned")]
    assert sorted(Notification.objects.filter(kind="expert_assigned").values_list("user__full_name", "title")) == [
        ("专家一", "“2026年省级中试平台专家评审”中有1项评审任务"),
        ("专家二", "“2026年省级中试平台专家评审”中有1项评审任务")]


def test_too_few_eligible_experts_assigns_nothing_and_names_the_item(host, submitted_application, make_round,
                                                                    province):
    evaluation_round = make_round([submitted_application], per_item=3)
    make_expert("同区专家", region="420171")
    make_expert("专家一")
    make_expert("专家二")
    with pytest.raises(DomainError) as error:
        assign_experts(evaluation_round=evaluation_round, actor=province)
    assert error.value.message == ("“高速光电子器件封装测试中试平台”无利益冲突的可选专家仅2名，本轮每项需要3名。"
                                   "请补充专家库或减少每项专家人数。")
    assert Assignment.objects.count() == 0


def _apps(count: int, clusters: list[list[str]] | None = None) -> list:
    result = []
    for index in range(count):
        answers = factories.example_answers()
        if clusters:
            answers["basic"]["industry_clusters"] = clusters[index]
        answers["basic"]["platform_name"] = f"平台{index + 1}"
        answers["basic"]["partner_orgs"] = ""
        result.append(factories.application(factories.HostOrgFactory(district=factories.region("420111")),
                                            answers=answers, status="submitted"))
    return result


def test_field_match_is_preferred_below_the_load_cap(make_round, province):
    evaluation_round = make_round(_apps(2, [["激光"], ["激光"]]), per_item=1)
    make_expert("无关专家")  # lower id, no matching cluster
    make_expert("激光专家", clusters=["激光"])
    assign_experts(evaluation_round=evaluation_round, actor=province)
    # the cap is ⌈2 ÷ 2⌉ = 1: the matching expert takes the first item, the second goes to the other
    assert _assigned(evaluation_round) == [("平台1", "激光专家", "assigned"), ("平台2", "无关专家", "assigned")]


def test_load_is_balanced_with_ties_broken_by_id(make_round, province):
    evaluation_round = make_round(_apps(3), per_item=2)
    for name in ("专家一", "专家二", "专家三"):
        make_expert(name)
    assign_experts(evaluation_round=evaluation_round, actor=province)
    assert _assigned(evaluation_round) == [
        ("平台1", "专家一", "assigned"), ("平台1", "专家二", "assigned"),
        ("平台2", "专家三", "assigned"), ("平台2", "专家一", "assigned"),
        ("平台3", "专家二", "assigned"), ("平台3", "专家三", "assigned")]
    # running it again adds nobody: every item has its experts
    assert assign_experts(evaluation_round=evaluation_round, actor=province) == []


def test_only_the_organiser_assigns_and_only_while_the_round_is_open(make_round, province, submitted_application):
    evaluation_round = make_round([submitted_application], per_item=1)
    make_expert("专家一")
    with pytest.raises(NotAllowed):
        assign_experts(evaluation_round=evaluation_round, actor=factories.reviewer("420100"))
    evaluation_round.status = "closed"
    evaluation_round.save()
    with pytest.raises(NotAllowed):
        assign_experts(evaluation_round=evaluation_round, actor=province)


@pytest.fixture
def assigned(make_round, province, submitted_application):
    evaluation_round = make_round([submitted_application], per_item=1)
    make_expert("专家一")
    assign_experts(evaluation_round=evaluation_round, actor=province)
    return Assignment.objects.get()


def test_a_manual_change_refuses_a_conflicted_expert_naming_the_conflict(assigned, province):
    conflicted = make_expert("联合单位专家", organisation="华中光电研究所")
    with pytest.raises(DomainError) as error:
        change_assignment(assignment=assigned, expert=conflicted, reason="专业更对口", actor=province)
    assert (error.value.field, error.value.message) == (
        "expert", "联合单位专家不能评审“高速光电子器件封装测试中试平台”：该专家所在单位“华中光电研究所”是被评审单位的联合单位。")
    with pytest.raises(DomainError) as error:
        change_assignment(assignment=assigned, expert=make_expert("专家二"), reason=" ", actor=province)
    assert (error.value.field, error.value.message) == ("reason", "请填写调整原因。")
    assert list(Assignment.objects.values_list("expert__name", "status")) == [("专家一", "assigned")]


def test_a_manual_change_with_a_reason_replaces_the_expert(assigned, province):
    new = change_assignment(assignment=assigned, expert=make_expert("专家二"), reason="专家一出差", actor=province)
    assert list(Assignment.objects.order_by("pk").values_list("expert__name", "status", "manual", "reason")) == [
        ("专家一", "replaced", False, "专家一出差"), ("专家二", "assigned", True, "专家一出差")]
    assert new.expert.name == "专家二"


def test_accepting_opens_a_draft_sheet(assigned):
    sheet = accept_assignment(assignment=assigned, actor=assigned.expert.user)
    assert (sheet.status, sheet.revision, Assignment.objects.get().status) == ("draft", 1, "accepted")
    with pytest.raises(DomainError):
        accept_assignment(assignment=assigned, actor=assigned.expert.user)
    with pytest.raises(NotAllowed):
        accept_assignment(assignment=assigned, actor=make_expert("别人").user)


def test_a_decline_is_replaced_by_the_next_best_eligible_expert(assigned, host):
    make_expert("同区专家", region="420171")
    make_expert("专家二")
    make_expert("专家三")
    replacement = decline_assignment(assignment=assigned, reason="时间冲突", actor=assigned.expert.user)
    assert replacement is not None
    assert list(Assignment.objects.order_by("pk").values_list("expert__name", "status", "reason")) == [
        ("专家一", "declined", "时间冲突"), ("专家二", "assigned", "替换谢绝评审的专家")]


def test_a_decline_with_nobody_left_tells_the_chair(assigned):
    assert decline_assignment(assignment=assigned, reason="回避", actor=assigned.expert.user) is None
    chair = assigned.item.round.chair
    assert list(Notification.objects.filter(user=chair).values_list("kind", "title")) == [
        ("expert_declined", "有专家谢绝评审“高速光电子器件封装测试中试平台”，且已无可替换的专家")]
    with pytest.raises(DomainError) as error:
        decline_assignment(assignment=assigned, reason="回避", actor=assigned.expert.user)
    assert error.value.message == "该任务已不能谢绝。"


def test_round_items_and_sheets_are_untouched_by_a_refused_assignment(make_round, province, submitted_application):
    evaluation_round = make_round([submitted_application], per_item=1)
    with pytest.raises(DomainError):
        assign_experts(evaluation_round=evaluation_round, actor=province)
    assert (RoundItem.objects.count(), Assignment.objects.count(), ScoreSheet.objects.count()) == (1, 0, 0)
