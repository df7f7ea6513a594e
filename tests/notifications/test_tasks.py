from __future__ import annotations

from zhongshi.notifications.tasks import email_subject, send_notification_email


def test_subject_is_one_line():
    assert email_subject("申报书\n已退回") == "【制造业中试平台】申报书 已退回"


def test_the_task_sends_one_message(mailoutbox):
    sent = send_notification_email.delay(to="li@example.cn", name="李工", title="公示", body="",
                                         url="http://127.0.0.1:8000/reviews/notices/1/",
                                         settings_url="http://127.0.0.1:8000/notifications/settings/").get()
    assert sent == 1
    assert [(m.subject, m.to) for m in mailoutbox] == [("【制造业中试平台】公示", ["li@example.cn"])]
    assert "查看详情：http://127.0.0.1:8000/reviews/notices/1/" in mailoutbox[0].body
