"""A final approval makes a platform from the approved 申报书 (issue 10 §1)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhongshi.library.domain.enter_library import enter_library
from zhongshi.library.models import PilotPlatform


@pytest.mark.django_db
def test_the_end_of_the_notice_puts_the_platform_in_the_library(roles, final_application) -> None:
    platform = PilotPlatform.objects.get(source_application=final_application)
    host_org = roles["applicant"].host_org
    assert (platform.name, platform.credit_code, platform.host_org, platform.host_org_name) == (
        "高速光电子器件封装测试中试平台", host_org.credit_code, host_org, host_org.name)
    assert (platform.tier, platform.status, platform.division.code) == ("provincial", "active", "420171")
    assert platform.since == timezone.localdate(final_application.final_at)
    assert platform.clusters == ["光电子信息", "激光"]
    assert platform.verification_kinds == ["功能性能验证", "工艺验证", "生产验证"]
    assert [(s.position, s.name, s.kind) for s in platform.services.all()] == [
        (1, "高速光通信激光器芯片及光器件工艺改进", "性能工艺改进"),
        (2, "400G/800G光模块光引擎放大熟化", "工艺放大熟化"),
        (3, "高速光模块及光收发器件性能测试", "产品性能测试"),
        (4, "半导体激光器件及光模块可靠性试验", "产品性能测试"),
    ]
    assert platform.services.get(position=1).description == "共晶贴片精度：±1.5微米；共晶温度控制精度：±1℃；焊接空洞率：≤3%"
    assert (str(platform.service_revenue_wan), platform.enterprises_served, str(platform.equipment_value_wan),
            platform.fulltime_staff) == ("860.00", 5, "3280.00", 46)
    assert (platform.contact_name, platform.contact_phone, platform.contact_public) == ("王海涛", "027-87651236", False)
    version = platform.versions.get()
    assert (version.number, version.source, len(version.data["equipment"])) == (1, "application", 6)
    change = platform.tier_changes.get()
    assert (change.old_tier, change.new_tier, change.decided_by) == ("", "provincial", roles["province"])
    # once only
    assert enter_library(application=final_application) == platform
    assert PilotPlatform.objects.count() == 1
