"""Change a call without code: its title, notice text, open/closed, the thresholds of its eligibility
conditions, its review chain with a deadline per level, its evidence list and its attachments.

``update_call`` checks everything first and writes in one transaction: an invalid edit changes nothing and
raises ``InvalidCallError``, which lists every error with the input it belongs to. The input names are the
edit form's (calls/interfaces/forms.py):

- ``title``, ``notice``, ``status``, ``version`` (the ``edit_version`` the form was opened at);
- ``label.<condition id>`` and ``threshold.<key>``: a threshold's key is its condition's id, followed for a
  test inside an ``any``/``all`` group by the test's index in the group (``service_revenue.2``, nested
  groups ``x.1.0``); only numeric thresholds are editable (``eq false`` tests are not thresholds);
- ``chain.<n>.level`` / ``.kind`` / ``.deadline`` / ``.days`` / ``.month``: the chain's rows in order, a row
  without a level is unused; a level's deadline rule (calls/domain/chain.py) is a date and time (kind ``date``)
  or the last ``days`` working days of the round's month, or of ``month`` for a call without rounds (kind
  ``window``), or none; every rule is resolved by the working-days calendar before anything is saved;
- ``evidence.<n>.key`` / ``.label`` / ``.required`` / ``.help`` / ``.remove``: the evidence rows, a new row has
  no key (one is generated), a blank row is ignored.

The Call's model signals record the change (before and after) in the audit log.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhongshi.calls.domain.chain import (
    LEVELS,
    SHANGHAI,
    DeadlineRule,
    InvalidRule,
    Round,
    call_rounds,
    level_name,
    parse_days,
    parse_moment,
    parse_month,
    resolve_rule,
    show_deadline,
    stored_rule,
)
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.models import Call, CallAttachment
from zhongshi.core.domain.files import DOCX, OFD, PDF, XLSX, accept_upload
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can

OP_WORDS = {
    "gte": gettext_lazy("at least"),
    "gt": gettext_lazy("more than"),
    "lte": gettext_lazy("at most"),
    "lt": gettext_lazy("less than"),
    "eq": gettext_lazy("equal to"),
}
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_LABEL = 200
MAX_HELP = 1000
EDITABLE_FIELDS = ("title", "notice", "status", "conditions", "chain", "evidence")

ATTACHMENT_TYPES = {"pdf": PDF, "docx": DOCX, "xlsx": XLSX, "ofd": OFD}


class InvalidCallError(DomainError):
    """Every error of an edit (``errors``); the first one is the exception's own message, code and field."""

    def __init__(self, errors: list[DomainError]) -> None:
        first = errors[0]
        super().__init__(first.message, code=first.code, field=first.field)
        self.errors = errors


# ---------------------------------------------------------------------------------------------- display


def fmt_number(value: Any) -> str:
    """1000 → "1000", 5.5 → "5.5" (as typed in a number input, no separators)."""
    if isinstance(value, bool) or value is None:
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    return format(number.normalize(), "f")


# ---------------------------------------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class Threshold:
    """One test of a condition: what the edit form shows beside the threshold's input."""

    key: str
    condition_id: str
    name: str
    op: str
    unit: str
    value: Any
    numeric: bool

    @property
    def op_word(self) -> str:
        return str(OP_WORDS.get(self.op, self.op))

    @property
    def shown(self) -> str:
        """The threshold as a reader sees it: 1,000 万元, 5%, or 是/否 for a yes/no test."""
        if not self.numeric:
            return _("yes") if self.value is True else _("no") if self.value is False else str(self.value)
        from zhongshi.formversions.domain.check_answers import fmt

        figure = fmt(self.value)
        if not self.unit:
            return figure
        return f"{figure}{self.unit}" if self.unit == "%" else f"{figure} {self.unit}"


def _leaves(prefix: str, node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, test) of every test under ``node`` (a test, a {test: …} or an any/all group)."""
    if not isinstance(node, dict):
        return
    if isinstance(node.get("test"), dict):
        yield prefix, node["test"]
        return
    for kind in ("any", "all"):
        if isinstance(node.get(kind), list):
            for index, part in enumerate(node[kind]):
                yield from _leaves(f"{prefix}.{index}", part)
            return
    if "path" in node or "ratio" in node:
        yield prefix, node


def condition_tests(condition: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    cid = str(condition.get("id", ""))
    if isinstance(condition.get("test"), dict):
        return [(cid, condition["test"])]
    for kind in ("any", "all"):
        if isinstance(condition.get(kind), list):
            return list(_leaves(cid, {kind: condition[kind]}))
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def condition_thresholds(conditions: Any) -> list[dict[str, Any]]:
    """Each condition (id, clause, label) with its tests as ``Threshold``s, for the edit form and the notice."""
    rows = []
    for condition in conditions or []:
        if not isinstance(condition, dict):
            continue
        tests = [Threshold(key=key, condition_id=str(condition.get("id", "")), name=str(test.get("name", "")),
                           op=str(test.get("op", "")), unit=str(test.get("unit", "%" if "ratio" in test else "")),
                           value=test.get("value"), numeric=_is_number(test.get("value")))
                 for key, test in condition_tests(condition)]
        kind = next((k for k in ("any", "all") if k in condition), "test")
        rows.append({"id": str(condition.get("id", "")), "clause": str(condition.get("clause", "")),
                     "label": str(condition.get("label", "")), "kind": kind, "tests": tests})
    return rows


def _to_number(raw: Any) -> int | float:
    """A threshold typed by an administrator as JSON number; ValueError when it is not a number ≥ 0."""
    if isinstance(raw, bool) or raw is None:
        raise ValueError(raw)
    try:
        number = Decimal(raw.strip().replace(",", "")) if isinstance(raw, str) else Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not number.is_finite() or number < 0:
        raise ValueError(raw)
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _same_number(a: Any, b: Any) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def _figure(value: Any) -> re.Pattern[str]:
    return re.compile(rf"(?<![\d.,]){re.escape(fmt_number(value))}(?![\d.,]*\d)")


def _relabel(label: str, changes: list[tuple[Any, Any]]) -> str:
    """The label with each changed figure replaced, where that is unambiguous: the old figure appears once in
    the label and every test that had it now has the same new one (“不低于1000万元” → “不低于1200万元”)."""
    by_old: dict[str, set[str]] = {}
    for old, new in changes:
        by_old.setdefault(fmt_number(old), set()).add(fmt_number(new))
    for old_text, news in by_old.items():
        if len(news) != 1 or old_text in news:
            continue
        pattern = _figure(old_text)
        if len(pattern.findall(label)) == 1:
            label = pattern.sub(next(iter(news)), label)
    return label


def _new_conditions(call: Call, data: Mapping[str, Any], errors: list[DomainError]) -> tuple[list[Any], bool]:
    conditions = copy.deepcopy(list(call.conditions or []))
    thresholds = dict(data.get("thresholds") or {})
    labels = dict(data.get("labels") or {})
    changed = False
    known: set[str] = set()
    for condition in conditions:
        if not isinstance(condition, dict):
            continue
        cid = str(condition.get("id", ""))
        changes: list[tuple[Any, Any]] = []
        unchanged: list[Any] = []
        for key, test in condition_tests(condition):
            known.add(key)
            if key not in thresholds:
                unchanged.append(test.get("value"))
                continue
            if not _is_number(test.get("value")):
                errors.append(DomainError(_("This test has no numeric threshold to change."), code="not_numeric",
                                          field=f"threshold.{key}"))
                continue
            try:
                value = _to_number(thresholds[key])
            except ValueError:
                errors.append(DomainError(
                    _("The threshold of “%(name)s” must be a number of 0 or more.") % {"name": test.get("name", key)},
                    code="threshold", field=f"threshold.{key}"))
                continue
            if _same_number(test["value"], value):
                unchanged.append(test["value"])
            else:
                changes.append((test["value"], value))
                test["value"] = value
                changed = True
        label = labels.get(cid, condition.get("label", ""))
        label = str(label if label is not None else "").strip()
        if cid in labels and not label:
            errors.append(DomainError(_("Give the wording of this condition."), code="required", field=f"label.{cid}"))
        elif len(label) > 500:
            errors.append(DomainError(_("The wording of a condition may have at most 500 characters."),
                                      code="too_long", field=f"label.{cid}"))
        elif label == condition.get("label") and changes:
            # Unedited wording follows its figures, unless a figure also stays in another test of the condition.
            still = {fmt_number(v) for v in unchanged}
            condition["label"] = _relabel(label, [(o, n) for o, n in changes if fmt_number(o) not in still])
        else:
            condition["label"] = label
    for key in sorted(set(thresholds) - known):
        errors.append(DomainError(_("Unknown threshold %(key)s.") % {"key": key}, code="unknown_threshold",
                                  field=f"threshold.{key}"))
    from zhongshi.calls.domain.conditions import validate_conditions

    errors.extend(DomainError(message, code="conditions") for message in validate_conditions(conditions))
    return conditions, changed


# ---------------------------------------------------------------------------------------------- chain


def _row_rule(call: Call, index: int, row: Mapping[str, Any], old: Any,
              errors: list[DomainError]) -> tuple[bool, DeadlineRule | None, Any]:
    """(valid, rule, stored value) of a chain row: kind ``date`` (``deadline``), ``window`` (``days`` and, for a
    call without rounds, ``month``) or ``none``; without ``kind`` the kind follows the values given."""
    raw, days, month = row.get("deadline"), row.get("days"), row.get("month")
    kind = str(row.get("kind") or "").strip()
    if not kind:
        kind = "window" if days not in (None, "") else "date" if raw not in (None, "") else "none"
    if kind == "date":
        try:
            moment = parse_moment(raw)
        except InvalidRule as exc:
            errors.append(DomainError(exc.message, code="invalid_deadline", field=f"chain.{index}.deadline"))
            return False, None, None
        if moment is None:
            errors.append(DomainError(_("Give the date and time of the deadline."), code="required",
                                      field=f"chain.{index}.deadline"))
            return False, None, None
        return True, DeadlineRule(moment=moment), _stored_deadline(moment, old)
    if kind == "window":
        try:
            number = parse_days(days)
        except InvalidRule as exc:
            errors.append(DomainError(exc.message, code="invalid_days", field=f"chain.{index}.days"))
            return False, None, None
        try:
            year_month = parse_month(month) if month not in (None, "") else None
        except InvalidRule as exc:
            errors.append(DomainError(exc.message, code="invalid_month", field=f"chain.{index}.month"))
            return False, None, None
        if year_month is None and not call.rounds:
            errors.append(DomainError(_("This call has no rounds: name the month of the last working days."),
                                      code="no_month", field=f"chain.{index}.month"))
            return False, None, None
        rule = DeadlineRule(days=number, month=year_month)
        return True, rule, stored_rule(rule)
    if kind != "none":
        errors.append(DomainError(_("Choose a date or the last working days of the month."), code="invalid_kind",
                                  field=f"chain.{index}.kind"))
        return False, None, None
    if any(value not in (None, "") for value in (raw, days, month)):
        errors.append(DomainError(_("You chose “no deadline” but gave one: choose the kind of deadline, or clear "
                                    "what you typed."), code="kind_mismatch", field=f"chain.{index}.kind"))
        return False, None, None
    return True, None, None


def _new_chain(call: Call, rows: list[Mapping[str, Any]], errors: list[DomainError]) -> list[dict[str, Any]]:
    old = {str(step.get("level")): step.get("deadline") for step in call.chain or []}
    rounds: list[Round | None] = list(call_rounds(call)) or [None]
    chain: list[dict[str, Any]] = []
    placed: list[tuple[int, str, list[datetime | None]]] = []  # (row, level, deadline in each round)
    for index, row in enumerate(rows):
        level = str(row.get("level") or "").strip()
        if not level:
            if any(row.get(key) not in (None, "") for key in ("deadline", "days", "month")):
                errors.append(DomainError(_("Choose the level of this deadline, or clear the deadline."),
                                          code="level_missing", field=f"chain.{index}.level"))
            continue
        if level not in LEVELS:
            errors.append(DomainError(_("Unknown level %(level)s.") % {"level": level}, code="unknown_level",
                                      field=f"chain.{index}.level"))
            continue
        if any(level == other for _row, other, _deadlines in placed):
            errors.append(DomainError(
                _("The %(level)s appears more than once in the review chain; a level may appear once.")
                % {"level": level_name(level)}, code="duplicate_level", field=f"chain.{index}.level"))
            continue
        valid, rule, stored = _row_rule(call, index, row, old.get(level), errors)
        if not valid:
            continue
        try:  # resolved in every round by the working-days calendar: a year without data is an error
            deadlines = [resolve_rule(rule, round_.key if round_ else None) for round_ in rounds]
        except DomainError as exc:
            errors.append(DomainError(exc.message, code=exc.code, field=f"chain.{index}.days"))
            continue
        if placed and LEVELS.index(level) < LEVELS.index(placed[-1][1]):
            errors.append(DomainError(
                _("The %(later)s cannot come after the %(earlier)s: an application goes up the chain (district, "
                  "city, province, ministry).") % {"later": level_name(level), "earlier": level_name(placed[-1][1])},
                code="level_order", field=f"chain.{index}.level"))
        for number, deadline in enumerate(deadlines):
            earlier = [(lvl, found[number]) for _row, lvl, found in placed if found[number] is not None]
            # Compared to the minute, as they are shown and typed (23:59:59 of a seed is not after 23:59 typed).
            if deadline is not None and earlier and _minute(deadline) < _minute(earlier[-1][1]):  # type: ignore[arg-type]
                earlier_level, earlier_deadline = earlier[-1]
                assert earlier_deadline is not None
                errors.append(DomainError(
                    _("The deadline of the %(later)s (%(later_deadline)s) is earlier than that of the %(earlier)s "
                      "(%(earlier_deadline)s); please adjust it.")
                    % {"later": level_name(level), "later_deadline": show_deadline(deadline),
                       "earlier": level_name(earlier_level), "earlier_deadline": show_deadline(earlier_deadline)},
                    code="deadline_order", field=f"chain.{index}.{'days' if rule and rule.is_window else 'deadline'}"))
                break
        placed.append((index, level, deadlines))
        chain.append({"level": level, "deadline": stored})
    if not placed and not any(e.field and e.field.startswith("chain.") for e in errors):
        errors.append(DomainError(_("The review chain needs at least one level."), code="empty_chain",
                                  field="chain.0.level"))
    # Later apps refuse a chain that would strand what they hold (applications waiting at a removed level).
    from zhongshi.calls.signals import chain_changing

    levels = [level for _row, level, _deadlines in placed]
    for _receiver, problems in chain_changing.send(sender=Call, call=call, levels=levels):
        errors.extend(DomainError(problem, code="level_in_use", field="chain.0.level") for problem in problems or [])
    return chain


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _stored_deadline(deadline: datetime, old: Any) -> str:
    """ISO 8601 in Beijing time; an unchanged deadline (the form shows minutes) keeps its seconds."""
    try:
        previous = parse_moment(old) if isinstance(old, str) else None
    except InvalidRule:
        previous = None
    if previous is not None and _minute(previous) == _minute(deadline):
        return str(old)
    return deadline.astimezone(SHANGHAI).isoformat()


# ---------------------------------------------------------------------------------------------- evidence


def _new_key(used: set[str]) -> str:
    number = 1
    while f"item_{number}" in used:
        number += 1
    used.add(f"item_{number}")
    return f"item_{number}"


def _new_evidence(call: Call, rows: list[Mapping[str, Any]], errors: list[DomainError]) -> list[dict[str, Any]]:
    old = {str(item.get("key")): item for item in call.evidence or [] if isinstance(item, dict)}
    used = set(old)  # a removed item's key is never given to a new one: files may still point at it
    evidence: list[dict[str, Any]] = []
    labels: set[str] = set()
    seen_keys: set[str] = set()
    for index, row in enumerate(rows):
        key = str(row.get("key") or "").strip()
        label = str(row.get("label") or "").strip()
        help_text = str(row.get("help") or "").strip()
        if row.get("remove") or (not key and not label and not help_text):
            continue
        field = f"evidence.{index}.label"
        if key and (key not in old or key in seen_keys):
            errors.append(DomainError(_("Unknown evidence item."), code="unknown_evidence", field=field))
            continue
        if not label:
            errors.append(DomainError(_("Give the name of this evidence item, or tick “remove”."), code="required",
                                      field=field))
        elif len(label) > MAX_LABEL:
            errors.append(DomainError(_("The name may have at most %(max)s characters.") % {"max": MAX_LABEL},
                                      code="too_long", field=field))
        elif label in labels:
            errors.append(DomainError(_("“%(label)s” is listed twice; each evidence item needs its own name.")
                                      % {"label": label}, code="duplicate_label", field=field))
        if len(help_text) > MAX_HELP:
            errors.append(DomainError(_("The help text may have at most %(max)s characters.") % {"max": MAX_HELP},
                                      code="too_long", field=f"evidence.{index}.help"))
        labels.add(label)
        seen_keys.add(key)
        item = dict(old[key]) if key else {}
        item.update({"key": key, "label": label, "required": bool(row.get("required")), "help": help_text})
        evidence.append(item)
    for item in evidence:
        if not item["key"]:
            item["key"] = _new_key(used)
    return evidence


# ---------------------------------------------------------------------------------------------- update


def edit_version(call: Call) -> str:
    """A fingerprint of what the edit form changes: a save from a form opened before someone else's save
    is refused instead of overwriting it."""
    state = {name: getattr(call, name) for name in EDITABLE_FIELDS}
    text = json.dumps(state, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def validate_code(code: str, *, exclude_pk: int | None = None) -> list[DomainError]:
    """The errors of a call's code: a slug (lowercase letters, digits, - and _), unique."""
    if not code:
        return [DomainError(_("Give the call a code."), code="required", field="code")]
    if len(code) > 64 or not CODE_PATTERN.match(code):
        return [DomainError(_("A code may only have lowercase letters, digits, hyphens and underscores (at most 64), "
                              "e.g. hubei-2027-provincial."), code="invalid_code", field="code")]
    others = Call.objects.filter(code=code)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        return [DomainError(_("The code %(code)s is already used by another call.") % {"code": code},
                            code="duplicate_code", field="code")]
    return []


def validate_title(title: str) -> list[DomainError]:
    if not title:
        return [DomainError(_("Give the call a title."), code="required", field="title")]
    if len(title) > 200:
        return [DomainError(_("The title may have at most 200 characters."), code="too_long", field="title")]
    return []


def update_call(*, user: Any, call: Call, data: Mapping[str, Any]) -> tuple[Call, dict[str, int] | None]:
    """Apply an administrator's edit of ``call``; returns the saved call and, when a threshold changed, the
    counts of the applications judged again by the new conditions (``{"eligible": …, "ineligible": …,
    "unknown": …}``; None when no threshold changed). The re-judging happens here, in the same transaction:
    the ``conditions_changed`` signal is answered by the applications app. Keys absent from ``data`` keep
    their value. Raises ``InvalidCallError`` (nothing is written) or ``NotAllowed``."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if not can(user, "calls.change_call", call):
            raise NotAllowed(_("Only the issuing authority may change this call."))
        errors: list[DomainError] = []
        version = data.get("version")
        if version and version != edit_version(call):
            errors.append(DomainError(_("Someone else saved this call after you opened it, so your changes were not "
                                        "saved. Your input is kept below: look at the latest version in a new tab, "
                                        "then save again to keep what is on this page."), code="stale"))
        changes: dict[str, Any] = {}
        if "code" in data:
            changes["code"] = str(data["code"] or "").strip()
            errors += validate_code(changes["code"], exclude_pk=call.pk)
        if "title" in data:
            changes["title"] = str(data["title"] or "").strip()
            errors += validate_title(changes["title"])
        if "notice" in data:
            changes["notice"] = str(data["notice"] or "").strip()
        if "status" in data:
            changes["status"] = str(data["status"] or "")
            if changes["status"] not in CallStatus.values:
                errors.append(DomainError(_("Choose open or closed."), code="invalid_status", field="status"))
        thresholds_changed = False
        if "thresholds" in data or "labels" in data:
            changes["conditions"], thresholds_changed = _new_conditions(call, data, errors)
        if "chain" in data:
            changes["chain"] = _new_chain(call, list(data["chain"] or []), errors)
        if "evidence" in data:
            changes["evidence"] = _new_evidence(call, list(data["evidence"] or []), errors)
        if errors:
            raise InvalidCallError(errors)
        if changes.get("status") == CallStatus.OPEN and not call.published:
            changes["published"] = True  # a copy becomes public when it is first opened
        changed_fields = [name for name, value in changes.items() if getattr(call, name) != value]
        for name in changed_fields:
            setattr(call, name, changes[name])
        if changed_fields:
            call.save(update_fields=changed_fields)
        counts = rejudge_call(call=call, actor=user) if thresholds_changed else None
    return call, counts


def rejudge_call(*, call: Call, actor: Any = None) -> dict[str, int]:
    """Have the later apps judge the call's applications again by its conditions (the applications app answers
    the ``conditions_changed`` signal with its counts); ``{}`` when nobody answers."""
    from zhongshi.calls.signals import conditions_changed

    replies: list[tuple[Any, Any]] = conditions_changed.send(sender=Call, call=call, actor=actor)
    answers = [reply for _receiver, reply in replies if reply]
    return dict(answers[0]) if answers else {}


# ---------------------------------------------------------------------------------------------- attachments

def add_call_attachment(*, user: Any, call: Call, title: str, upload: UploadedFile) -> CallAttachment:
    """Attach a file to the call's notice (附件1 建设要求, 附件3 汇总表 …): PDF, DOCX, XLSX or OFD, checked by
    content, not by name."""
    if not can(user, "calls.change_call", call):
        raise NotAllowed(_("Only the issuing authority may change this call."))
    name = (upload.name or "").rsplit("/", 1)[-1]
    title = (title or "").strip() or (name.rsplit(".", 1)[0] if "." in name else name).strip()
    if not title:
        raise DomainError(_("Give the attachment a title."), code="required", field="title")
    if len(title) > 200:
        raise DomainError(_("The title may have at most 200 characters."), code="too_long", field="title")
    accepted = accept_upload(upload, allowed=(PDF, DOCX, XLSX, OFD), field="file")
    with transaction.atomic():
        attachment = CallAttachment(call=call, title=title)
        attachment.file.save(accepted.storage_name, upload, save=False)
        attachment.save()
    return attachment


def remove_call_attachment(*, user: Any, attachment: CallAttachment) -> None:
    if not can(user, "calls.change_call", attachment.call):
        raise NotAllowed(_("Only the issuing authority may change this call."))
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


def attachment_download_name(attachment: CallAttachment) -> tuple[str, str]:
    """(file name, content type) of an attachment's download: its title with the stored file's suffix."""
    suffix = attachment.file.name.rsplit(".", 1)[-1].lower() if "." in attachment.file.name else ""
    title = attachment.title
    filename = title if not suffix or title.lower().endswith(f".{suffix}") else f"{title}.{suffix}"
    return filename, ATTACHMENT_TYPES.get(suffix, "application/octet-stream")
