"""src/zhongshi/audit/domain/diff_answers.py"""

from __future__ import annotations

from zhongshi.audit.domain.diff_answers import MAX_CHANGES, diff_answers


def test_changed_leaves_with_their_paths_in_the_order_of_the_new_document():
    old = {"basic": {"platform_name": "旧名", "total_investment_wan": 8600, "clusters": ["光电子"]},
           "service": {"cases": [{"text": "案例一"}]}}
    new = {"basic": {"platform_name": "新名", "total_investment_wan": 8600, "clusters": ["光电子", "汽车"]},
           "service": {"cases": [{"text": "案例一"}, {"text": "案例二"}]}}

    assert diff_answers(old, new) == [
        {"path": "basic.platform_name", "label": "basic.platform_name", "unit": "", "old": "旧名", "new": "新名"},
        {"path": "basic.clusters", "label": "basic.clusters", "unit": "", "old": ["光电子"],
         "new": ["光电子", "汽车"]},
        {"path": "service.cases[1].text", "label": "service.cases[1].text", "unit": "", "old": None,
         "new": "案例二"},
    ]


def test_removed_leaves_come_last_and_blank_to_blank_is_no_change():
    old = {"a": {"x": 1, "gone": "值", "blank": ""}}
    new = {"a": {"x": 2, "blank": None}}

    assert [(c["path"], c["old"], c["new"]) for c in diff_answers(old, new)] == [("a.x", 1, 2),
                                                                                ("a.gone", "值", None)]


def test_the_labeller_names_each_path_and_a_failing_one_falls_back_to_the_path():
    def labeller(path: str) -> tuple[str, str]:
        if path == "bad":
            raise KeyError(path)
        return f"标签:{path}", "万元"

    changes = diff_answers({"ok": 1, "bad": 1}, {"ok": 2, "bad": 2}, labeller=labeller)

    assert [(c["label"], c["unit"]) for c in changes] == [("标签:ok", "万元"), ("bad", "")]


def test_at_most_max_changes_and_long_texts_are_cut():
    old = {f"k{i}": i for i in range(MAX_CHANGES + 10)}
    new = {f"k{i}": i + 1 for i in range(MAX_CHANGES + 10)}

    assert len(diff_answers(old, new)) == MAX_CHANGES
    [change] = diff_answers({"t": ""}, {"t": "长" * 600})
    assert change["new"] == "长" * 500 + "…"
