"""Each text is embedded once: the vectors outlast the run, editions share them, and
another model never reads them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from indexing.embed import OnnxEmbedder
from indexing.pdftext import read_bytes
from indexing.pipeline import index_paths, prepare_file
from indexing.store import open_store
from indexing.vectors import Vectors, cache_path, text_hash


class Counting:
    """A real embedder that remembers every text it was run on."""

    def __init__(self, embedder, model_id: str | None = None):
        self.embedder = embedder
        self.model_id = model_id or embedder.model_id
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.seen += texts
        return self.embedder.embed(texts)


def texts_to_embed(path: Path) -> set[str]:
    """What a file's chunks give the model, read straight from the file."""
    prepared = prepare_file(path, str(path.resolve()), read_bytes(path), path.stat().st_mtime)
    return {chunk.to_embed for chunk in prepared.chunks}


@pytest.fixture
def editions(variant_dir, tmp_path) -> tuple[Path, Path]:
    older, newer = tmp_path / "2021", tmp_path / "2023"
    for folder, name in ((older, "sample_brazil_2021.pdf"), (newer, "sample_brazil_2023.pdf")):
        folder.mkdir()
        shutil.copy(variant_dir / name, folder / name)
    return older, newer


def test_a_second_edition_embeds_only_the_texts_the_first_did_not_have(
    editions, embedder, tmp_path
):
    older, newer = editions
    store = open_store(tmp_path / "store")
    first = Counting(embedder)
    index_paths([older], store, embedder=first)
    second = Counting(embedder)
    summary = index_paths([newer], store, embedder=second)

    wanted = texts_to_embed(next(newer.iterdir()))
    had = texts_to_embed(next(older.iterdir()))
    assert set(first.seen) == had
    assert set(second.seen) == wanted - had
    assert 0 < summary.embedded == len(wanted - had) < len(wanted)
    assert summary.texts >= len(wanted)


def test_vectors_from_the_cache_are_the_vectors_the_model_gives(embedder, tmp_path):
    path = tmp_path / "embeddings.sqlite3"
    texts = ["women entrepreneurs reached with credit", "gender-responsive budgeting", "x"]
    with Vectors(path) as vectors:
        fresh = vectors.embed(embedder, texts)
    counting = Counting(embedder)
    with Vectors(path) as vectors:  # another run, another process: only the file carries them
        cached = vectors.embed(counting, texts)
        assert vectors.embedded == 0 and vectors.asked == 3
    assert counting.seen == []
    assert np.array_equal(np.asarray(cached, dtype=np.float32), np.asarray(fresh, np.float32))


def test_another_model_id_embeds_again_and_keeps_its_own_vectors(embedder, tmp_path):
    path = tmp_path / "embeddings.sqlite3"
    with Vectors(path) as vectors:
        vectors.embed(embedder, ["a shelter for survivors"])
    other = Counting(embedder, model_id="some-other-export-float32")
    with Vectors(path) as vectors:
        vectors.embed(other, ["a shelter for survivors"])
    assert other.seen == ["a shelter for survivors"]
    with sqlite3.connect(path) as db:
        models = {row[0] for row in db.execute("SELECT model FROM vectors")}
    assert models == {embedder.model_id, "some-other-export-float32"}


def test_a_vector_of_the_wrong_size_in_the_cache_is_embedded_anew(embedder, tmp_path):
    path = tmp_path / "embeddings.sqlite3"
    with Vectors(path) as vectors:
        right = vectors.embed(embedder, ["paid care work"])[0]
    with sqlite3.connect(path) as db:
        db.execute("UPDATE vectors SET vector = ?", (b"\x00" * 12,))
    counting = Counting(embedder)
    with Vectors(path) as vectors:
        again = vectors.embed(counting, ["paid care work"])[0]
    assert counting.seen == ["paid care work"]
    assert np.allclose(again, right)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"not a database" * 100), id="garbage"),
        pytest.param(lambda path: path.mkdir(), id="a-folder"),
    ],
)
def test_a_damaged_cache_embeds_every_text_and_says_why(damage, sample_dir, embedder, tmp_path):
    store = open_store(tmp_path / "store")
    damage(cache_path(store))
    one = sorted(sample_dir.glob("*.pdf"))[0]
    summary = index_paths([one], store, embedder=embedder)
    assert len(summary.indexed) == 1 and not summary.failed
    assert summary.embedded == len(texts_to_embed(one))
    assert "embeddings.sqlite3" in summary.cache_problem
    assert open_store(tmp_path / "store").count() > 0


def test_a_file_indexed_by_another_model_is_embedded_again_and_says_which(
    sample_dir, embedder, tmp_path
):
    one = sorted(sample_dir.glob("*.pdf"))[0]
    store = open_store(tmp_path / "store")
    index_paths([one], store, embedder=embedder)
    assert index_paths([one], store, embedder=embedder).unchanged

    int8 = Counting(OnnxEmbedder(kind="int8"))
    summary = index_paths([one], store, embedder=int8)
    assert len(summary.indexed) == 1
    assert set(int8.seen) == texts_to_embed(one)
    [document] = store.documents()
    assert document["model"] == int8.model_id != embedder.model_id
    assert store.count() == document["records"]


def test_a_second_index_in_the_same_place_embeds_nothing(backend, sample_dir, embedder, tmp_path):
    one = sorted(sample_dir.glob("*.pdf"))[0]
    first = index_paths([one], open_store(tmp_path / "store", "first"), embedder=embedder)
    again = index_paths([one], open_store(tmp_path / "store", "second"), embedder=embedder)
    assert first.embedded == len(texts_to_embed(one)) and again.embedded == 0
    assert again.texts == first.texts and len(again.indexed) == 1
    if backend == "server":  # in the data folder, not in the store folder never used
        assert cache_path(open_store(tmp_path / "store")).is_relative_to(tmp_path / "home")
        assert not (tmp_path / "store").exists()


def test_the_cache_is_kept_beside_an_embedded_index(tmp_path, embedder, sample_dir):
    store = open_store(tmp_path / "store")
    index_paths([sorted(sample_dir.glob("*.pdf"))[0]], store, embedder=embedder)
    with sqlite3.connect(cache_path(store)) as db:
        hashes = {bytes(row[0]) for row in db.execute("SELECT sha FROM vectors")}
    assert cache_path(store).parent == tmp_path / "store"
    assert text_hash("never indexed") not in hashes and len(hashes) > 10
