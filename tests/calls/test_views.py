"""The call pages: the public list and notice, copying a call, changing it in the edit form, attachments."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhongshi.applications.domain.reevaluate_call import reevaluate_call
from zhongshi.calls.models import Call, CallAttachment

pytestmark = pytest.mark.django_db

HUBEI = "hubei-2026-provincial"
CALL_FIELDS = ("code", "title", "level", "issuer_id", "form_code", "status", "notice", "evidence", "conditions",
               "checklist", "chain", "summary_columns", "builtin")


class _FormParser(HTMLParser):
    """The values a browser would post from the form marked data-testid=call-edit-form (no JavaScript)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inside = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("data-testid") == "call-edit-form"
        if not self.inside or tag not in ("input", "select", "option", "textarea"):
            return
        name = a.get("name", "")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value") or "on"
            else:
                self.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    parser = _FormParser()
    parser.feed(html)
    return {k: (v[1:] if v.startswith("\n") else v) for k, v in parser.fields.items()}


def edit_url(code: str) -> str:
    return reverse("calls:call_edit", args=[code])


def opened_form(client, code: str) -> dict[str, str]:
    response = client.get(edit_url(code))
    assert response.status_code == 200
    return form_values(response.content.decode())


def state(code: str) -> dict[str, Any]:
    call = Call.objects.get(code=code)
    return {name: getattr(call, name) for name in CALL_FIELDS}


def evidence_row(values: dict[str, str], label: str) -> int:
    return next(int(m.group(1)) for k, v in values.items() if (m := re.match(r"evidence\.(\d+)\.label$", k)) and v == label)


def blank_evidence_row(values: dict[str, str]) -> int:
    return max(int(m.group(1)) for k in values if (m := re.match(r"evidence\.(\d+)\.label$", k)))


def copy(client, source: str, code: str, title: str) -> Any:
    return client.post(reverse("calls:call_copy", args=[source]), {"code": code, "title": title})


# ---------------------------------------------------------------------------------------------- public pages


def test_list_and_notice_are_public() -> None:
    from django.test import Client

    client = Client()
    page = client.get(reverse("calls:call_list")).content.decode()
    assert "湖北省第二批省级制造业中试平台申报" in page
    assert "储备中试平台申报" in page
    assert "湖北省经济和信息化厅" in page
    assert "区级 2026-01-28" in page
    assert 'data-testid="call-status">申报中</span>' in page

    response = client.get(reverse("calls:call_detail", args=[HUBEI]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>湖北省第二批省级制造业中试平台申报" in page
    assert "区级：2026年1月28日 23:59 前" in page
    assert "市级：无截止时间</li>" in page  # seed 000 gives the city no deadline
    assert "省级：无截止时间（作出决定的层级）" in page
    assert "<td>一（一）</td><td>中试设备或者设施原值不低于1000万元</td>" in page
    assert "中试设备设施原值不低于 1,000 万元" in page
    assert "上年度中试服务收入占主营业务收入比例不低于 5%" in page
    assert "信用中国查询结果" in page
    assert "各区经信部门对申报材料的完整性" in page
    for marker in ('data-testid="edit-call"', 'data-testid="copy-call"', 'data-testid="apply"'):
        assert marker not in page


def test_status_filter_of_the_list(roles, login) -> None:
    Call.objects.filter(code="miit-reserve").update(status="closed")
    page = login(roles["applicant"]).get(reverse("calls:call_list"), {"status": "closed"}).content.decode()
    assert "储备中试平台申报" in page
    assert "湖北省第二批省级制造业中试平台申报" not in page


def test_notice_shows_each_role_its_next_step(roles, login) -> None:
    url = reverse("calls:call_detail", args=[HUBEI])
    page = login(roles["applicant"]).get(url).content.decode()
    assert 'href="%s" data-testid="apply"' % reverse("applications:application_start", args=[HUBEI]) in page
    assert 'data-testid="edit-call"' not in page
    page = login(roles["province"]).get(url).content.decode()
    assert 'data-testid="edit-call"' in page and 'data-testid="copy-call"' in page
    assert 'data-testid="apply"' not in page
    for role in ("city", "district", "other_province", "ministry"):
        page = login(roles[role]).get(url).content.decode()
        assert 'data-testid="edit-call"' not in page, role
    Call.objects.filter(code=HUBEI).update(status="closed")
    page = login(roles["applicant"]).get(url).content.decode()
    assert 'data-testid="apply"' not in page
    assert "本申报通知已截止" in page


# ---------------------------------------------------------------------------------------------- copy and edit


def test_province_copies_the_hubei_call_and_changes_it(roles, login) -> None:
    client = login(roles["province"])
    source_before = state(HUBEI)
    page = client.get(reverse("calls:call_copy", args=[HUBEI])).content.decode()
    assert 'value="湖北省第二批省级制造业中试平台申报"' in page

    response = copy(client, HUBEI, "hubei-2027-provincial", "湖北省第三批省级制造业中试平台申报")
    assert response["Location"] == edit_url("hubei-2027-provincial")
    new = Call.objects.get(code="hubei-2027-provincial")
    assert (new.status, new.builtin, new.issuer, new.level, new.form_code) == (
        "closed", False, factories.authority("420000"), "provincial", "hubei-2026")
    for name in ("notice", "evidence", "conditions", "checklist", "chain", "summary_columns"):
        assert getattr(new, name) == source_before[name], name

    values = opened_form(client, "hubei-2027-provincial")
    assert values["threshold.equipment_value"] == "1000"
    assert values["chain.0.deadline"] == "2026-01-28T23:59"
    new_row = blank_evidence_row(values)
    values.update({
        "status": "open",
        "threshold.equipment_value": "1200",
        "chain.0.deadline": "2027-01-20T17:00",
        "chain.1.kind": "date",  # seed 000 gives the city no deadline; this copy sets one
        "chain.1.deadline": "2027-01-28T17:00",
        f"evidence.{new_row}.label": "近三年财务审计报告",
        f"evidence.{new_row}.required": "on",
        f"evidence.{new_row}.help": "加盖会计师事务所公章",
        f"evidence.{evidence_row(values, '其他佐证材料')}.remove": "on",
    })
    response = client.post(edit_url("hubei-2027-provincial"), values)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("calls:call_detail", args=["hubei-2027-provincial"])

    new.refresh_from_db()
    assert new.status == "open"
    equipment = next(c for c in new.conditions if c["id"] == "equipment_value")
    assert equipment["test"]["value"] == 1200
    assert equipment["label"] == "中试设备或者设施原值不低于1200万元"  # the unedited wording follows the figure
    assert new.chain == [{"level": "district", "deadline": "2027-01-20T17:00:00+08:00"},
                         {"level": "city", "deadline": "2027-01-28T17:00:00+08:00"},
                         {"level": "province", "deadline": None}]
    assert new.evidence[-1] == {"key": "item_1", "label": "近三年财务审计报告", "required": True,
                                "help": "加盖会计师事务所公章"}
    assert "其他佐证材料" not in [item["label"] for item in new.evidence]
    assert [item["key"] for item in new.evidence[:-1]] == [item["key"] for item in source_before["evidence"][:-1]]
    assert new.evidence[1]["required_if"] == source_before["evidence"][1]["required_if"]
    assert state(HUBEI) == source_before  # the source is unchanged

    page = client.get(response["Location"]).content.decode()
    assert "区级：2027年1月20日 17:00 前" in page
    assert "市级：2027年1月28日 17:00 前" in page
    assert "中试设备设施原值不低于 1,200 万元" in page
    assert "近三年财务审计报告" in page
    assert "已保存申报通知。" in page


def test_ministry_copies_the_reserve_call_without_the_ministry_level(roles, login) -> None:
    client = login(roles["ministry"])
    copy(client, "miit-reserve", "miit-reserve-2027", "储备中试平台申报（2027年）")
    values = opened_form(client, "miit-reserve-2027")
    # the reserve call ends at the province (seed 004 二（二）: the province's selection decides)
    assert values["chain.2.level"] == "province" and not values.get("chain.3.level")
    assert (values["chain.2.kind"], values["chain.2.days"], values["chain.2.month"]) == ("window", "5", "")
    values.update({"chain.2.kind": "none", "chain.2.days": ""})
    response = client.post(edit_url("miit-reserve-2027"), values)
    assert response.status_code == 302
    copied = Call.objects.get(code="miit-reserve-2027")
    assert copied.chain == [
        {"level": "district", "deadline": {"last_working_days": 5}},
        {"level": "city", "deadline": {"last_working_days": 5}},
        {"level": "province", "deadline": None}]
    assert copied.rounds == [{"month": "2026-06"}, {"month": "2026-12"}]
    assert Call.objects.get(code="miit-reserve").chain[-1] == {"level": "province",
                                                               "deadline": {"last_working_days": 5}}


def test_the_chain_is_reordered_by_its_selects(roles, login) -> None:
    client = login(roles["province"])
    copy(client, HUBEI, "hubei-city-first", "武汉市推荐")
    values = opened_form(client, "hubei-city-first")
    # drop the district level: the city moves up to the first row
    values.update({"chain.0.level": "city", "chain.0.deadline": "2026-01-28T23:59",
                   "chain.1.level": "province", "chain.1.deadline": "", "chain.2.level": ""})
    assert client.post(edit_url("hubei-city-first"), values).status_code == 302
    assert Call.objects.get(code="hubei-city-first").chain_levels() == ["city", "province"]
    # a level above may not come before a level below
    values.update({"chain.0.level": "province", "chain.1.level": "city"})
    response = client.post(edit_url("hubei-city-first"), values)
    assert response.status_code == 400
    assert "市级不能排在省级之后" in response.content.decode()
    assert Call.objects.get(code="hubei-city-first").chain_levels() == ["city", "province"]


@pytest.mark.parametrize("role", ["other_province", "city", "district", "applicant", "expert"])
def test_only_the_issuer_copies_or_changes_a_call(roles, login, role) -> None:
    client = login(roles[role])
    before = state(HUBEI)
    assert client.get(reverse("calls:call_copy", args=[HUBEI])).status_code == 403
    assert copy(client, HUBEI, "stolen-copy", "复制").status_code == 403
    assert client.get(edit_url(HUBEI)).status_code == 403
    assert client.post(edit_url(HUBEI), {"title": "改标题", "status": "closed"}).status_code == 403
    assert not Call.objects.filter(code="stolen-copy").exists()
    assert state(HUBEI) == before


def test_the_ministry_does_not_change_a_provincial_call(roles, login) -> None:
    client = login(roles["ministry"])
    assert client.get(edit_url(HUBEI)).status_code == 403
    assert login(roles["admin"]).get(edit_url(HUBEI)).status_code == 200


def test_an_impossible_deadline_order_keeps_the_input_and_changes_nothing(roles, login) -> None:
    client = login(roles["province"])
    before = state(HUBEI)
    values = opened_form(client, HUBEI)
    new_row = blank_evidence_row(values)
    values.update({
        "title": "湖北省第二批省级制造业中试平台申报（修订）",
        "threshold.equipment_value": "1500",
        "chain.0.deadline": "2026-01-28T23:59",
        "chain.1.kind": "date",
        "chain.1.deadline": "2026-01-20T23:59",
        f"evidence.{new_row}.label": "环评批复",
    })
    response = client.post(edit_url(HUBEI), values)
    assert response.status_code == 400
    page = response.content.decode()
    message = "市级的截止时间（2026年1月20日 23:59）早于区级（2026年1月28日 23:59），请调整"
    assert page.count(message) == 2  # in the summary at the top and beside the field
    beside = re.search(r'name="chain\.1\.deadline"[^>]*>\s*<div class="field-error" role="alert">([^<]+)</div>', page)
    assert beside is not None and beside.group(1) == message
    assert '<a href="#id_chain.1.deadline">' in page
    assert "未保存任何修改" in page
    kept = form_values(page)
    for name in ("title", "threshold.equipment_value", "chain.0.deadline", "chain.1.deadline",
                 f"evidence.{new_row}.label"):
        assert kept[name] == values[name], name
    assert state(HUBEI) == before


def test_every_error_is_shown_at_once(roles, login) -> None:
    client = login(roles["province"])
    before = state(HUBEI)
    values = opened_form(client, HUBEI)
    values.update({"title": "  ", "threshold.fulltime_staff": "五", "chain.2.level": "city"})
    response = client.post(edit_url(HUBEI), values)
    assert response.status_code == 400
    page = response.content.decode()
    assert "这个字段是必填项。" in page
    assert "输入一个数字。" in page
    assert form_values(page)["threshold.fulltime_staff"] == "五"
    # the form's own checks passed: now the domain's, all of them together
    values.update({"title": "新标题", "threshold.fulltime_staff": "5", "evidence.0.label": "中试服务证明"})
    page = client.post(edit_url(HUBEI), values).content.decode()
    assert "市级在审核链中出现了不止一次，每个层级只能出现一次。" in page
    assert "“中试服务证明”重复列出，每项材料须有自己的名称。" in page
    assert state(HUBEI) == before


def test_a_stale_form_is_refused(roles, login) -> None:
    client = login(roles["province"])
    values = opened_form(client, HUBEI)
    other = login(roles["admin"])
    other_values = opened_form(other, HUBEI)
    other_values["title"] = "管理员改过的标题"
    assert other.post(edit_url(HUBEI), other_values).status_code == 302
    values["title"] = "省厅改的标题"
    response = client.post(edit_url(HUBEI), values)
    assert response.status_code == 400
    assert "其他人在您打开本页之后保存了这份申报通知，您的修改未保存。" in response.content.decode()
    kept = form_values(response.content.decode())
    assert kept["title"] == "省厅改的标题"
    assert Call.objects.get(code=HUBEI).title == "管理员改过的标题"
    # having seen the message, saving again keeps what is on the page
    assert client.post(edit_url(HUBEI), kept).status_code == 302
    assert Call.objects.get(code=HUBEI).title == "省厅改的标题"


def test_add_a_row_keeps_the_input_and_saves_nothing(roles, login) -> None:
    client = login(roles["province"])
    before = state(HUBEI)
    values = opened_form(client, HUBEI)
    last = blank_evidence_row(values)
    values.update({"title": "还没保存的标题", f"evidence.{last}.label": "第一项新材料", "_add_evidence": "1"})
    response = client.post(edit_url(HUBEI), values)
    assert response.status_code == 200
    kept = form_values(response.content.decode())
    assert kept["title"] == "还没保存的标题"
    assert kept[f"evidence.{last}.label"] == "第一项新材料"
    assert kept[f"evidence.{last + 1}.label"] == ""
    assert 'data-testid="form-errors"' not in response.content.decode()
    assert state(HUBEI) == before


def test_a_duplicate_or_malformed_code_is_refused(roles, login) -> None:
    client = login(roles["province"])
    count = Call.objects.count()
    response = copy(client, HUBEI, "miit-reserve", "湖北省第三批")
    assert response.status_code == 400
    assert "编号 miit-reserve 已被其他申报通知使用。" in response.content.decode()
    assert 'value="湖北省第三批"' in response.content.decode()
    response = copy(client, HUBEI, "Hubei 2027", "湖北省第三批")
    assert response.status_code == 400
    assert "编号只能由小写字母、数字、连字符和下划线组成" in response.content.decode()
    assert Call.objects.count() == count


def test_a_threshold_change_judges_the_applications_again(roles, login) -> None:
    client = login(roles["province"])
    copy(client, HUBEI, "hubei-2027-provincial", "湖北省第三批省级制造业中试平台申报")
    answers = factories.example_answers()
    answers["foundation"]["equipment_value_wan"] = 1100
    borderline = factories.application(roles["applicant"].host_org, answers=answers, status="submitted",
                                       call_code="hubei-2027-provincial")
    comfortable = factories.application(roles["other_applicant"].host_org, call_code="hubei-2027-provincial")
    other_call = factories.application(answers=answers)  # the Hubei call itself keeps its threshold
    reevaluate_call(Call.objects.get(code="hubei-2027-provincial"))
    reevaluate_call(Call.objects.get(code=HUBEI))
    borderline.refresh_from_db()
    assert borderline.eligibility == "eligible"

    values = opened_form(client, "hubei-2027-provincial")
    values["threshold.equipment_value"] = "1200"
    response = client.post(edit_url("hubei-2027-provincial"), values, follow=True)
    page = response.content.decode()
    assert "已按新条件重新判定 2 份申报书：符合 1，不符合 1，无法判断 0" in page
    for application, verdict in ((borderline, "ineligible"), (comfortable, "eligible"), (other_call, "eligible")):
        application.refresh_from_db()
        assert application.eligibility == verdict

    # a save that changes no threshold judges nothing again
    values = opened_form(client, "hubei-2027-provincial")
    values["title"] = "湖北省第三批省级制造业中试平台申报（更正）"
    page = client.post(edit_url("hubei-2027-provincial"), values, follow=True).content.decode()
    assert "重新判定" not in page


# ---------------------------------------------------------------------------------------------- attachments


def _office_file(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def test_the_issuer_attaches_files_everyone_downloads_them(roles, login) -> None:
    client = login(roles["province"])
    upload_url = reverse("calls:attachment_upload", args=[HUBEI])
    pdf = SimpleUploadedFile("附件1.pdf", factories.pdf_bytes(), content_type="application/pdf")
    response = client.post(upload_url, {"title": "附件1 制造业中试平台建设要求", "file": pdf})
    assert response["Location"] == edit_url(HUBEI) + "#attachments"
    sheet = SimpleUploadedFile("附件3.xlsx", _office_file("xl/workbook.xml"))
    client.post(upload_url, {"title": "", "file": sheet})
    letter = SimpleUploadedFile("模板.docx", _office_file("word/document.xml"))
    client.post(upload_url, {"title": "推荐函模板", "file": letter})
    assert list(CallAttachment.objects.filter(call__code=HUBEI).values_list("title", flat=True)) == [
        "附件1 制造业中试平台建设要求", "附件3", "推荐函模板"]

    fake = SimpleUploadedFile("冒充.pdf", b"just some text, not a PDF")
    page = client.post(upload_url, {"title": "冒充", "file": fake}, follow=True).content.decode()
    assert "“冒充.pdf”不是 PDF、DOCX、XLSX 或 OFD 文件（按文件内容检查，而不是文件名）。" in page
    assert CallAttachment.objects.filter(call__code=HUBEI).count() == 3

    from django.test import Client

    attachment = CallAttachment.objects.get(title="附件1 制造业中试平台建设要求")
    page = Client().get(reverse("calls:call_detail", args=[HUBEI])).content.decode()
    download = reverse("calls:attachment_download", args=[HUBEI, attachment.pk])
    assert f'<a href="{download}">附件1 制造业中试平台建设要求</a>' in page
    response = Client().get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == factories.pdf_bytes()
    assert "filename*=utf-8''%E9%99%84%E4%BB%B61" in response["Content-Disposition"]
    # an attachment is found under its own call only
    assert Client().get(reverse("calls:attachment_download", args=["miit-reserve", attachment.pk])).status_code == 404

    assert login(roles["city"]).post(reverse("calls:attachment_delete", args=[HUBEI, attachment.pk])).status_code == 403
    client.post(reverse("calls:attachment_delete", args=[HUBEI, attachment.pk]))
    assert not CallAttachment.objects.filter(pk=attachment.pk).exists()


def test_a_copy_takes_its_own_copy_of_the_attachments(roles, login) -> None:
    client = login(roles["province"])
    client.post(reverse("calls:attachment_upload", args=[HUBEI]),
                {"title": "附件1", "file": SimpleUploadedFile("a.pdf", factories.pdf_bytes())})
    copy(client, HUBEI, "hubei-2027-provincial", "第三批")
    original = CallAttachment.objects.get(call__code=HUBEI)
    duplicate = CallAttachment.objects.get(call__code="hubei-2027-provincial")
    assert duplicate.title == "附件1"
    assert duplicate.file.name != original.file.name
    with duplicate.file.open("rb") as handle:
        assert handle.read() == factories.pdf_bytes()


def test_the_reserve_calls_rounds_and_rules_are_shown_in_plain_chinese(client) -> None:
    from zhongshi.calls.domain.chain import forget_calendar

    forget_calendar()
    page = client.get(reverse("calls:call_detail", args=["miit-reserve"])).content.decode()
    assert "本通知分批次申报：2026年6月、2026年12月。" in page
    assert "区级：当月最后5个工作日" in page
    assert "2026年12月批次：2026年12月25日至2026年12月31日，2026年12月31日 23:59 前" in page
    assert "2026年6月批次：2026年6月24日至2026年6月30日，2026年6月30日 23:59 前" in page
    assert "省级：当月最后5个工作日" in page and "部级：" not in page  # the province decides (seed 004 二（二）)


def test_the_issuer_chooses_the_last_working_days_and_a_bad_number_is_refused_beside_it(roles, login) -> None:
    client = login(roles["ministry"])
    before = state("miit-reserve")
    values = opened_form(client, "miit-reserve")
    assert (values["chain.0.kind"], values["chain.0.days"]) == ("window", "5")
    assert "本通知分批次（2026年6月、2026年12月）" in client.get(edit_url("miit-reserve")).content.decode()
    values["chain.0.days"] = "30"
    response = client.post(edit_url("miit-reserve"), values)
    assert response.status_code == 400
    page = response.content.decode()
    beside = re.search(r'name="chain\.0\.days"[^>]*>[^<]*</span><div class="field-error" role="alert">([^<]+)</div>',
                       page)
    assert beside is not None and beside.group(1) == "请填写 1 到 15 之间的工作日数。"
    assert state("miit-reserve") == before
    values["chain.0.days"] = "3"
    assert client.post(edit_url("miit-reserve"), values).status_code == 302
    assert Call.objects.get(code="miit-reserve").chain[0] == {"level": "district",
                                                              "deadline": {"last_working_days": 3}}
