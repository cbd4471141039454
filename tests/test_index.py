"""Indexing into a real Chroma store in a temporary folder, with the real model."""

from __future__ import annotations

import shutil

import pytest

from indexing.errors import BadReportError
from indexing.pdftext import read_pdf
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store
from tests.badfiles import BAD_FILES, make_bad_file


@pytest.fixture
def store(store_in_tmp, backend):
    return open_store(store_in_tmp)


def test_index_stores_every_kind_of_record_with_filterable_metadata(store, sample_dir, embedder):
    summary = index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed"]
    kinds = {}
    for hit in store.get():
        kinds[hit.metadata["kind"]] = kinds.get(hit.metadata["kind"], 0) + 1
    assert kinds["outcome"] == 1 and kinds["outcome_budget"] == 1 and kinds["funding"] == 1
    assert kinds["output"] == 3 and kinds["indicator"] == 39
    # The progress note, sentence by sentence, each with the figures it states.
    notes = store.get(where={"$and": [{"kind": "sentence"}, {"source": "note"}]})
    assert len(notes) == 6 and {h.metadata["outcome_code"] for h in notes} == {"MEX_D_2.1"}
    assert {h.metadata["page"] for h in notes} == {11}
    assert kinds["page"] >= 11
    (output,) = store.get(where={"$and": [{"output_code": "MEX_D_2.1.1"}, {"kind": "output"}]})
    assert output.metadata["shortfall"] == 2_270_000
    assert output.metadata["country"] == "Mexico" and output.metadata["iso3"] == "MEX"
    assert output.metadata["file"] == SEED_FILE
    big = store.get(where={"$and": [{"kind": "output"}, {"shortfall": {"$gte": 1_000_000}}]})
    assert [h.metadata["output_code"] for h in big] == ["MEX_D_2.1.1"]
    labour = store.get(
        where={"$and": [{"kind": "indicator"}, {"milestone_2021": 100}, {"result_2021": 59}]}
    )
    assert len(labour) == 1 and labour[0].metadata["target"] == 320
    assert labour[0].metadata["pages"] == [9]


def test_sentences_are_stored_with_the_figures_they_state(store, sample_dir, embedder):
    import json

    index_paths([sample_dir / fictional_file(0)], store, embedder=embedder)
    shares = store.get(where={"$and": [{"kind": "sentence"}, {"states_percent": True}]})
    assert shares
    for hit in shares:
        sentence = json.loads(hit.metadata["record"])
        percents = [f for f in sentence["figures"] if f["kind"] == "percent"]
        assert percents and all(f["text"] in hit.text for f in percents)
        assert hit.metadata["country"] == "Kenya" and hit.metadata["data_year"] == 2023
        assert hit.metadata["outcome_code"].startswith("KEN_D_")
    rate = next(h for h in shares if "delivery rate" in h.text)
    assert rate.metadata["states_money"] is True  # "the CO managed a budget of USD …"


def test_index_skips_unchanged_files(store, sample_dir, embedder):
    first = index_paths([sample_dir], store, embedder=embedder)
    assert len(first.indexed) == 5 and not first.failed
    count = store.count()
    second = index_paths([sample_dir], store, embedder=embedder)
    assert [r.status for r in second.results] == ["unchanged"] * 5
    assert store.count() == count
    assert store.status()["documents"] == 5


def test_changed_file_replaces_its_old_records(store, sample_dir, tmp_path, embedder):
    path = tmp_path / "report.pdf"
    shutil.copy(sample_dir / fictional_file(0), path)
    index_paths([path], store, embedder=embedder)
    old_ids = {h.id for h in store.get()}
    shutil.copy(sample_dir / fictional_file(1), path)
    summary = index_paths([path], store, embedder=embedder)
    assert summary.results[0].status == "replaced"
    new_ids = {h.id for h in store.get()}
    assert not old_ids & new_ids
    assert {h.metadata["iso3"] for h in store.get(where={"kind": "outcome"})} == {"COL"}
    assert store.status()["documents"] == 1


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_named_with_its_reason(tmp_path, sample_dir, kind):
    path = make_bad_file(kind, tmp_path, sample_dir)
    with pytest.raises(BadReportError) as raised:
        read_pdf(path)
    assert str(path) in str(raised.value)
    assert BAD_FILES[kind] in raised.value.reason


def test_bad_file_among_good_ones_keeps_what_was_indexed(store, sample_dir, tmp_path, embedder):
    index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    before = store.count()
    bad = make_bad_file("truncated", tmp_path, sample_dir)
    summary = index_paths([bad, sample_dir / fictional_file(2)], store, embedder=embedder)
    assert [r.status for r in summary.results] == ["failed", "indexed"]
    assert "damaged or truncated" in summary.results[0].reason
    assert store.count() > before
    assert len(store.get(where={"file": SEED_FILE})) == before


def test_pdf_of_another_layout_is_indexed_as_page_text(store, tmp_path, embedder):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Minutes of the annual staff retreat, held by the lake.")
    path = tmp_path / "minutes.pdf"
    pdf.output(str(path))
    summary = index_paths([path], store, embedder=embedder)
    assert summary.results[0].status == "indexed"
    assert "not a results report" in summary.results[0].warnings[0]
    assert {h.metadata["kind"] for h in store.get()} == {"page", "sentence"}
    from app.answering import Answerer

    answer = Answerer(store, embedder=embedder).ask("Where was the annual staff retreat held?")
    assert answer.found, answer.answer
    assert "held by the lake" in answer.answer
    assert (answer.citations[0].file, answer.citations[0].page) == ("minutes.pdf", 1)
