from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from tests.reviews.conftest import open_call, submitted  # noqa: F401  (fixtures shared with the review chain)

CHECKED = {"completeness": True, "conformity": True, "authenticity": True}


@pytest.fixture
def final_application(roles, submitted):  # noqa: F811
    """The complete example taken through the whole chain and its public notice: final."""
    from zhongshi.reviews.domain.act_on_application import (
        decide_application,
        forward_applications,
        review_application,
    )
    from zhongshi.reviews.domain.notices import close_notice, publish_notice

    review_application(user=roles["district"], application=submitted, action="recommend", opinion="同意",
                       checklist=CHECKED)
    forward_applications(user=roles["city"], applications=[submitted],
                         letter=SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes()))
    decide_application(user=roles["province"], application=submitted, approve=True, reasons="符合条件")
    now = timezone.now()
    notice = publish_notice(user=roles["province"], call=submitted.call, title="省级制造业中试平台公示",
                            text="公示期7天", starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=7))
    close_notice(notice=notice, user=roles["province"], now=notice.ends_at + timedelta(minutes=1))
    submitted.refresh_from_db()
    return submitted
