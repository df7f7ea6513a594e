"""Role predicates shared by every app's ``rules.py``.

A user's role is the ``role`` field of ``accounts.User``; an authority's level (ministry, province,
city, district) gives what an authority reviewer may do.
"""

from __future__ import annotations

from typing import Any

from rules.predicates import is_authenticated, predicate

from zhongshi.core.permissions import is_in_scope


def _role(user: Any) -> str:
    return str(getattr(user, "role", "") or "") if getattr(user, "is_authenticated", False) else ""


def _authority_level(user: Any) -> str:
    authority = getattr(user, "authority", None) if _role(user) == "authority" else None
    return str(authority.level) if authority is not None else ""


@predicate
def is_system_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or _role(user) == "admin"))


@predicate
def is_applicant(user: Any) -> bool:
    return _role(user) == "applicant" and getattr(user, "host_org_id", None) is not None


@predicate
def is_approved_applicant(user: Any) -> bool:
    return is_applicant(user) and user.host_org.status == "approved"


@predicate
def is_authority(user: Any) -> bool:
    return _role(user) == "authority" and getattr(user, "authority_id", None) is not None


@predicate
def is_ministry(user: Any) -> bool:
    return _authority_level(user) == "ministry"


@predicate
def is_province_authority(user: Any) -> bool:
    return _authority_level(user) == "province"


@predicate
def is_city_authority(user: Any) -> bool:
    return _authority_level(user) == "city"


@predicate
def is_district_authority(user: Any) -> bool:
    return _authority_level(user) == "district"


@predicate
def is_expert(user: Any) -> bool:
    return _role(user) == "expert"


@predicate
def is_enterprise(user: Any) -> bool:
    return _role(user) == "enterprise"


@predicate
def in_scope(user: Any, obj: Any) -> bool:
    """The object is in the user's subtree (authority) or organisation (applicant)."""
    return obj is not None and is_in_scope(user, obj)


is_signed_in = is_authenticated
