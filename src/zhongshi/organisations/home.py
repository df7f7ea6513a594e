"""The organisations' part of each home page: registrations to approve, the organisation's state."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhongshi.core.domain.queries.home import HomeItem, HomePage, is_admin_user
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.organisations.domain.queries.contact import unapproved_reason
from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import Authority, HostOrg, PartnerOrg


def _registrations_to_decide(user: Any) -> list[HomeItem]:
    pending = scope_queryset(user, HostOrg.objects.filter(status=HostOrgStatus.PENDING))
    return [
        HomeItem(
            title=_("Registration to approve: %(name)s") % {"name": org.name},
            detail=_("%(district)s · credit code %(code)s") % {"district": org.district.name,
                                                                "code": org.credit_code},
            url=reverse("organisations:hostorg_detail", args=[org.pk]), tone="warning",
        )
        for org in pending.select_related("district")[:50]
        if can(user, "organisations.approve_hostorg", org)
    ]


def contribute_home(user: Any, page: HomePage) -> None:
    if is_admin_user(user):
        page.todo.extend(_registrations_to_decide(user))
        page.facts.append(HomeItem(title=_("Host organisations"), count=HostOrg.objects.count(),
                                   url=reverse("organisations:hostorg_list")))
    elif user.role == "authority" and user.authority_id:
        page.todo.extend(_registrations_to_decide(user))
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
    elif user.role == "applicant" and user.host_org_id:
        org = user.host_org
        detail_url = reverse("organisations:hostorg_detail", args=[org.pk])
        if org.status == HostOrgStatus.PENDING:
            page.todo.append(HomeItem(
                title=_("Your organisation's registration awaits approval"),
                detail=unapproved_reason(org), tone="warning", url=detail_url,
            ))
        elif org.status == HostOrgStatus.REJECTED:
            page.todo.append(HomeItem(title=_("Your organisation's registration was not approved"),
                                      detail=" ".join(filter(None, [org.decision_reason, unapproved_reason(org)])),
                                      tone="danger", url=detail_url))
        page.facts.append(HomeItem(title=_("Registration status"), detail=org.get_status_display(), url=detail_url))
        page.facts.append(HomeItem(title=_("Partner organisations"),
                                   count=PartnerOrg.objects.filter(host_org=org).count(),
                                   url=reverse("organisations:partner_list")))
        page.empty_message = _("Nothing is waiting for you. Calls for applications will appear here.")
    elif user.role == "expert":
        expert = getattr(user, "expert", None)
        if expert is not None:
            page.facts.append(HomeItem(title=expert.name, detail=f"{expert.title} · {expert.organisation}"))
        page.empty_message = _("No application has been assigned to you for scoring.")
    elif user.role == "enterprise" and user.enterprise_id:
        page.facts.append(HomeItem(title=_("Organisation"), detail=user.enterprise.district.full_name))
        page.empty_message = _("You have posted no pilot-test need yet.")
