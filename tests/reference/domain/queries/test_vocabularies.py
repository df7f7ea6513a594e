"""src/zhongshi/reference/domain/queries/vocabularies.py"""

from __future__ import annotations

import pytest

from zhongshi.reference.domain.queries.vocabularies import get_choices, get_names, list_items
from zhongshi.reference.models import ReferenceItem

pytestmark = pytest.mark.django_db


def test_get_choices_gives_code_and_chinese_name_in_order():
    assert get_choices("unit_type") == [
        ("university", "高校"),
        ("research_institute", "科研机构"),
        ("central_soe", "央企"),
        ("state_owned", "国企"),
        ("private", "民企"),
        ("other", "其他"),
    ]


def test_get_choices_can_use_the_name_as_value():
    assert get_choices("construction_mode", value="name") == [
        ("政府投资型", "政府投资型"),
        ("企业投资型", "企业投资型"),
        ("高校院所投资型", "高校院所投资型"),
    ]


def test_get_names():
    assert get_names("construction_progress") == ["建成", "在建"]
    assert get_names("autonomy_level") == ["L1", "L2", "L3", "L4"]
    assert get_names("no_such_vocabulary") == []


def test_inactive_items_are_left_out():
    ReferenceItem.objects.filter(vocabulary__code="unit_type", code="central_soe").update(active=False)

    assert get_names("unit_type") == ["高校", "科研机构", "国企", "民企", "其他"]
    assert [i.code for i in list_items("unit_type")] == [
        "university", "research_institute", "state_owned", "private", "other",
    ]
    assert ("central_soe", "央企") not in get_choices("unit_type")
