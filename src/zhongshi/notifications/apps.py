from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: kinds (``kinds.py``), ``notify`` (``domain/notify.py``), each user's choices."""

    name = "zhongshi.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
