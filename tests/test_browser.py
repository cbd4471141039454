"""End to end in a real browser: Debian's Chromium driven by Playwright, against the chat
served by `resultsqa app` on a free local port."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from tests.commands import environment
from tests.llm_server import faithful, llm_server
from tests.servers import free_port, running

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "chat.png"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@contextlib.contextmanager
def serve_chat(store: Path, log: Path, **env: str):
    """`resultsqa app` on a free port, with ``env`` added to its environment; its URL."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("resultsqa")),
        "app",
        "--store",
        str(store),
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    with running(command, f"{url}/_stcore/health", log, env=environment(env)):
        yield url


@pytest.fixture
def served_chat(indexed_store, tmp_path):
    with serve_chat(indexed_store, tmp_path / "app.log") as url:
        yield url


@contextlib.contextmanager
def browser_page(url: str):
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
        page.goto(url)
        try:
            yield page
        finally:
            browser.close()


def test_ask_in_the_browser_and_open_the_citation(served_chat):
    from playwright.sync_api import expect

    with browser_page(served_chat) as page:
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
    assert SCREENSHOT.stat().st_size > 20_000


def test_a_follow_up_in_the_browser_goes_on_from_the_question_before(served_chat):
    from playwright.sync_api import expect

    with browser_page(served_chat) as page:
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("What was the shortfall on output MEX_D_2.1.1?")
        box.press("Enter")
        expect(page.get_by_text("shortfall $2.27 M").first).to_be_visible()
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("and output MEX_D_2.1.2?")
        box.press("Enter")
        expect(page.get_by_text("Reading this as: shortfall · MEX_D_2.1.2").first).to_be_visible()
        expect(page.get_by_text("shortfall $182.48 K").first).to_be_visible()


def test_the_llm_draft_streams_in_then_is_kept_once_checked(indexed_store, tmp_path):
    from playwright.sync_api import expect

    # A pause between words, so the browser sees the draft before it is checked.
    with (
        llm_server(faithful, chunk_pause=0.15) as model,
        serve_chat(
            indexed_store,
            tmp_path / "app.log",
            RESULTSQA_LLM_URL=model.url,
            RESULTSQA_LLM_MODEL="briefing-model",
        ) as url,
        browser_page(url) as page,
    ):
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("What was the shortfall on output MEX_D_2.1.1?")
        box.press("Enter")
        drafting = page.get_by_text("Drafting with briefing-model").first
        expect(drafting).to_be_visible()
        expect(page.get_by_text("Written by briefing-model").first).to_be_visible()
        written = page.get_by_text("According to the report, Output MEX_D_2.1.1").first
        expect(written).to_be_visible()
        expect(drafting).to_be_hidden()
        assert model.requests[0]["stream"] is True
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOT.with_name("chat-llm.png")))
