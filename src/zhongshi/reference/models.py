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


class CalendarYear(models.Model):
    """A year whose holidays and make-up working days an administrator has entered completely.

    chinesecalendar knows the years up to the last published State Council schedule; a later year is
    usable only once it has a row here with ``complete`` set: its days then follow the CalendarDay rows,
    and Monday to Friday are working days otherwise.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    complete = models.BooleanField(
        _("complete"),
        default=False,
        help_text=_("Every holiday and make-up working day of the year has been entered."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)

    def audit_scope_path(self) -> str:
        return ""


class CalendarDay(models.Model):
    """One day of the official schedule: a holiday or a make-up working day (调休上班)."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=100, help_text=_("For example 春节 or 春节调休上班."))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"

    def audit_scope_path(self) -> str:
        return ""
