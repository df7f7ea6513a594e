"""Library pages: quarterly updates (issue 10 §3; seed 004 §二（三）).

- ``update_platform``: a platform's 本季度更新 page (the period, its window, the open update, past updates);
- ``update_edit``: the update's form, rendered, saved (with autosave) and checked by the 申报书's machinery;
- ``update_detail``: the update read-only with what it changes, the authority's accept / return;
- ``version_history``: the platform's data versions and the field diff of any two;
- ``update_dashboard``: the period's counts and lists for an authority (filters, bulk reminder, .xlsx).
"""

from __future__ import annotations

import tempfile
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from zhongshi.applications.interfaces.form_widgets import (
    BadPostError,
    apply_row_actions,
    issues_by_path,
    parse_section,
    render_section,
)
from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin
from zhongshi.formversions.domain.check_answers import CheckResult, check_answers
from zhongshi.formversions.domain.formdef import FormDef, load_form
from zhongshi.library.domain.periods import (
    QuarterlyPeriod,
    parse_period,
    period_containing,
    previous_period,
    quarter_label,
    quarter_of,
)
from zhongshi.library.domain.quarterly_update import (
    OPEN,
    StaleUpdateError,
    accept_update,
    identity_paths,
    return_update,
    save_update,
    start_update,
    submit_update,
)
from zhongshi.library.domain.queries.diff_versions import diff_versions
from zhongshi.library.domain.queries.quarterly_dashboard import (
    CATEGORIES,
    DashboardFilter,
    dashboard_counts,
    dashboard_rows,
    division_choices,
    period_platforms,
)
from zhongshi.library.domain.remind_updates import remind_missing
from zhongshi.library.enums import PlatformTier, UpdateStatus
from zhongshi.library.models import PilotPlatform, PlatformVersion, QuarterlyUpdate
from zhongshi.organisations.models import Region
from zhongshi.reference.domain.working_days import CalendarUnknown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today(request: HttpRequest) -> date:
    return timezone.localdate()


class PlatformMixin(ObjectPermissionMixin):
    kwargs: dict[str, Any]

    def get_object(self) -> PilotPlatform:
        return get_object_or_404(PilotPlatform.objects.select_related("division", "host_org"), pk=self.kwargs["pk"])


class UpdateMixin(ObjectPermissionMixin):
    kwargs: dict[str, Any]

    def get_object(self) -> QuarterlyUpdate:
        return get_object_or_404(QuarterlyUpdate.objects.select_related(
            "platform__division", "platform__host_org", "decided_by", "updated_by", "version"), pk=self.kwargs["pk"])


# ------------------------------------------------------------------------------------------ applicant


class UpdatePlatformView(PlatformMixin, View):
    """本季度更新: the current period of one platform, its open update and its past updates."""

    permission_required = "library.view_platform"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        platform = self.get_permission_object()
        today = _today(request)
        try:
            period = period_containing(today)
            previous = previous_period(period)
        except CalendarUnknown as exc:
            return render(request, "library/quarterly/platform.html",
                          {"platform": platform, "calendar_error": exc.message}, status=200)
        updates = list(platform.quarterly_updates.select_related("version").defer("answers", "version__data")
                       .order_by("-pk"))
        current = next((u for u in updates if not u.realtime and (u.year, u.quarter) == (period.year, period.quarter)),
                       None)
        missed = next((u for u in updates if not u.realtime and (u.year, u.quarter) == (previous.year, previous.quarter)
                       and u.status in (UpdateStatus.SUBMITTED, UpdateStatus.ACCEPTED)), None)
        open_update = next((u for u in updates if u.status in OPEN), None)
        context = {
            "platform": platform, "period": period, "state": period.state(today), "current": current,
            "previous": previous, "previous_missing": missed is None and platform.since <= previous.window_end,
            "open_update": open_update, "updates": updates,
            "may_start": can(request.user, "library.start_update", platform),
        }
        return render(request, "library/quarterly/platform.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        platform = self.get_permission_object()
        today = _today(request)
        realtime = request.POST.get("kind") == "realtime"
        try:
            period = parse_period(request.POST["period"]) if request.POST.get("period") else period_containing(today)
            update = start_update(user=request.user, platform=platform, period=period, realtime=realtime, today=today)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("library:update_platform", args=[platform.pk]))
        return HttpResponseRedirect(reverse("library:update_edit", args=[update.pk]))


def _render_form(form: FormDef, answers: dict[str, Any], result: CheckResult, *, editable: bool,
                 show_required: bool) -> list[dict[str, Any]]:
    errors = [i for i in result.errors if show_required or i.code != "required"]
    issues = issues_by_path(errors, result.warnings, [])
    locked = identity_paths(form)
    return [{"section": section, "html": render_section(form, section, answers, issues, result.computed,
                                                         editable=editable, locked=locked)}
            for section in form.sections]


class UpdateEditView(UpdateMixin, View):
    """The update's form: every section on one page; POST saves it, the autosave posts the same fields."""

    permission_required = "library.change_update"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        update = self.get_permission_object()
        return self.render_form(update, update.answers, update.revision)

    def render_form(self, update: QuarterlyUpdate, answers: dict[str, Any], revision: int, *, status: int = 200,
                    stale: DomainError | None = None) -> HttpResponse:
        form = load_form(update.form_code)
        result = check_answers(form, answers)
        show = bool(self.request.GET.get("check")) or self.request.method == "POST"
        context = {
            "update": update, "platform": update.platform, "form": form, "revision": revision, "stale": stale,
            "sections": _render_form(form, answers, result, editable=True, show_required=show),
            "error_count": len(result.errors), "period": _period(update),
        }
        return render(self.request, "library/quarterly/edit.html", context, status=status)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        update = self.get_permission_object()
        form = load_form(update.form_code)
        autosave = request.headers.get("X-Autosave") == "1"
        answers = dict(update.answers)
        try:
            for section in form.sections:
                answers[section.key] = parse_section(form, section, request.POST)
            answers = apply_row_actions(form, answers, request.POST)
        except BadPostError as exc:
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=400)
            messages.error(request, exc.message)
            return self.render_form(update, update.answers, update.revision, status=400)
        try:
            base_revision = int(request.POST.get("_revision", "0"))
        except ValueError:
            base_revision = 0
        try:
            update = save_update(user=request.user, update=update, answers=answers, base_revision=base_revision)
        except StaleUpdateError as exc:
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=409)
            return self.render_form(update, answers, base_revision, status=409, stale=exc)
        except DomainError as exc:
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=400)
            messages.error(request, exc.message)
            return self.render_form(update, answers, base_revision, status=400)
        if autosave:
            result = check_answers(form, update.answers)
            return JsonResponse({
                "ok": True, "revision": update.revision,
                "saved_at": timezone.localtime(update.updated_at).strftime("%H:%M:%S"),
                "messages": [{"path": i.path, "code": i.code, "message": i.message, "severity": severity}
                             for severity, issues in (("error", result.errors), ("warning", result.warnings))
                             for i in issues if i.code != "required"],
                "computed": dict(result.computed), "sections": [], "progress": "",
            })
        if "_add_row" in request.POST or "_remove_row" in request.POST:
            return HttpResponseRedirect(request.path + "#" + request.POST.get("_add_row", "").replace(".", "-"))
        if request.POST.get("_goto") == "_submit":
            try:
                submit_update(user=request.user, update=update)
            except DomainError as exc:
                messages.error(request, exc.message)
                return HttpResponseRedirect(request.path + "?check=1")
            messages.success(request, _("The update was submitted to the provincial authority."))
            return HttpResponseRedirect(update.get_absolute_url())
        messages.success(request, _("Saved at %(time)s.") % {"time": timezone.localtime().strftime("%H:%M:%S")})
        return HttpResponseRedirect(request.path)


def _period(update: QuarterlyUpdate) -> QuarterlyPeriod | None:
    from zhongshi.library.domain.quarterly_update import period_of

    try:
        return period_of(update)
    except CalendarUnknown:
        return None


# ------------------------------------------------------------------------------------------ review


class UpdateDetailView(UpdateMixin, View):
    """The update read-only, what it changes against the platform's current version, and the review."""

    permission_required = "library.view_update"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        update = self.get_permission_object()
        form = load_form(update.form_code)
        platform = update.platform
        if update.version is not None:
            new = update.version
            old = platform.versions.filter(number=new.number - 1).first()
        else:  # what accepting it would change
            from zhongshi.library.domain.quarterly_update import version_data

            old = platform.versions.order_by("-number").first()
            new = PlatformVersion(platform=platform, number=platform.version_count + 1,
                                  data=version_data(form, update.answers, old.data if old else {}))
        context = {
            "update": update, "platform": platform, "period": _period(update),
            "sections": _render_form(form, update.answers, check_answers(form, update.answers), editable=False,
                                     show_required=False),
            "changes": diff_versions(old, new), "old_version": old,
            "may_review": update.status == UpdateStatus.SUBMITTED and can(request.user, "library.review_update", update),
            "may_edit": can(request.user, "library.change_update", update),
        }
        return render(request, "library/quarterly/detail.html", context)


class UpdateSubmitView(UpdateMixin, View):
    permission_required = "library.change_update"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        update = self.get_permission_object()
        try:
            submit_update(user=request.user, update=update)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("library:update_edit", args=[update.pk]) + "?check=1")
        messages.success(request, _("The update was submitted to the provincial authority."))
        return HttpResponseRedirect(update.get_absolute_url())


class UpdateDecideView(UpdateMixin, View):
    """Accept (``action=accept``) or return with reasons (``action=return``)."""

    permission_required = "library.review_update"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        update = self.get_permission_object()
        try:
            if request.POST.get("action") == "accept":
                accept_update(user=request.user, update=update)
                messages.success(request, _("The update was accepted; the platform's data was updated."))
            else:
                return_update(user=request.user, update=update, reasons=request.POST.get("reasons", ""))
                messages.success(request, _("The update was returned for revision."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(update.get_absolute_url())


class VersionHistoryView(PlatformMixin, View):
    """The platform's data versions; ``?a=1&b=3`` compares two of them field by field."""

    permission_required = "library.view_platform"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        platform = self.get_permission_object()
        versions = list(platform.versions.select_related("created_by").order_by("-number"))
        by_number = {v.number: v for v in versions}

        def pick(key: str, default: int) -> int:
            value = request.GET.get(key, "")
            return int(value) if value.isdigit() and int(value) in by_number else default

        newest = versions[0].number if versions else 0
        b = pick("b", newest)
        a = pick("a", b - 1 if b - 1 in by_number else b)
        changes = diff_versions(by_number[a], by_number[b]) if versions and a != b else []
        context = {"platform": platform, "versions": versions, "a": a, "b": b, "changes": changes}
        return render(request, "library/quarterly/history.html", context)


# ------------------------------------------------------------------------------------------ dashboard


class DashboardMixin(ProtectedMixin):
    permission_required = "library.view_update_dashboard"

    def read_filters(self, request: HttpRequest) -> tuple[QuarterlyPeriod, DashboardFilter, str]:
        code = request.GET.get("period", "")
        try:
            period = parse_period(code) if code else period_containing(_today(request))
        except DomainError as exc:
            raise Http404(exc.message) from exc
        division = None
        if request.GET.get("division", "").isdigit():
            division = Region.objects.filter(pk=int(request.GET["division"])).first()
        tier = request.GET.get("tier", "")
        tier = tier if tier in PlatformTier.values else ""
        category = request.GET.get("category", "all")
        return period, DashboardFilter(division=division, tier=tier), category if category in CATEGORIES else "all"


def _period_choices(today: date) -> list[dict[str, str]]:
    """The period filter's choices: this quarter and the seven before it (codes and labels only: the
    calendar is read for the chosen period alone)."""
    year, quarter = quarter_of(today)
    choices = []
    for _n in range(8):
        choices.append({"code": f"{year}-q{quarter}", "label": quarter_label(year, quarter)})
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return choices


class UpdateDashboardView(DashboardMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            period, filters, category = self.read_filters(request)
        except CalendarUnknown as exc:
            return render(request, "library/quarterly/dashboard.html", {"calendar_error": exc.message})
        platforms = period_platforms(request.user, period, filters)
        page = Paginator(dashboard_rows(platforms, period, category), 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "period": period, "filters": filters, "category": category,
            "counts": dashboard_counts(period_platforms(request.user, period, filters, annotate=False), period),
            "page": page, "rows": list(page.object_list), "query": query.urlencode(),
            "periods": _period_choices(_today(request)), "divisions": division_choices(request.user),
            "tiers": PlatformTier.choices, "state": period.state(_today(request)),
            "categories": CATEGORIES, "may_remind": can(request.user, "library.remind_updates"),
            "may_export": can(request.user, "library.export_platforms"),
        }
        return render(request, "library/quarterly/dashboard.html", context)


def _status_label(row: Any) -> str:
    if row.update_status is None:
        return _("Not started")
    return str(UpdateStatus(row.update_status).label)


class UpdateDashboardExportView(DashboardMixin, View):
    """The dashboard's list (its filters) as an .xlsx download."""

    permission_required = "library.export_platforms"

    def get(self, request: HttpRequest) -> FileResponse:
        period, filters, category = self.read_filters(request)
        rows = dashboard_rows(period_platforms(request.user, period, filters), period, category)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(period.label)
        sheet.append([_("Platform"), _("Host organisation"), _("Location"), _("Tier"), _("Update status"),
                      _("Submitted at"), _("Late")])
        for row in rows.iterator(chunk_size=500):
            submitted = timezone.localtime(row.update_submitted_at).strftime("%Y-%m-%d") if row.update_submitted_at else ""
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", row.name), ILLEGAL_CHARACTERS_RE.sub("", row.host_org_name),
                          row.division.name, str(row.get_tier_display()), _status_label(row), submitted,
                          _("Yes") if row.update_late else ""])
        out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by the response)
        workbook.save(out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=f"quarterly-{period.code}.xlsx", content_type=XLSX)


class UpdateRemindView(DashboardMixin, View):
    """Remind the platforms of the dashboard's filter that have not submitted the period's update."""

    permission_required = "library.remind_updates"

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            period = parse_period(request.POST.get("period", ""))
            ids = [int(v) for v in request.POST.getlist("platform") if v.isdigit()] or None
            division = Region.objects.filter(pk=int(request.POST["division"])).first() \
                if request.POST.get("division", "").isdigit() else None
            count = remind_missing(user=request.user, period=period, platform_ids=ids, tier=request.POST.get("tier", ""),
                                   division_path=division.path if division else "")
            messages.success(request, _("%(n)s platforms were reminded.") % {"n": count})
        except DomainError as exc:
            messages.error(request, exc.message)
        back = request.POST.get("next", "")
        target = reverse("library:update_dashboard")
        return HttpResponseRedirect(back if back.startswith(target) else target)


urlpatterns: list[URLPattern | URLResolver] = [
    path("platforms/<int:pk>/update/", UpdatePlatformView.as_view(), name="update_platform"),
    path("platforms/<int:pk>/versions/", VersionHistoryView.as_view(), name="version_history"),
    path("updates/", UpdateDashboardView.as_view(), name="update_dashboard"),
    path("updates/export.xlsx", UpdateDashboardExportView.as_view(), name="update_dashboard_export"),
    path("updates/remind/", UpdateRemindView.as_view(), name="update_remind"),
    path("updates/<int:pk>/", UpdateDetailView.as_view(), name="update_detail"),
    path("updates/<int:pk>/edit/", UpdateEditView.as_view(), name="update_edit"),
    path("updates/<int:pk>/submit/", UpdateSubmitView.as_view(), name="update_submit"),
    path("updates/<int:pk>/decide/", UpdateDecideView.as_view(), name="update_decide"),
]
