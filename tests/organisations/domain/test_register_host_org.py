"""src/zhongshi/organisations/domain/register_host_org.py"""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied

from tests import factories
from tests.factories import credit_code, region
from zhongshi.accounts.models import User
from zhongshi.audit.models import AuditEntry
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.domain.register_host_org import (
    HostOrgRegistration,
    approve_host_org,
    register_host_org,
    reject_host_org,
    update_host_org_contacts,
)
from zhongshi.organisations.models import HostOrg

pytestmark = pytest.mark.django_db

DONGHU_PATH = "000000/420000/420100/420171/"


def registration(**changes: object) -> HostOrgRegistration:
    data = HostOrgRegistration(
        name=" 武汉测试中试科技有限公司 ",
        credit_code=credit_code(),
        unit_type="民企",
        district=region("420171"),
        contact_name="王联系",
        contact_phone="027-12345678",
        contact_email="wang@example.com",
        username="wangceshi",
        password="Pilot-line-2026",
        full_name="王测试",
        address="武汉市东湖高新区光谷大道1号",
    )
    return dataclasses.replace(data, **changes)


def counts() -> tuple[int, int]:
    return User.objects.count(), HostOrg.objects.count()


# --- registration ---------------------------------------------------------------------------------


def test_register_creates_a_pending_org_and_its_applicant():
    data = registration()

    org = register_host_org(data=data)

    org.refresh_from_db()
    assert org.name == "武汉测试中试科技有限公司"
    assert org.credit_code == data.credit_code
    assert org.status == "pending"
    assert org.district.code == "420171"
    assert org.unit_type == "民企"
    assert org.address == "武汉市东湖高新区光谷大道1号"
    assert (org.contact_name, org.contact_phone, org.contact_email) == ("王联系", "027-12345678", "wang@example.com")
    assert org.decided_by is None
    assert org.decided_at is None
    user = User.objects.get(username="wangceshi")
    assert user.host_org == org
    assert user.role == "applicant"
    assert user.full_name == "王测试"
    assert user.email == "wang@example.com"
    assert user.phone == "027-12345678"
    assert user.check_password("Pilot-line-2026")
    assert user.must_change_password is False
    assert list(org.members.all()) == [user]


def test_register_normalises_the_credit_code():
    code = credit_code()

    org = register_host_org(data=registration(credit_code=f"{code[:9].lower()} {code[9:]}"))

    assert org.credit_code == code


def test_duplicate_credit_code_creates_nothing():
    existing = factories.HostOrgFactory()
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration(credit_code=existing.credit_code))

    assert info.value.code == "host_org_duplicate"
    assert info.value.field == "credit_code"
    assert info.value.message.startswith("该统一社会信用代码已注册")
    assert counts() == before
    assert not User.objects.filter(username="wangceshi").exists()


def test_invalid_credit_code():
    code = credit_code()
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration(credit_code=wrong))

    assert info.value.code == "credit_code_invalid"
    assert info.value.field == "credit_code"
    assert info.value.message == "统一社会信用代码无效：校验码不符（GB 32100-2015）。"
    assert counts() == before


def test_taken_username_creates_no_org():
    factories.UserFactory(username="wangceshi", role="expert")
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration())

    assert info.value.code == "username_taken"
    assert info.value.field == "username"
    assert info.value.message == "该用户名已被使用。"
    assert counts() == before


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "wangceshi1"])
def test_weak_password(password):
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration(password=password))

    assert info.value.code == "password_invalid"
    assert info.value.field == "password"
    assert info.value.message
    assert counts() == before


@pytest.mark.parametrize("code", ["420100", "420000", "000000"])
def test_district_must_be_a_leaf(code):
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration(district=region(code)))

    assert info.value.code == "district_invalid"
    assert info.value.field == "district"
    assert counts() == before


def test_a_province_administered_city_is_a_valid_location():
    org = register_host_org(data=registration(district=region("429004")))

    assert org.district.name == "仙桃市"


def test_unknown_unit_type():
    before = counts()

    with pytest.raises(DomainError) as info:
        register_host_org(data=registration(unit_type="private"))

    assert info.value.code == "unit_type_invalid"
    assert counts() == before


# --- approval -------------------------------------------------------------------------------------


@pytest.fixture
def pending(roles):
    org = factories.HostOrgFactory(status="pending", district=region("420171"))
    factories.applicant(org, username="newcomer")
    return org


def transitions(org: HostOrg):
    return AuditEntry.objects.filter(action="transition", target_type="organisations.HostOrg", target_id=str(org.pk))


def test_the_district_authority_approves(roles, pending):
    reviewer = roles["district"]

    result = approve_host_org(actor=reviewer, host_org=pending, reason="材料齐全")

    pending.refresh_from_db()
    assert result.status == pending.status == "approved"
    assert pending.decided_by == reviewer
    assert pending.decided_at is not None
    assert pending.decision_reason == "材料齐全"
    [entry] = transitions(pending)
    assert entry.before == {"status": "pending"}
    assert entry.after == {"status": "approved"}
    assert entry.actor == reviewer
    assert entry.actor_name == "donghu"
    assert entry.message == "材料齐全"
    assert entry.scope_path == DONGHU_PATH
    assert entry.target_repr == pending.name


def test_the_district_authority_rejects_with_a_reason(roles, pending):
    reject_host_org(actor=roles["district"], host_org=pending, reason="  营业执照不清晰  ")

    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert pending.decision_reason == "营业执照不清晰"
    [entry] = transitions(pending)
    assert (entry.before, entry.after) == ({"status": "pending"}, {"status": "rejected"})
    assert entry.message == "营业执照不清晰"


@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_needs_a_reason(roles, pending, reason):
    with pytest.raises(DomainError) as info:
        reject_host_org(actor=roles["district"], host_org=pending, reason=reason)

    assert info.value.code == "reason_required"
    assert info.value.field == "reason"
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not transitions(pending).exists()


@pytest.mark.parametrize("role", ["city", "province", "ministry", "other_district", "other_province", "applicant",
                                  "other_applicant", "expert", "enterprise"])
@pytest.mark.parametrize("decide", [approve_host_org, reject_host_org])
def test_only_the_own_district_authority_may_decide(roles, pending, role, decide):
    with pytest.raises(NotAllowed) as info:
        decide(actor=roles[role], host_org=pending, reason="理由")

    assert isinstance(info.value, PermissionDenied)
    assert str(info.value) == "仅该单位所在地的区级经信部门可以审核其注册申请。"
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert pending.decided_by is None
    assert not transitions(pending).exists()


def test_the_orgs_own_applicant_may_not_approve_it(pending):
    with pytest.raises(NotAllowed):
        approve_host_org(actor=User.objects.get(username="newcomer"), host_org=pending)

    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_province_administered_city_decides_its_own_orgs(db):
    org = factories.HostOrgFactory(status="pending", district=region("429004"))
    xiantao = factories.reviewer("429004")

    approve_host_org(actor=xiantao, host_org=org)

    org.refresh_from_db()
    assert org.status == "approved"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (approve_host_org, approve_host_org),
        (approve_host_org, reject_host_org),
        (reject_host_org, approve_host_org),
        (reject_host_org, reject_host_org),
    ],
)
def test_deciding_twice_changes_nothing(roles, pending, first, second):
    first(actor=roles["district"], host_org=pending, reason="第一次")
    pending.refresh_from_db()
    decided = (pending.status, pending.decided_by_id, pending.decided_at, pending.decision_reason)
    entries = AuditEntry.objects.count()

    with pytest.raises(DomainError) as info:
        second(actor=roles["district"], host_org=pending, reason="第二次")

    assert info.value.code == "already_decided"
    assert info.value.message == "该注册申请已审核，不能重复审核。"
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by_id, pending.decided_at, pending.decision_reason) == decided
    assert AuditEntry.objects.count() == entries
    assert transitions(pending).count() == 1


def test_a_stale_object_is_checked_against_the_database(roles, pending):
    stale = HostOrg.objects.get(pk=pending.pk)
    approve_host_org(actor=roles["district"], host_org=pending)

    with pytest.raises(DomainError) as info:
        reject_host_org(actor=roles["district"], host_org=stale, reason="迟到的决定")

    assert info.value.code == "already_decided"
    stale.refresh_from_db()
    assert stale.status == "approved"


# --- contacts -------------------------------------------------------------------------------------


def test_a_member_updates_the_contacts(roles):
    org = roles["applicant"].host_org

    update_host_org_contacts(actor=roles["applicant"], host_org=org, values={
        "contact_name": " 李新 ", "contact_phone": "027-99998888", "address": "新地址", "name": "改名有限公司",
    })

    org.refresh_from_db()
    assert (org.contact_name, org.contact_phone, org.address) == ("李新", "027-99998888", "新地址")
    assert org.name != "改名有限公司"  # only the contact fields can be changed here


def test_an_administrator_updates_the_contacts(roles):
    org = roles["applicant"].host_org

    update_host_org_contacts(actor=roles["admin"], host_org=org, values={"contact_email": "new@example.com"})

    org.refresh_from_db()
    assert org.contact_email == "new@example.com"


@pytest.mark.parametrize("role", ["other_applicant", "district", "city", "province", "ministry", "expert", "enterprise"])
def test_others_may_not_update_the_contacts(roles, role):
    org = roles["applicant"].host_org

    with pytest.raises(NotAllowed) as info:
        update_host_org_contacts(actor=roles[role], host_org=org, values={"contact_name": "冒名"})

    assert str(info.value) == "您无权修改该单位信息。"
    org.refresh_from_db()
    assert org.contact_name == "测试联系人"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "other_province", "city", "applicant", "expert"])
def test_outsiders_are_refused_before_any_state_is_revealed(roles, role):
    """A decided registration: the authority of another division is refused, not told it was decided."""
    from zhongshi.core.errors import NotAllowed
    from zhongshi.organisations.domain.register_host_org import approve_host_org, reject_host_org

    org = factories.HostOrgFactory(status="approved", district=factories.region("420171"))
    with pytest.raises(NotAllowed):
        approve_host_org(actor=roles[role], host_org=org)
    with pytest.raises(NotAllowed):
        reject_host_org(actor=roles[role], host_org=org, reason="")
    org.refresh_from_db()
    assert org.status == "approved"
