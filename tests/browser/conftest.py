"""Browser tests: Playwright drives Debian's chromium (/usr/bin/chromium, installed by .ci/run)
against `warnline serve` running in a child process over a store of the example reports.

Each test can save a screenshot under test-artifacts/screenshots/ (not committed) to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import Settings
from warnline.store import open_store
from warnline.store.tokens import create_token

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Flags for a headless chromium on a machine with no display and a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCRIPT = "<script>window.pwned = 1</script>"
ONERROR = '<img src="x" onerror="window.pwned = 2">'
# Written for these tests: a report whose title and text carry markup that must stay text.
HOSTILE = f"""\
---
title: "Ambush claim {SCRIPT}"
source: "Border Desk"
published: 2024-06-02
---
GAO, MALI – Gunmen attacked a convoy north of Gao on Tuesday, killing two drivers, a regional
official said. A message posted online {SCRIPT} claimed the attack for the Islamic State Sahel
Province {ONERROR}.
"""


@dataclass(frozen=True)
class Live:
    url: str
    token: str
    hostile_id: str
    settings: Settings


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root = tmp_path_factory.mktemp("browser")
    settings = Settings(db=f"sqlite:///{root / 'warnline.db'}", data_dir=root / "data")
    hostile = root / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = open_store(settings.db_url)
    summary = ingest(
        [str(ROOT / "examples"), str(hostile)], [], Defaults(), store, settings=settings
    )
    assert summary.ok, summary.failures
    with store.session() as session:
        token = create_token(session, "admin", "browser tests").token
    store.close()
    port = _free_port()
    env = {
        **os.environ,
        "WARNLINE_DB": settings.db_url,
        "WARNLINE_DATA_DIR": str(settings.data_dir),
    }
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "warnline", "serve", "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, server, root / "serve.log")
        yield Live(url, token, summary.stored[-1].report_id, settings)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_for(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"warnline serve did not answer within 60 s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    """A page in a fresh browser context, signed in with the admin token."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(f"{live.url}/login")
    opened.fill("input[name=token]", live.token)
    opened.click("button[type=submit]")
    opened.wait_for_url(f"{live.url}/")
    yield opened
    context.close()


Shoot = Callable[[Page, str], Path]


@pytest.fixture(scope="session")
def shoot() -> Shoot:
    """Save a full-page screenshot as test-artifacts/screenshots/NAME.png."""

    def take(page: Page, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
