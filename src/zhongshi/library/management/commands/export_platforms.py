"""zhongshi export-platforms [--area CODE] [--tier TIER] -o FILE (contracts.md §4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.library.domain.queries.export_platforms import TIERS, export_platforms_text, select_platforms
from zhongshi.organisations.models import Region


class Command(ZhongshiCommand):
    help = "Write the platforms the filters select (removed ones included) as a platform list file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", help="GB/T 2260 code of a division: its whole subtree.")
        parser.add_argument("--tier", help="provincial, reserve, key or national.")
        parser.add_argument("-o", "--output", required=True, dest="output")

    def handle(self, *args: Any, **options: Any) -> None:
        area = None
        if options["area"]:
            area = Region.objects.filter(code=options["area"].strip()).first()
            if area is None:
                raise CommandError(f"未知的行政区划代码 {options['area']}（应为 GB/T 2260 代码，如 420000）。",
                                   returncode=2)
        if options["tier"] and options["tier"] not in TIERS:
            raise CommandError(f"未知的平台层级 {options['tier']}（可选：{', '.join(TIERS)}）。", returncode=2)
        text = export_platforms_text(select_platforms(area=area, tier=options["tier"]))
        try:
            Path(options["output"]).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"无法写入 {options['output']}：{exc}", returncode=2) from exc
