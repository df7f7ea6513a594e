"""zhongshi import-application --call CODE FILE [--as USERNAME] (contracts.md §1): store as a draft."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from zhongshi.applications.domain.import_application import ImportRefusedError, ImportUnusableError, import_application
from zhongshi.applications.domain.queries.check_file import InputUnusableError, get_call, read_application_file
from zhongshi.audit.context import audit_context
from zhongshi.core.errors import DomainError
from zhongshi.core.management.base import ZhongshiCommand


class Command(ZhongshiCommand):
    help = "Store an application file as a draft of its host organisation (found by credit code)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--call", required=True)
        parser.add_argument("file")
        parser.add_argument("--as", dest="username")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call = get_call(options["call"])
            data = read_application_file(options["file"])
            # The audit entries of the import name the user of --as (none: the entries name no actor).
            actor = (get_user_model()._default_manager.filter(username=options["username"]).first()
                     if options["username"] else None)
            with audit_context(actor=actor):
                application = import_application(call=call, data=data, username=options["username"])
        except (InputUnusableError, ImportUnusableError) as exc:
            raise CommandError(exc.message, returncode=2) from exc
        except ImportRefusedError as exc:
            for issue in exc.result.errors:
                self.stderr.write(f"{issue.path}  [{issue.code}]  {issue.message}")
            raise CommandError(exc.message, returncode=1) from exc
        except DomainError as exc:
            raise CommandError(exc.message, returncode=1) from exc
        if options["as_json"]:
            self.stdout.write(json.dumps({"id": application.pk, "status": application.status,
                                          "host_org": application.host_org.credit_code}, ensure_ascii=False))
        else:
            self.stdout.write(f"已导入为草稿：编号 {application.pk}，依托单位 {application.host_org.name}")
