"""Data flows one way: an app names only apps before it in the order of DESIGN.md.

Every module under ``src/zhongshi/<app>/`` is parsed (ast, nothing imported) and each of these counts as
naming another app: an import (absolute or relative), a dotted path in a string (``"zhongshi.reviews.x"``,
for import_string and settings-like lookups), a URL name (``"reviews:queue"``), a permission or model label
(``"applications.list_application"``, ``"applications.Application"``) and a bare app label given to
``apps.get_model`` / ``get_app_config`` / ``is_installed``. An earlier app learns of a later one only
through a registry or a signal it defines (home contributors, navigation entries, detail panels,
``conditions_changed``, ``application_moved``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "zhongshi"
ORDER = ["core", "audit", "reference", "organisations", "accounts", "formversions", "calls", "notifications",
         "applications", "reviews", "library", "experts", "directory", "statistics", "api", "demo"]
OUTSIDE = {"config", "templates", "locale", "static"}  # and the modules cli, urls, celery, wsgi, __main__
LOOKUPS = {"get_model", "get_app_config", "is_installed", "get_containing_app_config"}
_APPS = "|".join(ORDER)
NAMED = re.compile(rf"^(?:zhongshi\.({_APPS})(?:\..*)?|({_APPS})[.:][A-Za-z_][\w.]*)$")

# Violations owned by other helpers of issue 8, to be removed by the lead after merging their branches.
# Each is (module, app it names). A strict xfail below turns into a failure once the violation is gone.
def apps_in_tree() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def named_apps(path: Path) -> list[tuple[int, str, str]]:
    package = _module_name(path)[:-1] if path.name != "__init__.py" else _module_name(path)
    return names_in(path.read_text(encoding="utf-8"), package)


def names_in(source: str, package: list[str]) -> list[tuple[int, str, str]]:
    """(line, app, how) for every app a module of ``package`` (["zhongshi", "core", …]) names."""
    tree = ast.parse(source)
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the module's package
                base = package[: len(package) - node.level + 1]
                modules = [".".join([*base, node.module] if node.module else base)]
                if not node.module:
                    modules = [f"{modules[0]}.{alias.name}" for alias in node.names]
            else:
                modules = [node.module or ""]
        for module in modules:
            parts = module.split(".")
            if len(parts) > 1 and parts[0] == "zhongshi" and parts[1] in ORDER:
                found.append((node.lineno, parts[1], f"import {module}"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (match := NAMED.match(node.value)):
            found.append((node.lineno, match.group(1) or match.group(2), repr(node.value)))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if (name in LOOKUPS and node.args and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value in ORDER):
                found.append((node.lineno, node.args[0].value, f"{name}({node.args[0].value!r})"))
    return found


def violations(app: str) -> dict[tuple[str, str], list[str]]:
    """(module, later app) -> where, for the modules of ``app`` that name a later app."""
    out: dict[tuple[str, str], list[str]] = {}
    for path in sorted((SRC / app).rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        for line, other, how in named_apps(path):
            if ORDER.index(other) > ORDER.index(app):
                out.setdefault((relative, other), []).append(f"line {line}: {how}")
    return out


def test_every_app_has_its_place_in_the_order() -> None:
    assert [app for app in apps_in_tree() if app not in ORDER and app not in OUTSIDE] == []


@pytest.mark.parametrize("app", [app for app in ORDER if (SRC / app).is_dir()])
def test_an_app_names_only_earlier_apps(app) -> None:
    assert violations(app) == {}


def test_the_scanner_sees_every_way_of_naming_an_app() -> None:
    source = """
import zhongshi.reviews.models
from zhongshi.applications.models import Application
from ...calls import models
from .. import navigation
x = "zhongshi.notifications.tasks.send"
url = reverse("reviews:queue")
allowed = can(user, "applications.list_application")
model = apps.get_model("organisations", "HostOrg")
text = "experts/"  # a URL path, not an app
"""
    found = names_in(source, ["zhongshi", "core", "domain"])
    assert sorted((app, how) for _line, app, how in found) == [
        ("applications", "'applications.list_application'"),
        ("applications", "import zhongshi.applications.models"),
        ("calls", "import zhongshi.calls"),
        ("core", "import zhongshi.core.navigation"),
        ("notifications", "'zhongshi.notifications.tasks.send'"),
        ("organisations", "get_model('organisations')"),
        ("reviews", "'reviews:queue'"),
        ("reviews", "import zhongshi.reviews.models"),
    ]
