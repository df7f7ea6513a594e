"""An autosave runs the answers' checks once (issue 8 §3: it ran them twice, once to count the warnings the
save stores and once more for the reply)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.formversions.domain import check_answers as checks
from zhongshi.formversions.domain.formdef import load_form

AUTOSAVE = {"HTTP_X_AUTOSAVE": "1"}


@pytest.fixture
def counted(monkeypatch):
    """Count the calls of the real ``check_answers`` wherever the save and the reply reach it."""
    calls = []
    real = checks.check_answers

    def counting(form, answers, *args, **kwargs):
        calls.append(form.code)
        return real(form, answers, *args, **kwargs)

    monkeypatch.setattr(checks, "check_answers", counting)
    monkeypatch.setattr("zhongshi.applications.domain.queries.report.check_answers", counting)
    return calls


@pytest.mark.django_db
def test_an_autosave_checks_the_answers_once(roles, login, counted):
    draft = factories.application(roles["applicant"].host_org)
    url = reverse("applications:application_edit_section", args=[draft.pk, "foundation"])
    response = login(roles["applicant"]).post(url, {"_revision": "1", "foundation.networking_rate_pct": "120"},
                                              **AUTOSAVE)
    body = response.json()
    assert (response.status_code, body["ok"], body["revision"]) == (200, True, 2)
    assert ("foundation.networking_rate_pct", "above_max") in {(m["path"], m["code"]) for m in body["messages"]}
    assert counted == ["hubei-2026"]  # twice before
    draft.refresh_from_db()  # the stored warning count is that of the one check
    counted.clear()
    assert draft.warning_count == len(checks.check_answers(load_form("hubei-2026"), draft.answers).warnings)


@pytest.mark.django_db
def test_an_autosave_that_changes_nothing_still_checks_once(roles, login, counted):
    draft = factories.application(roles["applicant"].host_org)
    url = reverse("applications:application_edit_section", args=[draft.pk, "cover"])
    client = login(roles["applicant"])
    first = client.post(url, {"_revision": "1"}, **AUTOSAVE).json()
    counted.clear()
    again = client.post(url, {"_revision": str(first["revision"])}, **AUTOSAVE).json()
    assert again["ok"] and again["revision"] == first["revision"]
    assert counted == ["hubei-2026"]
