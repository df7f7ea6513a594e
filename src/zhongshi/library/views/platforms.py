"""Library pages: platforms — the scoped list of the platforms an authority, the ministry, the administrator or
a host organisation may see (filters, sort, pagination, .xlsx of exactly the filtered list), one platform
with its history, and the public 名录 with its 附件3-style sheet."""

from __future__ import annotations

import tempfile
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.views.generic import ListView, TemplateView, View

from zhongshi.core.domain.queries.pages import KeysFirstMixin
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, PublicMixin, ScopedListMixin
from zhongshi.library.domain.ban import compute_ban_end
from zhongshi.library.domain.queries.platforms import (
    city_choices,
    cluster_choices,
    division_choices,
    list_rows,
    platform_detail,
    platform_history,
    platform_list,
    province_choices,
    public_platforms,
    public_rows,
    tier_counts,
    with_tier_rank,
)
from zhongshi.library.interfaces.platform_forms import PlatformFilterForm, PublicFilterForm
from zhongshi.library.interfaces.platform_sheets import XLSX, write_directory, write_platform_list
from zhongshi.library.models import PilotPlatform


def filtered_platforms(request: HttpRequest) -> tuple[QuerySet[PilotPlatform], PlatformFilterForm]:
    """The platforms of the user's scope, filtered as the list's form says (one path for page and export)."""
    user: Any = request.user
    form = PlatformFilterForm(request.GET or None, divisions=division_choices(user), clusters=cluster_choices())
    form.is_valid()
    data = getattr(form, "cleaned_data", {})  # the valid filters apply even when another one is not
    return platform_list(user=user, filters=data), form


class PlatformListView(KeysFirstMixin, ScopedListMixin, ListView):
    """平台库 (authorities: their subtree; the ministry and the administrator: all) and 我的平台 (applicants)."""

    permission_required = "library.list_platforms"
    model = PilotPlatform
    template_name = "library/platforms/list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[PilotPlatform]:
        queryset, self.filter_form = filtered_platforms(self.request)
        return list_rows(queryset)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        params = self.request.GET.copy()
        params.pop("page", None)
        return {**context, "filter_form": self.filter_form, "query": params.urlencode(),
                "mine": getattr(user, "role", "") == "applicant",
                "can_export": can(user, "library.export_platforms"),
                "can_directory": can(user, "library.export_directory"),
                "filtered": any(v for k, v in self.request.GET.items() if k not in ("page", "sort"))}


class PlatformExportView(ProtectedMixin, View):
    """The filtered list as .xlsx: exactly what the list holds with the same filters, every page of it,
    scoped once and written streaming."""

    permission_required = "library.export_platforms"

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset, _form = filtered_platforms(request)
        out = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115 - closed by the response
        write_platform_list(out, rows=list_rows(queryset))
        out.seek(0)
        day = timezone.localdate()
        return FileResponse(out, as_attachment=True, filename=f"中试平台清单_{day:%Y%m%d}.xlsx", content_type=XLSX)


class PlatformDetailView(ObjectPermissionMixin, TemplateView):
    """One platform: identity, tier, status, figures, services, its tier history, versions, removal, change
    reports and policy support; one primary action for the role."""

    permission_required = "library.view_platform"
    template_name = "library/platforms/detail.html"

    def get_object(self, queryset: Any = None) -> PilotPlatform:
        try:
            return platform_detail(self.kwargs["pk"])
        except PilotPlatform.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        platform = self.get_permission_object()
        user: Any = self.request.user
        actions = {
            "change_tier": can(user, "library.change_tier", platform),
            "remove": can(user, "library.remove_platform", platform),
            "report_change": can(user, "library.report_change", platform),
            "record_support": can(user, "library.record_support", platform),
        }
        return {**super().get_context_data(**kwargs), "platform": platform, "history": platform_history(platform),
                "actions": actions, "can_list": can(user, "library.list_platforms"),
                "ban_end": compute_ban_end(platform.removed_on) if platform.removed_on else None,
                "mine": getattr(user, "role", "") == "applicant"}


def public_filters(request: HttpRequest) -> tuple[dict[str, Any], PublicFilterForm]:
    province = request.GET.get("province") or ""
    form = PublicFilterForm(request.GET or None, provinces=province_choices(), cities=city_choices(province))
    form.is_valid()
    return getattr(form, "cleaned_data", {}), form


class PublicListView(PublicMixin, KeysFirstMixin, ListView):
    """中试平台名录 (issue 10 §8): active platforms by tier and region, for anyone; contacts only by consent."""

    template_name = "library/platforms/public_list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[PilotPlatform]:
        self.filters, self.filter_form = public_filters(self.request)
        return public_rows(public_platforms(self.filters))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        counts_filters = {k: v for k, v in self.filters.items() if k != "tier"}
        return {**context, "filter_form": self.filter_form, "tiers": tier_counts(public_platforms(counts_filters)),
                "can_directory": user.is_authenticated and can(user, "library.export_directory"),
                "query": self.request.GET.urlencode()}


class DirectoryExportView(ProtectedMixin, View):
    """名录及储备建设情况 (seed 002 附件3 style) as .xlsx: the ministry all, a province its area; no contacts."""

    permission_required = "library.export_directory"

    def get(self, request: HttpRequest) -> HttpResponse:
        filters, _form = public_filters(request)
        queryset = scope_queryset(request.user, public_platforms(filters))
        rows = with_tier_rank(list_rows(queryset)).order_by("division__path", "tier_rank", "name", "pk")
        out = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115 - closed by the response
        day = timezone.localdate()
        write_directory(out, rows=rows, title="制造业中试平台名录及储备建设情况", on=day)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=f"中试平台名录_{day:%Y%m%d}.xlsx", content_type=XLSX)


urlpatterns: list[URLPattern | URLResolver] = [
    path("platforms/", PlatformListView.as_view(), name="platform_list"),
    path("mine/", PlatformListView.as_view(), name="my_platforms"),
    path("platforms/export/", PlatformExportView.as_view(), name="platform_export"),
    path("platforms/<int:pk>/", PlatformDetailView.as_view(), name="platform_detail"),
    path("list/", PublicListView.as_view(), name="public_list"),
    path("list/export/", DirectoryExportView.as_view(), name="directory_export"),
]
