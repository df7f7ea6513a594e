"""Pages of the calls: the public list and notice, and for the issuing authority copying a call into a new
one and changing it (thresholds, chain and deadlines, evidence list, attachments) without code."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View

from zhongshi.calls.actions import call_actions
from zhongshi.calls.domain.chain import (
    SHANGHAI,
    acting_authority,
    chain_steps,
    deadline_and_text,
    first_level,
    level_name,
    round_names,
    submission_window,
)
from zhongshi.calls.domain.copy_call import copy_call
from zhongshi.calls.domain.update_call import (
    InvalidCallError,
    add_call_attachment,
    attachment_download_name,
    condition_thresholds,
    edit_version,
    remove_call_attachment,
    update_call,
)
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.interfaces.forms import AttachmentForm, CallCopyForm, CallEditForm
from zhongshi.calls.models import Call, CallAttachment, DeadlineExtension
from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can
from zhongshi.core.predicates import is_system_admin
from zhongshi.core.views_base import ObjectPermissionMixin, PublicMixin


def _add_errors(form: Any, exc: DomainError) -> None:
    for error in exc.errors if isinstance(exc, InvalidCallError) else [exc]:
        form.add_error(error.field if error.field in form.fields else None, error.message)


class CallListView(PublicMixin, ListView):
    """Every call, open ones first: the public list of 申报通知."""

    template_name = "calls/call_list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Call]:
        queryset = Call.objects.select_related("issuer").annotate(
            closed=Case(When(status=CallStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("closed", "-created_at", "pk")
        user: Any = self.request.user
        if not is_system_admin(user):  # copies being prepared: only their issuer sees them
            own = Q(issuer=user.authority) if getattr(user, "authority_id", None) else Q(pk__in=[])
            queryset = queryset.filter(Q(published=True) | own)
        status = self.request.GET.get("status", "")
        if status in CallStatus.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        calls = list(context["object_list"])
        extensions: dict[int, list[DeadlineExtension]] = {call.pk: [] for call in calls}
        for extension in DeadlineExtension.objects.filter(call__in=calls):
            extensions[extension.call_id].append(extension)
        context["rows"] = [{"call": call, "chain": extended_steps(call, self.request.user, extensions[call.pk])}
                           for call in calls]
        context["statuses"] = CallStatus.choices
        context["status"] = self.request.GET.get("status", "")
        return context


class CallObjectMixin:
    kwargs: dict[str, Any]

    def get_object(self, queryset: Any = None) -> Call:
        call = get_object_or_404(Call.objects.select_related("issuer"), code=self.kwargs["code"])
        request = getattr(self, "request", None)
        if not call.published and not (request and can(request.user, "calls.change_call", call)):
            raise Http404
        return call


class CallDetailView(PublicMixin, CallObjectMixin, DetailView):
    """The notice: text, attachments, conditions, evidence list, the chain with its deadlines."""

    template_name = "calls/call_detail.html"
    context_object_name = "call"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        call: Call = self.object
        user = self.request.user
        context.update({
            "chain": extended_steps(call, user),
            "my_deadline": my_deadline(call, user),
            "apply_blocked": apply_blocked(call, user),
            "rounds": round_names(call),
            "window": _window_text(call),
            "conditions": condition_thresholds(call.conditions),
            "evidence": call.evidence_requirements(),
            "attachments": call.attachments.order_by("pk"),
            "form_title": _form_title(call.form_code),
            "can_change": can(user, "calls.change_call", call),
            "can_copy": can(user, "calls.copy_call", call),
            "actions": call_actions(user, call),
        })
        return context


def _host_org(user: Any) -> Any:
    return user.host_org if getattr(user, "role", "") == "applicant" and getattr(user, "host_org_id", None) else None


def extended_steps(call: Call, user: Any, extensions: list[DeadlineExtension] | None = None) -> list[dict[str, Any]]:
    """The chain's steps with each level's effective deadline: the latest extension of the call's area (of the
    applicant's own authorities for an applicant) replaces a deadline it moves (``extended``, ``original``)."""
    steps = chain_steps(call)
    if extensions is None:
        extensions = list(DeadlineExtension.objects.filter(call=call))
    if not extensions:
        return steps
    host_org = _host_org(user)
    for step in steps:
        if step["error"]:
            continue
        authority = acting_authority(call, host_org, step["level"]) if host_org is not None else None
        effective, shown = deadline_and_text(call, step["level"], authority, extensions=extensions)
        if effective is not None and (step["deadline"] is None or effective > step["deadline"]):
            step.update(original=step["shown"], deadline=effective, shown=shown, extended=True)
    return steps


def apply_blocked(call: Call, user: Any) -> str:
    """Why an applicant whose organisation is not approved sees no "apply" button, with whom to ask."""
    from zhongshi.organisations.domain.queries.contact import unapproved_reason
    from zhongshi.organisations.enums import HostOrgStatus

    host_org = user.host_org if getattr(user, "role", "") == "applicant" and getattr(user, "host_org_id", None) else None
    if host_org is None or not call.is_open or host_org.status == HostOrgStatus.APPROVED:
        return ""
    return unapproved_reason(host_org)


def my_deadline(call: Call, user: Any) -> dict[str, Any] | None:
    """For an applicant: the effective deadline of the first level that receives its applications (its own
    authority's extensions included) and the working days left, today included."""
    from datetime import timedelta

    from django.utils import timezone

    from zhongshi.reference.domain.working_days import working_days_between

    host_org = _host_org(user)
    if host_org is None or not call.is_open:
        return None
    level = first_level(call, host_org)
    authority = acting_authority(call, host_org, level) if level else None
    if authority is None:
        return None
    deadline, shown = deadline_and_text(call, level, authority)
    if deadline is None and shown == "—":
        return None
    now = timezone.now()
    left = None
    if deadline is not None:
        try:
            left = working_days_between(now.astimezone(SHANGHAI).date() - timedelta(days=1),
                                        deadline.astimezone(SHANGHAI).date())
        except DomainError:
            left = None
    return {"level_name": level_name(level), "authority": authority.name, "deadline": deadline, "shown": shown,
            "passed": deadline is not None and now > deadline, "working_days_left": left}


def _window_text(call: Call) -> str:
    """When applicants submit in the round in effect (当月最后N个工作日), or the calendar's error."""
    try:
        window = submission_window(call)
    except DomainError as exc:
        return exc.message
    return window.shown() if window else ""


def _form_title(code: str) -> str:
    from zhongshi.formversions.domain.formdef import UnknownFormError, load_form

    try:
        return load_form(code).title
    except UnknownFormError:  # a form version no longer shipped still shows its code
        return code


class CallCopyView(CallObjectMixin, ObjectPermissionMixin, FormView):
    """A new call from this one (GET: code and title; POST: the copy, closed until opened)."""

    permission_required = "calls.copy_call"
    template_name = "calls/call_copy.html"
    form_class = CallCopyForm

    def get_initial(self) -> dict[str, Any]:
        return {"title": self.get_permission_object().title}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "call": self.get_permission_object()}

    def form_valid(self, form: CallCopyForm) -> HttpResponse:
        try:
            call = copy_call(user=self.request.user, source=self.get_permission_object(),
                             code=form.cleaned_data["code"], title=form.cleaned_data["title"])
        except DomainError as exc:
            _add_errors(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("The call was copied. It is closed: change what differs, then open it."))
        return HttpResponseRedirect(reverse("calls:call_edit", args=[call.code]))

    def form_invalid(self, form: CallCopyForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CallEditView(CallObjectMixin, ObjectPermissionMixin, View):
    """The issuing authority changes the call; an invalid edit changes nothing and keeps every input."""

    permission_required = "calls.change_call"

    def render_page(self, form: CallEditForm, status: int = 200) -> HttpResponse:
        call = self.get_permission_object()
        return render(self.request, "calls/call_edit.html", {
            "call": call, "form": form, "rounds": round_names(call), "attachments": call.attachments.order_by("pk"),
            "attachment_form": AttachmentForm(),
        }, status=status)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.render_page(CallEditForm(self.get_permission_object()))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_permission_object()
        if "_add_evidence" in request.POST:  # another evidence row, nothing saved yet
            form = CallEditForm(call, request.POST, add_evidence_rows=1)
            form.errors.clear()  # not a submission: no errors yet
            return self.render_page(form)
        form = CallEditForm(call, request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:  # the new thresholds and the verdicts they give are written together, or not at all
            call, counts = update_call(user=request.user, call=call, data=form.to_data())
        except DomainError as exc:
            if any(error.code == "stale" for error in getattr(exc, "errors", [exc])):
                # Saving again means: keep what is on this page (the user has seen the message).
                form.data = form.data.copy()
                form.data["version"] = edit_version(Call.objects.get(pk=call.pk))
            _add_errors(form, exc)
            return self.render_page(form, status=400)
        messages.success(request, _("The call has been saved."))
        if counts is not None:
            messages.info(request, _("%(total)s applications were judged again by the new conditions: %(eligible)s "
                                     "eligible, %(ineligible)s not eligible, %(unknown)s undecided.") % {
                "total": sum(counts.values()), "eligible": counts.get("eligible", 0),
                "ineligible": counts.get("ineligible", 0), "unknown": counts.get("unknown", 0)})
        return HttpResponseRedirect(reverse("calls:call_detail", args=[call.code]))


class AttachmentUploadView(CallObjectMixin, ObjectPermissionMixin, View):
    """POST only: attach a file to the notice (issuer only); back to the edit page."""

    permission_required = "calls.change_call"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_permission_object()
        target = reverse("calls:call_edit", args=[call.code]) + "#attachments"
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Please choose a file."))
            return HttpResponseRedirect(target)
        try:
            attachment = add_call_attachment(user=request.user, call=call, title=form.cleaned_data["title"],
                                             upload=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(target)
        messages.success(request, _("Attached %(title)s.") % {"title": attachment.title})
        return HttpResponseRedirect(target)


class AttachmentObjectMixin(CallObjectMixin):
    def get_attachment(self) -> CallAttachment:
        return get_object_or_404(CallAttachment.objects.select_related("call"), pk=self.kwargs["pk"],
                                 call__code=self.kwargs["code"])


class AttachmentDownloadView(PublicMixin, AttachmentObjectMixin, View):
    """An attachment of a notice: public like the notice."""

    def get(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        attachment = self.get_attachment()
        filename, content_type = attachment_download_name(attachment)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=filename,
                            content_type=content_type)


class AttachmentDeleteView(AttachmentObjectMixin, ObjectPermissionMixin, View):
    permission_required = "calls.change_call"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        attachment = self.get_attachment()
        remove_call_attachment(user=request.user, attachment=attachment)
        messages.success(request, _("Removed %(title)s.") % {"title": attachment.title})
        return HttpResponseRedirect(reverse("calls:call_edit", args=[code]) + "#attachments")
