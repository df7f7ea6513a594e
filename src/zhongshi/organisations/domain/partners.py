"""Partner organisations (联合单位) named by a host organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.organisations.models import PartnerOrg
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code


def add_partner_org(*, actor: Any, name: str, credit_code: str = "", unit_type: str = "", role: str = "") -> PartnerOrg:
    if not can(actor, "organisations.add_partnerorg"):
        raise NotAllowed(_("Only users of a host organisation may add partner organisations."))
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the partner organisation's name."), code="required", field="name")
    code = normalise_credit_code(credit_code)
    if code:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="credit_code_invalid", field="credit_code") from exc
    if PartnerOrg.objects.filter(host_org_id=actor.host_org_id, name=name).exists():
        raise DomainError(_("A partner organisation with this name has already been added."), code="partner_duplicate", field="name")
    with transaction.atomic():
        return PartnerOrg.objects.create(
            host_org_id=actor.host_org_id, name=name, credit_code=code, unit_type=unit_type, role=role
        )


def remove_partner_org(*, actor: Any, partner: PartnerOrg) -> None:
    if not can(actor, "organisations.delete_partnerorg", partner):
        raise NotAllowed(_("You may not delete this partner organisation."))
    partner.delete()
