"""Filter forms of the platform list and the public 名录."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshi.library.enums import PlatformStatus, PlatformTier

SORTS = [("name", _("Name")), ("-since", _("Newest in the library first")), ("since", _("Oldest in the library first")),
         ("tier", _("Tier"))]


class PlatformFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(
        attrs={"placeholder": _("Platform or host organisation"), "type": "search"}))
    tier = forms.ChoiceField(label=_("Tier"), required=False,
                             choices=[("", _("All tiers")), *PlatformTier.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *PlatformStatus.choices])
    division = forms.ChoiceField(label=_("Location"), required=False)
    cluster = forms.ChoiceField(label=_("Industry field"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args: Any, divisions: list[tuple[str, str]], clusters: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", _("All areas")), *divisions]
        self.fields["cluster"].choices = [("", _("All fields")), *[(c, c) for c in clusters]]


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(
        attrs={"placeholder": _("Platform or host organisation"), "type": "search"}))
    tier = forms.ChoiceField(label=_("Tier"), required=False,
                             choices=[("", _("All tiers")), *PlatformTier.choices])
    province = forms.ChoiceField(label=_("Province"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)

    def __init__(self, *args: Any, provinces: list[tuple[str, str]], cities: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces")), *provinces]
        self.fields["city"].choices = [("", _("All cities")), *cities]
