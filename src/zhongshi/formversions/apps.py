from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormVersionsConfig(AppConfig):
    """Form versions as data (DESIGN.md "Forms are data"): the definitions, their JSON Schema and the checks
    of answers against them. No models: a form version is a versioned file in ``definitions/``."""

    name = "zhongshi.formversions"
    label = "formversions"
    verbose_name = _("Form versions")
