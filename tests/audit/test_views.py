"""src/zhongshi/audit/views.py: the audit log, scoped to the reader's subtree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import region
from zhongshi.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = reverse("audit:entry_list")


@pytest.fixture
def orgs(roles):
    return {
        "donghu": factories.HostOrgFactory(name="审计东湖有限公司", district=region("420171")),
        "hongshan": factories.HostOrgFactory(name="审计洪山有限公司", district=region("420111")),
        "jiangan": factories.HostOrgFactory(name="审计江岸有限公司", district=region("420102")),
        "xiantao": factories.HostOrgFactory(name="审计仙桃有限公司", district=region("429004")),
        "xihu": factories.HostOrgFactory(name="审计西湖有限公司", district=region("330106")),
    }


def listed(client, **params) -> set[str]:
    response = client.get(URL, {"q": "审计", "action": "create", **params})
    assert response.status_code == 200
    return {entry.target_repr for entry in response.context["object_list"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司", "审计西湖有限公司"}),
        ("ministry", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司", "审计西湖有限公司"}),
        ("province", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司", "审计仙桃有限公司"}),
        ("city", {"审计东湖有限公司", "审计洪山有限公司", "审计江岸有限公司"}),
        ("district", {"审计东湖有限公司"}),
        ("other_district", {"审计洪山有限公司"}),
        ("other_province", {"审计西湖有限公司"}),
    ],
)
def test_each_reader_sees_the_entries_of_its_subtree(roles, orgs, login, role, expected):
    assert listed(login(roles[role])) == expected


def test_a_district_reviewer_sees_nothing_outside_its_district(roles, orgs, login):
    client = login(roles["district"])
    path = roles["district"].authority.path

    response = client.get(URL)

    assert response.status_code == 200
    shown = {entry.pk for entry in response.context["object_list"]}
    assert shown == set(AuditEntry.objects.filter(scope_path__startswith=path).values_list("pk", flat=True))
    assert path == "000000/420000/420100/420171/"
    assert {"武汉东湖新技术开发区", "武汉东湖新技术开发区经信部门", "审计东湖有限公司"} <= set(
        AuditEntry.objects.filter(pk__in=shown).values_list("target_repr", flat=True)
    )
    assert not AuditEntry.objects.filter(pk__in=shown, target_repr="审计洪山有限公司").exists()


def test_a_zhejiang_reviewer_sees_none_of_hubeis_entries(roles, orgs, login):
    response = login(roles["other_province"]).get(URL, {"q": "有限公司"})

    assert response.context["paginator"].count > 0
    assert all(entry.scope_path.startswith("000000/330000/") for entry in response.context["paginator"].object_list)


def test_entries_without_scope_are_for_administrators_only(roles, login):
    AuditEntry.objects.create(action="access_denied", message="审计无范围条目")

    assert login(roles["admin"]).get(URL, {"q": "审计无范围条目"}).context["paginator"].count == 1
    assert login(roles["ministry"]).get(URL, {"q": "审计无范围条目"}).context["paginator"].count == 0


def test_filter_by_action(roles, orgs, login):
    orgs["donghu"].contact_name = "审计新联系人"
    orgs["donghu"].save()

    response = login(roles["district"]).get(URL, {"q": "审计东湖", "action": "update"})

    [entry] = response.context["object_list"]
    assert entry.after == {"contact_name": "审计新联系人"}
    assert "审计新联系人" in response.content.decode()


@pytest.mark.parametrize("role", ["applicant", "other_applicant", "expert", "enterprise"])
def test_others_are_refused(roles, login, role):
    denied_before = AuditEntry.objects.filter(action="access_denied").count()

    response = login(roles[role]).get(URL)

    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="access_denied").count() == denied_before + 1


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# ---------------------------------------------------------------- what people read


DRAFT_NAME = "审计草稿秘密平台名称"
EXPORT_URL = reverse("audit:entry_export")


def sheet_rows(response) -> list[tuple]:
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def rename(application, name: str, user) -> None:
    """The applicant changes the platform name in the answers (as an autosave does)."""
    from zhongshi.applications.domain.edit_application import save_answers

    answers = {**application.answers, "basic": {**application.answers["basic"], "platform_name": name}}
    save_answers(user=user, application=application, answers=answers, base_revision=application.revision)
    application.refresh_from_db()


def test_an_answer_change_is_shown_by_its_labels_and_values(roles, login):
    application = factories.application(roles["applicant"].host_org)
    answers = application.answers
    answers = {**answers, "basic": {**answers["basic"], "platform_name": "新平台名称",
                                    "total_investment_wan": 9000}}
    application.answers = answers
    application.save()

    [entry] = AuditEntry.objects.filter(target_type="applications.Application", action="update")
    assert entry.before["answers"].startswith("sha256:")
    assert entry.changes == [
        {"path": "basic.platform_name", "label": "制造业中试平台基本信息 › 平台名称", "unit": "",
         "old": "高速光电子器件封装测试中试平台", "new": "新平台名称"},
        {"path": "basic.total_investment_wan", "label": "制造业中试平台基本信息 › 总投资", "unit": "万元",
         "old": 8600, "new": 9000},
    ]
    html = login(roles["admin"]).get(URL, {"target_type": "applications.Application"}).content.decode()
    assert "制造业中试平台基本信息 › 平台名称：</span><del>高速光电子器件封装测试中试平台</del> → <ins>新平台名称</ins>" in html
    assert "制造业中试平台基本信息 › 总投资：</span><del>8,600 万元</del> → <ins>9,000 万元</ins>" in html
    assert "sha256:" not in html


def test_the_actor_is_shown_by_name_and_times_in_shanghai(roles, login):
    from datetime import UTC, datetime

    entry = AuditEntry.objects.create(actor=roles["admin"], actor_name="admin", action="update",
                                      target_repr="审计时间条目", message="审计时间条目")
    AuditEntry.objects.filter(pk=entry.pk).update(at=datetime(2026, 1, 28, 4, 0, tzinfo=UTC))
    roles["admin"].full_name = "王管理"
    roles["admin"].save()

    html = login(roles["admin"]).get(URL, {"q": "审计时间条目"}).content.decode()

    assert '<td class="at"><span>2026-01-28</span> <span>12:00</span></td>' in html
    assert '<span title="admin">王管理</span>' in html


def test_filters_by_date_range_user_object_type_and_action(roles, orgs, login):
    from datetime import UTC, datetime

    old = AuditEntry.objects.create(actor=roles["city"], actor_name="wuhan", action="update",
                                    target_type="organisations.HostOrg", target_repr="审计过滤条目一",
                                    scope_path="000000/420000/420100/420171/")
    new = AuditEntry.objects.create(actor=roles["district"], actor_name="donghu", action="update",
                                    target_type="organisations.HostOrg", target_repr="审计过滤条目二",
                                    scope_path="000000/420000/420100/420171/")
    # 2026-01-27 23:30 and 2026-01-28 00:30 in Shanghai
    AuditEntry.objects.filter(pk=old.pk).update(at=datetime(2026, 1, 27, 15, 30, tzinfo=UTC))
    AuditEntry.objects.filter(pk=new.pk).update(at=datetime(2026, 1, 27, 16, 30, tzinfo=UTC))
    client = login(roles["admin"])

    def shown(**params):
        response = client.get(URL, {"q": "审计过滤条目", **params})
        assert response.status_code == 200
        return [e.target_repr for e in response.context["object_list"]]

    assert shown() == ["审计过滤条目二", "审计过滤条目一"]
    assert shown(date_from="2026-01-28") == ["审计过滤条目二"]
    assert shown(date_to="2026-01-27") == ["审计过滤条目一"]
    assert shown(date_from="2026-01-27", date_to="2026-01-28") == ["审计过滤条目二", "审计过滤条目一"]
    assert shown(user="wuhan") == ["审计过滤条目一"]
    assert shown(target_type="organisations.HostOrg", action="update") == ["审计过滤条目二", "审计过滤条目一"]
    assert shown(target_type="applications.Application") == []
    assert shown(action="delete") == []


def test_an_end_date_before_the_start_date_is_an_error_beside_the_field(roles, login):
    response = login(roles["admin"]).get(URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})

    assert response.status_code == 200
    assert response.context["filter_form"].errors == {"date_to": ["截止日期早于起始日期。"]}
    assert list(response.context["object_list"]) == []
    assert "截止日期早于起始日期。" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_reads_a_constant_number_of_queries(roles, login, django_assert_max_num_queries, rows):
    AuditEntry.objects.bulk_create([
        AuditEntry(actor=roles["admin"], actor_name="admin", action="update", target_type="applications.Application",
                   target_repr=f"审计查询条目{i}", before={"status": "draft"}, after={"status": "submitted"},
                   changes=[{"path": "basic.platform_name", "label": "平台名称", "unit": "", "old": "甲", "new": "乙"}])
        for i in range(rows)
    ])
    client = login(roles["admin"])

    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "审计查询条目"})

    assert len(response.context["object_list"]) == rows


def test_the_export_holds_exactly_the_filtered_list(roles, orgs, login):
    orgs["donghu"].contact_name = "审计导出联系人"
    orgs["donghu"].save()

    rows = sheet_rows(login(roles["district"]).get(EXPORT_URL, {"q": "审计东湖", "action": "update"}))

    assert rows[0] == ("时间", "操作人", "用户名", "操作", "对象类型", "操作对象", "变更内容", "说明", "IP地址")
    [row] = rows[1:]
    assert row[3:7] == ("修改", "依托单位", "审计东湖有限公司", "联系人：测试联系人 → 审计导出联系人")


# ---------------------------------------------------------------- no draft through the audit log


@pytest.fixture
def open_call(db):
    """The Hubei call with its district and city deadlines a week ahead (as tests/reviews/conftest.py)."""
    from datetime import timedelta

    from django.utils import timezone

    call = factories.call()
    ahead = (timezone.now() + timedelta(days=7)).isoformat()
    call.chain = [{"level": "district", "deadline": ahead}, {"level": "city", "deadline": ahead},
                  {"level": "province", "deadline": None}]
    call.save()
    return call


@pytest.fixture
def draft(roles):
    """guangxin's draft, renamed while it is with him: its name is his own until he submits."""
    application = factories.application(roles["applicant"].host_org)
    rename(application, DRAFT_NAME, roles["applicant"])
    return application


def test_an_authority_cannot_find_a_drafts_platform_name(roles, login, draft):
    client = login(roles["district"])

    assert client.get(URL, {"q": DRAFT_NAME}).context["paginator"].count == 0
    listed = client.get(URL, {"target_type": "applications.Application"}).content.decode()
    assert DRAFT_NAME not in listed
    assert "高速光电子器件封装测试中试平台" not in listed
    for params in ({"q": DRAFT_NAME}, {"target_type": "applications.Application"}, {}):
        assert DRAFT_NAME not in str(sheet_rows(client.get(EXPORT_URL, params)))
    # the administrator sees the applicant's work
    admin = login(roles["admin"]).get(URL, {"q": DRAFT_NAME})
    assert admin.context["paginator"].count == 1
    assert DRAFT_NAME in admin.content.decode()


def test_after_submission_the_authority_sees_the_submission_but_never_the_drafts(roles, login, open_call):
    from zhongshi.applications.domain.submit_application import submit_application
    from zhongshi.reviews.domain.act_on_application import review_application

    application = factories.application(roles["applicant"].host_org)
    for key in ("credit_china", "honour_certificates", "service_proofs", "signed_declaration",
                "sealed_application_scan"):
        factories.evidence_file(application, requirement=key)
    submitted = submit_application(user=roles["applicant"], application=application, base_revision=1)
    review_application(user=roles["district"], application=submitted, action="return", opinion="请修改",
                       return_reasons={"basic": "平台名称不规范"})
    submitted.refresh_from_db()
    rename(submitted, DRAFT_NAME, roles["applicant"])  # while returned: the applicant's own again
    client = login(roles["district"])

    visible = client.get(URL, {"target_type": "applications.Application"}).context["paginator"].object_list
    assert [(e.action, e.before, e.after) for e in visible if e.action == "transition"] == [
        ("transition", {"status": "submitted@district"}, {"status": "returned"}),
        ("transition", {"status": "draft"}, {"status": "submitted@district"}),
    ]
    html = client.get(URL, {"target_type": "applications.Application", "action": "transition"}).content.decode()
    assert "状态：</span><del>草稿</del> → <ins>审核中（区级经信部门）</ins>" in html
    assert all(not e.private for e in visible)
    assert client.get(URL, {"q": DRAFT_NAME}).context["paginator"].count == 0
    assert DRAFT_NAME not in str(sheet_rows(client.get(EXPORT_URL, {})))
    assert not client.get(URL, {"target_type": "applications.EvidenceFile"}).context["paginator"].count
    assert AuditEntry.objects.filter(target_type="applications.EvidenceFile", private=True).count() == 5


def test_a_created_objects_fields_are_folded_and_long_diffs_show_eight_then_the_rest(roles, login):
    AuditEntry.objects.create(action="create", target_type="applications.Application", target_repr="审计折叠新增",
                              after={"platform_name": "甲", "status": "draft", "answers": "sha256:abcd"})
    AuditEntry.objects.create(action="update", target_type="applications.Application", target_repr="审计折叠修改",
                              changes=[{"path": f"p{i}", "label": f"字段{i}", "unit": "", "old": i, "new": i + 1}
                                       for i in range(10)])

    html = login(roles["admin"]).get(URL, {"q": "审计折叠"}).content.decode()

    assert ('<details><summary>2 个字段</summary><div><span class="change-label">平台名称：</span>甲</div>'
            '<div><span class="change-label">状态：</span>草稿</div></details>') in html
    assert ('<span class="change-label">字段7：</span><del>7</del> → <ins>8</ins></div><details><summary>另有 2 处变更'
            '</summary><div><span class="change-label">字段8：</span>') in html


def test_a_foreign_key_shows_the_name_of_its_object(roles, login) -> None:
    target = factories.reviewer("420115", username="fk-reviewer")
    target.authority = factories.authority("420111")
    target.save()
    html = login(roles["admin"]).get(URL, {"target_type": "accounts.User", "action": "update"}).content.decode()
    assert ('<span class="change-label">经信部门：</span><del>江夏区经信部门</del> → <ins>洪山区经信部门</ins>'
            in html)
