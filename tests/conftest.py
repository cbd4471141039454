"""Shared fixtures: real PDFs built once per session, the real model loaded once, a store
in a temporary folder for every test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "indexing" / "sample_data" / "seed_MEX_D_2.1.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_40431d85d19755e1.txt"


def _open_systems() -> dict:
    from chromadb.api.shared_system_client import SharedSystemClient

    return SharedSystemClient._identifier_to_system


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Note the embedded indexes a test's own body opens (not its fixtures')."""
    before = set(_open_systems())
    try:
        return (yield)
    finally:
        item.stash[_OWN] = set(_open_systems()) - before


_OWN = pytest.StashKey[set]()


@pytest.fixture(autouse=True)
def _release_the_tests_own_indexes(request):
    """Close the embedded indexes a test opened for itself once it ends: each holds a dozen
    file descriptors, and a thousand tests' worth would pass the 1,024 that ``select()``
    can watch (the PDF reader's pipe then fails). Indexes of fixtures shared with later
    tests are kept; so is anything outside this test's own folders."""
    yield
    own = set(request.node.stash.get(_OWN, set()))
    folder = request.node.funcargs.get("tmp_path")
    if folder is not None:
        own |= {key for key in _open_systems() if key.startswith(str(folder))}
    from chromadb.api.shared_system_client import SharedSystemClient

    for key in own:
        system = _open_systems().pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
        if system is not None:
            system.stop()


@pytest.fixture(autouse=True)
def store_in_tmp(tmp_path, monkeypatch):
    """Every test gets its own data folder, so nothing touches the user's index."""
    monkeypatch.setenv("RESULTSQA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESULTSQA_STORE", raising=False)
    monkeypatch.delenv("RESULTSQA_CHROMA_URL", raising=False)
    monkeypatch.delenv("RESULTSQA_COLLECTION", raising=False)
    for name in ("URL", "MODEL", "API_KEY", "TIMEOUT"):  # a developer's own LLM stays out
        monkeypatch.delenv(f"RESULTSQA_LLM_{name}", raising=False)
    return tmp_path / "home" / "store"


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1 for the session; its URL."""
    from tests.servers import chroma_command, free_port, running

    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = chroma_command(folder / "data", port)
    with running(command, f"{url}/api/v2/heartbeat", folder / "server.log", timeout=90):
        yield url


@pytest.fixture(params=["embedded", "server"])
def backend(request, monkeypatch) -> str:
    """Run a test on an embedded store, then on the Chroma server in collections of its own.

    In server mode every command and API call goes to the server; ``--store`` is ignored.
    """
    if request.param == "server":
        monkeypatch.setenv("RESULTSQA_CHROMA_URL", request.getfixturevalue("chroma_server"))
        monkeypatch.setenv("RESULTSQA_COLLECTION", f"test_{uuid.uuid4().hex[:12]}")
    return request.param


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    from indexing.samples import build_samples

    folder = tmp_path_factory.mktemp("samples")
    build_samples(folder)
    return folder


@pytest.fixture(scope="session")
def variant_dir(tmp_path_factory) -> Path:
    """The sample reports in other offices' layouts (indexing.sample_variants)."""
    from indexing.samples import build_samples

    folder = tmp_path_factory.mktemp("variants")
    build_samples(folder, count=0, include_seed=False, variants=True)
    return folder


@pytest.fixture(scope="session")
def embedder():
    from indexing.embed import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def indexed_store(tmp_path_factory, sample_dir, embedder) -> Path:
    """One store holding the whole sample corpus, shared by the read-only answering tests."""
    from indexing.pipeline import index_paths
    from indexing.store import open_store

    path = tmp_path_factory.mktemp("indexed") / "store"
    store = open_store(path)
    summary = index_paths([sample_dir], store, embedder=embedder)
    assert not summary.failed
    return path


@pytest.fixture(scope="session")
def portal_dir(tmp_path_factory) -> Path:
    """The portal-style reports of the evaluation (``eval/portal.py``)."""
    from eval.portal import build_portal

    folder = tmp_path_factory.mktemp("portal")
    build_portal(folder)
    return folder


@pytest.fixture(scope="session")
def portal_store(tmp_path_factory, portal_dir, embedder) -> Path:
    """The index `make eval` builds of the portal-style reports."""
    from indexing.pipeline import index_paths
    from indexing.store import open_store

    path = tmp_path_factory.mktemp("portal-eval") / "store"
    summary = index_paths([portal_dir], open_store(path), embedder=embedder)
    assert not summary.failed
    return path


@pytest.fixture(scope="session")
def eval_store(tmp_path_factory, sample_dir, variant_dir, embedder) -> Path:
    """The corpus `make eval` builds: the samples and the reports in other layouts."""
    from indexing.pipeline import index_paths
    from indexing.store import open_store

    path = tmp_path_factory.mktemp("eval") / "store"
    summary = index_paths([sample_dir, variant_dir], open_store(path), embedder=embedder)
    assert not summary.failed
    return path


@pytest.fixture(scope="session")
def answerer(indexed_store, embedder):
    """An answerer over the shared sample store (read-only)."""
    from app.answering import Answerer
    from indexing.store import open_store

    return Answerer(open_store(indexed_store), embedder=embedder)


@pytest.fixture(scope="session")
def page_text(sample_dir):
    """A sample PDF's page text, spaces collapsed: what a citation's page must print."""
    from functools import cache

    from indexing.pdftext import read_pdf

    @cache
    def pages(file):
        return [" ".join(p.split()) for p in read_pdf(sample_dir / file).pages]

    return lambda file, page: pages(file)[page - 1]
