"""One search filter for every list: every word must occur in one of the fields; no input breaks a page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from zhongshi.core.domain.queries.search import filter_by_search, search_terms
from zhongshi.organisations.models import HostOrg


def test_search_terms() -> None:
    assert search_terms(None) == []
    assert search_terms("  ") == []
    assert search_terms(" 武汉\x00激光\t激光 ") == ["武汉", "激光"]  # control characters separate words
    assert search_terms("一 二 三 四 五 六 七") == ["一", "二", "三", "四", "五"]
    assert search_terms("长" * 500) == ["长" * 100]


@pytest.mark.django_db
def test_every_word_must_occur_in_one_of_the_fields() -> None:
    laser = factories.HostOrgFactory(name="武汉光谷激光技术有限公司", credit_code="91420100MA4KXXXX1A")
    chem = factories.HostOrgFactory(name="宜昌化工新材料有限公司", credit_code="91420500MA4KYYYY2B")
    orgs = HostOrg.objects.filter(pk__in=[laser.pk, chem.pk]).order_by("pk")
    fields = ["name", "credit_code"]
    assert list(filter_by_search(orgs, "", fields)) == [laser, chem]
    assert list(filter_by_search(orgs, "激光", fields)) == [laser]
    assert list(filter_by_search(orgs, "ma4kyyyy", fields)) == [chem]  # case-insensitive
    assert list(filter_by_search(orgs, "武汉 MA4KXXXX", fields)) == [laser]  # the words may match different fields
    assert list(filter_by_search(orgs, "武汉 化工", fields)) == []
    assert list(filter_by_search(orgs, "有限公司\x00", fields)) == [laser, chem]


def _application(roles):
    application = factories.application(roles["applicant"].host_org)
    return f"{application.host_org.credit_code} {application.platform_name[:4]}", application


def _audit_entry(roles):
    from zhongshi.audit.domain.record_event import record_event

    entry = record_event(action="transition", message="审核意见：同意推荐", actor=roles["district"])
    return "同意推荐", entry


def _host_org(roles):
    org = roles["applicant"].host_org
    return org.credit_code.lower(), org


def _user(roles):
    user = roles["city"]
    return user.username.upper(), user


LISTS = {
    "applications:application_list": _application,
    "audit:entry_list": _audit_entry,
    "organisations:hostorg_list": _host_org,
    "accounts:user_list": _user,
}


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", LISTS)
def test_every_list_searches_the_same_way(roles, login, url_name) -> None:
    q, expected = LISTS[url_name](roles)
    client = login(roles["admin"])
    assert list(client.get(reverse(url_name), {"q": q}).context["object_list"]) == [expected]
    for q in ("\x00", "%_\\", "长" * 5000, "a b c d e f g h"):
        assert client.get(reverse(url_name), {"q": q}).status_code == 200
