from django.db import models
from django.utils.translation import gettext_lazy as _


class CallLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    PROVINCIAL = "provincial", _("Provincial")
    MINISTRY_RESERVE = "ministry_reserve", _("Ministry reserve")
    # Nomination rounds of the ministry among platforms of the library (seed 004 二（三）, seed 002 三（四）).
    MINISTRY_KEY = "ministry_key", _("Ministry key platform nomination")
    MINISTRY_NATIONAL = "ministry_national", _("National platform nomination")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReviewLevel(models.TextChoices):
    """The levels of a review chain (Call.chain), from the bottom up, named as the authorities' levels: an
    application goes up the chain in this order (calls/domain/chain.py)."""

    DISTRICT = "district", _("District level")
    CITY = "city", _("City level")
    PROVINCE = "province", _("Provincial level")
    MINISTRY = "ministry", _("Ministry level")
