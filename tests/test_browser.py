"""End to end in a real browser: Debian's Chromium driven by Playwright, against the chat
served by `resultsqa app` on a free local port."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.servers import free_port, running

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "chat.png"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture
def served_chat(indexed_store, tmp_path):
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("resultsqa")),
        "app",
        "--store",
        str(indexed_store),
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    with running(
        command,
        f"{url}/_stcore/health",
        tmp_path / "app.log",
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
    ):
        yield url


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
