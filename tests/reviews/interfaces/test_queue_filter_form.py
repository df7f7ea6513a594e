"""The queue's industry filter offers the industry fields of the application forms, read by role."""

from __future__ import annotations

from zhongshi.formversions.domain.formdef import load_form
from zhongshi.reviews.interfaces.forms import QueueFilterForm, cluster_choices


def test_the_industry_filter_lists_the_clusters_of_the_application_forms() -> None:
    clusters = list(load_form("hubei-2026").field("basic.industry_clusters").choices)
    assert cluster_choices() == clusters
    assert len(clusters) == 35  # 湖北 51020: 5 + 10 + 20 industry clusters
    form = QueueFilterForm(districts=[("420111", "洪山区")])
    assert form.fields["cluster"].choices == [("", "全部行业领域"), *[(c, c) for c in clusters]]
