"""Actions that later apps offer on a call's page (applications: "apply to this call").

The calls app comes before the apps that act on a call, so it names none of them: each registers a function
``(user, call) -> CallAction | None`` in its ``AppConfig.ready`` and the call page shows what they return,
in registration order. Each function asks ``can()`` itself, so no action is shown that would end in 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CallAction:
    label: str
    url: str
    testid: str
    primary: bool = False


CallActionFunction = Callable[[Any, Any], "CallAction | None"]
_ACTIONS: list[CallActionFunction] = []


def register_call_action(function: CallActionFunction) -> CallActionFunction:
    if function not in _ACTIONS:
        _ACTIONS.append(function)
    return function


def call_actions(user: Any, call: Any) -> list[CallAction]:
    """What the registered apps offer ``user`` on ``call``'s page."""
    return [action for function in _ACTIONS if (action := function(user, call)) is not None]
