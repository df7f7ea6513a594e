"""Import the platform list file of contracts §4 (``zhongshi import-platforms``, the upload of the library's
import page): the whole file is validated first, then stored in one transaction, or nothing is stored.

A platform is identified by its host organisation's credit code and its name. A platform whose data (the
file entry as ``export-platforms`` writes it) is unchanged is left alone: importing the same file twice
gives ``created: 0, updated: 0``. A new or changed platform gets a data version (source ``import``) whose
figures and equipment carry over from its previous version; a new platform or a changed tier a TierChange;
a removed platform a Removal record (its cause matched by name against the ``removal_cause`` vocabulary,
``other_violation`` when no item has that name).

Bulk operations throughout (2,500 platforms × 20 services in seconds): the rows are written with
bulk_create / bulk_update, which bypass the per-save audit signals, so the import records ONE audit event
naming its counts.

A removed platform's host cannot slip back in: reactivating a removed platform while its host organisation
is banned (library/domain/ban.py), or entering a new active platform whose ``since`` falls within a ban of
its host (a removal in the database or in the same file), is refused with the code ``banned``.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction
from zhongshi.library.domain.ban import compute_ban_end, today_in_china
from zhongshi.library.domain.enter_library import apply_figures
from zhongshi.library.domain.queries.export_platforms import (
    CHUNK,
    platform_record,
    service_record,
    services_by_platform,
)
from zhongshi.library.enums import PlatformStatus, PlatformTier, VersionSource
from zhongshi.library.models import PilotPlatform, PlatformService, PlatformVersion, Removal, TierChange
from zhongshi.organisations.models import HostOrg, Region
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code
from zhongshi.reference.models import ReferenceItem

CLUSTER_VOCABULARIES = ("cluster_hubei_51020", "cluster_zhejiang_415x", "miit_industry")
DIVISION_LEVELS = ("city", "district")
FALLBACK_CAUSE = "other_violation"
NAME_MAX = 200
SERVICE_KIND_MAX = 50
BATCH = 1000


@dataclass(frozen=True)
class PlatformIssue:
    """One error of an import (contracts §4): ``index`` is the entry's position in ``platforms`` (None for the
    file as a whole), ``path`` the JSON path of the value."""

    index: int | None
    path: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "path": self.path, "code": self.code, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[PlatformIssue] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "errors": [e.as_dict() for e in self.errors]}


@dataclass
class _Entry:
    """A valid file entry, normalised, with what the database holds of it."""

    index: int
    record: dict[str, Any]  # as export-platforms writes it
    division: Region
    existing: PilotPlatform | None = None
    existing_record: dict[str, Any] | None = None


@dataclass
class _Reference:
    regions: dict[str, Region]
    clusters: set[str]
    verification_kinds: set[str]
    service_kinds: set[str]
    removal_causes: dict[str, str]  # name → code


def _load_reference() -> _Reference:
    items = ReferenceItem.objects.filter(active=True, vocabulary__code__in=[
        *CLUSTER_VOCABULARIES, "verification_kind", "service_kind", "removal_cause"]).values_list(
        "vocabulary__code", "code", "name")
    clusters: set[str] = set()
    kinds: dict[str, set[str]] = defaultdict(set)
    causes: dict[str, str] = {}
    for vocabulary, code, name in items:
        if vocabulary in CLUSTER_VOCABULARIES:
            clusters.add(name)
        elif vocabulary == "removal_cause":
            causes[name] = code
        else:
            kinds[vocabulary].add(name)
    return _Reference(regions={}, clusters=clusters, verification_kinds=kinds["verification_kind"],
                      service_kinds=kinds["service_kind"], removal_causes=causes)


def _day(text: str) -> str:
    return f"{text[:4]}年{int(text[5:7])}月{int(text[8:10])}日"


class _Checker:
    """Validates the file entry by entry, collecting every error."""

    def __init__(self, reference: _Reference, scope_path: str | None) -> None:
        self.reference = reference
        self.scope_path = scope_path
        self.errors: list[PlatformIssue] = []

    def error(self, index: int | None, path: str, code: str, message: str) -> None:
        self.errors.append(PlatformIssue(index=index, path=path, code=code, message=message))

    def text(self, index: int, obj: dict[str, Any], key: str, path: str, *, required: bool = True,
             max_length: int = NAME_MAX) -> str | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(index, path, "required", _("This value is required."))
            return None if required else ""
        if not isinstance(value, str):
            self.error(index, path, "type", _("This value must be text."))
            return None
        value = value.strip()
        if len(value) > max_length:
            self.error(index, path, "too_long", _("At most %(n)s characters are allowed (%(m)s given).")
                       % {"n": max_length, "m": len(value)})
            return None
        return value

    def string_list(self, index: int, obj: dict[str, Any], key: str, path: str, *, allowed: set[str] | None,
                    code: str, message: str) -> list[str] | None:
        value = obj.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            self.error(index, path, "type", _("This value must be a list of texts."))
            return None
        result: list[str] = []
        ok = True
        for n, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(index, f"{path}[{n}]", "type", _("This value must be text."))
                ok = False
            elif allowed is not None and item not in allowed:
                self.error(index, f"{path}[{n}]", code, message % {"value": item})
                ok = False
            else:
                result.append(item if allowed is not None else item.strip())
        return result if ok else None

    def day(self, index: int, obj: dict[str, Any], key: str, path: str) -> date | None:
        value = obj.get(key)
        if value is None or value == "":
            self.error(index, path, "required", _("This value is required."))
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            self.error(index, path, "invalid_date", _("“%(value)s” is not a date of the form YYYY-MM-DD.")
                       % {"value": str(value)[:40]})
            return None

    def entry(self, index: int, raw: Any) -> tuple[dict[str, Any], Region] | None:
        base = f"platforms[{index}]"
        if not isinstance(raw, dict):
            self.error(index, base, "type", _("Each platform must be a JSON object."))
            return None
        before = len(self.errors)
        name = self.text(index, raw, "name", f"{base}.name")
        host = raw.get("host_org")
        host_name = credit_code = None
        if not isinstance(host, dict):
            if host is None:
                self.error(index, f"{base}.host_org", "required", _("This value is required."))
            else:
                self.error(index, f"{base}.host_org", "type",
                           _("The host organisation must be an object with its name and credit code."))
        else:
            host_name = self.text(index, host, "name", f"{base}.host_org.name")
            code_text = self.text(index, host, "credit_code", f"{base}.host_org.credit_code", max_length=40)
            if code_text is not None:
                credit_code = normalise_credit_code(code_text)
                try:
                    validate_credit_code(credit_code)
                except ValidationError as exc:
                    self.error(index, f"{base}.host_org.credit_code", exc.code or "credit_code_format",
                               " ".join(str(m) for m in exc.messages))
                    credit_code = None
        division = None
        division_code = self.text(index, raw, "division", f"{base}.division", max_length=12)
        if division_code is not None:
            division = self.reference.regions.get(division_code)
            if division is None or division.level not in DIVISION_LEVELS:
                self.error(index, f"{base}.division", "unknown_division",
                           _("“%(value)s” is not the GB/T 2260 code of a known city or district.")
                           % {"value": division_code})
                division = None
            elif self.scope_path and not division.path.startswith(self.scope_path):
                self.error(index, f"{base}.division", "out_of_scope",
                           _("%(name)s (%(code)s) is outside your area.") % {"name": division.name,
                                                                          "code": division_code})
                division = None
        clusters = self.string_list(
            index, raw, "clusters", f"{base}.clusters", allowed=self.reference.clusters, code="unknown_cluster",
            message=_("“%(value)s” is not a cluster name of the reference vocabularies (Hubei 51020, "
                      "Zhejiang 415X, the ministry's industries)."))
        kinds = self.string_list(
            index, raw, "verification_kinds", f"{base}.verification_kinds",
            allowed=self.reference.verification_kinds, code="unknown_verification_kind",
            message=_("“%(value)s” is not one of the five verification kinds (seed 001)."))
        tier = raw.get("tier")
        if tier is None or tier == "":
            self.error(index, f"{base}.tier", "required", _("This value is required."))
        elif tier not in PlatformTier.values:
            self.error(index, f"{base}.tier", "unknown_tier",
                       _("“%(value)s” is not a tier (provincial, reserve, key, national).") % {"value": str(tier)[:40]})
        since = self.day(index, raw, "since", f"{base}.since")
        status = raw.get("status")
        removed_on: date | None = None
        cause: str | None = None
        if status is None or status == "":
            self.error(index, f"{base}.status", "required", _("This value is required."))
        elif status not in PlatformStatus.values:
            self.error(index, f"{base}.status", "unknown_status",
                       _("“%(value)s” is not a status (active, removed).") % {"value": str(status)[:40]})
        elif status == PlatformStatus.REMOVED:
            if raw.get("removed_on") in (None, ""):
                self.error(index, f"{base}.removed_on", "removal_required",
                           _("A removed platform needs the date of its removal."))
            else:
                removed_on = self.day(index, raw, "removed_on", f"{base}.removed_on")
            if raw.get("removal_cause") in (None, ""):
                self.error(index, f"{base}.removal_cause", "removal_required",
                           _("A removed platform needs the cause of its removal."))
            else:
                cause = self.text(index, raw, "removal_cause", f"{base}.removal_cause")
            if removed_on and since and removed_on < since:
                self.error(index, f"{base}.removed_on", "removed_before_since",
                           _("The platform cannot be removed before it entered the library."))
        else:
            for key in ("removed_on", "removal_cause"):
                if raw.get(key) not in (None, ""):
                    self.error(index, f"{base}.{key}", "removal_unexpected",
                               _("An active platform has no removal: this value must be null."))
        services = self.services(index, raw.get("services", []), f"{base}.services")
        if len(self.errors) > before or division is None:
            return None
        record = {
            "name": name, "host_org": {"name": host_name, "credit_code": credit_code},
            "division": division.code, "clusters": clusters, "verification_kinds": kinds, "tier": tier,
            "since": since.isoformat() if since else None, "status": status,
            "removed_on": removed_on.isoformat() if removed_on else None, "removal_cause": cause,
            "services": services,
        }
        return record, division

    def services(self, index: int, value: Any, path: str) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(index, path, "type", _("This value must be a list of service items."))
            return []
        result = []
        for n, raw in enumerate(value):
            here = f"{path}[{n}]"
            if not isinstance(raw, dict):
                self.error(index, here, "type", _("Each service item must be a JSON object."))
                continue
            name = self.text(index, raw, "name", f"{here}.name")
            kind = raw.get("kind")
            if kind is None or kind == "":
                self.error(index, f"{here}.kind", "required", _("This value is required."))
            elif kind not in self.reference.service_kinds:
                self.error(index, f"{here}.kind", "unknown_service_kind",
                           _("“%(value)s” is not one of the service kinds of seed 002.") % {"value": str(kind)[:40]})
            description = raw.get("description") or ""
            if not isinstance(description, str):
                self.error(index, f"{here}.description", "type", _("This value must be text."))
                description = ""
            keywords = self.string_list(index, raw, "keywords", f"{here}.keywords", allowed=None, code="type",
                                        message="")
            result.append(service_record({"name": name, "kind": kind, "description": description.strip(),
                                          "keywords": keywords or []}))
        return result


def _existing_platforms(keys: set[tuple[str, str]]) -> dict[tuple[str, str], PilotPlatform]:
    codes = sorted({code for code, _name in keys})
    found: dict[tuple[str, str], PilotPlatform] = {}
    for start in range(0, len(codes), CHUNK):
        for platform in PilotPlatform.objects.filter(credit_code__in=codes[start:start + CHUNK]).select_related(
                "division"):
            key = (platform.credit_code, platform.name)
            if key in keys:
                found[key] = platform
    return found


def _removals_by_code(codes: list[str]) -> dict[str, list[tuple[date, str]]]:
    """(removed_on, platform name) of the removed platforms of these credit codes in the database."""
    found: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for start in range(0, len(codes), CHUNK):
        rows = PilotPlatform.objects.filter(credit_code__in=codes[start:start + CHUNK],
                                            status=PlatformStatus.REMOVED, removed_on__isnull=False)
        for code, name, removed_on in rows.values_list("credit_code", "name", "removed_on"):
            if removed_on is not None:
                found[code].append((removed_on, name))
    return found


@dataclass
class _Plan:
    entries: list[_Entry]
    errors: list[PlatformIssue]


def plan_import(data: Any, *, scope_path: str | None = None, on: date | None = None) -> _Plan:
    """Validate the whole file and look up what the database holds of each entry (no writes)."""
    reference = _load_reference()
    checker = _Checker(reference, scope_path)
    if not isinstance(data, dict):
        checker.error(None, "", "type", _("The file must hold one JSON object with the key “platforms”."))
        return _Plan([], checker.errors)
    platforms = data.get("platforms")
    if not isinstance(platforms, list):
        code = "required" if platforms is None else "type"
        checker.error(None, "platforms", code, _("“platforms” must be a list of platforms."))
        return _Plan([], checker.errors)
    codes = {str(p.get("division")) for p in platforms if isinstance(p, dict) and p.get("division")}
    reference.regions = {r.code: r for r in Region.objects.filter(code__in=sorted(codes))} if codes else {}
    valid: list[tuple[int, dict[str, Any], Region]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(platforms):
        checked = checker.entry(index, raw)
        if checked is None:
            continue
        record, division = checked
        key = (record["host_org"]["credit_code"], record["name"])
        if key in seen:
            checker.error(index, f"platforms[{index}].name", "duplicate",
                          _("The platform “%(name)s” of %(code)s is already in this file (platforms[%(first)s]).")
                          % {"name": record["name"], "code": key[0], "first": seen[key]})
            continue
        seen[key] = index
        valid.append((index, record, division))
    existing = _existing_platforms(set(seen))
    entries = [_Entry(index=i, record=r, division=d, existing=existing.get(
        (r["host_org"]["credit_code"], r["name"]))) for i, r, d in valid]
    services = services_by_platform([e.existing.pk for e in entries if e.existing is not None])
    for entry in entries:
        if entry.existing is not None:
            entry.existing_record = platform_record(entry.existing, entry.existing.division.code,
                                                    services.get(entry.existing.pk, []))
    _check_bans(checker, entries, on=on or today_in_china())
    return _Plan(entries, checker.errors)


def _check_bans(checker: _Checker, entries: list[_Entry], *, on: date) -> None:
    removals = _removals_by_code(sorted({e.record["host_org"]["credit_code"] for e in entries}))
    in_file: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for entry in entries:
        if entry.record["status"] == PlatformStatus.REMOVED:
            in_file[entry.record["host_org"]["credit_code"]].append(
                (date.fromisoformat(entry.record["removed_on"]), entry.record["name"]))
    for entry in entries:
        record = entry.record
        if record["status"] != PlatformStatus.ACTIVE:
            continue
        code = record["host_org"]["credit_code"]
        reactivated = entry.existing is not None and entry.existing.status == PlatformStatus.REMOVED
        if entry.existing is not None and not reactivated:
            continue
        day = on if reactivated else date.fromisoformat(record["since"])
        holding = [(compute_ban_end(removed_on), name) for removed_on, name in removals[code] + in_file[code]
                   if removed_on <= day <= compute_ban_end(removed_on)]
        if holding:
            until, name = max(holding)
            message = (_("Platform “%(platform)s” of this host organisation was removed from the library: the host "
                         "organisation is banned until %(until)s inclusive, and the platform cannot be reactivated.")
                       if reactivated else
                       _("Platform “%(platform)s” of this host organisation was removed from the library: the host "
                         "organisation is banned until %(until)s inclusive, and no platform of it may enter the "
                         "library before."))
            checker.error(entry.index, f"platforms[{entry.index}].status", "banned",
                          message % {"platform": name, "until": _day(until.isoformat())})


def _version_data(previous: dict[str, Any] | None, record: dict[str, Any]) -> dict[str, Any]:
    """The next version: the previous figures and equipment, the file's clusters and services."""
    data = copy.deepcopy(previous) if previous else {
        "service_revenue_wan": None, "enterprises_served": None, "equipment_value_wan": None,
        "fulltime_staff": None, "equipment": []}
    data["clusters"] = list(record["clusters"])
    data["services"] = [dict(s) for s in record["services"]]
    data["verification_kinds"] = list(record["verification_kinds"])
    return data


def _fill(platform: PilotPlatform, entry: _Entry) -> None:
    record = entry.record
    platform.name = record["name"]
    platform.host_org_name = record["host_org"]["name"]
    platform.credit_code = record["host_org"]["credit_code"]
    platform.division = entry.division
    platform.clusters = list(record["clusters"])
    platform.verification_kinds = list(record["verification_kinds"])
    platform.tier = record["tier"]
    platform.status = record["status"]
    platform.since = date.fromisoformat(record["since"])
    platform.removed_on = date.fromisoformat(record["removed_on"]) if record["removed_on"] else None
    platform.removal_cause = record["removal_cause"] or ""


UPDATE_FIELDS = ["name", "host_org_name", "credit_code", "host_org", "division", "clusters", "verification_kinds",
                 "tier", "status", "since", "removed_on", "removal_cause", "service_revenue_wan",
                 "enterprises_served", "equipment_value_wan", "fulltime_staff", "version_count", "updated_at"]


def _common_path(paths: list[str]) -> str:
    if not paths:
        return ""
    parts = [p.strip("/").split("/") for p in paths]
    common: list[str] = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) != 1:
            break
        common.append(segments[0])
    return "/".join(common) + "/" if common else ""


def import_platforms(*, data: Any, dry_run: bool = False, user: Any = None, scope_path: str | None = None,
                     on: date | None = None, source_name: str = "") -> ImportResult:
    """Validate ``data`` (the parsed list file) and store it, all or nothing. ``scope_path``: the area of the
    importing authority (entries outside it are errors); ``on``: the day bans are judged on (today)."""
    plan = plan_import(data, scope_path=scope_path, on=on)
    if plan.errors:
        return ImportResult(errors=plan.errors)
    new = [e for e in plan.entries if e.existing is None]
    changed = [e for e in plan.entries if e.existing is not None and e.existing_record != e.record]
    result = ImportResult(created=len(new), updated=len(changed), unchanged=len(plan.entries) - len(new) - len(changed))
    if dry_run or not (new or changed):
        return result
    with transaction.atomic():
        _store(new, changed, user=user)
        paths = [e.division.path for e in new + changed]
        record_event(action=AuditAction.UPDATE, actor=user, scope_path=_common_path(paths),
                     after={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                            "file": source_name},
                     message=_("Platform list imported: %(created)s created, %(updated)s updated, %(unchanged)s "
                               "unchanged.") % {"created": result.created, "updated": result.updated,
                                                "unchanged": result.unchanged})
    return result


def _store(new: list[_Entry], changed: list[_Entry], *, user: Any) -> None:
    today = timezone.localdate()
    user = user if getattr(user, "pk", None) else None
    codes = sorted({e.record["host_org"]["credit_code"] for e in new + changed})
    host_orgs: dict[str, int] = {}
    for start in range(0, len(codes), CHUNK):
        host_orgs.update(HostOrg.objects.filter(credit_code__in=codes[start:start + CHUNK])
                         .values_list("credit_code", "pk"))
    latest: dict[int, dict[str, Any]] = {}
    changed_ids = [e.existing.pk for e in changed if e.existing is not None]
    for start in range(0, len(changed_ids), CHUNK):
        for version in PlatformVersion.objects.filter(platform_id__in=changed_ids[start:start + CHUNK]).order_by(
                "platform_id", "number").only("platform_id", "data"):
            latest[version.platform_id] = version.data

    # Versions as enter_library.add_version makes them, in bulk: number = count + 1, figures refreshed.
    created, versions = [], []
    for entry in new:
        platform = PilotPlatform(version_count=1)
        _fill(platform, entry)
        platform.host_org_id = host_orgs.get(platform.credit_code)
        data = _version_data(None, entry.record)
        apply_figures(platform, data)
        created.append(platform)
        versions.append(PlatformVersion(platform=platform, number=1, source=VersionSource.IMPORT, data=data,
                                        created_by=user))
    PilotPlatform.objects.bulk_create(created, batch_size=BATCH)
    for entry, platform in zip(new, created, strict=True):
        entry.existing = platform

    tier_changes = [TierChange(platform=p, old_tier="", new_tier=p.tier, decided_by=user, decided_on=p.since,
                               reason=_("Platform list import")) for p in created]
    updated = []
    for entry in changed:
        existing = entry.existing
        assert existing is not None and entry.existing_record is not None
        platform = existing
        old_tier = platform.tier
        _fill(platform, entry)
        platform.host_org_id = host_orgs.get(platform.credit_code, platform.host_org_id)
        if old_tier != platform.tier:
            tier_changes.append(TierChange(platform=platform, old_tier=old_tier, new_tier=platform.tier,
                                           decided_by=user, decided_on=today, reason=_("Platform list import")))
        updated.append(platform)
        data = _version_data(latest.get(platform.pk), entry.record)
        platform.version_count += 1
        apply_figures(platform, data)
        versions.append(PlatformVersion(platform=platform, number=platform.version_count,
                                        source=VersionSource.IMPORT, data=data, created_by=user))
    now = timezone.now()
    for platform in updated:
        platform.updated_at = now
    PilotPlatform.objects.bulk_update(updated, UPDATE_FIELDS, batch_size=BATCH)
    PlatformVersion.objects.bulk_create(versions, batch_size=BATCH)
    TierChange.objects.bulk_create(tier_changes, batch_size=BATCH)

    # Services: the changed platforms' items are replaced (a raw delete: the import's one audit event stands
    # for the rows it replaces, as for the rows it creates).
    for start in range(0, len(changed_ids), CHUNK):
        stale = PlatformService.objects.filter(platform_id__in=changed_ids[start:start + CHUNK])
        stale._raw_delete(stale.db)
    services = [PlatformService(platform=e.existing, position=n, name=s["name"], kind=s["kind"],
                                description=s["description"], keywords=list(s["keywords"]))
                for e in new + changed for n, s in enumerate(e.record["services"], start=1)]
    PlatformService.objects.bulk_create(services, batch_size=BATCH)

    _store_removals(new + changed, user=user)


def _store_removals(entries: list[_Entry], *, user: Any) -> None:
    causes = dict(ReferenceItem.objects.filter(vocabulary__code="removal_cause").values_list("name", "code"))
    ids = [e.existing.pk for e in entries if e.existing is not None]
    current: dict[int, Removal] = {}
    for start in range(0, len(ids), CHUNK):
        current.update({r.platform_id: r for r in Removal.objects.filter(platform_id__in=ids[start:start + CHUNK])})
    create, update, drop = [], [], []
    for entry in entries:
        platform = entry.existing
        assert platform is not None
        removal = current.get(platform.pk)
        if platform.status == PlatformStatus.REMOVED:
            assert platform.removed_on is not None
            cause_code = causes.get(platform.removal_cause, FALLBACK_CAUSE)
            if removal is None:
                create.append(Removal(platform=platform, cause_code=cause_code, cause=platform.removal_cause,
                                      decided_by=user, decided_on=platform.removed_on,
                                      details=_("Platform list import")))
            elif (removal.cause, removal.decided_on) != (platform.removal_cause, platform.removed_on):
                removal.cause_code, removal.cause = cause_code, platform.removal_cause
                removal.decided_on = platform.removed_on
                update.append(removal)
        elif removal is not None:  # reactivated after its ban: the removal no longer stands
            drop.append(removal.pk)
    Removal.objects.bulk_create(create, batch_size=BATCH)
    Removal.objects.bulk_update(update, ["cause_code", "cause", "decided_on"], batch_size=BATCH)
    if drop:
        stale = Removal.objects.filter(pk__in=drop)
        stale._raw_delete(stale.db)
