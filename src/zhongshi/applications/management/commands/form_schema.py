"""zhongshi form-schema FORM [--json] (contracts.md §1): the JSON Schema of a form version."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.core.management.base import ZhongshiCommand
from zhongshi.formversions.domain.build_json_schema import build_json_schema
from zhongshi.formversions.domain.formdef import UnknownFormError, list_forms, load_form


class Command(ZhongshiCommand):
    help = "Print the JSON Schema of a form version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("form")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            form = load_form(options["form"])
        except UnknownFormError as exc:
            raise CommandError(f"没有表单版本“{options['form']}”（现有：{', '.join(list_forms())}）", returncode=2) from exc
        schema = build_json_schema(form)
        # The schema is JSON either way; --json prints it compact for machines, without it indented for people.
        if options["as_json"]:
            self.stdout.write(json.dumps(schema, ensure_ascii=False))
        else:
            self.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2))
