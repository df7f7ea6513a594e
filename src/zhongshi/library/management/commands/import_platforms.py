"""zhongshi import-platforms FILE [--dry-run] [--json] (contracts.md §4): all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.applications.domain.queries.check_file import InputUnusableError, read_application_file
from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.library.domain.import_platforms import import_platforms


class Command(ZhongshiCommand):
    help = "Import a platform list file (contracts §4): every error listed and nothing stored, or all stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", dest="dry_run",
                            help="Validate and count, store nothing.")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_application_file(options["file"])
        except InputUnusableError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        result = import_platforms(data=data, dry_run=options["dry_run"], source_name=Path(options["file"]).name)
        if options["as_json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        elif result.errors:
            self.stdout.write(f"导入失败：发现 {len(result.errors)} 处错误，未保存任何平台。")
            for issue in result.errors:
                self.stdout.write(f"  {issue.path}  [{issue.code}]  {issue.message}")
        else:
            verb = "校验通过（试运行，未保存）：将" if options["dry_run"] else "导入完成："
            self.stdout.write(f"{verb}新增 {result.created} 个平台，更新 {result.updated} 个，"
                              f"未变 {result.unchanged} 个。")
        if result.errors:
            raise SystemExit(1)
