"""End to end in a real browser: Debian's Chromium driven by Playwright, against the chat
served by `resultsqa app` on a free local port, at a laptop's width (1280 × 800) and a
phone's (390 × 844).

Screenshots go to a temporary folder, so the tests leave the checkout as it was;
`make screenshots` sets RESULTSQA_SCREENSHOTS to docs/ to refresh the README's."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from indexing.samples import SEED_FILE, build_samples, fictional_file
from tests import hostile
from tests.commands import environment, run
from tests.llm_server import faithful, llm_server
from tests.servers import free_port, running

CHROMIUM = Path("/usr/bin/chromium")
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SHORTFALL = "What was the shortfall on output MEX_D_2.1.1?"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where screenshots go: a temporary folder, or RESULTSQA_SCREENSHOTS (`make screenshots`)."""
    folder = Path(os.environ.get("RESULTSQA_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
def browser_page(url: str, viewport: dict = LAPTOP, permissions: tuple[str, ...] = ()):
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
        page = browser.new_context(viewport=viewport, permissions=list(permissions)).new_page()
        page.set_default_timeout(120_000)
        page.goto(url)
        try:
            yield page
        finally:
            browser.close()


def ask(page, question: str, answer: str):
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    expect(page.get_by_text(answer).first).to_be_visible()
    idle(page)


def idle(page) -> None:
    """Wait until the app's run has finished (Streamlit marks its state on the page)."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


def png_of(page, image) -> bytes:
    """The bytes the page was served for an <img>."""
    return page.request.get(image.evaluate("img => img.src")).body()


def natural_size(image) -> tuple[int, int]:
    """An <img>'s size in pixels, once it has loaded."""
    return image.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")


def amber_pixels(png: bytes) -> int:
    from PIL import Image

    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=10_000_000)
    return sum(n for n, (r, g, b) in colours if r > 200 and 100 < g < 140 and b < 30)


# What each cell of the figures table shows: its text, whether all of it fits in the cell
# (no clipping, no ellipsis), and whether the cell lies inside the window.
CELLS = """table => [...table.querySelectorAll('tbody tr')].map(row =>
    [...row.querySelectorAll('td')].map(cell => {
        const text = cell.querySelector('p') || cell;
        const box = cell.getBoundingClientRect();
        const fits = element => element.scrollWidth <= element.clientWidth + 1;
        return {
            text: text.innerText,
            fits: fits(text) && fits(cell),
            inside: box.left >= 0 && box.right <= window.innerWidth,
            align: getComputedStyle(cell).textAlign,
        };
    }))"""


def figures_table(page, viewport: dict) -> list[list[dict]]:
    from playwright.sync_api import expect

    table = page.get_by_test_id("stTable").first.locator("table")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    return table.evaluate(CELLS)


def test_at_a_laptops_width_the_figures_fit_and_the_cited_quote_is_a_sharp_crop(
    served_chat, sample_dir, screenshots
):
    from PIL import Image
    from playwright.sync_api import expect

    from app.pages import MIN_DPI, render_page

    with browser_page(served_chat, LAPTOP) as page:
        ask(page, SHORTFALL, "shortfall $2.27 M")
        rows = figures_table(page, LAPTOP)
        assert [[cell["text"] for cell in row] for row in rows][0] == [
            "shortfall · MEX_D_2.1.1",
            "2022",
            "$2.27 M",
            f"{SEED_FILE}, p. 5",
        ]
        for row in rows:
            value, source = row[2], row[3]
            assert value["fits"] and value["inside"] and value["align"] == "right", row
            assert source["fits"] and source["inside"], row
            assert "\n" not in value["text"] + source["text"], "on one line at this width"

        # Visible: the same words stand, hidden, in the answer's "Copy" block.
        page.get_by_text(f"[1] {SEED_FILE}, page 5").filter(visible=True).first.click()
        expect(page.get_by_text("Shortfall: $2.27 M", exact=True).first).to_be_visible()
        caption = page.get_by_text(re.compile(rf"{SEED_FILE}, page 5, quote marked · \d+ dpi"))
        expect(caption.first).to_be_visible()
        crop = page.get_by_test_id("stExpanderDetails").get_by_role("img").first
        expect(crop).to_be_visible()
        # The image has the pixels of its piece of page at ≥ 150 dpi, and shows the mark.
        expected = render_page(sample_dir / SEED_FILE, 5, "Shortfall: $2.27 M", "$2.27 M")
        left, bottom, right, top = expected.box
        width, height = natural_size(crop)
        assert width / ((right - left) / 72) >= MIN_DPI
        assert height / ((top - bottom) / 72) >= MIN_DPI
        served = png_of(page, crop)
        assert Image.open(io.BytesIO(served)).format == "PNG", "not a lossy JPEG"
        assert amber_pixels(served) > 0
        # Shown across the column, larger than print: a point of the page is over 2 px.
        shown_width = crop.evaluate("img => img.getBoundingClientRect().width")
        assert shown_width / (right - left) > 2
        page.get_by_role("button", name="Download PDF").first.wait_for()
        page.wait_for_timeout(1000)  # let the chart finish drawing
        page.set_viewport_size({"width": 1280, "height": 1500})
        page.wait_for_timeout(800)
        page.screenshot(path=str(screenshots / "chat.png"))
        page.set_viewport_size(LAPTOP)

        page.get_by_role("button", name="See the whole page").first.click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text(f"{SEED_FILE}, page 5, quote marked · 150 dpi")).to_be_visible()
        whole = dialog.get_by_role("img").first
        page_width, _ = natural_size(whole)
        assert page_width >= 595 / 72 * MIN_DPI - 1  # an A4 page at 150 dpi
        assert amber_pixels(png_of(page, whole)) > 0
    assert (screenshots / "chat.png").stat().st_size > 20_000


def test_on_a_phone_the_answer_figures_and_chart_stack_and_the_chart_is_drawn(
    served_chat, screenshots
):
    from PIL import Image

    with browser_page(served_chat, PHONE) as page:
        ask(page, SHORTFALL, "shortfall $2.27 M")
        rows = figures_table(page, PHONE)
        for row in rows:
            assert all(cell["fits"] and cell["inside"] for cell in row), row
        chart = page.get_by_test_id("stVegaLiteChart").first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        table = page.get_by_test_id("stTable").first.bounding_box()
        box = chart.bounding_box()
        assert box["y"] >= table["y"] + table["height"], "the chart stands under the table"
        assert box["width"] >= 300 and box["height"] >= 200
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # Drawn, not a blank area: the bars' blue is there.
        picture = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
        colours = picture.getcolors(maxcolors=1_000_000)
        assert sum(n for n, (r, g, b) in colours if b > 150 and r < 80) > 500
        page.screenshot(path=str(screenshots / "chat-phone.png"))


def documents_line(page):
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_text(" documents · ", exact=False).first


def test_briefing_and_document_counts_change_in_the_same_run_as_the_action(indexed_store, tmp_path):
    from playwright.sync_api import expect

    store = tmp_path / "own-store"
    shutil.copytree(indexed_store, store)
    extra = tmp_path / "extra"
    build_samples(extra, count=6, include_seed=False)
    upload = extra / fictional_file(5)
    with serve_chat(store, tmp_path / "app.log") as url, browser_page(url, LAPTOP) as page:
        sidebar = page.get_by_test_id("stSidebar")
        expect(documents_line(page)).to_contain_text("5 documents")
        expect(sidebar.get_by_text("Briefing (0)")).to_be_visible()
        ask(page, SHORTFALL, "shortfall $2.27 M")

        # Each action is one run: what it changed shows without any further action.
        page.get_by_role("button", name="Add to briefing").first.click()
        expect(sidebar.get_by_text("Briefing (1)")).to_be_visible()
        expect(page.get_by_role("button", name="In the briefing").first).to_be_disabled()

        sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
        sidebar.get_by_role("button", name="Index uploaded files").click()
        expect(sidebar.get_by_text(f"{fictional_file(5)}: indexed")).to_be_visible()
        expect(documents_line(page)).to_contain_text("6 documents")

        sidebar.get_by_text("Documents", exact=True).click()
        removed = sidebar.get_by_test_id("stButton").filter(has_text="Remove").first
        removed.get_by_role("button").click()
        sidebar.get_by_role("button", name="Confirm").click()
        # Case-sensitive: the audit log's "… local removed …" line is another element.
        expect(sidebar.get_by_text(re.compile("^Removed "))).to_be_visible()
        expect(documents_line(page)).to_contain_text("5 documents")

        sidebar.get_by_role("button", name="✕").first.click()
        expect(sidebar.get_by_text("Briefing (0)")).to_be_visible()
        expect(page.get_by_role("button", name="Add to briefing").first).to_be_enabled()


def test_a_follow_up_in_the_browser_goes_on_from_the_question_before(served_chat):
    from playwright.sync_api import expect

    with browser_page(served_chat) as page:
        ask(page, SHORTFALL, "shortfall $2.27 M")
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill("and output MEX_D_2.1.2?")
        box.press("Enter")
        # Visible: the same line stands, folded, among the answer's steps.
        reading = page.get_by_text("Reading this as: shortfall · MEX_D_2.1.2")
        expect(reading.filter(visible=True).first).to_be_visible()
        expect(page.get_by_text("shortfall $182.48 K").first).to_be_visible()


@contextlib.contextmanager
def chat_with_llm(store: Path, log: Path, reply, chunk_pause: float):
    """The chat served with a local model server that drafts by ``reply``, a pause between
    its words: (the chat's URL, the model server)."""
    with (
        llm_server(reply, chunk_pause=chunk_pause) as model,
        serve_chat(
            store, log, RESULTSQA_LLM_URL=model.url, RESULTSQA_LLM_MODEL="briefing-model"
        ) as url,
    ):
        yield url, model


def test_the_llm_draft_streams_in_then_is_kept_once_checked(indexed_store, tmp_path, screenshots):
    from playwright.sync_api import expect

    # A pause between words, so the browser sees the draft before it is checked.
    with (
        chat_with_llm(indexed_store, tmp_path / "app.log", faithful, 0.15) as (url, model),
        browser_page(url, {"width": 1280, "height": 1500}) as page,
    ):
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill(SHORTFALL)
        box.press("Enter")
        drafting = page.get_by_text("Drafting with briefing-model").first
        expect(drafting).to_be_visible()
        expect(page.get_by_text("Written by briefing-model").first).to_be_visible()
        written = page.get_by_text("According to the report, Output MEX_D_2.1.1").first
        expect(written).to_be_visible()
        expect(drafting).to_be_hidden()
        assert model.requests[0]["stream"] is True
        idle(page)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / "chat-llm.png"))
    assert (screenshots / "chat-llm.png").stat().st_size > 20_000


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
            citation = page.get_by_text("[1] kenya **bold** :red[name].pdf, page 7")
            citation.filter(visible=True).first.click()
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


def test_an_unchecked_draft_streams_as_text_and_its_image_is_never_fetched(indexed_store, tmp_path):
    from playwright.sync_api import expect

    with recording_server() as (port, asked):
        planted = f"See ![chart](http://127.0.0.1:{port}/draft.png) for the shortfall [1]."
        with (
            chat_with_llm(indexed_store, tmp_path / "app.log", lambda r: planted, 0.3) as (
                url,
                _,
            ),
            browser_page(url) as page,
        ):
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill(SHORTFALL)
            box.press("Enter")
            expect(page.get_by_text("Drafting with briefing-model").first).to_be_visible()
            # While it streams, the draft's Markdown is text: "![chart](" shows as typed.
            expect(page.get_by_text("![chart](", exact=False).first).to_be_visible()
            expect(
                page.get_by_text("The LLM's draft was not used", exact=False).first
            ).to_be_visible()
            page.wait_for_timeout(2000)  # time for anything that would load to load
        assert asked == [], f"the page fetched {asked}"
