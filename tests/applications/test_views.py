"""The 申报书 pages: autosave, stale saves, rows without JavaScript, submission, downloads, scoping."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

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


# ---------------------------------------------------------------- the registration decides 依托单位 and 所在地


@pytest.mark.django_db
def test_identity_and_location_are_shown_read_only_and_taken_from_the_registration(roles, login, draft) -> None:
    client = login(roles["applicant"])
    page = client.get(edit_url(draft)).content.decode()
    org = draft.host_org
    assert (f'name="basic.host_org.name" value="{org.name}" aria-required="true" readonly aria-readonly="true"'
            in page)
    assert 'name="basic.location.district" value="武汉东湖新技术开发区" aria-required="true" readonly' not in page
    assert 'name="basic.location.district" value="武汉东湖新技术开发区" readonly aria-readonly="true"' in page
    assert 'name="basic.platform_name" value="高速光电子器件封装测试中试平台" aria-required="true">' in page
    post = {"_revision": "1", "basic.host_org.name": "别人的公司", "basic.host_org.credit_code": "91330100MA0000000X",
            "basic.location.province": "浙江省", "basic.location.city": "杭州市", "basic.location.district": "西湖区",
            "basic.leader_name": "新负责人"}
    response = client.post(edit_url(draft), post, **AUTOSAVE)
    assert (response.status_code, response.json()["ok"]) == (200, True)
    draft.refresh_from_db()
    assert draft.answers["basic"]["host_org"]["name"] == org.name
    assert draft.answers["basic"]["host_org"]["credit_code"] == org.credit_code
    assert draft.answers["basic"]["location"] == {"province": "湖北省", "city": "武汉市", "district": "武汉东湖新技术开发区"}
    assert draft.answers["basic"]["leader_name"] == "新负责人"


@pytest.mark.django_db
def test_the_violations_question_is_a_yes_no_with_its_detail_beside_it(roles, login, draft) -> None:
    client = login(roles["applicant"])
    page = client.get(edit_url(draft)).content.decode()
    assert page.count('name="basic.violations_detail"') == 1  # in the question's own row, not a row of its own
    assert 'name="basic.violations_last_3_years" value="false" checked' in page
    response = client.post(edit_url(draft), {"_revision": "1", "basic.violations_last_3_years": "true",
                                             "basic.violations_detail": ""}, **AUTOSAVE)
    assert ("basic.violations_detail", "required") not in [(m["path"], m["code"]) for m in response.json()["messages"]]
    draft.refresh_from_db()
    assert draft.answers["basic"]["violations_last_3_years"] is True
    response = client.post(edit_url(draft), {"_revision": "2", "basic.violations_last_3_years": "true",
                                             "basic.violations_detail": "2024年3月受到环保行政处罚，已整改。"}, **AUTOSAVE)
    draft.refresh_from_db()
    assert (draft.answers["basic"]["violations_last_3_years"], draft.answers["basic"]["violations_detail"]) == (
        True, "2024年3月受到环保行政处罚，已整改。")


# ---------------------------------------------------------------- crafted posts: 400, the draft as it was


def equipment_post(rows, revision="1"):
    post = {"_revision": revision}
    for index in rows:
        post.update({f"foundation.equipment[{index}].name": "设备", f"foundation.equipment[{index}].quantity": "1"})
    return post


CRAFTED = {
    "an index of thousands of digits": {"_revision": "1", "foundation.equipment[" + "9" * 5000 + "].name": "x"},
    "a gap of 10^9 between indices": equipment_post([0, 10**9]),
    "50,000 nested names": {"_revision": "1", "foundation." + ".".join(["a"] * 50_000): "x"},
    "nested brackets": {"_revision": "1", "foundation.equipment[0][0][0].name": "x"},
    "rows under a field that is no table": {"_revision": "1", "foundation.fulltime_staff[0].x": "1"},
    "501 rows of the 要素表": equipment_post(range(501)),
    "a row added to a table that does not exist": {"_revision": "1", "_add_row": "foundation." + "a." * 25_000 + "b"},
    "a row removed with an absurd index": {"_revision": "1", "_remove_row": "foundation.equipment[" + "1" * 5000 + "]"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_post_gets_400_with_a_chinese_message_and_changes_nothing(roles, login, draft, name) -> None:
    client = login(roles["applicant"])
    before = Application.objects.get(pk=draft.pk).answers
    urlencoded = urlencode(CRAFTED[name])
    for headers, form in (({}, False), (AUTOSAVE, False), ({}, True), (AUTOSAVE, True)):
        if form:  # a plain form's encoding: our own parser sees every name
            response = client.post(edit_url(draft, "foundation"), urlencoded,
                                   content_type="application/x-www-form-urlencoded", **headers)
        else:
            response = client.post(edit_url(draft, "foundation"), CRAFTED[name], **headers)
        assert response.status_code == 400, name
        assert len(response.content) < 1_000_000
        # Names longer than Django's multipart header limit are refused by Django itself, with the 400 page.
        json_body = response["Content-Type"] == "application/json"
        text = response.json()["message"] if json_body else response.content.decode()
        assert "保存任何内容" in text, text[:300]
        if form:
            assert "未保存任何内容；请刷新页面" in text or "最多 500 行，未保存任何内容" in text
    draft.refresh_from_db()
    assert (draft.revision, draft.answers) == (1, before)


@pytest.mark.django_db
def test_a_post_at_the_row_limit_is_saved_and_one_more_row_is_refused(roles, login, draft) -> None:
    client = login(roles["applicant"])
    response = client.post(edit_url(draft, "foundation"), equipment_post(range(0, 1000, 2)), **AUTOSAVE)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.revision, len(draft.answers["foundation"]["equipment"])) == (2, 500)
    response = client.post(edit_url(draft, "foundation"), {**equipment_post(range(0, 1000, 2), "2"),
                                                           "_add_row": "foundation.equipment"})
    assert response.status_code == 400
    assert "“中试平台软硬件（装备、仪器、软件、配套公辅设施等）要素表”最多 500 行" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.revision, len(draft.answers["foundation"]["equipment"])) == (2, 500)
