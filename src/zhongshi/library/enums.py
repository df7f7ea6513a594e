from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlatformTier(models.TextChoices):
    """The tiers of contracts §4 and seeds 002/004, lowest first within each ladder."""

    PROVINCIAL = "provincial", _("Provincial platform")
    RESERVE = "reserve", _("Reserve platform")
    KEY = "key", _("Key platform")
    NATIONAL = "national", _("National platform")


class PlatformStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REMOVED = "removed", _("Removed")


class VersionSource(models.TextChoices):
    APPLICATION = "application", _("Approved application")
    IMPORT = "import", _("Platform list import")
    QUARTERLY = "quarterly", _("Quarterly update")
    REALTIME = "realtime", _("Real-time update")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


class ChangeReportKind(models.TextChoices):
    RENAME = "rename", _("Rename")
    RESTRUCTURE = "restructure", _("Restructuring")
    MERGER = "merger", _("Merger or reorganisation")
    OTHER = "other", _("Other major change")


class ChangeReportStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    # A change of the registered name seen without a report (issue 10 §6): flagged to the province.
    FLAGGED = "flagged", _("Not reported")


class SupportKind(models.TextChoices):
    FUNDS = "funds", _("Funds")
    LAND = "land", _("Land")
    ENERGY = "energy", _("Energy")
    GUIDANCE = "guidance", _("Guidance")
    OTHER = "other", _("Other support")


class ProposalAction(models.TextChoices):
    ADD = "add", _("New platform")
    EXIT = "exit", _("Exit")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


# Where a tier may go next (seed 004 §二（三）, seed 002 §三（四）): the province's own platforms stand beside the
# national ladder reserve → key → national; a platform may also be moved down by the ministry.
TIER_ORDER = [PlatformTier.PROVINCIAL, PlatformTier.RESERVE, PlatformTier.KEY, PlatformTier.NATIONAL]


# Periodic adjustment (issue 10 §4, seed 004 二（五）（六）): a province's round in June or December.
class RoundHalf(models.IntegerChoices):
    JUNE = 6, _("June")
    DECEMBER = 12, _("December")


class RoundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("adjustment round", "Open")
    SUBMITTED = "submitted", _("Submitted to the ministry")
    CLOSED = "closed", _("Closed")
