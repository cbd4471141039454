"""The resultsqa command end to end, as separate processes on a real store in tmp_path."""

from __future__ import annotations

import json
import re

import pytest

from indexing.samples import SEED_FILE, fictional_file
from tests.badfiles import make_bad_file
from tests.commands import run


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory, sample_dir):
    """Indexed by the CLI itself, once for this module."""
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("index", sample_dir, "--quiet", store=store)
    assert result.returncode == 0, result.stderr
    assert "Indexed 5 file(s)" in result.stdout
    return store


def test_status_json_counts_documents_and_records(cli_store):
    result = run("status", "--json", store=cli_store)
    status = json.loads(result.stdout)
    assert status["documents"] == 5
    assert status["records"] > 250
    assert status["store"] == str(cli_store)
    samples = {f["file"]: f["sample"] for f in status["files"]}
    assert samples[SEED_FILE] is False and samples[fictional_file(0)] is True


def test_reindex_adds_nothing(cli_store, sample_dir):
    before = json.loads(run("status", "--json", store=cli_store).stdout)["records"]
    result = run("index", sample_dir, "--quiet", store=cli_store)
    assert result.returncode == 0
    assert "5 unchanged" in result.stdout
    assert json.loads(run("status", "--json", store=cli_store).stdout)["records"] == before


def test_a_second_index_in_the_same_folder_embeds_nothing_again(cli_store, sample_dir):
    from indexing.embed import model_id

    result = run(
        "index", sample_dir, "--quiet", store=cli_store, env={"RESULTSQA_COLLECTION": "again"}
    )
    assert result.returncode == 0, result.stderr
    texts = re.search(r", (\d+) of (\d+) texts embedded before", result.stdout)
    assert texts and texts[1] == texts[2] and int(texts[1]) > 250, result.stdout
    status = json.loads(
        run("status", "--json", store=cli_store, env={"RESULTSQA_COLLECTION": "again"}).stdout
    )
    assert {f["model"] for f in status["files"]} == {model_id()}


def test_ask_json_has_the_figure_and_its_citation(cli_store):
    result = run("ask", "What was the shortfall on output MEX_D_2.1.1?", "--json", store=cli_store)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= {"question", "answer", "citations", "facts", "elapsed_ms"}
    assert "$2.27 M" in answer["answer"]
    citation = answer["citations"][0]
    assert set(citation) == {"file", "page", "section", "quote", "highlight", "sample"}
    # The seed pages are real report text: no fictional sample.
    assert (citation["file"], citation["page"], citation["sample"]) == (SEED_FILE, 5, False)
    assert answer["facts"][0]["sample"] is False
    assert isinstance(citation["page"], int)
    assert citation["quote"] == "Shortfall: $2.27 M"
    assert answer["facts"][0]["value"] == 2_270_000


def test_ask_batch_mode_answers_one_line_per_question(cli_store):
    questions = (
        "What was the shortfall on output MEX_D_2.1.2?\n"
        "How many women were reached with labour-rights information in 2021?\n"
        "What is the gender pay gap in Peru?\n"
    )
    result = run("ask", "-", "--json", input=questions, store=cli_store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    answers = [json.loads(line) for line in lines]
    assert "$182.48 K" in answers[0]["answer"]
    assert "59" in answers[1]["answer"]
    assert answers[2]["answer"].startswith("Not in the indexed reports")
    assert answers[2]["citations"] == [] and answers[2]["facts"] == []


def test_plain_ask_prints_the_sources(cli_store):
    result = run("ask", "Who are the UN partners on the Mexico outcome?", store=cli_store)
    assert "UNAIDS, UNDP, UNFPA, UNICEF" in result.stdout
    assert f"[1] {SEED_FILE}, page 1" in result.stdout


def test_bad_file_among_good_ones_exits_1_naming_it(tmp_path, sample_dir):
    store = tmp_path / "store"
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / SEED_FILE).write_bytes((sample_dir / SEED_FILE).read_bytes())
    bad = make_bad_file("not_a_pdf", folder, sample_dir)
    scanned = make_bad_file("scanned", folder, sample_dir)
    result = run("index", folder, "--quiet", store=store)
    assert result.returncode == 1
    assert f"error: {bad}: not a PDF" in result.stderr
    assert f"error: {scanned}: no text layer, looks scanned; OCR is not supported" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Indexed 1 file(s)" in result.stdout
    status = json.loads(run("status", "--json", store=store).stdout)
    assert status["documents"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("index",),
        ("index", "/no/such/folder"),
        ("ask",),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_ask_without_an_index_says_how_to_build_one(tmp_path):
    result = run("ask", "anything", store=tmp_path / "nothing-here")
    assert result.returncode == 1
    assert "no index at" in result.stderr and "resultsqa index" in result.stderr
