"""Celery application: used when CELERY_BROKER_URL is set, otherwise tasks run inline.

Celery is imported only when it is needed: by a worker or beat (``celery -A zhongshi``, which reads this
module's ``app``) or when a task is first queued. Plain commands (``zhongshi check-application`` …) never
import it. Tasks are declared with ``@task(...)``: the function stays callable as it is, ``.delay(...)``
queues it (or, without a broker, runs it inline through Celery's eager mode).
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")

_app: Celery | None = None
_TASKS: list[LazyTask] = []


def get_app() -> Celery:
    """The Celery application, made (and every declared task registered on it) on first use."""
    global _app
    if _app is None:
        from celery import Celery

        app = Celery("zhongshi")
        app.config_from_object("django.conf:settings", namespace="CELERY")
        app.autodiscover_tasks()
        _app = app
        for declared in _TASKS:
            declared.register(app)
    return _app


def __getattr__(name: str) -> Any:  # ``zhongshi.celery.app``, as ``celery -A zhongshi`` asks for it
    if name == "app":
        return get_app()
    raise AttributeError(name)


class LazyTask:
    """A function declared as a Celery task without importing Celery until it is queued."""

    def __init__(self, function: Any, options: dict[str, Any]) -> None:
        functools.update_wrapper(self, function)
        self.function = function
        self.options = options
        self._task: Any = None

    def register(self, app: Celery) -> Any:
        if self._task is None:
            name = f"{self.function.__module__}.{self.function.__name__}"
            self._task = app.task(name=name, **self.options)(self.function)
        return self._task

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function(*args, **kwargs)

    def delay(self, *args: Any, **kwargs: Any) -> Any:
        return self.register(get_app()).delay(*args, **kwargs)


def task(**options: Any) -> Any:
    """``@task(autoretry_for=…, …)``: declare a Celery task (options as ``app.task`` takes them)."""

    def decorator(function: Any) -> LazyTask:
        declared = LazyTask(function, options)
        _TASKS.append(declared)
        if _app is not None:
            declared.register(_app)
        return declared

    return decorator
