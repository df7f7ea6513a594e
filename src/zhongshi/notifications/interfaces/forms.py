"""The settings form: one in-app and one e-mail checkbox per kind."""

from __future__ import annotations

from typing import Any

from django import forms

from zhongshi.notifications.domain.queries.notifications import KindChoice


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, choices: list[KindChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        for choice in choices:
            code = choice.kind.code
            self.fields[f"{code}__in_app"] = forms.BooleanField(required=False, initial=choice.in_app,
                                                                label=choice.kind.label)
            self.fields[f"{code}__email"] = forms.BooleanField(required=False, initial=choice.email,
                                                               label=choice.kind.label)

    def rows(self) -> list[dict[str, Any]]:
        """One row per kind for the template: the kind's label and its two bound checkboxes."""
        return [{"kind": choice.kind, "in_app": self[f"{choice.kind.code}__in_app"],
                 "email": self[f"{choice.kind.code}__email"]} for choice in self.choices]

    def cleaned_choices(self) -> dict[str, tuple[bool, bool]]:
        return {choice.kind.code: (bool(self.cleaned_data[f"{choice.kind.code}__in_app"]),
                                   bool(self.cleaned_data[f"{choice.kind.code}__email"]))
                for choice in self.choices}
