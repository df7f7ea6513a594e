"""Forms of the review pages: the queue's filters and the actions' inputs."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.formversions.domain.formdef import list_forms, load_form

STAGES = [
    ("mine", _("Waiting for me")),
    ("all", _("All in my area")),
    *ApplicationStatus.choices,
]
SORTS = [
    ("-submitted_at", _("Latest submitted first")),
    ("submitted_at", _("Earliest submitted first")),
    ("recommendation_order", _("Recommendation order")),
    ("platform_name", _("Platform name")),
    ("-warning_count", _("Most warnings first")),
]
ELIGIBILITY = [("", _("Any eligibility")), ("eligible", _("Eligible")), ("ineligible", _("Not eligible")),
               ("unknown", _("Cannot be judged"))]
WARNINGS = [("", _("Any warnings")), ("with", _("With consistency warnings")), ("without", _("Without warnings"))]


def cluster_choices() -> list[str]:
    """The industry fields of every application form (its ``industry_clusters`` role), in the forms' order."""
    seen: dict[str, None] = {}
    for code in list_forms(kind="application"):
        item = load_form(code).role_field("industry_clusters")
        seen.update(dict.fromkeys(item.choices if item is not None else ()))
    return list(seen)


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(
        attrs={"placeholder": _("Platform, organisation or credit code"), "type": "search"}))
    stage = forms.ChoiceField(label=_("Stage"), choices=STAGES, required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    cluster = forms.ChoiceField(label=_("Industry field"), required=False)
    eligibility = forms.ChoiceField(label=_("Eligibility"), choices=ELIGIBILITY, required=False)
    warnings = forms.ChoiceField(label=_("Warnings"), choices=WARNINGS, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args: Any, districts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts")), *districts]
        clusters = cluster_choices()
        self.fields["cluster"].choices = [("", _("All fields")), *[(c, c) for c in clusters]]


REVISION_MESSAGES = {"required": _("Reload the page: the form does not say which version of the application you "
                                   "reviewed."),
                     "invalid": _("Reload the page: the form does not say which version of the application you "
                                  "reviewed.")}


class ReviewForm(forms.Form):
    """The opinion of a level that recommends (not the deciding one): recommend (the first level only),
    return for revision with reasons per section, or not recommend. ``sections`` are (key, label) of the
    form's sections; ``checks`` the preliminary checks and the call's own checklist, as (value, label)."""

    action = forms.ChoiceField(label=_("Opinion"), widget=forms.RadioSelect,
                               error_messages={"required": _("Choose an opinion."),
                                               "invalid_choice": _("Choose an opinion.")})
    opinion = forms.CharField(label=_("Opinion (推荐意见 or reason)"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False, max_length=2000)
    checklist = forms.MultipleChoiceField(label=_("Preliminary review checklist"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1,
                                  error_messages=REVISION_MESSAGES)

    ACTIONS = (("recommend", _("Recommend")), ("return", _("Return for revision")),
               ("not_recommend", _("Do not recommend")))

    def __init__(self, *args: Any, first_level: bool, sections: list[tuple[str, str]],
                 checks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [c for c in self.ACTIONS if first_level or c[0] != "recommend"]
        self.fields["checklist"].choices = checks
        self.section_keys = [key for key, _label in sections]
        for key, label in sections:
            self.fields[f"reason_{key}"] = forms.CharField(label=label, required=False, max_length=1000)

    def reason_fields(self) -> list[Any]:
        return [self[f"reason_{key}"] for key in self.section_keys]

    def return_reasons(self) -> dict[str, str]:
        return {key: value.strip() for key in self.section_keys
                if (value := self.cleaned_data.get(f"reason_{key}") or "").strip()}


class DecisionForm(forms.Form):
    """The deciding level approves or rejects, with reasons."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))],
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose approve or reject."),
                                                 "invalid_choice": _("Choose approve or reject.")})
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                              error_messages={"required": _("Please give the reasons for the decision.")})
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1,
                                  error_messages=REVISION_MESSAGES)


class ApplicationIdsField(forms.Field):
    """The ticked rows of a list: the ids that look like ids (others are ignored, never an error page)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        return list(dict.fromkeys(int(v) for v in values if isinstance(v, str) and re.fullmatch(r"[0-9]{1,12}", v)))


class ForwardForm(forms.Form):
    """An intermediate level forwards the ticked applications in the order given, with its letter. The order
    of each comes from its ``order_<id>`` input (1 = first; a missing or malformed one goes last)."""

    application = ApplicationIdsField(error_messages={"required": _("Choose the applications to forward.")})
    letter = forms.FileField(required=True, error_messages={
        "required": _("Upload the stamped recommendation letter (推荐文件)."),
        "invalid": _("Upload the stamped recommendation letter (推荐文件)."),
        "empty": _("The file is empty.")})
    opinion = forms.CharField(label=_("Opinion"), required=False, max_length=2000)
    query = forms.CharField(required=False, max_length=2000)

    def ordered_ids(self) -> list[int]:
        """The chosen ids in the order the user gave them."""
        ids = self.cleaned_data.get("application") or []
        orders = {}
        for pk in ids:
            order = self.data.get(f"order_{pk}") or ""
            orders[pk] = int(order) if re.fullmatch(r"[0-9]{1,6}", order) else 999_999
        return sorted(ids, key=lambda pk: (orders[pk], pk))


class ExtensionForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"))
    authority = forms.ChoiceField(label=_("Authority"), required=False)
    deadline = forms.DateTimeField(label=_("New deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                   input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Notice text"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class ObjectionForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Your name or organisation"), max_length=100)
    contact = forms.CharField(label=_("Contact telephone or e-mail"), max_length=100)
    text = forms.CharField(label=_("Objection and facts"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class HandleObjectionForm(forms.Form):
    upheld = forms.ChoiceField(label=_("Result"), choices=[("no", _("Dismiss")), ("yes", _("Uphold: withdraw the "
                                                                                         "approval"))])
    response = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
