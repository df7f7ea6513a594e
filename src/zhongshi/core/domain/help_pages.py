"""The help page of each role, rendered from docs/roles/*.md, and the authority that handles a user.

The role guides use a small subset of Markdown (headings, numbered and bulleted lists, paragraphs,
``code`` and **bold**), rendered here rather than through a Markdown package: the subset is all the guides
need, and the HTML it makes is escaped text in a handful of tags.

``core`` comes first in the apps' order and names no later app: organisations registers the look-up of the
authority (one query, organisations/domain/queries/handling_authority.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import zhongshi

DEFAULT_HELP_DIR = Path(zhongshi.__file__).resolve().parents[2] / "docs" / "roles"

_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")
_ORDERED = re.compile(r"^\d+\.\s+")


def help_dir() -> Path:
    return Path(getattr(settings, "ZHONGSHI_HELP_DIR", DEFAULT_HELP_DIR))


def help_topics_for(user: Any) -> list[str]:
    """The guides (file stems under docs/roles/) a user reads, most specific first."""
    if user is None or not user.is_authenticated:
        return ["applicant"]
    if user.is_superuser or user.role == "admin":
        return ["administrator"]
    if user.role == "authority":
        level = user.authority.level if user.authority_id else ""
        return ["ministry", "reviewer"] if level == "ministry" else ["reviewer"]
    return [{"applicant": "applicant", "expert": "expert", "enterprise": "enterprise"}.get(user.role, "applicant")]


def _inline(text: str) -> str:
    out: list[str] = []
    last = 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[last:match.start()]))
        code, bold = match.groups()
        out.append(f"<code>{escape(code)}</code>" if code is not None else f"<strong>{escape(bold)}</strong>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def render_help(text: str, *, top_level: int = 1) -> SafeString:
    """The Markdown subset of the role guides as HTML (every character of the text escaped)."""
    html: list[str] = []
    list_tag = ""
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = ""

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        item_tag = "ol" if _ORDERED.match(line) else "ul" if line.startswith(("- ", "* ")) else ""
        if not line:
            close_paragraph()
            close_list()
        elif heading:
            close_paragraph()
            close_list()
            level = min(len(heading.group(1)) + top_level - 1, 6)
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item_tag:
            close_paragraph()
            if list_tag != item_tag:
                close_list()
                html.append(f"<{item_tag}>")
                list_tag = item_tag
            body = _ORDERED.sub("", line) if item_tag == "ol" else line[2:]
            html.append(f"<li>{_inline(body)}</li>")
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above went through escape()


def help_sections(user: Any) -> list[SafeString]:
    """The rendered guides of the user's role (a missing file is skipped)."""
    sections = []
    for index, topic in enumerate(help_topics_for(user)):
        path = help_dir() / f"{topic}.md"
        if path.is_file():
            sections.append(render_help(path.read_text(encoding="utf-8"), top_level=1 if index == 0 else 2))
    return sections


_HANDLING_AUTHORITY: list[Callable[[Any], Any]] = []


def register_handling_authority(lookup: Callable[[Any], Any]) -> None:
    """organisations registers the look-up of the authority that handles a user (core names no later app)."""
    _HANDLING_AUTHORITY[:] = [lookup]


def handling_authority(user: Any) -> Any | None:
    """The authority that handles the user: an applicant's district authority, a reviewer's authority above."""
    if user is None or not user.is_authenticated or not _HANDLING_AUTHORITY:
        return None
    return _HANDLING_AUTHORITY[0](user)
