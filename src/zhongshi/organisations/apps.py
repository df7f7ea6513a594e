from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_after_migrate(sender: AppConfig, **kwargs: object) -> None:
    from zhongshi.organisations.domain.load_regions import load_region_file

    load_region_file()


class OrganisationsConfig(AppConfig):
    name = "zhongshi.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from zhongshi.core.domain.queries.home import register_home_contributor
        from zhongshi.organisations.home import contribute_home

        post_migrate.connect(_load_after_migrate, sender=self)
        register_home_contributor(contribute_home)
        from zhongshi.core.domain.help_pages import register_handling_authority
        from zhongshi.organisations.domain.queries.handling_authority import get_handling_authority

        register_handling_authority(get_handling_authority)
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(
            NavItem(_("Host organisations"), "organisations:hostorg_list", "organisations.list_hostorg", position=50),
            NavItem(_("Partner organisations"), "organisations:partner_list", "organisations.add_partnerorg",
                    position=60),
            NavItem(_("Authorities"), "organisations:authority_list", "organisations.list_authority", position=70),
            NavItem(_("Experts"), "organisations:expert_list", "organisations.list_expert", position=80),
        )
