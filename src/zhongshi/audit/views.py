from __future__ import annotations

import datetime
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from zhongshi.audit.domain.queries.present import entry_changes, model_label, related_names, target_types
from zhongshi.audit.domain.record_event import record_event
from zhongshi.audit.models import AuditAction, AuditEntry
from zhongshi.core.domain.queries.search import filter_by_search, search_terms
from zhongshi.core.views_base import ScopedListMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    target_type = forms.ChoiceField(label=_("Object type"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("All")), *AuditAction.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [("", _("All")), *target_types()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_entries(queryset: QuerySet[AuditEntry], data: dict[str, Any]) -> QuerySet[AuditEntry]:
    """``queryset`` narrowed by the cleaned data of an ``AuditFilterForm`` (dates are whole local days)."""
    queryset = filter_by_search(queryset, data.get("q"), ["actor_name", "target_repr", "message"])
    if data.get("date_from"):
        queryset = queryset.filter(at__gte=_start_of(data["date_from"]))
    if data.get("date_to"):
        queryset = queryset.filter(at__lt=_start_of(data["date_to"] + datetime.timedelta(days=1)))
    for term in search_terms(data.get("user")):
        queryset = queryset.filter(Q(actor_name__icontains=term) | Q(actor__full_name__icontains=term))
    if data.get("target_type"):
        queryset = queryset.filter(target_type=data["target_type"])
    if data.get("action"):
        queryset = queryset.filter(action=data["action"])
    return queryset


class AuditEntryListView(ScopedListMixin, ListView):
    permission_required = "audit.list_auditentry"
    model = AuditEntry
    template_name = "audit/entry_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        queryset = AuditEntry.objects.select_related("actor")
        self.filter_form = AuditFilterForm(self.request.GET or None)
        if not self.filter_form.is_bound:
            return queryset
        if not self.filter_form.is_valid():
            return queryset.none()
        return filter_entries(queryset, self.filter_form.cleaned_data)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = list(context["object_list"])
        names = related_names(entries)
        rows = [(entry, model_label(entry.target_type) if entry.target_type else "", entry_changes(entry, names))
                for entry in entries]
        query = self.request.GET.copy()
        query.pop("page", None)
        return {**context, "filter_form": self.filter_form, "rows": rows, "query": query.urlencode()}


def actor_display(entry: AuditEntry) -> str:
    if entry.actor is not None:
        return str(entry.actor.display_name)
    return entry.actor_name or "—"


def _cell(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _with_names(entries: Iterable[AuditEntry], size: int = 500) -> Iterator[tuple[AuditEntry, dict[Any, str]]]:
    """Each entry with the names its foreign keys point to, looked up for ``size`` entries at a time."""
    iterator = iter(entries)
    while chunk := list(itertools.islice(iterator, size)):
        names = related_names(chunk)
        for entry in chunk:
            yield entry, names


def write_entries_xlsx(entries: Iterable[AuditEntry], out: Any) -> None:
    """The entries as an .xlsx (openpyxl write-only: rows are written as they are read)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Audit log"))
    sheet.append([gettext("Time"), gettext("Actor"), gettext("User name"), gettext("Action"),
                  gettext("Object type"), gettext("Object"), gettext("Changes"), gettext("Message"),
                  gettext("IP address")])
    for entry, names in _with_names(entries):
        changes = "\n".join(gettext("%(label)s:") % {"label": c.label} + f"{c.old} → {c.new}"
                            for c in entry_changes(entry, names))
        sheet.append([
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"), _cell(actor_display(entry)),
            _cell(entry.actor_name), str(entry.get_action_display()),
            model_label(entry.target_type) if entry.target_type else "", _cell(entry.target_repr),
            _cell(changes), _cell(entry.message), entry.ip_address or "",
        ])
    workbook.save(out)


class AuditEntryExportView(AuditEntryListView):
    """The filtered list (exactly what the list's filter holds, scoped once) as an .xlsx download."""

    paginate_by = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        entries = self.get_queryset().iterator(chunk_size=500)
        out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by the response)
        write_entries_xlsx(entries, out)
        out.seek(0)
        name = f"audit-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
        return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: a clear Chinese page, and an audit entry of the refused attempt."""
    user = request.user if request.user.is_authenticated else None
    record_event(action=AuditAction.ACCESS_DENIED, actor=user, message=f"{request.method} {request.path}"[:500])
    message = str(exception) if exception is not None and str(exception) else ""
    html = render_to_string("403.html", {"message": message}, request=request)
    return HttpResponseForbidden(html)
