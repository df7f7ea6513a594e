"""library/domain/import_platforms.py: counts, idempotence, what is stored, every error code (nothing stored)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests import factories
from tests.library.io.conftest import CODE_A, CODE_B, platform_entry, sample_file
from zhongshi.audit.models import AuditEntry
from zhongshi.library.domain.import_platforms import import_platforms
from zhongshi.library.models import PilotPlatform, PlatformService, PlatformVersion, Removal, TierChange

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int, int]:
    return (PilotPlatform.objects.count(), PlatformService.objects.count(), PlatformVersion.objects.count(),
            TierChange.objects.count(), Removal.objects.count())


def test_import_creates_every_platform_with_its_services_versions_tiers_and_removal():
    host = factories.HostOrgFactory(credit_code=CODE_B, district=factories.region("420502"))

    result = import_platforms(data=sample_file(), on=date(2026, 11, 30))

    assert result.as_dict() == {"created": 3, "updated": 0, "errors": []}
    assert counts() == (3, 3, 3, 3, 1)
    rows = list(PilotPlatform.objects.order_by("name").values_list(
        "name", "credit_code", "division__code", "tier", "status", "since", "removed_on", "removal_cause",
        "host_org_id", "version_count"))
    assert rows == [
        ("宜昌精细化工中试基地", CODE_B, "420502", "key", "active", date(2025, 6, 30), None, "", host.pk, 1),
        ("武汉光电子器件中试平台", CODE_A, "420111", "provincial", "active", date(2025, 6, 30), None, "", None, 1),
        ("武汉光芯片封装中试平台", CODE_A, "420111", "reserve", "removed", date(2025, 1, 15), date(2028, 2, 29),
         "数据资料弄虚作假", None, 1),
    ]
    yichang = PilotPlatform.objects.get(credit_code=CODE_B)
    assert list(yichang.services.values_list("position", "name", "kind", "description", "keywords")) == [
        (1, "公斤级放大", "工艺放大熟化", "", []), (2, "小批量试产", "小批量试生产", "年产 50 吨", ["试产"])]
    assert yichang.clusters == ["现代化工", "原材料工业"]
    version = yichang.versions.get()
    assert (version.number, version.source) == (1, "import")
    assert version.data["services"][1] == {"name": "小批量试产", "kind": "小批量试生产", "description": "年产 50 吨",
                                           "keywords": ["试产"]}
    assert list(TierChange.objects.order_by("new_tier").values_list("old_tier", "new_tier", "decided_on")) == [
        ("", "key", date(2025, 6, 30)), ("", "provincial", date(2025, 6, 30)), ("", "reserve", date(2025, 1, 15))]
    removal = Removal.objects.get()
    assert (removal.platform.name, removal.cause_code, removal.cause, removal.decided_on) == (
        "武汉光芯片封装中试平台", "falsification", "数据资料弄虚作假", date(2028, 2, 29))
    # one audit event for the whole import, naming its counts
    events = AuditEntry.objects.filter(target_type="")
    assert [(e.action, e.after, e.scope_path) for e in events] == [
        ("update", {"created": 3, "updated": 0, "unchanged": 0, "file": ""}, "000000/420000/")]
    assert events[0].message == "导入中试平台名单：新增 3 个，更新 0 个，未变 0 个。"


def test_importing_the_same_file_again_changes_nothing():
    import_platforms(data=sample_file())
    before = counts()

    result = import_platforms(data=sample_file())

    assert result.as_dict() == {"created": 0, "updated": 0, "errors": []}
    assert result.unchanged == 3
    assert counts() == before
    assert AuditEntry.objects.filter(target_type="").count() == 1


def test_only_changed_platforms_count_as_updated_and_get_a_version():
    import_platforms(data=sample_file())
    platform = PilotPlatform.objects.get(credit_code=CODE_B)
    platform.versions.update(data={**platform.versions.get().data, "service_revenue_wan": "860",
                                   "equipment": [{"name": "反应釜"}]})
    changed = sample_file()
    changed["platforms"][2]["tier"] = "national"
    changed["platforms"][2]["services"] = changed["platforms"][2]["services"][1:]
    changed["platforms"].append(platform_entry(name="武汉新平台"))

    result = import_platforms(data=changed, on=date(2026, 11, 30))

    assert result.as_dict() == {"created": 1, "updated": 1, "errors": []}
    platform.refresh_from_db()
    assert (platform.tier, platform.version_count, platform.service_revenue_wan) == ("national", 2, Decimal("860"))
    assert list(platform.services.values_list("position", "name")) == [(1, "小批量试产")]
    latest = platform.versions.get(number=2)
    assert (latest.source, latest.data["equipment"], latest.data["service_revenue_wan"]) == (
        "import", [{"name": "反应釜"}], "860")
    assert list(platform.tier_changes.values_list("old_tier", "new_tier")) == [("", "key"), ("key", "national")]
    assert PlatformService.objects.count() == 3


def test_dry_run_counts_and_stores_nothing():
    result = import_platforms(data=sample_file(), dry_run=True)

    assert result.as_dict() == {"created": 3, "updated": 0, "errors": []}
    assert counts() == (0, 0, 0, 0, 0)
    assert AuditEntry.objects.filter(target_type="").count() == 0


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data["platforms"][1]
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is KeyError:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return change


def _many(*changes: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)
    return change


ERRORS = [
    ("name missing", _set("name", KeyError), "platforms[1].name", "required", "此项为必填项。"),
    ("name too long", _set("name", "平" * 201), "platforms[1].name", "too_long", "最多 200 个字（现有 201 个）。"),
    ("host_org not an object", _set("host_org", "某公司"), "platforms[1].host_org", "type",
     "依托单位应为包含名称和统一社会信用代码的对象。"),
    ("credit code checksum", _set("host_org.credit_code", CODE_A[:-1] + "0"), "platforms[1].host_org.credit_code",
     "credit_code_checksum", "统一社会信用代码无效：校验码不符（GB 32100-2015）。"),
    ("credit code length", _set("host_org.credit_code", "9142"), "platforms[1].host_org.credit_code",
     "credit_code_length", "统一社会信用代码应为18位。"),
    ("unknown division", _set("division", "429999"), "platforms[1].division", "unknown_division",
     "“429999”不是已知的市级或区县级行政区划代码（GB/T 2260）。"),
    ("province as division", _set("division", "420000"), "platforms[1].division", "unknown_division",
     "“420000”不是已知的市级或区县级行政区划代码（GB/T 2260）。"),
    ("unknown cluster", _set("clusters", ["光电子信息", "光电子"]), "platforms[1].clusters[1]", "unknown_cluster",
     "“光电子”不是参考词表中的产业集群名称（湖北 51020、浙江 415X、工业和信息化部行业）。"),
    ("clusters not a list", _set("clusters", "光电子信息"), "platforms[1].clusters", "type",
     "此项应为文字列表。"),
    ("unknown verification kind", _set("verification_kinds", ["中试验证"]), "platforms[1].verification_kinds[0]",
     "unknown_verification_kind", "“中试验证”不是五类中试验证之一（seed 001）。"),
    ("unknown tier", _set("tier", "city"), "platforms[1].tier", "unknown_tier",
     "“city”不是平台层级（provincial、reserve、key、national）。"),
    ("unknown status", _set("status", "closed"), "platforms[1].status", "unknown_status",
     "“closed”不是平台状态（active、removed）。"),
    ("bad since", _set("since", "2025/06/30"), "platforms[1].since", "invalid_date",
     "“2025/06/30”不是 YYYY-MM-DD 格式的日期。"),
    ("no removal date", _set("removed_on", None), "platforms[1].removed_on", "removal_required",
     "已移出的平台须填写移出日期。"),
    ("no removal cause", _set("removal_cause", ""), "platforms[1].removal_cause", "removal_required",
     "已移出的平台须填写移出原因。"),
    ("removed before since", _set("removed_on", "2024-12-31"), "platforms[1].removed_on", "removed_before_since",
     "平台不能在入库之前被移出。"),
    ("active with removal", _many(_set("status", "active"), _set("removal_cause", None)), "platforms[1].removed_on", "removal_unexpected",
     "在库平台没有移出信息：此项应为 null。"),
    ("unknown service kind", _set("services", [{"name": "测试", "kind": "检测"}]), "platforms[1].services[0].kind",
     "unknown_service_kind", "“检测”不是 seed 002 的中试服务类型之一。"),
    ("service without name", _set("services", [{"kind": "产品性能测试"}]), "platforms[1].services[0].name",
     "required", "此项为必填项。"),
    ("keywords not strings", _set("services", [{"name": "测试", "kind": "产品性能测试", "keywords": [1]}]),
     "platforms[1].services[0].keywords[0]", "type", "此项应为文字。"),
    ("duplicate", _set("name", "武汉光电子器件中试平台"), "platforms[1].name", "duplicate",
     f"依托单位 {CODE_A} 的平台“武汉光电子器件中试平台”在本文件中已出现（platforms[0]）。"),
]


@pytest.mark.parametrize(("change", "path", "code", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_one_bad_row_is_named_and_nothing_is_stored(change, path, code, message):
    data = sample_file()
    change(data)

    result = import_platforms(data=data)

    assert result.as_dict()["errors"] == [{"index": 1, "path": path, "code": code, "message": message}]
    assert (result.created, result.updated) == (0, 0)
    assert counts() == (0, 0, 0, 0, 0)


def test_the_file_shape_is_an_error_without_index():
    assert import_platforms(data=[]).as_dict()["errors"] == [
        {"index": None, "path": "", "code": "type", "message": "文件应为一个含有“platforms”键的 JSON 对象。"}]
    assert import_platforms(data={"platform": []}).as_dict()["errors"] == [
        {"index": None, "path": "platforms", "code": "required", "message": "“platforms”应为平台列表。"}]
    assert import_platforms(data={"platforms": [3]}).as_dict()["errors"] == [
        {"index": 0, "path": "platforms[0]", "code": "type", "message": "每个平台应为一个 JSON 对象。"}]


def test_every_error_of_the_file_is_listed():
    data = sample_file()
    data["platforms"][0]["tier"] = "city"
    data["platforms"][2]["division"] = "999999"
    data["platforms"][2]["services"][1]["kind"] = "检测"

    errors = import_platforms(data=data).as_dict()["errors"]

    assert [(e["index"], e["path"], e["code"]) for e in errors] == [
        (0, "platforms[0].tier", "unknown_tier"), (2, "platforms[2].division", "unknown_division"),
        (2, "platforms[2].services[1].kind", "unknown_service_kind")]


def test_an_importer_of_a_province_may_not_import_another_province():
    data = {"platforms": [platform_entry(division="330106")]}

    errors = import_platforms(data=data, scope_path="000000/420000/").as_dict()["errors"]

    assert errors == [{"index": 0, "path": "platforms[0].division", "code": "out_of_scope",
                       "message": "西湖区（330106）不在您的管辖范围内。"}]


def test_a_banned_host_cannot_reactivate_its_removed_platform():
    import_platforms(data=sample_file())
    data = sample_file()
    data["platforms"][1].update(status="active", removed_on=None, removal_cause=None)

    errors = import_platforms(data=data, on=date(2031, 2, 28)).as_dict()["errors"]

    assert errors == [{"index": 1, "path": "platforms[1].status", "code": "banned", "message":
                       "该依托单位的平台“武汉光芯片封装中试平台”已被移出平台库：该单位禁止申报至2031年2月28日（含当日），"
                       "平台不能恢复在库。"}]
    assert PilotPlatform.objects.get(name="武汉光芯片封装中试平台").status == "removed"

    result = import_platforms(data=data, on=date(2031, 3, 1))  # the day after the ban

    assert result.as_dict() == {"created": 0, "updated": 1, "errors": []}
    assert (PilotPlatform.objects.get(name="武汉光芯片封装中试平台").status, Removal.objects.count()) == ("active", 0)


def test_a_banned_host_cannot_enter_a_new_platform_during_its_ban():
    import_platforms(data=sample_file())
    data = {"platforms": [platform_entry(name="改名后的新平台", since="2029-01-01")]}

    errors = import_platforms(data=data).as_dict()["errors"]

    assert [(e["path"], e["code"]) for e in errors] == [("platforms[0].status", "banned")]
    assert "2031年2月28日" in errors[0]["message"]
    # a platform that entered before the removal is legitimate (export → import into an empty library)
    assert import_platforms(data={"platforms": [platform_entry(name="早已入库的平台", since="2024-01-01")]}).errors == []


def test_an_unknown_removal_cause_is_kept_as_other_violation():
    data = {"platforms": [platform_entry(status="removed", removed_on="2026-03-15", removal_cause="擅自停止运营")]}

    import_platforms(data=data)

    assert list(Removal.objects.values_list("cause_code", "cause")) == [("other_violation", "擅自停止运营")]


def test_input_is_not_mutated_and_strings_are_normalised():
    data = sample_file()
    data["platforms"][0]["name"] = " 武汉光电子器件中试平台 "
    data["platforms"][0]["host_org"]["credit_code"] = CODE_A.lower()
    original = copy.deepcopy(data)

    import_platforms(data=data)

    assert data == original
    assert PilotPlatform.objects.filter(name="武汉光电子器件中试平台", credit_code=CODE_A).count() == 1
    assert import_platforms(data=sample_file()).as_dict() == {"created": 0, "updated": 0, "errors": []}
