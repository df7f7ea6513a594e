"""src/zhongshi/organisations/domain/load_regions.py"""

from __future__ import annotations

import csv

import pytest

from zhongshi.core.errors import DomainError
from zhongshi.organisations.domain.load_regions import DATA_FILE, load_region_file, read_region_rows
from zhongshi.organisations.enums import REGION_TO_AUTHORITY_LEVEL, RegionLevel
from zhongshi.organisations.models import Authority, Region

pytestmark = pytest.mark.django_db

HEADER = "code,name,level,parent_code,kind\n"


def csv_rows() -> list[dict[str, str]]:
    with DATA_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_built_in_file_lists_the_expected_divisions():
    rows = csv_rows()

    assert len(rows) == 225
    assert sum(1 for r in rows if r["level"] == "province") == 2
    assert sum(1 for r in rows if r["parent_code"] == "420000") == 17
    assert sum(1 for r in rows if r["parent_code"] == "330000") == 11
    assert sum(1 for r in rows if r["parent_code"] == "420100" and r["kind"] == "admin") == 13
    assert sum(1 for r in rows if r["parent_code"] == "420100" and r["kind"] == "zone") == 6


def test_the_test_database_holds_the_built_in_divisions():
    assert Region.objects.count() == 226  # the file's 225 and the country
    assert Region.objects.get(code="000000").level == RegionLevel.COUNTRY
    assert Region.objects.filter(parent__code="420000", level="city").count() == 17
    assert Region.objects.filter(parent__code="330000", level="city").count() == 11
    wuhan = Region.objects.filter(parent__code="420100", level="district")
    assert wuhan.filter(kind="admin").count() == 13
    assert wuhan.filter(kind="zone").count() == 6
    assert set(wuhan.filter(kind="zone").values_list("code", flat=True)) == {
        "420171", "420172", "420173", "420174", "420175", "420176",
    }


def test_paths_run_from_the_country_down():
    jiang_an = Region.objects.get(code="420102")

    assert jiang_an.name == "江岸区"
    assert jiang_an.path == "000000/420000/420100/420102/"
    assert jiang_an.parent.code == "420100"
    assert jiang_an.full_name == "湖北省武汉市江岸区"
    assert Region.objects.get(code="429004").path == "000000/420000/429004/"
    assert Region.objects.get(code="330000").path == "000000/330000/"


def test_every_region_has_exactly_one_authority_of_the_matching_level():
    regions = list(Region.objects.select_related("authority__parent", "parent"))

    assert Authority.objects.count() == len(regions) == 226
    for region in regions:
        authority = region.authority
        assert authority.level == REGION_TO_AUTHORITY_LEVEL[RegionLevel(region.level)], region.code
        assert authority.path == region.path, region.code
        if region.parent is None:
            assert authority.parent is None
        else:
            assert authority.parent.region_id == region.parent_id, region.code


def test_authority_names():
    assert Authority.objects.get(region__code="000000").name == "工业和信息化部（科技司）"
    assert Authority.objects.get(region__code="420000").name == "湖北省经济和信息化厅"
    assert Authority.objects.get(region__code="420100").name == "武汉市经济和信息化局"
    assert Authority.objects.get(region__code="420102").name == "江岸区经信部门"
    assert Authority.objects.get(region__code="330000").name == "浙江省经济和信息化厅"


def test_reloading_is_idempotent():
    before_regions = sorted(Region.objects.values_list("pk", "code", "name", "level", "kind", "parent_id", "path"))
    before_authorities = sorted(Authority.objects.values_list("pk", "region_id", "name", "level", "parent_id", "path"))

    assert load_region_file() == 225

    assert sorted(Region.objects.values_list("pk", "code", "name", "level", "kind", "parent_id", "path")) == before_regions
    assert sorted(
        Authority.objects.values_list("pk", "region_id", "name", "level", "parent_id", "path")
    ) == before_authorities


def test_a_renamed_authority_keeps_its_name_on_reload():
    Authority.objects.filter(region__code="420171").update(name="东湖高新区科技创新局")

    load_region_file()

    assert Authority.objects.get(region__code="420171").name == "东湖高新区科技创新局"


def test_another_province_from_a_file(tmp_path):
    path = tmp_path / "hunan.csv"
    path.write_text(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,430000,admin\n"
                    "430102,芙蓉区,district,430100,admin\n", encoding="utf-8")

    assert load_region_file(path=path) == 3

    furong = Region.objects.get(code="430102")
    assert furong.path == "000000/430000/430100/430102/"
    assert furong.authority.name == "芙蓉区经信部门"
    assert furong.authority.level == "district"
    assert furong.authority.parent == Authority.objects.get(region__code="430100")
    assert Authority.objects.get(region__code="430000").parent == Authority.objects.get(region__code="000000")
    assert Region.objects.count() == 229


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_text(HEADER + "430000,湖南省,province,,admin\n", encoding="utf-8-sig")

    assert load_region_file(path=path) == 1
    assert Region.objects.get(code="430000").name == "湖南省"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param("code,name,level,parent\n430000,湖南省,province,,admin\n", "regions_header", id="header"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n43010,长沙市,city,430000,admin\n", "regions_code",
                     id="five-digit-code"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,town,430000,admin\n", "regions_level",
                     id="bad-level"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,430000,county\n", "regions_kind",
                     id="bad-kind"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,,city,430000,admin\n", "regions_name",
                     id="empty-name"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,439900,admin\n", "regions_parent",
                     id="unknown-parent"),
    ],
)
def test_a_bad_file_raises_and_loads_nothing(tmp_path, content, code):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    regions, authorities = Region.objects.count(), Authority.objects.count()

    with pytest.raises(DomainError) as info:
        load_region_file(path=path)

    assert info.value.code == code
    assert Region.objects.count() == regions
    assert Authority.objects.count() == authorities
    assert not Region.objects.filter(code__startswith="43").exists()


def test_error_messages_name_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "430000,湖南省,province,,admin\n43010,长沙市,city,430000,admin\n", encoding="utf-8")

    with pytest.raises(DomainError) as info:
        read_region_rows(path)

    assert info.value.message == "第3行：区划代码“43010”必须为6位数字"


def test_a_missing_file_raises_a_domain_error(tmp_path):
    with pytest.raises(DomainError) as info:
        load_region_file(path=tmp_path / "missing.csv")

    assert info.value.code == "regions_unreadable"
    assert info.value.message.startswith("无法读取行政区划文件")
