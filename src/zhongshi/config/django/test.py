"""Test settings: as base, with fast password hashing and in-memory e-mail."""

from __future__ import annotations

import tempfile
from pathlib import Path

from zhongshi.config.django.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="zhongshi-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="zhongshi-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True
