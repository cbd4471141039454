"""Shared fixtures: real PDFs built once per session, the real model loaded once, a store
in a temporary folder for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "indexing" / "sample_data" / "seed_MEX_D_2.1.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_40431d85d19755e1.txt"


@pytest.fixture(autouse=True)
def store_in_tmp(tmp_path, monkeypatch):
    """Every test gets its own data folder, so nothing touches the user's index."""
    monkeypatch.setenv("RESULTSQA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESULTSQA_STORE", raising=False)
    monkeypatch.delenv("RESULTSQA_CHROMA_URL", raising=False)
    return tmp_path / "home" / "store"


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
