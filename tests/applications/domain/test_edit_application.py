"""Starting a 申报书 and saving its draft with optimistic concurrency."""

from __future__ import annotations

import pytest

from tests import factories
from zhongshi.applications.domain.edit_application import (
    MAX_ANSWERS_BYTES,
    StaleRevisionError,
    create_application,
    save_answers,
)
from zhongshi.core.errors import DomainError, NotAllowed


@pytest.mark.django_db
def test_a_new_draft_knows_the_host_organisation(roles) -> None:
    user = roles["applicant"]
    application = create_application(user=user, call=factories.call())
    org = user.host_org
    assert application.status == "draft"
    assert application.revision == 1
    assert application.form_code == "hubei-2026"
    assert application.answers == {
        "form": "hubei-2026",
        "cover": {"contact": {"name": org.contact_name, "phone": org.contact_phone}, "address": ""},
        "basic": {"location": {"province": "湖北省", "city": "武汉市", "district": "武汉东湖新技术开发区"},
                  "host_org": {"name": org.name, "credit_code": org.credit_code, "unit_type": "民企"}},
    }


@pytest.mark.django_db
def test_only_an_approved_applicant_may_start(roles) -> None:
    pending = factories.applicant(factories.HostOrgFactory(status="pending"))
    for user in (pending, roles["district"], roles["admin"]):
        with pytest.raises(NotAllowed):
            create_application(user=user, call=factories.call())


@pytest.mark.django_db
def test_a_closed_call_takes_no_new_application(roles) -> None:
    call = factories.call()
    call.status = "closed"
    call.save()
    with pytest.raises(DomainError) as info:
        create_application(user=roles["applicant"], call=call)
    assert info.value.code == "call_closed"


@pytest.mark.django_db
def test_saving_moves_the_revision_on(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    answers = factories.example_answers(roles["applicant"].host_org)
    answers["basic"]["platform_name"] = "精密光学元件中试平台"
    saved = save_answers(user=roles["applicant"], application=application, answers=answers, base_revision=1)
    assert (saved.revision, saved.platform_name) == (2, "精密光学元件中试平台")
    assert saved.updated_by == roles["applicant"]
    # Saving the same answers again changes nothing.
    again = save_answers(user=roles["applicant"], application=saved, answers=answers, base_revision=2)
    assert again.revision == 2


@pytest.mark.django_db
def test_the_second_of_two_browsers_is_refused_and_nothing_is_lost(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    colleague = factories.applicant(roles["applicant"].host_org, full_name="李四")
    first = factories.example_answers(roles["applicant"].host_org)
    first["basic"]["leader_name"] = "张三"
    second = factories.example_answers(roles["applicant"].host_org)
    second["basic"]["leader_name"] = "王五"
    save_answers(user=colleague, application=application, answers=first, base_revision=1)
    with pytest.raises(StaleRevisionError) as info:
        save_answers(user=roles["applicant"], application=application, answers=second, base_revision=1)
    assert info.value.code == "stale_revision"
    assert "李四" in info.value.message
    application.refresh_from_db()
    assert (application.revision, application.answers["basic"]["leader_name"]) == (2, "张三")


@pytest.mark.django_db
def test_a_submitted_application_cannot_be_changed(roles) -> None:
    application = factories.application(roles["applicant"].host_org, status="submitted")
    with pytest.raises(NotAllowed):
        save_answers(user=roles["applicant"], application=application, answers={}, base_revision=1)


@pytest.mark.django_db
def test_another_organisation_cannot_change_it(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    with pytest.raises(NotAllowed):
        save_answers(user=roles["other_applicant"], application=application, answers={}, base_revision=1)


@pytest.mark.django_db
def test_a_20_mb_text_is_refused_and_the_draft_stays(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    answers = factories.example_answers(roles["applicant"].host_org)
    answers["basic"]["introduction"] = "中" * (20 * 1024 * 1024 // 3)
    assert len(answers["basic"]["introduction"].encode()) > MAX_ANSWERS_BYTES
    with pytest.raises(DomainError) as info:
        save_answers(user=roles["applicant"], application=application, answers=answers, base_revision=1)
    assert info.value.code == "too_large"
    application.refresh_from_db()
    assert application.answers == factories.example_answers(roles["applicant"].host_org)
    assert application.revision == 1


@pytest.mark.django_db
def test_a_non_object_is_refused(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    with pytest.raises(DomainError) as info:
        save_answers(user=roles["applicant"], application=application, answers=["x"], base_revision=1)
    assert info.value.code == "invalid_type"


@pytest.mark.django_db
def test_the_draft_is_prefilled_through_the_roles_of_the_form() -> None:
    """initial_answers finds the fields by role (formversions/kinds.yaml), 其他 text included."""
    from zhongshi.applications.domain.edit_application import initial_answers
    from zhongshi.formversions.domain.formdef import load_form

    org = factories.HostOrgFactory(unit_type="其他", unit_type_other="事业单位", address="武汉市洪山区珞喻路1号")
    answers = initial_answers(org, "hubei-2026")
    form = load_form("hubei-2026")
    assert answers["basic"]["host_org"] == {"name": org.name, "credit_code": org.credit_code, "unit_type": "其他",
                                            "unit_type_other": "事业单位"}
    assert form.answer_for_role(answers, "address") == "武汉市洪山区珞喻路1号"
    assert form.answer_for_role(answers, "location") == {"province": "湖北省", "city": "武汉市",
                                                         "district": "武汉东湖新技术开发区"}


@pytest.mark.django_db
def test_more_rows_than_a_table_allows_are_never_stored(roles) -> None:
    application = factories.application(roles["applicant"].host_org)
    answers = factories.example_answers(roles["applicant"].host_org)
    answers["foundation"]["equipment"] = [dict(answers["foundation"]["equipment"][0]) for _n in range(501)]
    with pytest.raises(DomainError) as info:
        save_answers(user=roles["applicant"], application=application, answers=answers, base_revision=1)
    assert (info.value.code, info.value.field) == ("too_many_rows", "foundation.equipment")
    application.refresh_from_db()
    assert (application.revision, len(application.answers["foundation"]["equipment"])) == (1, 6)
