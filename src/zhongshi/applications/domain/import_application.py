"""Store an application file (contracts.md §2) as a draft of its host organisation, found by credit code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from zhongshi.applications.domain.check_registration import check_registration, fill_registration
from zhongshi.applications.domain.edit_application import clean_answers, clusters_of, count_warnings, platform_name_of
from zhongshi.applications.domain.reevaluate_call import update_eligibility
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import in_call_area
from zhongshi.calls.models import Call
from zhongshi.core.errors import DomainError
from zhongshi.formversions.domain.check_answers import CheckResult, check_answers
from zhongshi.formversions.domain.formdef import load_form
from zhongshi.organisations.models import HostOrg

# Errors that mean the file is not an application of this form at all: nothing is stored.
STRUCTURAL_CODES = frozenset({"invalid_type", "unknown_field", "wrong_form", "too_long", "invalid_number",
                              "invalid_date", "invalid_choice", "too_many_rows"})


class ImportRefusedError(DomainError):
    """The file is not a usable application (exit code 1); ``result`` says why."""

    def __init__(self, message: str, result: CheckResult) -> None:
        super().__init__(message, code="import_refused")
        self.result = result


class ImportUnusableError(DomainError):
    """Something named by the file or the command does not exist (exit code 2)."""


@transaction.atomic
def import_application(*, call: Call, data: Any, username: str | None = None) -> Application:
    form = load_form(call.form_code)
    result = check_answers(form, data)
    structural = [i for i in result.errors if i.code in STRUCTURAL_CODES]
    if structural:
        raise ImportRefusedError(_("The file has %(count)s errors that prevent storing it.") % {"count": len(structural)},
                            CheckResult(errors=structural))
    credit_code = form.answer_for_role(data, "host_org_credit_code")
    host_org = HostOrg.objects.filter(credit_code=str(credit_code or "").strip().upper()).first()
    if host_org is None:
        raise ImportUnusableError(_("No host organisation with the credit code %(code)s is registered.")
                             % {"code": credit_code or "-"}, code="unknown_host_org")
    if not in_call_area(call, host_org):
        raise ImportUnusableError(_("This call takes applications from %(area)s only.") % {"area": call.issuer.name if call.issuer else "—"},
                                  code="outside_call_area")
    mismatches = check_registration(call=call, host_org=host_org, answers=data)
    for code in ("banned", "host_org_not_approved"):  # a barrier or the approval: its own message, alone
        refused = [i for i in mismatches if i.code == code]
        if refused:
            raise ImportRefusedError(refused[0].message, CheckResult(errors=refused))
    if mismatches:
        raise ImportRefusedError(_("The file disagrees with the registration of %(org)s in %(count)s places.")
                                 % {"org": host_org.name, "count": len(mismatches)}, CheckResult(errors=mismatches))
    user = None
    if username:
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise ImportUnusableError(_("No user %(name)s.") % {"name": username}, code="unknown_user")
        if getattr(user, "host_org_id", None) != host_org.pk:
            raise ImportUnusableError(_("User %(name)s does not belong to %(org)s.") % {"name": username, "org": host_org},
                                 code="wrong_user")
    # 依托单位 and 所在地 stored exactly as registered (a lower-case credit code in the file is the same code).
    answers = clean_answers(form.code, fill_registration(data, host_org, form))
    application = Application.objects.create(
        call=call, host_org=host_org, form_code=form.code, answers=answers, platform_name=platform_name_of(answers),
        clusters=clusters_of(answers), warning_count=count_warnings(form.code, answers),
        created_by=user, updated_by=user,
    )
    update_eligibility(application)
    return application
