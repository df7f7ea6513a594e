"""Keep each application's eligibility verdict in step with its call's conditions (calls/domain/conditions.py).

``update_eligibility(application)`` judges one application with the Python evaluator (after a save, an import
or a submission) and stores the figures the conditions read with the verdict (``ApplicationFigures``, a
narrow table). ``reevaluate_call(call)`` judges every application of a call again after its thresholds
changed: the parsed conditions are compiled to one SQL expression over those JSON figures, with SQL's three-valued
logic standing for passed / failed / unknown (NULL), so that the database computes every verdict in one
``SELECT``; only the applications whose verdict changed are then written. The Python evaluator stays the
definition: the tests prove that both give the same verdict, on SQLite and on PostgreSQL.

Each figures document is read once: on SQLite a single ``json_extract`` with every path the conditions
use returns the values as one small JSON array; on PostgreSQL the ``jsonb`` is de-TOASTed once in a
sub-select (``answers || '{}'``) instead of once per path. Numbers are compared exactly on PostgreSQL
(``numeric``); on SQLite (binary floating point) the products of a ratio test are rounded to 6 decimal
places before comparing, which is exact for figures with up to 4 decimals (万元 to the yuan).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction
from zhongshi.calls.domain.conditions import (
    ELIGIBLE,
    INELIGIBLE,
    UNKNOWN,
    VERDICTS,
    Condition,
    Group,
    Node,
    RatioTest,
    condition_figures,
    eligibility_of,
    evaluate_call,
    evaluate_parsed,
    parse_conditions,
)

if TYPE_CHECKING:
    from zhongshi.applications.models import Application
    from zhongshi.calls.models import Call

_SQL_OPS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "="}
_UPDATE_CHUNK = 500


def update_eligibility(application: Application) -> str:
    """Judge one application against its call's conditions; store its figures and the verdict."""
    from zhongshi.applications.models import ApplicationFigures

    verdict = eligibility_of(evaluate_call(application.call, application.answers))
    ApplicationFigures.objects.update_or_create(
        application=application,
        defaults={"call_id": application.call_id, "figures": condition_figures(application.answers),
                  "eligibility": verdict},
    )
    return verdict


# ---------------------------------------------------------------------------------------------- SQL


class _Compiler:
    """Compiles parsed conditions to a boolean SQL expression: TRUE passed, FALSE failed, NULL unknown."""

    def __init__(self, vendor: str) -> None:
        self.vendor = vendor
        self.params: list[Any] = []
        self.paths: list[tuple[str, ...]] = []  # SQLite: the paths extracted at once, in index order

    # -- leaves

    def _leaf_sqlite(self, path: tuple[str, ...]) -> str:
        if path not in self.paths:
            self.paths.append(path)
        return f"'$[{self.paths.index(path)}]'"

    def _access_postgresql(self, path: tuple[str, ...]) -> str:
        # ``->`` with a text key looks up an object's member only (NULL on a list or a scalar), like get_path.
        self.params.extend(path)
        return "(doc" + " -> %s::text" * len(path) + ")"

    def number(self, path: tuple[str, ...]) -> str:
        if self.vendor == "sqlite":
            index = self._leaf_sqlite(path)
            return f"(CASE WHEN json_type(v, {index}) IN ('integer', 'real') THEN json_extract(v, {index}) END)"
        first = self._access_postgresql(path)
        second = self._access_postgresql(path)
        return f"(CASE WHEN jsonb_typeof({first}) = 'number' THEN ({second})::numeric END)"

    def boolean(self, path: tuple[str, ...]) -> str:
        if self.vendor == "sqlite":
            index = self._leaf_sqlite(path)
            return f"(CASE json_type(v, {index}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)"
        first = self._access_postgresql(path)
        second = self._access_postgresql(path)
        return f"(CASE WHEN jsonb_typeof({first}) = 'boolean' THEN ({second})::boolean END)"

    def threshold(self, value: Decimal) -> str:
        if self.vendor == "sqlite":
            self.params.append(int(value) if value == value.to_integral_value() else float(value))
            return "%s"
        self.params.append(str(value))
        return "%s::numeric"

    # -- nodes

    def node(self, node: Node) -> str:
        if isinstance(node, Group):
            joiner = " OR " if node.kind == "any" else " AND "
            return "(" + joiner.join(self.node(part) for part in node.parts) + ")"
        op = _SQL_OPS[node.op]
        if isinstance(node, RatioTest):
            # Parameters are collected in the order they appear in the SQL text.
            b = self.number(node.denominator)
            a = self.number(node.numerator)
            threshold = self.threshold(node.value)
            b_again = self.number(node.denominator)
            if self.vendor == "sqlite":
                return f"(CASE WHEN {b} > 0 THEN round({a} * 100, 6) {op} round({threshold} * {b_again}, 6) END)"
            return f"(CASE WHEN {b} > 0 THEN {a} * 100 {op} {threshold} * {b_again} END)"
        if isinstance(node.value, bool):
            leaf = self.boolean(node.path)
            self.params.append(node.value)
            return f"({leaf} = %s)"
        leaf = self.number(node.path)
        return f"({leaf} {op} {self.threshold(node.value)})"

    def verdict(self, conditions: Sequence[Condition]) -> str:
        if not conditions:
            return f"'{ELIGIBLE}'"
        expression = "(" + " AND ".join(self.node(c.node) for c in conditions) + ")"
        return (f"CASE {expression} WHEN TRUE THEN '{ELIGIBLE}' WHEN FALSE THEN '{INELIGIBLE}' "
                f"ELSE '{UNKNOWN}' END")


def _json_path(path: tuple[str, ...]) -> str:
    return "$" + "".join(f'."{part}"' for part in path)  # parts are letters, digits and _ (validated)


def verdicts_query(conditions: Sequence[Condition], *, call_id: int, vendor: str) -> tuple[str, list[Any]]:
    """``SELECT id, eligibility, <new verdict>`` over the call's judgements, locking them on PostgreSQL."""
    from zhongshi.applications.models import ApplicationFigures

    meta = ApplicationFigures._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    pk = quote(meta.pk.column)
    eligibility = quote(meta.get_field("eligibility").column)
    answers = quote(meta.get_field("figures").column)
    call_column = quote(meta.get_field("call").column)
    compiler = _Compiler(vendor)
    verdict = compiler.verdict(conditions)
    if vendor == "sqlite":
        paths = [_json_path(p) for p in compiler.paths]
        if len(paths) == 1:
            paths.append(paths[0])  # with one path json_extract returns the value itself, not an array
        extract = f"json_extract({answers}, {', '.join(['%s'] * len(paths))})" if paths else "NULL"
        # OFFSET stops SQLite from flattening the sub-select, which would parse the document once per use.
        # Every value is a parameter; the identifiers are the model's, quoted.
        sql = (f"SELECT s.id, s.eligibility, {verdict} FROM (SELECT {pk} AS id, {eligibility} AS eligibility, "  # noqa: S608
               f"{extract} AS v FROM {table} WHERE {call_column} = %s LIMIT -1 OFFSET 0) AS s")
        return sql, [*compiler.params, *paths, call_id]
    # OFFSET 0 keeps the sub-select, so that each document is de-TOASTed once (``||`` returns it detoasted).
    sql = (f"SELECT s.id, s.eligibility, {verdict} FROM (SELECT {pk} AS id, {eligibility} AS eligibility, "  # noqa: S608
           f"{answers} || '{{}}'::jsonb AS doc FROM {table} WHERE {call_column} = %s OFFSET 0 FOR UPDATE) AS s")
    return sql, [*compiler.params, call_id]


def _verdicts(call: Call, conditions: Sequence[Condition]) -> Iterable[tuple[int, str, str]]:
    """(pk, stored eligibility, new verdict) of each application of ``call``."""
    if connection.vendor in ("sqlite", "postgresql"):
        sql, params = verdicts_query(conditions, call_id=call.pk, vendor=connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(pk), str(old), str(new)) for pk, old, new in cursor.fetchall()]
    from zhongshi.applications.models import ApplicationFigures

    rows = ApplicationFigures.objects.filter(call=call).select_for_update().values_list("pk", "eligibility", "figures")
    return [(pk, old, eligibility_of(evaluate_parsed(conditions, answers if isinstance(answers, dict) else {})))
            for pk, old, answers in rows.iterator(chunk_size=2000)]


def reevaluate_call(call: Call, *, actor: Any = None) -> dict[str, int]:
    """Judge every application of ``call`` again, store the verdicts that changed and log it; the counts
    per verdict (``{"eligible": …, "ineligible": …, "unknown": …}``)."""
    from zhongshi.applications.models import Application, ApplicationFigures

    conditions = parse_conditions(call.conditions)
    # Applications never judged yet (stored before the call had conditions) are judged from their answers once.
    for application in Application.objects.filter(call=call, eligibility_record__isnull=True).select_related("call"):
        update_eligibility(application)
    counts = dict.fromkeys(VERDICTS, 0)
    changed: dict[str, list[int]] = {verdict: [] for verdict in VERDICTS}
    with transaction.atomic():
        for pk, old, new in _verdicts(call, conditions):
            counts[new] += 1
            if old != new:
                changed[new].append(pk)
        for verdict, pks in changed.items():
            for start in range(0, len(pks), _UPDATE_CHUNK):
                ApplicationFigures.objects.filter(pk__in=pks[start:start + _UPDATE_CHUNK]).update(eligibility=verdict)
        record_event(
            action=AuditAction.UPDATE, target=call, actor=actor,
            after={"eligibility_counts": counts, "changed": sum(len(p) for p in changed.values())},
            message=(f"重新判定申报条件：符合 {counts[ELIGIBLE]}，不符合 {counts[INELIGIBLE]}，"
                     f"无法判断 {counts[UNKNOWN]}"),
        )
    return counts
