from __future__ import annotations

import pytest

from zhongshi.notifications.kinds import UnknownKindError, all_kinds, get_kind, kind_label


def test_the_built_in_kinds_and_their_chinese_labels():
    labels = {kind.code: str(kind.label) for kind in all_kinds()}
    assert {code: labels[code] for code in (
        "application_submitted", "application_returned", "application_recommended", "application_not_recommended",
        "application_forwarded", "application_decided", "deadline_reminder", "notice_published",
        "objection_filed", "objection_handled")} == {
        "application_submitted": "申报书已提交，待初审",
        "application_returned": "退回修改",
        "application_recommended": "已推荐",
        "application_not_recommended": "未推荐",
        "application_forwarded": "已报送上级",
        "application_decided": "审核结果",
        "deadline_reminder": "截止提醒",
        "notice_published": "公示",
        "objection_filed": "异议",
        "objection_handled": "异议处理结果",
    }


def test_every_built_in_kind_is_on_in_both_channels_by_default():
    assert all(kind.in_app_default and kind.email_default for kind in all_kinds())


def test_unknown_kind():
    with pytest.raises(UnknownKindError):
        get_kind("nope")
    assert kind_label("nope") == "nope"
