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

        register_navigation(NavItem(_("Import platform list"), "library:io_import", "library.import_platforms", position=55))
        application_final.connect(on_application_final, dispatch_uid="library.enter_library")
        # adjustment (issue 10 §2, §4): nomination barriers, the affiliated units' notice, kinds, navigation
        from django.utils.translation import pgettext_lazy

        from zhongshi.applications.domain.transitions import application_moved
        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.library.domain.adjustment import nomination_reason, on_application_moved
        from zhongshi.notifications.kinds import register_kind

        for level, code in (("ministry_key", "reserve_platform_required"), ("ministry_national", "platform_required")):
            register_barrier(Barrier(code=code, reason=nomination_reason(level), levels=frozenset({level})))
        application_moved.connect(on_application_moved, dispatch_uid="library.affiliated_reserve")
        register_kind("adjustment_round", pgettext_lazy("notification kind", "Adjustment round"))
        register_kind("adjustment_decided", pgettext_lazy("notification kind", "Exit proposal decided"))
        register_kind("affiliated_reserve_submitted",
                      pgettext_lazy("notification kind", "Reserve application of a ministry-affiliated unit"))
        register_navigation(NavItem(_("Adjustment"), "library:adjustment_rounds", "library.list_adjustment_rounds",
                                    position=56))
        self.ready_lifecycle()

    def ready_lifecycle(self) -> None:
        """Platforms pages, tier changes, removals, change reports, policy support (issue 10 §2, §5–§9)."""
        from django.db.models.signals import post_save, pre_save
        from django.utils.translation import pgettext_lazy

        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.library import home  # noqa: F401  (registers its home-page contributor)
        from zhongshi.library.signals import flag_host_rename, remember_host_name
        from zhongshi.notifications.kinds import register_kind
        from zhongshi.organisations.models import HostOrg

        register_navigation(NavItem(_("Platform library"), "library:platform_list", "library.browse_library",
                                    position=45),
                            NavItem(_("My platforms"), "library:my_platforms", "library.browse_own", position=45),
                            NavItem(_("Platform list"), "library:public_list", None, position=46))
        register_kind("platform_tier_changed", pgettext_lazy("notification kind", "Platform tier changed"))
        register_kind("platform_removed", pgettext_lazy("notification kind", "Platform removed"))
        register_kind("change_reported", pgettext_lazy("notification kind", "Major change reported"))
        register_kind("change_acknowledged", pgettext_lazy("notification kind", "Major change acknowledged"))
        register_kind("change_unreported", pgettext_lazy("notification kind", "Unreported change of name"))
        register_kind("support_recorded", pgettext_lazy("notification kind", "Policy support recorded"))
        pre_save.connect(remember_host_name, sender=HostOrg, dispatch_uid="library.remember_host_name")
        post_save.connect(flag_host_rename, sender=HostOrg, dispatch_uid="library.flag_host_rename")
