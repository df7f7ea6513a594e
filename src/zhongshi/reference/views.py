from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from zhongshi.core.views_base import PublicMixin
from zhongshi.reference.models import Vocabulary


class VocabularyListView(PublicMixin, TemplateView):
    """The public reference vocabularies: clusters, verification and service kinds, unit types …"""

    template_name = "reference/vocabulary_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vocabularies = []
        for vocabulary in Vocabulary.objects.prefetch_related("items").order_by("pk"):
            items = [i for i in vocabulary.items.all() if i.active]
            groups = vocabulary.groups or [{"code": "", "name": ""}]
            grouped = [(g["name"], [i for i in items if i.group == g["code"]]) for g in groups]
            vocabularies.append({"vocabulary": vocabulary, "groups": grouped, "count": len(items)})
        return {**super().get_context_data(**kwargs), "vocabularies": vocabularies}
