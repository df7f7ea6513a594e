"""Start a 申报书 and save its draft, with optimistic concurrency (two browsers, one draft)."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.applications.domain.queries.chain import in_call_area
from zhongshi.applications.domain.reevaluate_call import update_eligibility
from zhongshi.applications.models import Application
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.formversions.domain.normalise_answers import normalise_answers
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
    """A new draft pre-filled with what the system already knows of the host organisation."""
    district = host_org.district
    city = district.parent if district.level == "district" else district
    province = city.parent if city is not None and city.level == "city" else None
    location: dict[str, Any] = {"province": province.name if province else "", "city": city.name if city else ""}
    if district.level == "district":
        location["district"] = district.name
    host: dict[str, Any] = {"name": host_org.name, "credit_code": host_org.credit_code,
                            "unit_type": host_org.unit_type}
    if host_org.unit_type_other:
        host["unit_type_other"] = host_org.unit_type_other
    return normalise_answers(load_form(form_code), {
        "form": form_code,
        "cover": {"contact": {"name": host_org.contact_name, "phone": host_org.contact_phone},
                  "address": host_org.address},
        "basic": {"location": location, "host_org": host},
    })


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
    application = Application.objects.create(
        call=call, host_org=host_org, form_code=call.form_code, answers=initial_answers(host_org, call.form_code),
        platform_name="", created_by=user, updated_by=user,
    )
    update_eligibility(application)
    return application


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
    return normalise_answers(load_form(form_code), {**answers, "form": form_code})


def clusters_of(answers: dict[str, Any]) -> str:
    basic = answers.get("basic")
    clusters = basic.get("industry_clusters") if isinstance(basic, dict) else None
    return "、".join(str(c) for c in clusters)[:500] if isinstance(clusters, list) else ""


def platform_name_of(answers: dict[str, Any]) -> str:
    basic = answers.get("basic")
    name = basic.get("platform_name") if isinstance(basic, dict) else ""
    return name.strip()[:200] if isinstance(name, str) else ""


@transaction.atomic
def save_answers(*, user: Any, application: Application, answers: Any, base_revision: int) -> Application:
    """Store a draft's answers if nobody saved it since ``base_revision``; returns the saved application."""
    current = Application.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=application.pk)
    if not can(user, "applications.change_application", current):
        raise NotAllowed(_("You may not change this application."))
    if current.revision != base_revision:
        raise StaleRevisionError(current)
    cleaned = clean_answers(current.form_code, answers)
    if cleaned == current.answers:
        return current
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
