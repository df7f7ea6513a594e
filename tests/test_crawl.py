"""Crawl every page each demo role can reach from its home page by following links.

A Django test-client crawl over the data of `zhongshi load-demo` (fast; the browser tests cover what needs a
browser). For every role it follows every ``<a href>`` inside the site (not /static/, not logout), requests
downloads too (their status is checked, their bytes are not parsed), de-duplicates URLs by path+query, caps
pages per role and per URL pattern, and asserts:

* no 403 behind a link that is shown, no 404, no 500 (the status of every followed link is 200 or a redirect);
* no English on screen: the visible text and the title/placeholder/aria-label/alt attributes contain no
  ASCII word of 3+ letters outside ``ALLOWED_WORDS``.

The Django admin (/admin/) is not crawled: its untranslated strings are Django's own (the lead checks the
admin separately); only the link to it is checked to answer 200 for the administrator.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from zhongshi.accounts.models import User
from zhongshi.demo.domain.load_demo import load_demo

ROLES = ["admin", "miit", "hubei", "zhejiang", "wuhan", "donghu", "hongshan", "jiangxia", "guangxin",
         "xincailiao", "zhizao", "expert", "qiye", "anonymous"]
MAX_PAGES_PER_ROLE = 400
MAX_PAGES_PER_PATTERN = 12

# Words of 3+ ASCII letters that may appear on a Chinese screen: units, file formats, standard codes.
ALLOWED_WORDS = {
    "CNAS", "CMA", "PDF", "OFD", "JPG", "JPEG", "PNG", "DOCX", "DOC", "XLSX", "XLS", "JSON", "CSV", "ZIP",
    "MB", "KB", "GB", "TRL", "MRL", "ISO", "GB/T", "USCC", "URL", "IP", "ID", "SSO", "CA", "API", "HTTP",
    "HTTPS", "WWW", "COM", "GOV", "ORG", "CNY", "SHA", "RMB", "UTC", "GMT", "PPT", "PPTX", "TXT", "HTML",
    "XML", "ICP", "IATF", "GJB", "AAA", "ERP", "MES", "PLM", "CAD", "CAE", "EDA", "AI", "IC", "LED",
    "OLED", "MEMS", "SiC", "GaN", "InP", "IGBT", "MOSFET", "SOI", "LTCC", "DFB", "VCSEL", "APD",
    # the demo users' own login names are shown as user names in lists
    "admin", "miit", "hubei", "zhejiang", "wuhan", "donghu", "hongshan", "jiangxia", "guangxin",
    "xincailiao", "zhizao", "expert", "qiye",
    "Excel", "Word", "WPS", "LibreOffice",  # products named by the pages and the role guides
    # technical terms and units in the demo applications' own text (data typed by the applicant)
    "Gbps", "Mbps", "EML", "PAM", "HBOE", "BERT", "THC",
    # … and in the example platform list's service items (examples/platforms.json)
    "HAST", "GHz", "MHz", "GMP", "MPa", "EMC",
    "platforms",  # the name of that file (platforms.json), which the audit log names for the demo's import
    "English",  # the language switch names the other language in itself
}
ALLOWED_LOWER = {word.lower() for word in ALLOWED_WORDS}

WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")
# not read as interface text: scripts, styles, and <code> (commands such as `zhongshi load-regions FILE`
# in the role guides are typed as they are, never translated)
SKIPPED_TAGS = {"script", "style", "template", "code"}
CHECKED_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip += 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in CHECKED_ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.texts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


# Data, not interface: e-mail addresses, web addresses and identifiers (call codes such as
# hubei-2026-provincial, storage paths, MIME types, keys such as credit_china) and file checksums are shown as they are stored.
IDENTIFIER = re.compile(r"\b[0-9a-f]{32,}\b|\S+@\S+|https?://\S+|\b[\w.]+(?:[-_/][\w.]+)+\b", re.ASCII)
PLACEHOLDER = re.compile(r"X{2,}")  # 附件2's own "XX 荣誉证书" / "XXX 中试平台"


def english_words(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = PLACEHOLDER.sub(" ", IDENTIFIER.sub(" ", text))
        for word in WORD.findall(text):
            if word.lower() not in ALLOWED_LOWER and not re.fullmatch(r"L[1-4]", word):
                found.append(word)
    return found


def _pattern(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return "<404>"
    return match.view_name


def _followable(href: str, base: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path
    if path.startswith(("/static/", "/media/", "/i18n/")) or "logout" in path:
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client) -> tuple[list[str], int]:
    queue = ["/"]
    seen = {"/"}
    per_pattern: Counter[str] = Counter()
    failures: list[str] = []
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        url = queue.pop(0)
        if url.startswith("/admin/"):  # Django's own pages: only the link's status is checked
            status = client.get(url).status_code
            if status not in {200, 302}:
                failures.append(f"{url} [admin] -> {status}")
            continue
        pattern = _pattern(urlsplit(url).path)
        per_pattern[pattern] += 1
        if per_pattern[pattern] > MAX_PAGES_PER_PATTERN:
            continue
        pages += 1
        response = client.get(url)
        if response.status_code in {301, 302, 303}:
            target = _followable(response["Location"], url)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200:
            failures.append(f"{url} [{pattern}] -> {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            continue  # a download: its status is what the crawl checks
        html = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        parser = _Page()
        parser.feed(html)
        english = english_words(parser.texts)
        if english:
            failures.append(f"{url} [{pattern}] English on screen: {sorted(set(english))[:12]}")
        for href in parser.links:
            target = _followable(href, url)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return failures, pages


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_opens_in_chinese(demo, role, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    failures, pages = crawl(client)
    assert pages >= 2
    assert failures == [], "\n".join(failures)
