"""The 3-year ban after a removal, counted as 民法典 第二百零一条、第二百零二条 count periods (contracts §4)."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories
from zhongshi.applications.domain.barriers import find_barriers
from zhongshi.library.domain.ban import compute_ban_end, find_ban
from zhongshi.library.models import PilotPlatform


@pytest.mark.parametrize(("removed_on", "last_day"), [
    (date(2026, 3, 15), date(2029, 3, 15)),   # the corresponding day three years later
    (date(2028, 2, 29), date(2031, 2, 28)),   # leap day: February 2031 has no 29th → its last day
    (date(2025, 2, 28), date(2028, 2, 28)),   # the 28th stays the 28th even in a leap year
    (date(2027, 12, 31), date(2030, 12, 31)),
    (date(2026, 1, 1), date(2029, 1, 1)),
])
def test_last_day_of_the_ban(removed_on: date, last_day: date) -> None:
    assert compute_ban_end(removed_on) == last_day


def _removed(credit_code: str, removed_on: date, name: str = "武汉某某中试平台") -> PilotPlatform:
    return PilotPlatform.objects.create(name=name, host_org_name="武汉某某公司", credit_code=credit_code,
                                        division=factories.region("420111"), tier="reserve", since=date(2024, 6, 30),
                                        status="removed", removed_on=removed_on, removal_cause="数据资料弄虚作假")


@pytest.mark.django_db
def test_the_ban_holds_from_the_removal_to_its_last_day_inclusive() -> None:
    code = factories.credit_code()
    _removed(code, date(2028, 2, 29))
    assert find_ban(code, on=date(2028, 2, 28)) is None
    assert find_ban(code, on=date(2028, 2, 29)).until == date(2031, 2, 28)
    assert find_ban(code, on=date(2031, 2, 28)).until == date(2031, 2, 28)
    assert find_ban(code, on=date(2031, 3, 1)) is None
    assert find_ban(code.lower(), on=date(2029, 1, 1)) is not None  # a code typed in lower case is the same


@pytest.mark.django_db
def test_the_longest_ban_counts_and_the_reason_names_its_last_day() -> None:
    code = factories.credit_code()
    _removed(code, date(2026, 3, 15), name="甲中试平台")
    _removed(code, date(2027, 5, 31), name="乙中试平台")
    assert find_barriers(code, on=date(2027, 6, 1)) == [(
        "banned",
        (f"该依托单位（{code}）在 2030年5月31日（含）之前不得申报：其平台“乙中试平台”已于 2027年5月31日移出平台库，"
         "被移出平台库的依托单位 3 年内不得再次申报（储备中试平台管理要求 二、（四））。"))]
    assert find_barriers(code, on=date(2030, 6, 1)) == []
