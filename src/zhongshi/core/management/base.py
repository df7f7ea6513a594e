"""Base of the project's commands: they speak the interface's language (Chinese), not Django's default
English for management commands."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class ZhongshiCommand(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
