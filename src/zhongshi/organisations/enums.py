from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")


class RegionKind(models.TextChoices):
    ADMIN = "admin", _("Administrative division")
    ZONE = "zone", _("Development or functional zone")


class AuthorityLevel(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Provincial authority")
    CITY = "city", _("City authority")
    DISTRICT = "district", _("District authority")


class HostOrgStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


REGION_TO_AUTHORITY_LEVEL = {
    RegionLevel.COUNTRY: AuthorityLevel.MINISTRY,
    RegionLevel.PROVINCE: AuthorityLevel.PROVINCE,
    RegionLevel.CITY: AuthorityLevel.CITY,
    RegionLevel.DISTRICT: AuthorityLevel.DISTRICT,
}
