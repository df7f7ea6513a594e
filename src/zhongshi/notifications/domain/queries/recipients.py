"""Who receives a notification: helpers the workflows call to name the users an event concerns."""

from __future__ import annotations

from zhongshi.accounts.enums import Role
from zhongshi.accounts.models import User
from zhongshi.organisations.models import Authority, HostOrg


def recipients_for_authority(authority: Authority | None) -> list[User]:
    """The active reviewers of ``authority`` (not of its subtree)."""
    if authority is None:
        return []
    return list(User.objects.filter(
        authority=authority, role=Role.AUTHORITY, is_active=True).order_by("pk"))


def recipients_for_host_org(host_org: HostOrg | None) -> list[User]:
    """The active applicant users of ``host_org``."""
    if host_org is None:
        return []
    return list(User.objects.filter(
        host_org=host_org, role=Role.APPLICANT, is_active=True).order_by("pk"))
