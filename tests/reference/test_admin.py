"""src/zhongshi/reference/admin.py: an administrator extends the holiday calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.reference.domain.working_days import last_working_days
from zhongshi.reference.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_an_administrator_enters_a_year_and_its_holidays(login):
    client = login(factories.admin_user())

    response = client.post(reverse("admin:reference_calendaryear_add"), {"year": "2027", "complete": "on", "note": ""})
    assert response.status_code == 302
    response = client.post(
        reverse("admin:reference_calendarday_add"),
        {"day": "2027-12-31", "is_working_day": "", "name": "元旦", "note": "国务院办公厅通知"},
    )
    assert response.status_code == 302

    assert CalendarYear.objects.get().complete is True
    assert CalendarDay.objects.get().is_working_day is False
    assert last_working_days(2027, 12, 1) == [date(2027, 12, 30)]
    for name in ("reference_calendarday_changelist", "reference_calendaryear_changelist"):
        assert client.get(reverse(f"admin:{name}")).status_code == 200
