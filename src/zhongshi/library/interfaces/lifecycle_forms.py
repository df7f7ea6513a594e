"""Forms of the lifecycle pages: tier change, removal, major change report, acknowledgement, policy support.
They only read the input; the domain functions decide (and name the field of a refusal)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import ChangeReportKind, ChangeReportStatus, PlatformTier, SupportKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE = forms.ClearableFileInput(attrs={"accept": ".pdf,.ofd,.jpg,.jpeg,.png"})


class TierChangeForm(forms.Form):
    new_tier = forms.ChoiceField(label=_("New tier"), choices=PlatformTier.choices)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)


class RemovalForm(forms.Form):
    cause_code = forms.ChoiceField(label=_("Cause of the removal"), required=False)
    details = forms.CharField(label=_("Facts and basis"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence = forms.FileField(label=_("Evidence (PDF, OFD, JPG or PNG)"), required=False, widget=EVIDENCE)
    decided_on = forms.DateField(label=_("Removed on"), widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("I have checked the ban that follows the removal"), required=True,
                                 error_messages={"required": _("Please confirm the ban that follows the removal.")})

    def __init__(self, *args: Any, causes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cause_code"].choices = [("", _("Choose a cause")), *causes]


class ChangeReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of change"), choices=[("", _("Choose")), *ChangeReportKind.choices],
                             required=False)
    new_name = forms.CharField(label=_("New name (for a rename)"), max_length=200, required=False)
    effective_on = forms.DateField(label=_("Effective date"), widget=DATE, required=False)
    description = forms.CharField(label=_("Description of the change"), widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False)
    evidence = forms.FileField(label=_("Evidence (PDF, OFD, JPG or PNG)"), required=False, widget=EVIDENCE)


class AcknowledgeForm(forms.Form):
    remark = forms.CharField(label=_("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ChangeFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *ChangeReportStatus.choices])


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=[("", _("Choose")), *SupportKind.choices],
                             required=False)
    granted_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    amount_wan = forms.DecimalField(label=_("Amount (10,000 yuan)"), max_digits=14, decimal_places=2,
                                    required=False)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
