from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import factories

V1_DATA = {
    "service_revenue_wan": "860", "enterprises_served": 5, "equipment_value_wan": "3280", "fulltime_staff": 46,
    "clusters": ["光电子信息", "激光"],
    "services": [{"name": "光模块性能测试", "kind": "产品性能测试", "description": "速率：800G", "keywords": ["光模块"]}],
    "equipment": [{"name": "共晶贴片机", "model": "FC-300", "quantity": 2, "brand": "某品牌", "value_wan": "480"}],
}

Q1_OPEN = date(2026, 3, 25)  # the first day of 2026 Q1's window
Q1_BEFORE = date(2026, 3, 20)
Q1_LATE = date(2026, 4, 2)


def make_platform(host_org: Any = None, *, division: str = "420171", tier: str = "provincial", name: str = "",
                  number: int = 0) -> Any:
    from zhongshi.library.domain.enter_library import add_version, replace_services
    from zhongshi.library.models import PilotPlatform

    region = factories.region(division)
    platform = PilotPlatform.objects.create(
        name=name or f"中试平台{number or ''}", host_org_name=host_org.name if host_org else f"依托单位{number}",
        credit_code=host_org.credit_code if host_org else factories.credit_code(), host_org=host_org,
        division=region, tier=tier, since=date(2025, 6, 1))
    replace_services(platform, V1_DATA["services"])
    add_version(platform=platform, data=dict(V1_DATA), source="import")
    return platform


def filled(update: Any, **changes: Any) -> dict[str, Any]:
    """The update's prefilled answers completed: the load and the summary entered, ``changes`` applied
    (``section.key`` → value)."""
    answers = {key: (dict(value) if isinstance(value, dict) else value) for key, value in update.answers.items()}
    answers["load"] = {"operating_days": 60, "utilisation_pct": 75, "projects": 12}
    answers["summary"] = {"text": "本季度运行平稳。"}
    answers["capacity"] = {**answers["capacity"],
                           "service_items": [{"kind": "性能测试", "products": "800G光模块", "parameters": "速率：800G"}]}
    for path, value in changes.items():
        section, key = path.split(".")
        answers.setdefault(section, {})[key] = value
    return answers


@pytest.fixture
def platform(roles):
    return make_platform(roles["applicant"].host_org, name="高速光电子器件封装测试中试平台")
