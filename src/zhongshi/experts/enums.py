from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemUse(models.TextChoices):
    """What an indicator system evaluates."""

    APPLICATION = "application", _("Application review")
    PLATFORM = "platform", _("Platform evaluation")


class RoundKind(models.TextChoices):
    APPLICATION_REVIEW = "application_review", _("Expert review of applications")
    PERFORMANCE = "performance", _("Operational performance evaluation")
    SITE_CHECK = "site_check", _("On-site check")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REPLACED = "replaced", _("Replaced")


LIVE_ASSIGNMENT_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED)


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED = "reopened", _("Reopened")
