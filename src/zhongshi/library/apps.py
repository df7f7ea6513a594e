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
        # quarterly updates (issue 10 §3)
        from django.utils.translation import pgettext_lazy

        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.notifications.kinds import register_kind

        register_kind("quarterly_update_submitted", pgettext_lazy("notification kind", "Quarterly update submitted"))
        register_kind("quarterly_update_returned",
                      pgettext_lazy("notification kind", "Quarterly update returned for revision"))
        register_kind("quarterly_update_accepted", pgettext_lazy("notification kind", "Quarterly update accepted"))
        register_kind("quarterly_update_reminder", pgettext_lazy("notification kind", "Quarterly update reminder"))
        register_navigation(NavItem(_("Quarterly updates"), "library:update_dashboard",
                                    "library.view_update_dashboard", position=55))
        application_final.connect(on_application_final, dispatch_uid="library.enter_library")
