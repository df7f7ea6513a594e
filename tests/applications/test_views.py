"""The 申报书 pages: autosave, stale saves, rows without JavaScript, submission, downloads, scoping."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhongshi.applications.models import Application

AUTOSAVE = {"HTTP_X_AUTOSAVE": "1"}


def edit_url(application, section="basic"):
    return reverse("applications:application_edit_section", args=[application.pk, section])


@pytest.fixture
def draft(roles):
    return factories.application(roles["applicant"].host_org)


@pytest.mark.django_db
def test_start_creates_a_draft_and_opens_the_form(roles, login) -> None:
    client = login(roles["applicant"])
    response = client.post(reverse("applications:application_start", args=["hubei-2026-provincial"]))
    application = Application.objects.get()
    assert response["Location"] == reverse("applications:application_edit", args=[application.pk])
    page = client.get(response["Location"]).content.decode()
    assert "联系人及电话" in page  # the first step is the cover page
    page = client.get(edit_url(application)).content.decode()
    assert "一、制造业中试平台基本信息" in page
    assert 'name="basic.host_org.name" value="%s"' % roles["applicant"].host_org.name in page


@pytest.mark.django_db
def test_every_section_renders_with_the_complete_example(roles, login, draft) -> None:
    client = login(roles["applicant"])
    for section in ("cover", "basic", "foundation", "technology", "service", "operation", "potential", "other",
                    "evidence", "declaration"):
        response = client.get(edit_url(draft, section))
        assert response.status_code == 200, section
    page = client.get(edit_url(draft, "foundation")).content.decode()
    assert 'name="foundation.equipment[5].name"' in page
    assert 'data-computed="foundation.autonomy_rate_computed">50%' in page
    assert "已完成部分：9/10" in page  # 佐证材料 are still missing


@pytest.mark.django_db
def test_autosave_stores_the_section_and_returns_its_messages(roles, login, draft) -> None:
    client = login(roles["applicant"])
    post = {"_revision": "1", "foundation.networking_rate_pct": "120", "foundation.fulltime_staff": "四十六",
            "foundation.equipment_value_wan": "3280", "foundation.site_area_sqm": "5,600"}
    response = client.post(edit_url(draft, "foundation"), post, **AUTOSAVE)
    body = response.json()
    assert (response.status_code, body["ok"], body["revision"]) == (200, True, 2)
    assert {(m["path"], m["code"]) for m in body["messages"]} >= {
        ("foundation.networking_rate_pct", "above_max"), ("foundation.fulltime_staff", "invalid_number")}
    draft.refresh_from_db()
    # What was typed is kept, even when it is not a number; the thousands separator is understood.
    assert draft.answers["foundation"]["fulltime_staff"] == "四十六"
    assert draft.answers["foundation"]["site_area_sqm"] == 5600
    assert draft.answers["foundation"]["networking_rate_pct"] == 120
    # Other sections are untouched.
    assert draft.answers["basic"] == factories.example_answers(draft.host_org)["basic"]


@pytest.mark.django_db
def test_a_stale_autosave_is_refused_with_409_and_changes_nothing(roles, login, draft) -> None:
    first, second = login(roles["applicant"]), login(factories.applicant(roles["applicant"].host_org))
    assert first.post(edit_url(draft), {"_revision": "1", "basic.platform_name": "甲中试平台"},
                      **AUTOSAVE).status_code == 200
    response = second.post(edit_url(draft), {"_revision": "1", "basic.platform_name": "乙中试平台"}, **AUTOSAVE)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_revision"
    draft.refresh_from_db()
    assert (draft.revision, draft.answers["basic"]["platform_name"]) == (2, "甲中试平台")


@pytest.mark.django_db
def test_a_stale_plain_save_shows_the_users_own_input_again(roles, login, draft) -> None:
    first, second = login(roles["applicant"]), login(factories.applicant(roles["applicant"].host_org))
    first.post(edit_url(draft), {"_revision": "1", "basic.platform_name": "甲中试平台"}, **AUTOSAVE)
    response = second.post(edit_url(draft), {"_revision": "1", "basic.platform_name": "乙中试平台"})
    page = response.content.decode()
    assert response.status_code == 409
    assert 'value="乙中试平台"' in page
    assert "已保存了这份申报书" in page


@pytest.mark.django_db
def test_rows_are_added_and_removed_without_javascript(roles, login) -> None:
    draft = factories.application(roles["applicant"].host_org, answers={"form": "hubei-2026"})
    client = login(roles["applicant"])
    page = client.get(edit_url(draft, "technology")).content.decode()
    assert len(re.findall(r'data-row="technology\.standards\.items\[\d', page)) == 0
    assert len(re.findall(r'data-row="foundation\.equipment\[\d', client.get(edit_url(draft, "foundation"))
                          .content.decode())) == 1  # min_rows: one printed blank row
    post = {"_revision": "1", "_add_row": "technology.standards.items"}
    response = client.post(edit_url(draft, "technology"), post)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["technology"]["standards"]["items"] == [{}]
    page = client.get(edit_url(draft, "technology")).content.decode()
    assert len(re.findall(r'data-row="technology\.standards\.items\[\d', page)) == 1
    response = client.post(edit_url(draft, "technology"), {"_revision": "2",
                                                            "_remove_row": "technology.standards.items[0]"})
    draft.refresh_from_db()
    assert draft.answers["technology"].get("standards", {}).get("items", []) == []


@pytest.mark.django_db
def test_a_table_row_posted_with_its_fields_round_trips(roles, login, draft) -> None:
    client = login(roles["applicant"])
    post = {"_revision": "1", "technology.standards.count": "1",
            "technology.standards.items[7].name": "中试服务规范（T/HBZS 001-2025）",
            "technology.standards.items[7].type": "团体标准", "technology.standards.items[7].role": "牵头",
            "technology.standards.items[7].published_on": "2025-06-30"}
    client.post(edit_url(draft, "technology"), post)
    draft.refresh_from_db()
    assert draft.answers["technology"]["standards"] == {"count": 1, "items": [
        {"name": "中试服务规范（T/HBZS 001-2025）", "type": "团体标准", "role": "牵头", "published_on": "2025-06-30"}]}


@pytest.mark.django_db
def test_the_check_page_lists_problems_and_submission_works(roles, login, draft) -> None:
    client = login(roles["applicant"])
    page = client.get(reverse("applications:application_submit", args=[draft.pk])).content.decode()
    assert "缺少 5 项佐证材料" not in page
    assert "提交区经信部门初审" in page
    response = client.post(reverse("applications:application_submit", args=[draft.pk]), {"_revision": "1"})
    assert response.status_code == 400
    assert "缺少 5 项佐证材料" in response.content.decode()
    for key in ("credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                "sealed_application_scan"):
        upload = SimpleUploadedFile(f"{key}.pdf", factories.pdf_bytes(key))
        client.post(reverse("applications:evidence_upload", args=[draft.pk]), {"requirement": key, "file": upload})
    response = client.post(reverse("applications:application_submit", args=[draft.pk]), {"_revision": "1"})
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    # A second click is refused with a message and changes nothing.
    response = client.post(reverse("applications:application_submit", args=[draft.pk]), {"_revision": "1"},
                           follow=True)
    assert "这份申报书已经提交，不能重复提交。" in response.content.decode()
    assert draft.rounds.count() == 1


@pytest.mark.django_db
def test_a_fake_pdf_upload_shows_a_message_and_stores_nothing(roles, login, draft) -> None:
    client = login(roles["applicant"])
    upload = SimpleUploadedFile("信用中国.pdf", "不是PDF".encode())
    response = client.post(reverse("applications:evidence_upload", args=[draft.pk]),
                           {"requirement": "credit_china", "file": upload}, follow=True)
    assert "不是 PDF、OFD、JPG、PNG 或 DOCX 文件" in response.content.decode()
    assert draft.evidence_files.count() == 0


@pytest.mark.django_db
def test_drafts_are_private_to_their_organisation(roles, login, draft) -> None:
    for role in ("district", "city", "province", "ministry"):
        assert login(roles[role]).get(draft.get_absolute_url()).status_code == 403
        assert login(roles[role]).get(reverse("applications:application_list")).context["object_list"].count() == 0
    assert login(roles["applicant"]).get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_lists_are_scoped(roles, login) -> None:
    mine = factories.application(roles["applicant"].host_org, status="submitted")
    theirs = factories.application(roles["other_applicant"].host_org, status="submitted")
    def listed(role):
        return set(login(roles[role]).get(reverse("applications:application_list")).context["object_list"])
    assert listed("applicant") == {mine}
    assert listed("other_applicant") == {theirs}
    assert listed("district") == {mine}
    assert listed("other_district") == {theirs}
    assert listed("city") == {mine, theirs}
    assert listed("other_province") == set()


@pytest.mark.django_db
def test_the_json_export_is_the_normalised_answers(roles, login) -> None:
    application = factories.application(roles["applicant"].host_org, status="submitted")
    response = login(roles["district"]).get(reverse("applications:application_export", args=[application.pk, "json"]))
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == factories.example_answers(application.host_org)
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_request_of_several_megabytes_gets_a_clear_400_and_changes_nothing(roles, login, draft, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    client = login(roles["applicant"])
    response = client.post(edit_url(draft), {"_revision": "1", "basic.introduction": "中" * (7 * 1024 * 1024)})
    assert response.status_code == 400
    assert "请求无法处理" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.revision, draft.answers) == (1, factories.example_answers(draft.host_org))
