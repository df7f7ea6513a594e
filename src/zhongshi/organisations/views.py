from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View

from zhongshi.core.domain.queries.search import filter_by_search
from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.core.views_base import ObjectPermissionMixin, ScopedListMixin
from zhongshi.organisations.domain.partners import add_partner_org, remove_partner_org
from zhongshi.organisations.domain.register_host_org import (
    approve_host_org,
    reject_host_org,
    update_host_org_contacts,
)
from zhongshi.organisations.interfaces.forms import (
    DecisionForm,
    HostOrgContactsForm,
    HostOrgFilterForm,
    PartnerOrgForm,
)
from zhongshi.organisations.models import Authority, Expert, HostOrg, PartnerOrg


class HostOrgListView(ScopedListMixin, ListView):
    permission_required = "organisations.list_hostorg"
    model = HostOrg
    template_name = "organisations/hostorg_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> QuerySet[HostOrg]:
        queryset = HostOrg.objects.select_related("district__parent").order_by("-created_at", "pk")
        self.filter_form = HostOrgFilterForm(self.request.GET or None)
        if self.filter_form.is_valid():
            queryset = filter_by_search(queryset, self.filter_form.cleaned_data["q"], ["name", "credit_code"])
            if status := self.filter_form.cleaned_data["status"]:
                queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}


class HostOrgObjectMixin(ObjectPermissionMixin):
    def get_object(self, queryset: Any = None) -> HostOrg:
        return get_object_or_404(HostOrg.objects.select_related("district__parent__parent"), pk=self.kwargs["pk"])


class HostOrgDetailView(HostOrgObjectMixin, DetailView):
    permission_required = "organisations.view_hostorg"
    template_name = "organisations/hostorg_detail.html"
    context_object_name = "org"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        org = self.object
        context["can_list"] = can(self.request.user, "organisations.list_hostorg")
        context["can_decide"] = can(self.request.user, "organisations.approve_hostorg", org)
        context["can_change"] = can(self.request.user, "organisations.change_hostorg", org)
        context["decision_form"] = DecisionForm()
        context["partners"] = scope_queryset(self.request.user, PartnerOrg.objects.filter(host_org=org))
        context["members"] = org.members.order_by("username") if context["can_change"] else []
        return context


class HostOrgEditView(HostOrgObjectMixin, FormView):
    permission_required = "organisations.change_hostorg"
    template_name = "organisations/hostorg_edit.html"
    form_class = HostOrgContactsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.get_permission_object()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "org": self.get_permission_object()}

    def form_valid(self, form: HostOrgContactsForm) -> HttpResponse:
        org = self.get_permission_object()
        update_host_org_contacts(actor=self.request.user, host_org=org,
                                 values={k: form.cleaned_data[k] for k in form.fields})
        messages.success(self.request, _("The organisation's contacts have been saved."))
        return HttpResponseRedirect(reverse("organisations:hostorg_detail", args=[org.pk]))


class HostOrgDecideView(HostOrgObjectMixin, View):
    """POST only: approve or reject a registration (the district authority of its district)."""

    permission_required = "organisations.approve_hostorg"
    http_method_names = ["post"]
    approve = True

    def handle_no_permission(self) -> HttpResponse:
        org = self.get_permission_object()
        if org.status != "pending" and can(self.request.user, "organisations.decide_hostorg", org):
            messages.error(self.request, _("This registration has already been decided; it cannot be decided "
                                           "again."))
            return HttpResponseRedirect(reverse("organisations:hostorg_detail", args=[org.pk]))
        return super().handle_no_permission()  # type: ignore[no-any-return]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        org = self.get_permission_object()
        form = DecisionForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            if self.approve:
                approve_host_org(actor=request.user, host_org=org, reason=reason)
                messages.success(request, _("%(name)s has been approved.") % {"name": org.name})
            else:
                reject_host_org(actor=request.user, host_org=org, reason=reason)
                messages.success(request, _("%(name)s has not been approved.") % {"name": org.name})
        except DomainError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("organisations:hostorg_detail", args=[org.pk]))


class AuthorityListView(ScopedListMixin, ListView):
    permission_required = "organisations.list_authority"
    model = Authority
    template_name = "organisations/authority_list.html"

    def get_base_queryset(self) -> QuerySet[Authority]:
        return Authority.objects.select_related("region").annotate(
            members_count=Count("members", distinct=True)
        ).order_by("path")


class PartnerListView(ScopedListMixin, FormView):
    """An applicant's partner organisations, with a form to add one."""

    permission_required = "organisations.add_partnerorg"
    model = PartnerOrg
    template_name = "organisations/partner_list.html"
    form_class = PartnerOrgForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "partners": self.get_queryset().order_by("pk")}

    def form_valid(self, form: PartnerOrgForm) -> HttpResponse:
        try:
            add_partner_org(actor=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The partner organisation has been added."))
        return HttpResponseRedirect(reverse("organisations:partner_list"))


class PartnerDeleteView(ObjectPermissionMixin, View):
    permission_required = "organisations.delete_partnerorg"
    http_method_names = ["post"]

    def get_object(self) -> PartnerOrg:
        return get_object_or_404(PartnerOrg, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        remove_partner_org(actor=request.user, partner=self.get_permission_object())
        messages.success(request, _("The partner organisation has been removed."))
        return HttpResponseRedirect(reverse("organisations:partner_list"))


class ExpertListView(ScopedListMixin, ListView):
    permission_required = "organisations.list_expert"
    model = Expert
    template_name = "organisations/expert_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> QuerySet[Expert]:
        return Expert.objects.select_related("region", "host_org").prefetch_related("clusters")
