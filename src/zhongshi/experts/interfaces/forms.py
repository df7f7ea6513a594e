"""Forms of expert evaluation: the indicator system edited as a JSON document (no code needed)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zhongshi.experts.domain.indicator_systems import InvalidSystemError, parse_definition


class IndicatorSystemForm(forms.Form):
    """The definition of an authority's copy as JSON; each problem is reported at its path, in Chinese, and
    the text typed is kept. ``cleaned_data["definition"]`` is the parsed document for
    ``update_indicator_system``."""

    definition = forms.CharField(label=_("Indicator system (JSON)"), widget=forms.Textarea(attrs={"rows": 30}))

    def clean_definition(self) -> Any:
        text = self.cleaned_data["definition"]
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("This is not valid JSON (line %(line)s): check the brackets, commas "
                                          "and quotation marks.") % {"line": getattr(exc, "lineno", "?")},
                                        code="json") from exc
        try:
            parse_definition(data)
        except InvalidSystemError as exc:
            raise forms.ValidationError([f"{path}: {message}" if path else message
                                         for path, message in exc.errors.items()], code="invalid") from exc
        return data
