from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    AUTHORITY = "authority", _("Authority reviewer")
    EXPERT = "expert", _("Expert")
    ENTERPRISE = "enterprise", _("Demand-side enterprise")
    ADMIN = "admin", _("System administrator")
