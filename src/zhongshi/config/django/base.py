"""Base settings. Every deployment-specific value comes from the environment (config/env.py)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from zhongshi.config.env import PACKAGE_DIR, REPO_DIR, env

DATA_DIR = Path(env.str("ZHONGSHI_DATA_DIR", default=str(REPO_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY", default="zhongshi-embedded-insecure-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    # zhongshi apps, in the order data flows (DESIGN.md): a later app may import an earlier one.
    "zhongshi.core",
    "zhongshi.audit",
    "zhongshi.reference",
    "zhongshi.organisations",
    "zhongshi.accounts",
    "zhongshi.notifications",
    "zhongshi.formversions",
    "zhongshi.calls",
    "zhongshi.applications",
    "zhongshi.reviews",
    "zhongshi.library",
    "zhongshi.experts",
    "zhongshi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhongshi.core.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zhongshi.audit.middleware.AuditContextMiddleware",
    "zhongshi.accounts.middleware.MustChangePasswordMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhongshi.urls"
WSGI_APPLICATION = "zhongshi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhongshi.core.context_processors.navigation",
                "zhongshi.notifications.context_processors.unread",
            ],
        },
    },
]

# Database: embedded SQLite unless DATABASE_URL is given (PostgreSQL in production).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'zhongshi.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions expire after a period without activity (sliding), and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Lockout after repeated failed logins (django-axes): per user name, for a cool-off period.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Lock the account, not the address: many civil servants of one office share a NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Cache: Redis when REDIS_URL is set (shared by every web process), local memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background jobs: Celery with a broker when CELERY_BROKER_URL is set; inline otherwise.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Daily jobs under `celery -A zhongshi beat` (without a broker: `zhongshi send-deadline-reminders` from cron).
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {"task": "zhongshi.reviews.tasks.send_deadline_reminders_task",
                           "schedule": 24 * 3600, "options": {"expires": 3600}},
    "close-ended-notices": {"task": "zhongshi.reviews.tasks.close_ended_notices_task", "schedule": 3600},
    "update-reminders": {"task": "zhongshi.library.tasks.send_update_reminders_task",
                         "schedule": 24 * 3600, "options": {"expires": 3600}},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="zhongshi.core.mail.StderrEmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="zhongshi@localhost")
# The address of the site as users reach it: the links in notification e-mails start with it.
ZHONGSHI_BASE_URL = env.str("ZHONGSHI_BASE_URL", default="http://127.0.0.1:8000")

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

ZHONGSHI_SYSTEM_NAME = "制造业中试平台管理服务系统"

# Evidence uploads (佐证材料): limits per file and per application, in bytes.
ZHONGSHI_EVIDENCE_MAX_FILE_BYTES = env.int("ZHONGSHI_EVIDENCE_MAX_FILE_BYTES", default=20 * 1024 * 1024)
ZHONGSHI_EVIDENCE_MAX_TOTAL_BYTES = env.int("ZHONGSHI_EVIDENCE_MAX_TOTAL_BYTES", default=200 * 1024 * 1024)
# Request bodies: an autosave posts the whole 申报书 as JSON; uploads stream to disk above 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
# A section of the form posts one input per cell: a 要素表 of a few hundred rows is thousands of inputs.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=20_000)
# LibreOffice for PDF exports ("soffice" on PATH when installed); empty = not available.
ZHONGSHI_SOFFICE = env.str("ZHONGSHI_SOFFICE", default="soffice")
