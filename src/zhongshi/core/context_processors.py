from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from zhongshi.core.domain.help_pages import handling_authority
from zhongshi.core.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "system_name": settings.ZHONGSHI_SYSTEM_NAME,
        "navigation": navigation_for(user, request.path) if user is not None else [],
        # looked up only when a page shows it (the footer of a signed-in user's page, the help page)
        "handling_authority": SimpleLazyObject(lambda: handling_authority(user)),
    }
