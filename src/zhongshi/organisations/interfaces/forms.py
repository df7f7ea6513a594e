from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshi.organisations.models import HostOrg
from zhongshi.reference.domain.queries.vocabularies import get_choices


class HostOrgContactsForm(forms.ModelForm):
    class Meta:
        model = HostOrg
        fields = ["address", "contact_name", "contact_phone", "contact_email", "legal_representative"]


class PartnerOrgForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=30, required=False)
    unit_type = forms.ChoiceField(label=_("Unit type"), required=False)
    role = forms.CharField(label=_("Role in the platform"), max_length=200, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit_type"].choices = [("", "---------"), *get_choices("unit_type", value="name")]


class HostOrgFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from zhongshi.organisations.enums import HostOrgStatus

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["status"].choices = [("", _("All")), *HostOrgStatus.choices]


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=1000)
