"""填表说明①: 平台应命名为“XXXX中试平台”，不宜含“国家”“省”“市”“县”“区”“集团”“公司”“中试基地”“中试中心”
“中试服务平台”“科技成果转化中试平台”等字样 (seed 000 附件2).

The instruction is read for what it means: a name must not tie the platform to a state body or a place.
So it refuses 国家; the name of any administrative division, full or short (湖北省, 湖北, 武汉市, 武汉, 兴山县,
东湖新技术开发区, 东湖 …, organisations/domain/queries/division_names.py); the level and scope words 省级、市级、
县级、区级、全省、全市、全县、全区; and the other listed terms as they stand. A lone 省/市/县/区 inside an ordinary
word is no error (城市轨道交通装备中试平台, 区块链可信计算中试平台).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhongshi.organisations.domain.queries.division_names import division_names, local_short_forms

REQUIRED_SUFFIX = "中试平台"
# The listed terms refused as they stand, and the words that name a level or the whole of a division.
FORBIDDEN_TERMS = ("国家", "集团", "公司", "中试基地", "中试中心", "中试服务平台", "科技成果转化中试平台")
LEVEL_TERMS = ("省级", "市级", "县级", "区级", "全省", "全市", "全县", "全区")
# Ordinary words that hold a city's short name (天门冬氨酸, an amino acid: 天门 of 天门市); what lies inside one is
# no division's name. Extend it when a name is refused for a word that names no place.
ORDINARY_COMPOUNDS = ("天门冬",)


@dataclass(frozen=True)
class NameProblem:
    code: str  # "name_suffix" or "name_forbidden_term"
    term: str = ""
    division: bool = False  # the term is a division's name
    warning: bool = False  # the short form of a district or county (青山): often an ordinary word too


def _matches(name: str, terms: frozenset[str] | tuple[str, ...]) -> list[tuple[int, int, str]]:
    spans = []
    for term in terms:
        start = name.find(term)
        while start != -1:
            spans.append((start, start + len(term), term))
            start = name.find(term, start + 1)
    return spans


def find_forbidden_terms(name: str) -> list[str]:
    """The forbidden terms ``name`` contains, in the order they occur, each once; a term found inside a longer
    one (湖北 in 湖北省) is not reported again."""
    return [problem.term for problem in _problems(name)]


def _problems(name: str) -> list[NameProblem]:
    divisions = division_names()
    ordinary = _matches(name, ORDINARY_COMPOUNDS)
    spans = _matches(name, FORBIDDEN_TERMS + LEVEL_TERMS) + [
        span for span in _matches(name, divisions) if not any(s <= span[0] and span[1] <= e for s, e, _t in ordinary)]
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, term in spans:
        if any(s <= start and end <= e for s, e, _t in kept):
            continue  # inside a longer term already found
        kept.append((start, end, term))
    seen: set[str] = set()
    problems = []
    for _start, _end, term in kept:
        if term not in seen:
            seen.add(term)
            division = term in divisions and term not in FORBIDDEN_TERMS + LEVEL_TERMS
            if division and term in local_short_forms():
                problems.append(NameProblem("name_division_word", term, division=True, warning=True))
            else:
                problems.append(NameProblem("name_forbidden_term", term, division))
    return problems


def check_platform_name(name: str) -> list[NameProblem]:
    """Every problem of a platform name; an empty list when it follows 填表说明①."""
    name = (name or "").strip()
    problems = _problems(name)
    if not name.endswith(REQUIRED_SUFFIX) or name == REQUIRED_SUFFIX:
        problems.insert(0, NameProblem("name_suffix"))
    return problems
