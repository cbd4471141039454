"""Two indexed reports that print different figures for the same item: answers show both,
each cited, and say so; rankings and totals leave the item out and say so. Editions of one
report, whose figures change from year to year, are never a disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answering import Answerer
from app.answering.conflicts import disputes
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE, fictional_file, render_pdf, seed_print_pages
from indexing.store import open_store

FORGED = "mexico_forged.pdf"


def forged_report(path: Path) -> Path:
    """The seed report printing "Shortfall: $9.99 M" for MEX_D_2.1.1, under another plan
    period: another document, not a copy of the seed (which it would replace)."""
    pages = seed_print_pages()
    changed = 0
    for page in pages:
        for line in page:
            for old, new in (
                ("Shortfall: $2.27 M", "Shortfall: $9.99 M"),
                ("2020-2025", "2021-2025"),
            ):
                if old in line.text:
                    line.text = line.text.replace(old, new)
                    changed += 1
    assert changed == 2
    render_pdf(pages, path)
    return path


@pytest.fixture(scope="module")
def conflicting(tmp_path_factory, sample_dir, embedder) -> Path:
    folder = tmp_path_factory.mktemp("conflicts")
    files = [sample_dir / SEED_FILE, sample_dir / fictional_file(0), forged_report(folder / FORGED)]
    store = folder / "store"
    summary = index_paths(files, open_store(store), embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed"] * 3
    return store


@pytest.fixture(scope="module")
def conflicted(conflicting, embedder) -> Answerer:
    return Answerer(open_store(conflicting), embedder=embedder)


def cited(answer, file: str, quote: str) -> bool:
    return any(c.file == file and c.quote == quote and c.page == 5 for c in answer.citations)


def test_an_answer_shows_both_figures_each_cited_and_says_they_disagree(conflicted):
    answer = conflicted.ask("What was the shortfall on output MEX_D_2.1.1?")
    assert "shortfall $2.27 M" in answer.answer and "shortfall $9.99 M" in answer.answer
    assert (
        "The indexed reports disagree on the shortfall of output MEX_D_2.1.1: $9.99 M "
        "(mexico_forged.pdf, page 5) against $2.27 M (mexico_seed_pages.pdf, page 5)."
    ) in answer.answer
    assert cited(answer, SEED_FILE, "Shortfall: $2.27 M")
    assert cited(answer, FORGED, "Shortfall: $9.99 M")
    (disagreement,) = answer.to_json()["disagreements"]
    assert disagreement["figure"] == "shortfall"
    assert {(p["file"], p["text"]) for p in disagreement["printed"]} == {
        (SEED_FILE, "$2.27 M"),
        (FORGED, "$9.99 M"),
    }


def test_a_figure_both_reports_print_alike_is_not_a_disagreement(conflicted):
    answer = conflicted.ask("What was the planned budget of output MEX_D_2.1.1?")
    assert "$3.07 M" in answer.answer and "disagree" not in answer.answer
    assert answer.disagreements == []


def test_a_ranking_leaves_the_disputed_item_out_and_says_so(conflicted):
    answer = conflicted.ask("Which output has the largest shortfall?")
    first, *rest = answer.answer.splitlines()
    assert "MEX_D_2.1.1" not in first and "$9.99 M" not in first
    assert not any(line.startswith("Next:") and "MEX_D_2.1.1" in line for line in rest)
    assert (
        "Left out: output MEX_D_2.1.1, whose shortfall the indexed reports print differently: "
        "$9.99 M (mexico_forged.pdf, page 5) against $2.27 M (mexico_seed_pages.pdf, page 5)."
    ) in rest
    assert cited(answer, SEED_FILE, "Shortfall: $2.27 M")
    assert cited(answer, FORGED, "Shortfall: $9.99 M")


def test_a_total_leaves_the_disputed_item_out_and_counts_items_printed_alike_once(conflicted):
    answer = conflicted.ask("What is the total shortfall of the outputs under MEX_D_2.1?")
    assert "Total shortfall of the 2 outputs" in answer.answer
    assert "$252,460 (the sum of MEX_D_2.1.2 $182.48 K, MEX_D_2.1.3 $69.98 K" in answer.answer
    assert "Printed alike by two reports, so counted once: MEX_D_2.1.2" in answer.answer
    assert "Left out: output MEX_D_2.1.1" in answer.answer
    assert len(answer.disagreements) == 1


def test_the_sample_reports_and_their_editions_hold_no_disagreement(
    answerer, variant_dir, tmp_path, embedder
):
    assert disputes(answerer.catalog()) == {}  # the shared sample corpus
    store = open_store(tmp_path / "variants")  # other layouts, and Brazil in two editions
    summary = index_paths([variant_dir], store, embedder=embedder)
    assert not summary.failed
    assert disputes(Answerer(store, embedder=embedder).catalog()) == {}


def test_the_chat_flags_the_disagreement_in_red_beside_the_answer(conflicting, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from app.display import shown
    from tests.test_chat import CHAT

    monkeypatch.setenv("RESULTSQA_STORE", str(conflicting))
    app = AppTest.from_file(CHAT, default_timeout=180)
    app.run()
    app.chat_input[0].set_value("What was the shortfall on output MEX_D_2.1.1?").run()
    assert not app.exception
    warnings = [shown(w.value) for w in app.main.warning]
    assert (
        "Reports disagree on the shortfall of output MEX_D_2.1.1: $9.99 M in "
        "mexico_forged.pdf, page 5 against $2.27 M in mexico_seed_pages.pdf, page 5"
    ) in warnings
