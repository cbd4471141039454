"""The structured records of every indexed report, read back from the store.

Loaded once and reloaded only when the set of indexed documents changes, so a warm question
reads figures from memory and goes to Chroma only for search by meaning. Only records of a
listed document are loaded: records whose document has no entry yet (a run that stopped
between the two) are pending and never answer.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from indexing.records import (
    indicator_from_dict,
    outcome_from_dict,
    output_from_dict,
)
from indexing.sentences import sentence_from_dict
from indexing.store import Store, read_version

from .spelling import LANGUAGE_WORDS

LOADERS = {
    "outcome": outcome_from_dict,
    "output": output_from_dict,
    "indicator": indicator_from_dict,
    "sentence": sentence_from_dict,
    "page": None,  # page text has no record; it is kept for search by words
}

WORDS = re.compile(r"[a-z][a-z'\-]+")
# British and American spellings, and words the reports use for what people ask.
SYNONYMS = {
    "labour": "labor",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "woman": "women",
    "co": "office",  # "the CO": the country office
    "info": "information",
    "delivery": "deliver",  # Snowball has "deliveri" and "deliv" for one word
    "reached": "access",
    "reach": "access",
}
# "mobilised" and "mobilized" are one word: the British -is- spelling becomes -iz- (in the
# question and the reports alike, so a word it changes by mistake still matches itself).
BRITISH_IS = re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations|er|ers)$")
# Snowball's English stop-word list (with contractions as the tokenizer splits them), plus
# words every question about figures uses.
_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing would should could ought a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up down in
    out on off over under again further then once here there when where why how all any both
    each few more most other some such no nor not only own same so than too very can will just
    don didn doesn isn aren wasn weren hasn haven hadn won wouldn shouldn couldn let
    many much number total year per
"""
# Spanish and French small words too: the reports are in English, so in a question in
# another language they are noise to search by.
STOPWORDS = set(_STOP.split()) | set().union(*LANGUAGE_WORDS.values())


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = SYNONYMS.get(word, word)
    word = BRITISH_IS.sub(r"\1iz\2", word)
    return SYNONYMS.get(word, _stemmer().stemWord(word))


def tokens(text: str) -> list[str]:
    """The words of ``text`` as search compares them: lower-cased, stop words out, stemmed
    (Snowball), British and American spellings made one."""
    # "co-chaired" is one word, not the CO (country office) and "chaired".
    text = re.sub(r"\bco-(?=[a-z])", "co", text.lower().replace("’", "'"))
    words = re.findall(r"[a-z0-9]+", text)
    return [_stem(word) for word in words if word not in STOPWORDS and len(word) >= 2]


class Lexical:
    """BM25 over a fixed list of texts (bm25s), scored over all of them or a subset."""

    def __init__(self, texts: list[str]):
        import bm25s

        self.docs = [Counter(tokens(text)) for text in texts]
        self.size = len(texts)
        self.bm25 = None
        if texts:
            self.bm25 = bm25s.BM25()
            self.bm25.index([list(doc.elements()) for doc in self.docs], show_progress=False)

    def scores(
        self, query: str, allowed: set[int] | None = None, top: int | None = None
    ) -> dict[int, float]:
        """Document number → BM25 score, for the documents that share a word with ``query``
        (the ``top`` best of them, when given)."""
        if self.bm25 is None:
            return {}
        words = list(dict.fromkeys(tokens(query)))
        if not words:
            return {}
        scores = self.bm25.get_scores(words)
        if allowed is None:
            hits = np.flatnonzero(scores > 0)
        else:
            hits = np.fromiter((i for i in allowed if scores[i] > 0), dtype=np.int64)
        if top is not None and len(hits) > top:
            hits = hits[np.argpartition(-scores[hits], top)[:top]]
        return {int(i): float(scores[i]) for i in hits}


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
        """Its country's name; for a regional or multi-country office, the office's."""
        return self.meta.get("country") or self.meta.get("office", "")

    @property
    def iso3(self) -> str:
        """Its country's ISO3; for an office that is no country (ECA), its code prefix, so
        that a question can be scoped to it as to a country."""
        return self.meta.get("iso3") or self.meta.get("office_code", "")


@dataclass
class Catalog:
    generation: tuple = ()
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    by_id: dict[str, Entry] = field(default_factory=dict)
    lexical: dict[str, Lexical] = field(default_factory=dict)
    # Unit vectors aligned with of(kind): similarity by meaning is one matrix product, in
    # memory, over exactly the candidates a question allows.
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)  # doc_id → its entry
    version: str | None = None  # the embedded index's version file when it was loaded

    def of(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    # -- editions -------------------------------------------------------------------------
    @cached_property
    def editions(self) -> dict[str, list[dict]]:
        """doc_id → the editions of its report (the same office and plan period, several
        data years), oldest first; only reports indexed in more than one edition."""
        families: dict[tuple, list[dict]] = {}
        for document in self.documents.values():
            if document.get("office_code") and document.get("results_report", True):
                key = (document["office_code"], document.get("plan_period", ""))
                families.setdefault(key, []).append(document)
        out = {}
        for family in families.values():
            if len({d.get("data_year") for d in family}) > 1:
                family.sort(key=lambda d: (d.get("data_year") or 0, d["doc_id"]))
                out.update({d["doc_id"]: family for d in family})
        return out

    def edition_years(self, document: dict) -> set[int]:
        """The data years an edition shows (a file can hold notes of several)."""
        years = str(document.get("data_years") or document.get("data_year") or "")
        return {int(y) for y in years.split(",") if y.strip().isdigit()}

    def current(self, kind: str, years: list[int] | tuple[int, ...] = ()) -> list[Entry]:
        """The entries of ``kind`` that answer for ``years``: of a report indexed in several
        editions, those of the editions showing a year asked for, else of the latest edition
        holding the record's outcome. Other reports' entries all stand."""
        if not self.editions:
            return self.of(kind)
        key = (kind, tuple(sorted(set(years))))
        if key not in self._current:
            self._current[key] = [e for e in self.of(kind) if self._stands(e, set(years))]
        return self._current[key]

    @cached_property
    def _current(self) -> dict:
        return {}

    def _stands(self, entry: Entry, years: set[int]) -> bool:
        doc_id = entry.meta.get("doc_id", "")
        family = self.editions.get(doc_id)
        if not family:
            return True
        named = [d for d in family if self.edition_years(d) & years]
        if named:
            return any(d["doc_id"] == doc_id for d in named)
        code = entry.meta.get("outcome_code", "")
        mine = self.documents[doc_id].get("data_year") or 0
        return not any(
            (d.get("data_year") or 0) > mine
            and (not code or code in d.get("outcomes", "").split(","))
            for d in family
        )

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

    @cached_property
    def topic_tokens(self) -> set[str]:
        """The words the outcomes are about (their statements, descriptions, impact areas)."""
        return {token for e in self.of("outcome") for token in self.token_set(e)}

    @cached_property
    def places(self) -> dict[str, set[str]]:
        """Proper names the reports' sentences use (written with a capital inside a sentence,
        never in lower case) → the countries whose reports use them: "Kisumu" → {KEN}."""
        proper: dict[str, set[str]] = {}
        common: set[str] = set()
        for entry in self.of("sentence"):
            for index, word in enumerate(re.findall(r"[A-Za-z][\w'’-]*", entry.text)):
                if word[0].islower():
                    common.update(tokens(word))
                elif index and entry.iso3:
                    for token in tokens(word):
                        proper.setdefault(token, set()).add(entry.iso3)
        return {token: iso3s for token, iso3s in proper.items() if token not in common}

    @cached_property
    def outcome_words(self) -> dict[str, set[str]]:
        """Outcome entry id → the words of its statement and impact areas: what every
        sentence of its progress note is about."""
        return {
            e.id: set(tokens(" ".join([e.record.statement, *e.record.impact_areas])))
            for e in self.of("outcome")
        }

    @cached_property
    def speller(self):
        """Corrects a question's typing errors against the words of these reports, the
        question vocabulary and the names indexed (countries, partners, places)."""
        from . import vocabulary
        from .spelling import LANGUAGE_WORDS, Speller, strip_accents

        words: set[str] = set()
        for entries in self.entries.values():
            for entry in entries:
                words.update(WORDS.findall(strip_accents(entry.text.lower())))
        phrases = [phrase for _, group in vocabulary.FIGURE_WORDS for phrase in group]
        for group in (
            vocabulary.NARRATIVE_WORDS,
            vocabulary.SUMMARY_WORDS,
            vocabulary.LARGEST,
            vocabulary.SMALLEST,
            vocabulary.TOTAL,
            vocabulary.MISSED,
            vocabulary.MET,
            *vocabulary.LEVEL_WORDS.values(),
        ):
            phrases += list(group)
        vocabulary_words = {w for phrase in phrases for w in WORDS.findall(phrase)}
        vocabulary_words |= set(vocabulary.LISTED.split("|")) | vocabulary.QUESTION_WORDS
        names = " ".join([*self.countries.values(), *self.funding_partners])
        name_words = set(WORDS.findall(strip_accents(names.lower())))
        # Corrections go word by word: "Timor-Leste" makes "leste" a word of the reports.
        words |= {part for word in words if "-" in word for part in word.split("-") if part}
        name_words |= {part for word in name_words if "-" in word for part in word.split("-")}
        known = words | vocabulary_words | name_words | STOPWORDS
        known |= set().union(*LANGUAGE_WORDS.values())
        return Speller(known, words | vocabulary_words | name_words)

    def country_like(self, word: str) -> str | None:
        """The indexed country a word nearly spells ("Kenia", "Colombie"), if any."""
        from rapidfuzz import fuzz, process

        from .spelling import strip_accents

        if len(word) < 4:
            return None
        names = {strip_accents(name.lower()): iso3 for iso3, name in self.countries.items()}
        found = process.extractOne(word, list(names), scorer=fuzz.ratio, score_cutoff=80)
        return names[found[0]] if found else None

    def partner_aliases(self, partner: str) -> list[str]:
        """How people name a funding partner, derived from the name the report prints: the
        part in parentheses ("KOICA"), its initials ("MPTF" for the Multi-Partner Trust Fund
        Office), the name without "Government of" or its hyphens, lower case."""
        return self._aliases.get(partner, [])

    @cached_property
    def _aliases(self) -> dict[str, list[str]]:
        from .spelling import strip_accents

        aliases: dict[str, list[str]] = {}
        for partner in self.funding_partners:
            name = strip_accents(partner.lower())
            found = [m.lower() for m in re.findall(r"\(([A-Za-z]{2,})\)", partner)]
            bare = re.sub(r"\s*\([^)]*\)", "", name)
            words = re.findall(r"[a-z]+", bare.replace("-", " "))
            initials = "".join(w[0] for w in words if w not in ("of", "the", "to", "for", "and"))
            if len(initials) == 2 and not any(word.isupper() for word in partner.split()):
                found.append(initials)  # "EU" for the European Union
            if len(initials) >= 3:
                # People drop the last word's letter: "MPTF" for "MPTFO".
                found += [initials, initials[:-1]] if len(initials) >= 4 else [initials]
            found.append(bare.replace("-", " "))
            for prefix in ("government of ", "the "):
                if bare.startswith(prefix):
                    found.append(bare[len(prefix) :])
            if bare.startswith("government of "):
                # The country as a Spanish or French question names it: "Noruega", "Suède".
                for local in local_names(bare[len("government of ") :]):
                    found += [local, f"government of {local}"]
            aliases[partner] = [a for a in dict.fromkeys(found) if len(a) >= 2 and a != name]
        return aliases

    @cached_property
    def word_weights(self) -> tuple[dict[str, float], float]:
        """How much each word tells texts apart (inverse document frequency over the records
        and sentences, not the page dumps that hold every word), and the weight of a word
        the reports never use."""
        import math

        counted = [kind for kind in self.entries if kind != "page"]
        documents = [doc for kind in counted for doc in self.lexical[kind].docs]
        frequency = Counter(word for doc in documents for word in doc)
        total = len(documents) or 1
        weights = {
            word: math.log(1 + (total - df + 0.5) / (df + 0.5)) for word, df in frequency.items()
        }
        ordered = sorted(weights.values())
        return weights, ordered[len(ordered) // 2] if ordered else 1.0

    @cached_property
    def _pairs(self) -> tuple[Counter, Counter]:
        """How often each word, and each pair of words in a row, stands in the sentences."""
        pairs, words = Counter(), Counter()
        for entry in self.of("sentence"):
            sequence = tokens(entry.text)
            words.update(sequence)
            pairs.update(zip(sequence, sequence[1:], strict=False))
        return pairs, words

    def compounds(self, sequence: list[str]) -> list[tuple[str, str]]:
        """Pairs of the question's words in a row that the reports use as one name: the
        second mostly stands after the first ("protection orders", "credit lines")."""
        pairs, words = self._pairs
        return [
            (first, head)
            for first, head in zip(sequence, sequence[1:], strict=False)
            if pairs[(first, head)] and pairs[(first, head)] >= words[head] / 2
        ]

    def outcome_code(self, code: str, file: str | None = None) -> Entry | None:
        """The outcome entry with ``code`` (in ``file``, when given)."""
        for entry in self._outcomes_by_code.get(code, []):
            if file is None or entry.file == file:
                return entry
        return None

    @cached_property
    def _outcomes_by_code(self) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = {}
        for entry in self.of("outcome"):
            found.setdefault(entry.record.code, []).append(entry)
        return found

    def token_set(self, entry: Entry) -> set[str]:
        """The words of an entry's text as search sees them (computed once, at load)."""
        return self.lexical[entry.kind].docs[self.position[entry.id]].keys()

    @cached_property
    def position(self) -> dict[str, int]:
        """Entry id → its index in ``of(kind)``, which is the BM25 document number."""
        return {e.id: i for entries in self.entries.values() for i, e in enumerate(entries)}


def local_names(country: str) -> list[str]:
    """A country's Spanish and French names, lower case and without accents."""
    import pycountry
    from babel import Locale

    from indexing.countries import NAME_LANGUAGES, name_index

    from .spelling import strip_accents

    iso3 = name_index().get(country)
    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    if found is None:
        return []
    names = [Locale(language).territories.get(found.alpha_2, "") for language in NAME_LANGUAGES]
    return [strip_accents(name.lower()) for name in names if name]


def _load(store: Store, generation: tuple) -> Catalog:
    catalog = Catalog(generation=generation)
    catalog.documents = {d["doc_id"]: d for d in store.documents()}
    for kind, loader in LOADERS.items():
        entries = []
        vectors = {}
        for hit in store.get(where={"kind": kind}, embeddings=True):
            if hit.metadata.get("doc_id") not in catalog.documents:
                continue  # pending: written by a run that stopped before its entry
            record = loader(json.loads(hit.metadata["record"])) if loader else None
            entries.append(Entry(hit.id, kind, record, hit.metadata, hit.text))
            vectors[hit.id] = hit.embedding
        entries.sort(key=lambda e: (e.meta["file"], e.id))
        catalog.entries[kind] = entries
        catalog.by_id.update({entry.id: entry for entry in entries})
        catalog.lexical[kind] = Lexical([entry.text for entry in entries])
        catalog.vectors[kind] = (
            np.asarray([vectors[e.id] for e in entries], dtype=np.float32)
            if entries
            else np.zeros((0, 0), dtype=np.float32)
        )
    return catalog


_lock = threading.Lock()
_cache: dict[str, Catalog] = {}


def catalog_for(store: Store) -> Catalog:
    """The store's records, reloaded when a document was added, replaced or removed.

    An embedded index's writers rewrite its version file on every change
    (``indexing.store.read_version``): while it reads as it did, the catalog in memory, or
    else the snapshot on disk beside the index, is current, and Chroma is not asked at all.
    A cold ``resultsqa ask`` then loads in a fraction of a second what takes seconds to read
    back from Chroma and index for BM25.
    """
    version = None if store.remote else read_version(store.location, store.name)
    with _lock:
        cached = _cache.get(store.key)
        if version and cached is not None and cached.version == version:
            return cached
        if version and cached is None:
            snapshot = _read_snapshot(store, version)
            if snapshot is not None:
                _cache[store.key] = snapshot
                return snapshot
        generation = store.generation()
        if cached is None or cached.generation != generation or version != cached.version:
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
            fresh.version = version
            if version and version == read_version(store.location, store.name):
                _write_snapshot(store, fresh)
            cached = _cache[store.key] = fresh
        return cached


SNAPSHOT_FORMAT = 1
# Derived once per catalog and kept in the snapshot, so a cold question does not redo them.
DERIVED = ("speller", "places", "word_weights", "_pairs", "outcome_words", "_aliases")


def _snapshot_file(store: Store) -> Path:
    return Path(store.location) / f".resultsqa-catalog-{store.name}.pickle"


def _read_snapshot(store: Store, version: str) -> Catalog | None:
    import pickle

    try:
        with open(_snapshot_file(store), "rb") as handle:
            saved_format, saved_version, catalog = pickle.load(handle)
    except Exception:  # missing, partial or from another release: load from Chroma instead
        return None
    if saved_format != SNAPSHOT_FORMAT or saved_version != version:
        return None
    return catalog


def _write_snapshot(store: Store, catalog: Catalog) -> None:
    """Best effort: an index on a read-only disk is answered from Chroma every time."""
    import os
    import pickle

    for name in DERIVED:
        getattr(catalog, name)
    for kind in catalog.entries:  # the latest editions, which a question without a year reads
        catalog.current(kind)
    target = _snapshot_file(store)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        with open(partial, "wb") as handle:
            pickle.dump((SNAPSHOT_FORMAT, catalog.version, catalog), handle, protocol=5)
        partial.replace(target)
    except OSError:
        with contextlib.suppress(OSError):  # on a read-only disk there is nothing to undo
            partial.unlink(missing_ok=True)
