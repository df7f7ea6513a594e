from __future__ import annotations

from typing import Any

from zhongshi.applications.models import Application


def on_application_final(sender: Any, *, application: Application, user: Any = None, **kwargs: Any) -> None:
    from zhongshi.library.domain.enter_library import enter_library

    enter_library(application=application, user=user)


# ---- lifecycle: a change of a host organisation's registered name without a report (issue 10 §6) ----

def remember_host_name(sender: Any, *, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Before a HostOrg is saved, note the name it had (organisations cannot know of the library)."""
    if raw or instance.pk is None:
        instance._library_old_name = None
        return
    instance._library_old_name = type(instance)._default_manager.filter(pk=instance.pk).values_list(
        "name", flat=True).first()


def flag_host_rename(sender: Any, *, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    old = getattr(instance, "_library_old_name", None)
    if raw or created or not old or old == instance.name:
        return
    from zhongshi.library.domain.lifecycle import flag_unreported_rename

    flag_unreported_rename(credit_code=instance.credit_code, old_name=old, new_name=instance.name)
