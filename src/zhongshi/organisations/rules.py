"""Who may see and do what with regions, authorities, host organisations, partners, experts, enterprises."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import (
    in_scope,
    is_applicant,
    is_authority,
    is_ministry,
    is_province_authority,
    is_system_admin,
)
from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import Authority, DemandEnterprise, Expert, HostOrg, PartnerOrg, Region


def authority_path(user: Any) -> str | None:
    """The subtree path of an authority reviewer, or None for every other user."""
    if is_authority(user):
        return str(user.authority.path)
    return None


@register_scope(Region)
def scope_regions(user: Any, queryset: QuerySet[Region]) -> QuerySet[Region]:
    return queryset  # divisions are public reference data


@register_scope(Authority)
def scope_authorities(user: Any, queryset: QuerySet[Authority]) -> QuerySet[Authority]:
    if is_system_admin(user):
        return queryset
    path = authority_path(user)
    return queryset.filter(path__startswith=path) if path else queryset.none()


@register_scope(HostOrg)
def scope_host_orgs(user: Any, queryset: QuerySet[HostOrg]) -> QuerySet[HostOrg]:
    if is_system_admin(user):
        return queryset
    path = authority_path(user)
    if path:
        return queryset.filter(district__path__startswith=path)
    if is_applicant(user):
        return queryset.filter(pk=user.host_org_id)
    return queryset.none()


@register_scope(PartnerOrg)
def scope_partner_orgs(user: Any, queryset: QuerySet[PartnerOrg]) -> QuerySet[PartnerOrg]:
    if is_system_admin(user):
        return queryset
    path = authority_path(user)
    if path:
        return queryset.filter(host_org__district__path__startswith=path)
    if is_applicant(user):
        return queryset.filter(host_org_id=user.host_org_id)
    return queryset.none()


@register_scope(Expert)
def scope_experts(user: Any, queryset: QuerySet[Expert]) -> QuerySet[Expert]:
    """Experts are managed by provincial authorities and the ministry; an expert sees himself."""
    if is_system_admin(user) or is_ministry(user):
        return queryset
    if is_province_authority(user):
        return queryset.filter(region__path__startswith=user.authority.path)
    if getattr(user, "is_authenticated", False):
        return queryset.filter(Q(user_id=user.pk))
    return queryset.none()


@register_scope(DemandEnterprise)
def scope_enterprises(user: Any, queryset: QuerySet[DemandEnterprise]) -> QuerySet[DemandEnterprise]:
    if is_system_admin(user):
        return queryset
    path = authority_path(user)
    if path:
        return queryset.filter(district__path__startswith=path)
    if getattr(user, "enterprise_id", None):
        return queryset.filter(pk=user.enterprise_id)
    return queryset.none()


@rules.predicate
def is_pending(user: Any, host_org: HostOrg | None) -> bool:
    return host_org is not None and host_org.status == HostOrgStatus.PENDING


@rules.predicate
def is_local_authority(user: Any, host_org: HostOrg | None) -> bool:
    """The authority of the organisation's own division, the one that approves it: its district's, or for
    a province-administered city without districts (仙桃市, 潜江市 …) that city's."""
    return host_org is not None and is_authority(user) and host_org.district_id == user.authority.region_id


@rules.predicate
def is_member_of(user: Any, host_org: HostOrg | None) -> bool:
    return host_org is not None and is_applicant(user) and user.host_org_id == host_org.pk


rules.add_perm("organisations.list_hostorg", is_authority | is_system_admin)
rules.add_perm("organisations.view_hostorg", in_scope)
rules.add_perm("organisations.change_hostorg", is_member_of | is_system_admin)
# Only the authority of the organisation's own division decides its registration (issue: "approved by its
# district authority"); an administrator's emergency fix goes through Django's admin, which is audited too.
rules.add_perm("organisations.decide_hostorg", is_local_authority)
rules.add_perm("organisations.approve_hostorg", is_local_authority & is_pending)
rules.add_perm("organisations.list_authority", is_authority | is_system_admin)
rules.add_perm("organisations.add_partnerorg", is_applicant)
rules.add_perm("organisations.delete_partnerorg", in_scope & (is_applicant | is_system_admin))
rules.add_perm("organisations.list_expert", is_province_authority | is_ministry | is_system_admin)
