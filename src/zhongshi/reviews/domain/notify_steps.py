"""Who hears of a review step: the applicant always, the authority that now holds the application."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.calls.domain.chain import acting_authority, level_name
from zhongshi.reviews.enums import ReviewAction

if TYPE_CHECKING:
    from zhongshi.reviews.models import ReviewStep

KINDS: dict[str, str] = {
    ReviewAction.RECOMMEND: "application_recommended",
    ReviewAction.FORWARD: "application_forwarded",
    ReviewAction.RETURN: "application_returned",
    ReviewAction.NOT_RECOMMEND: "application_not_recommended",
    ReviewAction.APPROVE: "application_decided",
    ReviewAction.REJECT: "application_decided",
}


def on_application_moved(sender: object, *, application: Any, move: str, **kwargs: Any) -> None:
    """A submission (applications/domain/transitions.py): the authority of the first level hears of it."""
    if move == "submit":
        transaction.on_commit(lambda: notify_submitted_to_authority(application))


def notify_submitted_to_authority(application: Any) -> None:
    from zhongshi.notifications.domain.notify import notify, recipients_for_authority

    authority = acting_authority(application.call, application.host_org, application.current_level)
    if authority is not None:
        notify(users=recipients_for_authority(authority), kind="application_submitted",
               title=_("%(platform)s was submitted for preliminary review") % {"platform": application.platform_name},
               body=application.host_org.name, url=reverse("reviews:review", args=[application.pk]))


def notify_step(step: ReviewStep) -> None:
    from zhongshi.notifications.domain.notify import notify, recipients_for_authority, recipients_for_host_org

    application = step.application
    kind = KINDS.get(step.action, "application_decided")
    title = _("%(platform)s: %(action)s by %(authority)s") % {
        "platform": application.platform_name, "action": step.get_action_display(), "authority": step.authority.name}
    body = step.opinion
    if step.return_reasons:
        from zhongshi.formversions.domain.formdef import load_form

        labels = {section.key: section.label for section in load_form(application.form_code).sections}
        body = "\n".join([step.opinion, *[f"{labels.get(key, key)}：{reason}"
                                          for key, reason in step.return_reasons.items()]]).strip()
    notify(users=recipients_for_host_org(application.host_org), kind=kind, title=title, body=body,
           url=reverse("applications:application_detail", args=[application.pk]))
    if application.status == "submitted" and application.current_level:
        holder = acting_authority(application.call, application.host_org, application.current_level)
        if holder is not None:
            notify(users=recipients_for_authority(holder), kind="application_submitted",
                   title=_("%(platform)s awaits your review (%(level)s)") % {
                       "platform": application.platform_name,
                       "level": level_name(application.current_level)},
                   body=body, url=reverse("reviews:review", args=[application.pk]))
