"""Start a 申报书 and save its draft, with optimistic concurrency (two browsers, one draft)."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.barriers import find_barriers
from zhongshi.applications.domain.check_registration import refuse_mismatch
from zhongshi.applications.domain.reevaluate_call import update_eligibility
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import in_call_area
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.formversions.domain.formdef import list_forms, load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers
from zhongshi.formversions.domain.paths import get_path
from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import HostOrg

# The whole 申报书 as JSON: the longest texts of the form add up to far less than this.
MAX_ANSWERS_BYTES = 2 * 1024 * 1024


class StaleRevisionError(DomainError):
    """The draft changed since the user loaded it; the user's input is returned to him, not lost."""

    def __init__(self, current: Application) -> None:
        super().__init__(
            _("This application was saved by someone else (%(who)s, %(when)s) after you opened it. "
              "Your changes were not saved; they are kept on this page. Reload to see the other changes, "
              "then enter yours again.")
            % {"who": current.updated_by.display_name if current.updated_by else "-",
               "when": timezone.localtime(current.updated_at).strftime("%H:%M:%S")},
            code="stale_revision",
        )
        self.current = current


def initial_answers(host_org: HostOrg, form_code: str) -> dict[str, Any]:
    """A new draft pre-filled with what the system already knows of the host organisation.

    The fields are found by their role (formversions/kinds.yaml), so any form version is pre-filled:
    ``location`` (its parts by ``region_level``), ``host_org_name``, ``host_org_credit_code``,
    ``host_org_unit_type`` (and its 其他 text), ``contact_name``, ``contact_phone`` and ``address``; a
    role the form does not declare is skipped.
    """
    form = load_form(form_code)
    answers: dict[str, Any] = {"form": form_code}
    district = host_org.district
    city = district.parent if district.level == "district" else district
    province = city.parent if city is not None and city.level == "city" else None
    regions = {"province": province.name if province else "", "city": city.name if city else "",
               "district": district.name if district.level == "district" else None}
    location = form.role_field("location")
    if location is not None:
        parts = {part.key: regions.get(part.region_level) for part in location.fields if part.region_level}
        _put(answers, location.path, {key: value for key, value in parts.items() if value is not None})
    for role, value in (("host_org_name", host_org.name), ("host_org_credit_code", host_org.credit_code),
                        ("host_org_unit_type", host_org.unit_type), ("contact_name", host_org.contact_name),
                        ("contact_phone", host_org.contact_phone), ("address", host_org.address)):
        path = form.role_path(role)
        if path is not None:
            _put(answers, path, value)
    unit_type = form.role_field("host_org_unit_type")
    if unit_type is not None and unit_type.other_key and host_org.unit_type_other:
        _put(answers, f"{unit_type.path.rpartition('.')[0]}.{unit_type.other_key}", host_org.unit_type_other)
    return normalise_answers(form, answers)


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, key = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[key] = value


@transaction.atomic
def create_application(*, user: Any, call: Call) -> Application:
    if not can(user, "applications.add_application"):
        raise NotAllowed(_("Only an applicant of an approved host organisation may start an application."))
    if not call.is_open:
        raise DomainError(_("This call is closed."), code="call_closed")
    host_org = user.host_org
    if not in_call_area(call, host_org):
        raise DomainError(_("This call takes applications from %(area)s only.") % {"area": call.issuer.name if call.issuer else "—"},
                          code="outside_call_area")
    for code, reason in find_barriers(host_org.credit_code, call=call):
        raise DomainError(reason, code=code)
    application = Application.objects.create(
        call=call, host_org=host_org, form_code=call.form_code, answers=initial_answers(host_org, call.form_code),
        platform_name="", created_by=user, updated_by=user,
    )
    update_eligibility(application)
    return application


def require_approved(host_org: HostOrg) -> None:
    """Only an approved host organisation edits, uploads evidence to or submits an application."""
    if host_org.status != HostOrgStatus.APPROVED:
        from zhongshi.organisations.domain.queries.contact import district_contact

        raise NotAllowed(_("%(org)s has not been approved by its district yet: its applications cannot be changed "
                           "or submitted until it is.") % {"org": host_org.name}
                         + " " + _("Contact %(who)s.") % {"who": district_contact(host_org)})


def refuse_unapproved(user: Any, application: Application) -> None:
    """An applicant of the application's own organisation hears why when that organisation is not approved."""
    if getattr(user, "host_org_id", None) == application.host_org_id:
        require_approved(application.host_org)


def encoded_size(answers: Any) -> int:
    return len(json.dumps(answers, ensure_ascii=False).encode())


def clean_answers(form_code: str, answers: Any) -> dict[str, Any]:
    """The answers as they will be stored, or a DomainError when they cannot be stored at all."""
    if not isinstance(answers, dict):
        raise DomainError(_("The application must be a JSON object."), code="invalid_type")
    if encoded_size(answers) > MAX_ANSWERS_BYTES:
        raise DomainError(
            _("The application is too large to be saved (more than %(max)s MB). Shorten the longest texts.")
            % {"max": MAX_ANSWERS_BYTES // (1024 * 1024)}, code="too_large")
    form = load_form(form_code)
    for item in form.iter_fields():
        rows = get_path(answers, item.path) if item.type == "table" and not item.in_table else None
        if isinstance(rows, list) and item.max_rows is not None and len(rows) > item.max_rows:
            raise DomainError(_("“%(label)s” allows at most %(max)s rows; it has %(count)s.")
                              % {"label": item.label, "max": item.max_rows, "count": len(rows)},
                              code="too_many_rows", field=item.path)
    return normalise_answers(form, {**answers, "form": form_code})


def _role_answer(answers: dict[str, Any], role: str) -> Any:
    code = answers.get("form")
    if not isinstance(code, str) or code not in list_forms():
        return None
    return load_form(code).answer_for_role(answers, role)


def clusters_of(answers: dict[str, Any]) -> str:
    """The answer of the ``industry_clusters`` role, joined with 、 (kept beside the answers for lists)."""
    clusters = _role_answer(answers, "industry_clusters")
    return "、".join(str(c) for c in clusters)[:500] if isinstance(clusters, list) else ""


def platform_name_of(answers: dict[str, Any]) -> str:
    """The answer of the ``platform_name`` role (kept beside the answers for lists and search)."""
    name = _role_answer(answers, "platform_name")
    return name.strip()[:200] if isinstance(name, str) else ""


@transaction.atomic
def save_answers(*, user: Any, application: Application, answers: Any, base_revision: int) -> Application:
    """Store a draft's answers if nobody saved it since ``base_revision``; returns the saved application."""
    current = (Application.objects.select_for_update(of=("self",))
               .select_related("updated_by", "call__issuer__region", "host_org__district").get(pk=application.pk))
    refuse_unapproved(user, current)
    if not can(user, "applications.change_application", current):
        raise NotAllowed(_("You may not change this application."))
    if current.revision != base_revision:
        raise StaleRevisionError(current)
    cleaned = clean_answers(current.form_code, answers)
    if cleaned == current.answers:
        return current
    refuse_mismatch(call=current.call, host_org=current.host_org, answers=cleaned)
    current.answers = cleaned
    current.platform_name = platform_name_of(cleaned)
    current.clusters = clusters_of(cleaned)
    current.revision += 1
    current.updated_by = user
    from zhongshi.formversions.domain.check_answers import check_answers

    # The checks of the saved answers, kept on the instance: the autosave's reply reads them, not a rerun.
    current.check_result = check_answers(load_form(current.form_code), cleaned)  # type: ignore[attr-defined]
    current.warning_count = min(len(current.check_result.warnings), 32767)  # type: ignore[attr-defined]
    current.save(update_fields=["answers", "platform_name", "clusters", "revision", "updated_by", "updated_at",
                                "warning_count"])
    update_eligibility(current)
    return current


def count_warnings(form_code: str, answers: dict[str, Any]) -> int:
    from zhongshi.formversions.domain.check_answers import check_answers

    return min(len(check_answers(load_form(form_code), answers).warnings), 32767)
