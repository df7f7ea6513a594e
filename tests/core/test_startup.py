"""What a plain command loads on its way: the C YAML loader, and no Celery (src/zhongshi/celery.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from zhongshi.core.yaml_files import SafeLoader, load_yaml

SRC = Path(__file__).resolve().parents[2] / "src"


def test_yaml_is_read_with_the_c_loader_when_pyyaml_has_it():
    assert yaml.__with_libyaml__  # the pinned PyYAML wheel ships libyaml
    assert SafeLoader is yaml.CSafeLoader
    assert load_yaml("a: [1, 2]\nb: 是\n") == {"a": [1, 2], "b": "是"}


def test_yaml_loader_builds_plain_data_only():
    try:
        load_yaml("!!python/object/apply:os.system ['true']")
    except yaml.constructor.ConstructorError as exc:
        assert "python/object/apply" in str(exc)
    else:
        raise AssertionError("a Python object tag was accepted")


def _python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "zhongshi.config.django.test"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                            check=True)
    return result.stdout.strip()


def test_a_plain_command_does_not_import_celery_and_a_task_still_queues():
    out = _python(
        "import sys, django; django.setup()\n"
        "import zhongshi.applications.management.commands.check_application\n"
        "import zhongshi.notifications.domain.notify, zhongshi.reviews.domain.notices\n"
        "print('celery' in sys.modules)\n"
        "from zhongshi.notifications.tasks import send_notification_email\n"
        "from zhongshi.celery import app\n"
        "print('celery' in sys.modules, 'zhongshi.notifications.tasks.send_notification_email' in app.tasks)\n"
    )
    assert out.splitlines() == ["False", "True True"]
