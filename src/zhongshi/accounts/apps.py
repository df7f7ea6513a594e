from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zhongshi.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from zhongshi.accounts.home import contribute_home
        from zhongshi.core.domain.queries.home import register_home_contributor

        register_home_contributor(contribute_home)
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(NavItem(_("Users"), "accounts:user_list", "accounts.list_user", position=90))
