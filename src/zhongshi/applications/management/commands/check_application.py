"""zhongshi check-application --call CODE FILE [--json] (contracts.md §1): validates, writes nothing."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from zhongshi.applications.domain.queries.check_file import (
    InputUnusableError,
    check_application_data,
    get_call,
    parse_day,
    read_application_file,
)
from zhongshi.core.management.base import ZhongshiCommand


class Command(ZhongshiCommand):
    help = "Validate an application file against a call's form and conditions; exit 1 when it fails."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--call", required=True)
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--on", dest="on", metavar="YYYY-MM-DD",
                            help="Judge as on this day (the ban after a removal); default: today, Asia/Shanghai.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call = get_call(options["call"])
            data = read_application_file(options["file"])
            on = parse_day(options["on"]) if options["on"] else None
        except InputUnusableError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        report = check_application_data(call, data, on=on)
        if options["as_json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"申报通知：{report['call']}  表单版本：{report['form']}")
            self.stdout.write(f"可以提交：{'是' if report['submittable'] else '否'}  "
                              f"符合申报条件：{'是' if report['eligible'] else '否'}")
            for title, key in (("错误", "errors"), ("提醒", "warnings")):
                self.stdout.write(f"{title}（{len(report[key])}）")
                for issue in report[key]:
                    self.stdout.write(f"  {issue['path']}  [{issue['code']}]  {issue['message']}")
            for condition in report["conditions"]:
                mark = {True: "符合", False: "不符合", None: "无法判断"}[condition["passed"]]
                self.stdout.write(f"  {condition['clause']} {mark}：{condition['message']}")
        if not (report["submittable"] and report["eligible"]):
            raise SystemExit(1)
