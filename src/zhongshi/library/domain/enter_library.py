"""A final approval makes a platform (issue 10 §1): its tier from the call, its identity, division, clusters,
verification kinds, service items and figures from the approved 申报书 as its first data version.

The answers are read by role (formversions/kinds.yaml), never by path, so any form version of the
application kind feeds the library; the mappings from the 申报书's choices to the library's vocabularies are
data (library/data/mappings.yaml).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhongshi.applications.models import Application
from zhongshi.audit.domain.record_event import record_transition
from zhongshi.core.yaml_files import load_yaml
from zhongshi.formversions.domain.formdef import FormDef, load_form
from zhongshi.library.enums import PlatformStatus, VersionSource
from zhongshi.library.models import PilotPlatform, PlatformService, PlatformVersion, TierChange

NOMINATION_LEVELS = ("ministry_key", "ministry_national")  # library/domain/adjustment.py (issue 10 §2)
MAPPINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "mappings.yaml"


@cache
def mappings() -> dict[str, Any]:
    return dict(load_yaml(MAPPINGS_FILE.read_text(encoding="utf-8")))


def tier_for_call_level(level: str) -> str | None:
    """The tier a final approval in a call of ``level`` gives; None for a call outside the tiers."""
    return mappings()["tiers"].get(level)


def _first_matching(rules: list[dict[str, Any]], text: str, key: str) -> Any:
    for rule in rules:
        if not rule["words"] or any(word in text for word in rule["words"]):
            return rule[key]
    return None


def map_service_kind(choice: str, other: str = "") -> str:
    """The seed 002 service kind of a 申报书 服务事项 choice (其他: by the words of the typed name)."""
    kind = mappings()["service_kinds"].get(choice)
    return kind or _first_matching(mappings()["other_service_kind_rules"], other, "kind")


def map_verification_kinds(choice: str, other: str = "") -> list[str]:
    kinds = mappings()["verification_kinds"].get(choice)
    if kinds is not None:
        return list(kinds)
    return list(_first_matching(mappings()["other_verification_rules"], other, "kinds") or [])


def _number(value: Any) -> Decimal | None:
    if isinstance(value, dict):  # a year pair: the last year counts, or the current one
        value = value.get("last_year") if value.get("last_year") not in (None, "") else value.get("current_year")
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def services_from_rows(rows: Any) -> list[dict[str, Any]]:
    """The 服务事项 table as contracts §4 ``services``: the name is the typed name (其他) or the choice, after
    the products it covers; the parameters are its description."""
    services = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        choice = str(row.get("kind") or "").strip()
        other = str(row.get("kind_other") or "").strip()
        products = str(row.get("products") or "").strip()
        label = other if (choice == "其他" or not choice) and other else choice
        if not label:
            continue
        services.append({
            "name": f"{products}{label}"[:200] if products else label[:200],
            "kind": map_service_kind(choice, other or products),
            "description": str(row.get("parameters") or "").strip(),
            "keywords": [word for word in (products, label) if word],
        })
    return services


def verification_kinds_from_rows(rows: Any) -> list[str]:
    order = ["设计验证", "功能性能验证", "工艺验证", "适配验证", "生产验证"]  # seed 001 §一
    found: set[str] = set()
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            found.update(map_verification_kinds(str(row.get("kind") or ""), str(row.get("kind_other") or "")))
    return [kind for kind in order if kind in found]


def platform_data_from_answers(form: FormDef, answers: dict[str, Any]) -> dict[str, Any]:
    """The first data version of a platform: the figures and lists the library keeps, read by role."""
    def role(name: str) -> Any:
        return form.answer_for_role(answers, name)

    revenue = _number(role("service_revenue"))
    equipment_value = _number(role("equipment_value"))
    served = _number(role("enterprises_served"))
    staff = _number(role("fulltime_staff"))
    clusters = role("industry_clusters")
    return {
        "service_revenue_wan": str(revenue) if revenue is not None else None,
        "enterprises_served": int(served) if served is not None else None,
        "equipment_value_wan": str(equipment_value) if equipment_value is not None else None,
        "fulltime_staff": int(staff) if staff is not None else None,
        "clusters": list(clusters) if isinstance(clusters, list) else [],
        "services": services_from_rows(role("service_items")),
        "equipment": list(role("equipment") or []),
    }


def apply_figures(platform: PilotPlatform, data: dict[str, Any]) -> None:
    """Copy a version's figures into the platform's narrow columns (lists and dashboards read these)."""
    platform.service_revenue_wan = _number(data.get("service_revenue_wan"))
    platform.equipment_value_wan = _number(data.get("equipment_value_wan"))
    platform.enterprises_served = data.get("enterprises_served")
    platform.fulltime_staff = data.get("fulltime_staff")


def replace_services(platform: PilotPlatform, services: list[dict[str, Any]]) -> None:
    platform.services.all().delete()
    PlatformService.objects.bulk_create([
        PlatformService(platform=platform, position=n, name=s["name"], kind=s["kind"],
                        description=s.get("description", ""), keywords=list(s.get("keywords") or []))
        for n, s in enumerate(services, start=1)
    ])


def add_version(*, platform: PilotPlatform, data: dict[str, Any], source: str, user: Any = None) -> PlatformVersion:
    """Keep ``data`` as the platform's next version and make it current."""
    platform.version_count += 1
    version = PlatformVersion.objects.create(platform=platform, number=platform.version_count, source=source,
                                             data=data, created_by=user)
    apply_figures(platform, data)
    platform.save()
    return version


@transaction.atomic
def enter_library(*, application: Application, user: Any = None) -> PilotPlatform | None:
    """The platform a final approval creates (once: a second call returns the same platform). None when the
    call's level gives no tier (a municipal call)."""
    existing = PilotPlatform.objects.filter(source_application=application).first()
    if existing is not None:
        return existing
    tier = tier_for_call_level(application.call.level)
    if tier is None:
        return None
    form = load_form(application.form_code)
    answers = application.answers
    host_org = application.host_org
    data = platform_data_from_answers(form, answers)
    contact = form.answer_for_role(answers, "service_contact") or {}
    since = timezone.localdate(application.final_at) if application.final_at else timezone.localdate()
    platform = PilotPlatform.objects.filter(credit_code=host_org.credit_code, name=application.platform_name).first()
    if platform is None and application.call.level in NOMINATION_LEVELS:  # a nomination moves the host's platform up
        from zhongshi.library.domain.adjustment import nominated_platform

        platform = nominated_platform(credit_code=host_org.credit_code)
    if platform is None:
        platform = PilotPlatform(name=application.platform_name, credit_code=host_org.credit_code, since=since)
    platform.host_org_name = host_org.name
    platform.host_org = host_org
    platform.division = host_org.district
    platform.clusters = data["clusters"]
    platform.verification_kinds = verification_kinds_from_rows(form.answer_for_role(answers, "service_items"))
    old_tier = platform.tier if platform.pk else ""
    platform.tier = tier
    platform.status = PlatformStatus.ACTIVE
    platform.removed_on = None
    platform.removal_cause = ""
    platform.source_application = application
    if isinstance(contact, dict):
        platform.contact_name = str(contact.get("name") or "")[:50]
        platform.contact_phone = str(contact.get("phone") or "")[:50]
    platform.save()
    replace_services(platform, data["services"])
    add_version(platform=platform, data=data, source=VersionSource.APPLICATION, user=user)
    if old_tier != tier:
        TierChange.objects.create(platform=platform, old_tier=old_tier, new_tier=tier, decided_by=user,
                                  decided_on=since, reason=application.call.title)
    record_transition(target=platform, field="tier", old=old_tier, new=tier, message=application.call.title,
                      actor=user)
    return platform
