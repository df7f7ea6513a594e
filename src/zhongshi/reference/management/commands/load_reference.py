from django.core.management.base import BaseCommand

from zhongshi.reference.domain.load_reference import load_reference


class Command(BaseCommand):
    help = "Load the reference vocabularies (clusters, service kinds, unit types …) from the repository."

    def handle(self, *args: object, **options: object) -> None:
        counts = load_reference()
        for code, count in counts.items():
            self.stdout.write(f"{code}: {count}")
