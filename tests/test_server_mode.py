"""RESULTSQA_CHROMA_URL: the same index and answers against a real Chroma server."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.answering import Answerer
from indexing.errors import StoreError
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE, build_samples, fictional_file
from indexing.store import open_store, server_client
from tests.commands import RESULTSQA, environment, run
from tests.servers import chroma_command, free_port, rewriting_proxy, running

CHAT = str(Path(__file__).resolve().parent.parent / "app" / "chat.py")


def test_index_and_ask_against_a_chroma_server(chroma_server, monkeypatch, sample_dir, embedder):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "ask_on_server")
    store = open_store()
    assert store.location == chroma_server
    first = index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in first.results] == ["indexed"]
    again = index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in again.results] == ["unchanged"]
    answer = Answerer(open_store(), embedder=embedder).ask(
        "How many women were reached with labour-rights information in 2021?"
    )
    assert "reported result: 59" in answer.answer
    assert (answer.citations[0].file, answer.citations[0].page) == (SEED_FILE, 9)


def test_a_catalog_on_a_server_is_kept_until_another_client_changes_the_index(
    chroma_server, monkeypatch, sample_dir, embedder
):
    from app.catalog import catalog_for

    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "catalog_on_server")
    reader, writer = open_store(), open_store()
    index_paths([sample_dir / SEED_FILE], writer, embedder=embedder)
    first = catalog_for(reader)
    assert reader.version() and catalog_for(reader) is first
    # Another client (its own Store) indexes a second report: the reader sees it at once.
    index_paths([sample_dir / fictional_file(0)], writer, embedder=embedder)
    second = catalog_for(reader)
    assert second is not first
    assert len(second.documents) == 2 and catalog_for(reader) is second
    answer = Answerer(reader, embedder=embedder).ask(
        "Which output in Kenya has the largest shortfall?"
    )
    assert "KEN_D_" in answer.answer


def test_unreachable_server_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach the Chroma server at http://127.0.0.1"):
        open_store()


def test_a_server_that_goes_away_gets_a_clear_error_then_works_again(
    tmp_path, monkeypatch, sample_dir, embedder
):
    port = free_port()
    command = chroma_command(tmp_path / "data", port)
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", url)
    with running(command, f"{url}/api/v2/heartbeat", tmp_path / "first.log", timeout=90):
        store = open_store()
        index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    answerer = Answerer(store, embedder=embedder)
    with pytest.raises(StoreError, match=f"lost the Chroma server at {url}"):
        answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    with running(command, f"{url}/api/v2/heartbeat", tmp_path / "second.log", timeout=90):
        answer = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    assert "shortfall $2.27 M" in answer.answer


def test_chat_and_status_work_against_a_chroma_server(
    chroma_server, monkeypatch, sample_dir, embedder
):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "chat_on_server")
    index_paths([sample_dir / SEED_FILE], open_store(), embedder=embedder)
    status = json.loads(run("status", "--json").stdout)
    assert (status["store"], status["index"], status["documents"]) == (
        chroma_server,
        "chat_on_server",
        1,
    )
    app = AppTest.from_file(CHAT, default_timeout=180)
    app.run()
    assert not app.exception
    documents = next(e for e in app.sidebar.expander if e.label == "Documents")
    assert SEED_FILE in " ".join(m.value for m in documents.markdown)
    app.chat_input[0].set_value("What was the shortfall on output MEX_D_2.1.1?").run()
    assert not app.exception
    assert "$2.27 M" in " ".join(m.value for m in app.main.markdown)


def test_chat_says_so_when_the_server_is_unreachable(monkeypatch):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    app = AppTest.from_file(CHAT, default_timeout=60)
    app.run()
    assert not app.exception
    assert "cannot reach the Chroma server" in " ".join(e.value for e in app.main.error)


def test_eval_on_a_server_uses_collections_of_its_own_and_removes_them(
    chroma_server, monkeypatch, sample_dir, embedder, tmp_path
):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "team_index")
    index_paths([sample_dir / fictional_file(0)], open_store(), embedder=embedder)
    team_before = open_store().status()
    names_before = sorted(c.name for c in server_client(chroma_server).list_collections())

    result = run("eval", "--json", "--out", tmp_path / "report.md", "--every", "4")
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["store"] == chroma_server
    assert summary["systems"]["resultsqa"]["answer_accuracy"] >= 0.95
    assert f"the Chroma server at {chroma_server}" in (tmp_path / "report.md").read_text()

    assert sorted(c.name for c in server_client(chroma_server).list_collections()) == names_before
    assert open_store().status() == team_before


@pytest.mark.parametrize("name", ["ab", "has space", "-dash-first", "x" * 60, "a/b"])
def test_an_unusable_index_name_is_a_clear_error(monkeypatch, name):
    monkeypatch.setenv("RESULTSQA_COLLECTION", name)
    result = run("status")
    assert result.returncode == 1
    assert f"RESULTSQA_COLLECTION={name!r} is not a usable index name" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_machines_indexing_into_one_server_at_once_add_no_duplicates(
    chroma_server, monkeypatch, tmp_path
):
    """Each writer has its own data folder, so its own lock, as on two machines."""
    batch = tmp_path / "batch"
    build_samples(batch, count=4, include_seed=True)
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "two_machines")
    writers = [
        subprocess.Popen(
            [str(RESULTSQA), "index", str(batch), "--quiet"],
            env=environment({"RESULTSQA_HOME": str(tmp_path / f"machine{n}")}),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    together = open_store().status()
    monkeypatch.setenv("RESULTSQA_COLLECTION", "one_machine")
    assert run("index", batch, "--quiet").returncode == 0
    alone = open_store().status()
    assert (together["documents"], together["records"]) == (alone["documents"], alone["records"])
    assert together["files"] == alone["files"]


def _nan_pages(path: str, body: bytes) -> bytes:
    return re.sub(rb'"page_count":\s*\d+', b'"page_count": NaN', body)


def _cut(path: str, body: bytes) -> bytes:
    return body[: len(body) // 2] if b'"metadatas"' in body else body


@pytest.mark.parametrize("rewrite", [_nan_pages, _cut], ids=["NaN in metadata", "cut short"])
def test_a_server_sending_impossible_or_malformed_data_gets_a_clear_error(
    chroma_server, monkeypatch, sample_dir, rewrite
):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", f"test_{uuid.uuid4().hex[:12]}")
    assert run("index", sample_dir / SEED_FILE, "--quiet").returncode == 0
    with rewriting_proxy(chroma_server, rewrite) as proxy:
        monkeypatch.setenv("RESULTSQA_CHROMA_URL", proxy)
        for args in (("status",), ("ask", "What was the shortfall on output MEX_D_2.1.1?")):
            result = run(*args)
            assert result.returncode == 1, result.stdout
            assert "Traceback" not in result.stderr, result.stderr[-1500:]
            assert f"Error: the Chroma server at {proxy} sent" in result.stderr
            assert "nan pages" not in result.stdout.lower()
