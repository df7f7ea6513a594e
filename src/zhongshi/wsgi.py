"""WSGI entry point (gunicorn zhongshi.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhongshi.config.django.base")
application = get_wsgi_application()
