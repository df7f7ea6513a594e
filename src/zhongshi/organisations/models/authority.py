"""The administrative divisions (GB/T 2260) and the authority tree built on them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.organisations.enums import AuthorityLevel, RegionKind, RegionLevel

ROOT_CODE = "000000"


class Region(models.Model):
    """A division: the country, a province, a city, or a district / county / development zone.

    ``path`` is the chain of codes from the country down, e.g. ``000000/420000/420100/420102/``, so a
    subtree is one indexed ``startswith`` filter on both SQLite and PostgreSQL.
    """

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=RegionKind.choices, default=RegionKind.ADMIN)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    path = models.CharField(_("path"), max_length=120, db_index=True, editable=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.path

    @property
    def full_name(self) -> str:
        names = []
        region: Region | None = self
        while region is not None and region.level != RegionLevel.COUNTRY:
            names.append(region.name)
            region = region.parent
        return "".join(reversed(names))


class Authority(models.Model):
    """An administrative authority: the ministry, a 省经信厅, a 市经信局 or a 区经信部门."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="authority")
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=AuthorityLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    path = models.CharField(_("path"), max_length=120, db_index=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def audit_scope_path(self) -> str:
        return self.path
