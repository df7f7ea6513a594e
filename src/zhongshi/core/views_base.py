"""Base classes of every page: one permission check (``can``) and one scoper (``scope_queryset``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rules.contrib.views import PermissionRequiredMixin

from zhongshi.core.permissions import can, scope_queryset


class PublicMixin:
    """A page anyone may open, signed in or not. The permission walk test checks the flag."""

    public = True


class ProtectedMixin(PermissionRequiredMixin):
    """A page behind a rules permission. Anonymous users are sent to sign in; others get 403.

    ``permission_object`` (``None``, ``"object"``) says whether the permission is checked against
    the object the page is about. Object look-ups go through the scoper only for list pages; a
    single object is fetched whole and checked, so an out-of-subtree object is a clear 403, not 404.
    """

    permission_required: str = ""
    request: HttpRequest

    def get_permission_required(self) -> tuple[str, ...]:
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} names no permission")
        return (self.permission_required,)

    def has_permission(self) -> bool:
        obj = self.get_permission_object()
        return all(can(self.request.user, perm, obj) for perm in self.get_permission_required())

    def get_permission_object(self) -> Any:
        return None


class ScopedListMixin(ProtectedMixin):
    """A list page: its queryset is always passed through the scoper."""

    model: type[Model]

    def get_base_queryset(self) -> QuerySet[Any]:
        return self.model._default_manager.all()

    def get_queryset(self) -> QuerySet[Any]:
        return scope_queryset(self.request.user, self.get_base_queryset())


class ObjectPermissionMixin(ProtectedMixin):
    """A page about one object: the permission is checked against that object."""

    _object: Any = None

    def get_permission_object(self) -> Any:
        if self._object is None:
            self._object = self.get_object()  # type: ignore[attr-defined]
        return self._object
