"""src/zhongshi/organisations/domain/queries/regions.py"""

from __future__ import annotations

import pytest

from tests.factories import region
from zhongshi.organisations.domain.queries.regions import is_location, location_regions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("429004", True),  # 仙桃市: a province-administered city without districts
        ("429021", True),  # 神农架林区
        ("420102", True),  # 江岸区
        ("420171", True),  # 武汉东湖新技术开发区 (a zone)
        ("330106", True),  # 西湖区
        ("420100", False),  # 武汉市 has districts
        ("420000", False),
        ("000000", False),
    ],
)
def test_is_location(code, expected):
    assert is_location(region(code)) is expected


def test_location_regions_are_the_leaves_below_province_level():
    codes = list(location_regions().values_list("code", flat=True))

    assert "429004" in codes
    assert "420102" in codes
    assert "420100" not in codes
    assert "420000" not in codes
    assert "000000" not in codes
    assert len(codes) == 225 - 2 - 11 - 13  # all rows but provinces and the cities that have districts
    assert codes == sorted(codes, key=lambda c: region(c).path)
    assert all(is_location(r) for r in location_regions())
