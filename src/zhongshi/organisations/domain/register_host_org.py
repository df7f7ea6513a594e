"""A host organisation registers with its credit code; its district authority approves it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.organisations.domain.queries.regions import is_location
from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import HostOrg, Region
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code
from zhongshi.reference.domain.queries.vocabularies import get_names


@dataclass(frozen=True)
class HostOrgRegistration:
    name: str
    credit_code: str
    unit_type: str
    district: Region
    contact_name: str
    contact_phone: str
    contact_email: str
    username: str
    password: str
    full_name: str
    address: str = ""
    unit_type_other: str = ""


def _check_registration(data: HostOrgRegistration) -> str:
    credit_code = normalise_credit_code(data.credit_code)
    try:
        validate_credit_code(credit_code)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], code="credit_code_invalid", field="credit_code") from exc
    if HostOrg.objects.filter(credit_code=credit_code).exists():
        raise DomainError(
            _("This unified social credit code is already registered. To join this organisation, ask one of its existing users or its district authority."),
            code="host_org_duplicate", field="credit_code",
        )
    if data.unit_type not in get_names("unit_type"):
        raise DomainError(_("Choose a unit type."), code="unit_type_invalid", field="unit_type")
    if not is_location(data.district):
        raise DomainError(_("Choose the location down to a district, county or development zone."), code="district_invalid", field="district")
    user_model = get_user_model()
    if user_model._default_manager.filter(username=data.username).exists():
        raise DomainError(_("This user name is already taken."), code="username_taken", field="username")
    try:
        validate_password(data.password, user_model(username=data.username))
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="password_invalid", field="password") from exc
    return credit_code


def register_host_org(*, data: HostOrgRegistration) -> HostOrg:
    """Create the host organisation (awaiting its district's approval) and its first applicant account."""
    credit_code = _check_registration(data)
    try:
        with transaction.atomic():
            host_org = HostOrg.objects.create(
                name=data.name.strip(), credit_code=credit_code, unit_type=data.unit_type,
                unit_type_other=data.unit_type_other, district=data.district, address=data.address,
                contact_name=data.contact_name, contact_phone=data.contact_phone,
                contact_email=data.contact_email,
            )
            user = get_user_model()._default_manager.create_user(
                username=data.username, password=data.password, email=data.contact_email,
                full_name=data.full_name, phone=data.contact_phone, role="applicant", host_org=host_org,
            )
    except IntegrityError as exc:  # a concurrent registration of the same code or user name
        raise DomainError(_("This unified social credit code or user name is already registered."), code="host_org_duplicate",
                          field="credit_code") from exc
    del user
    return host_org


def _decide(*, actor: Any, host_org: HostOrg, status: str, reason: str) -> HostOrg:
    if not can(actor, "organisations.decide_hostorg", host_org):
        raise NotAllowed(_("Only the district authority of the organisation's own district may decide its registration."))
    if status == HostOrgStatus.REJECTED and not reason.strip():
        raise DomainError(_("Give the reason for not approving."), code="reason_required", field="reason")
    with transaction.atomic():
        locked = HostOrg.objects.select_for_update().get(pk=host_org.pk)
        if locked.status != HostOrgStatus.PENDING:
            raise DomainError(_("This registration has already been decided; it cannot be decided again."),
                              code="already_decided")
        old = locked.status
        locked.status, locked.decided_by, locked.decided_at = status, actor, timezone.now()
        locked.decision_reason = reason.strip()
        locked.save()
        record_transition(target=locked, field="status", old=old, new=status, message=locked.decision_reason,
                          actor=actor)
    return locked


def approve_host_org(*, actor: Any, host_org: HostOrg, reason: str = "") -> HostOrg:
    return _decide(actor=actor, host_org=host_org, status=HostOrgStatus.APPROVED, reason=reason)


def reject_host_org(*, actor: Any, host_org: HostOrg, reason: str) -> HostOrg:
    return _decide(actor=actor, host_org=host_org, status=HostOrgStatus.REJECTED, reason=reason)


CONTACT_FIELDS = ("address", "contact_name", "contact_phone", "contact_email", "legal_representative")


def update_host_org_contacts(*, actor: Any, host_org: HostOrg, values: dict[str, str]) -> HostOrg:
    """A member of the organisation (or an administrator) updates its address and contacts."""
    if not can(actor, "organisations.change_hostorg", host_org):
        raise NotAllowed(_("You may not change this organisation."))
    with transaction.atomic():
        for name in CONTACT_FIELDS:
            if name in values:
                setattr(host_org, name, values[name].strip())
        host_org.save()
    return host_org
