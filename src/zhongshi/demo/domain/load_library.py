"""Demo data of the platform library: the example platform list (examples/platforms.json, contracts §4),
imported as a province would, so that every library page has something to show right after `run.sh`."""

from __future__ import annotations

import copy
import json
from typing import Any

from zhongshi.accounts.models import User
from zhongshi.config.env import REPO_DIR

PLATFORM_FILE = REPO_DIR / "examples" / "platforms.json"


def load_demo_platforms() -> int:
    """Import the example list (idempotent: a second run creates nothing). Returns how many were created."""
    from zhongshi.library.domain.import_platforms import import_platforms

    if not PLATFORM_FILE.exists():
        return 0
    data = json.loads(PLATFORM_FILE.read_text(encoding="utf-8"))
    result = import_platforms(data=data, user=User.objects.filter(username="miit").first(),
                              source_name=PLATFORM_FILE.name)
    if result.errors:
        raise RuntimeError(f"examples/platforms.json does not import: {result.errors[:3]}")
    return result.created


DEMO_EQUIPMENT = [
    {"name": "电动振动试验系统", "model": "ES-35", "quantity": 1, "value_wan": 420},
    {"name": "高低温湿热试验箱", "model": "TH-1000", "quantity": 2, "value_wan": 186},
]


def _completed(answers: dict[str, Any], *, revenue: float, served: int, staff: int, summary: str) -> dict[str, Any]:
    """A demo update's answers: the prefilled ones with this quarter's load and figures entered."""
    answers = copy.deepcopy(answers)
    answers["load"] = {"operating_days": 58, "utilisation_pct": 72, "projects": 9}
    answers["capacity"] = {**answers.get("capacity", {}), "service_revenue_wan": revenue, "enterprises_served": served}
    for row in answers["capacity"].get("service_items") or []:  # an imported item names no products yet
        row.setdefault("products", row.get("kind_other") or row.get("kind") or "")
    if not answers["capacity"].get("service_items"):
        answers["capacity"]["service_items"] = [{"kind": "性能测试", "products": "光模块", "parameters": "速率：800G"}]
    answers["resources"] = {**answers.get("resources", {}), "equipment_value_wan": 606, "fulltime_staff": staff,
                            "equipment": answers.get("resources", {}).get("equipment") or DEMO_EQUIPMENT}
    answers["summary"] = {"text": summary}
    return answers


def load_demo_updates() -> None:
    """guangxin: the update of 2026 Q3, submitted after its window (recorded late) and accepted by hubei (data
    version 2); xincailiao: a real-time update waiting for hubei's review (seed 004 §二（三）)."""
    from zhongshi.library.domain.periods import period_for
    from zhongshi.library.domain.quarterly_update import accept_update, save_update, start_update, submit_update
    from zhongshi.library.models import PilotPlatform, QuarterlyUpdate

    province = User.objects.filter(username="hubei").first()
    for username, realtime, accept in (("guangxin", False, True), ("xincailiao", True, False)):
        user = User.objects.filter(username=username).first()
        if user is None or province is None or user.host_org is None:
            continue
        platform = PilotPlatform.objects.filter(credit_code=user.host_org.credit_code, status="active").first()
        if platform is None or QuarterlyUpdate.objects.filter(platform=platform).exists():
            continue
        period = None if realtime else period_for(year=2026, quarter=3)
        update = start_update(user=user, platform=platform, period=period, realtime=realtime)
        answers = _completed(update.answers, revenue=312.5 if accept else 268, served=7 if accept else 4,
                             staff=38 if accept else 26,
                             summary="第三季度完成光模块可靠性试验 9 项，新增服务企业 2 家。" if accept
                             else "新增盐雾试验箱一台，服务能力提升，实时更新。")
        update = save_update(user=user, update=update, answers=answers, base_revision=update.revision)
        update = submit_update(user=user, update=update)
        if accept:
            accept_update(user=province, update=update)
