"""An organisation that cannot apply yet hears why and whom to ask: its district authority's contact (issue 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.organisations.domain.queries.contact import authority_contact, unapproved_reason


@pytest.fixture
def pending(db):
    authority = factories.authority("420171")
    authority.contact_name, authority.contact_phone, authority.address = "王科长", "027-87654321", "高新大道 1 号"
    authority.save()
    org = factories.HostOrgFactory(status="pending", district=factories.region("420171"))
    return factories.applicant(org, username="pending"), authority


@pytest.mark.django_db
def test_the_contact_names_person_telephone_and_address(pending) -> None:
    _user, authority = pending
    assert authority_contact(authority) == f"{authority.name}（联系人：王科长，电话：027-87654321，地址：高新大道 1 号）"
    authority.contact_name = authority.contact_phone = authority.address = ""
    assert authority_contact(authority) == authority.name


@pytest.mark.django_db
def test_a_pending_organisation_sees_why_it_cannot_apply_on_the_call_and_home_pages(pending, login) -> None:
    user, authority = pending
    reason = (f"{user.host_org.name} 的注册经 {authority.name}（联系人：王科长，电话：027-87654321，地址：高新大道 1 号）"
              " 审核通过后即可申报。")
    assert unapproved_reason(user.host_org) == reason
    client = login(user)
    call = client.get(reverse("calls:call_detail", args=[factories.call().code])).content.decode()
    assert f'<div class="alert alert-warning" data-testid="apply-blocked">{reason}</div>' in call
    assert 'data-testid="apply"' not in call
    assert reason in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_an_approved_organisation_sees_no_such_notice(roles, login) -> None:
    call = login(roles["applicant"]).get(reverse("calls:call_detail", args=[factories.call().code])).content.decode()
    assert 'data-testid="apply-blocked"' not in call
    assert 'data-testid="apply"' in call
