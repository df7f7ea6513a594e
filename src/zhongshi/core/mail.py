"""The embedded mode's e-mail backend: Django's console backend, writing to stderr, so that the JSON a
command prints on stdout (contracts.md §1) is never mixed with a notification e-mail."""

from __future__ import annotations

import sys
from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class StderrEmailBackend(ConsoleEmailBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)
