from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LibraryConfig(AppConfig):
    """The platform library (seeds 002, 004): tiers, quarterly updates, periodic adjustment, removal and the
    3-year ban. It follows ``reviews`` in the data flow: a final approval becomes a platform."""

    name = "zhongshi.library"
    label = "library"
    verbose_name = _("Platform library")

    def ready(self) -> None:
        from zhongshi.applications.domain.barriers import Barrier, register_barrier
        from zhongshi.applications.domain.transitions import application_moved
        from zhongshi.library import rules  # noqa: F401  (registers the permissions and scopes)
        from zhongshi.library.domain.adjustment import nomination_reason, on_application_moved
        from zhongshi.library.domain.ban_barrier import ban_reason
        from zhongshi.library.signals import on_application_final
        from zhongshi.reviews.domain.notices import application_final

        # The ban after a removal; a nomination call (key / national) needs a platform of the tier below.
        register_barrier(Barrier(code="banned", reason=ban_reason))
        for level, code in (("ministry_key", "reserve_platform_required"), ("ministry_national", "platform_required")):
            register_barrier(Barrier(code=code, reason=nomination_reason(level), levels=frozenset({level})))
        application_final.connect(on_application_final, dispatch_uid="library.enter_library")
        application_moved.connect(on_application_moved, dispatch_uid="library.affiliated_reserve")
        self.register_notification_kinds()
        self.register_navigation()
        self.connect_lifecycle()

    def register_notification_kinds(self) -> None:
        from zhongshi.notifications.kinds import register_kind

        for code, label in (
            ("platform_tier_changed", pgettext_lazy("notification kind", "Platform tier changed")),
            ("platform_removed", pgettext_lazy("notification kind", "Platform removed")),
            ("change_reported", pgettext_lazy("notification kind", "Major change reported")),
            ("change_acknowledged", pgettext_lazy("notification kind", "Major change acknowledged")),
            ("change_unreported", pgettext_lazy("notification kind", "Unreported change of name")),
            ("support_recorded", pgettext_lazy("notification kind", "Policy support recorded")),
            ("quarterly_update_submitted", pgettext_lazy("notification kind", "Quarterly update submitted")),
            ("quarterly_update_returned", pgettext_lazy("notification kind", "Quarterly update returned for revision")),
            ("quarterly_update_accepted", pgettext_lazy("notification kind", "Quarterly update accepted")),
            ("quarterly_update_reminder", pgettext_lazy("notification kind", "Quarterly update reminder")),
            ("adjustment_round", pgettext_lazy("notification kind", "Adjustment round")),
            ("adjustment_decided", pgettext_lazy("notification kind", "Exit proposal decided")),
            ("affiliated_reserve_submitted",
             pgettext_lazy("notification kind", "Reserve application of a ministry-affiliated unit")),
        ):
            register_kind(code, label)

    def register_navigation(self) -> None:
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(
            NavItem(_("Platform library"), "library:platform_list", "library.browse_library", position=45),
            NavItem(_("My platforms"), "library:my_platforms", "library.browse_own", position=45),
            NavItem(_("Platform list"), "library:public_list", None, position=46),
            NavItem(_("Quarterly updates"), "library:update_dashboard", "library.view_update_dashboard", position=55),
            NavItem(_("Import platform list"), "library:io_import", "library.import_platforms", position=55),
            NavItem(_("Adjustment"), "library:adjustment_rounds", "library.list_adjustment_rounds", position=56),
        )

    def connect_lifecycle(self) -> None:
        """A change of a host organisation's registered name without a report is flagged to the province."""
        from django.db.models.signals import post_save, pre_save

        from zhongshi.library import home  # noqa: F401  (registers its home-page contributor)
        from zhongshi.library.signals import flag_host_rename, remember_host_name
        from zhongshi.organisations.models import HostOrg

        pre_save.connect(remember_host_name, sender=HostOrg, dispatch_uid="library.remember_host_name")
        post_save.connect(flag_host_rename, sender=HostOrg, dispatch_uid="library.flag_host_rename")
