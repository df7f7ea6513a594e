"""Production settings: PostgreSQL, Redis, secure cookies. Everything else as base."""

from __future__ import annotations

from zhongshi.config.django.base import *  # noqa: F403
from zhongshi.config.env import env

SECRET_KEY = env.str("SECRET_KEY")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
