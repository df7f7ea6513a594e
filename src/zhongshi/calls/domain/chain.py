"""The review chain of a call, in one place: its levels and their names, each level's deadline rule and its
resolution by the working-days calendar, the call's rounds, the deadline extensions, and which authority acts
at each level for a host organisation.

Levels are ``ReviewLevel`` (calls/enums.py), from the bottom up. ``Call.chain`` lists the levels an
application passes, in order, each with a deadline **rule**:

- ``null`` (or absent): no deadline (the deciding level);
- ``"2026-01-28"``: a date, i.e. the end of that day, 23:59:59 Beijing time;
- ``"2026-01-28T23:59:59+08:00"``: a moment (a naive one is Beijing time);
- ``{"last_working_days": 5}``: the last 5 working days of the round's month (当月最后5个工作日). That is the
  level's *window*: its deadline is the end of the month's last working day (23:59:59 Beijing time) and, for
  the first level, the window's first day is when submissions open for the round. A call without rounds
  names the month in the rule: ``{"last_working_days": 5, "month": "2026-12"}``.

Working days come from reference/domain/working_days.py (chinesecalendar and the administrator's table); a
month of a year without calendar data raises ``CalendarUnknown``: a deadline is never guessed.

``Call.rounds`` lists the months of a recurring call (``[{"month": "2026-06"}, {"month": "2026-12"}]``, seed
004 二（五）: every June and December). The round in effect at a moment is the first one whose month has not
ended yet (the last one after every month has ended); an application belongs to the round in effect when it
was last submitted.

A chain level is acted on by the authority of that level among the host organisation's ancestors (its
district's 经信部门, its city's 经信局, its province's 经信厅, the ministry); a level with no such authority
(the district level of a province-administered city without districts, 仙桃市 …) is skipped. These functions
take a call and a host organisation, never an application (the applications app comes later).
"""

from __future__ import annotations

import calendar
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from zhongshi.calls.enums import ReviewLevel
from zhongshi.calls.models import Call, DeadlineExtension
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.models import Authority, HostOrg
from zhongshi.reference.domain.working_days import last_working_days

SHANGHAI = ZoneInfo("Asia/Shanghai")
LEVELS: tuple[str, ...] = tuple(ReviewLevel.values)
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_WINDOW_DAYS = 15
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidRule(DomainError):  # noqa: N818 - the name says what is wrong
    """A deadline rule that cannot be read (bad date, bad number of working days, no month)."""


# ---------------------------------------------------------------------------------------------- naming


def level_name(level: str) -> str:
    """区级, 市级, 省级, 部级; an unknown level as it is."""
    return str(ReviewLevel(level).label) if level in LEVELS else level


def show_deadline(moment: datetime) -> str:
    """2026年1月28日 23:59, in Beijing time."""
    local = moment.astimezone(SHANGHAI)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def format_deadline(value: datetime | None) -> str:
    return show_deadline(value) if value is not None else "—"


def show_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class DeadlineRule:
    """A level's deadline rule: a fixed ``moment``, or the last ``days`` working days of a month (``month``
    when the rule names it, else the round's)."""

    moment: datetime | None = None
    days: int | None = None
    month: tuple[int, int] | None = None

    @property
    def is_window(self) -> bool:
        return self.days is not None


def end_of_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=SHANGHAI)


def parse_month(value: Any) -> tuple[int, int]:
    """"2026-12" → (2026, 12); ``InvalidRule`` otherwise."""
    match = _MONTH.match(str(value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        raise InvalidRule(_("Give the month as year and month, e.g. 2026-12."), code="invalid_month")
    return int(match.group(1)), int(match.group(2))


def parse_moment(value: Any) -> datetime | None:
    """A date ("2026-01-28": the end of that day) or a moment (naive = Beijing time); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment: datetime | None = value
    elif isinstance(value, date):
        moment = end_of_day(value)
    else:
        text = str(value).strip()
        day = parse_date(text) if len(text) == 10 else None
        moment = end_of_day(day) if day is not None else parse_datetime(text)
    if moment is None:
        raise InvalidRule(_("The deadline is not a date and time."), code="invalid_deadline")
    moment = moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment
    if not MIN_YEAR <= moment.astimezone(SHANGHAI).year <= MAX_YEAR:
        raise InvalidRule(_("Please give a date between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
                          code="invalid_deadline")
    return moment


def parse_days(value: Any) -> int:
    try:
        days = 0 if isinstance(value, bool) else int(str(value).strip())  # true is no number of days
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_WINDOW_DAYS:
        raise InvalidRule(_("Give a number of working days from 1 to %(max)s.") % {"max": MAX_WINDOW_DAYS},
                          code="invalid_days")
    return days


def parse_rule(value: Any) -> DeadlineRule | None:
    """The rule stored in a chain step (see the module's docstring); None for no deadline."""
    if isinstance(value, Mapping):
        days = parse_days(value.get("last_working_days"))
        month = parse_month(value["month"]) if value.get("month") else None
        return DeadlineRule(days=days, month=month)
    moment = parse_moment(value)
    return DeadlineRule(moment=moment) if moment is not None else None


def stored_rule(rule: DeadlineRule | None) -> Any:
    """The rule as stored in ``Call.chain`` (JSON)."""
    if rule is None:
        return None
    if rule.moment is not None:
        return rule.moment.astimezone(SHANGHAI).isoformat()
    stored: dict[str, Any] = {"last_working_days": rule.days}
    if rule.month is not None:
        stored["month"] = f"{rule.month[0]:04d}-{rule.month[1]:02d}"
    return stored


def describe_rule(rule: DeadlineRule | None) -> str:
    """The rule in plain Chinese: 2026年1月28日 23:59, 当月最后5个工作日, 2026年12月最后5个工作日, 无截止时间."""
    if rule is None:
        return _("no deadline")
    if rule.moment is not None:
        return show_deadline(rule.moment)
    if rule.month is not None:
        return _("the last %(days)s working days of %(year)s-%(month)s") % {
            "days": rule.days, "year": rule.month[0], "month": rule.month[1]}
    return _("the last %(days)s working days of the month") % {"days": rule.days}


# The working days of a month, cached per process for a few minutes (the queue pages resolve a deadline per
# row); emptied when an administrator changes the calendar (calls/apps.py connects forget_calendar).
_CACHE_SECONDS = 300.0
_windows: dict[tuple[int, int, int], tuple[float, tuple[date, ...]]] = {}
_lock = threading.Lock()


def window_days(year: int, month: int, days: int) -> tuple[date, ...]:
    """The last ``days`` working days of the month; raises ``CalendarUnknown`` for a year without data and
    ``NotEnoughWorkingDays`` for a month that has fewer."""
    key = (year, month, days)
    now = time.monotonic()
    with _lock:
        hit = _windows.get(key)
    if hit is not None and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    found = tuple(last_working_days(year, month, days))
    with _lock:
        _windows[key] = (now, found)
    return found


def forget_calendar(**kwargs: Any) -> None:
    with _lock:
        _windows.clear()


@dataclass(frozen=True)
class Window:
    """当月最后N个工作日: from ``opens`` (its first day) to ``closes`` (the end of its last day)."""

    days: tuple[date, ...]

    @property
    def opens(self) -> date:
        return self.days[0]

    @property
    def closes(self) -> datetime:
        return end_of_day(self.days[-1])

    def shown(self) -> str:
        first, last = self.days[0], self.days[-1]
        return _("%(first)s to %(last)s") % {"first": show_day(first), "last": show_day(last)}


def rule_window(rule: DeadlineRule, month: tuple[int, int] | None) -> Window:
    """The window of a "last N working days" rule in ``month`` (the rule's own month wins)."""
    year_month = rule.month or month
    if year_month is None or rule.days is None:
        raise InvalidRule(_("This call has no rounds: name the month of the last working days."), code="no_month")
    return Window(window_days(year_month[0], year_month[1], rule.days))


def resolve_rule(rule: DeadlineRule | None, month: tuple[int, int] | None = None) -> datetime | None:
    """The deadline a rule gives in ``month`` (the round's); raises ``CalendarUnknown`` for a year without
    calendar data."""
    if rule is None:
        return None
    if rule.moment is not None:
        return rule.moment
    return rule_window(rule, month).closes


# ---------------------------------------------------------------------------------------------- rounds


@dataclass(frozen=True)
class Round:
    year: int
    month: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.month)

    @property
    def ends(self) -> datetime:
        return end_of_day(date(self.year, self.month, calendar.monthrange(self.year, self.month)[1]))

    def shown(self) -> str:
        return _("%(year)s-%(month)s round") % {"year": self.year, "month": self.month}


def call_rounds(call: Call) -> list[Round]:
    """The call's rounds by month, in order (empty for a call of one round)."""
    months = {parse_month(item.get("month") if isinstance(item, Mapping) else item) for item in call.rounds or []}
    return [Round(year, month) for year, month in sorted(months)]


def round_at(call: Call, at: datetime | None = None) -> Round | None:
    """The round in effect at ``at`` (now by default): the first whose month has not ended; the last one after
    every month has ended; None for a call without rounds."""
    rounds = call_rounds(call)
    if not rounds:
        return None
    moment = at or timezone.now()
    return next((r for r in rounds if moment <= r.ends), rounds[-1])


def step_rule(step: Mapping[str, Any]) -> DeadlineRule | None:
    return parse_rule(step.get("deadline"))


def chain_rules(call: Call) -> list[tuple[str, DeadlineRule | None]]:
    """(level, rule) of each step of the chain, in order."""
    return [(str(step.get("level", "")), step_rule(step)) for step in call.chain or [] if isinstance(step, Mapping)]


def chain_deadline(call: Call, level: str, *, at: datetime | None = None) -> datetime | None:
    """The deadline the call sets for ``level`` in the round in effect at ``at`` (before any extension)."""
    for step_level, rule in chain_rules(call):
        if step_level == level:
            round_ = round_at(call, at)
            return resolve_rule(rule, round_.key if round_ else None)
    return None


def submission_window(call: Call, *, at: datetime | None = None) -> Window | None:
    """When applicants submit in the round in effect at ``at``: the first level's window, when its rule is
    "the last N working days"; None otherwise (submissions are open while the call is)."""
    rules = chain_rules(call)
    if not rules or rules[0][1] is None or not rules[0][1].is_window:
        return None
    round_ = round_at(call, at)
    return rule_window(rules[0][1], round_.key if round_ else None)


def ensure_submission_open(call: Call, *, at: datetime | None = None) -> None:
    """Refuse a submission outside the round's window, when the first level's rule is "the last N working days"
    (seed 004 二（五）: 于当月最后5个工作日内完成申报); a call without such a window takes submissions while
    it is open."""
    moment = at or timezone.now()
    window = submission_window(call, at=moment)
    if window is None:
        return
    if moment.astimezone(SHANGHAI).date() < window.opens or moment > window.closes:
        raise DomainError(_("Applications to this call are submitted from %(window)s.") % {"window": window.shown()},
                          code="outside_window")


def chain_steps(call: Call, *, at: datetime | None = None) -> list[dict[str, Any]]:
    """The chain for display: each level's name, its rule in plain Chinese, its deadline in the round in effect
    (``deadline``, ``shown``) and, for a "last N working days" rule, what it gives in each round (``rounds``:
    the round's name, the window, the deadline shown). A rule the calendar cannot resolve shows its error."""
    rounds: list[Round | None] = list(call_rounds(call)) or [None]
    current = round_at(call, at)
    steps = []
    for level, rule in _safe_rules(call):
        step: dict[str, Any] = {"level": level, "name": level_name(level), "rule": describe_rule(rule),
                                "deadline": None, "shown": "", "error": "", "rounds": []}
        for round_ in rounds:
            month = round_.key if round_ else None
            try:
                window = rule_window(rule, month) if rule is not None and rule.is_window else None
                deadline = resolve_rule(rule, month)
            except DomainError as exc:
                step["error"] = exc.message
                break
            if round_ == current:
                step["deadline"], step["shown"] = deadline, show_deadline(deadline) if deadline else ""
            if window is not None:
                step["rounds"].append({"name": round_.shown() if round_ else "",
                                       "window": window.shown() if window else "",
                                       "deadline": show_deadline(deadline) if deadline else ""})
        steps.append(step)
    return steps


def _safe_rules(call: Call) -> list[tuple[str, DeadlineRule | None]]:
    out = []
    for step in call.chain or []:
        if not isinstance(step, Mapping):
            continue
        try:
            rule = step_rule(step)
        except DomainError:
            rule = None
        out.append((str(step.get("level", "")), rule))
    return out


# ---------------------------------------------------------------------------------------------- extensions


def call_area(call: Call) -> str:
    """The path of the call's area: its issuer's subtree (the whole country for the ministry)."""
    return call.issuer.path if call.issuer is not None else ""


def applicable_extensions(extensions: Iterable[DeadlineExtension], call: Call, level: str,
                          authority: Authority | None) -> list[DeadlineExtension]:
    """Of ``extensions`` (of ``call``), those that move ``level`` for ``authority``: its own, and those granted to
    every authority of the level in an area that holds it (without an authority: those of the call's area)."""
    if authority is not None:
        areas = {authority.path[:i + 1] for i, char in enumerate(authority.path) if char == "/"}
        return [e for e in extensions if e.level == level and (
            e.authority_id == authority.pk or (e.authority_id is None and e.area_path in areas))]
    area = call_area(call)
    return [e for e in extensions if e.level == level and e.authority_id is None and e.area_path == area]


def effective_deadline(call: Call, level: str, authority: Authority | None = None, *,
                       at: datetime | None = None,
                       extensions: Iterable[DeadlineExtension] | None = None) -> datetime | None:
    """The call's deadline for ``level`` in the round in effect at ``at``, moved by the latest extension for
    that authority or that level. A list page passes the call's ``extensions``, loaded once for all its rows."""
    deadline = chain_deadline(call, level, at=at)
    if extensions is None:
        extensions = DeadlineExtension.objects.filter(call=call, level=level)
    latest = max((e.deadline for e in applicable_extensions(extensions, call, level, authority)), default=None)
    if latest is not None and (deadline is None or latest > deadline):
        return latest
    return deadline


def deadline_and_text(call: Call, level: str, authority: Authority | None = None, *,
                      at: datetime | None = None,
                      extensions: Iterable[DeadlineExtension] | None = None) -> tuple[datetime | None, str]:
    """The effective deadline and how a page shows it: 2026年1月28日 23:59, — for none, or the calendar's
    error (a year without calendar data) instead of a guess."""
    try:
        deadline = effective_deadline(call, level, authority, at=at, extensions=extensions)
    except DomainError as exc:
        return None, exc.message
    return deadline, format_deadline(deadline)


def ensure_before_deadline(call: Call, level: str, authority: Authority, now: datetime | None = None, *,
                           at: datetime | None = None) -> None:
    """Refuse an act after the level's (extended) deadline; ``at`` picks the round (the application's
    submission)."""
    deadline = effective_deadline(call, level, authority, at=at)
    if deadline is not None and (now or timezone.now()) > deadline:
        raise DomainError(
            _("The deadline of the %(level)s level (%(deadline)s) has passed. The level above must grant an "
              "extension before you can act.") % {"level": level_name(level), "deadline": show_deadline(deadline)},
            code="deadline_passed")


def level_above(call: Call, level: str) -> str | None:
    levels = call.chain_levels()
    index = levels.index(level) if level in levels else -1
    return levels[index + 1] if 0 <= index < len(levels) - 1 else None


@transaction.atomic
def grant_extension(*, user: Any, call: Call, level: str, deadline: datetime, reason: str,
                    authority: Authority | None = None) -> DeadlineExtension:
    """The level above (or the call's issuer) moves a level's deadline, for one authority or for all."""
    above = level_above(call, level)
    user_authority: Authority | None = getattr(user, "authority", None)
    if user_authority is None:
        raise NotAllowed(_("Only the level above may extend this deadline, in its own area."))
    is_issuer = user_authority == call.issuer
    allowed = is_issuer or (
        above is not None and user_authority.level == above and user_authority.path.startswith(call_area(call)))
    if not allowed or (authority is not None and not authority.path.startswith(user_authority.path)):
        raise NotAllowed(_("Only the level above may extend this deadline, in its own area."))
    if not reason.strip():
        raise DomainError(_("Please give the reason for the extension."), code="required", field="reason")
    current = effective_deadline(call, level, authority)
    if current is not None and deadline <= current:
        raise DomainError(_("The new deadline must be later than the current one (%(current)s).")
                          % {"current": show_deadline(current)}, code="not_later", field="deadline")
    if deadline <= timezone.now():
        raise DomainError(_("The new deadline must lie in the future."), code="in_past", field="deadline")
    if not MIN_YEAR <= timezone.localtime(deadline).year <= MAX_YEAR:
        raise DomainError(_("Please give a date between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
                          code="out_of_range", field="deadline")
    area = call_area(call) if is_issuer else user_authority.path
    return DeadlineExtension.objects.create(call=call, level=level, authority=authority, deadline=deadline,
                                            area_path=area, reason=reason.strip(), granted_by=user)


# ---------------------------------------------------------------------------------------------- who acts


def in_call_area(call: Call, host_org: HostOrg) -> bool:
    """A call takes applications from its issuer's area only (a provincial call from its province)."""
    return call.issuer is None or host_org.district.path.startswith(call.issuer.path)


def _region_codes(host_org: HostOrg) -> list[str]:
    return [code for code in host_org.district.path.strip("/").split("/") if code]


def prefetch_ancestor_authorities(host_orgs: Iterable[HostOrg]) -> None:
    """Load the ancestor authorities of many host organisations (each with its ``district``) in one query, so
    that a list page asks ``ancestor_authorities`` of each without a query per row."""
    orgs = [org for org in host_orgs if getattr(org, "_ancestor_authorities", None) is None]
    if not orgs:
        return
    codes = {code for org in orgs for code in _region_codes(org)}
    by_code = {a.region.code: a for a in Authority.objects.filter(region__code__in=codes).select_related("region")}
    for org in orgs:
        org._ancestor_authorities = {  # type: ignore[attr-defined]
            by_code[code].level: by_code[code] for code in _region_codes(org) if code in by_code}


def ancestor_authorities(host_org: HostOrg) -> dict[str, Authority]:
    """The authorities above a host organisation, by level (one query, kept on the instance: a page that asks
    who acts, what the status is and whether the user holds it asks it once)."""
    prefetch_ancestor_authorities([host_org])
    return host_org._ancestor_authorities  # type: ignore[attr-defined]


def acting_levels(call: Call, host_org: HostOrg) -> list[tuple[str, Authority]]:
    """The chain's levels that apply to this host organisation, in order, with their authority."""
    if not in_call_area(call, host_org):
        return []
    authorities = ancestor_authorities(host_org)
    return [(level, authorities[level]) for level in call.chain_levels() if level in authorities]


def acting_authority(call: Call, host_org: HostOrg, level: str) -> Authority | None:
    """The authority that acts at ``level`` for the host organisation's applications to the call."""
    return dict(acting_levels(call, host_org)).get(level)


def first_level(call: Call, host_org: HostOrg) -> str:
    levels = acting_levels(call, host_org)
    return levels[0][0] if levels else ""


def next_level(call: Call, host_org: HostOrg, level: str) -> str | None:
    """The level after ``level``, or None when ``level`` decides (or does not apply)."""
    levels = [step for step, _authority in acting_levels(call, host_org)]
    if level not in levels:
        return None
    index = levels.index(level)
    return levels[index + 1] if index + 1 < len(levels) else None


def is_deciding_level(call: Call, host_org: HostOrg, level: str) -> bool:
    return bool(level) and next_level(call, host_org, level) is None


def round_names(call: Call) -> str:
    """The rounds in plain Chinese: 2026年6月、2026年12月."""
    return "、".join(_("%(year)s-%(month)s") % {"year": r.year, "month": r.month} for r in call_rounds(call))


def resolve_all(call: Call) -> list[tuple[int, str, Round | None, datetime | None]]:
    """(step index, level, round, deadline) of every step in every round: raises the first rule's error."""
    out = []
    rounds: list[Round | None] = list(call_rounds(call)) or [None]
    for index, (level, rule) in enumerate(chain_rules(call)):
        for round_ in rounds:
            out.append((index, level, round_, resolve_rule(rule, round_.key if round_ else None)))
    return out

