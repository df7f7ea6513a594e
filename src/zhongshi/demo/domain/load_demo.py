"""Fictional demo data: Hubei, Wuhan and three districts, three host organisations, one user per role.

Idempotent: running it again changes nothing. Every name, code and figure is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from stdnum.cn import uscc

from zhongshi.accounts.models import User
from zhongshi.organisations.domain.load_regions import load_region_file
from zhongshi.organisations.enums import HostOrgStatus
from zhongshi.organisations.models import Authority, DemandEnterprise, Expert, HostOrg, Region
from zhongshi.reference.models import ReferenceItem

DEMO_PASSWORD = "Zhongshi@2026"  # noqa: S105 - printed to the user of the embedded demo


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str


def make_credit_code(first17: str) -> str:
    """A credit code with the right GB 32100-2015 check character (for fictional organisations)."""
    return first17 + uscc.calc_check_digit(first17)


HOST_ORGS = [
    # username, name, first 17 characters of the credit code, unit type, district code, status, contact
    ("guangxin", "武汉光芯微电子技术有限公司", "91420100MA4K00001", "民企", "420171", HostOrgStatus.APPROVED,
     "王明", "027-87650001"),
    ("xincailiao", "湖北江夏新材料研究院有限公司", "12420115MB1C00002", "科研机构", "420115",
     HostOrgStatus.APPROVED, "李华", "027-81230002"),
    ("zhizao", "武汉洪山智造装备有限公司", "91420111MA4L00003", "国企", "420111", HostOrgStatus.PENDING,
     "张伟", "027-86540003"),
]

AUTHORITY_USERS = [
    ("miit", "000000", "赵科长"),
    ("hubei", "420000", "钱处长"),
    ("zhejiang", "330000", "孙处长"),
    ("wuhan", "420100", "周科长"),
    ("donghu", "420171", "吴主任"),
    ("jiangxia", "420115", "郑主任"),
    ("hongshan", "420111", "冯主任"),
]


# The demo authorities' contacts (fictional, 示例), shown to those they handle (help page, footer, refusals).
AUTHORITY_CONTACTS = {
    "000000": ("科技司（示例）", "010-00000000", "北京市（示例地址）"),
    "420000": ("制造业创新发展处（示例）", "027-00000001", "湖北省武汉市（示例地址）"),
    "330000": ("科技处（示例）", "0571-00000002", "浙江省杭州市（示例地址）"),
    "420100": ("制造业创新发展处（示例）", "027-00000003", "湖北省武汉市（示例地址）"),
    "420171": ("产业发展处（示例）", "027-00000004", "武汉东湖新技术开发区（示例地址）"),
    "420115": ("经济和信息化局（示例）", "027-00000005", "武汉市江夏区（示例地址）"),
    "420111": ("经济和信息化局（示例）", "027-00000006", "武汉市洪山区（示例地址）"),
}


def _user(username: str, **values: object) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **values)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    load_region_file()
    logins: list[DemoLogin] = []
    admin = _user("admin", role="admin", full_name="系统管理员", is_staff=True, is_superuser=True)
    logins.append(DemoLogin(admin.username, "系统管理员", "—"))
    for username, code, full_name in AUTHORITY_USERS:
        authority = Authority.objects.get(region__code=code)
        if not authority.contact_phone and code in AUTHORITY_CONTACTS:
            authority.contact_name, authority.contact_phone, authority.address = AUTHORITY_CONTACTS[code]
            authority.save(update_fields=["contact_name", "contact_phone", "address"])
        _user(username, role="authority", authority=authority, full_name=full_name)
        label = {"ministry": "工信部人员", "province": "省经信厅审核人员", "city": "市经信局审核人员",
                 "district": "区经信部门审核人员"}[authority.level]
        logins.append(DemoLogin(username, label, authority.name))
    for username, name, code17, unit_type, district, status, contact, phone in HOST_ORGS:
        org, _ = HostOrg.objects.get_or_create(
            credit_code=make_credit_code(code17),
            defaults={"name": name, "unit_type": unit_type, "district": Region.objects.get(code=district),
                      "status": status, "contact_name": contact, "contact_phone": phone,
                      "contact_email": f"{username}@example.com", "address": "湖北省武汉市（示例地址）"},
        )
        _user(username, role="applicant", host_org=org, full_name=contact, email=f"{username}@example.com")
        label = "依托单位申报用户" + ("（单位待审核）" if status == HostOrgStatus.PENDING else "")
        logins.append(DemoLogin(username, label, org.name))
    expert_user = _user("expert", role="expert", full_name="陈教授")
    expert, created = Expert.objects.get_or_create(
        user=expert_user,
        defaults={"name": "陈教授", "title": "教授级高级工程师", "organisation": "某高校材料学院（示例）",
                  "region": Region.objects.get(code="420102"), "fields_description": "新材料、集成电路"},
    )
    if created:
        expert.clusters.set(ReferenceItem.objects.filter(vocabulary__code="cluster_hubei_51020",
                                                         name__in=["新材料", "集成电路"]))
    logins.append(DemoLogin("expert", "评审专家", expert.organisation))
    enterprise, _ = DemandEnterprise.objects.get_or_create(
        credit_code=make_credit_code("91420104MA4M00004"),
        defaults={"name": "武汉汉江传感器有限公司", "district": Region.objects.get(code="420104"),
                  "contact_name": "刘经理", "contact_phone": "027-85550004"},
    )
    _user("qiye", role="enterprise", enterprise=enterprise, full_name="刘经理")
    logins.append(DemoLogin("qiye", "需求方企业", enterprise.name))
    register_example_org()
    grant_demo_extensions()
    load_demo_applications()
    from zhongshi.demo.domain.load_library import load_demo_platforms, load_demo_updates

    load_demo_platforms()
    load_demo_updates()
    return logins


def register_example_org() -> None:
    """The organisation of examples/hubei-2026-complete.json, registered and approved (no login), so that the
    README's `zhongshi import-application --call hubei-2026-provincial examples/hubei-2026-complete.json`
    stores the example as its draft."""
    HostOrg.objects.get_or_create(
        credit_code="91420100MA4KQ7T8XT",
        defaults={"name": "武汉光芯精密制造有限公司", "unit_type": "民企", "district": Region.objects.get(code="420171"),
                  "status": HostOrgStatus.APPROVED, "contact_name": "王海涛", "contact_phone": "027-87651236",
                  "address": "湖北省武汉市东湖新技术开发区（示例地址）"},
    )


def grant_demo_extensions() -> None:
    """The seed's deadline (2026-01-28) has passed: as the 省经信厅 would, extend the district level of
    the Hubei call so that the demo's reviewers can act (recorded like any extension)."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from zhongshi.calls.domain.chain import grant_extension
    from zhongshi.calls.models import Call, DeadlineExtension

    call = Call.objects.filter(code="hubei-2026-provincial").first()
    province = User.objects.filter(username="hubei").first()
    if call is None or province is None or DeadlineExtension.objects.filter(call=call).exists():
        return
    year_end = datetime(2026, 12, 31, 23, 59, tzinfo=timezone.get_current_timezone())
    deadline = max(year_end, timezone.now() + timedelta(days=30))
    # Seed 000 sets the district level's deadline only (于1月28日前); the city and the province have none.
    grant_extension(user=province, call=call, level="district", deadline=deadline,
                    reason="演示环境：原截止时间2026年1月28日已过，延长至年底以便演示审核流程")


def load_demo_applications() -> None:
    """guangxin: a nearly complete draft (evidence still to upload); xincailiao: a submitted application."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhongshi.applications.domain.check_registration import fill_registration
    from zhongshi.applications.domain.edit_application import create_application, save_answers
    from zhongshi.applications.domain.evidence import add_evidence
    from zhongshi.applications.domain.submit_application import submit_application
    from zhongshi.applications.models import Application
    from zhongshi.calls.models import Call
    from zhongshi.config.env import REPO_DIR
    from zhongshi.core.domain.files import minimal_pdf
    from zhongshi.formversions.domain.formdef import load_form

    example = REPO_DIR / "examples" / "hubei-2026-complete.json"
    call = Call.objects.filter(code="hubei-2026-provincial").first()
    if call is None or not example.exists():
        return
    for username, platform_name, submit in (("guangxin", "高速光电子器件封装测试中试平台", False),
                                            ("xincailiao", "先进金属材料成形工艺中试平台", True)):
        user = User.objects.get(username=username)
        if Application.objects.filter(host_org=user.host_org).exists():
            continue
        answers = json.loads(example.read_text(encoding="utf-8"))
        org = user.host_org
        assert org is not None
        answers["basic"]["platform_name"] = platform_name
        answers["basic"]["host_org"]["unit_type"] = org.unit_type
        answers = fill_registration(answers, org, load_form(call.form_code))  # 依托单位, credit code and 所在地 as registered
        answers["service"]["service_resource_list"]["contact"] = {"name": org.contact_name,
                                                                  "phone": org.contact_phone}
        application = create_application(user=user, call=call)
        application = save_answers(user=user, application=application, answers=answers,
                                   base_revision=application.revision)
        if not submit:
            continue
        for item in call.evidence_requirements():
            add_evidence(user=user, application=application, requirement=item["key"],
                         upload=SimpleUploadedFile(f"{item['label']}.pdf", minimal_pdf(f"zhongshi demo evidence: {item['key']}")))
        submit_application(user=user, application=application, base_revision=application.revision)
