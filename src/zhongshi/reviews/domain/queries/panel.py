"""The review chain's panel on an application's page: where it stands, what is expected, every opinion."""

from __future__ import annotations

from typing import Any

from zhongshi.applications.domain.queries.panels import Panel
from zhongshi.applications.models import Application
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.reviews.domain.queries.status import describe_status


def status_panel(application: Application, user: Any) -> Panel:
    form = load_form(application.form_code)
    labels = {section.key: section.label for section in form.sections}
    steps = []
    for step in application.steps.select_related("authority").order_by("acted_at", "pk"):
        steps.append({"step": step, "reasons": [(labels.get(k, k), v) for k, v in step.return_reasons.items()]})
    return Panel("reviews/status_panel.html", {
        "status": describe_status(application), "steps": steps,
        "can_compare": application.rounds.count() > 1,
    })
