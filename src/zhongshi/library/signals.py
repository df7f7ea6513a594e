from __future__ import annotations

from typing import Any

from zhongshi.applications.models import Application


def on_application_final(sender: Any, *, application: Application, user: Any = None, **kwargs: Any) -> None:
    from zhongshi.library.domain.enter_library import enter_library

    enter_library(application=application, user=user)
