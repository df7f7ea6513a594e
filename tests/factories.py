"""factory_boy factories of the project's models (real rows in the test database, no mocks)."""

from __future__ import annotations

import itertools

import factory
from stdnum.cn import uscc

from zhongshi.accounts.models import User
from zhongshi.organisations.models import Authority, DemandEnterprise, Expert, HostOrg, PartnerOrg, Region

_serial = itertools.count(1)


def credit_code(prefix: str = "91420100MA") -> str:
    """A fresh, valid unified social credit code (GB 32100-2015 check character)."""
    body = f"{prefix}{next(_serial):0{17 - len(prefix)}d}"
    return body + uscc.calc_check_digit(body)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def authority(code: str) -> Authority:
    return Authority.objects.get(region__code=code)


class HostOrgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrg

    name = factory.Sequence(lambda n: f"测试依托单位{n}有限公司")
    credit_code = factory.LazyFunction(credit_code)
    unit_type = "民企"
    district = factory.LazyFunction(lambda: region("420171"))
    contact_name = "测试联系人"
    contact_phone = "027-88880000"
    status = "approved"


class PartnerOrgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrg

    host_org = factory.SubFactory(HostOrgFactory)
    name = factory.Sequence(lambda n: f"联合单位{n}")


class DemandEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandEnterprise

    name = factory.Sequence(lambda n: f"需求企业{n}有限公司")
    credit_code = factory.LazyFunction(lambda: credit_code("91420104MA"))
    district = factory.LazyFunction(lambda: region("420104"))
    contact_name = "需求联系人"
    contact_phone = "027-55550000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = "applicant"
    password = factory.PostGenerationMethodCall("set_password", "Test-password-1")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()


def applicant(host_org: HostOrg | None = None, **kwargs: object) -> User:
    return UserFactory(role="applicant", host_org=host_org or HostOrgFactory(), **kwargs)


def reviewer(code: str, **kwargs: object) -> User:
    """An authority reviewer of the division ``code`` (000000 is the ministry)."""
    return UserFactory(role="authority", authority=authority(code), **kwargs)


def expert_user(**kwargs: object) -> User:
    user = UserFactory(role="expert", **kwargs)
    Expert.objects.create(user=user, name=user.full_name, title="教授", organisation="某大学",
                          region=region("420102"))
    return user


def enterprise_user(**kwargs: object) -> User:
    return UserFactory(role="enterprise", enterprise=DemandEnterpriseFactory(), **kwargs)


def admin_user(**kwargs: object) -> User:
    return UserFactory(role="admin", is_staff=True, is_superuser=True, **kwargs)


def example_answers(host_org: HostOrg | None = None) -> dict:
    """A deep copy of examples/hubei-2026-complete.json: complete, consistent, eligible; with ``host_org``, its
    依托单位, credit code and 所在地 are that registered organisation's (as the web form fills them)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "examples" / "hubei-2026-complete.json"
    answers = json.loads(path.read_text(encoding="utf-8"))
    if host_org is None:
        return answers
    from zhongshi.applications.domain.check_registration import fill_registration
    from zhongshi.formversions.domain.formdef import load_form

    return fill_registration(answers, host_org, load_form("hubei-2026"))


def call(code: str = "hubei-2026-provincial"):
    from zhongshi.calls.models import Call

    return Call.objects.get(code=code)


def application(host_org: HostOrg | None = None, *, answers: dict | None = None, status: str = "draft",
                registered: bool = True, **kwargs):
    """An application of ``host_org`` to the Hubei call, by default the complete example as a draft. Its 依托单位,
    credit code and 所在地 are the organisation's registration (as the web form fills them) unless
    ``registered=False`` or the answers have no 基本信息."""
    from zhongshi.applications.domain.check_registration import fill_registration
    from zhongshi.applications.domain.reevaluate_call import update_eligibility
    from zhongshi.applications.models import Application
    from zhongshi.formversions.domain.formdef import load_form

    host_org = host_org or HostOrgFactory()
    answers = example_answers() if answers is None else answers
    if registered and isinstance(answers, dict) and isinstance(answers.get("basic"), dict):
        answers = fill_registration(answers, host_org, load_form("hubei-2026"))
    application = Application.objects.create(
        call=call(kwargs.pop("call_code", "hubei-2026-provincial")), host_org=host_org,
        form_code="hubei-2026", answers=answers, platform_name=answers.get("basic", {}).get("platform_name", ""),
        clusters="、".join(answers.get("basic", {}).get("industry_clusters", [])),
        status=status, **kwargs,
    )
    update_eligibility(application)
    return application


def pdf_bytes(text: str = "evidence") -> bytes:
    """A small, real PDF file."""
    from zhongshi.core.domain.files import minimal_pdf

    return minimal_pdf(text.encode("ascii", "replace").decode())


def evidence_file(application, requirement: str = "credit_china", name: str = "信用中国查询结果.pdf"):
    """An uploaded PDF, stored through the storage API like a real upload."""
    import hashlib

    from django.core.files.base import ContentFile

    from zhongshi.applications.models import EvidenceFile

    content = pdf_bytes(name)
    evidence = EvidenceFile(application=application, requirement=requirement, original_name=name,
                            content_type="application/pdf", size=len(content),
                            sha256=hashlib.sha256(content).hexdigest())
    evidence.file.save(name, ContentFile(content), save=False)
    evidence.save()
    return evidence
