from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The platform library (seeds 002, 004): tiers, quarterly updates, periodic adjustment, removal and the
    3-year ban. It follows ``reviews`` in the data flow: a final approval becomes a platform."""

    name = "zhongshi.library"
    label = "library"
    verbose_name = _("Platform library")

    def ready(self) -> None:
        from zhongshi.applications.domain.barriers import Barrier, register_barrier
        from zhongshi.library import rules  # noqa: F401  (registers the permissions and scopes)
        from zhongshi.library.domain.ban_barrier import ban_reason
        from zhongshi.library.signals import on_application_final
        from zhongshi.reviews.domain.notices import application_final

        register_barrier(Barrier(code="banned", reason=ban_reason))
        # io: the platform list import and export page
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(NavItem(_("Platform list"), "library:io_import", "library.import_platforms", position=55))
        application_final.connect(on_application_final, dispatch_uid="library.enter_library")
