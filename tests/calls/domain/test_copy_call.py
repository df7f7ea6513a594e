"""copy_call: a new call from an existing one, everything copied, the source untouched."""

from __future__ import annotations

import copy

import pytest
from django.core.files.base import ContentFile

from tests import factories
from zhongshi.calls.domain.copy_call import copy_call
from zhongshi.calls.domain.update_call import InvalidCallError, update_call
from zhongshi.calls.models import Call, CallAttachment
from zhongshi.core.errors import NotAllowed

pytestmark = pytest.mark.django_db

COPIED = ("level", "issuer_id", "form_code", "notice", "evidence", "conditions", "checklist", "chain",
          "summary_columns")


def test_a_copy_has_everything_but_is_closed_and_not_built_in(roles) -> None:
    source = factories.call("miit-reserve")
    new = copy_call(user=roles["ministry"], source=source, code=" miit-reserve-2027 ", title=" 储备中试平台申报（2027年） ")
    assert (new.code, new.title, new.status, new.builtin) == ("miit-reserve-2027", "储备中试平台申报（2027年）",
                                                             "closed", False)
    for name in COPIED:
        assert getattr(new, name) == getattr(source, name), name
    assert new.issuer == factories.authority("000000")


def test_changing_the_copy_leaves_the_source_alone(roles) -> None:
    source = factories.call()
    before = {name: copy.deepcopy(getattr(source, name)) for name in COPIED}
    new = copy_call(user=roles["province"], source=source, code="hubei-2027-provincial", title="第三批")
    update_call(user=roles["province"], call=new, data={
        "thresholds": {"equipment_value": 1200},
        "chain": [{"level": "district", "deadline": "2027-01-20T17:00:00+08:00"}, {"level": "province"}],
        "evidence": [*new.evidence, {"label": "审计报告", "required": True}],
    })
    source.refresh_from_db()
    assert {name: getattr(source, name) for name in COPIED} == before


def test_attachments_are_copied_as_files_of_their_own(roles) -> None:
    source = factories.call()
    attachment = CallAttachment(call=source, title="附件3 推荐汇总表")
    attachment.file.save("a.pdf", ContentFile(factories.pdf_bytes("summary")), save=False)
    attachment.save()
    new = copy_call(user=roles["admin"], source=source, code="hubei-copy", title="副本")
    duplicate = new.attachments.get()
    assert duplicate.title == "附件3 推荐汇总表"
    assert duplicate.file.name != attachment.file.name
    with duplicate.file.open("rb") as handle:
        assert handle.read() == factories.pdf_bytes("summary")


@pytest.mark.parametrize(("code", "title", "expected"), [
    ("miit-reserve", "标题", [("duplicate_code", "code")]),
    ("Hubei_2027", "标题", [("invalid_code", "code")]),
    ("hubei 2027", "标题", [("invalid_code", "code")]),
    ("", "", [("required", "code"), ("required", "title")]),
    ("x" * 65, "标题", [("invalid_code", "code")]),
])
def test_the_code_must_be_a_new_slug(roles, code, title, expected) -> None:
    count = Call.objects.count()
    with pytest.raises(InvalidCallError) as exc:
        copy_call(user=roles["province"], source=factories.call(), code=code, title=title)
    assert [(e.code, e.field) for e in exc.value.errors] == expected
    assert Call.objects.count() == count


@pytest.mark.parametrize("role", ["ministry", "other_province", "city", "district", "applicant", "expert"])
def test_only_the_issuer_copies(roles, role) -> None:
    with pytest.raises(NotAllowed):
        copy_call(user=roles[role], source=factories.call(), code="copy", title="副本")
    assert not Call.objects.filter(code="copy").exists()
