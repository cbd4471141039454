"""A report is known by its office, plan period and data year; its bytes are its version."""

from __future__ import annotations

import json
import shutil

import pytest

from app.answering import Answerer
from indexing.pipeline import index_paths
from indexing.samples import fictional_file
from indexing.store import open_store
from tests.commands import run
from tests.copies import downloaded_again

KENYA = fictional_file(0)
COLOMBIA = fictional_file(1)


@pytest.fixture
def store(store_in_tmp):
    return open_store(store_in_tmp)


def test_a_report_downloaded_again_is_one_document_and_counted_once(
    store, sample_dir, tmp_path, embedder
):
    first = tmp_path / "a" / KENYA
    first.parent.mkdir()
    shutil.copy2(sample_dir / KENYA, first)
    index_paths([first], store, embedder=embedder)
    answerer = Answerer(store, embedder=embedder)
    question = "How much did each funding partner give to Kenya's outcomes in total?"
    before = answerer.ask(question)

    again = downloaded_again(first, tmp_path / "b" / "kenya (1).pdf")
    summary = index_paths([first.parent, again.parent], store, embedder=embedder)
    (replaced,) = [r for r in summary.results if r.status == "replaced"]
    assert replaced.path == str(again)
    assert replaced.reason.startswith("replaced an earlier copy of Kenya, plan 2022-2025, 2023")

    documents = store.documents()
    assert [d["path"] for d in documents] == [str(again.resolve())]
    outcomes = store.get(where={"kind": "outcome"})
    assert len(outcomes) == len({h.metadata["outcome_code"] for h in outcomes})
    after = answerer.ask(question)
    assert after.answer.replace("kenya (1).pdf", KENYA) == before.answer
    assert [f.value for f in after.facts] == [f.value for f in before.facts]

    # Both copies stay on disk: indexing them again keeps the newer and changes nothing.
    count = store.count()
    again_summary = index_paths([first.parent, again.parent], store, embedder=embedder)
    assert [r.status for r in again_summary.results] == ["unchanged", "unchanged"]
    assert "older copy" in again_summary.results[0].reason
    assert store.count() == count and len(store.documents()) == 1


def test_a_path_whose_bytes_became_another_report_answers_what_it_now_holds(
    store, sample_dir, tmp_path, embedder
):
    path, other = tmp_path / "report.pdf", tmp_path / "other.pdf"
    shutil.copy(sample_dir / KENYA, path)
    shutil.copy(sample_dir / COLOMBIA, other)
    index_paths([path, other], store, embedder=embedder)
    shutil.copy(other, path)  # the file is now the Colombia report, byte for byte
    (result,) = index_paths([path], store, embedder=embedder).results
    assert result.status == "unchanged"
    assert "same content as" in result.reason and "removed from the index" in result.reason
    assert store.get(where={"iso3": "KEN"}) == []
    assert [d["path"] for d in store.documents()] == [str(other.resolve())]
    answer = Answerer(store, embedder=embedder).ask("What did Kenya's violence work achieve?")
    assert KENYA not in json.dumps(answer.to_json()) and "report.pdf" not in answer.answer


def test_editions_of_one_report_are_both_kept(store, variant_dir, embedder):
    editions = [variant_dir / "sample_brazil_2021.pdf", variant_dir / "sample_brazil_2023.pdf"]
    summary = index_paths(editions, store, embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed", "indexed"]
    documents = {d["file"]: d for d in store.documents()}
    assert {name: d["data_years"] for name, d in documents.items()} == {
        "sample_brazil_2021.pdf": "2021",
        "sample_brazil_2023.pdf": "2022,2023",
    }
    assert {d["office_code"] for d in documents.values()} == {"BRA"}
    assert {d["plan_period"] for d in documents.values()} == {"2017-2023"}
    notes = store.get(where={"$and": [{"kind": "sentence"}, {"source": "note"}]})
    years = {(h.metadata["file"], h.metadata["data_year"]) for h in notes}
    assert years == {
        ("sample_brazil_2021.pdf", 2021),
        ("sample_brazil_2023.pdf", 2022),
        ("sample_brazil_2023.pdf", 2023),
    }


def test_status_json_lists_each_documents_office_plan_period_years_and_version(
    store_in_tmp, variant_dir
):
    assert run("index", variant_dir, store=store_in_tmp).returncode == 0
    result = run("status", "--json", store=store_in_tmp)
    files = {f["file"]: f for f in json.loads(result.stdout)["files"]}
    rows = {
        name: (f["office"], f["office_code"], f["plan_period"], f["data_years"], f["iso3"])
        for name, f in files.items()
    }
    assert rows == {
        "sample_timor-leste.pdf": ("Timor-Leste Country Office", "TLS", "2018-2022", "2022", "TLS"),
        "sample_europe_central_asia.pdf": (
            "Europe and Central Asia Regional Office",
            "ECA",
            "2022-2025",
            "2023",
            "",
        ),
        "sample_moldova.pdf": ("Moldova Country Office", "RD", "2023-2027", "2023", "MDA"),
        "sample_brazil_2021.pdf": ("Brazil", "BRA", "2017-2023", "2021", "BRA"),
        "sample_brazil_2023.pdf": ("Brazil", "BRA", "2017-2023", "2022,2023", "BRA"),
    }
    assert all(len(f["version"]) == 12 for f in files.values())
