from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "zhongshi.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from zhongshi.applications import home  # noqa: F401  (registers its home-page contributor)
        from zhongshi.calls.actions import register_call_action
        from zhongshi.calls.signals import chain_changing, conditions_changed
        from zhongshi.core.navigation import NavItem, register_navigation

        register_navigation(NavItem(_("Applications"), "applications:application_list",
                                    "applications.list_application", position=20))
        register_call_action(_apply_action)
        from django.utils.translation import pgettext_lazy

        from zhongshi.notifications.kinds import register_kind

        register_kind("application_withdrawn", pgettext_lazy("notification kind", "Application withdrawn"))
        conditions_changed.connect(_rejudge, dispatch_uid="applications.rejudge")
        chain_changing.connect(_levels_in_use, dispatch_uid="applications.levels_in_use")


def _apply_action(user: object, call: object) -> object:
    """The call page's "apply" button, for whoever may start an application to an open call."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from zhongshi.calls.actions import CallAction
    from zhongshi.core.permissions import can

    if not (call.is_open and can(user, "applications.add_application")):  # type: ignore[attr-defined]
        return None
    return CallAction(label=_("Apply to this call"), url=reverse("applications:application_start",
                                                                 args=[call.code]),  # type: ignore[attr-defined]
                      testid="apply", primary=True)


def _rejudge(sender: object, *, call: object, actor: object = None, **kwargs: object) -> dict[str, int]:
    from zhongshi.applications.domain.reevaluate_call import reevaluate_call

    return reevaluate_call(call, actor=actor)  # type: ignore[arg-type]


def _levels_in_use(sender: object, *, call: object, levels: list[str], **kwargs: object) -> list[str]:
    """A level may leave a call's chain only when no submitted application waits at it."""
    from django.utils.translation import gettext as _

    from zhongshi.applications.models import Application

    waiting = (Application.objects.filter(call=call, status="submitted").exclude(current_level__in=[*levels, ""])
               .values_list("current_level", flat=True))
    counts: dict[str, int] = {}
    for level in waiting:
        counts[level] = counts.get(level, 0) + 1
    from zhongshi.calls.domain.chain import level_name

    return [_("%(count)s submitted applications wait at the %(level)s level; it cannot leave the chain.")
            % {"count": count, "level": level_name(level)} for level, count in sorted(counts.items())]
