"""End to end in a real browser: Debian's Chromium driven by Playwright, against the chat
served by `resultsqa app` on a free local port."""

from __future__ import annotations

import contextlib
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests import hostile
from tests.commands import environment, run
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


@contextlib.contextmanager
def recording_server():
    """An HTTP server on 127.0.0.1 that answers every GET with a tiny image and records the
    path asked for: (its port, the paths asked)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.end_headers()
            self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], asked
    finally:
        server.shutdown()
        server.server_close()


def test_a_note_with_links_images_and_markdown_is_shown_as_text_and_nothing_is_fetched(
    tmp_path,
):
    from playwright.sync_api import expect

    with recording_server() as (port, asked):
        tracker = f"http://127.0.0.1:{port}"
        text = (
            f"The tracking campaign reached 512 donors, see ![pixel]({tracker}/pixel.png) "
            f'and <img src="{tracker}/img.png"> with **bold words** and :red[an alarm] '
            f"and $x^2$ and www.example.org and {tracker}/link for details."
        )
        report = hostile.planted_note(tmp_path / "kenya **bold** :red[name].pdf", text)
        store = tmp_path / "store"
        indexed = run("index", report, "--quiet", store=store)
        assert indexed.returncode == 0, indexed.stderr
        with serve_chat(store, tmp_path / "app.log") as url, browser_page(url) as page:
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("How many donors did the tracking campaign reach?")
            box.press("Enter")
            expect(page.get_by_text(text, exact=False).first).to_be_visible()
            page.get_by_text("[1] kenya **bold** :red[name].pdf, page 7").first.click()
            page.get_by_text("Documents", exact=True).first.click()
            expect(page.get_by_text("kenya **bold** :red[name].pdf").first).to_be_visible()
            page.wait_for_timeout(3000)  # time for anything that would load to load
            assert page.locator(f'img[src*="127.0.0.1:{port}"]').count() == 0
            links = page.locator(f"a[href*=':{port}'], a[href*='example.org']")
            assert links.count() == 0, [links.nth(i).get_attribute("href") for i in range(3)]
            # Only the page's own bold (a file name's entry, a figure): none from the text.
            emphasis = page.locator("strong, em").filter(has_text=re.compile(r"^bold( words)?$"))
            assert emphasis.count() == 0
            assert page.locator(".katex").count() == 0  # $x^2$ is not typeset
        assert asked == [], f"the page fetched {asked}"
