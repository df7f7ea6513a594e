"""The review chain's actions. Each is the one function of its step: it checks permission, the level, the
deadline and the revision reviewed, changes the application, records the step (who, when, opinion) in
the application's history and the audit log, and notifies whom it concerns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.applications.domain.transitions import move_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import (
    acting_authority,
    ensure_before_deadline,
    first_level,
    is_deciding_level,
    level_name,
    next_level,
)
from zhongshi.core.domain.files import JPEG, OFD, PDF, PNG, accept_upload
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.models import Authority
from zhongshi.reviews.domain.notify_steps import notify_step
from zhongshi.reviews.enums import ReviewAction
from zhongshi.reviews.models import RecommendationLetter, ReviewStep

# The preliminary review's own checklist (seed 000 二（二）): 完整性、规范性、真实性.
PRELIMINARY_CHECKS = (("completeness", "完整性"), ("conformity", "规范性"), ("authenticity", "真实性"))
LETTER_TYPES = (PDF, OFD, JPEG, PNG)  # a stamped scan


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update(of=("self",)).select_related("call", "host_org__district").get(
        pk=application.pk)


def _ensure_actor(user: Any, application: Application) -> Authority:
    """The user acts for the authority that holds the application at its current level."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise DomainError(_("This application is not waiting for a review (it is %(status)s).")
                          % {"status": application.get_status_display()}, code="not_under_review")
    authority = acting_authority(application.call, application.host_org, application.current_level)
    if authority is None or getattr(user, "authority_id", None) != authority.pk:
        raise NotAllowed(_("This application is not with your authority."))
    return authority


def _ensure_revision(application: Application, revision: int | None) -> None:
    if revision is not None and revision != application.revision:
        raise DomainError(_("The application changed after you opened it (revision %(old)s, now %(new)s). "
                            "Reload it and review the current version.")
                          % {"old": revision, "new": application.revision}, code="stale_revision")


def _record(application: Application, *, user: Any, authority: Authority, level: str, action: str,
            to_level: str = "", opinion: str = "", checklist: dict[str, Any] | None = None,
            return_reasons: dict[str, str] | None = None, order: int | None = None,
            letter: RecommendationLetter | None = None, also: Sequence[str] = ()) -> ReviewStep:
    """Move the application (applications/domain/transitions.py) and record the step of ``level``."""
    move_application(application=application, move=action, actor=user, level=to_level, also=also,
                     message=f"{level_name(level)} {ReviewAction(action).label}：{opinion}")
    step = ReviewStep.objects.create(
        application=application, round=application.round, level=level, authority=authority, action=action,
        opinion=opinion, checklist=checklist or {}, return_reasons=return_reasons or {}, order=order, letter=letter,
        revision=application.revision, actor=user,
    )
    transaction.on_commit(lambda: notify_step(step))
    return step


@transaction.atomic
def review_application(*, user: Any, application: Application, action: str, opinion: str,
                       checklist: dict[str, Any] | None = None, return_reasons: dict[str, str] | None = None,
                       revision: int | None = None) -> ReviewStep:
    """An opinion at a level that is not the deciding one: recommend (the application moves up), return for
    revision (back to the applicant, reasons per section), or not recommend (with reason)."""
    current = _lock(application)
    authority = _ensure_actor(user, current)
    if is_deciding_level(current.call, current.host_org, current.current_level):
        raise DomainError(_("At this level the application is decided, not recommended."), code="wrong_action")
    ensure_before_deadline(current.call, current.current_level, authority, at=current.submitted_at)
    _ensure_revision(current, revision)
    opinion = (opinion or "").strip()
    reasons = {k: v.strip() for k, v in (return_reasons or {}).items() if v and v.strip()}
    level = current.current_level
    to_level = ""
    if action == ReviewAction.RECOMMEND:
        if level != first_level(current.call, current.host_org):
            raise DomainError(_("At this level recommended applications are forwarded together, with the "
                                "recommendation letter."), code="wrong_action")
        if not opinion:
            raise DomainError(_("Please write the recommendation opinion (推荐意见)."), code="required",
                              field="opinion")
        missing = [label for key, label in PRELIMINARY_CHECKS if not (checklist or {}).get(key)]
        if missing:
            raise DomainError(_("Confirm the preliminary review of %(items)s before recommending.")
                              % {"items": "、".join(missing)}, code="checklist", field="checklist")
        to_level = next_level(current.call, current.host_org, level) or level
    elif action == ReviewAction.RETURN:
        if not reasons and not opinion:
            raise DomainError(_("Please give the reasons for the return, per section."), code="required",
                              field="return_reasons")
    elif action == ReviewAction.NOT_RECOMMEND:
        if not opinion:
            raise DomainError(_("Please give the reason for not recommending."), code="required", field="opinion")
    else:
        raise DomainError(_("Unknown action."), code="invalid_action", field="action")
    current.recommendation_order = None
    return _record(current, user=user, authority=authority, level=level, action=action, to_level=to_level,
                   opinion=opinion, checklist=checklist, return_reasons=reasons, also=["recommendation_order"])


def store_letter(*, user: Any, call: Any, authority: Authority, upload: UploadedFile) -> RecommendationLetter:
    """The stamped recommendation letter (推荐文件), a PDF, OFD or image checked by content."""
    accepted = accept_upload(upload, allowed=LETTER_TYPES, field="letter")
    letter = RecommendationLetter(call=call, authority=authority, original_name=accepted.original_name,
                                  content_type=accepted.content_type, size=accepted.size, uploaded_by=user)
    letter.file.save(accepted.storage_name, upload, save=False)
    letter.save()
    return letter


@transaction.atomic
def forward_applications(*, user: Any, applications: Sequence[Application], letter: UploadedFile | None,
                         opinion: str = "") -> list[ReviewStep]:
    """An intermediate level (the city) forwards the applications its districts recommended, in the order
    given (1 = first), with its stamped recommendation letter, before its deadline. All or none."""
    if not applications:
        raise DomainError(_("Choose the applications to forward."), code="required", field="applications")
    if letter is None:
        raise DomainError(_("Upload the stamped recommendation letter (推荐文件)."), code="required", field="letter")
    locked = [_lock(a) for a in applications]
    authorities = {_ensure_actor(user, a).pk for a in locked}
    if len({a.call_id for a in locked}) != 1 or len({a.current_level for a in locked}) != 1 or len(authorities) != 1:
        raise DomainError(_("Forward the applications of one call and one level together."), code="mixed")
    first = locked[0]
    authority = acting_authority(first.call, first.host_org, first.current_level)
    assert authority is not None
    if is_deciding_level(first.call, first.host_org, first.current_level):
        raise DomainError(_("At this level the applications are decided, not forwarded."), code="wrong_action")
    ensure_before_deadline(first.call, first.current_level, authority, at=first.submitted_at)
    stored = store_letter(user=user, call=first.call, authority=authority, upload=letter)
    # A later batch continues the authority's recommendation order for the call.
    from django.db.models import Max

    done = ReviewStep.objects.filter(application__call=first.call, authority=authority,
                                     action=ReviewAction.FORWARD).aggregate(top=Max("order"))["top"] or 0
    steps = []
    for order, current in enumerate(locked, start=done + 1):
        level = current.current_level
        current.recommendation_order = order
        steps.append(_record(current, user=user, authority=authority, level=level, action=ReviewAction.FORWARD,
                             to_level=next_level(current.call, current.host_org, level) or level, opinion=opinion.strip(), order=order,
                             letter=stored, also=["recommendation_order"]))
    return steps


@transaction.atomic
def decide_application(*, user: Any, application: Application, approve: bool, reasons: str,
                       revision: int | None = None) -> ReviewStep:
    """The deciding level (the province for a provincial call) approves or rejects, with reasons."""
    current = _lock(application)
    authority = _ensure_actor(user, current)
    if not is_deciding_level(current.call, current.host_org, current.current_level):
        raise DomainError(_("This level recommends; the decision is taken above."), code="wrong_action")
    ensure_before_deadline(current.call, current.current_level, authority, at=current.submitted_at)
    _ensure_revision(current, revision)
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError(_("Please give the reasons for the decision."), code="required", field="reasons")
    return _record(current, user=user, authority=authority, level=current.current_level,
                   action=ReviewAction.APPROVE if approve else ReviewAction.REJECT, opinion=reasons)
