"""The review chain's one module: deadline rules resolved by the working-days calendar, rounds, extensions and
who acts, for the built-in calls of seeds 000 and 004."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories
from zhongshi.calls.domain.chain import (
    Round,
    acting_levels,
    call_rounds,
    chain_deadline,
    chain_steps,
    describe_rule,
    effective_deadline,
    ensure_before_deadline,
    first_level,
    forget_calendar,
    grant_extension,
    is_deciding_level,
    next_level,
    parse_rule,
    resolve_rule,
    round_at,
    submission_window,
)
from zhongshi.core.errors import DomainError
from zhongshi.reference.domain.working_days import CalendarUnknown
from zhongshi.reference.models import CalendarDay

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    forget_calendar()
    yield
    forget_calendar()  # a test's calendar rows are rolled back without a signal


def test_the_reserve_call_has_a_june_and_a_december_round_in_the_last_five_working_days() -> None:
    call = factories.call("miit-reserve")
    assert call_rounds(call) == [Round(2026, 6), Round(2026, 12)]
    december = moment("2026-12-20T10:00")
    for level in ("district", "city", "province"):
        assert chain_deadline(call, level, at=december) == moment("2026-12-31T23:59:59")
        assert chain_deadline(call, level, at=moment("2026-06-01T00:00")) == moment("2026-06-30T23:59:59")
    assert chain_deadline(call, "ministry", at=december) is None
    window = submission_window(call, at=december)
    assert window is not None
    assert window.days == (date(2026, 12, 25), date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30),
                           date(2026, 12, 31))
    assert window.opens == date(2026, 12, 25)
    assert window.closes == moment("2026-12-31T23:59:59")
    june = submission_window(call, at=moment("2026-06-10T09:00"))
    assert june is not None and june.days == (date(2026, 6, 24), date(2026, 6, 25), date(2026, 6, 26),
                                              date(2026, 6, 29), date(2026, 6, 30))
    # The district no longer closes (12-24) before the window opens (12-25).
    assert chain_deadline(call, "district", at=december).date() >= window.opens  # type: ignore[union-attr]


def test_the_round_in_effect_is_the_first_whose_month_has_not_ended() -> None:
    call = factories.call("miit-reserve")
    assert round_at(call, moment("2026-03-01T00:00")) == Round(2026, 6)
    assert round_at(call, moment("2026-06-30T23:59:59")) == Round(2026, 6)
    assert round_at(call, moment("2026-07-01T00:00")) == Round(2026, 12)
    assert round_at(call, moment("2027-02-01T00:00")) == Round(2026, 12)  # after the last: the last
    assert round_at(factories.call(), moment("2026-07-01T00:00")) is None


def test_the_hubei_call_has_the_seeds_district_deadline_and_no_invented_city_deadline() -> None:
    call = factories.call()
    assert call.chain == [{"level": "district", "deadline": "2026-01-28T23:59:59+08:00"},
                          {"level": "city", "deadline": None}, {"level": "province", "deadline": None}]
    assert chain_deadline(call, "district") == moment("2026-01-28T23:59:59")
    assert chain_deadline(call, "city") is None
    assert chain_deadline(call, "province") is None
    assert submission_window(call) is None


def test_make_up_working_days_and_holidays_shape_the_window() -> None:
    rule = parse_rule({"last_working_days": 5})
    # 2026-02-28 is a Saturday and a 春节 make-up working day (调休上班): the window ends on it.
    assert resolve_rule(rule, (2026, 2)) == moment("2026-02-28T23:59:59")
    # 2026-09-25 (Fri) is 中秋: the window skips it and starts on 09-23.
    september = parse_rule({"last_working_days": 5, "month": "2026-09"})
    assert september is not None
    assert resolve_rule(september, None) == moment("2026-09-30T23:59:59")
    assert describe_rule(september) == "2026年9月最后5个工作日"
    assert describe_rule(rule) == "当月最后5个工作日"
    assert describe_rule(parse_rule("2026-01-28")) == "2026年1月28日 23:59"
    assert parse_rule("2026-01-28") == parse_rule("2026-01-28T23:59:59+08:00")
    assert describe_rule(None) == "无截止时间"


def test_an_administrators_calendar_entry_moves_the_window() -> None:
    call = factories.call("miit-reserve")
    december = moment("2026-12-01T00:00")
    assert chain_deadline(call, "district", at=december) == moment("2026-12-31T23:59:59")
    CalendarDay.objects.create(day=date(2026, 12, 31), is_working_day=False, note="测试：临时调整")
    assert chain_deadline(call, "district", at=december) == moment("2026-12-30T23:59:59")
    window = submission_window(call, at=december)
    assert window is not None and window.opens == date(2026, 12, 24)


def test_a_year_without_calendar_data_is_an_error_never_a_guess() -> None:
    call = factories.call("miit-reserve")
    call.rounds = [{"month": "2027-06"}]
    with pytest.raises(CalendarUnknown) as exc:
        chain_deadline(call, "district")
    assert exc.value.message == "没有 2027 年的官方节假日安排数据，请管理员在“节假日安排”中补充后再试"
    with pytest.raises(CalendarUnknown):
        effective_deadline(call, "district")
    steps = chain_steps(call)
    assert steps[0]["error"] == exc.value.message  # the call page says so instead of showing a date


@pytest.mark.parametrize(("value", "code"), [
    ({"last_working_days": 0}, "invalid_days"), ({"last_working_days": "五"}, "invalid_days"),
    ({"last_working_days": 16}, "invalid_days"), ({"last_working_days": 5, "month": "2026-13"}, "invalid_month"),
    ("明天", "invalid_deadline"), ("2150-01-01", "invalid_deadline"),
])
def test_unreadable_rules_are_refused(value, code) -> None:
    with pytest.raises(DomainError) as exc:
        parse_rule(value)
    assert exc.value.code == code


def test_an_extension_still_moves_a_window_deadline(roles) -> None:
    call = factories.call("miit-reserve")
    later = max(moment("2026-12-31T23:59:59"), timezone.now()) + timedelta(days=10)
    district = roles["district"].authority
    assert effective_deadline(call, "district", district, at=moment("2026-12-26T00:00")) == moment(
        "2026-12-31T23:59:59")
    grant_extension(user=roles["ministry"], call=call, level="district", deadline=later, reason="系统维护，延期")
    assert effective_deadline(call, "district", district, at=moment("2026-12-26T00:00")) == later
    assert effective_deadline(call, "city", roles["city"].authority, at=moment("2026-12-26T00:00")) == moment(
        "2026-12-31T23:59:59")


def test_an_application_acts_by_its_own_rounds_deadline(roles) -> None:
    call = factories.call("miit-reserve")
    district = roles["district"].authority
    # Submitted in the June window, acted on in July: the June deadline has passed.
    with pytest.raises(DomainError) as exc:
        ensure_before_deadline(call, "district", district, moment("2026-07-01T09:00"), at=moment("2026-06-26T10:00"))
    assert exc.value.code == "deadline_passed"
    assert "2026年6月30日 23:59" in exc.value.message
    # Submitted in the December window: the district acts until 12-31.
    ensure_before_deadline(call, "district", district, moment("2026-12-31T20:00"), at=moment("2026-12-25T10:00"))


def test_who_acts_is_asked_with_a_call_and_a_host_organisation(roles) -> None:
    call = factories.call()
    host_org = roles["applicant"].host_org
    assert [(level, authority.region.code) for level, authority in acting_levels(call, host_org)] == [
        ("district", host_org.district.code), ("city", "420100"), ("province", "420000")]
    assert first_level(call, host_org) == "district"
    assert next_level(call, host_org, "district") == "city"
    assert next_level(call, host_org, "province") is None
    assert is_deciding_level(call, host_org, "province") is True
    assert is_deciding_level(call, host_org, "city") is False
    zhejiang = factories.HostOrgFactory(district=factories.region("330106"))
    assert acting_levels(call, zhejiang) == []  # outside the call's area


def test_submissions_open_with_the_rounds_window() -> None:
    from zhongshi.calls.domain.chain import ensure_submission_open

    call = factories.call("miit-reserve")
    with pytest.raises(DomainError) as exc:
        ensure_submission_open(call, at=moment("2026-12-24T23:00"))
    assert (exc.value.code, exc.value.message) == ("outside_window",
                                                   "本通知的申报时间为2026年12月25日至2026年12月31日。")
    ensure_submission_open(call, at=moment("2026-12-25T00:00"))
    ensure_submission_open(call, at=moment("2026-12-31T23:59:59"))
    ensure_submission_open(factories.call(), at=moment("2026-12-24T23:00"))  # no window: open while the call is
