"""Assign experts to a round's items (issue 11 §4): automatically, N per item, never with a conflict of
interest; by hand with a reason; accepted or declined by the expert, a decline replaced by the next best.

Hard conflicts (an expert with one is never assigned, automatically or by hand):
- own organisation: the expert works for the evaluated host organisation (``Expert.host_org`` is it, or his
  organisation's name or his host organisation's credit code is the evaluated one's);
- partner organisation: the expert's organisation is one of the host's partners (``organisations.PartnerOrg``
  of the host, and the application's 联合单位 answer, role ``partner_orgs``), by name or credit code;
- declared: a name or credit code the expert declared (``ExpertProfile.declared_conflicts``) is the host's or
  a partner's;
- same district, when the round says so: the expert's region is the evaluated organisation's district.

Among the eligible experts the choice is deterministic: first those whose load in the round is below the cap
(⌈all assignments of the round ÷ available experts⌉, which keeps the maximum load minimal when conflicts allow),
then those whose clusters meet the item's (field match), then the least loaded, then the lowest id. Items are
filled in id order. Unavailable (``ExpertProfile.available``) or inactive experts are never chosen.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.applications.models import Application
from zhongshi.audit.domain.record_event import record_event, record_transition
from zhongshi.audit.models import AuditAction
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can
from zhongshi.experts.enums import LIVE_ASSIGNMENT_STATUSES, AssignmentStatus, RoundStatus
from zhongshi.experts.models import Assignment, EvaluationRound, RoundItem, ScoreSheet
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.notifications.domain.notify import notify
from zhongshi.organisations.models import Expert, PartnerOrg

SEPARATORS = re.compile(r"[、，,；;\n]+")


def normalise(name: str) -> str:
    """A name or credit code as compared: no spaces, full-width brackets as half-width, upper case."""
    return re.sub(r"\s+", "", str(name)).replace("（", "(").replace("）", ")").upper()


@dataclass(frozen=True)
class Party:
    """What an item's conflicts are checked against."""

    label: str  # the item as named in messages
    host_org_id: int | None
    host_name: str
    host_code: str
    partners: tuple[tuple[str, str], ...]  # (name, credit code) as given
    district_id: int | None
    district_name: str
    clusters: frozenset[str]

    @cached_property
    def own_keys(self) -> frozenset[str]:
        """The host's normalised name and credit code."""
        return frozenset(k for k in (normalise(self.host_name), normalise(self.host_code)) if k)

    @cached_property
    def partner_names(self) -> dict[str, str]:
        """Normalised partner name → the name as given."""
        names: dict[str, str] = {}
        for name, _code in self.partners:
            names.setdefault(normalise(name), name)
        names.pop("", None)
        return names

    @cached_property
    def partner_codes(self) -> dict[str, str]:
        return {normalise(code): name for name, code in self.partners if code}

    @cached_property
    def declarable(self) -> dict[str, str]:
        """Every name or code an expert may declare a conflict with → the organisation's name."""
        keys = dict.fromkeys(self.own_keys, self.host_name)
        for key, name in (*self.partner_names.items(), *self.partner_codes.items()):
            keys.setdefault(key, name)
        return keys


@dataclass(frozen=True)
class Candidate:
    pk: int
    name: str
    user_id: int
    host_org_id: int | None
    organisation: str  # normalised
    host_code: str  # normalised credit code of Expert.host_org, "" without one
    region_id: int
    clusters: frozenset[str]
    declared: tuple[str, ...]  # normalised


def conflict_of(candidate: Candidate, party: Party, *, same_district: bool) -> str | None:
    """Why ``candidate`` may not evaluate ``party`` (a Chinese sentence), or None."""
    if ((party.host_org_id is not None and candidate.host_org_id == party.host_org_id)
            or candidate.organisation in party.own_keys or (candidate.host_code and candidate.host_code in party.own_keys)):
        return _("the expert works for the evaluated organisation “%(name)s”") % {"name": party.host_name}
    partner = party.partner_names.get(candidate.organisation) or (
        party.partner_codes.get(candidate.host_code) if candidate.host_code else None)
    if partner:
        return _("the expert works for “%(name)s”, a partner organisation of the evaluated one") % {"name": partner}
    for declared in candidate.declared:
        if declared in party.declarable:
            return _("the expert declared a conflict of interest with “%(name)s”") % {
                "name": party.declarable[declared]}
    if same_district and party.district_id is not None and candidate.region_id == party.district_id:
        return _("the expert is in the same district (%(district)s) as the evaluated organisation") % {
            "district": party.district_name}
    return None


def _split(text: Any) -> list[str]:
    if isinstance(text, list):
        return [str(t).strip() for t in text if str(t).strip()]
    return [part.strip() for part in SEPARATORS.split(str(text or "")) if part.strip()]


def parties(items: Iterable[RoundItem]) -> dict[int, Party]:
    """The conflict data of each item (two queries for the partners, none per item)."""
    items = list(items)
    host_ids = {i.application.host_org_id if i.application is not None else
                i.platform.host_org_id if i.platform is not None else None for i in items}
    partners: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for host_id, name, code in PartnerOrg.objects.filter(host_org_id__in=host_ids - {None}).values_list(
            "host_org_id", "name", "credit_code").order_by("host_org_id", "pk"):
        partners[host_id].append((name, code))
    partner_answers = _partner_answers([i.application for i in items if i.application is not None])
    result = {}
    for item in items:
        application, platform = item.application, item.platform
        if application is not None:
            host = application.host_org
            answered = _split(partner_answers.get(application.pk))
            known = {normalise(n) for n, _code in partners[host.pk]}
            extra = tuple((name, "") for name in answered if normalise(name) not in known)
            result[item.pk] = Party(
                label=application.platform_name or str(application), host_org_id=host.pk, host_name=host.name,
                host_code=host.credit_code, partners=(*partners[host.pk], *extra), district_id=host.district_id,
                district_name=host.district.name,
                clusters=frozenset(c for c in application.clusters.split("、") if c))
        elif platform is not None:
            result[item.pk] = Party(
                label=platform.name, host_org_id=platform.host_org_id, host_name=platform.host_org_name,
                host_code=platform.credit_code,
                partners=tuple(partners[platform.host_org_id]) if platform.host_org_id else (),
                district_id=platform.division_id, district_name=platform.division.name,
                clusters=frozenset(str(c) for c in platform.clusters or []))
    return result


def _partner_answers(applications: list[Any]) -> dict[int, Any]:
    """The 联合单位 answer (role ``partner_orgs``) of each application, read from the database by the role's
    paths in its form version, without loading the whole answers (~25 KB each)."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for application in applications:
        by_form[application.form_code].append(application.pk)
    found: dict[int, Any] = {}
    for form_code, pks in by_form.items():
        for path in load_form(form_code).role_paths("partner_orgs"):
            lookup = "answers__" + path.replace(".", "__")
            for pk, value in Application.objects.filter(pk__in=pks).values_list("pk", lookup):
                if value not in (None, "", []) and pk not in found:
                    found[pk] = value
    return found


def _items(queryset: Any) -> Any:
    return queryset.select_related("application__host_org__district", "platform__division").defer(
        "application__answers", "application__confirmed_sensitive")


def candidates(experts: Any = None) -> list[Candidate]:
    """The available active experts (all when ``experts`` is None), by id."""
    queryset = (Expert.objects.all() if experts is None else experts).filter(active=True).exclude(
        profile__available=False).select_related("host_org", "profile").order_by("pk")
    rows = list(queryset)
    clusters: dict[int, set[str]] = defaultdict(set)
    through = Expert.clusters.through.objects.filter(expert_id__in=[e.pk for e in rows])
    for expert_id, name in through.values_list("expert_id", "referenceitem__name"):
        clusters[expert_id].add(name)
    result = []
    for expert in rows:
        profile = getattr(expert, "profile", None)
        result.append(Candidate(
            pk=expert.pk, name=expert.name, user_id=expert.user_id, host_org_id=expert.host_org_id,
            organisation=normalise(expert.organisation),
            host_code=normalise(expert.host_org.credit_code) if expert.host_org else "",
            region_id=expert.region_id, clusters=frozenset(clusters[expert.pk]),
            declared=tuple(normalise(d) for d in (profile.declared_conflicts if profile else []) or [] if normalise(d))))
    return result


def _rank(candidate: Candidate, party: Party, load: Counter[int], cap: float) -> tuple[bool, bool, int, int]:
    return (load[candidate.pk] >= cap, not (candidate.clusters & party.clusters), load[candidate.pk], candidate.pk)


def _live_load(evaluation_round: EvaluationRound) -> tuple[Counter[int], dict[int, set[int]], Counter[int]]:
    """(live assignments per expert, experts ever on each item, live assignments per item)."""
    load: Counter[int] = Counter()
    taken: dict[int, set[int]] = defaultdict(set)
    live_per_item: Counter[int] = Counter()
    for item_id, expert_id, status in Assignment.objects.filter(item__round=evaluation_round).values_list(
            "item_id", "expert_id", "status"):
        taken[item_id].add(expert_id)
        if status in LIVE_ASSIGNMENT_STATUSES:
            load[expert_id] += 1
            live_per_item[item_id] += 1
    return load, taken, live_per_item


def _require_open(evaluation_round: EvaluationRound) -> None:
    if evaluation_round.status != RoundStatus.OPEN:
        raise DomainError(_("The round “%(round)s” is closed.") % {"round": evaluation_round.title}, code="closed")


@transaction.atomic
def assign_experts(*, evaluation_round: EvaluationRound, actor: Any) -> list[Assignment]:
    """Fill every item of the round up to ``experts_per_item`` live assignments; returns the new ones. When an
    item has too few eligible experts nothing is assigned and the error names the item."""
    if not can(actor, "experts.assign_experts", evaluation_round):
        raise NotAllowed(_("Only the round's organiser may assign experts while the round is open."))
    _require_open(evaluation_round)
    items = list(_items(evaluation_round.items.order_by("pk")))
    pool = candidates()
    by_item = parties(items)
    load, taken, live_per_item = _live_load(evaluation_round)
    per_item = evaluation_round.experts_per_item
    needed = sum(max(0, per_item - live_per_item[item.pk]) for item in items)
    cap = math.ceil((sum(load.values()) + needed) / len(pool)) if pool else 0
    chosen: list[Assignment] = []
    for item in items:
        need = per_item - live_per_item[item.pk]
        if need <= 0:
            continue
        party = by_item[item.pk]
        eligible = [c for c in pool if c.pk not in taken[item.pk]
                    and conflict_of(c, party, same_district=evaluation_round.exclude_same_district) is None]
        if len(eligible) < need:
            raise DomainError(
                _("“%(item)s” has only %(count)s eligible experts without a conflict of interest; the round needs "
                  "%(needed)s. Add experts to the pool or lower the number per item.") % {
                    "item": party.label, "count": len(eligible) + live_per_item[item.pk], "needed": per_item},
                code="not_enough_experts")
        eligible.sort(key=lambda c: _rank(c, party, load, cap))
        for candidate in eligible[:need]:
            load[candidate.pk] += 1
            taken[item.pk].add(candidate.pk)
            chosen.append(Assignment(item=item, expert_id=candidate.pk))
    created = Assignment.objects.bulk_create(chosen)
    if created:
        record_event(action=AuditAction.UPDATE, target=evaluation_round, actor=actor,
                     message=_("%(count)s experts assigned automatically") % {"count": len(created)})
        _notify_assigned(evaluation_round, Counter(a.expert_id for a in created), pool)
    return created


def _notify_assigned(evaluation_round: EvaluationRound, counts: Counter[int], pool: list[Candidate]) -> None:
    users = {c.pk: c.user_id for c in pool}
    from django.contrib.auth import get_user_model

    user_rows = get_user_model()._default_manager.in_bulk([users[pk] for pk in counts if pk in users])
    by_count: dict[int, list[Any]] = defaultdict(list)
    for expert_id, count in counts.items():
        if expert_id in users and users[expert_id] in user_rows:
            by_count[count].append(user_rows[users[expert_id]])
    for count, recipients in sorted(by_count.items()):
        notify(users=recipients, kind="expert_assigned",
               title=_("%(count)s evaluation tasks in “%(round)s”") % {"count": count, "round": evaluation_round.title})


def _refuse_conflict(expert: Expert, item: RoundItem, evaluation_round: EvaluationRound) -> Candidate:
    candidate = next(iter(candidates(Expert.objects.filter(pk=expert.pk))), None)
    if candidate is None:
        raise DomainError(_("%(name)s is inactive or unavailable.") % {"name": expert.name}, code="unavailable",
                          field="expert")
    party = parties(_items(RoundItem.objects.filter(pk=item.pk)))[item.pk]
    conflict = conflict_of(candidate, party, same_district=evaluation_round.exclude_same_district)
    if conflict:
        raise DomainError(_("%(name)s cannot evaluate “%(item)s”: %(conflict)s.") % {
            "name": expert.name, "item": party.label, "conflict": conflict}, code="conflict", field="expert")
    return candidate


@transaction.atomic
def change_assignment(*, assignment: Assignment, expert: Expert, reason: str, actor: Any) -> Assignment:
    """Replace the expert of ``assignment`` by ``expert``, by hand, with a reason; refused when the new expert
    has a conflict of interest (the message names it) or is already on the item."""
    item = assignment.item
    evaluation_round = item.round
    if not can(actor, "experts.assign_experts", evaluation_round):
        raise NotAllowed(_("Only the round's organiser may assign experts while the round is open."))
    _require_open(evaluation_round)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise DomainError(_("Give the reason for the change."), code="required", field="reason")
    if assignment.status not in LIVE_ASSIGNMENT_STATUSES:
        raise DomainError(_("This assignment was already declined or replaced."), code="not_live")
    if Assignment.objects.filter(item=item, expert=expert).exists():
        raise DomainError(_("%(name)s is already assigned to this item.") % {"name": expert.name},
                          code="duplicate", field="expert")
    if ScoreSheet.objects.filter(assignment=assignment, status="submitted").exists():
        raise DomainError(_("The expert already submitted his score sheet; the chair must reopen it first."),
                          code="submitted")
    _refuse_conflict(expert, item, evaluation_round)
    old_status = assignment.status
    assignment.status = AssignmentStatus.REPLACED
    assignment.reason = reason[:500]
    assignment.save(update_fields=["status", "reason"])
    record_transition(target=assignment, field="status", old=old_status, new=assignment.status, message=reason,
                      actor=actor)
    new = Assignment.objects.create(item=item, expert=expert, manual=True, reason=reason[:500])
    notify(users=[expert.user], kind="expert_assigned",
           title=_("A new evaluation task in “%(round)s”") % {"round": evaluation_round.title})
    return new


@transaction.atomic
def accept_assignment(*, assignment: Assignment, actor: Any) -> ScoreSheet:
    """The expert accepts; his score sheet is opened (a draft)."""
    if not can(actor, "experts.score", assignment):
        raise NotAllowed(_("This task is not yours."))
    _require_open(assignment.item.round)
    if assignment.status != AssignmentStatus.ASSIGNED:
        raise DomainError(_("This task is no longer waiting for your answer."), code="not_assigned")
    assignment.status = AssignmentStatus.ACCEPTED
    assignment.save(update_fields=["status"])
    record_transition(target=assignment, field="status", old=AssignmentStatus.ASSIGNED, new=assignment.status,
                      actor=actor)
    sheet, _created = ScoreSheet.objects.get_or_create(assignment=assignment)
    return sheet


@transaction.atomic
def decline_assignment(*, assignment: Assignment, reason: str, actor: Any) -> Assignment | None:
    """The expert declines (with a reason); the next best eligible expert replaces him. Returns the
    replacement, or None when nobody is left (the organiser is told and assigns by hand)."""
    if not can(actor, "experts.score", assignment):
        raise NotAllowed(_("This task is not yours."))
    item = assignment.item
    evaluation_round = item.round
    _require_open(evaluation_round)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise DomainError(_("Give the reason for declining."), code="required", field="reason")
    if assignment.status not in LIVE_ASSIGNMENT_STATUSES or ScoreSheet.objects.filter(
            assignment=assignment, status="submitted").exists():
        raise DomainError(_("This task can no longer be declined."), code="not_live")
    old_status = assignment.status
    assignment.status = AssignmentStatus.DECLINED
    assignment.reason = reason[:500]
    assignment.save(update_fields=["status", "reason"])
    record_transition(target=assignment, field="status", old=old_status, new=assignment.status, message=reason,
                      actor=actor)
    load, taken, _live = _live_load(evaluation_round)
    party = parties(_items(RoundItem.objects.filter(pk=item.pk)))[item.pk]
    eligible = [c for c in candidates() if c.pk not in taken[item.pk]
                and conflict_of(c, party, same_district=evaluation_round.exclude_same_district) is None]
    organisers = [evaluation_round.chair] if evaluation_round.chair else []
    if not eligible:
        notify(users=organisers, kind="expert_declined",
               title=_("An expert declined “%(item)s” and no eligible expert is left") % {"item": party.label})
        return None
    eligible.sort(key=lambda c: _rank(c, party, load, math.inf))
    replacement = Assignment.objects.create(item=item, expert_id=eligible[0].pk, reason=_("Replaces a declined expert"))
    notify(users=[replacement.expert.user], kind="expert_assigned",
           title=_("A new evaluation task in “%(round)s”") % {"round": evaluation_round.title})
    return replacement
