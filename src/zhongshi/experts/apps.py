from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    """Evaluation by experts (issue 11): indicator systems, evaluation rounds at a call's decision step and of
    library platforms, conflict-free assignment, score sheets and their aggregation. It follows ``library`` in
    the data flow."""

    name = "zhongshi.experts"
    label = "experts"
    verbose_name = _("Expert evaluation")

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.experts import home, rules  # noqa: F401  (register the home contributor, permissions, scopes)
        from zhongshi.notifications.kinds import register_kind

        register_navigation(NavItem(_("My evaluation tasks"), "experts:tasks", "experts.list_tasks", position=35))

        register_kind("expert_assigned", pgettext_lazy("notification kind", "Evaluation task assigned"))
        register_kind("expert_declined", pgettext_lazy("notification kind", "An expert declined a task"))
        register_kind("sheet_reopened", pgettext_lazy("notification kind", "Score sheet reopened"))
