"""Experts, rounds and sheets for the tests of expert evaluation (real rows, the shipped example systems)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from tests import factories
from zhongshi.organisations.models import Expert, HostOrg
from zhongshi.reference.models import ReferenceItem, Vocabulary

PER_INDICATOR_FULL = {  # a complete sheet of the provincial example: every indicator scored 8
    code: {"score": "8", "comment": ""} for code in (
        "strategy_fit", "direction_fit", "facilities", "team", "roadmap", "autonomy", "service_revenue",
        "enterprises", "management", "service_rules", "plan", "funding")
}


def cluster(name: str) -> ReferenceItem:
    vocabulary, _ = Vocabulary.objects.get_or_create(code="cluster_hubei_51020", defaults={"name": "产业集群"})
    item = ReferenceItem.objects.filter(vocabulary=vocabulary, name=name).first()
    return item or ReferenceItem.objects.create(vocabulary=vocabulary, code=name, name=name)


def make_expert(name: str, *, region: str = "420102", organisation: str = "某大学", host_org: HostOrg | None = None,
                clusters: Iterable[str] = (), declared: Iterable[str] = (), available: bool = True,
                active: bool = True) -> Expert:
    from zhongshi.experts.models import ExpertProfile

    user = factories.UserFactory(role="expert", full_name=name)
    expert = Expert.objects.create(user=user, name=name, title="教授", organisation=organisation,
                                   host_org=host_org, region=factories.region(region), active=active)
    expert.clusters.set([cluster(c) for c in clusters])
    if declared or not available:
        ExpertProfile.objects.create(expert=expert, declared_conflicts=list(declared), available=available)
    return expert


@pytest.fixture
def province(db):
    return factories.reviewer("420000", username="hubei_org")


@pytest.fixture
def chair(db):
    return factories.reviewer("420000", username="hubei_chair")


@pytest.fixture
def systems(db):
    from zhongshi.experts.domain.indicator_systems import install_example_systems

    return install_example_systems()


@pytest.fixture
def make_round(province, chair, systems):
    """make_round(applications, per_item=…, same_district=…) -> an open provincial round over them."""
    from zhongshi.experts.models import EvaluationRound, RoundItem

    def _make(applications: list[Any], *, per_item: int = 2, same_district: bool = True) -> EvaluationRound:
        evaluation_round = EvaluationRound.objects.create(
            title="2026年省级中试平台专家评审", organiser=province.authority, kind="application_review",
            call=applications[0].call if applications else None, system=systems[0], experts_per_item=per_item,
            exclude_same_district=same_district, chair=chair)
        for application in applications:
            RoundItem.objects.create(round=evaluation_round, application=application)
        return evaluation_round

    return _make


@pytest.fixture
def host(db):
    """A host organisation in 东湖 (420171) with one registered partner."""
    org = factories.HostOrgFactory(name="武汉光芯科技有限公司", district=factories.region("420171"))
    factories.PartnerOrgFactory(host_org=org, name="华中光电研究所", credit_code=factories.credit_code("12420000MB"))
    return org


@pytest.fixture
def submitted_application(host):
    """The complete example of ``host``, submitted; its 联合单位 answer names 江城光电技术研究院 and
    湖北楚光半导体材料有限公司, its clusters are 光电子信息 and 激光."""
    return factories.application(host, status="submitted")
