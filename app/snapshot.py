"""The catalog's snapshot beside an embedded index: what a cold question loads instead of
reading every record back from Chroma.

One folder per index version (``.resultsqa-catalog-<name>/<version>/``): ``head.pickle``
holds the documents and what is derived from all records (the speller, word weights,
places); each kind has ``<kind>.pickle`` (entries, BM25, scope indexes) and ``<kind>.npy``
(its vectors, memory-mapped, so they cost no load time and stay shared with the page cache).
Kinds are read when a question first needs them: a question by code reads outcomes and
outputs, not the sentences and pages of a thousand reports.

A folder is written whole under a temporary name and renamed, so a reader sees a complete
snapshot or none; a missing, partial or older-format one is ignored (the catalog is then
read from Chroma), and writing is best effort (an index on a read-only disk is answered
from Chroma every time).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
from pathlib import Path

import numpy as np

from .catalog import DERIVED, LOADERS, Catalog, Kind, _many_objects

FORMAT = 5


def folder(store) -> Path:
    return Path(store.location) / f".resultsqa-catalog-{store.name}"


def read(store, version: str) -> Catalog | None:
    """The snapshot of ``version``, its kinds left to be read on first use; None if there
    is none that can be trusted."""
    where = folder(store) / version
    try:
        with open(where / "head.pickle", "rb") as handle, _many_objects():
            saved_format, catalog = pickle.load(handle)
    except Exception:  # missing, partial or from another release: load from Chroma instead
        return None
    if saved_format != FORMAT or catalog.version != version:
        return None
    catalog._attach(where, store)
    return catalog


def read_kind(where: Path, name: str) -> Kind:
    """One kind of a snapshot; raises if its files are gone or damaged."""
    with open(where / f"{name}.pickle", "rb") as handle, _many_objects():
        state = pickle.load(handle)
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
