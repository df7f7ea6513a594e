"""The ban as a barrier of the applications app (applications/domain/barriers.py)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from zhongshi.library.domain.ban import find_ban


def ban_reason(credit_code: str, on: date | None) -> str | None:
    ban = find_ban(credit_code, on=on)
    if ban is None:
        return None
    return _("The host organisation (%(code)s) may not apply until %(until)s inclusive: its platform "
             "“%(platform)s” was removed from the library on %(removed)s, and a removed platform's host "
             "organisation may not apply again for 3 years (seed 004 §2(4)).") % {
        "code": ban.credit_code, "until": f"{ban.until.year}年{ban.until.month}月{ban.until.day}日",
        "platform": ban.platform_name,
        "removed": f"{ban.removed_on.year}年{ban.removed_on.month}月{ban.removed_on.day}日"}
