"""The names of the administrative divisions, full and short, as a platform name may not use them (填表说明①).

Read once from the division table the system ships (``organisations/data/regions.csv``, the file the
``Region`` rows are loaded from on every migrate) and cached for the process, so the checker stays a pure
function that needs no database (``check-application`` judges a file before anything is stored).

Short forms strip what names the kind of division (湖北省 → 湖北, 武汉市 → 武汉, 长阳土家族自治县 → 长阳, 神农架林区
→ 神农架); a development zone named after its city also goes without the city (武汉东湖新技术开发区 →
东湖新技术开发区 → 东湖). A short form of one character (房县 → 房) would flag ordinary words, so it is not
kept; nor are the few short forms that are first of all ordinary words or another thing's name
(``ORDINARY_WORDS``: 化学 of 武汉化学工业区, 长江 of 武汉长江新区, 路桥 as in 道路桥梁, 公安 as in 公安装备 …):
their full names are still refused.

The short form of a district or county (青山 of 青山区, 大冶 of 大冶市's districts …) is often an ordinary word as
well (绿水青山, 大冶金属冶炼): ``local_short_forms()`` lists them apart, and the checker only warns of them; full
names and the short forms of provinces and prefecture-level cities (湖北, 武汉) are refused.
"""


from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DIVISIONS_FILE = Path(__file__).resolve().parents[2] / "data" / "regions.csv"

# Longest first: what names the kind of a division, stripped to get its short form.
KIND_SUFFIXES = (
    "经济技术开发区", "新技术开发区", "生态旅游风景区", "高新技术产业开发区", "高新区", "开发区", "风景区", "工业区",
    "自治州", "自治县", "自治区", "自治旗", "新区", "林区", "地区", "特别行政区", "省", "市", "县", "区", "州", "盟", "旗",
)
ETHNIC_GROUPS = (
    "土家族", "苗族", "畲族", "回族", "蒙古族", "藏族", "维吾尔族", "壮族", "彝族", "布依族", "侗族", "瑶族", "白族",
    "哈尼族", "傣族", "黎族", "傈僳族", "佤族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "朝鲜族", "满族", "仡佬族", "毛南族", "各族",
)
ORDINARY_WORDS = frozenset({"化学", "长江", "路桥", "公安", "江山", "天台", "海盐", "开化"})


def _core(name: str) -> str:
    """The name without what names its kind and its ethnic groups (长阳土家族自治县 → 长阳); "" if none."""
    for suffix in KIND_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]  # nothing left: the name only says a kind (经济技术开发区)
            break
    else:
        return ""
    stripped = True
    while stripped:
        stripped = False
        for group in ETHNIC_GROUPS:
            if name.endswith(group) and len(name) > len(group):
                name, stripped = name[: -len(group)], True
    return name if len(name) >= 2 else ""  # one character is no name


def short_form(name: str) -> str:
    """The name without what names its kind (湖北省 → 湖北); "" when nothing worth refusing is left."""
    core = _core(name)
    return "" if core in ORDINARY_WORDS else core


def _rows() -> dict[str, tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    with DIVISIONS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["code"]] = (row["name"].strip(), row["parent_code"].strip(), row["kind"].strip(),
                                 row["level"].strip())
    return rows


@cache
def local_short_forms() -> frozenset[str]:
    """The short forms that only districts and counties have (青山): a warning, not an error."""
    rows = _rows()
    high = {short_form(name) for name, _parent, _kind, level in rows.values() if level in ("province", "city")}
    names = division_names()
    full = {name for name, *_rest in rows.values()}
    return frozenset(n for n in names if n not in full and n not in high and not n.endswith(KIND_SUFFIXES))


@cache
def division_names() -> frozenset[str]:
    """Every division's full name and its short forms (see the module's docstring)."""
    rows = _rows()
    names: set[str] = set()
    for name, parent_code, kind, _level in rows.values():
        names.add(name)
        names.add(short_form(name))
        parent = rows.get(parent_code)
        city = short_form(parent[0]) if parent else ""
        if kind == "zone" and city and name.startswith(city):
            rest = name[len(city):]
            if _core(rest):  # 东湖新技术开发区, 东湖; not 经济技术开发区 (武汉经济技术开发区 names no place of its own)
                names.update((rest, short_form(rest)))
    names.discard("")
    return frozenset(names)
