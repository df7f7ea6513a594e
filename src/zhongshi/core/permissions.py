"""The one permission check and the one queryset scoper.

Every view, download, export and API call asks ``can(user, action, obj)`` and reads through
``scope_queryset(user, queryset)``. Apps register their predicates in ``rules.py`` (with
``rules.add_perm``) and their scoping functions here, with ``register_scope``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from rules.permissions import has_perm, perm_exists

M = TypeVar("M", bound=models.Model)
ScopeFunction = Callable[[Any, "models.QuerySet[Any]"], "models.QuerySet[Any]"]

_SCOPES: dict[type[models.Model], ScopeFunction] = {}


class UnscopedModelError(LookupError):
    """A queryset of a model nobody registered a scope for: refuse rather than leak."""


def register_scope(model: type[models.Model]) -> Callable[[ScopeFunction], ScopeFunction]:
    def decorator(function: ScopeFunction) -> ScopeFunction:
        _SCOPES[model] = function
        return function

    return decorator


def scope_queryset(user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """Filter ``queryset`` to the rows ``user`` may see: its own subtree or organisation."""
    try:
        function = _SCOPES[queryset.model]
    except KeyError as exc:
        raise UnscopedModelError(f"No scope registered for {queryset.model._meta.label}") from exc
    return function(user, queryset)


def is_in_scope(user: Any, obj: models.Model) -> bool:
    """True when ``obj`` is among the rows ``scope_queryset`` gives ``user``."""
    manager = type(obj)._default_manager
    return scope_queryset(user, manager.filter(pk=obj.pk)).exists()


def can(user: Any, action: str, obj: Any = None) -> bool:
    """The one permission check: ``action`` is a rules permission such as ``organisations.view_hostorg``.

    Asks ``rules`` directly rather than ``user.has_perm``, which lets a superuser do anything: here the
    predicates alone decide, so an administrator cannot, say, act as an applicant.
    """
    if not perm_exists(action):  # type: ignore[no-untyped-call]
        raise LookupError(f"Unknown permission {action}")
    return bool(has_perm(action, user, obj))  # type: ignore[no-untyped-call]
