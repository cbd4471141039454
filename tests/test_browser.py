"""End to end in a real browser: Debian's Chromium driven by Playwright, against the chat
served by `resultsqa app` on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "chat.png"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served_chat(indexed_store, tmp_path):
    port = free_port()
    log = (tmp_path / "app.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("resultsqa")),
            "app",
            "--store",
            str(indexed_store),
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail((tmp_path / "app.log").read_text())
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the chat did not start within 120 s")
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_ask_in_the_browser_and_open_the_citation(served_chat):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)  # the first answer loads the model

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1900})
        page.set_default_timeout(120_000)
        page.goto(served_chat)
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("What was the shortfall on output MEX_D_2.1.1?")
        box.press("Enter")
        expect(page.get_by_text("shortfall $2.27 M").first).to_be_visible()
        citation = page.get_by_text("[1] mexico_seed_pages.pdf, page 5").first
        expect(citation).to_be_visible()
        citation.click()
        expect(page.get_by_text("Shortfall: $2.27 M", exact=True).first).to_be_visible()
        expect(
            page.get_by_text("mexico_seed_pages.pdf, page 5, quote marked").first
        ).to_be_visible()
        page.wait_for_timeout(1500)  # let the chart and page image finish drawing
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        browser.close()
    assert SCREENSHOT.stat().st_size > 20_000
