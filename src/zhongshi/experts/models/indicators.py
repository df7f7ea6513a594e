"""Indicator systems (评价指标体系) as data: a versioned row whose ``definition`` is the parsed YAML."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhongshi.experts.enums import SystemUse


class IndicatorSystem(models.Model):
    """One version of an indicator system. The shipped examples (``experts/data/*.yaml``) have no owner; an
    authority's edited copy belongs to it. A system used by a round is never edited: a change is a new copy."""

    code = models.CharField(_("code"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    notice = models.CharField(_("notice"), max_length=50, blank=True)  # 示例，非官方 on the examples
    use = models.CharField(_("use"), max_length=12, choices=SystemUse.choices)
    definition = models.JSONField(_("definition"), default=dict)
    owner = models.ForeignKey("organisations.Authority", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="indicator_systems", verbose_name=_("issuing authority"))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator system")
        verbose_name_plural = _("indicator systems")
        ordering = ["code", "version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="indicator_system_version")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    def audit_scope_path(self) -> str:
        return self.owner.path if self.owner_id and self.owner else ""
