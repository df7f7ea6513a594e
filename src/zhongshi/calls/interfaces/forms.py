"""Forms of the call pages. The edit form's inputs are named as update_call reads them (its docstring):
``title``, ``notice``, ``status``, ``version``, ``label.<condition>``, ``threshold.<key>``,
``chain.<n>.level``/``.kind``/``.deadline``/``.days``/``.month``, ``evidence.<n>.key``/``.label``/``.required``/``.help``/``.remove``."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhongshi.calls.domain.chain import LEVELS, SHANGHAI, InvalidRule, level_name, parse_moment
from zhongshi.calls.domain.update_call import condition_thresholds, edit_version, fmt_number
from zhongshi.calls.enums import CallStatus
from zhongshi.calls.models import Call

MAX_EVIDENCE_ROWS = 200
_EVIDENCE_ROW = re.compile(r"^evidence\.(\d+)\.")
DEADLINE_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class CallCopyForm(forms.Form):
    code = forms.CharField(label=_("Code of the new call"), max_length=64,
                           help_text=_("Lowercase letters, digits and hyphens; it appears in the call's address, "
                                       "e.g. hubei-2027-provincial."))
    title = forms.CharField(label=_("Title of the new call"), max_length=200)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty to use the file name."))
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX or OFD."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.ofd"}))


class BeijingDateTimeField(forms.DateTimeField):
    """A datetime-local input, read as Beijing time whatever the active time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=DEADLINE_FORMATS, **kwargs)

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(SHANGHAI):
            return super().to_python(value)


def deadline_input(value: Any) -> str:
    """A stored date deadline as a datetime-local value in Beijing time (2026-01-28T23:59); "" for a rule."""
    if isinstance(value, dict):
        return ""
    try:
        moment = parse_moment(value)
    except InvalidRule:
        return ""
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _level_choices() -> list[tuple[str, Any]]:
    return [("", _("(not used)")), *[(level, level_name(level)) for level in LEVELS]]


def _kind_choices() -> list[tuple[str, Any]]:
    return [("none", _("No deadline")), ("date", _("A date and time")),
            ("window", _("The last N working days of the month"))]


def _rule_initial(value: Any) -> dict[str, str]:
    """The inputs of a stored rule: kind, deadline, days, month."""
    if isinstance(value, dict):
        return {"kind": "window", "deadline": "", "days": str(value.get("last_working_days", "")),
                "month": str(value.get("month") or "")}
    deadline = deadline_input(value)
    return {"kind": "date" if deadline else "none", "deadline": deadline, "days": "", "month": ""}


class CallEditForm(forms.Form):
    """Title, notice, status, the conditions' thresholds, the chain with its deadlines and the evidence list.

    The rows are built from the call (or, when bound, from the posted rows, so that nothing typed is lost);
    ``conditions``, ``chain_rows`` and ``evidence_rows`` hold the bound fields for the template.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=CallStatus.choices, widget=forms.RadioSelect)
    notice = forms.CharField(label=_("Notice text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, call: Call, data: Any = None, *, add_evidence_rows: int = 0) -> None:
        initial: dict[str, Any] = {"version": edit_version(call), "title": call.title, "status": call.status,
                                   "notice": call.notice}
        super().__init__(data, initial=initial)
        self.call = call
        self.conditions: list[dict[str, Any]] = []
        for condition in condition_thresholds(call.conditions):
            label_name = f"label.{condition['id']}"
            self.fields[label_name] = forms.CharField(
                label=_("Wording of the condition"), max_length=500, initial=condition["label"],
                widget=forms.TextInput(attrs={"class": "wide"}))
            tests = []
            for test in condition["tests"]:
                field_name = f"threshold.{test.key}"
                if test.numeric:
                    self.fields[field_name] = forms.DecimalField(
                        label=test.name, min_value=0, max_value=10**12, max_digits=18, decimal_places=4,
                        initial=fmt_number(test.value),
                        widget=forms.NumberInput(attrs={"step": "any", "class": "threshold"}))
                tests.append({"test": test, "field": self[field_name] if test.numeric else None})
            self.conditions.append({**condition, "label_field": self[label_name], "tests": tests})

        self.chain_rows: list[dict[str, Any]] = []
        steps = list(call.chain or [])
        for index in range(len(LEVELS)):
            step = steps[index] if index < len(steps) else {}
            number = index + 1
            rule = _rule_initial(step.get("deadline"))
            prefix = f"chain.{index}"
            self.fields[f"{prefix}.level"] = forms.ChoiceField(
                label=_("Level %(number)s") % {"number": number}, choices=_level_choices(), required=False,
                initial=step.get("level", ""))
            self.fields[f"{prefix}.kind"] = forms.ChoiceField(
                label=_("Kind of deadline of level %(number)s") % {"number": number}, choices=_kind_choices(),
                required=False, initial=rule["kind"])
            self.fields[f"{prefix}.deadline"] = BeijingDateTimeField(
                label=_("Deadline of level %(number)s") % {"number": number}, required=False,
                initial=rule["deadline"])
            self.fields[f"{prefix}.days"] = forms.CharField(
                label=_("Working days of level %(number)s") % {"number": number}, required=False, max_length=3,
                initial=rule["days"], widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}))
            self.fields[f"{prefix}.month"] = forms.CharField(
                label=_("Month of level %(number)s") % {"number": number}, required=False, max_length=7,
                initial=rule["month"], widget=forms.TextInput(attrs={"placeholder": "2026-12", "size": 8}))
            self.chain_rows.append({"number": number, **{name: self[f"{prefix}.{name}"] for name in
                                                         ("level", "kind", "deadline", "days", "month")}})

        requirements = [item for item in call.evidence or [] if isinstance(item, dict)]
        if self.is_bound:
            indices = [int(m.group(1)) for key in self.data if (m := _EVIDENCE_ROW.match(key))]
            count = max(indices) + 1 if indices else 0
        else:
            count = len(requirements) + 1  # one blank row to add an item
        count = min(count + add_evidence_rows, MAX_EVIDENCE_ROWS)
        self.evidence_rows: list[dict[str, Any]] = []
        for index in range(count):
            item = requirements[index] if not self.is_bound and index < len(requirements) else {}
            number = index + 1
            prefix = f"evidence.{index}"
            self.fields[f"{prefix}.key"] = forms.CharField(required=False, widget=forms.HiddenInput,
                                                           initial=item.get("key", ""))
            self.fields[f"{prefix}.label"] = forms.CharField(
                label=_("Name of evidence item %(number)s") % {"number": number}, max_length=200, required=False,
                initial=item.get("label", ""))
            self.fields[f"{prefix}.required"] = forms.BooleanField(
                label=_("Item %(number)s is required") % {"number": number}, required=False,
                initial=bool(item.get("required")))
            self.fields[f"{prefix}.help"] = forms.CharField(
                label=_("Help text of evidence item %(number)s") % {"number": number}, max_length=1000,
                required=False, initial=item.get("help", ""), widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{prefix}.remove"] = forms.BooleanField(
                label=_("Remove item %(number)s") % {"number": number}, required=False)
            key = self[f"{prefix}.key"].value() or ""
            conditional = next((r for r in requirements if r.get("key") == key and r.get("required_if")), None)
            self.evidence_rows.append({
                "number": number, "key": self[f"{prefix}.key"], "label": self[f"{prefix}.label"],
                "required": self[f"{prefix}.required"], "help": self[f"{prefix}.help"],
                "remove": self[f"{prefix}.remove"], "conditional": conditional is not None,
            })

        for name, field in self.fields.items():  # inputs in table cells have no visible label of their own
            if name.startswith(("chain.", "evidence.")) and field.label:
                field.widget.attrs.setdefault("aria-label", str(field.label))

    def to_data(self) -> dict[str, Any]:
        """The cleaned input in update_call's shape."""
        cleaned = self.cleaned_data
        return {
            "version": cleaned["version"],
            "title": cleaned["title"],
            "notice": cleaned["notice"],
            "status": cleaned["status"],
            "labels": {c["id"]: cleaned[f"label.{c['id']}"] for c in self.conditions},
            "thresholds": {t["test"].key: cleaned[f"threshold.{t['test'].key}"]
                           for c in self.conditions for t in c["tests"] if t["field"] is not None},
            "chain": [{name: cleaned[f"chain.{i}.{name}"] for name in ("level", "kind", "deadline", "days", "month")}
                      for i in range(len(self.chain_rows))],
            "evidence": [{"key": cleaned[f"evidence.{i}.key"], "label": cleaned[f"evidence.{i}.label"],
                          "required": cleaned[f"evidence.{i}.required"], "help": cleaned[f"evidence.{i}.help"],
                          "remove": cleaned[f"evidence.{i}.remove"]} for i in range(len(self.evidence_rows))],
        }

    def error_summary(self) -> list[dict[str, str]]:
        """Every error with the label of its input and the input's id, for the summary at the top."""
        summary = [{"label": "", "id": "", "message": str(m)} for m in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            field = self[name]
            summary += [{"label": str(field.label or ""), "id": field.id_for_label, "message": str(m)} for m in errors]
        return summary
