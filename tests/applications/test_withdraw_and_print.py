"""Withdrawing a submission while no authority has acted on it, and the print view of the 申报书 (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhongshi.applications.domain.submit_application import submit_application
from zhongshi.applications.domain.transitions import move_application
from zhongshi.applications.domain.withdraw_application import withdraw_application
from zhongshi.applications.models import ApplicationRound
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.notifications.models import Notification


def submitted(roles, level="district"):
    application = factories.application(roles["applicant"].host_org, status="submitted", current_level=level,
                                        round=1, submitted_at=timezone.now())
    ApplicationRound.objects.create(application=application, number=1, answers=application.answers,
                                    revision=application.revision, submitted_by=roles["applicant"],
                                    submitted_at=application.submitted_at)
    return application


@pytest.mark.django_db(transaction=True)
def test_the_applicant_withdraws_after_confirming_and_the_district_hears_of_it(roles, login) -> None:
    application = submitted(roles)
    client = login(roles["applicant"])
    detail = client.get(application.get_absolute_url()).content.decode()
    assert 'data-testid="withdraw"' in detail
    url = reverse("applications:application_withdraw", args=[application.pk])
    confirm = client.get(url).content.decode()
    assert "确定撤回申报吗？" in confirm
    assert f"{roles['district'].authority.name} 尚未处理这份申报书" in confirm
    assert "第 1 轮提交的内容会保留记录" in confirm
    application.refresh_from_db()
    assert application.status == "submitted"  # the GET changes nothing
    response = client.post(url, follow=True)
    assert "已撤回申报，申报书恢复为草稿。第 1 轮提交记录保留" in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.current_level, application.round) == ("draft", "", 1)
    assert application.rounds.count() == 1
    event = AuditEntry.objects.filter(target_id=str(application.pk), action="transition").order_by("-pk").first()
    assert (event.before, event.after, event.actor_name != "") == ({"status": "submitted@district"},
                                                                  {"status": "draft"}, True)
    assert event.message == "依托单位撤回申报（第 1 轮提交记录保留）"
    notes = Notification.objects.filter(user=roles["district"], kind="application_withdrawn")
    assert [n.title for n in notes] == [f"{application.host_org.name} 已撤回申报：{application.platform_name}"]
    # the district no longer sees it; the applicant edits it again
    assert login(roles["district"]).get(application.get_absolute_url()).status_code == 403
    assert client.get(reverse("applications:application_edit", args=[application.pk])).status_code == 200


@pytest.mark.django_db
def test_no_withdrawal_once_the_district_has_acted(roles, login) -> None:
    application = submitted(roles)
    move_application(application=application, move="recommend", actor=roles["district"], level="city")
    client = login(roles["applicant"])
    assert 'data-testid="withdraw"' not in client.get(application.get_absolute_url()).content.decode()
    assert client.post(reverse("applications:application_withdraw", args=[application.pk])).status_code == 403
    with pytest.raises(NotAllowed, match="您无权撤回这份申报书。"):
        withdraw_application(user=roles["applicant"], application=application)
    application.refresh_from_db()
    assert (application.status, application.current_level) == ("submitted", "city")


@pytest.mark.django_db
def test_another_organisation_cannot_withdraw(roles, login) -> None:
    application = submitted(roles)
    response = login(roles["other_applicant"]).post(reverse("applications:application_withdraw",
                                                            args=[application.pk]))
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


REQUIRED = ("credit_china", "honour_certificates", "service_proofs", "signed_declaration", "sealed_application_scan")


@pytest.mark.django_db
def test_a_withdrawn_application_is_submitted_again_only_within_the_calls_window(roles) -> None:
    """A withdrawal gives the application back to the applicant like a draft: submitting it again keeps to the
    call's submission window as a first submission does (a return for revision, the authority's doing, does not)."""
    reserve = factories.call("miit-reserve")
    reserve.rounds = [{"month": "2026-06"}]  # its only round's window (the last 5 working days of June) has passed
    reserve.save()
    application = submitted(roles)
    application.call = reserve
    application.save()
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    withdraw_application(user=roles["applicant"], application=application)
    application.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        submit_application(user=roles["applicant"], application=application, base_revision=application.revision)
    assert (refused.value.code, refused.value.message) == (
        "outside_window", "本通知的申报时间为2026年6月24日至2026年6月30日。")
    application.refresh_from_db()
    assert (application.status, application.round) == ("draft", 1)
    # a closed call takes no withdrawn application back either
    hubei = factories.call()
    hubei.status = "closed"
    hubei.save()
    application.call = hubei
    application.save()
    with pytest.raises(DomainError) as closed:
        submit_application(user=roles["applicant"], application=application, base_revision=application.revision)
    assert (closed.value.code, closed.value.message) == ("call_closed", "该申报通知已截止。")
    # while the call is open, it goes back to the district as round 2
    hubei.status = "open"
    hubei.save()
    again = submit_application(user=roles["applicant"], application=application, base_revision=application.revision)
    assert (again.status, again.current_level, again.round) == ("submitted", "district", 2)


@pytest.mark.django_db
def test_the_print_view_is_the_document_with_units_and_tables(roles, login) -> None:
    application = submitted(roles)
    page = login(roles["applicant"]).get(reverse("applications:application_print", args=[application.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<input" not in html and "site-header" not in html
    assert "一、制造业中试平台基本信息" in html
    assert "<td>6,800 平方米</td>" in html
    assert "<td>上年度：292 天；申报当年度：16 天</td>" in html
    assert '<th scope="col">原值合计（万元）</th>' in html  # the unit of the label, not doubled
    assert "<td>L4</td>" in html
    assert "是。平台具备公共属性" in html
    assert "@page" not in html  # the print CSS lives in the stylesheet
    assert login(roles["district"]).get(reverse("applications:application_print",
                                                args=[application.pk])).status_code == 200
