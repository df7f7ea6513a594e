"""src/zhongshi/organisations/management/commands/load_regions.py"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zhongshi.organisations.models import Authority, Region

pytestmark = pytest.mark.django_db

HEADER = "code,name,level,parent_code,kind\n"


def test_loads_another_province_from_a_file(tmp_path):
    path = tmp_path / "hunan.csv"
    path.write_text(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,430000,admin\n"
                    "430102,芙蓉区,district,430100,admin\n430104,岳麓区,district,430100,admin\n", encoding="utf-8")
    out = StringIO()

    call_command("load_regions", str(path), stdout=out)

    assert out.getvalue() == "4\n"
    assert list(Region.objects.filter(code__startswith="43").values_list("code", "path")) == [
        ("430000", "000000/430000/"),
        ("430100", "000000/430000/430100/"),
        ("430102", "000000/430000/430100/430102/"),
        ("430104", "000000/430000/430100/430104/"),
    ]
    assert Authority.objects.get(region__code="430000").name == "湖南省经济和信息化厅"
    assert Authority.objects.get(region__code="430100").name == "长沙市经济和信息化局"


def test_without_a_file_reloads_the_built_in_one():
    out = StringIO()
    regions = Region.objects.count()

    call_command("load_regions", stdout=out)

    assert out.getvalue() == "225\n"
    assert Region.objects.count() == regions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("code;name;level;parent_code;kind\n", "行政区划文件的表头必须为：code,name,level,parent_code,kind",
                     id="header"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n43010,长沙市,city,430000,admin\n",
                     "第3行：区划代码“43010”必须为6位数字", id="five-digit-code"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,prefecture,430000,admin\n",
                     "第3行：级别“prefecture”无效", id="bad-level"),
        pytest.param(HEADER + "430000,湖南省,province,,admin\n430100,长沙市,city,439900,admin\n",
                     "“长沙市”（430100）的上级区划 439900 不存在", id="unknown-parent"),
    ],
)
def test_a_bad_file_is_a_command_error_with_returncode_2(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    regions, authorities = Region.objects.count(), Authority.objects.count()

    with pytest.raises(CommandError) as info:
        call_command("load_regions", str(path), stdout=StringIO())

    assert info.value.returncode == 2
    assert str(info.value) == message
    assert Region.objects.count() == regions
    assert Authority.objects.count() == authorities


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError) as info:
        call_command("load_regions", str(tmp_path / "none.csv"), stdout=StringIO())

    assert info.value.returncode == 2
    assert str(info.value).startswith("无法读取行政区划文件")
