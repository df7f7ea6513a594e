"""src/zhongshi/applications/domain/check_registration.py: 依托单位, credit code and 所在地 are the registration's,
and 所在地 lies in the call's area; refused on save, import and submit, judged by check-application."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from zhongshi.applications.domain.check_registration import (
    RegistrationMismatchError,
    check_registration,
    fill_registration,
    registered_location,
)
from zhongshi.applications.domain.edit_application import save_answers
from zhongshi.applications.domain.import_application import ImportRefusedError, import_application
from zhongshi.applications.domain.queries.check_file import check_application_data
from zhongshi.applications.domain.submit_application import NotSubmittableError, submit_application
from zhongshi.applications.models import Application
from zhongshi.formversions.domain.formdef import load_form

ROOT = Path(__file__).resolve().parents[3]
CREDIT_CODE = "91420100MA4KQ7T8XT"  # the complete example's
HANGZHOU = {"province": "浙江省", "city": "杭州市", "district": "西湖区"}


def codes(issues):
    return [(issue.path, issue.code) for issue in issues]


@pytest.fixture
def org(db):
    """The organisation the complete example names, registered in 武汉东湖新技术开发区."""
    return factories.HostOrgFactory(credit_code=CREDIT_CODE, name="武汉光芯精密制造有限公司",
                                    district=factories.region("420171"))


@pytest.mark.django_db
def test_the_complete_example_matches_its_registration(org) -> None:
    assert check_registration(call=factories.call(), host_org=org, answers=factories.example_answers()) == []
    assert registered_location(org) == {"province": "湖北省", "city": "武汉市", "district": "武汉东湖新技术开发区"}


@pytest.mark.django_db
def test_a_city_without_districts_is_registered_without_one(db) -> None:
    xiantao = factories.HostOrgFactory(district=factories.region("429004"))
    assert registered_location(xiantao) == {"province": "湖北省", "city": "仙桃市"}


@pytest.mark.django_db
def test_another_organisations_identity_is_refused_at_its_field(org) -> None:
    answers = factories.example_answers()
    answers["basic"]["host_org"]["name"] = "湖北某某集团有限公司"
    answers["basic"]["host_org"]["credit_code"] = factories.credit_code()
    issues = check_registration(call=factories.call(), host_org=org, answers=answers)
    assert codes(issues) == [("basic.host_org.name", "host_org_mismatch"),
                             ("basic.host_org.credit_code", "host_org_mismatch")]
    assert issues[0].message == ("“依托单位”应与注册信息一致：武汉光芯精密制造有限公司（申报书填写为“湖北某某集团有限公司”）。")
    assert issues[1].message.startswith(f"“统一社会信用代码”应与注册信息一致：{CREDIT_CODE}（申报书填写为“")


@pytest.mark.django_db
def test_a_credit_code_in_lower_case_is_the_same_code(org) -> None:
    answers = factories.example_answers()
    answers["basic"]["host_org"]["credit_code"] = CREDIT_CODE.lower()
    assert check_registration(call=factories.call(), host_org=org, answers=answers) == []


@pytest.mark.django_db
def test_another_district_is_refused(org) -> None:
    answers = factories.example_answers()
    answers["basic"]["location"]["district"] = "洪山区"
    issues = check_registration(call=factories.call(), host_org=org, answers=answers)
    assert codes(issues) == [("basic.location.district", "location_mismatch")]
    assert issues[0].message == ("所在地应为依托单位注册的所在地“湖北省武汉市武汉东湖新技术开发区”"
                                 "（申报书填写为“湖北省武汉市洪山区”）。")


@pytest.mark.django_db
def test_a_hubei_call_refuses_a_location_in_zhejiang(org) -> None:
    answers = factories.example_answers()
    answers["basic"]["location"] = dict(HANGZHOU)
    issues = check_registration(call=factories.call(), host_org=org, answers=answers)
    assert codes(issues) == [("basic.location.province", "location_mismatch"),
                             ("basic.location.province", "outside_call_area")]
    assert issues[1].message == "本申报通知只受理湖北省的申报，所在地“浙江省杭州市西湖区”不在其范围内。"
    # Without a registered organisation, only the call's area is judged.
    assert codes(check_registration(call=factories.call(), host_org=None, answers=answers)) == [
        ("basic.location.province", "outside_call_area")]
    # The ministry's call takes applications from everywhere.
    assert check_registration(call=factories.call("miit-reserve"), host_org=None, answers=answers) == []


@pytest.mark.django_db
def test_fill_registration_overwrites_identity_and_location_only(org) -> None:
    answers = factories.example_answers()
    answers["basic"]["host_org"] = {"name": "别人", "credit_code": "X", "unit_type": "国企"}
    answers["basic"]["location"] = dict(HANGZHOU)
    filled = fill_registration(answers, org, load_form("hubei-2026"))
    assert filled["basic"]["host_org"] == {"name": org.name, "credit_code": org.credit_code, "unit_type": "国企"}
    assert filled["basic"]["location"] == {"province": "湖北省", "city": "武汉市", "district": "武汉东湖新技术开发区"}
    assert answers["basic"]["host_org"]["name"] == "别人"  # a copy: the caller's answers are untouched


@pytest.mark.django_db
def test_saving_another_identity_is_refused_and_the_draft_stays(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    before = Application.objects.get(pk=application.pk).answers
    answers = factories.example_answers(roles["applicant"].host_org)
    answers["basic"]["host_org"]["name"] = "别的公司"
    with pytest.raises(RegistrationMismatchError) as info:
        save_answers(user=roles["applicant"], application=application, answers=answers, base_revision=1)
    assert (info.value.code, info.value.field) == ("host_org_mismatch", "basic.host_org.name")
    application.refresh_from_db()
    assert (application.revision, application.answers) == (1, before)


@pytest.mark.django_db
def test_a_draft_with_another_identity_cannot_be_submitted(roles) -> None:
    application = factories.application(roles["applicant"].host_org, registered=False)  # the example's identity
    for key in ("credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                "sealed_application_scan"):
        factories.evidence_file(application, requirement=key)
    with pytest.raises(NotSubmittableError) as info:
        submit_application(user=roles["applicant"], application=application, base_revision=1)
    assert codes(info.value.report.errors) == [("basic.host_org.name", "host_org_mismatch"),
                                               ("basic.host_org.credit_code", "host_org_mismatch")]
    application.refresh_from_db()
    assert (application.status, application.round) == ("draft", 0)


@pytest.mark.django_db
def test_import_refuses_a_location_other_than_the_registration(org) -> None:
    data = factories.example_answers()
    data["basic"]["location"]["district"] = "洪山区"
    with pytest.raises(ImportRefusedError) as info:
        import_application(call=factories.call(), data=data)
    assert codes(info.value.result.errors) == [("basic.location.district", "location_mismatch")]
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_import_application_command_exits_1_on_a_mismatch(org, tmp_path, capsys) -> None:
    data = factories.example_answers()
    data["basic"]["host_org"]["name"] = "湖北某某集团有限公司"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import_application", "--call", "hubei-2026-provincial", str(path))
    assert info.value.returncode == 1
    assert "basic.host_org.name  [host_org_mismatch]" in capsys.readouterr().err
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_check_application_judges_identity_only_for_a_registered_organisation(db) -> None:
    data = factories.example_answers()
    data["basic"]["location"] = dict(HANGZHOU)
    report = check_application_data(factories.call(), data)
    assert [(e["path"], e["code"]) for e in report["errors"]] == [("basic.location.province", "outside_call_area")]
    assert report["submittable"] is False
    factories.HostOrgFactory(credit_code=CREDIT_CODE, name="另一个名字有限公司")
    report = check_application_data(factories.call(), data)
    assert [(e["path"], e["code"]) for e in report["errors"]] == [
        ("basic.host_org.name", "host_org_mismatch"), ("basic.location.province", "location_mismatch"),
        ("basic.location.province", "outside_call_area")]
    complete = json.loads((ROOT / "examples" / "hubei-2026-complete.json").read_text(encoding="utf-8"))
    assert check_application_data(factories.call(), complete)["errors"] == [
        {"path": "basic.host_org.name", "code": "host_org_mismatch",
         "message": "“依托单位”应与注册信息一致：另一个名字有限公司（申报书填写为“武汉光芯精密制造有限公司”）。"}]


@pytest.mark.django_db
def test_import_refuses_more_rows_than_a_table_allows(org) -> None:
    data = factories.example_answers()
    data["service"]["service_projects"] = data["service"]["service_projects"] * 101  # 5 × 101 = 505 rows
    with pytest.raises(ImportRefusedError) as info:
        import_application(call=factories.call(), data=data)
    assert codes(info.value.result.errors) == [("service.service_projects", "too_many_rows")]
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_check_application_judges_a_pending_organisation_as_the_import_does() -> None:
    org = factories.HostOrgFactory(status="pending")
    data = factories.example_answers(org)
    result = check_application_data(factories.call(), data)
    assert [(e["path"], e["code"]) for e in result["errors"]] == [("basic.host_org.credit_code",
                                                                   "host_org_not_approved")]
    assert result["submittable"] is False


@pytest.mark.django_db
def test_import_stores_the_registered_identity_even_when_the_file_types_the_code_in_lower_case() -> None:
    org = factories.HostOrgFactory()
    data = factories.example_answers(org)
    data["basic"]["host_org"]["credit_code"] = org.credit_code.lower()
    application = import_application(call=factories.call(), data=data)
    assert application.answers["basic"]["host_org"]["credit_code"] == org.credit_code


@pytest.mark.django_db
def test_the_registration_fields_are_found_by_role_in_another_form_kind() -> None:
    from zhongshi.applications.domain.check_registration import registered_paths
    from zhongshi.formversions.domain.formdef import load_form_file

    form = load_form_file(Path(__file__).parents[2] / "formversions" / "data" / "example-quarterly-update.yaml")
    assert registered_paths(form) == frozenset({"platform.host_org.name", "platform.host_org.credit_code"})
    assert registered_paths(load_form("hubei-2026")) == frozenset({
        "basic.host_org.name", "basic.host_org.credit_code", "basic.location.province", "basic.location.city",
        "basic.location.district"})
    org = factories.HostOrgFactory()
    filled = fill_registration({"platform": {"host_org": {"name": "别的公司"}}}, org, form)
    assert filled == {"platform": {"host_org": {"name": org.name, "credit_code": org.credit_code}}}
