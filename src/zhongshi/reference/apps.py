from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_after_migrate(sender: AppConfig, **kwargs: object) -> None:
    from zhongshi.reference.domain.load_reference import load_reference

    load_reference()


class ReferenceConfig(AppConfig):
    name = "zhongshi.reference"
    label = "reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from zhongshi.core.navigation import NavItem, register_navigation

        post_migrate.connect(_load_after_migrate, sender=self)
        register_navigation(NavItem(_("Reference data"), "reference:vocabulary_list", None, position=110))
