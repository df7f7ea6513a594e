"""zhongshi send-update-reminders: remind host organisations of the quarterly update (run daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.library.domain.remind_updates import send_update_reminders


class Command(ZhongshiCommand):
    help = ("Remind the host organisations of active platforms that have not submitted the quarter's update: "
            "3 working days before the window, on its first and on its last day (each once).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"日期格式应为 YYYY-MM-DD，而不是“{options['today']}”", returncode=2) from exc
        run = send_update_reminders(today)
        for line in run.sent:
            self.stdout.write(f"已提醒：{line}")
        if run.errors:
            raise CommandError("\n".join(run.errors), returncode=2)
        self.stdout.write(f"共发送 {len(run.sent)} 条季度更新提醒")
