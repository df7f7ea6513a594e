"""Pages of the 申报书: list, start, the step-by-step form with autosave, evidence, submission, exports.

Views only call domain functions; every page checks one permission (``can``) on its object, and the list
reads through the scoper.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from zhongshi.applications.domain.barriers import find_barriers
from zhongshi.applications.domain.check_registration import fill_registration, registered_paths
from zhongshi.applications.domain.edit_application import StaleRevisionError, create_application, save_answers
from zhongshi.applications.domain.evidence import ACCEPTED, add_evidence, remove_evidence
from zhongshi.applications.domain.queries.export import FORMATS, export_application
from zhongshi.applications.domain.queries.panels import detail_panels
from zhongshi.applications.domain.queries.progress import application_deadline, tracker_context
from zhongshi.applications.domain.queries.report import Report, build_report
from zhongshi.applications.domain.queries.visible_answers import visible_answers
from zhongshi.applications.domain.submit_application import NotSubmittableError, submit_application
from zhongshi.applications.domain.withdraw_application import withdraw_application
from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.interfaces.form_widgets import (
    BadPostError,
    apply_row_actions,
    issues_by_path,
    parse_section,
    render_section,
)
from zhongshi.applications.models import Application, EvidenceFile
from zhongshi.calls.domain.chain import acting_authority
from zhongshi.calls.models import Call
from zhongshi.core.domain.queries.pages import KeysFirstMixin
from zhongshi.core.domain.queries.search import filter_by_search
from zhongshi.core.errors import DomainError
from zhongshi.core.permissions import can
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, ScopedListMixin
from zhongshi.formversions.domain.formdef import FormDef, SectionDef, load_form
from zhongshi.formversions.domain.scan_answers import sensitive_key


class ApplicationListView(KeysFirstMixin, ScopedListMixin, ListView):
    permission_required = "applications.list_application"
    model = Application
    template_name = "applications/application_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> QuerySet[Application]:
        queryset = (Application.objects.select_related("call", "host_org__district")
                    .defer("answers", "confirmed_sensitive").order_by("-updated_at", "pk"))
        queryset = filter_by_search(queryset, self.request.GET.get("q"),
                                    ["platform_name", "host_org__name", "host_org__credit_code"])
        status = self.request.GET.get("status", "")
        if status in ApplicationStatus.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        open_calls = Call.objects.filter(status="open").order_by("pk")
        return {**super().get_context_data(**kwargs), "statuses": ApplicationStatus.choices,
                "q": self.request.GET.get("q", ""), "status": self.request.GET.get("status", ""),
                "open_calls": open_calls if can(self.request.user, "applications.add_application") else []}


class ApplicationStartView(ProtectedMixin, View):
    """An applicant starts a 申报书 for an open call (GET explains, POST creates)."""

    permission_required = "applications.add_application"

    def get_call(self) -> Call:
        return get_object_or_404(Call, code=self.kwargs["code"])

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        existing = Application.objects.filter(call=call, host_org_id=request.user.host_org_id).order_by("-pk")
        # a barrier (the ban after a removal, a nomination's required tier) is said before the button, not after
        barriers = [reason for _code, reason in find_barriers(request.user.host_org.credit_code, call=call)]
        return render(request, "applications/application_start.html",
                      {"call": call, "form": load_form(call.form_code), "existing": existing, "barriers": barriers})

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.get_call()
        try:
            application = create_application(user=request.user, call=call)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("applications:application_start", args=[code]))
        messages.success(request, _("The application was created. It is saved as you type."))
        return HttpResponseRedirect(reverse("applications:application_edit", args=[application.pk]))


class ApplicationObjectMixin(ObjectPermissionMixin):
    def get_object(self, queryset: Any = None) -> Application:
        return get_object_or_404(Application.objects.select_related("call", "host_org__district", "updated_by"),
                                 pk=self.kwargs["pk"])


def _report_context(application: Application, report: Report) -> dict[str, Any]:
    return {
        "report": report,
        "issues_count": report.blocking_count,
        "progress": report.progress,
    }


class ApplicationDetailView(ApplicationObjectMixin, DetailView):
    permission_required = "applications.view_application"
    template_name = "applications/application_detail.html"
    context_object_name = "application"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        application: Application = self.object
        user = self.request.user
        answers = visible_answers(application, user)
        report = build_report(application, answers)
        form = report.form
        issues = issues_by_path(report.errors, report.warnings, report.sensitive)
        sections = [(section, render_section(form, section, answers, issues, report.result.computed,
                                             editable=False))
                    for section in form.sections if section.key != "evidence"]
        return {
            **super().get_context_data(**kwargs), **_report_context(application, report),
            "form": form, "sections": sections,
            "evidence_files": application.evidence_files.all(),
            "requirements": application.call.evidence_requirements(),
            "rounds": application.rounds.all(),
            "can_edit": can(user, "applications.change_application", application),
            "can_submit": can(user, "applications.submit_application", application),
            "can_withdraw": can(user, "applications.withdraw_application", application),
            "can_export": can(user, "applications.export_application", application),
            "formats": FORMATS,
            "panels": detail_panels(application, user),
            **tracker_context(application),
        }


class ApplicationEditView(ApplicationObjectMixin, View):
    """One step (section) of the form. POST saves it; an autosave posts the same fields (``X-Autosave``)."""

    permission_required = "applications.change_application"

    def section(self, form: FormDef) -> SectionDef:
        key = self.kwargs.get("section") or form.sections[0].key
        try:
            return form.section(key)
        except KeyError as exc:
            raise Http404 from exc

    def get(self, request: HttpRequest, pk: int, section: str | None = None) -> HttpResponse:
        application = self.get_permission_object()
        form = load_form(application.form_code)
        return self.render_step(application, form, self.section(form), application.answers, application.revision)

    def render_step(self, application: Application, form: FormDef, section: SectionDef, answers: dict[str, Any],
                    revision: int, *, status: int = 200, stale: StaleRevisionError | None = None) -> HttpResponse:
        report = build_report(application, answers)
        # Empty required fields are counted per section; beside each field they show only when the user asks
        # to see what is left (the links of the check page), so that a new draft is not a wall of red.
        show_required = bool(self.request.GET.get("check")) or self.request.method == "POST"
        errors = [i for i in report.errors if show_required or i.code != "required"]
        issues = issues_by_path(errors, report.warnings, report.sensitive)
        index = [s.key for s in form.sections].index(section.key)
        context = {
            "application": application, "form": form, "section": section, "revision": revision,
            "fields_html": render_section(form, section, answers, issues, report.result.computed,
                                          locked=registered_paths(form)),
            "steps": report.sections, "section_state": report.sections[index],
            "previous": form.sections[index - 1] if index > 0 else None,
            "next": form.sections[index + 1] if index + 1 < len(form.sections) else None,
            "stale": stale, **_report_context(application, report),
            "deadline": application_deadline(application),
        }
        if section.key == "evidence":
            context.update(evidence_context(application))
        return render(self.request, "applications/application_edit.html", context, status=status)

    def post(self, request: HttpRequest, pk: int, section: str | None = None) -> HttpResponse:
        application = self.get_permission_object()
        form = load_form(application.form_code)
        step = self.section(form)
        autosave = request.headers.get("X-Autosave") == "1"
        answers = dict(application.answers)
        try:
            if any(f.type != "file_list" for f in step.fields):
                answers[step.key] = parse_section(form, step, request.POST)
            answers = fill_registration(apply_row_actions(form, answers, request.POST), application.host_org,
                                        form)
        except BadPostError as exc:  # a crafted name or index: 400, the stored draft as it was
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=400)
            messages.error(request, exc.message)
            return self.render_step(application, form, step, application.answers, application.revision, status=400)
        try:
            base_revision = int(request.POST.get("_revision", "0"))
        except ValueError:
            base_revision = 0
        try:
            application = save_answers(user=request.user, application=application, answers=answers,
                                       base_revision=base_revision)
        except StaleRevisionError as exc:
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=409)
            return self.render_step(application, form, step, answers, base_revision, status=409, stale=exc)
        except DomainError as exc:
            if autosave:
                return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=400)
            messages.error(request, exc.message)
            return self.render_step(application, form, step, answers, base_revision, status=400)
        if autosave:
            return JsonResponse(autosave_payload(application, form, step))
        if "_add_row" in request.POST or "_remove_row" in request.POST:
            return HttpResponseRedirect(request.path + "#" + request.POST.get("_add_row", "").replace(".", "-"))
        messages.success(request, _("Saved at %(time)s.") % {"time": timezone.localtime().strftime("%H:%M:%S")})
        target = request.POST.get("_goto", "")
        if target and any(s.key == target for s in form.sections):
            return HttpResponseRedirect(reverse("applications:application_edit_section", args=[application.pk, target]))
        if target == "_submit":
            return HttpResponseRedirect(reverse("applications:application_submit", args=[application.pk]))
        return HttpResponseRedirect(request.path)


def autosave_payload(application: Application, form: FormDef, step: SectionDef) -> dict[str, Any]:
    # the same report as every page (missing evidence and registration checks included), the check of the
    # answers made once per autosave
    report = build_report(application, result=getattr(application, "check_result", None))
    return {
        "ok": True,
        "revision": application.revision,
        "saved_at": timezone.localtime(application.updated_at).strftime("%H:%M:%S"),
        "messages": [{"path": i.path, "code": i.code, "message": i.message, "severity": sev}
                     for sev, issues in (("error", report.errors), ("warning", report.warnings),
                                         ("sensitive", report.sensitive))
                     for i in issues if i.section == step.key and i.code != "required"],
        "computed": dict(report.result.computed),
        "sections": [{"key": s.key, "complete": s.complete, "errors": len(s.errors)} for s in report.sections],
        "progress": report.progress,
    }


def evidence_context(application: Application) -> dict[str, Any]:
    files = list(application.evidence_files.all())
    requirements = application.call.evidence_requirements()
    from zhongshi.applications.domain.evidence import missing_evidence

    missing = {item["key"] for item in missing_evidence(application)}
    for item in requirements:
        item["files"] = [f for f in files if f.requirement == item["key"]]
        item["missing"] = item["key"] in missing
    return {"requirements": requirements, "accepted_types": "、".join(ACCEPTED.values())}


class EvidenceUploadView(ApplicationObjectMixin, View):
    permission_required = "applications.change_application"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        upload = request.FILES.get("file")
        target = reverse("applications:application_edit_section", args=[application.pk, "evidence"])
        if upload is None:
            messages.error(request, _("Please choose a file."))
            return HttpResponseRedirect(target)
        try:
            evidence = add_evidence(user=request.user, application=application,
                                    requirement=request.POST.get("requirement", ""), upload=upload)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(target)
        messages.success(request, _("Uploaded %(name)s.") % {"name": evidence.original_name})
        return HttpResponseRedirect(target)


class EvidenceObjectMixin(ApplicationObjectMixin):
    def get_evidence(self) -> EvidenceFile:
        application = self.get_permission_object()
        return get_object_or_404(EvidenceFile, pk=self.kwargs["evidence_pk"], application=application)


class EvidenceDownloadView(EvidenceObjectMixin, View):
    permission_required = "applications.view_application"

    def get(self, request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
        evidence = self.get_evidence()
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)


class EvidenceDeleteView(EvidenceObjectMixin, View):
    permission_required = "applications.change_application"

    def post(self, request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
        evidence = self.get_evidence()
        try:
            remove_evidence(user=request.user, evidence=evidence)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Removed %(name)s.") % {"name": evidence.original_name})
        return HttpResponseRedirect(reverse("applications:application_edit_section", args=[pk, "evidence"]))


class ApplicationSubmitView(ApplicationObjectMixin, View):
    """The last step: every problem in one list, sensitive data to fix or confirm, then submit."""

    permission_required = "applications.view_application"

    def render_page(self, application: Application, report: Report, status: int = 200) -> HttpResponse:
        confirmed = set(application.confirmed_sensitive or [])
        sensitive = [(issue, sensitive_key(issue), sensitive_key(issue) in confirmed) for issue in report.sensitive]
        return render(self.request, "applications/application_submit.html", {
            "application": application, **_report_context(application, report), "sensitive": sensitive,
            "can_submit": can(self.request.user, "applications.submit_application", application),
        }, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        if not can(request.user, "applications.submit_application", application):
            return HttpResponseRedirect(application.get_absolute_url())
        return self.render_page(application, build_report(application))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        try:
            base_revision = int(request.POST.get("_revision", "0"))
        except ValueError:
            base_revision = 0
        try:
            submitted = submit_application(user=request.user, application=application, base_revision=base_revision,
                                           confirm_sensitive=request.POST.getlist("confirm"))
        except NotSubmittableError as exc:
            messages.error(request, exc.message)
            return self.render_page(application, exc.report, status=400)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(application.get_absolute_url())
        messages.success(request, _("The application was submitted to %(authority)s for preliminary review.")
                         % {"authority": submitted.host_org.district.authority.name})
        return HttpResponseRedirect(submitted.get_absolute_url())


class ApplicationWithdrawView(ApplicationObjectMixin, View):
    """撤回: GET asks for confirmation (what happens, that the round stays recorded); POST withdraws."""

    permission_required = "applications.withdraw_application"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        authority = acting_authority(application.call, application.host_org, application.current_level)
        return render(request, "applications/application_withdraw.html",
                      {"application": application, "authority": authority})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_permission_object()
        try:
            withdrawn = withdraw_application(user=request.user, application=application)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(application.get_absolute_url())
        messages.success(request, _("The application was withdrawn and is a draft again. Round %(n)s stays "
                                    "recorded; submit it again when it is ready.") % {"n": withdrawn.round})
        return HttpResponseRedirect(withdrawn.get_absolute_url())


class ApplicationPrintView(ApplicationObjectMixin, DetailView):
    """The 申报书 as a document (A4, print CSS): what the user reads and prints, from the form definition."""

    permission_required = "applications.view_application"
    template_name = "applications/application_print.html"
    context_object_name = "application"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from zhongshi.applications.domain.queries.print_document import print_document
        from zhongshi.formversions.domain.check_answers import compute_values

        application: Application = self.object
        form = load_form(application.form_code)
        answers = visible_answers(application, self.request.user)
        files = list(application.evidence_files.all())
        evidence = [(item["label"], [f.original_name for f in files if f.requirement == item["key"]])
                    for item in application.call.evidence_requirements()]
        return {**super().get_context_data(**kwargs), "form": form,
                "sections": print_document(form, answers, compute_values(form, answers), evidence),
                "printed_at": timezone.localtime()}


class ApplicationExportView(ApplicationObjectMixin, View):
    permission_required = "applications.export_application"

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        from zhongshi.applications.interfaces.export_pdf import PdfUnavailable

        application = self.get_permission_object()
        if fmt not in FORMATS:
            raise Http404
        try:
            exported = export_application(application, fmt, answers=visible_answers(application, request.user))
        except (PdfUnavailable, RuntimeError) as exc:
            messages.error(request, str(exc) if isinstance(exc, PdfUnavailable)
                           else _("The PDF could not be made; export the .docx instead."))
            return HttpResponseRedirect(application.get_absolute_url())
        response = HttpResponse(exported.content, content_type=exported.content_type)
        from django.utils.http import content_disposition_header

        response["Content-Disposition"] = content_disposition_header(True, exported.filename)
        return response
