"""Refusals found in review: out-of-area extensions and applications, bogus decisions, huge numbers,
stranded chains, resubmission after the call closed, returned applications kept private."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhongshi.applications.domain.edit_application import create_application, save_answers
from zhongshi.applications.domain.submit_application import submit_application
from zhongshi.calls.domain.chain import effective_deadline, grant_extension
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.reviews.domain.act_on_application import review_application

CHECKED = {"completeness": True, "conformity": True, "authenticity": True}


@pytest.mark.django_db
def test_extensions_only_inside_the_granters_area(roles, open_call) -> None:
    later = timezone.now() + timedelta(days=30)
    with pytest.raises(NotAllowed):  # Zhejiang's province is not above any level of the Hubei call
        grant_extension(user=roles["other_province"], call=open_call, level="city", deadline=later, reason="x")
    grant_extension(user=roles["city"], call=open_call, level="district", deadline=later, reason="武汉全市延期")
    yichang_district = factories.authority("420502")
    assert effective_deadline(open_call, "district", roles["district"].authority) == later
    assert effective_deadline(open_call, "district", yichang_district) != later
    assert effective_deadline(open_call, "district") != later  # not call-wide


@pytest.mark.django_db
def test_a_call_takes_applications_from_its_area_only(roles, open_call) -> None:
    zhejiang = factories.applicant(factories.HostOrgFactory(district=factories.region("330102")))
    with pytest.raises(DomainError) as info:
        create_application(user=zhejiang, call=open_call)
    assert info.value.code == "outside_call_area"


@pytest.mark.django_db
def test_a_bogus_decision_is_refused_and_changes_nothing(roles, login, submitted) -> None:
    submitted.current_level = "province"
    submitted.save()
    response = login(roles["province"]).post(reverse("reviews:review", args=[submitted.pk]),
                                             {"decision": "maybe", "reasons": "?", "revision": submitted.revision})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.django_db
def test_a_huge_number_is_kept_as_typed_text(roles, login) -> None:
    draft = factories.application(roles["applicant"].host_org)
    url = reverse("applications:application_edit_section", args=[draft.pk, "foundation"])
    response = login(roles["applicant"]).post(url, {"_revision": "1", "foundation.equipment_value_wan": "1e3000000",
                                                    "foundation.fulltime_staff": "9" * 5000}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200
    codes = {(m["path"], m["code"]) for m in response.json()["messages"]}
    assert ("foundation.equipment_value_wan", "invalid_number") in codes
    assert ("foundation.fulltime_staff", "invalid_number") in codes


@pytest.mark.django_db
def test_forward_ignores_malformed_ids(roles, login) -> None:
    response = login(roles["city"]).post(reverse("reviews:forward"), {
        "application": ["abc", "99999999999999999999"], "letter": SimpleUploadedFile("a.pdf", factories.pdf_bytes())},
        follow=True)
    assert response.status_code == 200
    assert "请勾选要报送的申报书。" in response.content.decode()


@pytest.mark.django_db
def test_a_level_holding_applications_cannot_leave_the_chain(roles, submitted, open_call) -> None:
    from zhongshi.calls.domain.update_call import InvalidCallError, update_call

    chain = [{"level": "city", "deadline": None}, {"level": "province", "deadline": None}]
    with pytest.raises(InvalidCallError) as info:
        update_call(user=roles["province"], call=open_call, data={"chain": chain})
    assert [e.code for e in info.value.errors] == ["level_in_use"]
    assert info.value.errors[0].message == "有 1 份已提交的申报书停留在区级，该层级不能移出审核链。"


@pytest.mark.django_db
def test_a_returned_application_comes_back_after_the_call_closed(roles, submitted, open_call) -> None:
    review_application(user=roles["district"], application=submitted, action="return", opinion="请补充材料")
    open_call.status = "closed"
    open_call.save()
    submitted.refresh_from_db()
    again = submit_application(user=roles["applicant"], application=submitted, base_revision=submitted.revision)
    assert (again.status, again.round) == ("submitted", 2)


@pytest.mark.django_db
def test_authorities_see_the_submitted_round_while_it_is_revised(roles, login, submitted) -> None:
    review_application(user=roles["district"], application=submitted, action="return", opinion="请修改")
    submitted.refresh_from_db()
    answers = dict(submitted.answers)
    answers["basic"] = {**answers["basic"], "platform_name": "修改中的名称中试平台"}
    save_answers(user=roles["applicant"], application=submitted, answers=answers, base_revision=submitted.revision)
    district_page = login(roles["district"]).get(submitted.get_absolute_url()).content.decode()
    basic = district_page.split('id="s-basic"')[1]
    assert 'value="修改中的名称中试平台"' not in basic  # the form shown is round 1's
    assert f'value="{factories.example_answers()["basic"]["platform_name"]}"' in basic
    exported = login(roles["district"]).get(reverse("applications:application_export", args=[submitted.pk, "json"]))
    assert b"\\u4fee\\u6539\\u4e2d" not in exported.content and "修改中的名称".encode() not in exported.content
    own = login(roles["applicant"]).get(reverse("applications:application_export", args=[submitted.pk, "json"]))
    assert "修改中的名称中试平台".encode() in own.content


@pytest.mark.django_db
def test_a_copied_call_is_not_public_until_opened(roles, login) -> None:
    from django.test import Client

    from zhongshi.calls.domain.copy_call import copy_call

    copy = copy_call(user=roles["province"], source=factories.call(), code="hubei-2027", title="第三批（筹备中）")
    assert Client().get(reverse("calls:call_detail", args=[copy.code])).status_code == 404
    assert "第三批（筹备中）" not in Client().get(reverse("calls:call_list")).content.decode()
    assert login(roles["province"]).get(reverse("calls:call_detail", args=[copy.code])).status_code == 200
