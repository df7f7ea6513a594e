from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewAction(models.TextChoices):
    """What an authority did with an application at its level."""

    RECOMMEND = "recommend", _("Recommended")
    RETURN = "return", _("Returned for revision")
    NOT_RECOMMEND = "not_recommend", _("Not recommended")
    FORWARD = "forward", _("Forwarded")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    OBJECTION_UPHELD = "objection_upheld", _("Approval withdrawn after an objection")
    FINAL = "final", _("Final after the public notice")


class NoticeStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")
