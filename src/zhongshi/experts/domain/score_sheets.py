"""Score sheets (issue 11 §5): autosave with an optimistic revision, submit (which locks the sheet) and the
chair's reopening with a reason. A sheet's ``scores`` is {indicator code: {"score": …, "comment": …}}."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.experts.domain.indicator_systems import System, system_of
from zhongshi.experts.enums import RoundStatus, SheetStatus
from zhongshi.experts.models import ScoreSheet
from zhongshi.notifications.domain.notify import notify

TWO_PLACES = Decimal("0.01")


class InvalidSheetError(DomainError):
    """A sheet that cannot be submitted; ``errors`` maps ``scores.<code>.score`` to its Chinese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_path, first = next(iter(errors.items()))
        super().__init__(first, code="invalid_sheet", field=first_path)
        self.errors = errors


def _clean(scores: Any, system: System) -> dict[str, dict[str, str]]:
    """Only the system's indicators, each as {"score": text, "comment": text} (what was typed is kept)."""
    if not isinstance(scores, dict):
        raise DomainError(_("The scores must be a mapping of indicator to score."), code="invalid")
    cleaned = {}
    for indicator in system.indicators:
        raw = scores.get(indicator.code)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raw = {"score": raw}
        score = raw.get("score")
        cleaned[indicator.code] = {"score": "" if score is None else str(score).strip(),
                                   "comment": str(raw.get("comment") or "")[:2000]}
    return cleaned


def _check_writable(sheet: ScoreSheet, actor: Any) -> None:
    if not can(actor, "experts.score", sheet.assignment):
        raise NotAllowed(_("This score sheet is not yours."))
    if sheet.assignment.item.round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed: the sheet can no longer be changed."), code="closed")
    if sheet.status == SheetStatus.SUBMITTED:
        raise DomainError(_("This score sheet was already submitted; it cannot be submitted or changed again "
                            "unless the chair reopens it."), code="submitted")


@transaction.atomic
def save_scores(*, sheet: ScoreSheet, scores: Any, revision: int, actor: Any) -> ScoreSheet:
    """Autosave: store what was typed (checked only on submit). ``revision`` is the one the page was based on;
    a stale save is refused with the current revision, and the page keeps the expert's text."""
    sheet = ScoreSheet.objects.select_for_update().select_related(
        "assignment__item__round__system", "assignment__expert").get(pk=sheet.pk)
    _check_writable(sheet, actor)
    if revision != sheet.revision:
        raise DomainError(_("The sheet changed after you opened it (revision %(old)s, now %(new)s). "
                            "Reload it; your text is kept on the page.") % {"old": revision, "new": sheet.revision},
                          code="stale")
    sheet.scores = _clean(scores, system_of(sheet.assignment.item.round.system))
    sheet.revision += 1
    sheet.save(update_fields=["scores", "revision", "updated_at"])
    return sheet


def weighted_total(scores: dict[str, Any], system: System) -> Decimal:
    """Σ score / max × weight over the indicators, rounded to 0.01 (0 to 100 when the weights sum to 100)."""
    total = Decimal(0)
    for indicator in system.indicators:
        total += Decimal(str(scores[indicator.code]["score"])) / indicator.max * indicator.weight
    return total.quantize(TWO_PLACES)


def check_scores(scores: dict[str, Any], system: System) -> dict[str, str]:
    """Every indicator scored, with a number between 0 and its maximum: {path: Chinese message}."""
    errors = {}
    for indicator in system.indicators:
        path = f"scores.{indicator.code}.score"
        text = str((scores.get(indicator.code) or {}).get("score") or "").strip()
        if not text:
            errors[path] = _("Score “%(name)s”.") % {"name": indicator.name}
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            errors[path] = _("The score of “%(name)s” must be a number.") % {"name": indicator.name}
        elif not Decimal(0) <= value <= indicator.max:
            errors[path] = _("The score of “%(name)s” must be between 0 and %(max)s; %(value)s is outside.") % {
                "name": indicator.name, "max": f"{indicator.max.normalize():f}", "value": text}
    return errors


@transaction.atomic
def submit_sheet(*, sheet: ScoreSheet, scores: Any, revision: int, actor: Any) -> ScoreSheet:
    """Save and submit: refused (nothing saved, the errors at each indicator's path) unless every indicator has
    a score in its range; a submitted sheet is locked until the chair reopens it."""
    sheet = ScoreSheet.objects.select_for_update().select_related(
        "assignment__item__round__system", "assignment__expert").get(pk=sheet.pk)
    _check_writable(sheet, actor)
    if revision != sheet.revision:
        raise DomainError(_("The sheet changed after you opened it (revision %(old)s, now %(new)s). "
                            "Reload it; your text is kept on the page.") % {"old": revision, "new": sheet.revision},
                          code="stale")
    system = system_of(sheet.assignment.item.round.system)
    cleaned = _clean(scores, system)
    errors = check_scores(cleaned, system)
    if errors:
        raise InvalidSheetError(errors)
    old = sheet.status
    sheet.scores = cleaned
    sheet.total = weighted_total(cleaned, system)
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.revision += 1
    sheet.save(update_fields=["scores", "total", "status", "submitted_at", "revision", "updated_at"])
    record_transition(target=sheet, field="status", old=old, new=sheet.status, actor=actor)
    return sheet


@transaction.atomic
def reopen_sheet(*, sheet: ScoreSheet, reason: str, actor: Any) -> ScoreSheet:
    """The round's chair reopens a submitted sheet with a reason (refused once the round is closed)."""
    sheet = ScoreSheet.objects.select_for_update().select_related(
        "assignment__item__round", "assignment__expert__user").get(pk=sheet.pk)
    if not can(actor, "experts.reopen_sheet", sheet):
        raise NotAllowed(_("Only the round's chair may reopen a score sheet."))
    evaluation_round = sheet.assignment.item.round
    if evaluation_round.status != RoundStatus.OPEN:
        raise DomainError(_("The round is closed: its score sheets can no longer be reopened."), code="closed")
    if sheet.status != SheetStatus.SUBMITTED:
        raise DomainError(_("Only a submitted score sheet can be reopened."), code="not_submitted")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise DomainError(_("Give the reason for reopening the sheet."), code="required", field="reason")
    sheet.status = SheetStatus.REOPENED
    sheet.reopen_reason = reason[:500]
    sheet.submitted_at = None
    sheet.total = None
    sheet.revision += 1
    sheet.save(update_fields=["status", "reopen_reason", "submitted_at", "total", "revision", "updated_at"])
    record_transition(target=sheet, field="status", old=SheetStatus.SUBMITTED, new=sheet.status, message=reason,
                      actor=actor)
    notify(users=[sheet.assignment.expert.user], kind="sheet_reopened",
           title=_("Your score sheet of “%(item)s” was reopened: %(reason)s") % {
               "item": str(sheet.assignment.item), "reason": reason})
    return sheet
