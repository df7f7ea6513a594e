"""Deadlines per level, in Asia/Shanghai time; after a deadline a level acts only with an extension granted
by the level above (recorded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.queries.chain import chain_deadline
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.models import Authority
from zhongshi.reviews.models import DeadlineExtension

LEVEL_NAMES = {"district": "区级", "city": "市级", "province": "省级", "ministry": "部级"}


def show(moment: datetime) -> str:
    """2026年1月28日 23:59 (Asia/Shanghai)."""
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def effective_deadline(call: Call, level: str, authority: Authority | None = None) -> datetime | None:
    """The call's deadline for ``level``, moved by the latest extension for that authority or that level."""
    deadline = chain_deadline(call, level)
    extensions = DeadlineExtension.objects.filter(call=call, level=level)
    if authority is not None:
        extensions = extensions.filter(authority__in=[authority]) | extensions.filter(authority__isnull=True)
    else:
        extensions = extensions.filter(authority__isnull=True)
    latest = extensions.order_by("-deadline").first()
    if latest is not None and (deadline is None or latest.deadline > deadline):
        return latest.deadline
    return deadline


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
    user_authority = getattr(user, "authority", None)
    allowed = user_authority is not None and (
        (above is not None and user_authority.level == above
         and (authority is None or authority.path.startswith(user_authority.path)))
        or user_authority == call.issuer)
    if not allowed:
        raise NotAllowed(_("Only the level above may extend this deadline."))
    if not reason.strip():
        raise DomainError(_("Please give the reason for the extension."), code="required", field="reason")
    current = effective_deadline(call, level, authority)
    if current is not None and deadline <= current:
        raise DomainError(_("The new deadline must be later than the current one (%(current)s).")
                          % {"current": show(current)}, code="not_later", field="deadline")
    if deadline <= timezone.now():
        raise DomainError(_("The new deadline must lie in the future."), code="in_past", field="deadline")
    return DeadlineExtension.objects.create(call=call, level=level, authority=authority, deadline=deadline,
                                            reason=reason.strip(), granted_by=user)


def format_deadline(value: datetime | None) -> str:
    return show(value) if value is not None else "—"
