"""load_builtin_calls on an existing database: a part still as an earlier version shipped it gets the corrected
one, an authority's own edit is kept, and new conditions re-judge the call's applications."""

from __future__ import annotations

import pytest

from tests import factories
from zhongshi.calls.domain.load_calls import fingerprint, load_builtin_calls
from zhongshi.calls.domain.update_call import update_call
from zhongshi.calls.models import Call

pytestmark = pytest.mark.django_db

OLD_HUBEI_CHAIN = [{"level": "district", "deadline": "2026-01-28T23:59:59+08:00"},
                   {"level": "city", "deadline": "2026-01-28T23:59:59+08:00"},
                   {"level": "province", "deadline": None}]
OLD_RESERVE_CHAIN = [{"level": "district", "deadline": "2026-12-24T23:59:59+08:00"},
                     {"level": "city", "deadline": "2026-12-28T23:59:59+08:00"},
                     {"level": "province", "deadline": "2026-12-31T23:59:59+08:00"},
                     {"level": "ministry", "deadline": None}]


def test_the_shipped_fingerprints_are_those_of_the_earlier_chains() -> None:
    assert fingerprint(OLD_HUBEI_CHAIN) == "96376f3f784848ee"
    assert fingerprint(OLD_RESERVE_CHAIN) == "4abfafcb437ed1c3"


def test_an_upgrade_corrects_the_chains_as_shipped_before() -> None:
    Call.objects.filter(code="hubei-2026-provincial").update(chain=OLD_HUBEI_CHAIN)
    Call.objects.filter(code="miit-reserve").update(chain=OLD_RESERVE_CHAIN, rounds=[])
    assert load_builtin_calls() == 0
    hubei, reserve = Call.objects.get(code="hubei-2026-provincial"), Call.objects.get(code="miit-reserve")
    assert hubei.chain[1] == {"level": "city", "deadline": None}
    assert reserve.rounds == [{"month": "2026-06"}, {"month": "2026-12"}]
    assert reserve.chain == [{"level": "district", "deadline": {"last_working_days": 5}},
                             {"level": "city", "deadline": {"last_working_days": 5}},
                             {"level": "province", "deadline": {"last_working_days": 5}}]  # the province decides


def test_an_upgrade_keeps_the_authoritys_own_chain(roles) -> None:
    edited = [{"level": "district", "kind": "date", "deadline": "2026-01-25T17:00"},
              {"level": "city", "kind": "date", "deadline": "2026-01-28T17:00"}, {"level": "province"}]
    Call.objects.filter(code="hubei-2026-provincial").update(chain=OLD_HUBEI_CHAIN)
    call, _ = update_call(user=roles["province"], call=factories.call(), data={"chain": edited})
    own = call.chain
    load_builtin_calls()
    assert Call.objects.get(code="hubei-2026-provincial").chain == own


def test_conditions_added_on_upgrade_rejudge_the_applications(roles) -> None:
    call = factories.call()
    shipped = call.conditions
    Call.objects.filter(pk=call.pk).update(conditions=[])
    answers = factories.example_answers()
    answers["foundation"]["equipment_value_wan"] = 500  # below the seed's 1000 万元
    application = factories.application(roles["applicant"].host_org, answers=answers)
    assert application.eligibility == "eligible"  # no condition to fail yet
    load_builtin_calls()
    assert Call.objects.get(pk=call.pk).conditions == shipped
    application.refresh_from_db()
    assert application.eligibility_record.eligibility == "ineligible"
