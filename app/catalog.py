"""The structured records of every indexed report, read back from the store.

Loaded once and reloaded only when the set of indexed documents changes, so a warm question
reads figures from memory and goes to Chroma only for search by meaning.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from indexing.records import (
    indicator_from_dict,
    narrative_from_dict,
    outcome_from_dict,
    output_from_dict,
)
from indexing.store import Store

LOADERS = {
    "outcome": outcome_from_dict,
    "output": output_from_dict,
    "indicator": indicator_from_dict,
    "narrative": narrative_from_dict,
    "page": None,  # page text has no record; it is kept for search by words
}

# British and American spellings, and words the reports use for what people ask.
SYNONYMS = {
    "labour": "labor",
    "programme": "program",
    "organisation": "organization",
    "organisations": "organization",
    "centre": "center",
    "centres": "center",
    "reached": "access",
    "reach": "access",
}
STOPWORDS = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "this",
        "those",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "against",
        "about",
        "many",
        "much",
        "number",
        "total",
        "year",
        "per",
        "than",
        "then",
        "so",
        "such",
    ]
)


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    out = []
    for word in words:
        word = SYNONYMS.get(word, word)
        if word in STOPWORDS or len(word) < 2:
            continue
        for suffix in ("ies", "es", "s", "ing", "ed"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
        if len(word) > 4 and word.endswith("e"):
            word = word[:-1]  # "serve" and "served" meet at "serv"
        out.append(SYNONYMS.get(word, word))
    return out


class BM25:
    """Okapi BM25 over a fixed list of texts, with an inverted index for quick scoring."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.docs = [Counter(tokens(text)) for text in texts]
        self.lengths = [sum(doc.values()) for doc in self.docs]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        self.postings: dict[str, list[int]] = {}
        for index, doc in enumerate(self.docs):
            for term in doc:
                self.postings.setdefault(term, []).append(index)
        n = len(self.docs)
        self.idf = {
            term: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            for term, ids in self.postings.items()
        }

    def scores(self, query: str, allowed: set[int] | None = None) -> dict[int, float]:
        result: dict[int, float] = {}
        for term in set(tokens(query)):
            for index in self.postings.get(term, ()):
                if allowed is not None and index not in allowed:
                    continue
                tf = self.docs[index][term]
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average)
                result[index] = result.get(index, 0.0) + self.idf[term] * tf * (self.k1 + 1) / norm
        return result


@dataclass
class Entry:
    """A record with the document it came from."""

    id: str
    kind: str
    record: object
    meta: dict
    text: str

    @property
    def file(self) -> str:
        return self.meta["file"]

    @property
    def country(self) -> str:
        return self.meta.get("country", "")

    @property
    def iso3(self) -> str:
        return self.meta.get("iso3", "")


@dataclass
class Catalog:
    generation: tuple = ()
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    by_id: dict[str, Entry] = field(default_factory=dict)
    lexical: dict[str, BM25] = field(default_factory=dict)
    # Unit vectors aligned with of(kind): similarity by meaning is one matrix product, in
    # memory, over exactly the candidates a question allows.
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def of(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    # Derived once per catalog (it is rebuilt when the documents change), not per question.
    @cached_property
    def iso3s(self) -> set[str]:
        return set(self.countries)

    @cached_property
    def countries(self) -> dict[str, str]:
        """ISO3 → country name, for the countries with an indexed outcome."""
        return {e.iso3: e.country for e in self.of("outcome") if e.iso3}

    @cached_property
    def funding_partners(self) -> set[str]:
        return {f.partner for e in self.of("outcome") for f in e.record.funding}

    @cached_property
    def codes(self) -> set[str]:
        return {e.record.code for e in self.of("outcome")} | {
            e.record.code for e in self.of("output")
        }

    def token_set(self, entry: Entry) -> set[str]:
        """The words of an entry's text as search sees them (computed once, at load)."""
        return self.lexical[entry.kind].docs[self.position[entry.id]].keys()

    @cached_property
    def position(self) -> dict[str, int]:
        """Entry id → its index in ``of(kind)``, which is the BM25 document number."""
        return {e.id: i for entries in self.entries.values() for i, e in enumerate(entries)}


def _load(store: Store, generation: tuple) -> Catalog:
    catalog = Catalog(generation=generation)
    for kind, loader in LOADERS.items():
        entries = []
        vectors = {}
        for hit in store.get(where={"kind": kind}, embeddings=True):
            record = loader(json.loads(hit.metadata["record"])) if loader else None
            entries.append(Entry(hit.id, kind, record, hit.metadata, hit.text))
            vectors[hit.id] = hit.embedding
        entries.sort(key=lambda e: (e.meta["file"], e.id))
        catalog.entries[kind] = entries
        catalog.by_id.update({entry.id: entry for entry in entries})
        catalog.lexical[kind] = BM25([entry.text for entry in entries])
        catalog.vectors[kind] = (
            np.asarray([vectors[e.id] for e in entries], dtype=np.float32)
            if entries
            else np.zeros((0, 0), dtype=np.float32)
        )
    return catalog


_lock = threading.Lock()
_cache: dict[str, Catalog] = {}


def catalog_for(store: Store) -> Catalog:
    """The store's records, reloaded when a document was added, replaced or removed."""
    generation = store.generation()
    with _lock:
        cached = _cache.get(store.key)
        if cached is None or cached.generation != generation:
            try:
                fresh = _load(store, generation)
            except Exception:  # chromadb raises several types for one cause, see below
                # Another process wrote the index: this process's view of the vectors is
                # stale until the store is reopened (embedded Chroma keeps them in memory).
                store.reopen()
                try:
                    fresh = _load(store, generation)
                except Exception:
                    if cached is None:
                        raise
                    return cached  # answer from what was loaded; the next question retries
            cached = _cache[store.key] = fresh
        return cached
