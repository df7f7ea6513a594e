"""Library pages: periodic adjustment (issue 10 §4). A province's rounds (window, proposals, the stamped 汇总表,
submission to the ministry); the ministry's list of every round and its decision on each exit proposal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, ScopedListMixin
from zhongshi.library.domain import adjustment as domain
from zhongshi.library.enums import PlatformStatus, ProposalAction, ProposalStatus, RoundStatus
from zhongshi.library.models import AdjustmentProposal, AdjustmentRound, PilotPlatform


class RoundListView(ScopedListMixin, ListView):  # type: ignore[type-arg]
    permission_required = "library.list_adjustment_rounds"
    model = AdjustmentRound
    template_name = "library/adjustment/round_list.html"
    context_object_name = "rounds"
    paginate_by = 50

    def get_base_queryset(self) -> Any:
        from django.db.models import Count, Q

        return AdjustmentRound.objects.select_related("authority").annotate(
            additions=Count("proposals", filter=Q(proposals__action=ProposalAction.ADD)),
            exits=Count("proposals", filter=Q(proposals__action=ProposalAction.EXIT)),
            waiting=Count("proposals", filter=Q(proposals__status=ProposalStatus.PROPOSED,
                                                proposals__action=ProposalAction.EXIT)),
        ).order_by("-year", "-half", "authority__path", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_open"] = can(self.request.user, "library.open_adjustment_round")
        return context


class RoundOpenView(ProtectedMixin, View):
    permission_required = "library.open_adjustment_round"

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            round_ = domain.open_round(user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("library:adjustment_rounds"))
        messages.success(request, _("The adjustment round was opened."))
        return HttpResponseRedirect(round_.get_absolute_url())


class RoundMixin(ObjectPermissionMixin):
    permission_required = "library.view_adjustment_round"
    kwargs: dict[str, Any]

    def get_object(self, queryset: Any = None) -> AdjustmentRound:
        return get_object_or_404(AdjustmentRound.objects.select_related("authority", "submitted_by"),
                                 pk=self.kwargs["pk"])


class RoundView(RoundMixin, View):
    """The round: its window, proposals, sheet; the province's forms while open, the ministry's decisions."""

    def context(self, round_: AdjustmentRound, errors: dict[str, str] | None = None) -> dict[str, Any]:
        user: Any = self.request.user
        proposals = list(round_.proposals.select_related(
            "platform__division", "application__host_org", "decided_by").order_by("action", "pk"))
        editable = round_.status == RoundStatus.OPEN and can(user, "library.change_adjustment_round", round_)
        context: dict[str, Any] = {
            "round": round_, "proposals": proposals, "editable": editable, "errors": errors or {},
            "deciding": round_.status == RoundStatus.SUBMITTED and can(user, "library.decide_adjustment"),
            "opens": domain.show_day(round_.window_opens), "closes": domain.show_day(round_.window_closes),
            "additions": [p for p in proposals if p.action == ProposalAction.ADD],
            "exits": [p for p in proposals if p.action == ProposalAction.EXIT],
        }
        if editable:
            proposed = {p.platform_id for p in proposals if p.platform_id}
            context["platforms"] = list(scope_queryset(user, PilotPlatform.objects.filter(
                status=PlatformStatus.ACTIVE, division__path__startswith=round_.authority.path)).exclude(
                pk__in=proposed).only("pk", "name", "host_org_name", "tier").order_by("name", "pk"))
            context["applications"] = domain.addable_applications(round_)
            context["causes"] = domain.removal_causes()
        return context

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self.get_permission_object()
        return render(request, "library/adjustment/round_detail.html", self.context(round_))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self.get_permission_object()
        if not can(request.user, "library.change_adjustment_round", round_):
            return render(request, "403.html", status=403)
        action = request.POST.get("action", "")
        try:
            if action == "exit":
                platform = PilotPlatform.objects.filter(pk=_int(request.POST.get("platform"))).select_related(
                    "division").first()
                if platform is None:
                    raise DomainError(_("Choose an active platform of your province."), field="platform")
                domain.propose_exit(user=request.user, round=round_, platform=platform,
                                    cause_code=request.POST.get("cause_code", ""),
                                    reasons=request.POST.get("reasons", "")[:2000])
                messages.success(request, _("The exit proposal was added."))
            elif action == "add":
                from zhongshi.applications.models import Application

                application = Application.objects.filter(pk=_int(request.POST.get("application"))).first()
                if application is None:
                    raise DomainError(_("Choose an application of the new batch."), field="application")
                domain.propose_addition(user=request.user, round=round_, application=application)
                messages.success(request, _("The application was listed in the new batch."))
            elif action == "withdraw":
                proposal = get_object_or_404(AdjustmentProposal, pk=_int(request.POST.get("proposal")),
                                             round=round_)
                domain.withdraw_proposal(user=request.user, proposal=proposal)
                messages.success(request, _("The proposal was withdrawn."))
            elif action == "upload":
                domain.upload_summary_sheet(user=request.user, round=round_,
                                            upload=request.FILES.get("summary_sheet"))
                messages.success(request, _("The stamped summary sheet was uploaded."))
            elif action == "submit":
                domain.submit_round(user=request.user, round=round_)
                messages.success(request, _("The round was submitted to the ministry."))
            else:
                raise DomainError(_("Unknown action."))
        except DomainError as exc:
            context = self.context(round_, errors={exc.field or "form": exc.message, "action": action})
            return render(request, "library/adjustment/round_detail.html", context, status=400)
        return HttpResponseRedirect(round_.get_absolute_url())


def _int(value: Any) -> int:
    return int(value) if str(value or "").isdigit() else 0


class SheetDownloadView(RoundMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        round_ = self.get_permission_object()
        if not round_.summary_sheet:
            raise Http404
        return FileResponse(round_.summary_sheet.open("rb"), as_attachment=True,
                            filename=round_.summary_sheet_name or "summary.pdf")


class DecideView(ObjectPermissionMixin, View):
    """The ministry accepts (the platform is removed) or declines an exit proposal."""

    permission_required = "library.decide_adjustment"

    def get_object(self, queryset: Any = None) -> AdjustmentProposal:
        return get_object_or_404(AdjustmentProposal.objects.select_related("round"), pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        proposal = self.get_permission_object()
        accept = request.POST.get("decision") == "accept"
        try:
            domain.decide_exit(user=request.user, proposal=proposal, accept=accept,
                               reasons=request.POST.get("reasons", "")[:2000])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The platform was removed from the library.") if accept
                             else _("The exit proposal was declined."))
        return HttpResponseRedirect(proposal.round.get_absolute_url())


urlpatterns: list[URLPattern | URLResolver] = [
    path("adjustment/", RoundListView.as_view(), name="adjustment_rounds"),
    path("adjustment/open/", RoundOpenView.as_view(), name="adjustment_open"),
    path("adjustment/<int:pk>/", RoundView.as_view(), name="adjustment_round"),
    path("adjustment/<int:pk>/sheet/", SheetDownloadView.as_view(), name="adjustment_sheet"),
    path("adjustment/proposals/<int:pk>/decide/", DecideView.as_view(), name="adjustment_decide"),
]
