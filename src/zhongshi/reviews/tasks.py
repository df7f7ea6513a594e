"""Jobs of the review chain: the scheduled ones (Celery beat when a broker is configured; the commands
otherwise) and the large exports (queued with a broker, inline without)."""

from __future__ import annotations

from zhongshi.celery import task


@task()
def send_deadline_reminders_task() -> int:
    from zhongshi.reviews.domain.remind_deadlines import send_deadline_reminders

    return len(send_deadline_reminders().sent)


@task()
def close_ended_notices_task() -> int:
    from zhongshi.reviews.domain.notices import close_ended_notices

    return close_ended_notices()


@task()
def run_export_task(job_id: int) -> int:
    from zhongshi.reviews.domain.exports import run_export

    return run_export(job_id=job_id).done
