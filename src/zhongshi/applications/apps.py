from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "zhongshi.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from zhongshi.applications import home  # noqa: F401  (registers its home-page contributor)
