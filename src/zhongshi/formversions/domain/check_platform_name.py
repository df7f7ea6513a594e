"""填表说明①: 平台应命名为“XXXX中试平台”，不宜含“国家”“省”“市”“县”“区”“集团”“公司”“中试基地”“中试中心”
“中试服务平台”“科技成果转化中试平台”等字样 (seed 000 附件2)."""

from __future__ import annotations

from dataclasses import dataclass

REQUIRED_SUFFIX = "中试平台"
# In the order the seed prints them; a longer term that contains a shorter one is reported alone.
FORBIDDEN_TERMS = ("国家", "省", "市", "县", "区", "集团", "公司", "中试基地", "中试中心", "中试服务平台",
                   "科技成果转化中试平台")


@dataclass(frozen=True)
class NameProblem:
    code: str  # "name_suffix" or "name_forbidden_term"
    term: str = ""


def find_forbidden_terms(name: str) -> list[str]:
    """The forbidden terms ``name`` contains, each once, without terms inside a longer one found."""
    found = [term for term in FORBIDDEN_TERMS if term in name]
    return [term for term in found if not any(term != other and term in other for other in found)]


def check_platform_name(name: str) -> list[NameProblem]:
    """Every problem of a platform name; an empty list when it follows 填表说明①."""
    name = (name or "").strip()
    problems = [NameProblem("name_forbidden_term", term) for term in find_forbidden_terms(name)]
    if not name.endswith(REQUIRED_SUFFIX) or name == REQUIRED_SUFFIX:
        problems.insert(0, NameProblem("name_suffix"))
    return problems
