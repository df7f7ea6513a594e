"""src/zhongshi/reference/domain/load_reference.py"""

from __future__ import annotations

import pytest

from zhongshi.reference.domain.load_reference import DATA_FILE, load_reference
from zhongshi.reference.models import ReferenceItem, Vocabulary

pytestmark = pytest.mark.django_db

HUBEI_TRILLION = ["光电子信息", "汽车制造与服务", "现代化工", "大健康", "现代农产品加工"]
HUBEI_FIVE_HUNDRED_BILLION = [
    "高端装备", "新材料", "节能环保", "现代纺织", "绿色建材",
    "低碳冶金", "软件和研发设计", "智能终端", "安全应急", "集成电路",
]
HUBEI_HUNDRED_BILLION = [
    "新能源与智能网联汽车", "新能源", "北斗及应用", "航空航天", "绿色智能船舶",
    "工业母机", "激光", "新型显示", "新型信息网络", "人工智能",
    "生物医药", "高端医疗器械", "低空经济", "人形机器人", "算力与大数据",
    "量子与光子科技", "高端芯片", "农业微生物与生物育种", "时空智能", "深空深海深地",
]


def hubei_items() -> list[ReferenceItem]:
    return list(ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020").order_by("position"))


def test_hubei_51020_has_35_clusters_in_three_groups_in_the_seed_order():
    load_reference()

    items = hubei_items()

    assert len(items) == 35
    assert [i.name for i in items if i.group == "trillion"] == HUBEI_TRILLION
    assert [i.name for i in items if i.group == "five_hundred_billion"] == HUBEI_FIVE_HUNDRED_BILLION
    assert [i.name for i in items if i.group == "hundred_billion"] == HUBEI_HUNDRED_BILLION
    assert [i.name for i in items] == HUBEI_TRILLION + HUBEI_FIVE_HUNDRED_BILLION + HUBEI_HUNDRED_BILLION
    assert [i.position for i in items] == list(range(1, 36))
    assert all(i.active for i in items)
    vocabulary = Vocabulary.objects.get(code="cluster_hubei_51020")
    assert vocabulary.partial is False
    assert [g["code"] for g in vocabulary.groups] == ["trillion", "five_hundred_billion", "hundred_billion"]
    assert [g["name"] for g in vocabulary.groups] == ["5个万亿级产业集群", "10个5000亿级产业集群", "20个千亿级产业集群"]


def test_item_without_code_uses_its_name_as_code_and_coded_items_keep_theirs():
    load_reference()

    assert ReferenceItem.objects.get(vocabulary__code="cluster_hubei_51020", name="激光").code == "激光"
    assert ReferenceItem.objects.get(vocabulary__code="unit_type", code="private").name == "民企"


def test_zhejiang_vocabulary_is_marked_partial_with_a_note():
    load_reference()

    zhejiang = Vocabulary.objects.get(code="cluster_zhejiang_415x")
    assert zhejiang.partial is True
    assert zhejiang.note.startswith("实施方案只列举了部分集群及领域")
    assert zhejiang.items.count() == 17


def test_load_returns_the_item_count_of_every_vocabulary():
    counts = load_reference()

    assert counts["cluster_hubei_51020"] == 35
    assert counts["cluster_zhejiang_415x"] == 17
    assert counts["unit_type"] == 6
    assert counts["verification_kind"] == 5
    assert counts["removal_cause"] == 8
    assert len(counts) == 17
    assert Vocabulary.objects.count() == 17


def test_reloading_is_idempotent():
    first = load_reference()
    vocabularies = Vocabulary.objects.count()
    items = sorted(ReferenceItem.objects.values_list("pk", "vocabulary__code", "code", "name", "position", "active"))

    second = load_reference()

    assert second == first
    assert Vocabulary.objects.count() == vocabularies
    assert sorted(
        ReferenceItem.objects.values_list("pk", "vocabulary__code", "code", "name", "position", "active")
    ) == items
    assert ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020").count() == 35


def test_an_item_removed_from_the_file_becomes_inactive_and_comes_back_when_listed_again(tmp_path):
    load_reference()
    original = DATA_FILE.read_text(encoding="utf-8")
    line = "      - {group: hundred_billion, name: 深空深海深地}\n"
    assert original.count(line) == 1
    edited = tmp_path / "vocabularies.yaml"
    edited.write_text(original.replace(line, ""), encoding="utf-8")
    kept = ReferenceItem.objects.get(vocabulary__code="cluster_hubei_51020", code="深空深海深地")

    counts = load_reference(path=edited)

    assert counts["cluster_hubei_51020"] == 34
    kept.refresh_from_db()
    assert kept.active is False
    assert ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020").count() == 35
    assert ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020", active=True).count() == 34

    load_reference()

    kept.refresh_from_db()
    assert kept.active is True
    assert ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020", active=True).count() == 35


def test_a_renamed_item_is_updated_in_place(tmp_path):
    load_reference()
    item = ReferenceItem.objects.get(vocabulary__code="unit_type", code="other")
    edited = tmp_path / "vocabularies.yaml"
    edited.write_text(
        DATA_FILE.read_text(encoding="utf-8").replace("{code: other, name: 其他}\n\n  - code: construction_mode",
                                                      "{code: other, name: 其他单位}\n\n  - code: construction_mode"),
        encoding="utf-8",
    )

    load_reference(path=edited)

    item.refresh_from_db()
    assert item.name == "其他单位"
    assert ReferenceItem.objects.filter(vocabulary__code="unit_type").count() == 6
