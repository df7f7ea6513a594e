from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

CODE_A = "91420111MA4K0001AN"
CODE_B = "91420502MA4K0002BE"


def platform_entry(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": "武汉光电子器件中试平台",
        "host_org": {"name": "武汉某某光电股份有限公司", "credit_code": CODE_A},
        "division": "420111",
        "clusters": ["光电子信息"],
        "verification_kinds": ["工艺验证", "生产验证"],
        "tier": "provincial",
        "since": "2025-06-30",
        "status": "active",
        "removed_on": None,
        "removal_cause": None,
        "services": [{"name": "振动冲击测试", "kind": "产品性能测试", "description": "最大加速度 100g",
                      "keywords": ["振动", "冲击"]}],
    }
    entry.update(overrides)
    return entry


def sample_file() -> dict[str, Any]:
    """Three platforms: two of host A (one removed on the leap day), one of host B in another city."""
    return {"platforms": [
        platform_entry(),
        platform_entry(name="武汉光芯片封装中试平台", status="removed", removed_on="2028-02-29",
                       removal_cause="数据资料弄虚作假", since="2025-01-15", tier="reserve",
                       services=[]),
        platform_entry(name="宜昌精细化工中试基地", host_org={"name": "宜昌某某化工有限公司", "credit_code": CODE_B},
                       division="420502", clusters=["现代化工", "原材料工业"], verification_kinds=["工艺验证"],
                       tier="key", services=[
                           {"name": "公斤级放大", "kind": "工艺放大熟化", "description": "", "keywords": []},
                           {"name": "小批量试产", "kind": "小批量试生产", "description": "年产 50 吨",
                            "keywords": ["试产"]}]),
    ]}


@pytest.fixture
def write_file(tmp_path):
    def write(data: Any, name: str = "platforms.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(copy.deepcopy(data), ensure_ascii=False), encoding="utf-8")
        return path
    return write
