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


def _first_pages(source, target, count: int):
    """A forgery: the first ``count`` pages of a real report, as a file of their own."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages[:count]:
        writer.add_page(page)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def test_a_file_holding_part_of_a_report_never_takes_its_place(
    store, sample_dir, tmp_path, embedder
):
    real = sample_dir / KENYA
    index_paths([real], store, embedder=embedder)
    # Kenya's first seven pages: its office, plan, data year and one of its two outcomes.
    forged = _first_pages(real, tmp_path / "elsewhere" / "kenya_update.pdf", 7)
    (result,) = index_paths([forged], store, embedder=embedder).results
    assert result.status == "indexed" and "replaced" not in result.reason
    assert {d["file"] for d in store.documents()} == {KENYA, "kenya_update.pdf"}
    # The real report's other outcome is still there, and still answers.
    assert {h.metadata["file"] for h in store.get(where={"outcome_code": "KEN_D_2.3"})} == {KENYA}


def test_the_whole_report_indexed_after_a_part_of_it_replaces_the_part(
    store, sample_dir, tmp_path, embedder
):
    real = sample_dir / KENYA
    part = _first_pages(real, tmp_path / "elsewhere" / "kenya_part.pdf", 7)
    index_paths([part], store, embedder=embedder)
    (result,) = index_paths([real], store, embedder=embedder).results
    assert result.status == "replaced"
    assert result.reason.startswith("replaced an earlier copy of Kenya") and "kenya_part" in (
        result.reason
    )
    assert [d["file"] for d in store.documents()] == [KENYA]


@pytest.mark.parametrize(
    ("year", "doubt"),
    [
        ("2099", "its data year 2099 is still to come"),
        ("1901", "its data year 1901 is before any results report"),
        ("2017", "its data year 2017 is outside its plan period 2020-2025"),
    ],
)
def test_an_edition_with_a_data_year_that_cant_be_is_flagged_and_never_the_default(
    year, doubt, store, tmp_path, embedder
):
    from indexing.samples import SEED_FILE, render_pdf, seed_print_pages

    real = tmp_path / SEED_FILE
    render_pdf(seed_print_pages(), real)
    pages = seed_print_pages()
    for page in pages:
        for line in page:
            line.text = line.text.replace("SHOWING DATA OF : 2022", f"SHOWING DATA OF : {year}")
            line.text = line.text.replace("Shortfall: $2.27 M", "Shortfall: $9.99 M")
    render_pdf(pages, tmp_path / "mexico_claimed.pdf")
    summary = index_paths([real, tmp_path / "mexico_claimed.pdf"], store, embedder=embedder)
    claimed = next(r for r in summary.results if r.path.endswith("mexico_claimed.pdf"))
    assert claimed.status == "indexed"
    assert f"{doubt}: indexed, but it answers only when that year is asked for" in (
        claimed.warnings
    )
    answerer = Answerer(store, embedder=embedder)
    answer = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    assert "$2.27 M" in answer.answer and "$9.99 M" not in answer.answer
    assert f"also indexed: {year} (its data year doubtful)" in answer.answer
    if year == "2017":  # a year a question can name: that edition answers it
        asked = answerer.ask(f"What was the shortfall on output MEX_D_2.1.1 in {year}?")
        assert "$9.99 M" in asked.answer


def test_forged_subsets_and_supersets_never_remove_a_report_unsaid_and_the_original_returns(
    sample_dir, tmp_path_factory, embedder
):
    """Property: any subset of a report's pages (forged or not), indexed after the report,
    never removes the report's records without saying so; indexing the original again
    always brings every outcome of it back."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from pypdf import PdfReader, PdfWriter

    real = sample_dir / KENYA
    pages = len(PdfReader(real).pages)
    outcomes = {"KEN_D_1.3", "KEN_D_2.3"}

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sets(st.integers(0, pages - 1), min_size=1, max_size=pages))
    def check(kept: set[int]) -> None:
        folder = tmp_path_factory.mktemp("forged")
        store = open_store(folder / "store")
        index_paths([real], store, embedder=embedder)
        writer = PdfWriter()
        reader = PdfReader(real)
        for number in sorted(kept):
            writer.add_page(reader.pages[number])
        forged = folder / "kenya_forged.pdf"
        with open(forged, "wb") as handle:
            writer.write(handle)
        (result,) = index_paths([forged], store, embedder=embedder).results
        held = {h.metadata.get("outcome_code") for h in store.get(where={"file": KENYA})}
        if not outcomes <= held:  # the real report's records went: only ever by a replacement
            assert result.status == "replaced" and "replaced an earlier copy" in result.reason
            forged_codes = {
                h.metadata.get("outcome_code") for h in store.get(where={"file": forged.name})
            }
            assert outcomes <= forged_codes  # and only by a file holding all of it
        index_paths([real], store, embedder=embedder)
        back = {h.metadata.get("outcome_code") for h in store.get(where={"file": KENYA})}
        assert outcomes <= back

    check()
