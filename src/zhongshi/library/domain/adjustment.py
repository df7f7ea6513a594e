"""Periodic adjustment and nominations (issue 10 §2 and §4; seed 004 二（二）（三）（五）（六）, seed 002 三（四）).

- A province opens its adjustment round in June or December; its window is the last 5 working days of that
  month (the working-days calendar). It lists the new batch of reserve platforms (its approved applications of
  a call decided without a notice, ``miit-reserve``, submitted within the window) and proposes exits (退出建议,
  with a ``removal_cause``), uploads the stamped 汇总表 scan and submits the round to the ministry. Submitting
  makes the new batch final (reviews/domain/notices.py ``finalise_selection``): the platforms enter the reserve
  library automatically (seed 004 二（二）), through the same ``application_final`` signal as a public notice.
- The ministry decides each exit: accepted, the platform is removed (the 3-year ban follows); declined, with
  reasons. The round is closed when every exit is decided.
- Nomination calls (``ministry_key``, ``ministry_national``) take only hosts with an active platform of the
  tier below (a barrier of the applications app); their final approval moves that platform up a tier
  (enter_library.py asks ``nominated_platform`` when no platform has the application's name).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.domain.files import JPEG, OFD, PDF, PNG, accept_upload
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.library.domain.ban import today_in_china
from zhongshi.library.enums import PlatformStatus, PlatformTier, ProposalAction, ProposalStatus, RoundStatus
from zhongshi.library.models import AdjustmentProposal, AdjustmentRound, PilotPlatform
from zhongshi.organisations.models import Authority

WINDOW_DAYS = 5  # seed 004 二（五）: 当月最后5个工作日
ROUND_MONTHS = (6, 12)
SHEET_TYPES = (PDF, OFD, JPEG, PNG)
# Nomination levels (calls/enums.py) → the tiers a host's platform must hold to apply.
NOMINATION_TIERS: dict[str, tuple[str, ...]] = {
    "ministry_key": (PlatformTier.RESERVE,),
    "ministry_national": (PlatformTier.KEY, PlatformTier.PROVINCIAL),
}


def show_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def round_window(year: int, month: int) -> tuple[date, date]:
    """The first and last of the last 5 working days of the month; ``CalendarUnknown`` for a year without data."""
    from zhongshi.reference.domain.working_days import last_working_days

    days = last_working_days(year, month, WINDOW_DAYS)
    return days[0], days[-1]


def _notify(users: Any, kind: str, title: str, body: str, url: str) -> None:
    from zhongshi.notifications.domain.notify import notify

    transaction.on_commit(lambda: notify(users=users, kind=kind, title=title, body=body, url=url))


def _authority_users(authority: Authority | None) -> list[Any]:
    from zhongshi.notifications.domain.notify import recipients_for_authority

    return list(recipients_for_authority(authority)) if authority is not None else []


def ministry() -> Authority | None:
    return Authority.objects.filter(level="ministry").first()


def _province_of(user: Any) -> Authority:
    authority = getattr(user, "authority", None)
    if authority is None or authority.level != "province":
        raise NotAllowed(_("Only a provincial authority runs an adjustment round."))
    return authority


def _lock_round(round_: AdjustmentRound) -> AdjustmentRound:
    return AdjustmentRound.objects.select_for_update(of=("self",)).select_related("authority").get(pk=round_.pk)


def _own_open_round(user: Any, round_: AdjustmentRound) -> AdjustmentRound:
    authority = _province_of(user)
    current = _lock_round(round_)
    if current.authority_id != authority.pk:
        raise NotAllowed(_("This adjustment round is another province's."))
    if current.status != RoundStatus.OPEN:
        raise DomainError(_("This adjustment round has been submitted and can no longer be changed."),
                          code="round_submitted")
    return current


@transaction.atomic
def open_round(*, user: Any, today: date | None = None) -> AdjustmentRound:
    """The province opens its round of the current month; only in June or December (seed 004 二（五）)."""
    authority = _province_of(user)
    today = today or today_in_china()
    if today.month not in ROUND_MONTHS:
        raise DomainError(_("An adjustment round is opened in June or December only (seed 004 §2(5)); today is "
                            "%(today)s.") % {"today": show_day(today)}, code="not_round_month")
    if AdjustmentRound.objects.filter(authority=authority, year=today.year, half=today.month).exists():
        raise DomainError(_("The adjustment round of %(year)s-%(month)s is already open.")
                          % {"year": today.year, "month": today.month}, code="round_exists")
    opens, closes = round_window(today.year, today.month)
    round_ = AdjustmentRound.objects.create(authority=authority, year=today.year, half=today.month,
                                            window_opens=opens, window_closes=closes, opened_by=user)
    record_transition(target=round_, field="status", old="", new=RoundStatus.OPEN, actor=user,
                      message=_("Adjustment round opened"))
    _notify(_authority_users(ministry()), "adjustment_round",
            _("%(authority)s opened its adjustment round of %(year)s-%(month)s")
            % {"authority": authority.name, "year": round_.year, "month": round_.half},
            _("Window: %(opens)s to %(closes)s") % {"opens": show_day(opens), "closes": show_day(closes)},
            round_.get_absolute_url())
    return round_


def removal_causes() -> list[tuple[str, str]]:
    from zhongshi.reference.domain.queries.vocabularies import get_choices

    return get_choices("removal_cause")


@transaction.atomic
def propose_exit(*, user: Any, round: AdjustmentRound, platform: PilotPlatform, cause_code: str,
                 reasons: str) -> AdjustmentProposal:
    """退出建议: an active platform of the province, a cause of the ``removal_cause`` vocabulary, reasons."""
    current = _own_open_round(user, round)
    if platform.status != PlatformStatus.ACTIVE or not platform.division.path.startswith(current.authority.path):
        raise DomainError(_("Choose an active platform of your province."), code="invalid_platform",
                          field="platform")
    causes = dict(removal_causes())
    if cause_code not in causes:
        raise DomainError(_("Choose the cause of the exit."), code="required", field="cause_code")
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError(_("Please give the reasons for the exit."), code="required", field="reasons")
    if current.proposals.filter(platform=platform, status=ProposalStatus.PROPOSED).exists():
        raise DomainError(_("This platform is already proposed for exit in this round."), code="duplicate",
                          field="platform")
    proposal = AdjustmentProposal.objects.create(round=current, action=ProposalAction.EXIT, platform=platform,
                                                 cause_code=cause_code, cause=causes[cause_code], reasons=reasons)
    record_transition(target=proposal, field="status", old="", new=ProposalStatus.PROPOSED, actor=user,
                      message=reasons)
    return proposal


def addable_applications(round_: AdjustmentRound) -> list[Application]:
    """The province's approvals waiting to become final without a notice, submitted within the round's window
    and not yet listed: the candidates of the new batch."""
    from zhongshi.reviews.domain.notices import decided_without_notice

    listed = AdjustmentProposal.objects.filter(round=round_, application__isnull=False).values("application_id")
    rows = (Application.objects.filter(
        status=ApplicationStatus.APPROVED, final_at__isnull=True,
        host_org__district__path__startswith=round_.authority.path,
        call__level="ministry_reserve").exclude(pk__in=listed)
        .select_related("call__issuer", "host_org").order_by("submitted_at", "pk"))
    return [a for a in rows if decided_without_notice(a.call) and _in_window(round_, a.submitted_at)]


def _in_window(round_: AdjustmentRound, moment: datetime | None) -> bool:
    return moment is not None and round_.window_opens <= timezone.localdate(moment) <= round_.window_closes


@transaction.atomic
def propose_addition(*, user: Any, round: AdjustmentRound, application: Application) -> AdjustmentProposal:
    """List an approved reserve application of the window in the round's new batch."""
    current = _own_open_round(user, round)
    if application.pk not in {a.pk for a in addable_applications(current)}:
        raise DomainError(_("Only the province's approved reserve applications submitted within the round's "
                            "window (%(opens)s to %(closes)s) can be listed in the new batch.")
                          % {"opens": show_day(current.window_opens), "closes": show_day(current.window_closes)},
                          code="invalid_application", field="application")
    proposal = AdjustmentProposal.objects.create(round=current, action=ProposalAction.ADD, application=application)
    record_transition(target=proposal, field="status", old="", new=ProposalStatus.PROPOSED, actor=user,
                      message=application.platform_name)
    return proposal


@transaction.atomic
def withdraw_proposal(*, user: Any, proposal: AdjustmentProposal) -> None:
    current = _own_open_round(user, proposal.round)
    if proposal.round_id != current.pk:
        raise NotAllowed(_("This adjustment round is another province's."))
    record_transition(target=proposal, field="status", old=proposal.status, new="withdrawn", actor=user,
                      message=proposal.subject)
    proposal.delete()


@transaction.atomic
def upload_summary_sheet(*, user: Any, round: AdjustmentRound, upload: Any) -> AdjustmentRound:
    """The stamped 汇总表 scan (a PDF, OFD or image, judged by its content)."""
    current = _own_open_round(user, round)
    if upload is None:
        raise DomainError(_("Choose the stamped summary sheet to upload."), code="required", field="summary_sheet")
    accepted = accept_upload(upload, allowed=SHEET_TYPES, field="summary_sheet")
    current.summary_sheet.save(accepted.storage_name, upload, save=False)
    current.summary_sheet_name = accepted.original_name
    current.save(update_fields=["summary_sheet", "summary_sheet_name"])
    return current


@transaction.atomic
def submit_round(*, user: Any, round: AdjustmentRound) -> AdjustmentRound:
    """Submit the round to the ministry with its 汇总表: the new batch becomes final and enters the reserve
    library (no ministry decision, seed 004 二（二）); the exits wait for the ministry."""
    from zhongshi.reviews.domain.notices import finalise_selection

    current = _own_open_round(user, round)
    if not current.summary_sheet:
        raise DomainError(_("Upload the stamped summary sheet (汇总表盖章扫描件) before submitting."),
                          code="required", field="summary_sheet")
    proposals = list(current.proposals.select_related("application__call__issuer").order_by("pk"))
    if not proposals:
        raise DomainError(_("The round has no proposal: list the new batch or propose an exit."),
                          code="empty_round")
    additions = [p for p in proposals if p.action == ProposalAction.ADD]
    by_call: dict[int, list[Application]] = {}
    for proposal in additions:
        assert proposal.application is not None
        by_call.setdefault(proposal.application.call_id, []).append(proposal.application)
    with current.summary_sheet.open("rb") as handle:
        content = handle.read()
    title = _("Adjustment round %(year)s-%(month)s") % {"year": current.year, "month": current.half}
    for rows in by_call.values():
        sheet = ContentFile(content, name=current.summary_sheet_name or "summary.pdf")
        finalise_selection(user=user, call=rows[0].call, applications=rows, summary_sheet=sheet, message=title)
    now = timezone.now()
    for proposal in additions:
        proposal.status = ProposalStatus.DONE
        proposal.decided_by, proposal.decided_at = user, now
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        record_transition(target=proposal, field="status", old=ProposalStatus.PROPOSED, new=ProposalStatus.DONE,
                          actor=user, message=title)
    exits_open = any(p.action == ProposalAction.EXIT for p in proposals)
    new_status = RoundStatus.SUBMITTED if exits_open else RoundStatus.CLOSED
    current.status, current.submitted_by, current.submitted_at = new_status, user, now
    current.save(update_fields=["status", "submitted_by", "submitted_at"])
    record_transition(target=current, field="status", old=RoundStatus.OPEN, new=new_status, actor=user,
                      message=title)
    _notify(_authority_users(ministry()), "adjustment_round",
            _("%(authority)s submitted its adjustment round of %(year)s-%(month)s")
            % {"authority": current.authority.name, "year": current.year, "month": current.half},
            _("%(added)s new reserve platforms, %(exits)s exit proposals, with the stamped summary sheet.")
            % {"added": len(additions), "exits": len(proposals) - len(additions)}, current.get_absolute_url())
    return current


def remove_platform_for_exit(*, platform: PilotPlatform, cause_code: str, details: str, user: Any,
                             on: date) -> None:
    """An accepted exit proposal removes the platform through the one removal function (the removal record,
    the status and date, the audit entry, the notifications), with the province's reasons as its facts."""
    from zhongshi.library.domain.lifecycle import remove_platform

    remove_platform(user=user, platform=platform, cause_code=cause_code, details=details, decided_on=on)


@transaction.atomic
def decide_exit(*, user: Any, proposal: AdjustmentProposal, accept: bool, reasons: str = "") -> AdjustmentProposal:
    """The ministry accepts an exit proposal (the platform is removed) or declines it with reasons."""
    if getattr(getattr(user, "authority", None), "level", None) != "ministry":
        raise NotAllowed(_("Only the ministry decides exit proposals."))
    current = AdjustmentProposal.objects.select_for_update(of=("self",)).select_related(
        "round__authority", "platform__division").get(pk=proposal.pk)
    if current.round.status != RoundStatus.SUBMITTED:
        raise DomainError(_("This adjustment round has not been submitted to the ministry."), code="not_submitted")
    if current.action != ProposalAction.EXIT or current.status != ProposalStatus.PROPOSED:
        raise DomainError(_("This proposal has already been decided."), code="already_decided")
    reasons = (reasons or "").strip()
    if not accept and not reasons:
        raise DomainError(_("Please give the reasons for declining."), code="required", field="reasons")
    platform = current.platform
    assert platform is not None
    if accept:
        if platform.status != PlatformStatus.ACTIVE:
            raise DomainError(_("This platform is no longer in the library."), code="not_active")
        remove_platform_for_exit(platform=platform, cause_code=current.cause_code, details=current.reasons,
                                 user=user, on=today_in_china())
    new = ProposalStatus.DONE if accept else ProposalStatus.DECLINED
    current.status, current.decision_reasons = new, reasons
    current.decided_by, current.decided_at = user, timezone.now()
    current.save(update_fields=["status", "decision_reasons", "decided_by", "decided_at"])
    record_transition(target=current, field="status", old=ProposalStatus.PROPOSED, new=new, actor=user,
                      message=reasons or current.cause)
    round_ = current.round
    if not round_.proposals.filter(status=ProposalStatus.PROPOSED).exists():
        AdjustmentRound.objects.filter(pk=round_.pk).update(status=RoundStatus.CLOSED)
        record_transition(target=round_, field="status", old=RoundStatus.SUBMITTED, new=RoundStatus.CLOSED,
                          actor=user)
    title = (_("The exit of %(platform)s was accepted: it is removed from the library") if accept
             else _("The exit of %(platform)s was declined")) % {"platform": platform.name}
    _notify(_authority_users(round_.authority), "adjustment_decided", title, reasons or current.cause,
            reverse("library:adjustment_round", args=[round_.pk]))
    return current


# ---------------------------------------------------------------------------------------------- nominations


def nominated_platform(*, credit_code: str) -> PilotPlatform | None:
    """The platform a nomination's final approval moves up, when none has the application's name: the host's
    single active platform (None when it has none or several)."""
    rows = list(PilotPlatform.objects.filter(credit_code=credit_code, status=PlatformStatus.ACTIVE)[:2])
    return rows[0] if len(rows) == 1 else None


def nomination_reason(level: str) -> Any:
    """The barrier of a nomination call: the host must hold an active platform of the tier below."""
    tiers = NOMINATION_TIERS[level]

    def reason(credit_code: str, on: date | None) -> str | None:
        if PilotPlatform.objects.filter(credit_code=credit_code, status=PlatformStatus.ACTIVE,
                                        tier__in=tiers).exists():
            return None
        if level == "ministry_key":
            return _("The host organisation (%(code)s) has no active reserve platform: only platforms of the "
                     "reserve library may be nominated as ministry key platforms (seed 004 §2(3)).") % {
                "code": credit_code}
        return _("The host organisation (%(code)s) has no active key or provincial platform: only these may be "
                 "recommended as national platforms (seed 002 §3(4)).") % {"code": credit_code}
    return reason


# ---------------------------------------------------------------------------------------------- affiliated units


def on_application_moved(sender: object, *, application: Any, move: str, **kwargs: Any) -> None:
    """依托工业和信息化部直属单位建设的中试平台 (seed 004 二（二）): its reserve application goes to its province
    and, at the same time, its 信息表 to the ministry (which reads every application)."""
    if move == "submit" and application.call.level == "ministry_reserve" and application.host_org.ministry_affiliated:
        _notify(_authority_users(ministry()), "affiliated_reserve_submitted",
                _("%(platform)s (a unit affiliated to the ministry) applied to the reserve library")
                % {"platform": application.platform_name}, application.host_org.name,
                reverse("applications:application_detail", args=[application.pk]))
