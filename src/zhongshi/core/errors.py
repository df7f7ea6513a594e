"""Errors raised by domain functions. Views turn them into messages next to the field or the page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A request that cannot be carried out; ``message`` is shown to the user, ``field`` names the input."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class NotAllowed(PermissionDenied):
    """The user may not do this (HTTP 403)."""
