from __future__ import annotations

import pytest
from django.db import transaction

from tests import factories
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.notifications import kinds
from zhongshi.notifications.domain.notify import mark_all_read, mark_read, notify, set_preferences
from zhongshi.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db

TITLE = "光芯中试平台：退回修改"
SUBJECT = "【制造业中试平台】光芯中试平台：退回修改"


def _notify(users, kind="application_returned", **kwargs):
    return notify(users=users, kind=kind, title=TITLE, body="请补充佐证材料。", url="/applications/7/", **kwargs)


def test_notify_creates_one_notification_per_distinct_active_user(applicant, colleague):
    inactive = factories.applicant(applicant.host_org, is_active=False, email="gone@example.cn")
    created = _notify([applicant, colleague, applicant, inactive, None])
    assert [n.user for n in created] == [applicant, colleague]
    rows = list(Notification.objects.order_by("pk").values_list("user__username", "kind", "title", "body", "url",
                                                                "read_at"))
    assert rows == [
        ("li", "application_returned", TITLE, "请补充佐证材料。", "/applications/7/", None),
        ("wang", "application_returned", TITLE, "请补充佐证材料。", "/applications/7/", None),
    ]


def test_notify_accepts_a_queryset_and_nobody(applicant):
    assert _notify([]) == []
    from zhongshi.accounts.models import User

    assert len(_notify(User.objects.filter(pk=applicant.pk))) == 1


def test_unknown_kind_is_refused(applicant):
    with pytest.raises(kinds.UnknownKindError):
        _notify([applicant], kind="no_such_kind")
    assert Notification.objects.count() == 0


def test_email_goes_after_commit_with_the_exact_subject(applicant, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify([applicant])
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == SUBJECT
    assert message.to == ["li@example.cn"]
    assert message.from_email == "zhongshi@localhost"
    assert message.body == (
        "李工，您好：\n\n"
        f"{TITLE}\n\n"
        "请补充佐证材料。\n\n"
        "查看详情：http://127.0.0.1:8000/applications/7/\n\n"
        "本邮件由制造业中试平台管理服务系统自动发送，请勿回复。您可以在通知设置中选择通过邮件接收哪些通知："
        "http://127.0.0.1:8000/notifications/settings/\n"
    )


def test_email_links_start_with_the_configured_base_url(applicant, mailoutbox, settings,
                                                       django_capture_on_commit_callbacks):
    settings.ZHONGSHI_BASE_URL = "https://zhongshi.example.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[applicant], kind="deadline_reminder", title="区级初审截止提醒")
    assert mailoutbox[0].subject == "【制造业中试平台】区级初审截止提醒"
    assert "查看详情：https://zhongshi.example.cn/notifications/\n" in mailoutbox[0].body


def test_one_email_per_recipient(applicant, colleague, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([applicant, colleague])
    assert [m.to for m in mailoutbox] == [["li@example.cn"], ["wang@example.cn"]]


def test_no_email_for_a_user_without_address(applicant, mailoutbox, django_capture_on_commit_callbacks):
    no_address = factories.applicant(applicant.host_org, username="zhao", email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = _notify([no_address])
    assert [n.user for n in created] == [no_address]
    assert callbacks == []
    assert mailoutbox == []


def test_a_rolled_back_transition_sends_nothing(applicant, mailoutbox, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        _notify([applicant])
        raise RuntimeError("the transition failed")
    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.count() == 0


def test_preference_turns_the_in_app_channel_off_only(applicant, colleague, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=applicant, kind="application_returned", in_app=False, email=True)
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([applicant, colleague])
    assert [n.user for n in created] == [colleague]
    assert [m.to for m in mailoutbox] == [["li@example.cn"], ["wang@example.cn"]]


def test_preference_turns_the_email_channel_off_only(applicant, colleague, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=applicant, kind="application_returned", in_app=True, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([applicant, colleague])
    assert [n.user for n in created] == [applicant, colleague]
    assert [m.to for m in mailoutbox] == [["wang@example.cn"]]


def test_preference_of_another_kind_does_not_apply(applicant, mailoutbox, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=applicant, kind="notice_published", in_app=False, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([applicant])
    assert len(created) == 1
    assert len(mailoutbox) == 1


@pytest.fixture
def quiet_kind():
    kind = kinds.register_kind("quarterly_update_due", "季度更新提醒", email_default=False)
    yield kind
    kinds._KINDS.pop("quarterly_update_due")


def test_a_registered_kind_uses_its_default_channels(applicant, quiet_kind, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(users=[applicant], kind="quarterly_update_due", title="请在季度末前更新数据")
    assert len(created) == 1
    assert created[0].kind_label == "季度更新提醒"
    assert mailoutbox == []
    set_preferences(user=applicant, choices={"quarterly_update_due": (True, True)})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[applicant], kind="quarterly_update_due", title="请在季度末前更新数据")
    assert [m.subject for m in mailoutbox] == ["【制造业中试平台】请在季度末前更新数据"]


def test_long_titles_are_cut_and_kept_on_one_line(applicant):
    created = notify(users=[applicant], kind="application_decided", title="第一行\n第二行" + "长" * 300)
    assert created[0].title.startswith("第一行 第二行长")
    assert len(created[0].title) == 200


def test_mark_read(applicant, colleague):
    own = _notify([applicant])[0]
    assert mark_read(user=applicant, notification=own).read_at is not None
    first = Notification.objects.get(pk=own.pk).read_at
    assert first is not None
    mark_read(user=applicant, notification=Notification.objects.get(pk=own.pk))
    assert Notification.objects.get(pk=own.pk).read_at == first


def test_mark_read_refuses_another_users_notification(applicant, colleague):
    own = _notify([applicant])[0]
    with pytest.raises(NotAllowed):
        mark_read(user=colleague, notification=own)
    assert Notification.objects.get(pk=own.pk).read_at is None


def test_mark_all_read_marks_only_the_users_own(applicant, colleague):
    _notify([applicant, colleague])
    _notify([applicant], kind="notice_published")
    assert mark_all_read(user=applicant) == 2
    assert mark_all_read(user=applicant) == 0
    unread = Notification.objects.filter(read_at__isnull=True).values_list("user__username", flat=True)
    assert list(unread) == ["wang"]


def test_set_preferences_creates_and_updates_rows(applicant):
    set_preferences(user=applicant, choices={"application_returned": (False, True), "deadline_reminder": (True, False)})
    set_preferences(user=applicant, choices={"application_returned": (True, False)})
    rows = set(NotificationPreference.objects.values_list("user__username", "kind", "in_app", "email"))
    assert rows == {("li", "application_returned", True, False), ("li", "deadline_reminder", True, False)}


def test_set_preferences_refuses_an_unknown_kind(applicant):
    with pytest.raises(DomainError) as info:
        set_preferences(user=applicant, choices={"application_returned": (False, False), "nope": (True, True)})
    assert info.value.code == "unknown_kind"
    assert NotificationPreference.objects.count() == 0
