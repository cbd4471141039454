"""Each text embedded once: vectors kept by the model that made them and the text's hash.

Yearly editions of one office's report repeat most of their indicator rows, statements and
much of their notes, and a re-download or a re-index repeats all of them. The vectors live in
``embeddings.sqlite3`` beside the embedded index (for a Chroma server, in the data folder,
named after the server), so they outlast the process and are shared by every edition and
copy, and by every index in that folder or on that server. A vector is found by (model id,
SHA-256 of the text): another model, or another export of the weights, never reads the
vectors of this one.

The file is a cache. If it cannot be opened or written (a full disk, a damaged file), the
run embeds every text as before and says so; nothing indexed depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import data_dir

if TYPE_CHECKING:
    from .store import Store

DIMENSIONS = 384
VECTOR_BYTES = DIMENSIONS * 4  # float32
MEMORY_LIMIT = 50_000  # vectors held in memory within one run
CHUNK = 500  # hashes per lookup: SQLite's host-parameter limit is far above


def cache_path(store: Store) -> Path:
    """``embeddings.sqlite3`` beside an embedded index; for a server, a file in the data
    folder named after the server's URL."""
    if store.remote:
        digest = hashlib.sha256(store.location.encode()).hexdigest()[:16]
        return data_dir() / "vectors" / f"chroma-{digest}.sqlite3"
    return Path(store.location) / "embeddings.sqlite3"


def text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class Vectors:
    """The vectors of one indexing run: asked for by text, embedded only when neither this
    run nor the cache file has them. Counts what it was asked and what it embedded."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.memory: dict[tuple[str, str], list[float]] = {}
        self.asked = 0  # texts asked for, repeats included
        self.embedded = 0  # texts the model ran on
        self.problem = ""  # why the cache file was not used, if it was not
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._open(path)

    def _open(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, sha BLOB NOT NULL, "
                "vector BLOB NOT NULL, PRIMARY KEY (model, sha)) WITHOUT ROWID"
            )
            db.commit()
            self._db = db
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)

    def _give_up(self, error: Exception) -> None:
        self.problem = f"the embedding cache {self.path} was not used ({error})"
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Vectors:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def embed(self, embedder, texts: list[str]) -> list[list[float]]:
        """The vectors of ``texts`` in order, by ``embedder`` (which has a ``model_id``; one
        without is run on every text not seen in this run)."""
        self.asked += len(texts)
        model = getattr(embedder, "model_id", None) or f"unnamed-{id(embedder)}"
        missing = [text for text in dict.fromkeys(texts) if (model, text) not in self.memory]
        if len(self.memory) + len(missing) > MEMORY_LIMIT:
            self.memory.clear()
            missing = list(dict.fromkeys(texts))
        named = getattr(embedder, "model_id", None) is not None
        if named and missing:
            found = self._load(model, missing)
            for text, vector in found.items():
                self.memory[(model, text)] = vector
            missing = [text for text in missing if text not in found]
        if missing:
            fresh = embedder.embed(missing)
            self.embedded += len(missing)
            for text, vector in zip(missing, fresh, strict=True):
                self.memory[(model, text)] = vector
            if named:
                self._save(model, missing, fresh)
        return [self.memory[(model, text)] for text in texts]

    def _load(self, model: str, texts: list[str]) -> dict[str, list[float]]:
        if self._db is None:
            return {}
        import numpy as np

        by_hash = {text_hash(text): text for text in texts}
        hashes = list(by_hash)
        found: dict[str, list[float]] = {}
        try:
            for start in range(0, len(hashes), CHUNK):
                part = hashes[start : start + CHUNK]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT sha, vector FROM vectors WHERE model = ? AND sha IN ({marks})",
                    [model, *part],
                )
                for sha, blob in rows:
                    # Anything but a whole float32 vector is not one of ours: embed anew.
                    if isinstance(blob, bytes) and len(blob) == VECTOR_BYTES:
                        vector = np.frombuffer(blob, dtype="<f4")
                        if np.isfinite(vector).all():
                            found[by_hash[bytes(sha)]] = vector.tolist()
        except sqlite3.Error as error:
            self._give_up(error)
            return {}
        return found

    def _save(self, model: str, texts: list[str], vectors: list[list[float]]) -> None:
        if self._db is None:
            return
        import numpy as np

        rows = [
            (model, text_hash(text), np.asarray(vector, dtype="<f4").tobytes())
            for text, vector in zip(texts, vectors, strict=True)
        ]
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors (model, sha, vector) VALUES (?, ?, ?)", rows
                )
        except sqlite3.Error as error:
            self._give_up(error)
