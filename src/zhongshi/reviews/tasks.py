"""Scheduled jobs of the review chain (Celery beat when a broker is configured; the command otherwise)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def send_deadline_reminders_task() -> int:
    from zhongshi.reviews.domain.remind_deadlines import send_deadline_reminders

    return len(send_deadline_reminders().sent)


@shared_task
def close_ended_notices_task() -> int:
    from zhongshi.reviews.domain.notices import close_ended_notices

    return close_ended_notices()
