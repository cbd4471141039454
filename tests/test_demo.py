"""The fictional sample reports live in a demo index apart from the user's: what the command
line and the chat do with it, and the mark an answer drawn from a sample carries."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from app.display import shown
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import demo_name, open_store
from tests.commands import run
from tests.test_chat import ask as ask_in_chat
from tests.test_chat import main_text, start

KENYA = "What was the Kenya office's delivery rate in 2023?"
MEXICO = "What was the shortfall on output MEX_D_2.1.1?"


@pytest.fixture
def samples_in_the_demo(tmp_path):
    """What `make index` does on a fresh clone: the samples built and indexed."""
    home = tmp_path / "home"
    built = run("samples", "--count", "1")
    assert built.returncode == 0, built.stderr
    indexed = run("index", "--samples", "--quiet")
    assert indexed.returncode == 0, indexed.stderr
    assert "(demo index: the fictional samples)" in indexed.stdout
    return home, indexed


def test_the_samples_go_to_the_demo_index_and_yours_starts_empty(samples_in_the_demo):
    home, _ = samples_in_the_demo
    pdfs = sorted(path.name for path in (home / "samples").glob("*.pdf"))
    assert [doc["file"] for doc in open_store(home / "store", demo_name()).documents()] == pdfs
    assert open_store(home / "store").documents() == []
    # While yours is empty, questions go to the demo, and every command says so.
    status = run("status", "--json")
    info = json.loads(status.stdout)
    assert (info["index"], info["demo"], info["documents"]) == ("resultsqa-demo", True, len(pdfs))
    assert "Demo index: fictional sample reports" in status.stderr
    asked = run("ask", KENYA)
    assert asked.returncode == 0, asked.stderr
    assert "Demo index: fictional sample reports, made-up figures (your index is empty" in (
        asked.stderr
    )
    assert f"Fictional sample: {fictional_file(0)} is a fictional sample report" in asked.stdout


def test_your_index_answers_once_it_holds_a_report_and_the_demo_is_one_flag_away(
    samples_in_the_demo,
):
    home, _ = samples_in_the_demo
    indexed = run("index", home / "samples" / SEED_FILE, "--quiet")
    assert indexed.returncode == 0, indexed.stderr
    assert "demo" not in indexed.stdout
    info = json.loads(run("status", "--json").stdout)
    assert (info["index"], info["demo"]) == ("resultsqa", False)
    assert [doc["file"] for doc in info["files"]] == [SEED_FILE]
    asked = run("ask", MEXICO)
    assert "$2.27 M" in asked.stdout
    assert "Demo index" not in asked.stderr and "Fictional sample" not in asked.stdout
    # Kenya is only in the demo: your index does not hold it, and says so.
    kenya = run("ask", KENYA)
    assert "Fictional sample" not in kenya.stdout and "Kenya" in kenya.stdout
    demo = run("ask", "--demo", KENYA)
    assert "Demo index: fictional sample reports, made-up figures\n" in demo.stderr
    assert f"Fictional sample: {fictional_file(0)}" in demo.stdout


def test_indexing_the_samples_names_samples_left_in_your_index_by_an_older_version(
    samples_in_the_demo,
):
    home, _ = samples_in_the_demo
    samples = sorted(p for p in (home / "samples").glob("*.pdf") if p.name != SEED_FILE)
    # Before the demo had its own index, the samples were indexed into the user's.
    assert run("index", home / "samples", "--quiet").returncode == 0
    again = run("index", "--samples", "--quiet")
    assert again.returncode == 0, again.stderr
    assert f"your index also holds {len(samples)} fictional sample report(s)" in again.stderr
    assert "resultsqa remove PATH" in again.stderr
    removed = run("remove", *samples)
    assert removed.returncode == 0, removed.stderr
    assert "also holds" not in run("index", "--samples", "--quiet").stderr
    assert [doc["file"] for doc in open_store(home / "store").documents()] == [SEED_FILE]
    # The demo keeps its own copy: removing from yours does not touch it.
    demo = {doc["file"] for doc in open_store(home / "store", demo_name()).documents()}
    assert fictional_file(0) in demo


@pytest.mark.parametrize(
    ("question", "mark"),
    [
        (KENYA, f"Fictional sample: {fictional_file(0)} is a fictional sample report"),
        (MEXICO, None),
        (
            "¿Cuál fue la tasa de ejecución de la oficina de Kenia en 2023?",
            f"Muestra ficticia: {fictional_file(0)} es un informe de muestra ficticio",
        ),
    ],
)
def test_an_answer_drawn_from_a_sample_beside_real_reports_says_fictional_sample(
    answerer, question, mark
):
    """The shared index holds the real seed pages and the fictional samples together."""
    answer = answerer.ask(question)
    assert answer.found, answer.answer
    if mark is None:
        assert "Fictional sample" not in answer.answer
    else:
        assert mark in answer.answer


@pytest.fixture
def demo_only_store(tmp_path, sample_dir, embedder):
    """An index folder whose only index is the demo, holding the seed and one sample."""
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    for name in (SEED_FILE, fictional_file(0)):
        shutil.copy(sample_dir / name, pdfs / name)
    store = tmp_path / "store"
    assert not index_paths([pdfs], open_store(store, demo_name()), embedder=embedder).failed
    return store


def test_the_chat_opens_on_the_demo_while_your_index_is_empty_and_one_switch_changes_it(
    demo_only_store, monkeypatch
):
    app = start(demo_only_store, monkeypatch)
    assert app.session_state.index_view == "Demo: fictional samples"
    assert app.title[0].value == "resultsqa — demo"
    assert "fictional sample reports" in app.warning[0].value
    ask_in_chat(app, KENYA)
    assert f"Fictional sample: {fictional_file(0)}" in main_text(app)
    app.sidebar.radio(key="index_view").set_value("Your reports").run()
    assert not app.exception
    assert not app.warning and app.title[0].value == "resultsqa"
    assert any("No reports indexed yet" in shown(i.value) for i in app.sidebar.info)


def test_an_upload_while_the_demo_is_shown_goes_to_your_index_and_the_chat_follows(
    demo_only_store, sample_dir, monkeypatch
):
    app = start(demo_only_store, monkeypatch)
    app.sidebar.file_uploader(key="uploads").set_value(
        [("colombia.pdf", (sample_dir / fictional_file(1)).read_bytes(), "application/pdf")]
    ).run()
    app.sidebar.button(key="index_uploads").click().run()
    assert not app.exception
    assert app.session_state.index_view == "Your reports"
    yours = [doc["file"] for doc in open_store(demo_only_store).documents()]
    demo = [doc["file"] for doc in open_store(demo_only_store, demo_name()).documents()]
    assert yours == ["colombia.pdf"] and "colombia.pdf" not in demo
    assert any(" 1 documents · " in f" {m.value}" for m in app.sidebar.markdown)


@pytest.fixture(scope="module")
def sample_budget_answer(answerer):
    """A shortfall answer from a fictional sample's budget table, beside the real seed."""
    catalog = answerer.catalog()
    samples = {d["file"] for d in catalog.documents.values() if d.get("sample")}
    code = next(e.record.code for e in catalog.of("output") if e.file in samples)
    answer = answerer.ask(f"What was the shortfall on output {code}?")
    assert answer.found and answer.facts, answer.answer
    return answer


def test_a_sample_figure_carries_its_mark_into_the_table_the_chart_and_the_exports(
    answerer, sample_budget_answer
):
    import docx

    from app.briefing import Briefing
    from app.charts import chart_for

    answer = sample_budget_answer
    assert all(f.where().endswith(" (fictional sample)") for f in answer.facts if f.file)
    assert all(c.where().endswith(" (fictional sample)") for c in answer.citations)
    chart = chart_for(answer, answerer.catalog())
    assert chart is not None and chart.source.endswith(" (fictional sample)")
    real = answerer.ask(MEXICO)
    assert not any(f.sample for f in real.facts) and not any(c.sample for c in real.citations)
    briefing = Briefing()
    briefing.add(answer, chart)
    briefing.add(real, chart_for(real, answerer.catalog()))
    markdown = briefing.to_markdown()
    ours, theirs = markdown.split("## 2. ")
    assert "Fictional sample: " in ours and "Fictional sample" not in theirs
    assert f"| {answer.facts[0].display} | {answer.facts[0].file}, p. " in ours
    assert " (fictional sample) |" in ours and "(fictional sample)" not in theirs
    assert f"[1.1] {answer.citations[0].file}, page {answer.citations[0].page} (fictional" in ours
    words = docx.Document(io.BytesIO(briefing.to_docx()))
    text = "\n".join(p.text for p in words.paragraphs)
    cells = [c.text for t in words.tables for row in t.rows for c in row.cells]
    assert "Fictional sample: " in text and "(fictional sample) —" in text
    assert any(c.endswith(" (fictional sample)") for c in cells)


def test_an_llm_draft_keeps_the_fictional_sample_line(answerer, sample_budget_answer, monkeypatch):
    from app.synthesis import Synthesizer
    from tests.llm_server import faithful, grounded_answer, llm_server

    def dropping_it(request: dict) -> str:
        kept = grounded_answer(request).split("Fictional sample:")[0].strip()
        return f"According to the report, {kept} [1]"

    for reply in (dropping_it, faithful):  # the model drops the line, or keeps it
        with llm_server(reply) as server:
            monkeypatch.setenv("RESULTSQA_LLM_URL", server.url)
            monkeypatch.setenv("RESULTSQA_LLM_MODEL", "briefing-model")
            answer = Synthesizer.from_env().rewrite(sample_budget_answer)
        assert answer.synthesis["used"], answer.synthesis
        assert answer.answer.startswith("According to the report, ")
        assert answer.answer.count("Fictional sample:") == 1
        assert "is a fictional sample report; its figures are made up." in answer.answer
