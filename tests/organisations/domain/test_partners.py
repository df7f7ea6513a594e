"""src/zhongshi/organisations/domain/partners.py"""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import credit_code
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.organisations.domain.partners import add_partner_org, remove_partner_org
from zhongshi.organisations.models import PartnerOrg

pytestmark = pytest.mark.django_db


def test_an_applicant_adds_a_partner_to_its_own_organisation(roles):
    code = credit_code("12420100MB")

    partner = add_partner_org(actor=roles["applicant"], name=" 华中某大学 ", credit_code=f"{code[:9]} {code[9:].lower()}",
                              unit_type="高校", role="工艺验证")

    partner.refresh_from_db()
    assert partner.host_org == roles["applicant"].host_org
    assert (partner.name, partner.credit_code, partner.unit_type, partner.role) == ("华中某大学", code, "高校", "工艺验证")
    assert list(PartnerOrg.objects.values_list("name", flat=True)) == ["华中某大学"]


def test_the_credit_code_is_optional(roles):
    partner = add_partner_org(actor=roles["applicant"], name="某研究所")

    assert partner.credit_code == ""


def test_a_duplicate_name_in_the_same_organisation_is_refused(roles):
    add_partner_org(actor=roles["applicant"], name="华中某大学")

    with pytest.raises(DomainError) as info:
        add_partner_org(actor=roles["applicant"], name=" 华中某大学")

    assert info.value.code == "partner_duplicate"
    assert info.value.field == "name"
    assert info.value.message == "已添加过同名的联合单位。"
    assert PartnerOrg.objects.count() == 1


def test_two_organisations_may_name_the_same_partner(roles):
    add_partner_org(actor=roles["applicant"], name="华中某大学")
    add_partner_org(actor=roles["other_applicant"], name="华中某大学")

    assert PartnerOrg.objects.filter(name="华中某大学").count() == 2


def test_an_invalid_credit_code_is_refused(roles):
    code = credit_code()

    with pytest.raises(DomainError) as info:
        add_partner_org(actor=roles["applicant"], name="某公司", credit_code=code[:17] + ("0" if code[17] != "0" else "1"))

    assert info.value.code == "credit_code_invalid"
    assert info.value.field == "credit_code"
    assert PartnerOrg.objects.count() == 0


def test_a_name_is_required(roles):
    with pytest.raises(DomainError) as info:
        add_partner_org(actor=roles["applicant"], name="   ")

    assert info.value.code == "required"
    assert PartnerOrg.objects.count() == 0


@pytest.mark.parametrize("role", ["admin", "district", "province", "ministry", "expert", "enterprise"])
def test_only_applicants_add_partners(roles, role):
    with pytest.raises(NotAllowed) as info:
        add_partner_org(actor=roles[role], name="某大学")

    assert str(info.value) == "仅依托单位用户可以添加联合单位。"
    assert PartnerOrg.objects.count() == 0


def test_an_applicant_removes_its_own_partner(roles):
    partner = factories.PartnerOrgFactory(host_org=roles["applicant"].host_org)

    remove_partner_org(actor=roles["applicant"], partner=partner)

    assert not PartnerOrg.objects.filter(pk=partner.pk).exists()


def test_an_administrator_removes_a_partner(roles):
    partner = factories.PartnerOrgFactory(host_org=roles["applicant"].host_org)

    remove_partner_org(actor=roles["admin"], partner=partner)

    assert not PartnerOrg.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize("role", ["other_applicant", "district", "city", "province", "ministry", "expert", "enterprise"])
def test_another_organisations_partner_cannot_be_removed(roles, role):
    partner = factories.PartnerOrgFactory(host_org=roles["applicant"].host_org)

    with pytest.raises(NotAllowed) as info:
        remove_partner_org(actor=roles[role], partner=partner)

    assert str(info.value) == "您无权删除该联合单位。"
    assert PartnerOrg.objects.filter(pk=partner.pk).exists()
