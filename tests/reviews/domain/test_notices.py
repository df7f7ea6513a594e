"""公示: publish the approved list, objections during the period, handling, and the final result."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.reviews.domain.act_on_application import decide_application, forward_applications, review_application
from zhongshi.reviews.domain.notices import close_notice, file_objection, handle_objection, publish_notice

CHECKED = {"completeness": True, "conformity": True, "authenticity": True}


@pytest.fixture
def approved(roles, submitted):
    review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                       checklist=CHECKED)
    forward_applications(user=roles["city"], applications=[submitted],
                         letter=SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes()))
    decide_application(user=roles["province"], application=submitted, approve=True, reasons="符合条件")
    submitted.refresh_from_db()
    return submitted


def _publish(roles, call, *, days=7):
    now = timezone.now()
    return publish_notice(user=roles["province"], call=call, title="第二批省级制造业中试平台公示", text="公示期7天",
                          starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=days))


@pytest.mark.django_db
def test_publish_object_handle_and_close(roles, approved, open_call) -> None:
    notice = _publish(roles, open_call)
    assert list(notice.applications.all()) == [approved]
    objection = file_objection(notice=notice, application=approved, name="张三", contact="027-1234567",
                               text="该平台服务收入存疑")
    with pytest.raises(DomainError) as info:
        close_notice(notice=notice, user=roles["province"], now=notice.ends_at + timedelta(minutes=1))
    assert info.value.code == "open_objections"
    with pytest.raises(NotAllowed):
        handle_objection(user=roles["city"], objection=objection, upheld=False, response="x")
    handle_objection(user=roles["province"], objection=objection, upheld=False, response="经核实，收入真实。")
    with pytest.raises(DomainError) as info:
        close_notice(notice=notice, user=roles["province"])
    assert info.value.code == "not_ended"
    final = close_notice(notice=notice, user=roles["province"], now=notice.ends_at + timedelta(minutes=1))
    approved.refresh_from_db()
    assert final == [approved]
    assert approved.final_at == notice.ends_at + timedelta(minutes=1)
    assert approved.steps.order_by("-pk").first().action == "final"


@pytest.mark.django_db
def test_an_upheld_objection_withdraws_the_approval(roles, approved, open_call) -> None:
    notice = _publish(roles, open_call)
    objection = file_objection(notice=notice, application=approved, name="李四", contact="lisi@example.com",
                               text="数据造假")
    handle_objection(user=roles["province"], objection=objection, upheld=True, response="经核实，数据不实，撤销认定。")
    approved.refresh_from_db()
    assert approved.status == "rejected"
    assert close_notice(notice=notice, user=roles["province"], now=notice.ends_at + timedelta(seconds=1)) == []


@pytest.mark.django_db
def test_objections_only_during_the_period_and_complete(roles, approved, open_call) -> None:
    notice = _publish(roles, open_call)
    with pytest.raises(DomainError) as info:
        file_objection(notice=notice, application=approved, name="", contact="x", text="y")
    assert info.value.field == "name"
    notice.ends_at = timezone.now() - timedelta(seconds=1)
    notice.save()
    with pytest.raises(DomainError) as info:
        file_objection(notice=notice, application=approved, name="王五", contact="x", text="y")
    assert info.value.code == "notice_closed"


@pytest.mark.django_db
def test_only_the_deciding_authority_publishes_and_only_approved(roles, open_call, submitted) -> None:
    with pytest.raises(NotAllowed):
        _publish({"province": roles["city"]}, open_call)
    with pytest.raises(DomainError) as info:
        _publish(roles, open_call)
    assert info.value.code == "nothing_to_publish"
