from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    """Where a 申报书 stands. The review chain (issue 4) adds its stages; only these two exist before it."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT})
