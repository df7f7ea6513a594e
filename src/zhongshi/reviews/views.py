"""Pages of the review chain: the queue of each authority, the review of one application, forwarding with
the recommendation letter, the summary sheet, deadline extensions, and the public notice (公示).

Views only call domain functions; every page checks one permission (``can``) and lists read through the
scoper.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import ListView, View

from zhongshi.applications.domain.queries.report import build_report
from zhongshi.applications.domain.queries.visible_answers import visible_answers
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application, ApplicationRound
from zhongshi.calls.domain.chain import (
    deadline_and_text,
    first_level,
    grant_extension,
    is_deciding_level,
    level_name,
    show_deadline,
)
from zhongshi.calls.models import Call
from zhongshi.core.domain.queries.pages import KeysFirstMixin
from zhongshi.core.errors import DomainError, NotAllowed
from zhongshi.core.permissions import can, scope_queryset
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, PublicMixin, ScopedListMixin
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.organisations.models import Authority, Region
from zhongshi.reviews.domain.act_on_application import (
    PRELIMINARY_CHECKS,
    decide_application,
    forward_applications,
    review_application,
)
from zhongshi.reviews.domain.notices import (
    close_notice,
    dismiss_objections,
    file_objection,
    handle_objection,
    is_open_for_objections,
    publish_notice,
    publishable_applications,
)
from zhongshi.reviews.domain.queries.compare_rounds import compare_answers
from zhongshi.reviews.domain.queries.document import document_sections
from zhongshi.reviews.domain.queries.queue import WIDE_FIELDS, pending_below, queue_applications, queue_rows
from zhongshi.reviews.domain.queries.status import describe_status
from zhongshi.reviews.interfaces.forms import (
    DecisionForm,
    ExtensionForm,
    ForwardForm,
    HandleObjectionForm,
    NoticeForm,
    ObjectionForm,
    QueueFilterForm,
    ReviewForm,
)
from zhongshi.reviews.models import ExportJob, Notice, Objection, RecommendationLetter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtered_queue(request: HttpRequest) -> tuple[QuerySet[Application], QueueFilterForm]:
    """The applications of the user's area, filtered as the queue's form says (one path for page and export)."""
    user: Any = request.user
    authority = user.authority
    districts = [(r.code, r.name) for r in Region.objects.filter(path__startswith=authority.path, level="district")
                 .order_by("path")]
    form = QueueFilterForm(request.GET or None, districts=districts)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})  # the valid filters apply even when another one is not
    return queue_applications(user=user, filters=data), form


class QueueView(KeysFirstMixin, ScopedListMixin, ListView):
    """每个审核单位的待办: what waits at its level, and everything in its area, with filters and bulk actions."""

    permission_required = "reviews.list_queue"
    model = Application
    template_name = "reviews/queue.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Application]:
        queryset, self.filter_form = filtered_queue(self.request)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        rows = queue_rows(user=user, applications=list(context["object_list"]))
        forwardable = [r for r in rows if r.holds and not r.deciding
                       and r.application.current_level != first_level(r.application.call, r.application.host_org)]
        empty_mine = not rows and (self.request.GET.get("stage") or "mine") == "mine"
        below = ([{"level": level_name(level), "count": n} for level, n in pending_below(user=user)]
                 if empty_mine else [])
        return {**context, "rows": rows, "filter_form": self.filter_form, "query": self.request.GET.urlencode(),
                "sort_headers": self.sort_headers(), "empty_mine": empty_mine, "below": below,
                "authority": user.authority, "forwardable": forwardable,
                "deadlines": _deadlines_for(user)}

    def sort_headers(self) -> dict[str, dict[str, str]]:
        """Per sortable column: the link that sorts by it (the other filters kept, back to page 1), and its
        aria-sort when the list is sorted by it. Clicking the sorted column again reverses it."""
        current = self.request.GET.get("sort") or "-submitted_at"
        columns = {"platform_name": ("platform_name", None), "submitted_at": ("-submitted_at", "submitted_at"),
                   "warning_count": ("-warning_count", None)}
        out = {}
        for column, (first, second) in columns.items():
            target = second if current == first and second else first
            params = self.request.GET.copy()
            params["sort"] = target
            params.pop("page", None)
            aria = ""
            if current in (first, second):
                aria = "descending" if current.startswith("-") else "ascending"
            out[column] = {"url": "?" + params.urlencode(), "aria": aria}
        return out


def _deadlines_for(user: Any) -> list[dict[str, Any]]:
    """The open calls the user's authority takes part in (its level is in the chain, its area overlaps the call's),
    with its deadline and the actions on the call that ``can()`` allows it."""
    from zhongshi.calls.domain.chain import call_area

    authority: Authority = user.authority
    out = []
    for call in Call.objects.filter(status="open").select_related("issuer").order_by("pk"):
        area = call_area(call)
        if authority.level in call.chain_levels() and (
                authority.path.startswith(area) or area.startswith(authority.path)):
            deadline, shown = deadline_and_text(call, authority.level, authority)
            out.append({"call": call, "deadline": shown,
                        "passed": deadline is not None and deadline < timezone.now(),
                        "can_extend": can(user, "reviews.grant_extension", call),
                        "can_publish": can(user, "reviews.publish_notice", call)})
    return out


def _export(request: HttpRequest, *, kind: str, total: int, call: Call | None = None,
            filters: dict[str, Any] | None = None) -> HttpResponse:
    """A small export is written in the request; a large one becomes a background job with a progress page."""
    from zhongshi.reviews.domain.exports import INLINE_ROWS, start_export, write_export
    from zhongshi.reviews.tasks import run_export_task

    user: Any = request.user
    if total > INLINE_ROWS:
        job = start_export(user=user, kind=kind, total=total, call=call, filters=filters)
        run_export_task.delay(job.pk)
        return HttpResponseRedirect(job.get_absolute_url())
    out = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115 - closed by the response
    write_export(out, user=user, kind=kind, call=call, filters=filters or {})
    out.seek(0)
    from zhongshi.reviews.domain.exports import list_filename, summary_filename

    filename = summary_filename(user=user, call=call) if call is not None else list_filename()
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX)


class QueueExportView(ProtectedMixin, View):
    """The filtered list as .xlsx: exactly what the queue holds with the same filters, every page of it."""

    permission_required = "reviews.list_queue"

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset, form = filtered_queue(request)
        filters = getattr(form, "cleaned_data", {})
        return _export(request, kind="list", total=queryset.count(), filters=filters)


class SummarySheetView(ProtectedMixin, View):
    """推荐汇总表 (附件3) of the user's authority for one call: one row per application it recommended, in
    recommendation order, with its opinion."""

    permission_required = "reviews.list_queue"

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        from zhongshi.applications.interfaces.export_xlsx import columns_for
        from zhongshi.reviews.domain.exports import count_summary

        call = get_object_or_404(Call, code=code)
        try:
            columns_for(call.summary_columns or None)
        except ValueError as exc:
            messages.error(request, _("The call's summary sheet names an unknown column: %(error)s") % {"error": exc})
            return HttpResponseRedirect(reverse("reviews:queue"))
        return _export(request, kind="summary", call=call, total=count_summary(user=request.user, call=call))


class ExportJobView(ObjectPermissionMixin, View):
    """A background export's progress (polled by htmx until it is done), then its download link."""

    permission_required = "reviews.view_export"

    def get_object(self, queryset: Any = None) -> ExportJob:
        return get_object_or_404(ExportJob, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_permission_object()
        template = "reviews/export_progress.html" if request.headers.get("HX-Request") else "reviews/export_job.html"
        return render(request, template, {"job": job})


class ExportDownloadView(ExportJobView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = self.get_permission_object()
        if job.status != ExportJob.Status.DONE or not job.file:
            raise Http404
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=XLSX)


class ApplicationHistoryMixin(ObjectPermissionMixin):
    def get_object(self, queryset: Any = None) -> Application:
        return get_object_or_404(Application.objects.select_related("call", "host_org__district"),
                                 pk=self.kwargs["pk"])


class ReviewView(ApplicationHistoryMixin, View):
    """One application at the user's level: eligibility, checklist, warnings, evidence, history; the opinion."""

    permission_required = "reviews.view_history"

    def context(self, application: Application, **extra: Any) -> dict[str, Any]:
        from zhongshi.calls.domain.conditions import evaluate_call

        user: Any = self.request.user
        answers = visible_answers(application, user)
        report = build_report(application, answers)
        holds = can(user, "reviews.review_application", application)
        deciding = application.status == ApplicationStatus.SUBMITTED and is_deciding_level(
            application.call, application.host_org, application.current_level)
        form = load_form(application.form_code)
        labels = {section.key: section.label for section in form.sections}
        evidence_labels = {item.key: item.label for section in form.sections if section.key == "evidence"
                           for item in section.fields}
        evidence = [{"file": f, "label": evidence_labels.get(f.requirement, f.requirement),
                     "preview": PREVIEWABLE.get(f.content_type, ""),
                     "preview_url": reverse("reviews:evidence_preview", args=[application.pk, f.pk])}
                    for f in application.evidence_files.all()]
        document = document_sections(form, answers, computed=report.result.computed, issues=report.warnings)
        return {
            "application": application, "report": report, "status": describe_status(application),
            "conditions": evaluate_call(application.call, answers),
            "preliminary_checks": PRELIMINARY_CHECKS, "checklist": application.call.checklist or [],
            "sections": [s for s in form.sections if s.key != "evidence"],
            "steps": [{"step": step, "reasons": [(labels.get(k, k), v) for k, v in step.return_reasons.items()],
                       "letter": step.letter if step.letter is not None
                       and can(user, "reviews.view_letter", step.letter) else None}
                      for step in application.steps.select_related("authority", "actor", "letter__authority")
                      .order_by("acted_at", "pk")],
            "rounds": application.rounds.order_by("number"),
            "evidence_files": [e["file"] for e in evidence], "evidence": evidence, "document": document,
            "draft_key": f"zhongshi:opinion:{application.pk}:{application.revision}",
            "holds": holds, "deciding": deciding,
            "can_see_annex": can(user, "reviews.view_review_annex", application),
            "first_level": application.current_level == first_level(application.call, application.host_org),
            **extra,
        }

    def forms(self, application: Application, data: Any = None) -> dict[str, Any]:
        """The review form of a recommending level and the decision form of the deciding one, bound to
        ``data`` when posted (only the one the page shows is posted)."""
        form = load_form(application.form_code)
        sections = [(s.key, str(s.label)) for s in form.sections if s.key != "evidence"]
        checks = [(key, _("%(label)s checked") % {"label": label}) for key, label in PRELIMINARY_CHECKS]
        checks += [(str(item.get("id")), f"{item.get('clause', '')} {item.get('text', '')}".strip())
                   for item in application.call.checklist or [] if isinstance(item, dict) and item.get("id")]
        initial = {"revision": application.revision}
        return {
            "review_form": ReviewForm(data, initial=initial, sections=sections, checks=checks,
                                      first_level=application.current_level == first_level(application.call, application.host_org)),
            "decision_form": DecisionForm(data, initial=initial),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        return render(request, "reviews/review.html", self.context(application, **self.forms(application)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        if not can(request.user, "reviews.review_application", application):
            raise NotAllowed(_("This application is not with your authority."))
        forms = self.forms(application, request.POST)
        deciding = application.status == ApplicationStatus.SUBMITTED and is_deciding_level(application.call, application.host_org,
                                                                                   application.current_level)
        form = forms["decision_form"] if deciding else forms["review_form"]
        if deciding:
            forms["review_form"] = self.forms(application)["review_form"]
        else:
            forms["decision_form"] = self.forms(application)["decision_form"]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if deciding:
                    decide_application(user=request.user, application=application,
                                       approve=data["decision"] == "approve", reasons=data["reasons"],
                                       revision=data["revision"])
                else:
                    review_application(user=request.user, application=application, action=data["action"],
                                       opinion=data["opinion"], checklist=dict.fromkeys(data["checklist"], True),
                                       return_reasons=form.return_reasons(), revision=data["revision"])
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                application.refresh_from_db()
                done = data["decision"] if deciding else data["action"]
                messages.success(request, str(DONE_MESSAGES[done]) % {
                    "platform": application.platform_name or str(application),
                    "next": describe_status(application).text})
                return HttpResponseRedirect(reverse("reviews:queue"))
        return render(request, "reviews/review.html", self.context(application, **forms), status=400)


# What the review page says after an action: the application by name, and where it is now.
DONE_MESSAGES = {
    "recommend": gettext_lazy("Recommended: %(platform)s. %(next)s"),
    "return": gettext_lazy("Returned for revision: %(platform)s. %(next)s"),
    "not_recommend": gettext_lazy("Not recommended: %(platform)s. %(next)s"),
    "approve": gettext_lazy("Approved: %(platform)s. %(next)s"),
    "reject": gettext_lazy("Rejected: %(platform)s. %(next)s"),
}
PREVIEWABLE = {"application/pdf": "pdf", "image/png": "image", "image/jpeg": "image"}


@method_decorator(xframe_options_sameorigin, name="dispatch")
class EvidencePreviewView(ApplicationHistoryMixin, View):
    """An evidence file shown inline in the review page (PDF in a frame, images as images): only those
    types, only to whom may see the application's history; everything else is a download."""

    permission_required = "reviews.view_history"

    def get(self, request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
        from zhongshi.applications.models import EvidenceFile

        application = self.get_permission_object()
        evidence = get_object_or_404(EvidenceFile, pk=evidence_pk, application=application)
        if evidence.content_type not in PREVIEWABLE:
            raise Http404
        response = FileResponse(evidence.file.open("rb"), as_attachment=False, filename=evidence.original_name,
                                content_type=evidence.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ForwardView(ProtectedMixin, View):
    """The city (an intermediate level) forwards the chosen applications, in the order given, with its letter."""

    permission_required = "reviews.list_queue"

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ForwardForm(request.POST, request.FILES)
        back = reverse("reviews:queue") + "?" + (request.POST.get("query") or "")[:2000]
        if not form.is_valid():  # the form lives on the queue page: its errors come back as messages there
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(back)
        order = {pk: index for index, pk in enumerate(form.ordered_ids())}
        applications = list(scope_queryset(request.user, Application.objects.filter(pk__in=order)))
        applications.sort(key=lambda a: order[a.pk])
        for application in applications:
            if not can(request.user, "reviews.review_application", application):
                raise NotAllowed(_("This application is not with your authority."))
        try:
            steps = forward_applications(user=request.user, applications=applications,
                                         letter=form.cleaned_data["letter"], opinion=form.cleaned_data["opinion"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Forwarded %(count)s applications with the recommendation letter.")
                             % {"count": len(steps)})
        return HttpResponseRedirect(back)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LetterTemplateView(ProtectedMixin, View):
    """The recommendation letter to complete, stamp and upload: the applications the user's authority may
    forward (those ticked, in the order given, when the queue's form sends them), under its name."""

    permission_required = "reviews.list_queue"

    def get(self, request: HttpRequest) -> HttpResponse:
        from zhongshi.calls.domain.chain import acting_authority, level_above
        from zhongshi.reviews.domain.letter_template import render_letter_template

        user: Any = request.user
        applications = list(queue_applications(user=user, filters={"stage": "mine"}))
        rows = queue_rows(user=user, applications=applications)
        held = [r.application for r in rows if r.holds and not r.deciding
                and r.application.current_level != first_level(r.application.call, r.application.host_org)]
        chosen = [int(v) for v in request.GET.getlist("application") if v.isdigit()]
        if chosen:
            by_pk = {a.pk: a for a in held}
            held = [by_pk[pk] for pk in chosen if pk in by_pk]
        call = held[0].call if held else None
        above = level_above(call, user.authority.level) if call is not None else None
        receiver = acting_authority(call, held[0].host_org, above) if call is not None and above else None
        addressee = receiver.name if receiver is not None else ""
        body = render_letter_template(authority_name=user.authority.name, addressee=addressee or "____",
                                      call_title=call.title if call is not None else "____", applications=held)
        response = HttpResponse(body, content_type=DOCX)
        response["Content-Disposition"] = content_disposition_header(True, f"{user.authority.name}-推荐函.docx")
        return response


class ReviewAnnexView(ApplicationHistoryMixin, View):
    """The reviewers' annex (.docx): the values the system computed beside the declared ones, the consistency
    warnings and the eligibility verdicts, kept out of the official 申报书 and offered to authorities only."""

    permission_required = "reviews.view_review_annex"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from zhongshi.applications.interfaces.export_docx import render_review_annex
        from zhongshi.core.domain.files import DOCX

        application = self.get_permission_object()
        answers = visible_answers(application, request.user)
        report = build_report(application, answers)
        content = render_review_annex(report.form, answers, computed=report.result.computed,
                                      warnings=report.warnings, conditions=report.conditions)
        name = application.platform_name or f"申报书-{application.pk}"
        response = HttpResponse(content, content_type=DOCX)
        response["Content-Disposition"] = content_disposition_header(True, f"{name}-审核附件.docx")
        return response


class CompareRoundsView(ApplicationHistoryMixin, View):
    """Every submission round is kept: what changed between two rounds (after a return for revision)."""

    permission_required = "reviews.view_history"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        rounds = list(application.rounds.order_by("number"))
        if len(rounds) < 2:
            raise Http404
        try:
            a = int(request.GET.get("a", rounds[-2].number))
            b = int(request.GET.get("b", rounds[-1].number))
        except ValueError as exc:
            raise Http404 from exc
        before = get_object_or_404(ApplicationRound, application=application, number=a)
        after = get_object_or_404(ApplicationRound, application=application, number=b)
        changes = compare_answers(load_form(application.form_code), before.answers, after.answers)
        return render(request, "reviews/compare.html", {"application": application, "before": before,
                                                        "after": after, "changes": changes, "rounds": rounds})


class LetterDownloadView(ObjectPermissionMixin, View):
    permission_required = "reviews.view_letter"

    def get_object(self, queryset: Any = None) -> RecommendationLetter:
        return get_object_or_404(RecommendationLetter, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        letter = self.get_permission_object()
        return FileResponse(letter.file.open("rb"), as_attachment=True, filename=letter.original_name,
                            content_type=letter.content_type)


class ExtensionView(ObjectPermissionMixin, View):
    """The level above grants a later deadline to a level of a call (all of it, or one authority)."""

    permission_required = "reviews.grant_extension"

    def get_object(self, queryset: Any = None) -> Call:
        return get_object_or_404(Call.objects.select_related("issuer"), code=self.kwargs["code"])

    def form(self, call: Call, data: Any = None) -> ExtensionForm:
        from zhongshi.reviews.rules import extendable_levels

        user: Any = self.request.user
        form = ExtensionForm(data)
        levels = extendable_levels(user, call)
        form.fields["level"].choices = [(level, level_name(level)) for level in levels]
        below = Authority.objects.filter(path__startswith=user.authority.path).exclude(pk=user.authority_id)
        form.fields["authority"].choices = [("", _("Every authority of that level in my area")),
                                            *[(str(a.pk), a.name) for a in below.order_by("path")]]
        return form

    def get_call(self) -> Call:
        call: Call = self.get_permission_object()
        return call

    def render_page(self, call: Call, form: ExtensionForm, status: int = 200) -> HttpResponse:
        extensions = call.extensions.select_related("authority", "granted_by").order_by("-granted_at")
        chain = [{"level": level_name(level),
                  "deadline": deadline_and_text(call, level)[1]}
                 for level in call.chain_levels()]
        return render(self.request, "reviews/extensions.html", {"call": call, "form": form, "chain": chain,
                                                                 "extensions": extensions}, status=status)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        return self.render_page(call, self.form(call))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        form = self.form(call, request.POST)
        if not form.is_valid():
            return self.render_page(call, form, status=400)
        authority = None
        if form.cleaned_data["authority"]:
            authority = Authority.objects.filter(pk=form.cleaned_data["authority"]).first()
        deadline: datetime = form.cleaned_data["deadline"]
        try:
            grant_extension(user=request.user, call=call, level=form.cleaned_data["level"], deadline=deadline,
                            reason=form.cleaned_data["reason"], authority=authority)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.render_page(call, form, status=400)
        messages.success(request, _("The deadline was extended to %(deadline)s.")
                         % {"deadline": show_deadline(deadline)})
        return HttpResponseRedirect(request.path)


class NoticeListView(PublicMixin, ListView):
    template_name = "reviews/notice_list.html"
    paginate_by = 20

    def get_queryset(self) -> QuerySet[Notice]:
        return Notice.objects.select_related("call", "authority").order_by("-starts_at", "pk")


class NoticeDetailView(PublicMixin, View):
    """The published list; during the period anyone may file an objection."""

    def get_notice(self) -> Notice:
        return get_object_or_404(Notice.objects.select_related("call", "authority"), pk=self.kwargs["pk"])

    def render_page(self, notice: Notice, form: ObjectionForm | None = None, status: int = 200) -> HttpResponse:
        user: Any = self.request.user
        handles = can(user, "reviews.handle_notice", notice)
        objections = list(notice.objections.select_related("application").order_by("filed_at")) if handles else []
        return render(self.request, "reviews/notice_detail.html", {
            "notice": notice, "applications": notice.applications.select_related(
                "host_org__district__parent__parent__parent").defer(*WIDE_FIELDS)
            .order_by("recommendation_order", "pk"),
            "open": is_open_for_objections(notice), "form": form or ObjectionForm(), "handles": handles,
            "objections": objections,
            "open_objections": [o for o in objections if o.status == "open"],
            "handle_form": HandleObjectionForm(), "ended": timezone.now() >= notice.ends_at,
        }, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(self.get_notice())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from zhongshi.reviews.domain.limit_objections import OBJECTION_LIMIT, allow_objection

        notice = self.get_notice()
        form = ObjectionForm(request.POST)
        if not form.is_valid():
            return self.render_page(notice, form, status=400)
        if not request.session.session_key:
            request.session.save()
        if not allow_objection(address=request.META.get("REMOTE_ADDR", ""),
                               session_key=request.session.session_key or ""):
            form.add_error(None, _("Too many objections were sent from this computer: at most %(limit)s in 10 "
                                   "minutes. Please wait and try again, or contact the authority directly.")
                           % {"limit": OBJECTION_LIMIT})
            return self.render_page(notice, form, status=429)
        application = notice.applications.filter(pk=form.cleaned_data["application"]).first()
        if application is None:
            raise Http404
        try:
            file_objection(notice=notice, application=application, name=form.cleaned_data["name"],
                           contact=form.cleaned_data["contact"], text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.render_page(notice, form, status=400)
        messages.success(request, _("Your objection was received; the authority will handle it."))
        return HttpResponseRedirect(request.path)


class NoticeCreateView(ObjectPermissionMixin, View):
    permission_required = "reviews.publish_notice"

    def get_object(self, queryset: Any = None) -> Call:
        return get_object_or_404(Call.objects.select_related("issuer"), code=self.kwargs["code"])

    def get_call(self) -> Call:
        call: Call = self.get_permission_object()
        return call

    def render_page(self, call: Call, form: NoticeForm, status: int = 200) -> HttpResponse:
        try:
            applications = publishable_applications(self.request.user, call)
        except DomainError:
            applications = []
        return render(self.request, "reviews/notice_create.html", {"call": call, "form": form,
                                                                    "applications": applications}, status=status)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        now = timezone.localtime()
        initial = {"title": _("Public notice of %(title)s") % {"title": call.title},
                   "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
                   "ends_at": (now + timezone.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")}
        return self.render_page(call, NoticeForm(initial=initial))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        form = NoticeForm(request.POST)
        if not form.is_valid():
            return self.render_page(call, form, status=400)
        try:
            notice = publish_notice(user=request.user, call=call, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.render_page(call, form, status=400)
        messages.success(request, _("The notice was published."))
        return HttpResponseRedirect(notice.get_absolute_url())


class ObjectionHandleView(ObjectPermissionMixin, View):
    permission_required = "reviews.handle_notice"

    def get_object(self, queryset: Any = None) -> Notice:
        return get_object_or_404(Notice, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
        notice = self.get_permission_object()
        objection = get_object_or_404(Objection, pk=objection_pk, notice=notice)
        form = HandleObjectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please write the response."))
        else:
            try:
                handle_objection(user=request.user, objection=objection, upheld=form.cleaned_data["upheld"] == "yes",
                                 response=form.cleaned_data["response"])
                messages.success(request, _("The objection was handled."))
            except DomainError as exc:
                messages.error(request, exc.message)
        return HttpResponseRedirect(notice.get_absolute_url())


class ObjectionDismissView(ObjectPermissionMixin, View):
    """Dismiss several objections of a notice at once, with one response."""

    permission_required = "reviews.handle_notice"

    def get_object(self, queryset: Any = None) -> Notice:
        return get_object_or_404(Notice, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = self.get_permission_object()
        ids = [int(v) for v in request.POST.getlist("objection") if v.isdigit()][:1000]
        try:
            dismissed = dismiss_objections(user=request.user, notice=notice, objection_ids=ids,
                                           response=request.POST.get("response", "")[:2000])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(count)s objections were dismissed.") % {"count": len(dismissed)})
        return HttpResponseRedirect(notice.get_absolute_url())


class NoticeCloseView(ObjectPermissionMixin, View):
    permission_required = "reviews.handle_notice"

    def get_object(self, queryset: Any = None) -> Notice:
        return get_object_or_404(Notice, pk=self.kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = self.get_permission_object()
        try:
            final = close_notice(notice=notice, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The notice was closed; %(count)s approvals are final.")
                             % {"count": len(final)})
        return HttpResponseRedirect(notice.get_absolute_url())


