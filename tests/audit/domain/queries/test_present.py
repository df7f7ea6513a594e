"""src/zhongshi/audit/domain/queries/present.py"""

from __future__ import annotations

import pytest

from zhongshi.audit.domain.queries.present import Change, entry_changes, field_label, format_value, model_label
from zhongshi.audit.models import AuditEntry


def test_model_fields_are_labelled_in_chinese():
    assert field_label("applications.Application", "platform_name") == "平台名称"
    assert field_label("applications.Application", "submitted_at") == "提交时间"
    assert field_label("organisations.HostOrg", "district_id") == "所在区县"
    assert field_label("nope.Nothing", "x") == "x"
    assert model_label("applications.Application") == "申报书"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (True, "", "是"),
        (False, "", "否"),
        (None, "", "—"),
        ("", "", "—"),
        (8600, "万元", "8,600 万元"),
        ("1234.50", "万元", "1,234.5 万元"),
        (12.5, "", "12.5"),
        (["光电子", "汽车"], "", "光电子、汽车"),
        ({"a": 1}, "", "1"),
        ([{"key": "credit_china", "label": "信用中国查询结果", "required": True}], "", "信用中国查询结果"),
        (["district", "city"], "", "区级经信部门、市级经信部门"),
    ],
)
def test_values_are_formatted(value, unit, shown):
    assert format_value(value, unit=unit) == shown


def test_times_are_shown_in_shanghai_and_choices_by_label():
    entry = AuditEntry(target_type="applications.Application",
                       before={"status": "draft", "submitted_at": None},
                       after={"status": "submitted", "submitted_at": "2026-01-28T04:00:00+00:00"})

    assert entry_changes(entry) == [Change("状态", "草稿", "审核中"), Change("提交时间", "—", "2026-01-28 12:00")]


def test_a_digested_field_is_shown_by_its_changes():
    entry = AuditEntry(
        target_type="applications.Application",
        before={"answers": "sha256:aaaa", "revision": 1}, after={"answers": "sha256:bbbb", "revision": 2},
        changes=[{"path": "basic.total_investment_wan", "label": "基本信息 › 总投资", "unit": "万元",
                  "old": 8600, "new": 9000}],
    )

    assert entry_changes(entry) == [Change("修订号", "1", "2"), Change("基本信息 › 总投资", "8,600 万元", "9,000 万元")]


def test_levels_are_named_save_times_left_out_and_rows_in_the_order_of_the_fields():
    entry = AuditEntry(target_type="applications.Application",
                       before={"current_level": "", "status": "submitted@district",
                               "updated_at": "2026-01-28T04:00:00+00:00"},
                       after={"current_level": "city", "status": "submitted@city",
                              "updated_at": "2026-01-28T05:00:00+00:00"})

    assert entry_changes(entry) == [Change("状态", "审核中（区级经信部门）", "审核中（市级经信部门）"),
                                    Change("当前审核层级", "—", "市级经信部门")]
