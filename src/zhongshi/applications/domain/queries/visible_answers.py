"""What a reader sees of an application's answers: its own organisation sees the working copy; everyone
else sees what was submitted, so that a returned application being revised stays private until it is
submitted again (drafts are the organisation's own)."""

from __future__ import annotations

from typing import Any

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application


def visible_answers(application: Application, user: Any) -> dict[str, Any]:
    own = getattr(user, "host_org_id", None) == application.host_org_id
    if own or application.status != ApplicationStatus.RETURNED:
        return application.answers
    last = application.rounds.order_by("-number").first()
    return last.answers if last is not None else application.answers
