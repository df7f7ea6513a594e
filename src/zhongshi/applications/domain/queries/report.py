"""Everything the applicant and every reviewer see about a 申报书's state: errors, consistency warnings,
sensitive data, computed values and missing evidence, per section."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from zhongshi.applications.domain.check_registration import check_registration
from zhongshi.applications.domain.evidence import missing_evidence
from zhongshi.applications.models import Application
from zhongshi.calls.domain.conditions import evaluate_call
from zhongshi.formversions.domain.check_answers import CheckResult, Issue, check_answers
from zhongshi.formversions.domain.formdef import FormDef, load_form
from zhongshi.formversions.domain.scan_answers import scan_answers, sensitive_key


@dataclass
class SectionState:
    key: str
    label: str
    errors: list[Issue]
    warnings: list[Issue]
    sensitive: list[Issue]

    @property
    def complete(self) -> bool:
        """The one definition of a complete section, used by the header, the step list, the autosave reply and
        the check page: no error left in it (missing required evidence counts as an error of 佐证材料清单)."""
        return not self.errors


@dataclass
class Report:
    form: FormDef
    result: CheckResult
    sensitive: list[Issue]
    unconfirmed_sensitive: list[Issue]
    missing_evidence: list[dict[str, Any]]
    sections: list[SectionState] = field(default_factory=list)
    conditions: list[Any] = field(default_factory=list)  # the call's eligibility self-check

    @property
    def eligibility(self) -> str:
        from zhongshi.calls.domain.conditions import eligibility_of

        return eligibility_of(self.conditions)

    @property
    def errors(self) -> list[Issue]:
        return self.result.errors

    @property
    def warnings(self) -> list[Issue]:
        return self.result.warnings

    @property
    def submittable(self) -> bool:
        return not self.result.errors and not self.missing_evidence and not self.unconfirmed_sensitive

    @property
    def blocking_count(self) -> int:
        """What stands between the draft and submitting: errors, missing required evidence, unconfirmed
        sensitive items (the count the check page shows)."""
        return len(self.result.errors) + len(self.missing_evidence) + len(self.unconfirmed_sensitive)

    @property
    def complete_sections(self) -> int:
        return sum(1 for s in self.sections if s.complete)

    @property
    def progress(self) -> str:
        return f"{self.complete_sections}/{len(self.sections)}"


def check_sections(form: FormDef, answers: dict[str, Any], result: CheckResult, sensitive: list[Issue],
                   missing: list[dict[str, Any]] | None = None) -> list[SectionState]:
    states = []
    for section in form.sections:
        errors, warnings = result.for_section(section.key)
        if section.key == "evidence" and missing:
            errors = errors + [Issue(f"evidence.{m['key']}", "evidence_missing", m["label"]) for m in missing]
        states.append(SectionState(section.key, section.label, errors, warnings,
                                   [i for i in sensitive if i.section == section.key]))
    return states


def build_report(application: Application, answers: dict[str, Any] | None = None, *,
                 result: CheckResult | None = None) -> Report:
    """``result``: the check of ``answers`` already made (by save_answers), not made twice."""
    form = load_form(application.form_code)
    answers = application.answers if answers is None else answers
    result = check_answers(form, answers) if result is None else replace(result, errors=list(result.errors))
    result.errors += check_registration(call=application.call, host_org=application.host_org, answers=answers)
    sensitive = scan_answers(form, answers)
    confirmed = set(application.confirmed_sensitive or [])
    missing = missing_evidence(application)
    return Report(
        form=form, result=result, sensitive=sensitive,
        unconfirmed_sensitive=[i for i in sensitive if sensitive_key(i) not in confirmed],
        missing_evidence=missing, sections=check_sections(form, answers, result, sensitive, missing),
        conditions=evaluate_call(application.call, answers),
    )
