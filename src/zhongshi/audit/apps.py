from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zhongshi.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from zhongshi.audit import signals

        signals.connect_lockout_signal()
