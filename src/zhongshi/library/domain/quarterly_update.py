"""Quarterly and real-time updates of a platform's data (seed 004 §二（三）; issue 10 §3).

draft → submitted → accepted, or → returned → submitted … One function per change of state; each checks its
permission (library/rules.py, quarterly block), records the transition and notifies the other side.

- A period's update may be submitted from the first day of its window. After the window it is still taken,
  recorded ``late`` (never lost). Before the window it is refused: an update outside the window is a
  real-time update (实时更新), which the host organisation starts as such and may submit at any time.
- A platform has at most one open (draft, submitted, returned) update at a time, so that the version an
  update was prefilled from is the one it follows.
- Accepting makes the platform's next data version (enter_library.add_version, source quarterly/realtime)
  and replaces its service items; the update row is locked, so two reviewers accepting one update record one
  decision and one version.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.edit_application import StaleRevisionError, clean_answers
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.formversions.domain.formdef import FormDef, list_forms, load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers
from zhongshi.library.domain.enter_library import platform_data_from_answers, replace_services, services_from_rows
from zhongshi.library.domain.periods import QuarterlyPeriod, period_containing, period_for
from zhongshi.library.enums import PlatformStatus, UpdateStatus, VersionSource
from zhongshi.library.models import PilotPlatform, QuarterlyUpdate
from zhongshi.notifications.domain.notify import notify
from zhongshi.notifications.domain.queries.recipients import recipients_for_authority, recipients_for_host_org
from zhongshi.organisations.models import Authority

OPEN = (UpdateStatus.DRAFT, UpdateStatus.SUBMITTED, UpdateStatus.RETURNED)
EQUIPMENT_COLUMNS = ("name", "model", "quantity", "value_wan")
LOAD_ROLES = ("operating_days", "utilisation", "pilot_projects")


class StaleUpdateError(StaleRevisionError):
    """The update changed since the user loaded it (the same message as a 申报书's)."""

    def __init__(self, current: QuarterlyUpdate) -> None:
        DomainError.__init__(
            self,
            _("This update was saved by someone else (%(who)s, %(when)s) after you opened it. Your changes were "
              "not saved; they are kept on this page. Reload to see the other changes, then enter yours again.")
            % {"who": current.updated_by.display_name if current.updated_by else "-",
               "when": timezone.localtime(current.updated_at).strftime("%H:%M:%S")},
            code="stale_revision",
        )
        self.current = current  # type: ignore[assignment]


def update_form_code() -> str:
    """The newest form version of the ``quarterly_update`` kind (the last by name)."""
    codes = list_forms(kind="quarterly_update")
    if not codes:
        raise DomainError(_("No form version of the quarterly update is installed."), code="no_form")
    return codes[-1]


def period_of(update: QuarterlyUpdate) -> QuarterlyPeriod:
    return period_for(year=update.year, quarter=update.quarter)


# ------------------------------------------------------------------------------------------ prefill, version


def _put(data: dict[str, Any], path: str | None, value: Any) -> None:
    if path is None or value is None:
        return
    *parents, key = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[key] = value


def fill_identity(form: FormDef, answers: dict[str, Any], platform: PilotPlatform) -> dict[str, Any]:
    """The answers with the platform's name, host organisation and credit code (the library decides them)."""
    filled = copy.deepcopy(answers)
    for role, value in (("platform_name", platform.name), ("host_org_name", platform.host_org_name),
                        ("host_org_credit_code", platform.credit_code)):
        for path in form.role_paths(role):
            _put(filled, path, value)
    return filled


def identity_paths(form: FormDef) -> frozenset[str]:
    """The inputs the update's web form shows read-only."""
    return frozenset(path for role in ("platform_name", "host_org_name", "host_org_credit_code")
                     for path in form.role_paths(role))


def _service_rows(platform: PilotPlatform, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The 服务事项 rows of the current version: kept as entered by an update; from the approved 申报书 for
    the first version; otherwise the service items typed as 其他."""
    if isinstance(data.get("service_items"), list):
        return copy.deepcopy(data["service_items"])
    application = platform.source_application
    if application is not None and application.form_code in list_forms():
        rows = load_form(application.form_code).answer_for_role(application.answers, "service_items")
        if isinstance(rows, list):
            return [{k: row.get(k) for k in ("kind", "kind_other", "products", "parameters") if k in row}
                    for row in rows if isinstance(row, dict)]
    return [{"kind": "其他", "kind_other": s.name, "parameters": s.description} for s in platform.services.all()]


def _as_answer(value: Any) -> Any:
    """A figure kept as text in a version ("860", "12.5") as the web form stores it (860, 12.5)."""
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return int(number) if number == number.to_integral_value() else float(number)
    return value


def prefilled_answers(form: FormDef, platform: PilotPlatform) -> dict[str, Any]:
    """A new update's answers: the platform's current version, to be changed where things changed."""
    version = platform.versions.order_by("-number").first()
    data: dict[str, Any] = dict(version.data) if version else {}
    answers: dict[str, Any] = {"form": form.code}
    load: dict[str, Any] = data["load"] if isinstance(data.get("load"), dict) else {}
    for role, value in (("service_revenue", data.get("service_revenue_wan")),
                        ("enterprises_served", data.get("enterprises_served")),
                        ("equipment_value", data.get("equipment_value_wan")),
                        ("fulltime_staff", data.get("fulltime_staff")),
                        *((role, load.get(role)) for role in LOAD_ROLES)):
        _put(answers, form.role_path(role), _as_answer(value))
    equipment = [{k: _as_answer(row.get(k)) for k in EQUIPMENT_COLUMNS if row.get(k) not in (None, "")}
                 for row in data.get("equipment") or [] if isinstance(row, dict)]
    _put(answers, form.role_path("equipment"), equipment)
    _put(answers, form.role_path("service_items"), _service_rows(platform, data))
    return normalise_answers(form, fill_identity(form, answers, platform))


def version_data(form: FormDef, answers: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """The next version's data: the previous version's, with what the update's form declares (read by role)."""
    data = dict(previous)
    figures = platform_data_from_answers(form, answers)
    figures.pop("clusters")  # the update form does not ask for the clusters: they stay
    data.update(figures)
    rows = form.answer_for_role(answers, "service_items")
    data["service_items"] = copy.deepcopy(rows) if isinstance(rows, list) else []
    data["load"] = {role: form.answer_for_role(answers, role) for role in LOAD_ROLES if form.has_role(role)}
    data["summary"] = form.answer_for_role(answers, "update_summary") or ""
    return data


# ------------------------------------------------------------------------------------------ recipients


def province_authority(platform: PilotPlatform) -> Authority | None:
    """The provincial authority over the platform's division (it reviews the platform's updates)."""
    parts = [part for part in platform.division.path.split("/") if part]
    if len(parts) < 2:
        return None
    return Authority.objects.filter(region__code=parts[1], level="province").first()


def _host_users(platform: PilotPlatform) -> list[Any]:
    return recipients_for_host_org(platform.host_org) if platform.host_org_id else []


def _notify_host(update: QuarterlyUpdate, kind: str, title: str, body: str) -> None:
    notify(users=_host_users(update.platform), kind=kind, title=title, body=body, url=update.get_absolute_url())


def _what(update: QuarterlyUpdate) -> str:
    period = period_of(update)
    return _("the real-time update of %(period)s") % {"period": period.label} if update.realtime else period.label


# ------------------------------------------------------------------------------------------ state changes


def _locked(update: QuarterlyUpdate) -> QuarterlyUpdate:
    return (QuarterlyUpdate.objects.select_for_update(of=("self",))
            .select_related("platform__division", "platform__host_org", "updated_by").get(pk=update.pk))


@transaction.atomic
def start_update(*, user: Any, platform: PilotPlatform, period: QuarterlyPeriod | None = None,
                 realtime: bool = False, today: date | None = None) -> QuarterlyUpdate:
    """The platform's open update for ``period`` (a real-time update: ``realtime``), started if there is none,
    prefilled from the platform's current version."""
    if not can(user, "library.start_update", platform):
        raise NotAllowed(_("Only the host organisation of an active platform may update it."))
    today = today or timezone.localdate()
    period = period or period_containing(today)
    platform = PilotPlatform.objects.select_for_update(of=("self",)).get(pk=platform.pk)
    existing = platform.quarterly_updates.filter(status__in=OPEN).order_by("pk").first()
    if existing is not None:
        same = (existing.realtime and realtime) or (
            not existing.realtime and not realtime and (existing.year, existing.quarter) == (period.year, period.quarter))
        if same:
            return existing
        raise DomainError(_("The platform has another update in progress (%(what)s): finish it first.")
                          % {"what": _what(existing)}, code="update_in_progress")
    if not realtime and platform.quarterly_updates.filter(realtime=False, year=period.year,
                                                          quarter=period.quarter).exists():
        raise DomainError(_("The update of %(period)s was already accepted.") % {"period": period.label},
                          code="already_updated")
    form = load_form(update_form_code())
    update = QuarterlyUpdate.objects.create(
        platform=platform, year=period.year, quarter=period.quarter, realtime=realtime, form_code=form.code,
        answers=prefilled_answers(form, platform), created_by=user, updated_by=user)
    record_transition(target=update, field="status", old="", new=UpdateStatus.DRAFT, actor=user,
                      message=_what(update))
    return update


@transaction.atomic
def save_update(*, user: Any, update: QuarterlyUpdate, answers: Any, base_revision: int) -> QuarterlyUpdate:
    """Store a draft's answers if nobody saved it since ``base_revision`` (as a 申报书's draft is stored)."""
    current = _locked(update)
    if not can(user, "library.change_update", current):
        raise NotAllowed(_("You may not change this update."))
    if current.revision != base_revision:
        raise StaleUpdateError(current)
    form = load_form(current.form_code)
    cleaned = clean_answers(current.form_code, fill_identity(form, answers, current.platform))
    if cleaned == current.answers:
        return current
    current.answers = cleaned
    current.revision += 1
    current.updated_by = user
    current.save(update_fields=["answers", "revision", "updated_by", "updated_at"])
    return current


def update_errors(update: QuarterlyUpdate) -> list[Any]:
    from zhongshi.formversions.domain.check_answers import check_answers

    return check_answers(load_form(update.form_code), update.answers).errors


@transaction.atomic
def submit_update(*, user: Any, update: QuarterlyUpdate, now: Any = None) -> QuarterlyUpdate:
    """Send the update to the province. A period's update: not before its window; after it, recorded late."""
    current = _locked(update)
    if not can(user, "library.change_update", current):
        raise NotAllowed(_("You may not submit this update."))
    if current.platform.status != PlatformStatus.ACTIVE:
        raise DomainError(_("The platform is no longer in the library."), code="platform_removed")
    now = now or timezone.now()
    today = timezone.localdate(now)
    period = period_of(current)
    if not current.realtime and period.state(today) == "before":
        raise DomainError(
            _("The update of %(period)s opens on %(start)s (the last 5 working days of the quarter). To report a "
              "change now, make a real-time update.")
            % {"period": period.label, "start": f"{period.window_start.year}年{period.window_start.month}月"
                                                f"{period.window_start.day}日"}, code="window_not_open")
    errors = update_errors(current)
    if errors:
        raise DomainError(_("The update has %(n)s errors; correct them before submitting.") % {"n": len(errors)},
                          code="has_errors")
    old = current.status
    current.status = UpdateStatus.SUBMITTED
    current.submitted_at = now
    current.late = not current.realtime and period.state(today) == "closed"
    current.updated_by = user
    current.save(update_fields=["status", "submitted_at", "late", "updated_by", "updated_at"])
    record_transition(target=current, field="status", old=old, new=current.status, actor=user,
                      message=_("late") if current.late else "")
    notify(users=recipients_for_authority(province_authority(current.platform)), kind="quarterly_update_submitted",
           title=_("%(platform)s submitted %(what)s") % {"platform": current.platform.name, "what": _what(current)},
           body=_("Late: submitted after the window.") if current.late else "", url=current.get_absolute_url())
    return current


def _decided(current: QuarterlyUpdate) -> DomainError:
    who = current.decided_by.display_name if current.decided_by else "-"
    return DomainError(_("This update was already decided (%(status)s, by %(who)s).")
                       % {"status": current.get_status_display(), "who": who}, code="already_decided")


@transaction.atomic
def return_update(*, user: Any, update: QuarterlyUpdate, reasons: str) -> QuarterlyUpdate:
    current = _locked(update)
    if not can(user, "library.review_update", current):
        raise NotAllowed(_("Only the provincial authority over the platform may review its updates."))
    if current.status != UpdateStatus.SUBMITTED:
        raise _decided(current)
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError(_("Give the reasons for returning the update."), code="reasons_required", field="reasons")
    current.status = UpdateStatus.RETURNED
    current.return_reasons = reasons[:2000]
    current.decided_by = user
    current.decided_at = timezone.now()
    current.save(update_fields=["status", "return_reasons", "decided_by", "decided_at", "updated_at"])
    record_transition(target=current, field="status", old=UpdateStatus.SUBMITTED, new=current.status, actor=user,
                      message=current.return_reasons)
    _notify_host(current, "quarterly_update_returned",
                 _("%(what)s of %(platform)s was returned for revision") % {"what": _what(current),
                                                                          "platform": current.platform.name},
                 current.return_reasons)
    return current


@transaction.atomic
def accept_update(*, user: Any, update: QuarterlyUpdate) -> QuarterlyUpdate:
    """The update becomes the platform's next data version; its services replace the platform's."""
    from zhongshi.library.domain.enter_library import add_version

    current = _locked(update)
    if not can(user, "library.review_update", current):
        raise NotAllowed(_("Only the provincial authority over the platform may review its updates."))
    if current.status != UpdateStatus.SUBMITTED:
        raise _decided(current)
    platform = PilotPlatform.objects.select_for_update(of=("self",)).get(pk=current.platform_id)
    form = load_form(current.form_code)
    previous = platform.versions.order_by("-number").first()
    data = version_data(form, current.answers, previous.data if previous else {})
    source = VersionSource.REALTIME if current.realtime else VersionSource.QUARTERLY
    version = add_version(platform=platform, data=data, source=source, user=user)
    replace_services(platform, services_from_rows(data["service_items"]))
    current.status = UpdateStatus.ACCEPTED
    current.decided_by = user
    current.decided_at = timezone.now()
    current.version = version
    current.save(update_fields=["status", "decided_by", "decided_at", "version", "updated_at"])
    record_transition(target=current, field="status", old=UpdateStatus.SUBMITTED, new=current.status, actor=user,
                      message=_("Data version %(n)s") % {"n": version.number})
    _notify_host(current, "quarterly_update_accepted",
                 _("%(what)s of %(platform)s was accepted") % {"what": _what(current), "platform": platform.name}, "")
    return current


def open_update_filter() -> Q:
    return Q(status__in=OPEN)
