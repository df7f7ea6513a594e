"""Library pages: io — the platform list upload (an .xlsx or the JSON file of contracts §4) with a preview of
every error before anything is stored, its confirmation (all or nothing, the same domain function as
``zhongshi import-platforms``), the import template, and the download of the platforms the user's scope
selects (.json per contracts §4, or .xlsx).

The upload is parsed once and staged as JSON in the default storage (S3-compatible in production, so any web
process can confirm it); the session remembers the staged file of the user, and the preview and the
confirmation re-validate it against the database as it is then.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from zhongshi.core.permissions import scope_queryset
from zhongshi.core.views_base import ProtectedMixin
from zhongshi.library.domain.import_platforms import PlatformIssue, import_platforms
from zhongshi.library.domain.queries.export_platforms import (
    TIERS,
    dump_platform_file,
    platform_records,
    select_platforms,
)
from zhongshi.library.enums import PlatformTier
from zhongshi.library.interfaces.platform_xlsx import (
    XLSX,
    Cell,
    WorkbookUnusableError,
    locate,
    read_platform_workbook,
    template_workbook,
    write_platform_workbook,
)
from zhongshi.library.models import PilotPlatform
from zhongshi.organisations.models import Region
from zhongshi.reference.domain.queries.vocabularies import get_names

SESSION_KEY = "library_platform_import"
STAGING = "library/imports"
MAX_UPLOAD = 50 * 1024 * 1024


def _scope_path(user: Any) -> str | None:
    """The area an authority may import into (the ministry and the administrators: everywhere)."""
    authority = getattr(user, "authority", None)
    path_ = getattr(authority, "path", "") if authority is not None else ""
    return None if not path_ or path_.count("/") <= 1 else path_


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Platform list file (.xlsx or .json)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".json")):
            raise forms.ValidationError(_("Upload an .xlsx workbook made from the template, or a .json platform "
                                          "list file."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


def _parse(upload: Any) -> tuple[Any, dict[str, Cell]]:
    if upload.name.lower().endswith(".xlsx"):
        return read_platform_workbook(upload)
    try:
        return json.loads(upload.read().decode("utf-8-sig")), {}
    except (UnicodeDecodeError, ValueError) as exc:
        raise WorkbookUnusableError(_("The file is not valid JSON: %(error)s") % {"error": exc}) from exc


def _staged(request: HttpRequest) -> dict[str, Any] | None:
    staged = request.session.get(SESSION_KEY)
    if not staged or not default_storage.exists(staged["path"]):
        return None
    with default_storage.open(staged["path"], "rb") as handle:
        content = json.loads(handle.read().decode("utf-8"))
    return {**staged, "data": content["data"], "cells": {k: Cell(*v) for k, v in content["cells"].items()}}


def _error_rows(errors: list[PlatformIssue], cells: dict[str, Cell]) -> list[dict[str, Any]]:
    rows = []
    for issue in errors:
        cell = locate(issue.path, cells) if cells else None
        rows.append({"issue": issue, "cell": cell})
    return rows


class ImportView(ProtectedMixin, View):
    """Upload: the page, and the POST that stages the file and goes to its preview."""

    permission_required = "library.import_platforms"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, UploadForm())

    def page(self, request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
        return render(request, "library/io/import.html", {
            "form": form, "tiers": PlatformTier.choices, "scope_path": _scope_path(request.user)}, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            data, cells = _parse(upload)
        except WorkbookUnusableError as exc:
            form.add_error("file", exc.message)
            return self.page(request, form, status=400)
        previous = request.session.get(SESSION_KEY)
        if previous:
            default_storage.delete(previous["path"])
        content = json.dumps({"data": data, "cells": {k: list(v.__dict__.values()) for k, v in cells.items()}},
                             ensure_ascii=False, default=str)
        stored = default_storage.save(f"{STAGING}/{uuid.uuid4().hex}.json", ContentFile(content.encode("utf-8")))
        request.session[SESSION_KEY] = {"path": stored, "name": upload.name[:200],
                                        "at": timezone.now().isoformat()}
        return redirect("library:io_preview")


class PreviewView(ProtectedMixin, View):
    """Every error with its row and column, or the counts the import would give, before anything is stored."""

    permission_required = "library.import_platforms"

    def get(self, request: HttpRequest) -> HttpResponse:
        staged = _staged(request)
        if staged is None:
            messages.info(request, _("Upload a platform list file first."))
            return redirect("library:io_import")
        result = import_platforms(data=staged["data"], dry_run=True, scope_path=_scope_path(request.user),
                                  user=request.user)
        return render(request, "library/io/preview.html", {
            "staged": staged, "result": result, "error_rows": _error_rows(result.errors, staged["cells"]),
            "platform_count": len(staged["data"].get("platforms") or []) if isinstance(staged["data"], dict) else 0,
        })


class ConfirmView(ProtectedMixin, View):
    """Store the staged file: all or nothing, as ``zhongshi import-platforms`` does."""

    permission_required = "library.import_platforms"

    def post(self, request: HttpRequest) -> HttpResponse:
        staged = _staged(request)
        if staged is None:
            messages.info(request, _("Upload a platform list file first."))
            return redirect("library:io_import")
        result = import_platforms(data=staged["data"], scope_path=_scope_path(request.user), user=request.user,
                                  source_name=staged["name"])
        if result.errors:
            messages.error(request, _("The file has errors now: nothing was stored."))
            return redirect("library:io_preview")
        default_storage.delete(staged["path"])
        del request.session[SESSION_KEY]
        messages.success(request, _("Platform list imported: %(created)s created, %(updated)s updated, "
                                    "%(unchanged)s unchanged.") % {"created": result.created,
                                                                   "updated": result.updated,
                                                                   "unchanged": result.unchanged})
        return HttpResponseRedirect(reverse("library:io_import"))


class TemplateDownloadView(ProtectedMixin, View):
    permission_required = "library.import_platforms"

    def get(self, request: HttpRequest) -> HttpResponse:
        content = template_workbook(clusters=get_names("cluster_hubei_51020") + get_names("cluster_zhejiang_415x")
                                    + get_names("miit_industry"),
                                    verification_kinds=get_names("verification_kind"),
                                    service_kinds=get_names("service_kind"),
                                    removal_causes=get_names("removal_cause"))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('中试平台名单导入模板.xlsx')}"
        return response


class ExportView(ProtectedMixin, View):
    """The platforms of the user's scope (removed ones included), filtered by tier and area: .json or .xlsx."""

    permission_required = "library.export_platforms"

    def get(self, request: HttpRequest) -> HttpResponse:
        tier = request.GET.get("tier") or None
        area_code = (request.GET.get("area") or "").strip()
        fmt = request.GET.get("format") or "json"
        if tier not in (None, *TIERS) or fmt not in ("json", "xlsx"):
            return HttpResponse(_("Unknown tier or format."), status=400, content_type="text/plain; charset=utf-8")
        area = Region.objects.filter(code=area_code).first() if area_code else None
        if area_code and area is None:
            return HttpResponse(_("Unknown division code."), status=400, content_type="text/plain; charset=utf-8")
        queryset = select_platforms(scope_queryset(request.user, PilotPlatform.objects.all()), area=area, tier=tier)
        records = platform_records(queryset)
        stamp = timezone.localdate().strftime("%Y%m%d")
        if fmt == "xlsx":
            response = HttpResponse(write_platform_workbook(records), content_type=XLSX)
        else:
            response = HttpResponse(dump_platform_file(records), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f"attachment; filename=platforms-{stamp}.{fmt}"
        return response


urlpatterns: list[URLPattern | URLResolver] = [
    path("import/", ImportView.as_view(), name="io_import"),
    path("import/preview/", PreviewView.as_view(), name="io_preview"),
    path("import/confirm/", ConfirmView.as_view(), name="io_confirm"),
    path("import/template.xlsx", TemplateDownloadView.as_view(), name="io_template"),
    path("export/", ExportView.as_view(), name="io_export"),
]
