"""The navigation is assembled from the apps' registrations, in the order it always had."""

from __future__ import annotations

import pytest

from zhongshi.core.navigation import navigation_for, navigation_items


def test_each_app_registers_its_entries_in_order() -> None:
    assert [item.url_name for item in navigation_items()] == [
        "core:home", "calls:call_list", "applications:application_list", "reviews:queue", "experts:tasks",
        "reviews:notice_list", "library:platform_list", "library:my_platforms", "library:public_list",
        "organisations:hostorg_list", "library:update_dashboard", "library:io_import", "library:adjustment_rounds",
        "organisations:partner_list",
        "organisations:authority_list", "organisations:expert_list", "accounts:user_list", "audit:entry_list",
        "reference:vocabulary_list",
    ]


@pytest.mark.django_db
def test_a_role_sees_the_entries_it_may_open(roles) -> None:
    labels = [str(item["label"]) for item in navigation_for(roles["applicant"], "/applications/")]
    assert labels == ["首页", "申报通知", "申报书", "公示", "我的平台", "中试平台名录", "季度更新", "联合单位",
                      "基础数据"]
    labels = [str(item["label"]) for item in navigation_for(roles["province"], "/library/platforms/")]
    assert labels[4:7] == ["公示", "平台库", "中试平台名录"]
