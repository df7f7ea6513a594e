from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "zhongshi.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from zhongshi.applications import home  # noqa: F401  (registers its home-page contributor)
        from zhongshi.calls.signals import conditions_changed

        conditions_changed.connect(_rejudge, dispatch_uid="applications.rejudge")


def _rejudge(sender: object, *, call: object, actor: object = None, **kwargs: object) -> dict[str, int]:
    from zhongshi.applications.domain.reevaluate_call import reevaluate_call

    return reevaluate_call(call, actor=actor)  # type: ignore[arg-type]
