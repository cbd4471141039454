"""The shared workspace in a real browser (Debian's Chromium, Playwright): the demo index
and an upload to the user's own, saved work across a reload and reopened from the sidebar,
and the copy button."""

from __future__ import annotations

import shutil

import pytest

from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import demo_name, open_store
from tests.test_browser import (
    CHROMIUM,
    PHONE,
    SHORTFALL,
    ask,
    browser_page,
    documents_line,
    idle,
    serve_chat,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture
def demo_only(tmp_path, sample_dir, embedder):
    """An index folder whose only index is the demo (what `make run` leaves on a fresh
    clone), holding the seed and one fictional sample."""
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    for name in (SEED_FILE, fictional_file(0)):
        shutil.copy(sample_dir / name, pdfs / name)
    store = tmp_path / "store"
    assert not index_paths([pdfs], open_store(store, demo_name()), embedder=embedder).failed
    return store


def test_the_demo_is_titled_as_samples_and_an_upload_goes_to_your_empty_index(
    demo_only, sample_dir, tmp_path
):
    from playwright.sync_api import expect

    with serve_chat(demo_only, tmp_path / "app.log") as url, browser_page(url) as page:
        expect(page.get_by_role("heading", name="resultsqa — demo")).to_be_visible()
        expect(page.get_by_text("every figure in them is made up")).to_be_visible()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_label("Demo: fictional samples")).to_be_checked()
        upload = sample_dir / fictional_file(1)
        sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
        sidebar.get_by_role("button", name="Index uploaded files").click()
        expect(sidebar.get_by_label("Your reports")).to_be_checked()
        expect(documents_line(page)).to_contain_text("1 documents")
        expect(page.get_by_text("every figure in them is made up")).to_have_count(0)
    assert [d["file"] for d in open_store(demo_only).documents()] == [fictional_file(1)]


def test_a_reload_brings_back_the_conversation_and_the_briefing(indexed_store, tmp_path):
    from playwright.sync_api import expect

    with serve_chat(indexed_store, tmp_path / "app.log") as url, browser_page(url) as page:
        ask(page, SHORTFALL, "shortfall $2.27 M")
        page.get_by_role("button", name="Add to briefing").first.click()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Briefing (1)")).to_be_visible()
        idle(page)
        page.reload()
        expect(page.get_by_text("shortfall $2.27 M").first).to_be_visible()
        expect(sidebar.get_by_text("Briefing (1)")).to_be_visible()
        expect(page.get_by_role("button", name="In the briefing").first).to_be_disabled()


def test_a_conversation_is_reopened_from_the_sidebar(indexed_store, tmp_path):
    from playwright.sync_api import expect

    with serve_chat(indexed_store, tmp_path / "app.log") as url, browser_page(url) as page:
        ask(page, SHORTFALL, "shortfall $2.27 M")
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Saved work", exact=True).click()
        sidebar.get_by_role("button", name="New conversation").click()
        idle(page)
        expect(page.get_by_text("shortfall $2.27 M")).to_have_count(0)
        ask(page, "What was the shortfall on output MEX_D_2.1.2?", "$182.48 K")
        first = sidebar.get_by_test_id("stVerticalBlock").filter(
            has=page.get_by_text(SHORTFALL, exact=True)
        )
        first.get_by_role("button", name="Open").last.click()
        idle(page)
        expect(page.get_by_text("shortfall $2.27 M").first).to_be_visible()
        expect(page.get_by_text("$182.48 K")).to_have_count(0)


def test_the_copy_button_puts_the_answer_and_its_sources_on_the_clipboard(indexed_store, tmp_path):
    from playwright.sync_api import expect

    clipboard = ("clipboard-read", "clipboard-write")
    with (
        serve_chat(indexed_store, tmp_path / "app.log") as url,
        browser_page(url, permissions=clipboard) as page,
    ):
        ask(page, SHORTFALL, "shortfall $2.27 M")
        page.get_by_text("Copy this answer").first.click()
        block = page.get_by_test_id("stCode").first
        expect(block).to_be_visible()
        block.hover()  # the code block's toolbar shows on hover
        block.get_by_role("button", name="Copy to clipboard").click()
        copied = page.evaluate("navigator.clipboard.readText()")
    assert "shortfall $2.27 M" in copied
    assert f"Sources:\n[1] {SEED_FILE}, page 5 — " in copied and "“Shortfall: $2.27 M”" in copied


def test_on_a_phone_the_cited_page_crop_fits_the_screen_and_stays_legible(
    indexed_store, sample_dir, tmp_path
):
    from playwright.sync_api import expect

    from app.pages import render_page

    with serve_chat(indexed_store, tmp_path / "app.log") as url, browser_page(url, PHONE) as page:
        ask(page, "What was the Kenya office's delivery rate in 2023?", "78%")
        page.get_by_text(f"[1] {fictional_file(0)}, page").filter(visible=True).first.click()
        details = page.get_by_test_id("stExpanderDetails").filter(visible=True).first
        crop = details.get_by_role("img").filter(visible=True)
        expect(crop).to_have_count(1)  # the phone's crop; the wide one is hidden
        crop.scroll_into_view_if_needed()
        box = crop.bounding_box()
        quote = shown_quote(details)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    left, _, right, _ = render_page(
        sample_dir / fictional_file(0), 7, quote, "78%", narrow=True
    ).box
    # A point of the page is shown as 1.3 px or more: 8-point text is 10 px or more.
    assert box["width"] / (right - left) >= 1.3, (box, right - left)


def shown_quote(details) -> str:
    """The quote as the citation prints it (its first blockquote), without the marks."""
    from app.display import shown

    text = details.get_by_role("blockquote").first.inner_text()
    return shown(text).replace("**", "").strip()
