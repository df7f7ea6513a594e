"""Demo data of the platform library: the example platform list (examples/platforms.json, contracts §4),
imported as a province would, so that every library page has something to show right after `run.sh`."""

from __future__ import annotations

import json

from zhongshi.accounts.models import User
from zhongshi.config.env import REPO_DIR

PLATFORM_FILE = REPO_DIR / "examples" / "platforms.json"


def load_demo_platforms() -> int:
    """Import the example list (idempotent: a second run creates nothing). Returns how many were created."""
    from zhongshi.library.domain.import_platforms import import_platforms

    if not PLATFORM_FILE.exists():
        return 0
    data = json.loads(PLATFORM_FILE.read_text(encoding="utf-8"))
    result = import_platforms(data=data, user=User.objects.filter(username="miit").first(),
                              source_name=PLATFORM_FILE.name)
    if result.errors:
        raise RuntimeError(f"examples/platforms.json does not import: {result.errors[:3]}")
    return result.created
