"""The pages of expert evaluation: the expert's tasks and score sheet; the organiser's round (assign, ranking).

Views only call domain functions; every page checks one permission with ``can`` and lists read through the
scoper. An applicant has no page here: he never learns who scored him.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can
from zhongshi.core.views_base import ObjectPermissionMixin, ScopedListMixin
from zhongshi.experts.domain.assign_experts import accept_assignment, assign_experts
from zhongshi.experts.domain.indicator_systems import computed_figures, system_of
from zhongshi.experts.domain.queries.aggregate import round_results
from zhongshi.experts.domain.score_sheets import InvalidSheetError, save_scores, submit_sheet
from zhongshi.experts.enums import LIVE_ASSIGNMENT_STATUSES, SheetStatus
from zhongshi.experts.models import Assignment, EvaluationRound, ScoreSheet
from zhongshi.formversions.domain.formdef import load_form


class TaskListView(ScopedListMixin, ListView):  # type: ignore[type-arg]
    """我的评审任务: the expert's live assignments, newest round first."""

    model = Assignment
    permission_required = "experts.list_tasks"
    template_name = "experts/tasks.html"
    paginate_by = 50

    def get_base_queryset(self) -> Any:
        return Assignment.objects.filter(
            expert__user=self.request.user, status__in=LIVE_ASSIGNMENT_STATUSES).select_related(
            "item__round", "item__application", "item__platform", "sheet").order_by("-item__round__created_at",
                                                                                   "item_id", "pk")


class SheetView(ObjectPermissionMixin, View):
    """One task: accept it, then score each indicator (guidance and computed figures beside it)."""

    permission_required = "experts.score"

    def get_object(self) -> Assignment:
        return get_object_or_404(Assignment.objects.select_related(
            "item__round__system", "item__application", "item__platform", "expert"), pk=self.kwargs["pk"])

    def render_sheet(self, request: HttpRequest, *, scores: Any = None, errors: dict[str, str] | None = None,
                     revision: int | None = None, status: int = 200) -> HttpResponse:
        assignment = self.get_permission_object()
        sheet = ScoreSheet.objects.filter(assignment=assignment).first()
        system = system_of(assignment.item.round.system)
        application = assignment.item.application
        if application is not None:
            figures = computed_figures(system, answers=application.answers, form=load_form(application.form_code))
        else:
            figures = computed_figures(system, platform=assignment.item.platform)
        scores = scores if scores is not None else (sheet.scores if sheet else {})
        errors = errors or {}
        rows = []
        for dimension in system.dimensions:
            for indicator in (i for i in system.indicators if i.dimension == dimension):
                entered = scores.get(indicator.code) or {}
                rows.append({"indicator": indicator, "dimension": dimension,
                             "score": entered.get("score", "") if isinstance(entered, dict) else entered,
                             "comment": entered.get("comment", "") if isinstance(entered, dict) else "",
                             "figures": figures.get(indicator.code, []),
                             "error": errors.get(f"scores.{indicator.code}.score", "")})
        editable = sheet is not None and sheet.status != SheetStatus.SUBMITTED and (
            assignment.item.round.status == "open")
        return render(request, "experts/sheet.html", {
            "assignment": assignment, "sheet": sheet, "system": system, "rows": rows, "errors": errors,
            "editable": editable, "revision": revision if revision is not None else (sheet.revision if sheet else 0),
        }, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_sheet(request)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = self.get_permission_object()
        action = request.POST.get("action", "")
        url = reverse("experts:sheet", args=[assignment.pk])
        try:
            if action == "accept":
                accept_assignment(assignment=assignment, actor=request.user)
                messages.success(request, _("You accepted the task; score each indicator below."))
                return HttpResponseRedirect(url)
            sheet = get_object_or_404(ScoreSheet, assignment=assignment)
            system = system_of(assignment.item.round.system)
            scores = {i.code: {"score": request.POST.get(f"score-{i.code}", ""),
                               "comment": request.POST.get(f"comment-{i.code}", "")} for i in system.indicators}
            try:
                revision = int(request.POST.get("revision", "0"))
            except ValueError:
                revision = 0
            try:
                if action == "submit":
                    submit_sheet(sheet=sheet, scores=scores, revision=revision, actor=request.user)
                    messages.success(request, _("Your score sheet was submitted."))
                else:
                    save_scores(sheet=sheet, scores=scores, revision=revision, actor=request.user)
                    messages.success(request, _("Saved."))
            except InvalidSheetError as exc:
                messages.error(request, _("The sheet was not submitted: correct the %(count)s marked scores.") % {
                    "count": len(exc.errors)})
                return self.render_sheet(request, scores=scores, errors=exc.errors, revision=revision, status=400)
            except DomainError as exc:
                messages.error(request, exc.message)
                return self.render_sheet(request, scores=scores, revision=revision, status=400)
        except DomainError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(url)


class RoundView(ObjectPermissionMixin, View):
    """The organiser's round: its items with their experts' progress, the assign button and the ranking."""

    permission_required = "experts.view_results"

    def get_object(self) -> EvaluationRound:
        return get_object_or_404(EvaluationRound.objects.select_related("system", "organiser", "call"),
                                 pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        evaluation_round = self.get_permission_object()
        live = Q(assignments__status__in=LIVE_ASSIGNMENT_STATUSES)
        progress = {row["pk"]: row for row in evaluation_round.items.values("pk").annotate(
            assigned=Count("assignments", filter=live),
            submitted=Count("assignments", filter=live & Q(assignments__sheet__status=SheetStatus.SUBMITTED)))}
        results = round_results(evaluation_round)
        for result in results:
            result.progress = progress.get(result.item_id, {})  # type: ignore[attr-defined]
        return render(request, "experts/round.html", {
            "round": evaluation_round, "results": results, "system": system_of(evaluation_round.system),
            "can_assign": evaluation_round.status == "open" and can(
                request.user, "experts.assign_experts", evaluation_round),
        })


class AssignView(ObjectPermissionMixin, View):
    """POST: assign experts automatically to every item of the round."""

    permission_required = "experts.assign_experts"
    http_method_names = ["post"]

    def get_object(self) -> EvaluationRound:
        return get_object_or_404(EvaluationRound, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        evaluation_round = self.get_permission_object()
        try:
            created = assign_experts(evaluation_round=evaluation_round, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(count)s experts assigned automatically") % {"count": len(created)})
        return HttpResponseRedirect(reverse("experts:round", args=[evaluation_round.pk]))


app_name = "experts"
urlpatterns = [
    path("tasks/", TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/", SheetView.as_view(), name="sheet"),
    path("rounds/<int:pk>/", RoundView.as_view(), name="round"),
    path("rounds/<int:pk>/assign/", AssignView.as_view(), name="assign"),
]
