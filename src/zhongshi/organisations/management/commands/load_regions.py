from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhongshi.core.errors import DomainError
from zhongshi.organisations.domain.load_regions import DATA_FILE, load_region_file


class Command(BaseCommand):
    help = "Load administrative divisions (code,name,level,parent_code,kind CSV) and their authorities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(DATA_FILE), help="CSV file (default: the built-in one)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            count = load_region_file(path=Path(str(options["file"])))
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(f"{count}")
