from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_platform(*, name: str = "武汉光谷储备中试平台", tier: str = "reserve", district: str = "420171",
                  host_org=None, credit_code: str | None = None):
    from zhongshi.library.models import PilotPlatform

    code = host_org.credit_code if host_org is not None else (credit_code or factories.credit_code())
    return PilotPlatform.objects.create(name=name, host_org_name=host_org.name if host_org else "测试依托单位",
                                        credit_code=code, host_org=host_org, division=factories.region(district),
                                        tier=tier, since=date(2025, 12, 31))


def pdf_upload(name: str = "汇总表盖章扫描件.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, factories.pdf_bytes("summary"), content_type="application/pdf")


@pytest.fixture
def reserve_at_province(roles):
    """A reserve application of the 东湖 applicant, submitted in the window of June 2026 and recommended up to the
    province (the deadlines are lifted: the test runs after that window)."""
    call = factories.call("miit-reserve")
    call.chain = [{"level": level, "deadline": None} for level in ("district", "city", "province")]
    call.save()
    return factories.application(roles["applicant"].host_org, call_code="miit-reserve", status="submitted",
                                 current_level="province", round=1,
                                 submitted_at=datetime(2026, 6, 26, 10, 0, tzinfo=SHANGHAI))
