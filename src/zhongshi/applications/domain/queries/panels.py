"""Panels that later apps add to an application's page (the review chain's status and history), so that
``applications`` knows nothing of them (data flows one way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zhongshi.applications.models import Application


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelProvider = Callable[[Application, Any], Panel | None]
_PROVIDERS: list[PanelProvider] = []


def register_detail_panel(provider: PanelProvider) -> PanelProvider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def detail_panels(application: Application, user: Any) -> list[Panel]:
    return [panel for provider in _PROVIDERS if (panel := provider(application, user)) is not None]
