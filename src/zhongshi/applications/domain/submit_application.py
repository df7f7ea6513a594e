"""Submit a 申报书: the one function that moves it out of the applicant's hands."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.edit_application import StaleRevisionError, refuse_unapproved
from zhongshi.applications.domain.queries.report import build_report
from zhongshi.applications.domain.reevaluate_call import update_eligibility
from zhongshi.applications.domain.transitions import move_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application, ApplicationRound
from zhongshi.calls.domain.chain import ensure_submission_open, first_level
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.formversions.domain.scan_answers import sensitive_key


class NotSubmittableError(DomainError):
    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message, code="not_submittable")
        self.report = report


@transaction.atomic
def submit_application(*, user: Any, application: Application, base_revision: int,
                       confirm_sensitive: list[str] | None = None) -> Application:
    """Refused (and nothing changes) when it was already submitted, changed since ``base_revision``,
    has errors, lacks required evidence, or holds sensitive data the applicant has not confirmed."""
    current = Application.objects.select_for_update(of=("self",)).select_related("call", "updated_by").get(pk=application.pk)
    if not current.is_editable and is_own(user, current):
        raise DomainError(_("This application has already been submitted."), code="already_submitted")
    refuse_unapproved(user, current)
    if not can(user, "applications.submit_application", current):
        raise NotAllowed(_("You may not submit this application."))
    if current.revision != base_revision:
        raise StaleRevisionError(current)
    # A draft (never submitted, or withdrawn by the applicant) keeps to the call's window like a first submission;
    # an application the authority returned for revision may always come back.
    if current.status == ApplicationStatus.DRAFT and not current.call.is_open:
        raise DomainError(_("This call is closed."), code="call_closed")
    if current.status == ApplicationStatus.DRAFT:  # seed 004 二（五）: a reserve round: its month's last working days
        ensure_submission_open(current.call)
    confirmations = set(current.confirmed_sensitive or []) | set(confirm_sensitive or [])
    current.confirmed_sensitive = sorted(confirmations)
    report = build_report(current)
    if report.errors or report.missing_evidence:
        raise NotSubmittableError(
            _("The application cannot be submitted yet: %(errors)s problems to fix, %(evidence)s evidence items "
              "missing.") % {"errors": len(report.errors), "evidence": len(report.missing_evidence)}, report)
    if report.unconfirmed_sensitive:
        raise NotSubmittableError(
            _("Please remove or confirm the %(count)s possibly sensitive items before submitting.")
            % {"count": len(report.unconfirmed_sensitive)}, report)
    level = first_level(current.call, current.host_org)
    if not level:
        raise DomainError(_("No authority of this call's review chain covers your organisation's location."),
                          code="no_reviewer")
    now = timezone.now()
    current.recommendation_order = None
    current.round += 1
    current.submitted_at = now
    current.confirmed_sensitive = sorted(sensitive_key(i) for i in report.sensitive)
    move_application(application=current, move="submit", actor=user, level=level,
                     message=_("Submitted (round %(n)s)") % {"n": current.round},
                     also=["recommendation_order", "round", "submitted_at", "confirmed_sensitive"])
    ApplicationRound.objects.create(
        application=current, number=current.round, answers=current.answers, revision=current.revision,
        submitted_by=user, submitted_at=now, warnings=[i.as_dict() for i in report.warnings + report.sensitive],
    )
    update_eligibility(current)
    transaction.on_commit(lambda: notify_submitted(current))
    return current


def notify_submitted(application: Application) -> None:
    """The applicant's colleagues hear of it (the authority that now holds it hears through the review chain,
    which listens to ``application_moved``)."""
    from django.urls import reverse

    from zhongshi.notifications.domain.notify import notify, recipients_for_host_org

    notify(users=recipients_for_host_org(application.host_org), kind="application_submitted",
           title=_("%(platform)s was submitted (round %(n)s)") % {"platform": application.platform_name,
                                                                   "n": application.round},
           url=reverse("applications:application_detail", args=[application.pk]))


def is_own(user: Any, application: Application) -> bool:
    return getattr(user, "host_org_id", None) == application.host_org_id
