"""Forms of the review pages: the queue's filters and the actions' inputs."""

from __future__ import annotations

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


class ReviewForm(forms.Form):
    action = forms.ChoiceField(label=_("Opinion"), choices=[("recommend", _("Recommend")),
                                                            ("return", _("Return for revision")),
                                                            ("not_recommend", _("Do not recommend"))])
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=2000)
    revision = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    revision = forms.IntegerField(widget=forms.HiddenInput)


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
