"""公示: the deciding authority publishes its approved applications for a notice period; anyone may object
during it; the authority handles each objection; when the period ends the results are final."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.transitions import move_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.reviews.enums import NoticeStatus, ObjectionStatus, ReviewAction
from zhongshi.reviews.models import Notice, Objection, ReviewStep

# Sent, inside the closing transaction, for each approval that the end of its public notice makes final
# (``application``, ``user``): the library makes it a platform (data flows one way: reviews never imports it).
application_final = Signal()


def _notify(users: Any, kind: str, title: str, body: str, url: str) -> None:
    from zhongshi.notifications.domain.notify import notify

    transaction.on_commit(lambda: notify(users=users, kind=kind, title=title, body=body, url=url))


def deciding_authority_of(user: Any, call: Call) -> Any:
    """The user's authority if it decides this call's applications (the last level of the chain)."""
    authority = getattr(user, "authority", None)
    levels = call.chain_levels()
    if authority is None or not levels or authority.level != levels[-1] or (
            call.issuer_id is not None and authority.pk != call.issuer_id):
        raise NotAllowed(_("Only the deciding authority publishes the notice."))
    return authority


def publishable_applications(user: Any, call: Call) -> list[Application]:
    authority = deciding_authority_of(user, call)
    return list(Application.objects.filter(
        call=call, status=ApplicationStatus.APPROVED, final_at__isnull=True,
        host_org__district__path__startswith=authority.path,
    ).exclude(notices__status=NoticeStatus.PUBLISHED).select_related("host_org").order_by("recommendation_order",
                                                                                          "pk"))


@transaction.atomic
def publish_notice(*, user: Any, call: Call, title: str, text: str, starts_at: datetime,
                   ends_at: datetime) -> Notice:
    authority = deciding_authority_of(user, call)
    if ends_at <= starts_at:
        raise DomainError(_("The notice must end after it starts."), code="invalid_period", field="ends_at")
    applications = publishable_applications(user, call)
    if not applications:
        raise DomainError(_("There is no approved application to publish."), code="nothing_to_publish")
    notice = Notice.objects.create(call=call, authority=authority, title=title.strip() or call.title, text=text,
                                   starts_at=starts_at, ends_at=ends_at, published_by=user)
    notice.applications.set(applications)
    from zhongshi.notifications.domain.notify import recipients_for_host_org

    for application in applications:
        _notify(recipients_for_host_org(application.host_org), "notice_published",
                _("%(platform)s is in the public notice until %(end)s") % {
                    "platform": application.platform_name, "end": timezone.localtime(ends_at).strftime("%Y-%m-%d")},
                notice.title, reverse("reviews:notice_detail", args=[notice.pk]))
    return notice


def is_open_for_objections(notice: Notice, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return notice.status == NoticeStatus.PUBLISHED and notice.starts_at <= now <= notice.ends_at


@transaction.atomic
def file_objection(*, notice: Notice, application: Application, name: str, contact: str, text: str) -> Objection:
    if not is_open_for_objections(notice):
        raise DomainError(_("Objections can be filed only during the notice period."), code="notice_closed")
    if not notice.applications.filter(pk=application.pk).exists():
        raise DomainError(_("This platform is not in the notice."), code="not_in_notice")
    for field, value in (("name", name), ("contact", contact), ("text", text)):
        if not (value or "").strip():
            raise DomainError(_("Please fill in this field."), code="required", field=field)
    if len(text) > 5000:
        raise DomainError(_("Please keep the objection within 5,000 characters."), code="too_long", field="text")
    objection = Objection.objects.create(notice=notice, application=application, name=name.strip()[:100],
                                         contact=contact.strip()[:100], text=text.strip())
    from zhongshi.notifications.domain.notify import recipients_for_authority

    _notify(recipients_for_authority(notice.authority), "objection_filed",
            _("Objection to %(platform)s") % {"platform": application.platform_name}, objection.text[:200],
            reverse("reviews:notice_detail", args=[notice.pk]))
    return objection


@transaction.atomic
def handle_objection(*, user: Any, objection: Objection, upheld: bool, response: str) -> Objection:
    """Upheld: the approval is withdrawn (the application is rejected, with the response as reason)."""
    objection = Objection.objects.select_for_update(of=("self",)).select_related("notice__authority", "application").get(
        pk=objection.pk)
    if getattr(user, "authority_id", None) != objection.notice.authority_id:
        raise NotAllowed(_("Only the authority that published the notice handles its objections."))
    if objection.status != ObjectionStatus.OPEN:
        raise DomainError(_("This objection has already been handled."), code="already_handled")
    if not (response or "").strip():
        raise DomainError(_("Please write the response."), code="required", field="response")
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.response = response.strip()
    objection.handled_by = user
    objection.handled_at = timezone.now()
    objection.save()
    application = Application.objects.select_for_update(of=("self",)).select_related("host_org").get(
        pk=objection.application_id)
    if upheld and application.status == ApplicationStatus.APPROVED:
        move_application(application=application, move=ReviewAction.OBJECTION_UPHELD, actor=user,
                         message=objection.response)
        ReviewStep.objects.create(application=application, round=application.round,
                                  level=objection.notice.authority.level, authority=objection.notice.authority,
                                  action=ReviewAction.OBJECTION_UPHELD, opinion=objection.response,
                                  revision=application.revision, actor=user)
    from zhongshi.notifications.domain.notify import recipients_for_host_org

    _notify(recipients_for_host_org(application.host_org), "objection_handled",
            _("An objection to %(platform)s was handled") % {"platform": application.platform_name},
            objection.response, reverse("applications:application_detail", args=[application.pk]))
    return objection


@transaction.atomic
def dismiss_objections(*, user: Any, notice: Notice, objection_ids: list[int], response: str) -> list[Objection]:
    """Dismiss several open objections of ``notice`` with one response (all or none)."""
    if not objection_ids:
        raise DomainError(_("Choose the objections to dismiss."), code="required", field="objections")
    objections = list(notice.objections.filter(pk__in=objection_ids).order_by("pk"))
    if len(objections) != len(set(objection_ids)):
        raise DomainError(_("Choose the objections to dismiss."), code="invalid", field="objections")
    return [handle_objection(user=user, objection=o, upheld=False, response=response) for o in objections]


@transaction.atomic
def close_notice(*, notice: Notice, user: Any = None, now: datetime | None = None) -> list[Application]:
    """After the period, with every objection handled: the approvals still standing become final."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    now = now or timezone.now()
    if user is not None and getattr(user, "authority_id", None) != notice.authority_id:
        raise NotAllowed(_("Only the authority that published the notice closes it."))
    if notice.status != NoticeStatus.PUBLISHED:
        raise DomainError(_("This notice is already closed."), code="already_closed")
    if now < notice.ends_at:
        raise DomainError(_("The notice period has not ended yet."), code="not_ended")
    if notice.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise DomainError(_("Handle every objection before closing the notice."), code="open_objections")
    final = []
    for application in notice.applications.select_for_update().filter(status=ApplicationStatus.APPROVED):
        make_final(application=application, authority=notice.authority, user=user, now=now,
                   opinion=_("Final after the public notice %(title)s") % {"title": notice.title},
                   message=notice.title)
        final.append(application)
    notice.status = NoticeStatus.CLOSED
    notice.closed_at = now
    notice.save(update_fields=["status", "closed_at"])
    return final


def make_final(*, application: Application, authority: Any, user: Any, now: datetime, opinion: str, message: str,
               letter: Any = None) -> Application:
    """The one way an approval becomes final: the end of its public notice (``close_notice``) or, for a call
    decided below its issuer without a notice, the deciding authority's stamped summary sheet
    (``finalise_selection``). Records the step and sends ``application_final`` (the library enters it)."""
    application.final_at = now
    application.save(update_fields=["final_at", "updated_at"])
    ReviewStep.objects.create(application=application, round=application.round, level=authority.level,
                              authority=authority, action=ReviewAction.FINAL, opinion=opinion, letter=letter,
                              revision=application.revision, actor=user)
    record_transition(target=application, field="final", old="", new="final", message=message, actor=user)
    application_final.send(sender=Application, application=application, user=user)
    return application


def decided_without_notice(call: Call) -> bool:
    """A call whose chain ends below its issuer (``miit-reserve``: the province's 遴选评估 decides, seed 004
    二（二）) has no public notice: the deciding authority's approvals become final with its stamped summary
    sheet (汇总表) instead. Seed 004 asks for no 公示 of the reserve selection."""
    levels = call.chain_levels()
    return bool(levels) and call.issuer is not None and levels[-1] != call.issuer.level


@transaction.atomic
def finalise_selection(*, user: Any, call: Call, applications: list[Application], summary_sheet: Any,
                       message: str = "") -> list[Application]:
    """The deciding authority of a call decided without a notice makes its approved applications final with
    its stamped summary sheet (a PDF, OFD or image, stored as its letter for the call): all or none."""
    from zhongshi.reviews.domain.act_on_application import store_letter

    if not decided_without_notice(call):
        raise DomainError(_("The approvals of this call become final after their public notice."),
                          code="needs_notice")
    authority = getattr(user, "authority", None)
    levels = call.chain_levels()
    if authority is None or authority.level != levels[-1]:
        raise NotAllowed(_("Only the deciding authority makes its selection final."))
    if summary_sheet is None:
        raise DomainError(_("Upload the stamped summary sheet (汇总表盖章扫描件)."), code="required",
                          field="summary_sheet")
    locked = list(Application.objects.select_for_update(of=("self",)).select_related("host_org__district").filter(
        pk__in=[a.pk for a in applications]).order_by("pk"))
    for application in locked:
        if (application.call_id != call.pk or application.status != ApplicationStatus.APPROVED
                or application.final_at is not None
                or not application.host_org.district.path.startswith(authority.path)):
            raise DomainError(_("%(platform)s is not an approval of yours waiting to become final.")
                              % {"platform": application.platform_name}, code="not_approved")
    letter = store_letter(user=user, call=call, authority=authority, upload=summary_sheet)
    now = timezone.now()
    return [make_final(application=application, authority=authority, user=user, now=now, letter=letter,
                       opinion=_("Final with the stamped summary sheet of the selection"),
                       message=message or call.title) for application in locked]


def close_ended_notices(now: datetime | None = None) -> int:
    """For the scheduled job: close every ended notice without open objections."""
    now = now or timezone.now()
    closed = 0
    for notice in Notice.objects.filter(status=NoticeStatus.PUBLISHED, ends_at__lt=now):
        if not notice.objections.filter(status=ObjectionStatus.OPEN).exists():
            close_notice(notice=notice, now=now)
            closed += 1
    return closed
