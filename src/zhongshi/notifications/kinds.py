"""The kinds of notification: a registry of code → label and default channels.

The built-in kinds cover the application's path through the review chain, deadlines and the public
notice. Another app registers its own with ``register_kind`` (in its ``AppConfig.ready``); a kind
that is not registered is refused by ``notify`` rather than sent unlabelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any  # a lazy translation
    in_app_default: bool = True
    email_default: bool = True


class UnknownKindError(LookupError):
    """A notification kind nobody registered."""


_KINDS: dict[str, Kind] = {}


def register_kind(code: str, label: Any, email_default: bool = True, *, in_app_default: bool = True) -> Kind:
    """Register (or re-register, e.g. to change the defaults) the kind ``code``."""
    if not code or len(code) > 64:
        raise ValueError(f"A notification kind's code must have 1 to 64 characters: {code!r}")
    kind = Kind(code=code, label=label, in_app_default=in_app_default, email_default=email_default)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> Kind:
    try:
        return _KINDS[code]
    except KeyError as exc:
        raise UnknownKindError(f"Unknown notification kind {code!r}") from exc


def all_kinds() -> list[Kind]:
    """Every registered kind, in the order of registration."""
    return list(_KINDS.values())


def kind_label(code: str) -> str:
    kind = _KINDS.get(code)
    return str(kind.label) if kind is not None else code


register_kind("application_submitted",
              pgettext_lazy("notification kind", "Application submitted, awaiting preliminary review"))
register_kind("application_returned", pgettext_lazy("notification kind", "Returned for revision"))
register_kind("application_recommended", pgettext_lazy("notification kind", "Recommended"))
register_kind("application_not_recommended", pgettext_lazy("notification kind", "Not recommended"))
register_kind("application_forwarded", pgettext_lazy("notification kind", "Forwarded to the level above"))
register_kind("application_decided", pgettext_lazy("notification kind", "Review result"))
register_kind("deadline_reminder", pgettext_lazy("notification kind", "Deadline reminder"))
register_kind("notice_published", pgettext_lazy("notification kind", "Public notice"))
register_kind("objection_filed", pgettext_lazy("notification kind", "Objection"))
register_kind("objection_handled", pgettext_lazy("notification kind", "Objection handled"))
