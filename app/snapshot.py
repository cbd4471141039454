"""The catalog's snapshot beside an embedded index: what a cold question loads instead of
reading every record back from Chroma.

One folder per index version (``.resultsqa-catalog-<name>/<version>/``): ``head.pickle``
holds the documents and what is derived from all records (the speller, word weights,
places); each kind has ``<kind>.pickle`` (entries, BM25, scope indexes) and ``<kind>.npy``
(its vectors, memory-mapped, so they cost no load time and stay shared with the page cache).
The pickles are read by an unpickler that builds only the classes a snapshot holds, so a
file planted in the folder can't run code.
Kinds are read when a question first needs them: a question by code reads outcomes and
outputs, not the sentences and pages of a thousand reports.

A folder is written whole under a temporary name and renamed, so a reader sees a complete
snapshot or none; a missing, partial or older-format one is ignored (the catalog is then
read from Chroma), and writing is best effort (an index on a read-only disk is answered
from Chroma every time).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import shutil
import sys
from pathlib import Path

import numpy as np

from .catalog import DERIVED, LOADERS, Catalog, Kind, _many_objects

FORMAT = 5

# Pickle builds whatever a file names: a head.pickle planted in the store folder could name
# os.system and run a command on the next question. A snapshot is read only through
# _Unpickler, which finds the classes a snapshot holds (data, built without side effects)
# and numpy's array rebuilder, and refuses anything else; the catalog is then read from
# Chroma as for any damaged snapshot.
_CLASSES = {
    ("app.catalog", "Catalog"),
    ("app.catalog", "Entry"),
    ("app.catalog", "Kind"),
    ("app.catalog", "Lexical"),
    ("app.spelling", "Speller"),
    ("bm25s", "BM25"),
    ("collections", "Counter"),
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("decimal", "Decimal"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
}
_FUNCTIONS = {
    ("numpy._core.numeric", "_frombuffer"),
    ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "_reconstruct"),
}
# Modules of records: any dataclass of theirs is data.
_RECORD_MODULES = ("indexing.records", "indexing.sentences", "indexing.figures")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _FUNCTIONS:
            return super().find_class(module, name)
        if (module, name) in _CLASSES or module in _RECORD_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type) and (
                (module, name) in _CLASSES or dataclasses.is_dataclass(found)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a catalog snapshot")


def _load(path: Path):
    with open(path, "rb") as handle, _many_objects():
        return _Unpickler(handle).load()


def folder(store) -> Path:
    return Path(store.location) / f".resultsqa-catalog-{store.name}"


def read(store, version: str) -> Catalog | None:
    """The snapshot of ``version``, its kinds left to be read on first use; None if there
    is none that can be trusted."""
    where = folder(store) / version
    if not _index_whole(store):
        return None  # an index emptied or gone under its snapshot: the index is the truth
    try:
        saved_format, catalog = _load(where / "head.pickle")
    except pickle.UnpicklingError as error:
        # Not written by resultsqa: said, never built, and the folder (a cache of ours)
        # cleared so the next question writes a true snapshot in its place.
        print(f"warning: {where / 'head.pickle'} ignored: {error}", file=sys.stderr)
        shutil.rmtree(where, ignore_errors=True)
        return None
    except Exception:  # missing, partial or from another release: load from Chroma instead
        return None
    if saved_format != FORMAT or not isinstance(catalog, Catalog) or catalog.version != version:
        return None
    catalog._attach(where, store)
    return catalog


def _index_whole(store) -> bool:
    """Whether the embedded index the snapshot was taken of is still there: its database
    present and more than an empty file (an emptied ``chroma.sqlite3`` must not leave
    questions answered from the snapshot that ``status`` and ``remove`` say is not there)."""
    database = Path(store.location) / "chroma.sqlite3"
    try:
        return database.stat().st_size >= 4096  # SQLite's smallest database is a page or so
    except OSError:
        return False


def read_kind(where: Path, name: str) -> Kind:
    """One kind of a snapshot; raises if its files are gone or damaged."""
    state = _load(where / f"{name}.pickle")
    if not isinstance(state, dict):
        raise ValueError(f"{name}: not a kind's state")
    kind = Kind.__new__(Kind)
    kind.__dict__.update(state)
    kind.vectors = np.load(where / f"{name}.npy", mmap_mode="r")
    if len(kind.vectors) != len(kind.entries):
        raise ValueError(f"{name}: {len(kind.vectors)} vectors for {len(kind.entries)} entries")
    return kind


def write(store, catalog: Catalog) -> None:
    """Save ``catalog`` (every kind in memory) as its version's snapshot; best effort."""
    for name in DERIVED:
        catalog.derived(name)
    for kind in LOADERS:  # the latest editions, which a question without a year reads
        catalog.current_rows(kind)
    root = folder(store)
    target = root / str(catalog.version)
    partial = root / f"{catalog.version}.{os.getpid()}.part"
    try:
        partial.mkdir(parents=True, exist_ok=True)
        for name in LOADERS:
            kind = catalog.kind(name)
            state = {k: v for k, v in kind.__dict__.items() if k != "vectors"}
            with open(partial / f"{name}.pickle", "wb") as handle:
                pickle.dump(state, handle, protocol=5)
            np.save(partial / f"{name}.npy", np.ascontiguousarray(kind.vectors))
        head = Catalog(generation=catalog.generation, documents=catalog.documents)
        head.version = catalog.version
        head.__dict__.update({name: catalog.__dict__[name] for name in DERIVED})
        head.__dict__["editions"] = catalog.editions
        with open(partial / "head.pickle", "wb") as handle:
            pickle.dump((FORMAT, head), handle, protocol=5)
        try:
            partial.rename(target)
        except OSError:  # another process wrote this version first
            shutil.rmtree(partial, ignore_errors=True)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        return
    # Earlier versions' snapshots: a process still reading one falls back to Chroma.
    for other in root.iterdir():
        if other.name != target.name and not other.name.endswith(".part"):
            shutil.rmtree(other, ignore_errors=True)
    with contextlib.suppress(OSError):  # the single-file snapshot of earlier releases
        (Path(store.location) / f".resultsqa-catalog-{store.name}.pickle").unlink(missing_ok=True)
