"""The status table: every allowed move, every refused one, and that it is the only writer of the state."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests import factories
from zhongshi.applications.domain.transitions import TRANSITIONS, allowed_moves, move_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError

SRC = Path(__file__).resolve().parents[3] / "src" / "zhongshi"
TRANSITIONS_MODULE = "applications/domain/transitions.py"
STATE_FIELDS = {"status", "current_level"}
# Modules that write the ``status`` of another model, with the names they hold it by. Nothing else may
# assign a ``status`` or ``current_level`` attribute.
OTHER_MODELS = {
    "organisations/domain/register_host_org.py": {"locked"},  # HostOrg (its own decide function)
    "reviews/domain/notices.py": {"objection", "notice"},  # Objection, Notice
    "reviews/domain/exports.py": {"job"},  # ExportJob (its progress)
    "library/domain/enter_library.py": {"platform"},  # PilotPlatform (the library's own workflow)
    "library/domain/lifecycle.py": {"current", "platform", "report"},  # PilotPlatform removal, ChangeReport
    "library/domain/import_platforms.py": {"platform"},  # PilotPlatform (the platform list import)
    "library/domain/adjustment.py": {"current", "proposal", "platform"},  # AdjustmentRound/Proposal, PilotPlatform
    "library/domain/quarterly_update.py": {"current"},  # QuarterlyUpdate (one function per change)
    "experts/domain/assign_experts.py": {"assignment"},  # Assignment (the experts' own workflow)
    "experts/domain/score_sheets.py": {"sheet"},  # ScoreSheet
}


def test_the_table_is_the_workflow() -> None:
    table = {name: (sorted(t.sources), t.target) for name, t in TRANSITIONS.items()}
    assert table == {
        "submit": (["draft", "returned"], "submitted"),
        "recommend": (["submitted"], "submitted"),
        "forward": (["submitted"], "submitted"),
        "return": (["submitted"], "returned"),
        "withdraw": (["submitted"], "draft"),
        "not_recommend": (["submitted"], "not_recommended"),
        "approve": (["submitted"], "approved"),
        "reject": (["submitted"], "rejected"),
        "objection_upheld": (["approved"], "rejected"),
    }
    assert allowed_moves("draft") == ["submit"]
    assert allowed_moves("not_recommended") == []
    assert allowed_moves("rejected") == []


ALLOWED = [(name, source) for name, t in TRANSITIONS.items() for source in sorted(t.sources)]


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "source"), ALLOWED, ids=[f"{m}-from-{s}" for m, s in ALLOWED])
def test_every_allowed_move(roles, move, source) -> None:
    level = "district" if source == "submitted" else ""
    application = factories.application(roles["applicant"].host_org, status=source, current_level=level,
                                        recommendation_order=3)
    application.recommendation_order = 7
    before = move_application(application=application, move=move, actor=roles["district"], level="city",
                              message="意见", also=["recommendation_order"])
    target = TRANSITIONS[move].target
    stored = Application.objects.get(pk=application.pk)
    assert before == (f"{source}@district" if level else source)
    assert (stored.status, stored.current_level, stored.recommendation_order) == (
        target, "city" if target == "submitted" else "", 7)
    assert (stored.decided_at is not None) == (target in {"not_recommended", "approved", "rejected"})
    entry = AuditEntry.objects.get(action="transition", target_id=str(application.pk))
    assert (entry.before, entry.after, entry.message, entry.actor) == (
        {"status": before}, {"status": f"{target}@city" if target == "submitted" else target}, "意见",
        roles["district"])


REFUSED = [(name, status) for name, t in TRANSITIONS.items() for status in ApplicationStatus.values
           if status not in t.sources]


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "status"), REFUSED, ids=[f"{m}-from-{s}" for m, s in REFUSED])
def test_every_other_move_is_refused_and_changes_nothing(roles, move, status) -> None:
    level = "district" if status == "submitted" else ""
    application = factories.application(roles["applicant"].host_org, status=status, current_level=level)
    with pytest.raises(DomainError) as info:
        move_application(application=application, move=move, actor=roles["district"], level="city")
    assert info.value.code == "invalid_transition"
    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.current_level, stored.decided_at) == (status, level, None)
    assert not AuditEntry.objects.filter(action="transition", target_id=str(application.pk)).exists()


@pytest.mark.django_db
def test_a_refusal_says_why_in_chinese(roles) -> None:
    application = factories.application(roles["applicant"].host_org, status="rejected")
    with pytest.raises(DomainError) as info:
        move_application(application=application, move="approve", actor=roles["province"])
    assert info.value.message == "申报书当前为“未通过”，不能“通过”。"
    with pytest.raises(DomainError) as info:
        move_application(application=application, move="promote", actor=roles["province"])
    assert (info.value.code, info.value.message) == ("invalid_action", "未知的操作。")
    draft = factories.application(roles["applicant"].host_org)
    with pytest.raises(DomainError) as info:  # a submission needs the level that will hold it
        move_application(application=draft, move="submit", actor=roles["applicant"])
    assert info.value.code == "no_reviewer"
    assert Application.objects.get(pk=draft.pk).status == "draft"


# ------------------------------------------------------------------------------- the only writer


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def _root(node: ast.AST) -> str:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def state_writes(source: str, allowed_receivers: set[str] = frozenset()) -> list[str]:
    """Where ``source`` writes the workflow state: ``x.status = …`` / ``x.current_level = …`` (also in tuple
    and augmented assignments), ``setattr(x, "status", …)``, and ``status=`` / ``current_level=`` given to
    ``create``/``update``/… of ``Application`` or with an ``ApplicationStatus`` value."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for element in ast.walk(target):
                if (isinstance(element, ast.Attribute) and element.attr in STATE_FIELDS
                        and isinstance(element.ctx, ast.Store) and _root(element) not in allowed_receivers):
                    found.append(f"line {node.lineno}: {ast.unparse(element)} = …")
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if (name == "setattr" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in STATE_FIELDS):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        if name in {"create", "update", "get_or_create", "update_or_create", "Application", "bulk_update"}:
            for keyword in node.keywords:
                if keyword.arg in STATE_FIELDS and (_root(node.func) == "Application" or name == "Application"
                                                    or "ApplicationStatus" in _names(keyword.value)):
                    found.append(f"line {node.lineno}: {name}({keyword.arg}=…)")
            if name == "bulk_update" and any(isinstance(c, ast.Constant) and c.value in STATE_FIELDS
                                             for a in node.args for c in ast.walk(a)):
                found.append(f"line {node.lineno}: bulk_update of the state")
    return found


def test_the_detector_finds_every_kind_of_write() -> None:
    source = """
application.status = ApplicationStatus.APPROVED
a.current_level, b = "city", 1
setattr(application, "status", "approved")
Application.objects.filter(pk=1).update(status="approved")
Application.objects.create(call=call, current_level="district")
qs.update(status=ApplicationStatus.REJECTED)
Application.objects.bulk_update(rows, ["status"])
"""
    assert len(state_writes(source)) == 7
    assert state_writes("Call.objects.create(status=CallStatus.OPEN)\nx = a.status\nqs.filter(status='a')") == []
    assert state_writes("notice.status = NoticeStatus.CLOSED", {"notice"}) == []


def test_only_the_transition_module_writes_the_state() -> None:
    offences = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative == TRANSITIONS_MODULE or "/migrations/" in relative:
            continue
        if found := state_writes(path.read_text(encoding="utf-8"), OTHER_MODELS.get(relative, set())):
            offences[relative] = found
    assert offences == {}
