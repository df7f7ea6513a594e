"""Who is acting, for the audit log: set per request by the middleware, or by a command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AuditContext:
    actor: Any = None
    ip_address: str | None = None


_current: ContextVar[AuditContext] = ContextVar("zhongshi_audit_context", default=AuditContext())  # noqa: B039 (frozen)


def get_audit_context() -> AuditContext:
    return _current.get()


@contextmanager
def audit_context(*, actor: Any = None, ip_address: str | None = None) -> Iterator[None]:
    token = _current.set(AuditContext(actor=actor, ip_address=ip_address))
    try:
        yield
    finally:
        _current.reset(token)
