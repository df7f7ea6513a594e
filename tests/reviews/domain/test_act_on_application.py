"""The review chain, step by step: district → city → province, returns, refusals, deadlines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from zhongshi.applications.domain.edit_application import save_answers
from zhongshi.applications.domain.submit_application import submit_application
from zhongshi.audit.models import AuditEntry
from zhongshi.calls.domain.chain import effective_deadline, grant_extension
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.reviews.domain.act_on_application import (
    decide_application,
    forward_applications,
    review_application,
)
from zhongshi.reviews.models import ReviewStep

CHECKED = {"completeness": True, "conformity": True, "authenticity": True}


def letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes("letter"))


@pytest.mark.django_db
def test_the_whole_chain_from_district_to_province(roles, submitted) -> None:
    assert (submitted.status, submitted.current_level) == ("submitted", "district")
    review_application(user=roles["district"], application=submitted, action="recommend",
                       opinion="材料完整规范，同意推荐。", checklist=CHECKED, revision=submitted.revision)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "city")
    (step,) = forward_applications(user=roles["city"], applications=[submitted], letter=letter(), opinion="同意报送")
    submitted.refresh_from_db()
    assert (submitted.current_level, submitted.recommendation_order, step.order) == ("province", 1, 1)
    assert step.letter.original_name == "推荐文件.pdf"
    decide_application(user=roles["province"], application=submitted, approve=True, reasons="符合条件，予以认定。",
                       revision=submitted.revision)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("approved", "")
    steps = list(ReviewStep.objects.filter(application=submitted).values_list("level", "action", "authority__name",
                                                                              "opinion"))
    assert steps == [
        ("district", "recommend", "武汉东湖新技术开发区经信部门", "材料完整规范，同意推荐。"),
        ("city", "forward", "武汉市经济和信息化局", "同意报送"),
        ("province", "approve", "湖北省经济和信息化厅", "符合条件，予以认定。"),
    ]
    transitions = AuditEntry.objects.filter(action="transition", target_id=str(submitted.pk)).count()
    assert transitions == 4  # submitted, recommended, forwarded, approved


@pytest.mark.django_db
def test_a_return_for_revision_keeps_both_rounds(roles, submitted) -> None:
    review_application(user=roles["district"], application=submitted, action="return", opinion="",
                       return_reasons={"service": "典型案例的合同额与证明材料不一致"}, revision=submitted.revision)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level, submitted.is_editable) == ("returned", "", True)
    answers = dict(submitted.answers)
    answers["service"] = {**answers["service"], "typical_cases": answers["service"]["typical_cases"][:2]}
    saved = save_answers(user=roles["applicant"], application=submitted, answers=answers,
                         base_revision=submitted.revision)
    again = submit_application(user=roles["applicant"], application=saved, base_revision=saved.revision)
    assert (again.status, again.current_level, again.round) == ("submitted", "district", 2)
    assert [r.number for r in again.rounds.order_by("number")] == [1, 2]
    assert len(again.rounds.get(number=1).answers["service"]["typical_cases"]) == 3
    assert len(again.rounds.get(number=2).answers["service"]["typical_cases"]) == 2


@pytest.mark.django_db
def test_not_recommended_needs_a_reason_and_ends_the_chain(roles, submitted) -> None:
    with pytest.raises(DomainError) as info:
        review_application(user=roles["district"], application=submitted, action="not_recommend", opinion=" ")
    assert (info.value.code, info.value.field) == ("required", "opinion")
    review_application(user=roles["district"], application=submitted, action="not_recommend",
                       opinion="中试服务收入不足500万元")
    submitted.refresh_from_db()
    assert submitted.status == "not_recommended"


@pytest.mark.django_db
def test_recommending_needs_the_checklist_and_the_opinion(roles, submitted) -> None:
    with pytest.raises(DomainError) as info:
        review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                           checklist={"completeness": True})
    assert info.value.code == "checklist"
    assert "规范性、真实性" in info.value.message
    with pytest.raises(DomainError) as info:
        review_application(user=roles["district"], application=submitted, action="recommend", opinion="",
                           checklist=CHECKED)
    assert info.value.field == "opinion"
    submitted.refresh_from_db()
    assert submitted.current_level == "district"


@pytest.mark.django_db
def test_only_the_authority_that_holds_it_acts(roles, submitted) -> None:
    for role in ("other_district", "city", "province", "other_province", "applicant", "admin"):
        with pytest.raises(NotAllowed):
            review_application(user=roles[role], application=submitted, action="recommend", opinion="同意",
                               checklist=CHECKED)
    assert ReviewStep.objects.count() == 0


@pytest.mark.django_db
def test_acting_twice_is_refused_and_changes_nothing(roles, submitted) -> None:
    review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                       checklist=CHECKED)
    with pytest.raises(NotAllowed):
        review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                           checklist=CHECKED)
    assert ReviewStep.objects.count() == 1
    forward_applications(user=roles["city"], applications=[submitted], letter=letter())
    with pytest.raises(NotAllowed):
        forward_applications(user=roles["city"], applications=[submitted], letter=letter())
    decide_application(user=roles["province"], application=submitted, approve=False, reasons="不符合")
    with pytest.raises(DomainError) as info:
        decide_application(user=roles["province"], application=submitted, approve=True, reasons="改判")
    assert info.value.code == "not_under_review"
    submitted.refresh_from_db()
    assert submitted.status == "rejected"


@pytest.mark.django_db
def test_a_review_of_a_version_that_has_since_changed_is_refused(roles, submitted) -> None:
    with pytest.raises(DomainError) as info:
        review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                           checklist=CHECKED, revision=submitted.revision - 1)
    assert info.value.code == "stale_revision"


@pytest.mark.django_db
def test_after_the_deadline_a_level_waits_for_an_extension(roles, submitted, open_call) -> None:
    passed = (timezone.now() - timedelta(hours=1)).isoformat()
    open_call.chain = [{"level": "district", "deadline": passed}, {"level": "city", "deadline": passed},
                       {"level": "province", "deadline": None}]
    open_call.save()
    with pytest.raises(DomainError) as info:
        review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                           checklist=CHECKED)
    assert info.value.code == "deadline_passed"
    assert "区级" in info.value.message
    # The district cannot extend its own deadline; the city (the level above) can.
    new = timezone.now() + timedelta(days=3)
    with pytest.raises(NotAllowed):
        grant_extension(user=roles["district"], call=open_call, level="district", deadline=new, reason="延期")
    extension = grant_extension(user=roles["city"], call=open_call, level="district", deadline=new,
                                reason="春节前材料补齐", authority=roles["district"].authority)
    assert effective_deadline(open_call, "district", roles["district"].authority) == extension.deadline
    assert effective_deadline(open_call, "district", roles["other_district"].authority) != extension.deadline
    review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                       checklist=CHECKED)
    submitted.refresh_from_db()
    assert submitted.current_level == "city"


@pytest.mark.django_db
def test_an_extension_must_move_the_deadline_later(roles, open_call) -> None:
    earlier = timezone.now() + timedelta(days=1)
    with pytest.raises(DomainError) as info:
        grant_extension(user=roles["city"], call=open_call, level="district", deadline=earlier, reason="x")
    assert info.value.code == "not_later"


@pytest.mark.django_db
def test_forwarding_needs_the_letter_and_keeps_the_order(roles, open_call) -> None:
    from tests.reviews.conftest import REQUIRED

    applications = []
    for name in ("甲", "乙", "丙"):
        org = factories.HostOrgFactory(district=factories.region("420171"))
        user = factories.applicant(org)
        answers = factories.example_answers()
        answers["basic"]["platform_name"] = f"{name}光电中试平台"
        application = factories.application(org, answers=answers)
        for key in REQUIRED:
            factories.evidence_file(application, requirement=key)
        application = submit_application(user=user, application=application, base_revision=1)
        review_application(user=roles["district"], application=application, action="recommend", opinion="同意",
                           checklist=CHECKED)
        applications.append(application)
    with pytest.raises(DomainError) as info:
        forward_applications(user=roles["city"], applications=applications, letter=None)
    assert info.value.field == "letter"
    with pytest.raises(DomainError) as info:
        forward_applications(user=roles["city"], applications=applications,
                             letter=SimpleUploadedFile("推荐文件.pdf", b"not a pdf"))
    assert info.value.code == "file_type"
    ordered = [applications[2], applications[0], applications[1]]
    forward_applications(user=roles["city"], applications=ordered, letter=letter())
    for application in applications:
        application.refresh_from_db()
    assert [a.recommendation_order for a in applications] == [2, 3, 1]


@pytest.mark.django_db
def test_each_step_notifies_whom_it_concerns(roles, open_call, django_capture_on_commit_callbacks, mailoutbox) -> None:
    from tests.reviews.conftest import REQUIRED
    from zhongshi.notifications.models import Notification

    roles["district"].email = "donghu@example.com"
    roles["district"].save()
    application = factories.application(roles["applicant"].host_org)
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(user=roles["applicant"], application=application, base_revision=1)
    (to_district,) = Notification.objects.filter(user=roles["district"])
    assert to_district.title == "高速光电子器件封装测试中试平台已提交，待初审"
    assert [m.subject for m in mailoutbox] == ["【制造业中试平台】高速光电子器件封装测试中试平台已提交，待初审"]
    with django_capture_on_commit_callbacks(execute=True):
        review_application(user=roles["district"], application=application, action="return", opinion="请补充",
                           return_reasons={"service": "补充合同额"})
    returned = Notification.objects.filter(user=roles["applicant"], kind="application_returned").get()
    assert returned.title == "高速光电子器件封装测试中试平台：武汉东湖新技术开发区经信部门退回修改"
    assert returned.body == "请补充\n3.服务成效：补充合同额"
