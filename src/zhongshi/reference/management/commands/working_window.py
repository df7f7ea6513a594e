import json
import re

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhongshi.core.errors import DomainError
from zhongshi.reference.domain.working_days import last_working_days

MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


def _positive_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CommandError(f"--last 应为正整数，而不是“{value}”", returncode=2) from None


class Command(BaseCommand):
    help = "Print the last N (default 5) working days of a month (YYYY-MM), by the official calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="the month, as YYYY-MM")
        parser.add_argument("--last", default="5", help="how many working days (default 5)")
        parser.add_argument("--json", action="store_true", help='print {"month": …, "days": […]}')

    def handle(self, *args: object, **options: object) -> None:
        text = str(options["month"])
        match = MONTH.fullmatch(text)
        if match is None or not 1 <= int(match["month"]) <= 12 or int(match["year"]) < 1:
            raise CommandError(f"月份应写成 YYYY-MM（例如 2026-06），而不是“{text}”", returncode=2)
        year, month = int(match["year"]), int(match["month"])
        count = _positive_int(str(options["last"]))
        if count < 1:
            raise CommandError(f"--last 应为正整数，而不是“{options['last']}”", returncode=2)
        try:
            days = last_working_days(year, month, count)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if options["json"]:
            result = {"month": f"{year:04d}-{month:02d}", "days": [day.isoformat() for day in days]}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            for day in days:
                self.stdout.write(day.isoformat())
