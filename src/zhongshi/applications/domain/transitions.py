"""The one writer of an application's workflow state (``status`` and ``current_level``).

Every move is a row of ``TRANSITIONS``: its name (the review actions' names), the statuses it may start
from and the status it ends in. ``move_application`` refuses any other move with a Chinese message,
saves the state together with the other fields the caller changed, and records the audit transition, so
that the callers (submit, review, forward, decide, an upheld objection) do neither themselves.
``tests/applications/domain/test_transitions.py`` proves that no other module assigns these fields.

A plain table rather than django-fsm-2: the state is a pair (status, level of the review chain) and
moves within ``submitted`` go from level to level; the table is data that a test, the docs and a future
workflow read, and it keeps the model slim (no transition methods on it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.errors import DomainError

S = ApplicationStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # lazy Chinese name of the move, for messages
    sources: frozenset[str]
    target: str


def _t(name: str, label: Any, sources: set[str], target: str) -> tuple[str, Transition]:
    return name, Transition(name, label, frozenset(sources), target)


TRANSITIONS: dict[str, Transition] = dict([
    # to the first level of the chain; a returned application comes back the same way
    _t("submit", gettext_lazy("Submit the application"), {S.DRAFT, S.RETURNED}, S.SUBMITTED),
    # the first level recommends: up to the next level
    _t("recommend", gettext_lazy("Recommend"), {S.SUBMITTED}, S.SUBMITTED),
    # an intermediate level forwards: up, with its recommendation letter
    _t("forward", gettext_lazy("Forward"), {S.SUBMITTED}, S.SUBMITTED),
    _t("return", gettext_lazy("Return for revision"), {S.SUBMITTED}, S.RETURNED),
    # the applicant takes a submission back while no authority has acted on it in this round (only at the first
    # level: withdraw_application checks it); the round stays recorded and a new submission opens the next one
    _t("withdraw", gettext_lazy("Withdraw the submission"), {S.SUBMITTED}, S.DRAFT),
    _t("not_recommend", gettext_lazy("Do not recommend"), {S.SUBMITTED}, S.NOT_RECOMMENDED),
    # the deciding level
    _t("approve", gettext_lazy("Approve"), {S.SUBMITTED}, S.APPROVED),
    _t("reject", gettext_lazy("Reject"), {S.SUBMITTED}, S.REJECTED),
    # an objection upheld during the public notice (公示) withdraws the approval
    _t("objection_upheld", gettext_lazy("Approval withdrawn after an objection"), {S.APPROVED}, S.REJECTED),
])

DECIDED = frozenset({S.NOT_RECOMMENDED, S.APPROVED, S.REJECTED})
"""Statuses that end the chain: entering one stamps ``decided_at``."""

application_moved = Signal()
"""Sent after a move is saved (inside the transaction): ``application``, ``move``, ``before``, ``actor``.
Later apps (reviews) hear of submissions this way instead of this app naming them."""


def state_of(application: Application) -> str:
    """The state as the audit log shows it: ``submitted@district``, ``returned`` …"""
    return f"{application.status}@{application.current_level}" if application.current_level else application.status


def allowed_moves(status: str) -> list[str]:
    """The names of the moves that may start from ``status``, in the table's order."""
    return [t.name for t in TRANSITIONS.values() if status in t.sources]


def move_application(*, application: Application, move: str, actor: Any, level: str = "", message: str = "",
                     also: Sequence[str] = ()) -> str:
    """Move ``application`` (already locked by the caller) by the named move of ``TRANSITIONS``.

    ``level`` is the level of the review chain that holds it afterwards (required when the move ends in
    ``submitted``, ignored otherwise). ``also`` names the other fields the caller changed, saved in the
    same UPDATE. Returns the state before the move."""
    transition = TRANSITIONS.get(move)
    if transition is None:
        raise DomainError(_("Unknown action."), code="invalid_action", field="action")
    if application.status not in transition.sources:
        raise DomainError(
            _("The application is “%(status)s”: “%(move)s” is not possible now.")
            % {"status": ApplicationStatus(application.status).label, "move": transition.label},
            code="invalid_transition")
    if transition.target == S.SUBMITTED and not level:
        raise DomainError(_("No authority of this call's review chain covers your organisation's location."),
                          code="no_reviewer")
    if {"status", "current_level"} & set(also):
        raise ValueError("status and current_level are set by the move itself")
    before = state_of(application)
    application.status = transition.target
    application.current_level = level if transition.target == S.SUBMITTED else ""
    fields = ["status", "current_level", *also]
    if transition.target in DECIDED:
        application.decided_at = timezone.now()
        fields.append("decided_at")
    application.save(update_fields=[*dict.fromkeys([*fields, "updated_at"])])
    record_transition(target=application, field="status", old=before, new=state_of(application),
                      message=message[:500], actor=actor)
    application_moved.send(sender=Application, application=application, move=move, before=before, actor=actor)
    return before
