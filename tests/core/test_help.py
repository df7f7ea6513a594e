"""The help page of each role (docs/roles/*.md) and the contact of the authority that handles the user."""

from __future__ import annotations

import pytest
from django.test import Client

from zhongshi.core.domain.help_pages import handling_authority, help_topics_for, render_help
from zhongshi.organisations.models import Authority


def test_the_markdown_subset_renders_headings_lists_and_escapes_everything():
    html = render_help("# 标题\n\n## 注册\n1. 第一步 `zhongshi load-demo`\n2. **第二步** <b>\n\n- 甲\n- 乙\n\n段落一\n续行")
    assert html == (
        "<h1>标题</h1>\n<h2>注册</h2>\n<ol>\n<li>第一步 <code>zhongshi load-demo</code></li>\n"
        "<li><strong>第二步</strong> &lt;b&gt;</li>\n</ol>\n<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n"
        "<p>段落一 续行</p>"
    )


def test_a_second_guide_starts_one_heading_level_lower():
    assert render_help("# 工信部人员", top_level=2) == "<h2>工信部人员</h2>"


@pytest.mark.django_db
def test_each_role_reads_its_guide(roles):
    assert help_topics_for(roles["applicant"]) == ["applicant"]
    assert help_topics_for(roles["district"]) == ["reviewer"]
    assert help_topics_for(roles["ministry"]) == ["ministry", "reviewer"]
    assert help_topics_for(roles["admin"]) == ["administrator"]
    assert help_topics_for(roles["expert"]) == ["expert"]
    assert help_topics_for(roles["enterprise"]) == ["enterprise"]


@pytest.mark.django_db
def test_the_handling_authority_is_the_district_for_an_applicant_and_the_one_above_for_a_reviewer(roles):
    assert handling_authority(roles["applicant"]) == Authority.objects.get(region__code="420171")
    assert handling_authority(roles["district"]) == Authority.objects.get(region__code="420100")
    assert handling_authority(roles["city"]) == Authority.objects.get(region__code="420000")
    assert handling_authority(roles["province"]) == Authority.objects.get(region__code="000000")
    assert handling_authority(roles["ministry"]) is None
    assert handling_authority(roles["expert"]) is None


@pytest.mark.django_db
def test_the_help_page_shows_the_guide_and_the_contact(roles, login):
    Authority.objects.filter(region__code="420171").update(contact_name="吴主任", contact_phone="027-87000001")
    response = login(roles["applicant"]).get("/help/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>依托单位（申报用户）</h1>" in text
    assert "<h2>填写申报书</h2>" in text
    assert "<strong>武汉东湖新技术开发区经信部门</strong> · 联系人：吴主任 · 电话：027-87000001" in text
    assert 'data-testid="footer-contact">主管部门：武汉东湖新技术开发区经信部门 吴主任 027-87000001' in text
    assert 'href="/help/" data-testid="help-link">帮助</a>' in text


@pytest.mark.django_db
def test_a_reviewer_sees_the_authority_above_and_anonymous_the_applicants_guide(roles, login):
    text = login(roles["district"]).get("/help/").content.decode()
    assert "<h1>经信部门审核人员（区、市、省）与工信部人员</h1>" in text
    assert "<strong>武汉市经济和信息化局</strong> · 尚未登记联系方式" in text
    anonymous = Client().get("/help/").content.decode()
    assert "<h1>依托单位（申报用户）</h1>" in anonymous
    assert "footer-contact" not in anonymous
