"""The authority that handles a user, for the help page and the footer (registered into core)."""

from __future__ import annotations

from typing import Any

from zhongshi.organisations.models import Authority

FIELDS = ("name", "contact_name", "contact_phone", "address")


def get_handling_authority(user: Any) -> Authority | None:
    """An applicant's district authority; a reviewer's authority above (none for the ministry); one query."""
    if getattr(user, "host_org_id", None):
        return Authority.objects.filter(region__host_orgs__id=user.host_org_id).only(*FIELDS).first()
    if getattr(user, "authority_id", None):
        return Authority.objects.filter(children__id=user.authority_id).only(*FIELDS).first()
    return None
