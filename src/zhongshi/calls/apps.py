from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_after_migrate(sender: AppConfig, **kwargs: object) -> None:
    from zhongshi.calls.domain.load_calls import load_builtin_calls

    load_builtin_calls()


class CallsConfig(AppConfig):
    name = "zhongshi.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from zhongshi.core.navigation import NavItem, register_navigation

        post_migrate.connect(_load_after_migrate, sender=self)
        register_navigation(NavItem(_("Calls"), "calls:call_list", None, position=10))
