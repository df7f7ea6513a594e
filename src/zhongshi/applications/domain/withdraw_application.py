"""Taking a submission back (撤回): while the first level has not acted on it in this round, the applicant may
withdraw it to a draft, change it and submit it again within the call's submission window, as a first submission
(an application returned for revision may come back at any time); the submitted round stays recorded."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.applications.domain.edit_application import refuse_unapproved
from zhongshi.applications.domain.transitions import move_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import acting_authority, first_level
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can


def can_withdraw(application: Application) -> bool:
    """Submitted and still with the first level of the chain: no authority has moved it in this round (a
    recommendation, a return or a refusal moves it; an opinion not yet given does not)."""
    return (application.status == ApplicationStatus.SUBMITTED
            and application.current_level == first_level(application.call, application.host_org))


@transaction.atomic
def withdraw_application(*, user: Any, application: Application) -> Application:
    """Back to a draft; refused when an authority has already acted on it. The authority that held it hears
    of it."""
    current = (Application.objects.select_for_update(of=("self",)).select_related("call", "host_org__district")
               .get(pk=application.pk))
    refuse_unapproved(user, current)
    if not can(user, "applications.withdraw_application", current):
        raise NotAllowed(_("You may not withdraw this application."))
    if not can_withdraw(current):
        raise DomainError(_("The application can no longer be withdrawn: an authority has already acted on it."),
                          code="not_withdrawable")
    level = current.current_level
    move_application(application=current, move="withdraw", actor=user,
                     message=_("Withdrawn by the applicant (round %(n)s stays recorded)") % {"n": current.round})
    transaction.on_commit(lambda: notify_withdrawn(current, level))
    return current


def notify_withdrawn(application: Application, level: str) -> None:
    from zhongshi.notifications.domain.notify import notify, recipients_for_authority

    authority = acting_authority(application.call, application.host_org, level)
    if authority is None:
        return
    notify(users=recipients_for_authority(authority), kind="application_withdrawn",
           title=_("%(platform)s was withdrawn by %(org)s") % {"platform": application.platform_name,
                                                               "org": application.host_org.name},
           body=_("The applicant withdrew the submission before your review; it may be submitted again."),
           url=reverse("applications:application_list"))
