"""zhongshi close-ended-notices: close every ended public notice with no open objection (run daily)."""

from __future__ import annotations

from typing import Any

from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.reviews.domain.notices import close_ended_notices


class Command(ZhongshiCommand):
    help = "Close the public notices whose period has ended and whose objections are all handled."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"已结束 {close_ended_notices()} 个公示")
