from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """The review chain: district preliminary review, forwarding up the chain, the decision and the public
    notice (公示)."""

    name = "zhongshi.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from zhongshi.applications.domain.queries.panels import register_detail_panel
        from zhongshi.applications.domain.transitions import application_moved
        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.reviews import home  # noqa: F401  (registers its home-page contributor)
        from zhongshi.reviews.domain.notify_steps import on_application_moved
        from zhongshi.reviews.domain.queries.panel import status_panel

        register_detail_panel(status_panel)
        register_navigation(NavItem(_("Review"), "reviews:queue", "reviews.list_queue", position=30),
                            NavItem(_("Public notices"), "reviews:notice_list", None, position=40))
        application_moved.connect(on_application_moved, dispatch_uid="reviews.notify_submitted")
