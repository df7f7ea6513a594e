"""Deadlines per level, in Asia/Shanghai time; after a deadline a level acts only with an extension granted
by the level above (recorded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.queries.chain import chain_deadline
from zhongshi.calls.domain.update_call import LEVEL_NAMES as CALL_LEVEL_NAMES
from zhongshi.calls.domain.update_call import show_deadline
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.models import Authority
from zhongshi.reviews.models import DeadlineExtension

MIN_DATE, MAX_DATE = 2000, 2100
# One naming of the levels and one way of showing a deadline, the calls app's.
LEVEL_NAMES = CALL_LEVEL_NAMES
show = show_deadline


def effective_deadline(call: Call, level: str, authority: Authority | None = None) -> datetime | None:
    """The call's deadline for ``level``, moved by the latest extension for that authority or that level."""
    deadline = chain_deadline(call, level)
    extensions = DeadlineExtension.objects.filter(call=call, level=level)
    if authority is not None:
        # Its own extensions, and those granted to every authority of the level in an area that holds it.
        areas = [authority.path[:i + 1] for i, char in enumerate(authority.path) if char == "/"]
        extensions = extensions.filter(Q(authority=authority) | Q(authority__isnull=True, area_path__in=areas))
    else:
        extensions = extensions.filter(authority__isnull=True, area_path=call_area(call))
    latest = extensions.order_by("-deadline").first()
    if latest is not None and (deadline is None or latest.deadline > deadline):
        return latest.deadline
    return deadline


def call_area(call: Call) -> str:
    """The path of the call's area: its issuer's subtree (the whole country for the ministry)."""
    return call.issuer.path if call.issuer is not None else ""


def ensure_before_deadline(call: Call, level: str, authority: Authority, now: datetime | None = None) -> None:
    deadline = effective_deadline(call, level, authority)
    if deadline is not None and (now or timezone.now()) > deadline:
        raise DomainError(
            _("The deadline of the %(level)s level (%(deadline)s) has passed. The level above must grant an "
              "extension before you can act.") % {"level": LEVEL_NAMES.get(level, level), "deadline": show(deadline)},
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
    is_issuer = user_authority is not None and user_authority == call.issuer
    allowed = user_authority is not None and (is_issuer or (
        above is not None and user_authority.level == above and user_authority.path.startswith(call_area(call))))
    if not allowed or (authority is not None and not authority.path.startswith(user_authority.path)):
        raise NotAllowed(_("Only the level above may extend this deadline, in its own area."))
    if not reason.strip():
        raise DomainError(_("Please give the reason for the extension."), code="required", field="reason")
    current = effective_deadline(call, level, authority)
    if current is not None and deadline <= current:
        raise DomainError(_("The new deadline must be later than the current one (%(current)s).")
                          % {"current": show(current)}, code="not_later", field="deadline")
    if deadline <= timezone.now():
        raise DomainError(_("The new deadline must lie in the future."), code="in_past", field="deadline")
    if not MIN_DATE <= timezone.localtime(deadline).year <= MAX_DATE:
        raise DomainError(_("Please give a date between %(min)s and %(max)s.") % {"min": MIN_DATE, "max": MAX_DATE},
                          code="out_of_range", field="deadline")
    area = call_area(call) if is_issuer else user_authority.path
    return DeadlineExtension.objects.create(call=call, level=level, authority=authority, deadline=deadline,
                                            area_path=area, reason=reason.strip(), granted_by=user)


def format_deadline(value: datetime | None) -> str:
    return show(value) if value is not None else "—"
