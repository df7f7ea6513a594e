from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from zhongshi.audit.context import audit_context


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit_context(actor=actor, ip_address=client_ip(request)):
            return self.get_response(request)
