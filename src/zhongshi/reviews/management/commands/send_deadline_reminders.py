"""zhongshi send-deadline-reminders: remind authorities before their level's deadline (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.reviews.domain.remind_deadlines import send_deadline_reminders


class Command(ZhongshiCommand):
    help = "Send the reminders of deadlines that are 5, 3 or 1 working days away."

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_deadline_reminders()
        for line in run.sent:
            self.stdout.write(f"已提醒：{line}")
        if run.errors:
            raise CommandError("\n".join(run.errors), returncode=2)
        self.stdout.write(f"共发送 {len(run.sent)} 条截止提醒")
