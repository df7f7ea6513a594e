"""zhongshi export-application ID --format json|docx|pdf -o OUT (contracts.md §1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.applications.domain.queries.export import FORMATS, export_application
from zhongshi.applications.models import Application
from zhongshi.core.management.base import ZhongshiCommand


class Command(ZhongshiCommand):
    help = "Write one application as JSON, .docx or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args: Any, **options: Any) -> None:
        from zhongshi.applications.interfaces.export_pdf import PdfUnavailable

        application = None
        if re.fullmatch(r"[0-9]{1,18}", str(options["id"])):
            application = Application.objects.select_related("call", "host_org").filter(pk=int(options["id"])).first()
        if application is None:
            raise CommandError(f"没有编号为 {options['id']} 的申报书", returncode=2)
        try:
            exported = export_application(application, options["format"])
        except PdfUnavailable as exc:
            raise CommandError(str(exc), returncode=2) from exc
        try:
            Path(options["output"]).write_bytes(exported.content)
        except OSError as exc:
            raise CommandError(f"无法写入 {options['output']}：{exc}", returncode=2) from exc
        if options["as_json"]:
            import json

            self.stdout.write(json.dumps({"id": application.pk, "format": options["format"],
                                          "output": options["output"], "bytes": len(exported.content)}))
        else:
            self.stdout.write(f"已导出 {options['output']}（{len(exported.content):,} 字节）")
