"""A real zhongshi server (the `zhongshi` command, demo data) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ZHONGSHI = str(Path(sys.executable).parent / "zhongshi")
SCREENSHOTS = Path(os.environ.get("ZHONGSHI_SCREENSHOTS", "/tmp/zhongshi-screens"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(host=parsed.hostname, port=parsed.port or 5432, user=parsed.username or "postgres",
                         dbname="postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `zhongshi runserver` on a fresh database with the demo data; yield its base URL."""
    yield from serve_demo(tmp_path_factory)


def serve_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own on a fresh demo database (a test module that needs the demo untouched by the
    journeys of the session's other modules overrides ``live_url`` with it)."""
    data_dir = tmp_path_factory.mktemp("zhongshi-e2e")
    env = {**os.environ, "ZHONGSHI_DATA_DIR": str(data_dir),
           "DJANGO_SETTINGS_MODULE": "zhongshi.config.django.base"}
    database_url = os.environ.get("DATABASE_URL", "")
    e2e_db = ""
    if database_url.startswith("postgres"):
        e2e_db = f"{urlparse(database_url).path.lstrip('/')}_e2e_{os.getpid()}_{data_dir.name}"[:63]
        _postgres_admin(database_url, f'CREATE DATABASE "{e2e_db}"')
        env["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + f"/{e2e_db}"
    subprocess.run([ZHONGSHI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([ZHONGSHI, "load-demo", "--quiet"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen([ZHONGSHI, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("zhongshi did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        if e2e_db:
            _postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{e2e_db}" WITH (FORCE)')


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: object, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
