"""Reference vocabularies (clusters, service kinds, unit types …), loaded from data/vocabularies.yaml."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    partial = models.BooleanField(_("partial"), default=False, help_text=_("The seed names it only in part."))
    note = models.TextField(_("note"), blank=True)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("vocabulary")
        verbose_name_plural = _("vocabularies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ReferenceItem(models.Model):
    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=64, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reference item")
        verbose_name_plural = _("reference items")
        ordering = ["vocabulary", "position"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="reference_item_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name
