from django.core.management.base import BaseCommand, CommandParser

from zhongshi.demo.domain.load_demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the fictional demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: object, **options: object) -> None:
        logins = load_demo()
        if options["quiet"]:
            return
        self.stdout.write("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role:<16} {login.organisation}")
