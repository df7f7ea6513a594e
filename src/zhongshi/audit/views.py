from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction, AuditEntry
from zhongshi.core.domain.queries.search import filter_by_search
from zhongshi.core.views_base import ScopedListMixin


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("All")), *AuditAction.choices])


class AuditEntryListView(ScopedListMixin, ListView):
    permission_required = "audit.list_auditentry"
    model = AuditEntry
    template_name = "audit/entry_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        queryset = AuditEntry.objects.all()
        self.filter_form = AuditFilterForm(self.request.GET or None)
        if self.filter_form.is_valid():
            queryset = filter_by_search(queryset, self.filter_form.cleaned_data["q"],
                                        ["actor_name", "target_repr", "message"])
            if action := self.filter_form.cleaned_data["action"]:
                queryset = queryset.filter(action=action)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: a clear Chinese page, and an audit entry of the refused attempt."""
    user = request.user if request.user.is_authenticated else None
    record_event(action=AuditAction.ACCESS_DENIED, actor=user, message=f"{request.method} {request.path}"[:500])
    message = str(exception) if exception is not None and str(exception) else ""
    html = render_to_string("403.html", {"message": message}, request=request)
    return HttpResponseForbidden(html)
