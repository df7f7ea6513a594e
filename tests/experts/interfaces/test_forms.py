from __future__ import annotations

import copy
import json

from zhongshi.experts.domain.indicator_systems import EXAMPLE_FILES, load_example
from zhongshi.experts.interfaces.forms import IndicatorSystemForm


def test_a_valid_definition_is_parsed():
    data = load_example(EXAMPLE_FILES[1])
    form = IndicatorSystemForm(data={"definition": json.dumps(data, ensure_ascii=False)})
    assert form.is_valid()
    assert form.cleaned_data["definition"] == data


def test_broken_json_and_bad_weights_are_reported_in_chinese():
    form = IndicatorSystemForm(data={"definition": '{"name": "x",\n "dimensions": [}'})
    assert form.errors == {"definition": ["不是有效的JSON（第2行）：请检查括号、逗号和引号。"]}
    data = copy.deepcopy(load_example(EXAMPLE_FILES[1]))
    data["dimensions"][0]["indicators"][0]["max"] = 0
    data["dimensions"][1]["indicators"][0]["weight"] = 25
    form = IndicatorSystemForm(data={"definition": json.dumps(data, ensure_ascii=False)})
    assert form.errors == {"definition": ["dimensions.0.indicators.0.max: “服务国家和区域战略、聚焦重点方向”的满分须大于0。"]}
    data["dimensions"][0]["indicators"][0]["max"] = 100
    form = IndicatorSystemForm(data={"definition": json.dumps(data, ensure_ascii=False)})
    assert form.errors == {"definition": ["dimensions: 各指标权重之和须为100，当前为105。"]}
