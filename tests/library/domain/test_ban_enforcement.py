"""A removed platform's host organisation cannot apply for 3 years (seed 004 §二（四）): starting, importing,
checking (``check-application --on``) and submitting an application are all refused with the ban's last day."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.reviews.conftest import REQUIRED
from zhongshi.applications.domain.edit_application import create_application
from zhongshi.applications.domain.import_application import ImportRefusedError, import_application
from zhongshi.applications.domain.submit_application import NotSubmittableError, submit_application
from zhongshi.core.errors import DomainError
from zhongshi.library.domain.ban import compute_ban_end
from zhongshi.library.models import PilotPlatform


def _remove_platform_of(host_org, removed_on: date) -> None:
    PilotPlatform.objects.create(name="某某中试平台", host_org_name=host_org.name, credit_code=host_org.credit_code,
                                 host_org=host_org, division=host_org.district, tier="provincial",
                                 since=date(2025, 6, 30), status="removed", removed_on=removed_on,
                                 removal_cause="数据资料弄虚作假")


def _message(until: date, removed: date, code: str) -> str:
    return (f"该依托单位（{code}）在 {until.year}年{until.month}月{until.day}日（含）之前不得申报：其平台“某某中试平台”已于 "
            f"{removed.year}年{removed.month}月{removed.day}日移出平台库，被移出平台库的依托单位 3 年内不得再次申报"
            "（储备中试平台管理要求 二、（四））。")


@pytest.fixture
def banned(roles, open_call):
    """The 东湖 applicant's organisation lost a platform yesterday: banned for 3 years."""
    host_org = roles["applicant"].host_org
    removed = timezone.localdate() - timedelta(days=1)
    _remove_platform_of(host_org, removed)
    until = compute_ban_end(removed)  # its own exact tests: test_ban.py
    return host_org, removed, until


@pytest.mark.django_db
def test_starting_an_application_is_refused(roles, banned, open_call, login) -> None:
    host_org, removed, until = banned
    with pytest.raises(DomainError) as info:
        create_application(user=roles["applicant"], call=open_call)
    assert (info.value.code, info.value.message) == ("banned", _message(until, removed, host_org.credit_code))
    response = login(roles["applicant"]).post(reverse("applications:application_start", args=[open_call.code]),
                                              follow=True)
    assert _message(until, removed, host_org.credit_code) in response.content.decode()


@pytest.mark.django_db
def test_importing_is_refused(roles, banned, open_call) -> None:
    host_org, removed, until = banned
    with pytest.raises(ImportRefusedError) as info:
        import_application(call=open_call, data=factories.example_answers(host_org))
    assert info.value.message == _message(until, removed, host_org.credit_code)
    assert [(i.path, i.code) for i in info.value.result.errors] == [("basic.host_org.credit_code", "banned")]


@pytest.mark.django_db
def test_submitting_a_draft_started_before_the_removal_is_refused(roles, open_call) -> None:
    host_org = roles["applicant"].host_org
    application = factories.application(host_org)
    for key in REQUIRED:
        factories.evidence_file(application, requirement=key)
    _remove_platform_of(host_org, timezone.localdate())
    with pytest.raises(NotSubmittableError) as info:
        submit_application(user=roles["applicant"], application=application, base_revision=1)
    assert [(i.path, i.code) for i in info.value.report.errors] == [("basic.host_org.credit_code", "banned")]


@pytest.mark.django_db
def test_check_application_judges_on_the_given_day(roles, tmp_path, capsys) -> None:
    host_org = roles["applicant"].host_org
    _remove_platform_of(host_org, date(2028, 2, 29))
    path = tmp_path / "application.json"
    path.write_text(json.dumps(factories.example_answers(host_org), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_application", "--call", "hubei-2026-provincial", str(path), "--json", "--on",
                     "2031-02-28")
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [{"path": "basic.host_org.credit_code", "code": "banned",
                                 "message": _message(date(2031, 2, 28), date(2028, 2, 29), host_org.credit_code)}]
    call_command("check_application", "--call", "hubei-2026-provincial", str(path), "--json", "--on", "2031-03-01")
    assert json.loads(capsys.readouterr().out)["errors"] == []
