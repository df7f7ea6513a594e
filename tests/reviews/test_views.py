"""The review pages: the queue and its filters, the opinion form, forwarding, extensions, the notice pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhongshi.calls.models import DeadlineExtension
from zhongshi.reviews.models import Notice

CHECKED = ["completeness", "conformity", "authenticity"]


@pytest.mark.django_db
def test_the_district_queue_lists_what_waits_for_it(roles, login, submitted) -> None:
    response = login(roles["district"]).get(reverse("reviews:queue"))
    assert [row["application"] for row in response.context["rows"]] == [submitted]
    assert login(roles["other_district"]).get(reverse("reviews:queue")).context["rows"] == []
    # The city sees it in "all in my area" but it does not wait for the city yet.
    city = login(roles["city"])
    assert city.get(reverse("reviews:queue")).context["rows"] == []
    assert [r["application"] for r in city.get(reverse("reviews:queue") + "?stage=all").context["rows"]] == [submitted]


@pytest.mark.django_db
def test_filters_by_district_eligibility_and_warnings(roles, login, submitted) -> None:
    client = login(roles["city"])
    url = reverse("reviews:queue") + "?stage=all"
    assert len(client.get(url + "&district=420171").context["rows"]) == 1
    assert len(client.get(url + "&district=420111").context["rows"]) == 0
    assert len(client.get(url + "&warnings=with").context["rows"]) == 0
    assert len(client.get(url + "&warnings=without").context["rows"]) == 1
    assert len(client.get(url + "&cluster=激光").context["rows"]) == 1
    assert len(client.get(url + "&cluster=现代纺织").context["rows"]) == 0


@pytest.mark.django_db
def test_the_opinion_form_records_and_refuses_with_the_input_kept(roles, login, submitted) -> None:
    client = login(roles["district"])
    url = reverse("reviews:review", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert "初审" in page
    response = client.post(url, {"action": "recommend", "opinion": "同意推荐", "checklist": ["completeness"],
                                 "revision": submitted.revision})
    assert response.status_code == 400
    page = response.content.decode()
    assert "同意推荐" in page  # the opinion typed is kept
    assert "规范性、真实性" in page
    response = client.post(url, {"action": "recommend", "opinion": "同意推荐", "checklist": CHECKED,
                                 "revision": submitted.revision})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_level == "city"
    # The district no longer holds it: a second post is refused.
    assert client.post(url, {"action": "recommend", "opinion": "再次", "checklist": CHECKED,
                             "revision": submitted.revision}).status_code == 403


@pytest.mark.django_db
def test_the_city_forwards_in_order_with_its_letter(roles, login, submitted) -> None:
    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    client = login(roles["city"])
    page = client.get(reverse("reviews:queue")).content.decode()
    assert f'name="order_{submitted.pk}"' in page
    response = client.post(reverse("reviews:forward"), {
        "application": [submitted.pk], f"order_{submitted.pk}": "1", "opinion": "同意报送",
        "letter": SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes())}, follow=True)
    assert "已报送 1 份申报书" in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.current_level, submitted.recommendation_order) == ("province", 1)


@pytest.mark.django_db
def test_the_province_decides(roles, login, submitted) -> None:
    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    login(roles["city"]).post(reverse("reviews:forward"), {
        "application": [submitted.pk], "letter": SimpleUploadedFile("推荐文件.pdf", factories.pdf_bytes())})
    client = login(roles["province"])
    url = reverse("reviews:review", args=[submitted.pk])
    assert client.post(url, {"decision": "approve", "reasons": "", "revision": submitted.revision}).status_code == 400
    client.post(url, {"decision": "approve", "reasons": "予以认定", "revision": submitted.revision})
    submitted.refresh_from_db()
    assert submitted.status == "approved"
    page = login(roles["applicant"]).get(submitted.get_absolute_url()).content.decode()
    assert "予以认定" in page


@pytest.mark.django_db
def test_the_city_grants_an_extension_to_a_district(roles, login, open_call) -> None:
    client = login(roles["city"])
    url = reverse("reviews:extensions", args=[open_call.code])
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"level": "district", "authority": str(roles["district"].authority_id),
                                 "deadline": deadline, "reason": "材料补正"})
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.level, extension.authority, extension.granted_by) == ("district", roles["district"].authority,
                                                                            roles["city"])
    # A district has no level to extend: the page refuses it (and its queue shows no link to it).
    assert login(roles["district"]).get(url).status_code == 403


@pytest.mark.django_db
def test_the_notice_pages(roles, login, submitted, open_call) -> None:
    submitted.status = "approved"
    submitted.save()
    client = login(roles["province"])
    now = timezone.localtime()
    response = client.post(reverse("reviews:notice_create", args=[open_call.code]), {
        "title": "第二批省级制造业中试平台公示", "text": "公示期间如有异议，请实名提出。",
        "starts_at": (now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")})
    notice = Notice.objects.get()
    assert response["Location"] == notice.get_absolute_url()
    public = Client()
    page = public.get(notice.get_absolute_url()).content.decode()
    assert submitted.platform_name in page and "提出异议" in page
    response = public.post(notice.get_absolute_url(), {"application": submitted.pk, "name": "张三",
                                                       "contact": "027-1234567", "text": "收入数据存疑"})
    assert response.status_code == 302
    assert notice.objections.count() == 1
    assert "收入数据存疑" not in public.get(notice.get_absolute_url()).content.decode()  # objections are not public
    assert "收入数据存疑" in client.get(notice.get_absolute_url()).content.decode()


def _field_errors(page: str) -> list[str]:
    import re

    return re.findall(r'<p class="field-error" role="alert">([^<]*)</p>', page)


@pytest.mark.django_db
def test_the_review_form_shows_each_error_beside_its_field_and_keeps_the_input(roles, login, submitted) -> None:
    client = login(roles["district"])
    url = reverse("reviews:review", args=[submitted.pk])
    response = client.post(url, {"action": "not_recommend", "opinion": "", "checklist": ["completeness"],
                                 "reason_service": "典型案例请补充合同额", "revision": submitted.revision})
    assert response.status_code == 400
    page = response.content.decode()
    assert _field_errors(page) == ["请填写不予推荐的理由。"]
    assert 'value="典型案例请补充合同额"' in page  # the reason typed is kept
    assert 'value="completeness" checked' in page and 'value="conformity" checked' not in page
    assert 'value="not_recommend" checked' in page
    response = client.post(url, {"action": "", "opinion": "意" * 2001, "revision": submitted.revision})
    assert _field_errors(response.content.decode()) == [
        "请选择审核意见。", "确保该变量包含不超过 2000 字符 (目前字符数 2001)。"]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "district")


@pytest.mark.django_db
def test_a_post_without_its_revision_changes_nothing(roles, login, submitted) -> None:
    response = login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": "x"})
    assert response.status_code == 400
    assert "请重新打开页面：表单未注明您审核的是申报书的哪个版本。" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.current_level == "district"


@pytest.mark.django_db
def test_only_the_first_level_is_offered_recommend(roles, login, submitted) -> None:
    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    client = login(roles["city"])
    url = reverse("reviews:review", args=[submitted.pk])
    assert 'value="recommend"' not in client.get(url).content.decode()
    response = client.post(url, {"action": "recommend", "opinion": "同意", "revision": submitted.revision})
    assert (response.status_code, _field_errors(response.content.decode())) == (400, ["请选择审核意见。"])


@pytest.mark.django_db
def test_the_decision_form_keeps_the_reasons_and_names_the_missing_choice(roles, login, submitted) -> None:
    submitted.current_level = "province"
    submitted.save()
    response = login(roles["province"]).post(reverse("reviews:review", args=[submitted.pk]),
                                             {"reasons": "符合条件", "revision": submitted.revision})
    assert response.status_code == 400
    page = response.content.decode()
    assert _field_errors(page) == ["请选择通过或不通过。"]
    assert ">符合条件</textarea>" in page
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.django_db
def test_forwarding_without_the_letter_is_refused(roles, login, submitted) -> None:
    login(roles["district"]).post(reverse("reviews:review", args=[submitted.pk]), {
        "action": "recommend", "opinion": "同意", "checklist": CHECKED, "revision": submitted.revision})
    city = login(roles["city"])
    response = city.post(reverse("reviews:forward"), {"application": [str(submitted.pk)], "query": "stage=all"})
    assert response["Location"] == reverse("reviews:queue") + "?stage=all"
    page = city.get(response["Location"]).content.decode()
    assert "请上传盖章的推荐文件。" in page
    submitted.refresh_from_db()
    assert submitted.current_level == "city"
