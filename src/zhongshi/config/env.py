"""Environment access for settings: every setting that varies by deployment is read here."""

from __future__ import annotations

from pathlib import Path

import environ

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# In a source checkout (editable install) this is the repository root.
REPO_DIR = PACKAGE_DIR.parent.parent

env = environ.Env()
