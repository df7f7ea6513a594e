"""A host organisation's platforms and ban (``zhongshi platform-status``, contracts §4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhongshi.library.domain.ban import find_ban
from zhongshi.library.models import PilotPlatform


def platform_status(*, credit_code: str, on: date | None = None) -> dict[str, Any]:
    """``{"credit_code", "platforms": [{name, tier, status}] (by name), "banned_until": "YYYY-MM-DD" | None}``."""
    platforms = PilotPlatform.objects.filter(credit_code=credit_code).order_by("name", "pk")
    ban = find_ban(credit_code, on=on)
    return {
        "credit_code": credit_code,
        "platforms": [{"name": name, "tier": tier, "status": status}
                      for name, tier, status in platforms.values_list("name", "tier", "status")],
        "banned_until": ban.until.isoformat() if ban else None,
    }
