"""What waits for each user on the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.core.permissions import can, scope_queryset


@dataclass
class HomeItem:
    title: str
    detail: str = ""
    url: str = ""
    count: int | None = None
    tone: str = "info"


@dataclass
class HomePage:
    heading: str
    todo: list[HomeItem] = field(default_factory=list)
    facts: list[HomeItem] = field(default_factory=list)
    empty_message: str = ""


def _host_org_items(user: Any) -> list[HomeItem]:
    from zhongshi.organisations.enums import HostOrgStatus
    from zhongshi.organisations.models import HostOrg

    pending = scope_queryset(user, HostOrg.objects.filter(status=HostOrgStatus.PENDING))
    items = []
    decidable = [org for org in pending.select_related("district")[:20]
                 if can(user, "organisations.approve_hostorg", org)]
    for org in decidable:
        items.append(HomeItem(
            title=_("Registration to approve: %(name)s") % {"name": org.name},
            detail=_("%(district)s · credit code %(code)s") % {"district": org.district.name,
                                                                "code": org.credit_code},
            url=reverse("organisations:hostorg_detail", args=[org.pk]), tone="warning",
        ))
    return items


def get_home_page(user: Any) -> HomePage:
    """The home page of ``user``: items waiting for him first, then facts about his part of the scheme."""
    from zhongshi.organisations.enums import HostOrgStatus
    from zhongshi.organisations.models import Authority, HostOrg, PartnerOrg

    if user.is_superuser or user.role == "admin":
        from zhongshi.accounts.domain.queries.users import count_locked_users
        from zhongshi.accounts.models import User

        page = HomePage(heading=_("System administration"))
        locked = count_locked_users()
        if locked:
            page.todo.append(HomeItem(title=_("Locked accounts"), count=locked,
                                      url=reverse("accounts:user_list") + "?locked=1", tone="warning"))
        page.todo.extend(_host_org_items(user))
        page.facts.append(HomeItem(title=_("User accounts"), count=User.objects.count(),
                                   url=reverse("accounts:user_list")))
        page.facts.append(HomeItem(title=_("Host organisations"), count=HostOrg.objects.count(),
                                   url=reverse("organisations:hostorg_list")))
        page.empty_message = _("Nothing is waiting for you.")
        return page

    if user.role == "applicant" and user.host_org_id:
        org = user.host_org
        page = HomePage(heading=org.name)
        if org.status == HostOrgStatus.PENDING:
            page.todo.append(HomeItem(
                title=_("Your organisation's registration awaits approval"),
                detail=_("%(authority)s will check it; you can apply once it is approved.")
                % {"authority": org.district.authority.name}, tone="warning",
                url=reverse("organisations:hostorg_detail", args=[org.pk]),
            ))
        elif org.status == HostOrgStatus.REJECTED:
            page.todo.append(HomeItem(
                title=_("Your organisation's registration was not approved"),
                detail=org.decision_reason, tone="danger",
                url=reverse("organisations:hostorg_detail", args=[org.pk]),
            ))
        page.facts.append(HomeItem(title=_("Organisation"), detail=org.get_status_display(),
                                   url=reverse("organisations:hostorg_detail", args=[org.pk])))
        page.facts.append(HomeItem(title=_("Partner organisations"),
                                   count=PartnerOrg.objects.filter(host_org=org).count(),
                                   url=reverse("organisations:partner_list")))
        page.empty_message = _("Nothing is waiting for you. Calls for applications will appear here.")
        return page

    if user.role == "authority" and user.authority_id:
        authority = user.authority
        page = HomePage(heading=authority.name)
        page.todo.extend(_host_org_items(user))
        orgs = scope_queryset(user, HostOrg.objects.all())
        page.facts.append(HomeItem(title=_("Host organisations in your area"), count=orgs.count(),
                                   url=reverse("organisations:hostorg_list")))
        pending = orgs.filter(status=HostOrgStatus.PENDING).count()
        if pending:
            page.facts.append(HomeItem(title=_("Registrations awaiting district approval"), count=pending,
                                       url=reverse("organisations:hostorg_list") + "?status=pending"))
        page.facts.append(HomeItem(
            title=_("Authorities in your area"),
            count=scope_queryset(user, Authority.objects.all()).count() - 1,
            url=reverse("organisations:authority_list"),
        ))
        page.empty_message = _("Nothing is waiting for you.")
        return page

    if user.role == "expert":
        page = HomePage(heading=_("Expert review"))
        expert = getattr(user, "expert", None)
        if expert is not None:
            page.facts.append(HomeItem(title=expert.name,
                                       detail=f"{expert.title} · {expert.organisation}"))
        page.empty_message = _("No application has been assigned to you for scoring.")
        return page

    if user.role == "enterprise" and user.enterprise_id:
        page = HomePage(heading=user.enterprise.name)
        page.facts.append(HomeItem(title=_("Organisation"), detail=user.enterprise.district.full_name))
        page.empty_message = _("You have posted no pilot-test need yet.")
        return page

    return HomePage(heading=_("Welcome"), empty_message=_("Nothing is waiting for you."))
