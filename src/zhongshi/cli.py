"""The ``zhongshi`` command: Django management commands with the project's settings.

``zhongshi check-application …`` runs the management command ``check_application``. With the embedded
SQLite database, pending migrations are applied first, so every command works on a fresh machine.
"""

from __future__ import annotations

import os
import sys


def _is_embedded() -> bool:
    from django.conf import settings

    return bool(settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3")


def _ensure_data_dir() -> None:
    """The embedded SQLite database lives in ZHONGSHI_DATA_DIR (var/ in a checkout): create it if needed."""
    from pathlib import Path

    from django.conf import settings

    if _is_embedded():
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def _ensure_migrated() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if not _is_embedded():
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    _ensure_data_dir()
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
        if argv[1] not in {"migrate", "makemigrations", "help", "version", "test", "shell"}:
            _ensure_migrated()
    argv[0] = "zhongshi"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
