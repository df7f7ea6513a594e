from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_after_migrate(sender: AppConfig, plan: object = None, **kwargs: object) -> None:
    from zhongshi.calls.domain.load_calls import load_builtin_calls

    if any(backwards for _migration, backwards in plan or []):  # type: ignore[attr-defined]
        return  # migrating back: the schema may lack what this code's calls hold

    load_builtin_calls()


class CallsConfig(AppConfig):
    name = "zhongshi.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from zhongshi.calls.domain.chain import forget_calendar
        from zhongshi.core.navigation import NavItem, register_navigation
        from zhongshi.reference.models import CalendarDay, CalendarYear

        post_migrate.connect(_load_after_migrate, sender=self)
        register_navigation(NavItem(_("Calls"), "calls:call_list", None, position=10))
        # Deadlines resolved from the working-days calendar follow an administrator's change of it.
        for model in (CalendarDay, CalendarYear):
            post_save.connect(forget_calendar, sender=model, dispatch_uid=f"calls.forget_calendar.save.{model.__name__}")
            post_delete.connect(forget_calendar, sender=model,
                                dispatch_uid=f"calls.forget_calendar.delete.{model.__name__}")
