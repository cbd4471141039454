"""RESULTSQA_CHROMA_URL: the same index and answers against a real Chroma server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.answer import Answerer
from indexing.errors import StoreError
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE
from indexing.store import open_store
from tests.servers import free_port, running

CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    command = [
        str(CHROMA),
        "run",
        "--path",
        str(folder / "data"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    with running(command, f"{url}/api/v2/heartbeat", folder / "server.log", timeout=90):
        yield url


def test_index_and_ask_against_a_chroma_server(chroma_url, monkeypatch, sample_dir, embedder):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_url)
    store = open_store()
    assert store.location == chroma_url
    first = index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in first.results] == ["indexed"]
    again = index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in again.results] == ["unchanged"]
    answer = Answerer(open_store(), embedder=embedder).ask(
        "How many women were reached with labour-rights information in 2021?"
    )
    assert "reported result: 59" in answer.answer
    assert (answer.citations[0].file, answer.citations[0].page) == (SEED_FILE, 9)


def test_unreachable_server_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach the Chroma server at http://127.0.0.1"):
        open_store()


def test_a_server_that_goes_away_gets_a_clear_error_then_works_again(
    tmp_path, monkeypatch, sample_dir, embedder
):
    port = free_port()
    command = [
        str(CHROMA),
        "run",
        "--path",
        str(tmp_path / "data"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
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
