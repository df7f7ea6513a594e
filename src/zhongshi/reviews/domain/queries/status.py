"""Where an application stands and what is expected next, in plain Chinese, for the applicant and for
every reviewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from zhongshi.applications.enums import ApplicationStatus
from zhongshi.applications.models import Application
from zhongshi.calls.domain.chain import acting_authority, deadline_and_text, show_deadline
from zhongshi.reviews.enums import NoticeStatus, ReviewAction
from zhongshi.reviews.models import ReviewStep

if TYPE_CHECKING:
    from zhongshi.reviews.domain.queries.queue import ChainFacts


@dataclass(frozen=True)
class StatusLine:
    badge: str
    tone: str  # info / warning / success / danger
    text: str


def describe_status(application: Application, *, facts: ChainFacts | None = None) -> StatusLine:
    """The status line of ``application``; ``facts`` (``queue.prefetch_chain``) spares a list its queries."""
    status = application.status
    if status == ApplicationStatus.DRAFT:
        return StatusLine(_("Draft"), "warning", _("Not submitted yet. Complete every section, upload the evidence, "
                                                   "then check and submit."))
    if status == ApplicationStatus.SUBMITTED:
        authority = acting_authority(application.call, application.host_org, application.current_level)
        deadline, shown = (facts.deadline_and_text if facts is not None else deadline_and_text)(
            application.call, application.current_level, authority, at=application.submitted_at)
        name = authority.name if authority else "—"
        texts = {
            "district": _("Submitted. %(authority)s is carrying out the preliminary review (完整性、规范性、真实性)."),
            "city": _("Recommended by the district. %(authority)s will forward it to the province with its "
                      "recommendation letter."),
            "province": _("Forwarded to %(authority)s, which reviews and decides."),
            "ministry": _("Forwarded to %(authority)s, which reviews and decides."),
        }
        text = texts.get(application.current_level, texts["province"]) % {"authority": name}
        if deadline is not None:
            text += " " + _("Deadline of this level: %(deadline)s.") % {"deadline": shown}
        badges = {"district": _("Preliminary review by the district"), "city": _("With the city"),
                  "province": _("With the province"), "ministry": _("With the ministry")}
        return StatusLine(badges.get(application.current_level, _("Under review")), "info", text)
    last = (facts.last_steps.get(application.pk) if facts is not None
            else ReviewStep.objects.filter(application=application).select_related("authority")
            .order_by("-acted_at", "-pk").first())
    opinion = last.opinion if last else ""
    who = last.authority.name if last else ""
    if status == ApplicationStatus.RETURNED:
        return StatusLine(_("Returned for revision"), "warning",
                          _("%(authority)s returned the application for revision. Change what the reasons below ask "
                            "for, then submit it again; the previous round is kept.") % {"authority": who})
    if status == ApplicationStatus.NOT_RECOMMENDED:
        return StatusLine(_("Not recommended"), "danger",
                          _("%(authority)s did not recommend the application: %(opinion)s")
                          % {"authority": who, "opinion": opinion})
    if status == ApplicationStatus.REJECTED:
        return StatusLine(_("Rejected"), "danger", _("%(authority)s did not approve the application: %(opinion)s")
                          % {"authority": who, "opinion": opinion})
    if application.final_at is not None:
        return StatusLine(_("Approved (final)"), "success",
                          _("Approved; the public notice has ended and the result is final."))
    notice = (facts.notices.get(application.pk) if facts is not None
              else application.notices.filter(status=NoticeStatus.PUBLISHED).order_by("-starts_at").first())
    if notice is not None:
        return StatusLine(_("Approved, in public notice"), "success",
                          _("Approved by %(authority)s and in the public notice until %(end)s.")
                          % {"authority": who, "end": show_deadline(notice.ends_at)})
    decided = [s for s in [last] if s and s.action == ReviewAction.APPROVE]
    return StatusLine(_("Approved"), "success",
                      _("Approved by %(authority)s: %(opinion)s The public notice follows.")
                      % {"authority": who, "opinion": decided[0].opinion if decided else opinion})
