"""Background jobs of notifications: sending one e-mail (inline unless CELERY_BROKER_URL is set)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from zhongshi.celery import task

EMAIL_SUBJECT_PREFIX = "【制造业中试平台】"


def email_subject(title: str) -> str:
    """【制造业中试平台】{title}, on one line (a header never holds a line break)."""
    return f"{EMAIL_SUBJECT_PREFIX}{' '.join(title.split())}"


def email_text(*, name: str, title: str, body: str, url: str, settings_url: str) -> str:
    parts = [_("Dear %(name)s,") % {"name": name}, title]
    if body.strip():
        parts.append(body.strip())
    parts.append(_("Open it in the system: %(url)s") % {"url": url})
    parts.append(_("This e-mail was sent automatically by %(system)s; please do not reply to it. You choose which "
                   "notifications you receive by e-mail in your notification settings: %(settings_url)s")
                 % {"system": settings.ZHONGSHI_SYSTEM_NAME, "settings_url": settings_url})
    return "\n\n".join(parts) + "\n"


@task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=3)
def send_notification_email(*, to: str, name: str, title: str, body: str, url: str, settings_url: str) -> int:
    """Send one notification to one address (one message per recipient: no one sees the others)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = email_text(name=name, title=title, body=body, url=url, settings_url=settings_url)
    return send_mail(email_subject(title), message, None, [to], fail_silently=False)
