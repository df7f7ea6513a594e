from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshi.notifications.domain.notify import notify
from zhongshi.notifications.kinds import all_kinds
from zhongshi.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:notification_list")


def _notify(user, title, url="/applications/"):
    return notify(users=[user], kind="application_returned", title=title, body="请补充材料", url=url)[0]


def test_the_list_shows_only_the_users_own_notifications(roles, login):
    _notify(roles["applicant"], "光芯中试平台：退回修改")
    _notify(roles["other_applicant"], "智造中试平台：退回修改")
    response = login(roles["applicant"]).get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "光芯中试平台：退回修改" in page
    assert "智造中试平台：退回修改" not in page
    assert [n.title for n in response.context["object_list"]] == ["光芯中试平台：退回修改"]
    assert "退回修改" in page and "未读" in page and "全部标为已读" in page


def test_unread_come_first_and_can_be_shown_alone(roles, login):
    older = _notify(roles["applicant"], "旧的未读")
    read = _notify(roles["applicant"], "已读的")
    newer = _notify(roles["applicant"], "新的未读")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    client = login(roles["applicant"])
    assert [n.pk for n in client.get(LIST).context["object_list"]] == [newer.pk, older.pk, read.pk]
    assert [n.pk for n in client.get(LIST, {"unread": "1"}).context["object_list"]] == [newer.pk, older.pk]


def test_the_empty_list_says_what_to_expect(roles, login):
    page = login(roles["expert"]).get(LIST).content.decode()
    assert "暂无通知" in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(roles, login):
    own = _notify(roles["applicant"], "一", url="/applications/12/")
    response = login(roles["applicant"]).get(reverse("notifications:notification_open", args=[own.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/applications/12/"
    assert Notification.objects.get(pk=own.pk).read_at is not None


def test_opening_by_post_works_too(roles, login):
    own = _notify(roles["applicant"], "一", url="/applications/12/")
    response = login(roles["applicant"]).post(reverse("notifications:notification_open", args=[own.pk]))
    assert (response.status_code, response["Location"]) == (302, "/applications/12/")


def test_a_link_off_the_site_is_not_followed(roles, login):
    own = _notify(roles["applicant"], "一", url="https://evil.example.com/")
    response = login(roles["applicant"]).get(reverse("notifications:notification_open", args=[own.pk]))
    assert response["Location"] == LIST


def test_opening_another_users_notification_is_refused(roles, login):
    other = _notify(roles["other_applicant"], "别人的")
    response = login(roles["applicant"]).get(reverse("notifications:notification_open", args=[other.pk]))
    assert response.status_code == 403
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_mark_all_read(roles, login):
    _notify(roles["applicant"], "一")
    _notify(roles["applicant"], "二")
    other = _notify(roles["other_applicant"], "三")
    response = login(roles["applicant"]).post(reverse("notifications:mark_all_read"), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "已将 2 条通知标为已读。" in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).get() == other


def test_mark_all_read_is_post_only(roles, login):
    assert login(roles["applicant"]).get(reverse("notifications:mark_all_read")).status_code == 405


def test_the_preferences_page_shows_every_kind_with_its_defaults(roles, login):
    response = login(roles["applicant"]).get(reverse("notifications:preferences"))
    page = response.content.decode()
    assert response.status_code == 200
    for label in ("申报书已提交，待初审", "退回修改", "已推荐", "截止提醒", "公示", "异议处理结果"):
        assert label in page
    assert page.count('type="checkbox"') == 2 * len(all_kinds())
    assert page.count("checked") == 2 * len(all_kinds())
    assert "您的账号未登记电子邮箱" in page


def test_saving_the_preferences(roles, login):
    user = roles["applicant"]
    response = login(user).post(reverse("notifications:preferences"), {
        "application_returned__in_app": "on", "deadline_reminder__email": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("notifications:preferences"), 302)]
    assert "通知设置已保存。" in response.content.decode()
    rows = {kind: (in_app, email) for kind, in_app, email in
            NotificationPreference.objects.filter(user=user).values_list("kind", "in_app", "email")}
    expected = {kind.code: (False, False) for kind in all_kinds()}
    expected["application_returned"] = (True, False)
    expected["deadline_reminder"] = (False, True)
    assert rows == expected
    assert NotificationPreference.objects.exclude(user=user).count() == 0
    page = login(user).get(reverse("notifications:preferences")).content.decode()
    assert page.count("checked") == 2


def test_the_header_shows_the_unread_count(roles, login):
    user = roles["applicant"]
    for title in ("一", "二", "三"):
        _notify(user, title)
    _notify(roles["other_applicant"], "四")
    client = login(user)
    assert "消息 (3)" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("notifications:notification_open", args=[user.notifications.first().pk]))
    page = client.get(reverse("core:home")).content.decode()
    assert "消息 (2)" in page
    client.post(reverse("notifications:mark_all_read"))
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="notifications-link">消息</a>' in page


def test_no_badge_for_anonymous_visitors(client):
    assert 'data-testid="notifications-link"' not in client.get(reverse("core:home")).content.decode()
