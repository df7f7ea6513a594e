"""Who may see and do what in the platform library.

An authority sees the platforms of its subtree (the ministry all); a host organisation's users see their
organisation's platforms (by credit code, so a platform imported before the registration is theirs too).
The public 名录 and directory read active platforms through their own desensitised queries, not this scope.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from zhongshi.core.permissions import register_scope
from zhongshi.core.predicates import (
    in_scope,
    is_applicant,
    is_approved_applicant,
    is_authority,
    is_city_authority,
    is_ministry,
    is_province_authority,
    is_system_admin,
)
from zhongshi.library.models import (
    PilotPlatform,
    PlatformService,
    PlatformVersion,
    QuarterlyUpdate,
    Removal,
    TierChange,
    UpdateReminder,
)


def platform_condition(user: Any, prefix: str = "") -> Q | None:
    """The platforms ``user`` may see, as a filter (None: none)."""
    if is_system_admin(user):
        return Q()
    if is_authority(user):
        return Q(**{f"{prefix}division__path__startswith": user.authority.path})
    if is_applicant(user) and getattr(user, "host_org_id", None):
        return Q(**{f"{prefix}credit_code": user.host_org.credit_code})
    return None


def _scoped(prefix: str) -> Any:
    def scope(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        condition = platform_condition(user, prefix)
        return queryset.none() if condition is None else queryset.filter(condition)
    return scope


scope_platforms = register_scope(PilotPlatform)(_scoped(""))
register_scope(PlatformService)(_scoped("platform__"))
register_scope(PlatformVersion)(_scoped("platform__"))
register_scope(TierChange)(_scoped("platform__"))
register_scope(Removal)(_scoped("platform__"))


@rules.predicate
def holds_platform(user: Any, platform: PilotPlatform | None) -> bool:
    """The platform is the user's host organisation's (by credit code)."""
    return (platform is not None and is_applicant(user) and getattr(user, "host_org_id", None) is not None
            and platform.credit_code == user.host_org.credit_code)


@rules.predicate
def province_of(user: Any, platform: PilotPlatform | None) -> bool:
    """The user is the provincial authority over the platform's division."""
    return (platform is not None and is_province_authority(user)
            and platform.division.path.startswith(user.authority.path))


@rules.predicate
def is_active(user: Any, platform: PilotPlatform | None) -> bool:
    return platform is not None and platform.status == "active"


rules.add_perm("library.list_platforms", is_authority | is_system_admin | is_applicant)
rules.add_perm("library.view_platform", in_scope)
rules.add_perm("library.export_platforms", is_authority | is_system_admin)
rules.add_perm("library.import_platforms", is_province_authority | is_ministry | is_system_admin)
# Removal is the ministry's (seed 004 §二（四）（六）: 由工业和信息化部移出); a province proposes exits.
rules.add_perm("library.remove_platform", is_ministry & in_scope & is_active)
rules.add_perm("library.change_tier", is_ministry & in_scope & is_active)
rules.add_perm("library.view_ban", is_authority | is_system_admin)


# ---- lifecycle (issue 10 §2, §5–§8): tier changes, removals, change reports, policy support, the 名录 ----
from zhongshi.library.models import ChangeReport, PolicySupport  # noqa: E402

register_scope(ChangeReport)(_scoped("platform__"))
register_scope(PolicySupport)(_scoped("platform__"))


def _platform_of(obj: Any) -> PilotPlatform | None:
    return obj if isinstance(obj, PilotPlatform) else getattr(obj, "platform", None)


@rules.predicate
def holds_report_platform(user: Any, obj: Any) -> bool:
    return bool(holds_platform(user, _platform_of(obj)))


@rules.predicate
def province_over(user: Any, obj: Any) -> bool:
    """The provincial authority over the division of the platform (of a change report)."""
    return bool(province_of(user, _platform_of(obj)))


@rules.predicate
def awaits_acknowledgement(user: Any, report: ChangeReport | None) -> bool:
    return report is not None and report.status in ("reported", "flagged")


@rules.predicate
def platform_in_scope(user: Any, obj: Any) -> bool:
    platform = _platform_of(obj)
    return platform is not None and bool(in_scope(user, platform))


@rules.predicate
def platform_active(user: Any, obj: Any) -> bool:
    platform = _platform_of(obj)
    return platform is not None and platform.status == "active"


# The host organisation reports a major change of its active platform; the province over it acknowledges.
rules.add_perm("library.report_change", holds_report_platform & platform_active)
rules.add_perm("library.acknowledge_change", province_over & awaits_acknowledgement)
rules.add_perm("library.list_change_reports", is_authority | is_system_admin | is_applicant)
# Policy support: recorded by a provincial or city authority over the platform; seen with the platform.
rules.add_perm("library.record_support", (is_province_authority | is_city_authority) & platform_in_scope
               & platform_active)
rules.add_perm("library.view_supports", platform_in_scope)
# The 附件3-style 名录 sheet: the ministry (all) and a province (its area); the public list has no contacts.
rules.add_perm("library.export_directory", is_ministry | is_province_authority | is_system_admin)
# Navigation: 平台库 for authorities and the administrator, 我的平台 for a host organisation (same list, scoped).
rules.add_perm("library.browse_library", is_authority | is_system_admin)
rules.add_perm("library.browse_own", is_applicant)


# ---------------------------------------------------------------------------------------------- adjustment
# Periodic adjustment (issue 10 §4): a province runs its own rounds; the ministry reads all and decides exits.
from zhongshi.library.models import AdjustmentProposal, AdjustmentRound  # noqa: E402


def round_condition(user: Any, prefix: str = "") -> Q | None:
    if is_system_admin(user):
        return Q()
    if is_authority(user):
        return Q(**{f"{prefix}authority__path__startswith": user.authority.path})
    return None


def _round_scoped(prefix: str) -> Any:
    def scope(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        condition = round_condition(user, prefix)
        return queryset.none() if condition is None else queryset.filter(condition)
    return scope


register_scope(AdjustmentRound)(_round_scoped(""))
register_scope(AdjustmentProposal)(_round_scoped("round__"))


@rules.predicate
def own_round(user: Any, round_: AdjustmentRound | None) -> bool:
    return round_ is not None and getattr(user, "authority_id", None) == round_.authority_id


rules.add_perm("library.list_adjustment_rounds", is_province_authority | is_ministry | is_system_admin)
rules.add_perm("library.view_adjustment_round", in_scope)
rules.add_perm("library.open_adjustment_round", is_province_authority)
rules.add_perm("library.change_adjustment_round", is_province_authority & own_round)
rules.add_perm("library.decide_adjustment", is_ministry)
# ---- quarterly updates (issue 10 §3; seed 004 §二（三）) -----------------------------------------------------
# The host organisation's applicants edit and submit their platform's update; the provincial authority over
# the platform's division (and the ministry) reviews it; every authority reads the dashboard of its subtree.
register_scope(QuarterlyUpdate)(_scoped("platform__"))
register_scope(UpdateReminder)(_scoped("platform__"))


@rules.predicate
def holds_update(user: Any, update: QuarterlyUpdate | None) -> bool:
    return update is not None and bool(holds_platform(user, update.platform))


@rules.predicate
def update_editable(user: Any, update: QuarterlyUpdate | None) -> bool:
    return update is not None and update.status in ("draft", "returned")


@rules.predicate
def reviews_update(user: Any, update: QuarterlyUpdate | None) -> bool:
    """The provincial authority over the update's platform, or the ministry."""
    if update is None:
        return False
    return bool(province_of(user, update.platform)) or (is_ministry(user) and bool(in_scope(user, update.platform)))


# Only an approved host organisation changes data, as with its applications (applications/rules.py).
rules.add_perm("library.start_update", is_approved_applicant & holds_platform & is_active)
rules.add_perm("library.change_update", is_approved_applicant & holds_update & update_editable)
rules.add_perm("library.view_update", in_scope)
rules.add_perm("library.review_update", reviews_update)
rules.add_perm("library.view_update_dashboard", is_authority | is_system_admin | is_applicant)
rules.add_perm("library.remind_updates", is_province_authority | is_ministry)
