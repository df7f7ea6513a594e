"""Scheduled jobs of the library (Celery beat when a broker is configured; the commands otherwise)."""

from __future__ import annotations

from zhongshi.celery import task


@task()
def send_update_reminders_task() -> int:
    from zhongshi.library.domain.remind_updates import send_update_reminders

    return len(send_update_reminders().sent)
