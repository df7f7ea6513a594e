"""A call's eligibility conditions, as data (DESIGN.md "Conditions are data", contracts.md §1 and §3).

``Call.conditions`` (and the ``conditions:`` key of a call in ``calls/data/calls.yaml``) is a list of
conditions; each names the seed clause it comes from and holds exactly one of ``test``, ``any`` or ``all``::

    - id: service_revenue          # unique within the call, stable: check-application prints it
      clause: 一（四）               # the clause of the notice it comes from
      label: 上年度（或申报当年度）中试服务收入不低于500万元或不低于依托单位主营收入总额的5%
      any:
        - {path: service.service_revenue_wan.last_year, op: gte, value: 500, unit: 万元, name: 上年度中试服务收入}
        - {ratio: [service.service_revenue_wan.last_year, basic.main_revenue_wan.2025], op: gte, value: 5,
           unit: "%", name: 上年度中试服务收入占主营业务收入比例, names: [上年度中试服务收入, 2025年主营业务收入]}

A *node* is a test or a group, and groups nest:

- value test ``{path, op, value, name, unit?}``: the answer at the dotted JSON ``path`` (contracts.md §2; each
  part letters, digits or ``_``; lists are not entered) compared with ``value``;
- ratio test ``{ratio: [a, b], op, value, name, unit?, names?}``: 100 × a ÷ b compared with ``value``
  (``names`` are a's and b's names, for the message when one of them is missing);
- group ``{any: [node, …]}`` or ``{all: [node, …]}``.

Operators: ``gte`` (不低于 — the seeds' "不低于" and "不少于"), ``gt``, ``lte``, ``lt`` and ``eq``; ``eq`` also
compares booleans (``basic.violations_last_3_years.answer eq false``). Every other operator takes a number.

Each node is passed (True), failed (False) or unknown (None):

- a test whose value is missing or of the wrong kind (not a number; not a boolean for a boolean ``eq``) is
  unknown, so is a ratio whose b is missing or ≤ 0;
- ``any`` is True if any part is True, else None if any part is None, else False;
- ``all`` is False if any part is False, else None if any part is None, else True
  (SQL's three-valued OR and AND, which ``reevaluate_call`` relies on).

The call's verdict (``eligibility_of``): ``eligible`` when every condition passed (also when there are
none), ``ineligible`` when one failed, ``unknown`` otherwise. Each result carries a Chinese message with the
figures used ("中试设备设施原值 980 万元，低于 1,000 万元"); a group lists its parts, joined with "；".

This module is the single definition of the semantics: ``reevaluate_call`` compiles the same parsed
conditions to SQL and its tests prove that both agree. ``validate_conditions`` returns the errors an
administrator editing the thresholds must fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any, Literal

from zhongshi.formversions.domain.check_answers import fmt, number
from zhongshi.formversions.domain.paths import get_path

if TYPE_CHECKING:
    from zhongshi.calls.models import Call

ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
UNKNOWN = "unknown"
VERDICTS = (ELIGIBLE, INELIGIBLE, UNKNOWN)

Op = Literal["gte", "gt", "lte", "lt", "eq"]
OPS: tuple[Op, ...] = ("gte", "gt", "lte", "lt", "eq")
# The words of a message: (when the comparison holds, when it does not).
_WORDS: dict[str, tuple[str, str]] = {
    "gte": ("不低于", "低于"),
    "gt": ("高于", "不高于"),
    "lte": ("不高于", "高于"),
    "lt": ("低于", "不低于"),
    "eq": ("等于", "不等于"),
}
_PATH_PART = re.compile(r"^[A-Za-z0-9_]+$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CONDITION_KEYS = frozenset({"id", "clause", "label", "test", "any", "all"})
_VALUE_TEST_KEYS = frozenset({"path", "op", "value", "unit", "name"})
_RATIO_TEST_KEYS = frozenset({"ratio", "op", "value", "unit", "name", "names"})
_CHECKLIST_KEYS = frozenset({"id", "clause", "text"})
_HUNDRED = Decimal(100)


class ConditionsError(ValueError):
    """The conditions are not well formed (``validate_conditions`` lists why)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


# ---------------------------------------------------------------------------------------------- parsed form


@dataclass(frozen=True)
class ValueTest:
    path: tuple[str, ...]
    op: Op
    value: Decimal | bool
    name: str
    unit: str = ""


@dataclass(frozen=True)
class RatioTest:
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    op: Op
    value: Decimal
    name: str
    unit: str = "%"
    names: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Group:
    kind: Literal["any", "all"]
    parts: tuple[Node, ...]


Node = ValueTest | RatioTest | Group


@dataclass(frozen=True)
class Condition:
    id: str
    clause: str
    label: str
    node: Node


@dataclass(frozen=True)
class ConditionResult:
    id: str
    clause: str
    label: str
    passed: bool | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The shape of ``check-application --json`` (contracts.md §1), with the label."""
        return {"id": self.id, "clause": self.clause, "label": self.label, "passed": self.passed,
                "message": self.message}


# ---------------------------------------------------------------------------------------------- validation


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool) and Decimal(str(value)).is_finite()


def _path_errors(where: str, path: Any, key: str) -> list[str]:
    if not isinstance(path, str) or not path.strip():
        return [f"{where}：缺少取值路径（{key}）"]
    if not all(_PATH_PART.match(part) for part in path.split(".")):
        return [f"{where}：取值路径 “{path}” 不正确，各段只能由字母、数字和下划线组成，以 . 分隔"]
    return []


def _test_errors(where: str, node: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    is_ratio = "ratio" in node
    allowed = _RATIO_TEST_KEYS if is_ratio else _VALUE_TEST_KEYS
    unknown_keys = sorted(set(node) - allowed)
    if unknown_keys:
        errors.append(f"{where}：未知的键 {'、'.join(unknown_keys)}")
    if is_ratio:
        ratio = node["ratio"]
        if not isinstance(ratio, list) or len(ratio) != 2:
            errors.append(f"{where}：比例（ratio）应为两个取值路径：[分子, 分母]")
        else:
            errors += _path_errors(where, ratio[0], "ratio")
            errors += _path_errors(where, ratio[1], "ratio")
        names = node.get("names")
        if names is not None and (not isinstance(names, list) or len(names) != 2
                                  or not all(isinstance(n, str) and n.strip() for n in names)):
            errors.append(f"{where}：names 应为分子、分母的两个名称")
    else:
        errors += _path_errors(where, node.get("path"), "path")
    op = node.get("op")
    if op is None:
        errors.append(f"{where}：缺少比较方式（op）")
    elif op not in OPS:
        errors.append(f"{where}：未知的比较方式 “{op}”，应为 {'、'.join(OPS)} 之一")
    if "value" not in node or node["value"] is None:
        errors.append(f"{where}：缺少阈值（value）")
    else:
        value = node["value"]
        if isinstance(value, bool):
            if op != "eq" or is_ratio:
                errors.append(f"{where}：阈值 {value!r} 不是数字（是/否只能用 eq 比较）")
        elif not _is_number(value):
            errors.append(f"{where}：阈值 “{value}” 不是数字")
    name = node.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(f"{where}：缺少名称（name），判定说明要用到它")
    if "unit" in node and not isinstance(node["unit"], str):
        errors.append(f"{where}：单位（unit）应为文字")
    return errors


def _node_errors(where: str, node: Any) -> list[str]:
    if not isinstance(node, dict):
        return [f"{where}：应为一个判定项（path/ratio）或一组（any/all）"]
    groups = [key for key in ("any", "all") if key in node]
    if groups:
        kind = groups[0]
        errors = []
        if len(node) != 1:
            errors.append(f"{where}：{kind} 组只能有 {kind} 一个键")
        parts = node[kind]
        if not isinstance(parts, list) or not parts:
            return [*errors, f"{where}：{kind} 应为至少一项的列表"]
        for index, part in enumerate(parts):
            errors += _node_errors(f"{where} {kind}[{index}]", part)
        return errors
    if "test" in node:
        if len(node) != 1:
            return [f"{where}：test 只能单独出现"]
        return _node_errors(where, node["test"])
    if "path" not in node and "ratio" not in node:
        return [f"{where}：缺少取值路径（path）或比例（ratio）"]
    if "path" in node and "ratio" in node:
        return [f"{where}：path 与 ratio 只能有一个"]
    return _test_errors(where, node)


def validate_conditions(conditions: Any) -> list[str]:
    """The errors in a call's conditions, in Chinese, for the administrator who edits them ([] = valid)."""
    if conditions is None:
        return []
    if not isinstance(conditions, list):
        return ["申报条件应为列表"]
    errors: list[str] = []
    seen: set[str] = set()
    for index, condition in enumerate(conditions):
        if not isinstance(condition, dict):
            errors.append(f"第 {index + 1} 项条件：应为一个对象")
            continue
        ident = condition.get("id")
        where = f"条件 {ident}" if isinstance(ident, str) and ident else f"第 {index + 1} 项条件"
        if not isinstance(ident, str) or not ident:
            errors.append(f"{where}：缺少编号（id）")
        elif not _ID.match(ident):
            errors.append(f"{where}：编号只能由小写字母、数字和下划线组成，以字母开头")
        elif ident in seen:
            errors.append(f"{where}：编号重复")
        else:
            seen.add(ident)
        for key, what in (("clause", "条款（clause）"), ("label", "条件原文（label）")):
            if not isinstance(condition.get(key), str) or not condition[key].strip():
                errors.append(f"{where}：缺少{what}")
        unknown_keys = sorted(set(condition) - _CONDITION_KEYS)
        if unknown_keys:
            errors.append(f"{where}：未知的键 {'、'.join(unknown_keys)}")
        bodies = [key for key in ("test", "any", "all") if key in condition]
        if len(bodies) != 1:
            errors.append(f"{where}：test、any、all 须有且只有一个")
            continue
        body = bodies[0]
        errors += _node_errors(where, condition[body] if body == "test" else {body: condition[body]})
    return errors


def validate_checklist(checklist: Any) -> list[str]:
    """The errors in a call's reviewer checklist ([{id, clause, text}, …])."""
    if checklist is None:
        return []
    if not isinstance(checklist, list):
        return ["审核要点应为列表"]
    errors: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(checklist):
        where = f"第 {index + 1} 项审核要点"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为一个对象")
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not _ID.match(ident):
            errors.append(f"{where}：编号（id）缺失或不正确")
        elif ident in seen:
            errors.append(f"{where}：编号 {ident} 重复")
        else:
            seen.add(ident)
        for key in ("clause", "text"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                errors.append(f"{where}：缺少 {key}")
        unknown_keys = sorted(set(item) - _CHECKLIST_KEYS)
        if unknown_keys:
            errors.append(f"{where}：未知的键 {'、'.join(unknown_keys)}")
    return errors


# ---------------------------------------------------------------------------------------------- parsing


def _split(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _parse_node(node: dict[str, Any]) -> Node:
    for kind in ("any", "all"):
        if kind in node:
            return Group(kind="any" if kind == "any" else "all", parts=tuple(_parse_node(p) for p in node[kind]))
    if "test" in node:
        return _parse_node(node["test"])
    op: Op = node["op"]
    raw = node["value"]
    if "ratio" in node:
        numerator, denominator = node["ratio"]
        names = node.get("names") or [numerator, denominator]
        return RatioTest(numerator=_split(numerator), denominator=_split(denominator), op=op,
                         value=Decimal(str(raw)), name=node["name"], unit=str(node.get("unit", "%")),
                         names=(str(names[0]), str(names[1])))
    value: Decimal | bool = raw if isinstance(raw, bool) else Decimal(str(raw))
    return ValueTest(path=_split(node["path"]), op=op, value=value, name=node["name"], unit=str(node.get("unit", "")))


def parse_conditions(conditions: Any) -> list[Condition]:
    """The conditions as typed objects; raises ConditionsError when they are not valid."""
    errors = validate_conditions(conditions)
    if errors:
        raise ConditionsError(errors)
    parsed = []
    for raw in conditions or []:
        body = next(key for key in ("test", "any", "all") if key in raw)
        node = _parse_node(raw[body] if body == "test" else {body: raw[body]})
        parsed.append(Condition(id=raw["id"], clause=raw["clause"], label=raw["label"], node=node))
    return parsed


# ---------------------------------------------------------------------------------------------- evaluation


def _compare(op: Op, left: Decimal, right: Decimal) -> bool:
    if op == "gte":
        return left >= right
    if op == "gt":
        return left > right
    if op == "lte":
        return left <= right
    if op == "lt":
        return left < right
    return left == right


def _amount(value: Decimal, unit: str) -> str:
    if not unit:
        return fmt(value)
    return f"{fmt(value)}{unit}" if unit == "%" else f"{fmt(value)} {unit}"


def _number_at(answers: Any, path: tuple[str, ...]) -> tuple[Decimal | None, bool]:
    """(the number at ``path`` or None, whether anything was filled in there)."""
    raw = get_path(answers, ".".join(path))
    value = number(raw)
    if value is not None and not value.is_finite():
        value = None
    present = raw is not None and not (isinstance(raw, str) and not raw.strip())
    return value, present


def _not_a_number(name: str, present: bool, consequence: str = "无法判断") -> str:
    return f"{name}填报的不是数字，{consequence}" if present else f"未填写{name}，{consequence}"


def _evaluate_value(test: ValueTest, answers: Any) -> tuple[bool | None, str]:
    if isinstance(test.value, bool):
        raw = get_path(answers, ".".join(test.path))
        if not isinstance(raw, bool):
            return None, f"未填写{test.name}，无法判断"
        said = "是" if raw else "否"
        wanted = "是" if test.value else "否"
        if raw == test.value:
            return True, f"{test.name}：申报书填报为“{said}”"
        return False, f"{test.name}：申报书填报为“{said}”，应为“{wanted}”"
    value, present = _number_at(answers, test.path)
    if value is None:
        return None, _not_a_number(test.name, present)
    passed = _compare(test.op, value, test.value)
    word = _WORDS[test.op][0 if passed else 1]
    return passed, f"{test.name} {_amount(value, test.unit)}，{word} {_amount(test.value, test.unit)}"


def _evaluate_ratio(test: RatioTest, answers: Any) -> tuple[bool | None, str]:
    a, a_present = _number_at(answers, test.numerator)
    b, b_present = _number_at(answers, test.denominator)
    if a is None:
        return None, _not_a_number(test.names[0], a_present, f"无法计算{test.name}")
    if b is None:
        return None, _not_a_number(test.names[1], b_present, f"无法计算{test.name}")
    if b <= 0:
        return None, f"{test.names[1]}为 {fmt(b)}，无法计算{test.name}"
    # 100 × a ÷ b compared as 100 × a against value × b: exact, no rounding at the threshold.
    passed = _compare(test.op, a * _HUNDRED, test.value * b)
    shown = (a * _HUNDRED / b).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    word = _WORDS[test.op][0 if passed else 1]
    return passed, (f"{test.name} {_amount(shown, test.unit)}（{fmt(a)} ÷ {fmt(b)}），"
                    f"{word} {_amount(test.value, test.unit)}")


def combine(kind: Literal["any", "all"], outcomes: Sequence[bool | None]) -> bool | None:
    """Three-valued OR (``any``) and AND (``all``)."""
    decisive = kind == "any"  # any: one True decides; all: one False decides
    if any(o is decisive for o in outcomes):
        return decisive
    if any(o is None for o in outcomes):
        return None
    return not decisive


def evaluate_node(node: Node, answers: Any) -> tuple[bool | None, str]:
    if isinstance(node, Group):
        results = [evaluate_node(part, answers) for part in node.parts]
        return combine(node.kind, [r[0] for r in results]), "；".join(r[1] for r in results)
    if isinstance(node, RatioTest):
        return _evaluate_ratio(node, answers)
    return _evaluate_value(node, answers)


def evaluate_parsed(conditions: Sequence[Condition], answers: Any) -> list[ConditionResult]:
    results = []
    for condition in conditions:
        passed, message = evaluate_node(condition.node, answers)
        results.append(ConditionResult(id=condition.id, clause=condition.clause, label=condition.label,
                                       passed=passed, message=message))
    return results


def evaluate_conditions(conditions: list[dict[str, Any]], answers: Any) -> list[ConditionResult]:
    """Each condition's result for ``answers`` (pure; a non-dict ``answers`` has no values at all)."""
    return evaluate_parsed(parse_conditions(conditions), answers if isinstance(answers, dict) else {})


def evaluate_call(call: Call, answers: Any) -> list[ConditionResult]:
    return evaluate_conditions(list(call.conditions or []), answers)


def condition_figures(answers: Any) -> dict[str, Any]:
    """The answers without text and lists: every number, boolean and null a condition can read (a test reads
    only numbers and booleans, through objects), so every condition is passed, failed or unknown exactly as on
    the full answers. ~1.7 KB instead of ~25 KB for a complete 申报书: what a narrow column would hold."""

    def keep(node: dict[str, Any]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for key, value in node.items():
            if isinstance(value, dict):
                inner = keep(value)
                if inner:
                    kept[key] = inner
            elif not isinstance(value, str | list):
                kept[key] = value
        return kept

    return keep(answers) if isinstance(answers, dict) else {}


def eligibility_of(results: Sequence[ConditionResult]) -> str:
    """``eligible`` if every condition passed (or there are none), ``ineligible`` if one failed, else ``unknown``."""
    outcome = combine("all", [r.passed for r in results])
    return ELIGIBLE if outcome is True else INELIGIBLE if outcome is False else UNKNOWN
