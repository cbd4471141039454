"""RESULTSQA_CHROMA_URL: the same index and answers against a real Chroma server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app.answer import Answerer
from indexing.errors import StoreError
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE
from indexing.store import open_store

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(CHROMA),
            "run",
            "--path",
            str(folder / "data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"chroma server exited: {(folder / 'server.log').read_text()}")
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("chroma server did not start within 90 s")
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


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
