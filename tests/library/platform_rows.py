"""Platforms for the tests of the library's pages and lifecycle: one at a time, or many spread over Hubei
districts and two other provinces, with service items, versions, tier changes, change reports and support."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from tests import factories
from zhongshi.library.models import (
    ChangeReport,
    PilotPlatform,
    PlatformService,
    PlatformVersion,
    PolicySupport,
    TierChange,
)

_serial = itertools.count(1)
DISTRICTS = ("420171", "420111", "420502", "330106", "420106")
TIERS = ("provincial", "reserve", "key", "national")


def platform(*, host_org=None, district: str = "420171", tier: str = "provincial", name: str | None = None,
             clusters: list[str] | None = None, **extra) -> PilotPlatform:
    n = next(_serial)
    org = host_org or factories.HostOrgFactory(district=factories.region(district))
    values = {"name": name or f"测试中试平台{n}", "host_org_name": org.name, "credit_code": org.credit_code,
              "host_org": org, "division": org.district, "clusters": clusters if clusters is not None else ["新材料"],
              "verification_kinds": ["工艺验证"], "tier": tier, "since": date(2026, 1, 20),
              "contact_name": "张工", "contact_phone": "027-87654321", "service_revenue_wan": Decimal("1234.50"),
              "enterprises_served": 1200, "equipment_value_wan": Decimal("5600"), "fulltime_staff": 35,
              "version_count": 1}
    values.update(extra)
    p = PilotPlatform.objects.create(**values)
    PlatformVersion.objects.create(platform=p, number=1, source="application", data={})
    PlatformService.objects.create(platform=p, position=1, name="中试验证服务", kind="中试验证")
    TierChange.objects.create(platform=p, old_tier="", new_tier=tier, decided_on=date(2026, 1, 20), reason="入库")
    return p


def spread_platforms(count: int, *, with_history: bool = True) -> list[PilotPlatform]:
    """``count`` platforms in several districts and tiers, each with a change report and a support record."""
    made = []
    for _ in range(count):
        n = next(_serial)
        p = platform(district=DISTRICTS[n % len(DISTRICTS)], tier=TIERS[n % len(TIERS)], contact_public=n % 2 == 0)
        if with_history:
            ChangeReport.objects.create(platform=p, kind="rename", description="更名", new_name=f"新名称{n}",
                                        effective_on=date(2026, 5, 1))
            PolicySupport.objects.create(platform=p, kind="funds", granted_on=date(2026, 6, 1),
                                         amount_wan=Decimal("100"), source="省财政")
        made.append(p)
    return made


def grow_history(target: PilotPlatform, count: int) -> None:
    """More rows in one platform's history: versions, services, tier changes, reports, support."""
    for _ in range(count):
        n = next(_serial)
        target.version_count += 1
        PlatformVersion.objects.create(platform=target, number=target.version_count, source="quarterly", data={})
        PlatformService.objects.create(platform=target, position=n, name=f"服务{n}", kind="检验检测")
        TierChange.objects.create(platform=target, old_tier="provincial", new_tier="provincial",
                                  decided_on=date(2026, 2, 1), reason=f"调整{n}")
        ChangeReport.objects.create(platform=target, kind="other", description=f"事项{n}",
                                    effective_on=date(2026, 3, 1))
        PolicySupport.objects.create(platform=target, kind="land", granted_on=date(2026, 4, 1), source="市政府")
    target.save()
