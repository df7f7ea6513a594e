"""zhongshi platform-status CREDIT_CODE [--on YYYY-MM-DD] --json (contracts.md §4)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from zhongshi.applications.domain.queries.check_file import InputUnusableError, parse_day
from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.library.domain.queries.platform_status import platform_status
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code


class Command(ZhongshiCommand):
    help = "The platforms of a host organisation and the last day of its ban, if it is banned."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("credit_code")
        parser.add_argument("--on", dest="on", metavar="YYYY-MM-DD",
                            help="Judge as on this day; default: today, Asia/Shanghai.")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args: Any, **options: Any) -> None:
        code = normalise_credit_code(options["credit_code"])
        try:
            validate_credit_code(code)
            on = parse_day(options["on"]) if options["on"] else None
        except ValidationError as exc:
            raise CommandError(f"{options['credit_code']}：{' '.join(str(m) for m in exc.messages)}",
                               returncode=2) from exc
        except InputUnusableError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        status = platform_status(credit_code=code, on=on)
        if options["as_json"]:
            self.stdout.write(json.dumps(status, ensure_ascii=False))
            return
        labels = {"active": "在库", "removed": "已移出"}
        self.stdout.write(f"统一社会信用代码：{status['credit_code']}")
        for row in status["platforms"]:
            self.stdout.write(f"  {row['name']}  {row['tier']}  {labels.get(row['status'], row['status'])}")
        if not status["platforms"]:
            self.stdout.write("  （库中没有该单位的平台）")
        until = status["banned_until"]
        self.stdout.write(f"禁止申报至 {until}（含当日）" if until else "未处于禁止申报期")
