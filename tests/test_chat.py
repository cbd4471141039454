"""The chat page, one AppTest per user flow, on real indexed stores."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.display import shown
from indexing.lock import writer_lock
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store

CHAT = str(Path(__file__).resolve().parent.parent / "app" / "chat.py")


def start(store: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("RESULTSQA_STORE", str(store))
    app = AppTest.from_file(CHAT, default_timeout=180)
    app.run()
    assert not app.exception
    return app


@pytest.fixture
def chat(indexed_store, monkeypatch):
    return start(indexed_store, monkeypatch)


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception
    return app


def main_text(app: AppTest) -> str:
    """The answers' text as a reader sees it (report text is escaped in the Markdown)."""
    return " ".join(shown(m.value) for m in app.main.markdown)


def test_ask_and_see_the_answer_its_figures_and_the_cited_page(chat):
    ask(chat, "What was the shortfall on output MEX_D_2.1.1?")
    assert "$2.27 M" in main_text(chat)
    (table,) = chat.main.table
    assert "$2.27 M" in [shown(v) for v in table.value["value"]]
    assert [shown(v) for v in table.value["source"]][0] == "mexico_seed_pages.pdf, p. 5"
    expander = next(e for e in chat.main.expander if "mexico_seed_pages.pdf, page 5" in e.label)
    # Report text is shown as itself: Markdown's and Streamlit's markup characters escaped.
    assert expander.markdown[0].value == "> Shortfall\\: \\$2.27 M"
    # The crop, and a narrower one around the figure that only a phone's width shows.
    image, narrow = expander.get("image")
    narrow_caption = narrow.proto.imgs[0].caption
    assert narrow_caption.startswith("mexico_seed_pages.pdf, page 5, quote marked · ")
    assert narrow_caption.endswith(" dpi (part)")
    caption = re.fullmatch(
        r"mexico_seed_pages\.pdf, page 5, quote marked · (\d+) dpi", image.proto.imgs[0].caption
    )
    assert caption and int(caption[1]) >= 150
    assert [b.label for b in expander.button] == ["See the whole page"]
    assert any(b.label == "Download PDF" for b in expander.get("download_button"))
    assert "Chart source: mexico_seed_pages.pdf" in " ".join(c.value for c in chat.main.caption)


def test_a_figure_stated_in_a_note_is_labelled_and_marked_in_its_quote(chat):
    ask(chat, "What was the Kenya office's delivery rate in 2023?")
    assert "stated in the progress note" in main_text(chat)
    (table,) = chat.main.table
    assert shown(table.value["figure"].tolist()[0]).startswith("stated in the progress note · ")
    expander = next(e for e in chat.main.expander if "progress note" in e.label)
    assert ":orange-background[**" in expander.markdown[0].value
    assert expander.get("image"), "the cited page is shown with the sentence marked"


def test_a_follow_up_goes_on_from_the_question_before(chat):
    ask(chat, "What was the shortfall on output MEX_D_2.1.1?")
    ask(chat, "and output MEX_D_2.1.2?")
    newest = shown(chat.main.chat_message[1].markdown[0].value)
    assert newest.startswith("Reading this as: shortfall · MEX_D_2.1.2")
    assert "$182.48 K" in newest
    # A standalone question after it reads nothing from before.
    ask(chat, "What is the planned budget of output MEX_D_2.1.3?")
    assert not shown(chat.main.chat_message[1].markdown[0].value).startswith("Reading this as")


def test_a_country_filter_scopes_the_answers(chat):
    ask(chat, "Which output has the largest shortfall?")
    assert "MEX_D_2.1.1" in main_text(chat)
    chat.sidebar.multiselect(key="filter_country").set_value(["Kenya"]).run()
    ask(chat, "Which output has the largest shortfall?")
    newest = chat.main.chat_message[1].markdown[0].value
    assert "KEN_D_" in newest and "MEX_" not in newest


def test_add_to_briefing_and_export(chat):
    from docx import Document

    ask(chat, "What was the shortfall on output MEX_D_2.1.1?")
    chat.button(key="brief_add_1").click().run()
    ask(chat, "Who are the UN partners on the Mexico outcome?")
    chat.button(key="brief_add_2").click().run()
    assert not chat.exception
    briefing = chat.session_state["briefing"]
    assert [i.question for i in briefing.items][0].startswith("What was the shortfall")
    chat.sidebar.button(key="brief_down_0").click().run()
    briefing = chat.session_state["briefing"]
    assert briefing.items[1].question.startswith("What was the shortfall")
    preview = chat.sidebar.code[0].value
    assert "| shortfall | MEX_D_2.1.1 | 2022 | $2.27 M | mexico_seed_pages.pdf, p. 5 |" in preview
    assert "UNAIDS, UNDP, UNFPA, UNICEF" in preview
    assert "Chart: Outputs of MEX_D_2.1: planned, actual and expenses. Source: " in preview
    labels = [b.label for b in chat.sidebar.get("download_button")]
    assert labels == ["Download Markdown (.zip, with charts)", "Download Word (.docx)"]
    document = Document(io.BytesIO(briefing.to_docx()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "$2.27 M" in cells and "mexico_seed_pages.pdf, p. 5" in cells
    assert len(document.inline_shapes) == 1, "the budget answer's chart"


def briefing_heading(app: AppTest) -> str:
    return next(s.value for s in app.sidebar.subheader if s.value.startswith("Briefing ("))


def test_each_briefing_action_shows_in_the_sidebar_and_under_the_answer_in_the_same_run(chat):
    ask(chat, "What was the shortfall on output MEX_D_2.1.1?")
    ask(chat, "Who are the UN partners on the Mexico outcome?")
    assert briefing_heading(chat) == "Briefing (0)"
    # One click is one run: what it did is shown by that run, not the next one.
    chat.button(key="brief_add_1").click().run()
    assert briefing_heading(chat) == "Briefing (1)"
    assert [t.proto.body for t in chat.get("toast")] == ["Added to briefing"]
    added = chat.button(key="brief_add_1")
    assert added.label == "In the briefing" and added.disabled
    assert chat.button(key="brief_add_2").label == "Add to briefing"
    chat.button(key="brief_add_2").click().run()
    assert briefing_heading(chat) == "Briefing (2)"
    listed = [m.value for m in chat.sidebar.markdown if m.value[:3] in ("1. ", "2. ")]
    assert listed[0].startswith("1. What was the shortfall")
    chat.sidebar.button(key="brief_down_0").click().run()
    listed = [m.value for m in chat.sidebar.markdown if m.value[:3] in ("1. ", "2. ")]
    assert listed[0].startswith("1. Who are the UN partners")
    assert chat.sidebar.button(key="brief_up_0").disabled
    chat.sidebar.button(key="brief_remove_1").click().run()
    assert briefing_heading(chat) == "Briefing (1)"
    assert chat.button(key="brief_add_1").label == "Add to briefing", "the shortfall came out"
    assert chat.button(key="brief_add_2").label == "In the briefing"


def test_a_change_of_scope_is_said_above_the_answers_in_the_same_run(chat):
    chat.sidebar.multiselect(key="filter_country").set_value(["Kenya"]).run()
    assert "Scope: Kenya (where a question names none)" in [c.value for c in chat.main.caption]
    chat.sidebar.multiselect(key="filter_country").set_value([]).run()
    assert not any(c.value.startswith("Scope:") for c in chat.main.caption)


def test_example_question_buttons_answer(chat):
    buttons = [b for b in chat.main.button if b.key and b.key.startswith("example_")]
    assert len(buttons) >= 3
    buttons[0].click().run()
    assert not chat.exception
    assert chat.main.chat_message, "the example was asked"
    assert "$" in main_text(chat)


def test_empty_store_tells_how_to_add_reports(tmp_path, monkeypatch):
    app = start(tmp_path / "empty-store", monkeypatch)
    infos = " ".join(i.value for i in app.main.info)
    assert "No reports are indexed yet" in infos and "resultsqa index" in infos
    sidebar = " ".join(i.value for i in app.sidebar.info)
    assert "No reports indexed yet" in sidebar
    ask(app, "What was the shortfall on output MEX_D_2.1.1?")
    assert "Not in the indexed reports" in " ".join(w.value for w in app.main.warning)


def test_bad_upload_is_reported_and_good_ones_are_indexed(tmp_path, monkeypatch, sample_dir):
    app = start(tmp_path / "store", monkeypatch)
    good = (sample_dir / fictional_file(1)).read_bytes()
    app.sidebar.file_uploader(key="uploads").set_value(
        [
            ("../../etc/evil name.pdf", b"this is not a pdf", "application/pdf"),
            ("colombia report.pdf", good, "application/pdf"),
        ]
    ).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    errors = [shown(e.value) for e in app.sidebar.error]
    assert errors == ["../../etc/evil name.pdf: not a PDF (no %PDF- header)"]
    assert any("colombia report.pdf: indexed" in shown(s.value) for s in app.sidebar.success)
    uploads = list((tmp_path / "home" / "uploads").iterdir())
    assert [p.name for p in uploads] == ["colombia_report.pdf"]
    # The run that indexed it counts it, lists it and offers it as a scope.
    assert counts(app).startswith("1 documents · 1 countries")
    assert "**colombia_report.pdf**" in listed(app)
    assert app.sidebar.multiselect(key="filter_country").options == ["Colombia"]
    ask(app, "Which output in Colombia has the largest shortfall?")
    assert "COL_D_" in main_text(app)


def test_a_hostile_upload_is_named_with_its_reason_and_the_files_after_it_are_indexed(
    tmp_path, monkeypatch, sample_dir
):
    from tests import hostile

    app = start(tmp_path / "store", monkeypatch)
    app.sidebar.file_uploader(key="uploads").set_value(
        [
            ("[click](http://example.org) bomb.pdf", hostile.inflating(100), "application/pdf"),
            ("nested.pdf", hostile.nested_arrays(100_000), "application/pdf"),
            ("colombia report.pdf", (sample_dir / fictional_file(1)).read_bytes(), ""),
        ]
    ).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    errors = [shown(e.value) for e in app.sidebar.error]
    assert len(errors) == 2
    assert errors[0].startswith("[click](http://example.org) bomb.pdf: a stream inflates to ")
    assert errors[1] == "nested.pdf: nested too deeply to read (RecursionError)"
    assert any("colombia report.pdf: indexed" in shown(s.value) for s in app.sidebar.success)
    ask(app, "Which output in Colombia has the largest shortfall?")
    assert "COL_D_" in main_text(app)


def test_sidebar_marks_the_sample_reports(chat):
    documents = next(e for e in chat.sidebar.expander if e.label == "Documents")
    text = " ".join(m.value for m in documents.markdown)
    assert f"**{fictional_file(0)}** — *sample: fictional figures*" in text
    assert f"**{SEED_FILE}**  " in text


@pytest.fixture
def own_chat(indexed_store, tmp_path, monkeypatch):
    """A chat over a copy of the sample store, for a test that changes what is indexed."""
    store = tmp_path / "own-store"
    shutil.copytree(indexed_store, store)
    return start(store, monkeypatch), store


def counts(app: AppTest) -> str:
    return next(m.value for m in app.sidebar.markdown if " documents · " in m.value)


def listed(app: AppTest) -> str:
    documents = next(e for e in app.sidebar.expander if e.label == "Documents")
    return " ".join(m.value for m in documents.markdown)


def newest_answer(app: AppTest) -> str:
    message = app.main.chat_message[1]
    return " ".join(shown(e.value) for e in [*message.markdown, *message.warning])


def test_remove_a_document_after_confirming_and_its_answers_are_gone(own_chat, sample_dir):
    app, store_path = own_chat
    kenya = str((sample_dir / fictional_file(0)).resolve())
    store = open_store(store_path)
    records = store.count()
    assert counts(app).startswith("5 documents · 5 countries")
    ask(app, "Which output in Kenya has the largest shortfall?")
    assert "KEN_D_" in newest_answer(app)
    app.sidebar.multiselect(key="filter_country").set_value(["Kenya"]).run()

    app.sidebar.button(key=f"remove_{kenya}").click().run()
    assert not app.exception
    (warning,) = app.sidebar.warning
    assert warning.value.startswith(
        f"Remove {fictional_file(0)} from the index? Its answers will no longer be available."
    )
    assert "The PDF file itself is not deleted." in warning.value
    app.sidebar.button(key=f"remove_confirm_{kenya}").click().run()
    assert not app.exception

    removed = records - store.count()
    assert removed > 0
    (success,) = app.sidebar.success
    assert shown(success.value).startswith(f"Removed {fictional_file(0)} ({removed} records)")
    # The same run shows the smaller index: counts, list and scope filters.
    assert counts(app).startswith("4 documents · 4 countries")
    assert f"**{fictional_file(0)}**" not in listed(app)
    assert f"**{SEED_FILE}**" in listed(app)
    country = app.sidebar.multiselect(key="filter_country")
    assert "Kenya" not in country.options and country.value == []
    assert not app.sidebar.warning, "the confirmation is gone"
    assert fictional_file(0) not in [d["file"] for d in store.documents()]
    assert Path(kenya).exists(), "the PDF itself stays on disk"

    ask(app, "Which output in Kenya has the largest shortfall?")
    assert "KEN_D_" not in newest_answer(app)
    assert app.main.chat_message[1].warning, "Kenya is no longer answered"


def test_cancel_keeps_the_document(own_chat, sample_dir):
    app, store_path = own_chat
    kenya = str((sample_dir / fictional_file(0)).resolve())
    app.sidebar.button(key=f"remove_{kenya}").click().run()
    assert app.sidebar.warning
    app.sidebar.button(key=f"remove_cancel_{kenya}").click().run()
    assert not app.exception
    assert not app.sidebar.warning and not app.sidebar.success
    assert counts(app).startswith("5 documents")
    assert f"**{fictional_file(0)}**" in listed(app)
    assert app.sidebar.button(key=f"remove_{kenya}").label == "Remove"
    assert fictional_file(0) in [d["file"] for d in open_store(store_path).documents()]


def test_a_removal_that_fails_says_why_and_keeps_the_document(own_chat, sample_dir):
    app, store_path = own_chat
    kenya = str((sample_dir / fictional_file(0)).resolve())
    store = open_store(store_path)
    app.sidebar.button(key=f"remove_{kenya}").click().run()
    with writer_lock(store):  # as if `resultsqa index` were writing to it
        app.sidebar.button(key=f"remove_confirm_{kenya}").click().run()
    assert not app.exception
    (error,) = app.sidebar.error
    assert shown(error.value).startswith(f"Could not remove {fictional_file(0)}: ")
    assert "is being written by" in error.value
    assert counts(app).startswith("5 documents")
    assert fictional_file(0) in [d["file"] for d in store.documents()]


@pytest.fixture(scope="module")
def editions_store(tmp_path_factory, variant_dir, embedder) -> Path:
    """A store of the reports in other layouts, two editions of Brazil's among them."""
    from indexing.pipeline import index_paths

    path = tmp_path_factory.mktemp("editions") / "store"
    assert not index_paths([variant_dir], open_store(path), embedder=embedder).failed
    return path


def test_editions_answer_from_the_latest_and_a_change_from_each_with_a_chart(
    editions_store, monkeypatch
):
    app = start(editions_store, monkeypatch)
    captions = " ".join(shown(c.value) for c in app.sidebar.caption)
    assert "editions: 2021, 2023" in captions + listed(app)
    ask(app, "What is the planned budget of Brazil's outcome?")
    answer = newest_answer(app)
    assert "From the 2023 edition of this report (sample_brazil_2023.pdf)" in answer
    ask(app, "How did the planned budget of Brazil's outcome change from 2021 to 2023?")
    message = app.main.chat_message[1]  # the newest answer stands first
    text = " ".join(shown(m.value) for m in message.markdown)
    assert "In the 2021 edition (sample_brazil_2021.pdf)" in text
    assert "In the 2023 edition (sample_brazil_2023.pdf)" in text
    # One chart per answer; the change's chart has a point per edition, each cited.
    assert len(app.main.get("vega_lite_chart")) == 2
    sources = [shown(c.value) for c in app.main.caption if c.value.startswith("Chart source:")]
    assert (
        "Chart source: 2021: sample_brazil_2021.pdf p. 2; 2023: sample_brazil_2023.pdf p. 2"
        " (fictional sample)" in sources
    )


def test_uploading_a_report_again_says_it_replaced_the_earlier_copy(
    tmp_path, monkeypatch, sample_dir
):
    from tests.copies import downloaded_again

    again = downloaded_again(sample_dir / fictional_file(1), tmp_path / "again.pdf")
    app = start(tmp_path / "store", monkeypatch)
    uploader = app.sidebar.file_uploader(key="uploads")
    uploader.set_value([("colombia.pdf", (sample_dir / fictional_file(1)).read_bytes(), "")]).run()
    app.sidebar.button(key="index_uploads").click().run()
    uploader = app.sidebar.file_uploader(key="uploads")
    uploader.set_value([("colombia (1).pdf", again.read_bytes(), "application/pdf")]).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    (success,) = [shown(s.value) for s in app.sidebar.success if "colombia" in s.value]
    assert (
        "replaced an earlier copy of Colombia, plan 2022-2025, 2023 data (colombia.pdf)" in success
    )
    assert counts(app).startswith("1 documents")


def page_notes(app: AppTest) -> list[str]:
    return [w.value for e in app.main.expander for w in e.warning]


def page_images(app: AppTest) -> int:
    return sum(len(e.get("image")) for e in app.main.expander)


def test_a_cited_file_that_changed_is_named_per_citation_and_drawn_again_once_mended(
    tmp_path, monkeypatch, sample_dir, embedder
):
    from indexing.pipeline import index_paths

    report = tmp_path / "reports" / SEED_FILE
    report.parent.mkdir()
    shutil.copy(sample_dir / SEED_FILE, report)
    store = tmp_path / "store"
    assert not index_paths([report], open_store(store), embedder=embedder).failed
    app = start(store, monkeypatch)
    ask(app, "What was the shortfall on output MEX_D_2.1.1?")
    drawn = page_images(app)
    assert drawn and not page_notes(app)

    original = report.read_bytes()
    another_report = (sample_dir / fictional_file(0)).read_bytes()
    for changed in (b"%PDF-1.7 no longer a PDF", original[: len(original) // 2], another_report):
        report.write_bytes(changed)
        ask(app, "What is the planned budget of output MEX_D_2.1.3?")
        notes = page_notes(app)
        assert notes and page_images(app) == 0, "no page of another version is shown"
        assert all("the cited file changed or can't be drawn" in note for note in notes)
        assert all(note.startswith("Page ") for note in notes)

    # The file as it was indexed: every answer's pages are drawn again, no note left over.
    report.write_bytes(original)
    ask(app, "Who are the UN partners on the Mexico outcome?")
    assert not page_notes(app)
    assert page_images(app) > drawn


def test_two_close_readings_are_asked_back_with_a_button_each(chat):
    ask(chat, "What was the funding gap on Bangladesh's output about women's cooperatives?")
    (info,) = chat.main.info
    assert shown(info.value).startswith("Which output do you mean?")
    labels = [shown(b.label) for b in chat.main.button]
    assert any("BGD_D_1.3.1" in label for label in labels)
    second = next(b for b in chat.main.button if "BGD_D_1.3.2" in shown(b.label))
    second.click().run()
    assert not chat.exception
    newest = shown(chat.main.chat_message[1].markdown[0].value)
    assert "BGD_D_1.3.2" in newest and "$64.45 K" in newest


def test_a_change_across_editions_is_stated_in_amount_and_percent(editions_store, embedder):
    from app.answering import Answerer

    answer = Answerer(open_store(editions_store), embedder).ask(
        "How did the planned budget of Brazil's outcome change from 2021 to 2023?"
    )
    (line,) = [x for x in answer.answer.splitlines() if x.startswith("Change in planned")]
    first, last = (f for f in answer.facts if f.what == "planned")
    change = last.value - first.value
    match = re.search(r": (up|down) by \$[\d,.]+ ?[KM]?, ([+-]\d+)%", line)
    assert match, line
    assert match[1] == ("up" if change > 0 else "down")
    assert int(match[2]) == round(100 * change / first.value)


def test_an_answer_shows_the_steps_it_took(chat):
    ask(chat, "What was the shortfall on output MEX_D_2.1.1?")
    (status,) = chat.main.status
    assert re.fullmatch(r"Looked it up in \d+\.\d s", status.label)
    steps = [shown(m.value) for m in status.markdown]
    assert steps[0].startswith("Reading this as: shortfall · MEX_D_2.1.1")
    assert steps[-1] == "Found in the report tables"


def test_the_edition_line_stands_only_where_the_edition_changes_the_figure(
    editions_store, embedder
):
    from app.answering import Answerer
    from app.answering.editions import _edition_matters

    answerer = Answerer(open_store(editions_store), embedder)
    answer = answerer.ask("What was the shortfall on output BRA_D_1.3.1?")
    assert "From the 2023 edition of this report" in answer.answer  # 2021 prints another
    catalog = answerer.catalog()
    (document,) = [d for d in catalog.documents.values() if d["file"] == "sample_brazil_2023.pdf"]
    (other,) = [d for d in catalog.documents.values() if d["file"] == "sample_brazil_2021.pdf"]
    assert _edition_matters(answer, document, [other], catalog)
    # An edition that printed the same figures (here: the same document) changes nothing.
    assert not _edition_matters(answer, document, [document], catalog)
    named = answerer.ask("What was the shortfall on output BRA_D_1.3.1 in 2023?")
    assert "From the 2023 edition of this report" in named.answer
