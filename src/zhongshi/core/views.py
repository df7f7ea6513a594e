from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import TemplateView, View
from django.views.i18n import set_language

from zhongshi.core.domain.help_pages import help_sections
from zhongshi.core.domain.queries.home import get_home_page
from zhongshi.core.views_base import PublicMixin


class HomeView(PublicMixin, TemplateView):
    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["core/home.html"]
        return ["core/landing.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context["page"] = get_home_page(self.request.user)
        return context


class HelpView(PublicMixin, TemplateView):
    """The guide of the user's role (docs/roles/) and the contact of the authority that handles the user."""

    template_name = "core/help.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sections"] = help_sections(self.request.user)
        return context


class HealthView(PublicMixin, View):
    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse({"status": "ok"})


def set_language_view(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (Chinese by default, English through Django i18n)."""
    return set_language(request)


set_language_view.public = True  # type: ignore[attr-defined]
