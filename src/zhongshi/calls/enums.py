from django.db import models
from django.utils.translation import gettext_lazy as _


class CallLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    MINISTRY_RESERVE = "ministry_reserve", _("Ministry reserve")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
