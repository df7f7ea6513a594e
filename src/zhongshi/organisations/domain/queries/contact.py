"""How to reach an authority: its contact person, telephone and address as the administrator recorded them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import Authority, HostOrg


def authority_contact(authority: Authority) -> str:
    """武汉东湖新技术开发区经信局（联系人：张三，电话：027-…，地址：…）; the name alone without a recorded contact."""
    parts = []
    if authority.contact_name:
        parts.append(_("contact: %(name)s") % {"name": authority.contact_name})
    if authority.contact_phone:
        parts.append(_("telephone: %(phone)s") % {"phone": authority.contact_phone})
    if authority.address:
        parts.append(_("address: %(address)s") % {"address": authority.address})
    return f"{authority.name}（{'，'.join(parts)}）" if parts else str(authority.name)


def district_contact(host_org: HostOrg) -> str:
    """The contact of the authority of the organisation's district (which approves its registration)."""
    authority = getattr(host_org.district, "authority", None)
    return authority_contact(authority) if authority is not None else _("its district authority")


def unapproved_reason(host_org: HostOrg) -> str:
    """Why an organisation cannot apply yet, and whom to ask."""
    if host_org.status == HostOrgStatus.REJECTED:
        return _("The registration of %(org)s was not approved, so it cannot apply. Ask %(who)s.") % {
            "org": host_org.name, "who": district_contact(host_org)}
    return _("%(org)s can apply once its registration is approved by %(who)s.") % {
        "org": host_org.name, "who": district_contact(host_org)}
