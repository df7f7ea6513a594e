"""Library pages: lifecycle — the ministry changes a platform's tier or removes it (with the ban's last day
shown before it confirms); the host organisation reports a major change and the province acknowledges it;
authorities record policy support. Views only call the domain functions of library/domain/lifecycle.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from zhongshi.core.domain.queries.pages import KeysFirstMixin
from zhongshi.core.errors import DomainError
from zhongshi.core.views_base import ObjectPermissionMixin, ScopedListMixin
from zhongshi.library.domain.ban import compute_ban_end
from zhongshi.library.domain.lifecycle import (
    acknowledge_change,
    change_tier,
    record_support,
    removal_causes,
    remove_platform,
    report_change,
)
from zhongshi.library.domain.queries.platforms import DIVISION
from zhongshi.library.interfaces.lifecycle_forms import (
    AcknowledgeForm,
    ChangeFilterForm,
    ChangeReportForm,
    RemovalForm,
    SupportForm,
    TierChangeForm,
)
from zhongshi.library.models import ChangeReport, PilotPlatform, PolicySupport, Removal


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class PlatformPageMixin(ObjectPermissionMixin):
    kwargs: dict[str, Any]

    def get_object(self, queryset: Any = None) -> PilotPlatform:
        try:
            return PilotPlatform.objects.select_related(DIVISION).get(pk=self.kwargs["pk"])
        except PilotPlatform.DoesNotExist as exc:
            raise Http404 from exc

    @property
    def platform(self) -> PilotPlatform:
        return self.get_permission_object()  # type: ignore[no-any-return]


def _refused(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class TierChangeView(PlatformPageMixin, View):
    permission_required = "library.change_tier"
    template = "library/lifecycle/tier.html"

    def page(self, form: TierChangeForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template, {"platform": self.platform, "form": form}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(TierChangeForm(initial={"new_tier": self.platform.tier, "decided_on": timezone.localdate()}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = TierChangeForm(request.POST)
        if form.is_valid():
            try:
                change_tier(user=request.user, platform=self.platform, new_tier=form.cleaned_data["new_tier"],
                            reason=form.cleaned_data["reason"], decided_on=form.cleaned_data["decided_on"])
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("The tier was changed."))
                return HttpResponseRedirect(self.platform.get_absolute_url())
        return self.page(form, status=400)


class RemoveView(PlatformPageMixin, View):
    """移出: the cause, the facts, the evidence; the page states the ban's last day before the confirmation."""

    permission_required = "library.remove_platform"
    template = "library/lifecycle/remove.html"

    def causes(self) -> list[tuple[str, str]]:
        return [(item.code, item.name) for item in removal_causes()]

    def page(self, form: RemovalForm, on: date, status: int = 200) -> HttpResponse:
        until = compute_ban_end(on)
        return render(self.request, self.template, {
            "platform": self.platform, "form": form, "removed_on": on, "ban_end": until,
            "ban_text": _("After the removal, %(host)s may not apply again until %(until)s (inclusive).") % {
                "host": self.platform.host_org_name, "until": _date_text(until)}}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        on = parse_date(request.GET.get("on") or "") or timezone.localdate()
        return self.page(RemovalForm(causes=self.causes(), initial={"decided_on": on}), on)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = RemovalForm(request.POST, request.FILES, causes=self.causes())
        on = parse_date(request.POST.get("decided_on") or "") or timezone.localdate()
        if form.is_valid():
            try:
                remove_platform(user=request.user, platform=self.platform, cause_code=form.cleaned_data["cause_code"],
                                details=form.cleaned_data["details"], evidence=request.FILES.get("evidence"),
                                decided_on=form.cleaned_data["decided_on"])
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("The platform was removed from the library."))
                return HttpResponseRedirect(self.platform.get_absolute_url())
        return self.page(form, on, status=400)


class RemovalEvidenceView(ObjectPermissionMixin, View):
    permission_required = "library.view_platform"

    def get_object(self, queryset: Any = None) -> PilotPlatform:
        removal = Removal.objects.select_related("platform__division").filter(platform_id=self.kwargs["pk"]).first()
        if removal is None or not removal.evidence:
            raise Http404
        self.removal = removal
        return removal.platform

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.get_permission_object()
        return FileResponse(self.removal.evidence.open("rb"), as_attachment=True,
                            filename=self.removal.evidence_name or "evidence")


class ChangeReportCreateView(PlatformPageMixin, View):
    permission_required = "library.report_change"
    template = "library/lifecycle/change_report_form.html"

    def page(self, form: ChangeReportForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template, {"platform": self.platform, "form": form}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(ChangeReportForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ChangeReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report_change(user=request.user, platform=self.platform, kind=data["kind"],
                              description=data["description"], new_name=data["new_name"],
                              effective_on=data["effective_on"], evidence=request.FILES.get("evidence"))
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("The change was reported to the provincial authority."))
                return HttpResponseRedirect(self.platform.get_absolute_url())
        return self.page(form, status=400)


class ChangeReportListView(KeysFirstMixin, ScopedListMixin, ListView):
    """重大事项报告: the province's list to acknowledge (flagged unreported renames first), the host's own."""

    permission_required = "library.list_change_reports"
    model = ChangeReport
    template_name = "library/lifecycle/change_reports.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[ChangeReport]:
        self.filter_form = ChangeFilterForm(self.request.GET or None)
        self.filter_form.is_valid()
        queryset = super().get_queryset()
        if status := getattr(self.filter_form, "cleaned_data", {}).get("status"):
            queryset = queryset.filter(status=status)
        return queryset.select_related("platform__division", "reported_by", "acknowledged_by").order_by("-reported_at", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshi.core.permissions import can

        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        province = getattr(user, "authority", None) is not None and user.authority.level == "province"
        rows = [{"report": r, "can_acknowledge": province and r.status != "acknowledged"
                 and can(user, "library.acknowledge_change", r)} for r in context["object_list"]]
        return {**context, "rows": rows, "filter_form": self.filter_form, "ack_form": AcknowledgeForm()}


class AcknowledgeView(ObjectPermissionMixin, View):
    permission_required = "library.acknowledge_change"

    def get_object(self, queryset: Any = None) -> ChangeReport:
        try:
            return ChangeReport.objects.select_related("platform__division").get(pk=self.kwargs["pk"])
        except ChangeReport.DoesNotExist as exc:
            raise Http404 from exc

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AcknowledgeForm(request.POST)
        form.is_valid()
        try:
            acknowledge_change(user=request.user, report=self.get_permission_object(),
                               remark=form.cleaned_data.get("remark", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The change report was acknowledged."))
        return HttpResponseRedirect(reverse("library:change_report_list"))


class ChangeEvidenceView(ObjectPermissionMixin, View):
    permission_required = "library.view_platform"

    def get_object(self, queryset: Any = None) -> PilotPlatform:
        report = ChangeReport.objects.select_related("platform__division").filter(pk=self.kwargs["pk"]).first()
        if report is None or not report.evidence:
            raise Http404
        self.report = report
        return report.platform

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.get_permission_object()
        return FileResponse(self.report.evidence.open("rb"), as_attachment=True,
                            filename=self.report.evidence_name or "evidence")


class SupportCreateView(PlatformPageMixin, View):
    permission_required = "library.record_support"
    template = "library/lifecycle/support_form.html"

    def page(self, form: SupportForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template, {"platform": self.platform, "form": form}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(SupportForm(initial={"granted_on": timezone.localdate()}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = SupportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_support(user=request.user, platform=self.platform, kind=data["kind"],
                               granted_on=data["granted_on"], amount_wan=data["amount_wan"], source=data["source"],
                               description=data["description"])
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("The policy support was recorded."))
                return HttpResponseRedirect(reverse("library:support_list", args=[self.platform.pk]))
        return self.page(form, status=400)


class SupportListView(PlatformPageMixin, KeysFirstMixin, ListView):
    """The policy support one platform received."""

    permission_required = "library.view_supports"
    template_name = "library/lifecycle/supports.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[PolicySupport]:
        return PolicySupport.objects.filter(platform=self.platform).select_related("recorded_by").order_by(
            "-granted_on", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshi.core.permissions import can

        return {**super().get_context_data(**kwargs), "platform": self.platform,
                "can_record": can(self.request.user, "library.record_support", self.platform)}


urlpatterns: list[URLPattern | URLResolver] = [
    path("platforms/<int:pk>/tier/", TierChangeView.as_view(), name="tier_change"),
    path("platforms/<int:pk>/remove/", RemoveView.as_view(), name="remove"),
    path("platforms/<int:pk>/removal/evidence/", RemovalEvidenceView.as_view(), name="removal_evidence"),
    path("platforms/<int:pk>/changes/new/", ChangeReportCreateView.as_view(), name="change_report_create"),
    path("platforms/<int:pk>/supports/", SupportListView.as_view(), name="support_list"),
    path("platforms/<int:pk>/supports/new/", SupportCreateView.as_view(), name="support_create"),
    path("changes/", ChangeReportListView.as_view(), name="change_report_list"),
    path("changes/<int:pk>/acknowledge/", AcknowledgeView.as_view(), name="change_acknowledge"),
    path("changes/<int:pk>/evidence/", ChangeEvidenceView.as_view(), name="change_evidence"),
]
