"""update_call: every check, all errors at once, nothing written on error; attachments checked by content."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from zhongshi.audit.models import AuditEntry
from zhongshi.calls.domain.update_call import (
    InvalidCallError,
    add_call_attachment,
    condition_thresholds,
    edit_version,
    update_call,
)
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
HUBEI = "hubei-2026-provincial"
FIELDS = ("code", "title", "status", "notice", "evidence", "conditions", "chain")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def hubei() -> Call:
    return Call.objects.get(code=HUBEI)


def snapshot(call: Call) -> dict[str, Any]:
    call.refresh_from_db()
    return {name: copy.deepcopy(getattr(call, name)) for name in FIELDS}


def errors_of(exc: pytest.ExceptionInfo[InvalidCallError]) -> list[tuple[str, str | None]]:
    return [(e.code, e.field) for e in exc.value.errors]


def test_a_later_level_may_not_end_before_an_earlier_one(roles) -> None:
    call = hubei()
    before = snapshot(call)
    chain = [{"level": "district", "deadline": at("2026-01-28T23:59")},
             {"level": "city", "deadline": at("2026-01-20T23:59")},
             {"level": "province", "deadline": None}]
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data={"title": "新标题", "chain": chain})
    assert exc.value.code == "deadline_order"
    assert exc.value.field == "chain.1.deadline"
    assert exc.value.message == "市级的截止时间（2026年1月20日 23:59）早于区级（2026年1月28日 23:59），请调整"
    assert snapshot(call) == before


def test_the_same_deadline_and_a_deadline_after_an_open_level_are_fine(roles) -> None:
    chain = [{"level": "district", "deadline": None},
             {"level": "city", "deadline": "2026-01-28T23:59:59+08:00"},
             {"level": "province", "deadline": at("2026-01-28T23:59")}]
    call, rejudged = update_call(user=roles["province"], call=hubei(), data={"chain": chain})
    assert rejudged is None  # no threshold changed: nothing judged again
    assert call.chain == [{"level": "district", "deadline": None},
                          {"level": "city", "deadline": "2026-01-28T23:59:59+08:00"},
                          {"level": "province", "deadline": "2026-01-28T23:59:00+08:00"}]


def test_an_unchanged_deadline_keeps_its_seconds(roles) -> None:
    chain = [{"level": "district", "deadline": at("2026-01-28T23:59")},
             {"level": "city", "deadline": at("2026-01-29T09:00")},
             {"level": "province", "deadline": None}]
    call, _ = update_call(user=roles["province"], call=hubei(), data={"chain": chain})
    assert call.chain[0] == {"level": "district", "deadline": "2026-01-28T23:59:59+08:00"}
    assert call.chain[1] == {"level": "city", "deadline": "2026-01-29T09:00:00+08:00"}


@pytest.mark.parametrize(("rows", "expected"), [
    ([], [("empty_chain", "chain.0.level")]),
    ([{"level": "", "deadline": None}], [("empty_chain", "chain.0.level")]),
    ([{"level": "district"}, {"level": "city"}, {"level": "city"}], [("duplicate_level", "chain.2.level")]),
    ([{"level": "province"}, {"level": "city"}], [("level_order", "chain.1.level")]),
    ([{"level": "county"}], [("unknown_level", "chain.0.level")]),
    ([{"level": "", "deadline": "2026-01-28T23:59"}, {"level": "province"}], [("level_missing", "chain.0.level")]),
    ([{"level": "province", "deadline": "明天"}], [("invalid_deadline", "chain.0.deadline")]),
])
def test_the_chain_is_checked(roles, rows, expected) -> None:
    call = hubei()
    before = snapshot(call)
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data={"chain": rows})
    assert errors_of(exc) == expected
    assert snapshot(call) == before


def test_thresholds_must_be_numbers_of_zero_or_more(roles) -> None:
    call = hubei()
    before = snapshot(call)
    data = {"thresholds": {"equipment_value": "一千", "fulltime_staff": -1, "service_revenue.0": True,
                           "no_violations": 1, "nonexistent": 3, "enterprises_served.1": "NaN"}}
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data=data)
    assert sorted(errors_of(exc)) == sorted([
        ("threshold", "threshold.equipment_value"), ("threshold", "threshold.fulltime_staff"),
        ("threshold", "threshold.service_revenue.0"), ("not_numeric", "threshold.no_violations"),
        ("unknown_threshold", "threshold.nonexistent"), ("threshold", "threshold.enterprises_served.1")])
    assert exc.value.errors[0].message == "“中试设备设施原值”的阈值须为不小于 0 的数字。"
    assert snapshot(call) == before


def test_a_threshold_change_is_reported_and_the_wording_follows_unambiguous_figures(roles) -> None:
    data = {"thresholds": {"equipment_value": "1200", "fulltime_staff": 5.0, "service_revenue.0": 600,
                           "service_revenue.2": "5.5", "service_revenue.3": "5.5"}}
    call, rejudged = update_call(user=roles["province"], call=hubei(), data=data)
    assert rejudged == {"eligible": 0, "ineligible": 0, "unknown": 0}  # judged again, by update_call itself
    rows = {row["id"]: row for row in condition_thresholds(call.conditions)}
    assert [t.value for t in rows["equipment_value"]["tests"]] == [1200]
    assert [t.value for t in rows["fulltime_staff"]["tests"]] == [5]
    assert [t.value for t in rows["service_revenue"]["tests"]] == [600, 500, 5.5, 5.5]
    assert rows["equipment_value"]["label"] == "中试设备或者设施原值不低于1200万元"
    # 500 stays for the current year, so the wording keeps it; 5 became 5.5 in both tests that had it
    assert rows["service_revenue"]["label"] == "上年度（或申报当年度）中试服务收入应不低于500万元或不低于依托单位主营收入总额的5.5%"

    call, rejudged = update_call(user=roles["province"], call=call, data={"thresholds": {"equipment_value": "1200.0"}})
    assert rejudged is None


def test_an_edited_wording_is_kept_as_typed(roles) -> None:
    data = {"thresholds": {"equipment_value": 2000},
            "labels": {"equipment_value": "中试设备或者设施原值（不含土地）不低于2000万元"}}
    call, _ = update_call(user=roles["province"], call=hubei(), data=data)
    assert call.conditions[0]["label"] == "中试设备或者设施原值（不含土地）不低于2000万元"
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data={"labels": {"equipment_value": " "}})
    assert errors_of(exc) == [("required", "label.equipment_value")]


def test_the_evidence_list_is_checked_and_new_items_get_a_key(roles) -> None:
    call = hubei()
    rows = [dict(item) for item in call.evidence]
    rows[0]["label"] = ""
    rows[2]["label"] = rows[3]["label"]
    rows.append({"key": "made_up", "label": "伪造", "required": True, "help": ""})
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data={"evidence": rows})
    assert errors_of(exc) == [("required", "evidence.0.label"), ("duplicate_label", "evidence.3.label"),
                              ("unknown_evidence", "evidence.6.label")]

    rows = [dict(item) for item in call.evidence]
    rows[0]["remove"] = True
    rows += [{"key": "", "label": "", "required": False, "help": ""},  # the blank row
             {"key": "", "label": " 安全评价报告 ", "required": "on", "help": ""},
             {"label": "环评批复"}]
    call, rejudged = update_call(user=roles["province"], call=call, data={"evidence": rows})
    assert rejudged is None
    assert [item["key"] for item in call.evidence][-2:] == ["item_1", "item_2"]
    assert call.evidence[-2] == {"key": "item_1", "label": "安全评价报告", "required": True, "help": ""}
    assert "credit_china" not in [item["key"] for item in call.evidence]
    assert call.evidence[0]["required_if"] == {"path": "basic.host_honours", "not_empty": True}


def test_everything_is_checked_before_anything_is_written(roles) -> None:
    call = hubei()
    before = snapshot(call)
    data = {"title": "", "status": "paused", "code": "miit-reserve",
            "thresholds": {"equipment_value": "x"}, "chain": [{"level": "city"}, {"level": "district"}],
            "evidence": [{"label": "A"}, {"label": "A"}]}
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data=data)
    assert [e.code for e in exc.value.errors] == ["duplicate_code", "required", "invalid_status", "threshold",
                                                  "level_order", "duplicate_label"]
    assert snapshot(call) == before


def test_a_stale_version_is_refused(roles) -> None:
    call = hubei()
    version = edit_version(call)
    update_call(user=roles["admin"], call=call, data={"notice": "补充说明"})
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call, data={"version": version, "title": "改"})
    assert exc.value.code == "stale"
    assert hubei().title == "湖北省第二批省级制造业中试平台申报"


def test_only_the_issuer_or_an_administrator_changes_a_call(roles) -> None:
    for role in ("ministry", "other_province", "city", "applicant"):
        with pytest.raises(NotAllowed):
            update_call(user=roles[role], call=hubei(), data={"title": "改"})
    call, _ = update_call(user=roles["admin"], call=hubei(), data={"title": "管理员改", "status": "closed"})
    assert (call.title, call.status) == ("管理员改", "closed")


def test_the_change_is_in_the_audit_log(roles) -> None:
    update_call(user=roles["province"], call=hubei(), data={"thresholds": {"equipment_value": 1200}})
    entries = list(AuditEntry.objects.filter(target_type="calls.Call", action="update").order_by("pk"))
    entry = next(e for e in entries if "conditions" in (e.before or {}))
    assert entry.before["conditions"][0]["test"]["value"] == 1000
    assert entry.after["conditions"][0]["test"]["value"] == 1200


def test_attachments_are_checked_by_content(roles) -> None:
    call = hubei()
    attachment = add_call_attachment(user=roles["province"], call=call, title="",
                                     upload=SimpleUploadedFile("附件1 建设要求.pdf", factories.pdf_bytes()))
    assert attachment.title == "附件1 建设要求"
    assert attachment.file.name.endswith(".pdf")
    renamed = add_call_attachment(user=roles["province"], call=call, title="汇总表",
                                  upload=SimpleUploadedFile("汇总表.xlsx", factories.pdf_bytes()))
    assert renamed.file.name.endswith(".pdf")  # stored by what it is, not by its name
    for upload, code in ((SimpleUploadedFile("a.pdf", b"MZ\x90\x00"), "file_type"),
                         (SimpleUploadedFile("a.docx", b"PK\x03\x04broken"), "file_type"),
                         (SimpleUploadedFile("empty.pdf", b""), "empty_file")):
        with pytest.raises(DomainError) as exc:
            add_call_attachment(user=roles["province"], call=call, title="x", upload=upload)
        assert exc.value.code == code
    with pytest.raises(NotAllowed):
        add_call_attachment(user=roles["city"], call=call, title="x",
                            upload=SimpleUploadedFile("a.pdf", factories.pdf_bytes()))


def test_a_level_may_take_the_last_working_days_of_each_round(roles) -> None:
    call = Call.objects.get(code="miit-reserve")
    rows = [{"level": "district", "kind": "window", "days": "3"},
            {"level": "city", "kind": "window", "days": 5},
            {"level": "province", "kind": "date", "deadline": at("2027-01-15T17:00")},
            {"level": "ministry", "kind": "none"}]
    call, _ = update_call(user=roles["ministry"], call=call, data={"chain": rows})
    assert call.chain == [{"level": "district", "deadline": {"last_working_days": 3}},
                          {"level": "city", "deadline": {"last_working_days": 5}},
                          {"level": "province", "deadline": "2027-01-15T17:00:00+08:00"},
                          {"level": "ministry", "deadline": None}]


@pytest.mark.parametrize(("row", "expected"), [
    ({"level": "district", "kind": "window", "days": "0"}, ("invalid_days", "chain.0.days",
                                                            "请填写 1 到 15 之间的工作日数。")),
    ({"level": "district", "kind": "window", "days": "5", "month": "2026/12"},
     ("invalid_month", "chain.0.month", "请按“年-月”填写月份，例如 2026-12。")),
    ({"level": "district", "kind": "window", "days": "5"},
     ("no_month", "chain.0.month", "本通知未分批次，请填写“最后N个工作日”所在的月份。")),
    ({"level": "district", "kind": "window", "days": "5", "month": "2027-12"},
     ("calendar_unknown", "chain.0.days", "没有 2027 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试")),
    ({"level": "district", "kind": "date", "deadline": ""}, ("required", "chain.0.deadline", "请填写截止日期和时间。")),
    ({"level": "district", "kind": "none", "deadline": "2026-01-28T23:59"},
     ("kind_mismatch", "chain.0.kind", "已选择“无截止时间”，但填写了截止时间：请选择截止时间类型，或清空所填内容。")),
])
def test_an_invalid_rule_is_refused_beside_its_field_and_nothing_is_saved(roles, row, expected) -> None:
    call = hubei()  # a call without rounds: a "last working days" rule names its month
    before = snapshot(call)
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=call,
                    data={"title": "改", "chain": [row, {"level": "city"}, {"level": "province"}]})
    assert [(e.code, e.field, e.message) for e in exc.value.errors] == [expected]
    assert snapshot(call) == before


def test_a_window_before_an_earlier_levels_date_is_out_of_order(roles) -> None:
    rows = [{"level": "district", "kind": "date", "deadline": "2027-01-05T12:00"},
            {"level": "city", "kind": "window", "days": 5, "month": "2026-12"}, {"level": "province"}]
    with pytest.raises(InvalidCallError) as exc:
        update_call(user=roles["province"], call=hubei(), data={"chain": rows})
    assert [(e.code, e.field) for e in exc.value.errors] == [("deadline_order", "chain.1.days")]


def test_a_threshold_change_rejudges_the_applications_without_any_view(roles) -> None:
    eligible = factories.application(roles["applicant"].host_org)
    assert eligible.eligibility == "eligible"  # the example declares 3280 万元 of equipment
    _call, rejudged = update_call(user=roles["province"], call=hubei(), data={"thresholds": {"equipment_value": 5000}})
    assert rejudged == {"eligible": 0, "ineligible": 1, "unknown": 0}
    eligible.refresh_from_db()
    assert eligible.eligibility_record.eligibility == "ineligible"
