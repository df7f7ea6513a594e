from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zhongshi.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from zhongshi.audit import signals

        signals.connect_lockout_signal()
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(NavItem(_("Audit log"), "audit:entry_list", "audit.list_auditentry", position=100))
