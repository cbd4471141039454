"""The structured records of every indexed report, read back from the store.

Loaded once and reloaded only when the set of indexed documents changes, so a warm question
reads figures from memory and goes to Chroma only for search by meaning. Only records of a
listed document are loaded: records whose document has no entry yet (a run that stopped
between the two) are pending and never answer.
"""

from __future__ import annotations

import contextlib
import gc
import json
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from indexing.chunks import year_doubt
from indexing.records import (
    indicator_from_dict,
    outcome_from_dict,
    output_from_dict,
)
from indexing.sentences import sentence_from_dict
from indexing.store import Store

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
    if word in SYNONYMS:
        return SYNONYMS[word]
    stem = _stemmer().stemWord(word)
    # Snowball leaves "delivery" as "deliveri" but "delivered" as "deliv": one word asked
    # either way ("the delivery rate", "the office delivered 78%").
    return stem[:-3] if len(stem) >= 7 and stem.endswith("eri") else stem


def _plain(text: str) -> str:
    if text.isascii():
        return text
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of ``text`` as search compares them: lower-cased, stop words out, stemmed
    (Snowball), British and American spellings made one."""
    # "co-chaired" is one word, not the CO (country office) and "chaired"; "Chișinău" is
    # "chisinau" as people type it.
    text = re.sub(r"\bco-(?=[a-z])", "co", _plain(text.lower().replace("’", "'")))
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
        self, query: str, allowed: np.ndarray | None = None, top: int | None = None
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
            allowed = np.asarray(allowed, dtype=np.int64)
            hits = allowed[scores[allowed] > 0]
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
    row: int = -1  # its place in its kind's list: the row of its vector and BM25 document

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


def codes_of(entry: Entry) -> set[str]:
    codes = {entry.meta.get("outcome_code", ""), entry.meta.get("output_code", "")}
    record = entry.record
    for attribute in ("code", "parent_code", "outcome_code"):
        if hasattr(record, attribute):
            codes.add(getattr(record, attribute))
    return {c for c in codes if c}


def code_under(code: str, parent: str) -> bool:
    return code.startswith(parent + ".")


def _above(code: str) -> list[str]:
    """A code and every code it sits under: KEN_D_1.3.1, KEN_D_1.3, KEN_D_1."""
    out = [code]
    while "." in code:
        code = code.rsplit(".", 1)[0]
        out.append(code)
    return out


# Years a text names, as ``str(year) in text`` finds them (overlapping: "20222023").
YEARS_NAMED = re.compile(r"(?=((?:19|20|21)\d\d))")


class Rows(Sequence):
    """Entries of one kind picked by their rows: a search over them (and a filter of them by
    scope) is array arithmetic, and an entry is looked up only when it is read, not for each
    of the tens of thousands a question's scope can hold."""

    __slots__ = ("entries", "rows")

    def __init__(self, entries: list[Entry], rows: np.ndarray):
        self.entries, self.rows = entries, rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.entries[row] for row in self.rows[index].tolist()]
        return self.entries[self.rows[index]]

    def __iter__(self):
        return map(self.entries.__getitem__, self.rows.tolist())


def union(arrays: list[np.ndarray]) -> np.ndarray:
    """The sorted rows in any of ``arrays``."""
    return np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, dtype=np.int64)


def rows_of(entries: list[Entry]) -> np.ndarray:
    rows = getattr(entries, "rows", None)
    if rows is None:
        rows = np.fromiter((e.row for e in entries), dtype=np.int64, count=len(entries))
    return rows


def _group(entries: list[Entry], keys) -> dict:
    """key → the sorted rows of the entries ``keys(entry)`` lists it for."""
    found: dict = {}
    for row, entry in enumerate(entries):
        for key in keys(entry):
            found.setdefault(key, []).append(row)
    return {key: np.asarray(rows, dtype=np.int64) for key, rows in found.items()}


class Kind:
    """One kind's entries, aligned by row with their vectors and BM25 documents, and the
    indexes that pick rows by country, code, year and figure without a loop over entries.

    Built once per catalog and kept in its snapshot; at 1,000 reports a kind holds tens of
    thousands of entries, where a loop in Python costs a warm question milliseconds each.
    """

    def __init__(self, name: str, entries: list[Entry], vectors: np.ndarray):
        self.name = name
        self.entries = entries
        for row, entry in enumerate(entries):
            entry.row = row
        self.vectors = vectors
        self.lexical = Lexical([entry.text for entry in entries])
        self.position = {entry.id: row for row, entry in enumerate(entries)}
        self.iso3_rows = _group(entries, lambda e: [e.iso3] if e.iso3 else [])
        self.code_rows = _group(
            entries, lambda e: {above for code in codes_of(e) for above in _above(code)}
        )
        # Sentences only are picked by the years they name and the figures they state.
        stated = entries if name == "sentence" else []
        self.year_rows = _group(stated, lambda e: set(YEARS_NAMED.findall(e.text)))
        self.figure_rows = _group(stated, lambda e: {f.kind for f in e.record.figures})
        self.data_years = np.fromiter(
            (e.meta.get("data_year") or 0 for e in entries), dtype=np.int64, count=len(entries)
        )
        self.postings = _group(range(len(entries)), lambda row: self.lexical.docs[row])
        self.current: dict[tuple, np.ndarray] = {}  # years asked → the rows that answer

    def with_words(self, wanted: set[str], rows: np.ndarray) -> np.ndarray:
        """How many of ``wanted`` each of ``rows`` holds."""
        counts = np.zeros(len(self.entries), dtype=np.int32)
        for word in wanted:
            held = self.postings.get(word)
            if held is not None:
                counts[held] += 1
        return counts[rows]


def _years_key(years) -> tuple:
    return tuple(sorted(set(years)))


# What is derived from every kind once per catalog, by name: kept in the snapshot's head, so
# a cold question neither redoes it nor reads every kind to do it. The catalog's own derived
# properties are listed after the class; the answering modules add theirs
# (``app.answering.conflicts``: the figures two reports print differently).
DERIVED: dict[str, Callable[[Catalog], object]] = {}


@dataclass
class Catalog:
    generation: tuple = ()
    kinds: dict[str, Kind] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)  # doc_id → its entry
    version: str | None = None  # the embedded index's version file when it was loaded

    def __post_init__(self) -> None:
        self._attach(None, None)

    def _attach(self, source, store) -> None:
        """Where the kinds not in memory yet are read from: a snapshot's folder, else (its
        files gone, a newer snapshot having replaced them) the store."""
        self._source, self._store = source, store
        self._loading = threading.Lock()

    def __getstate__(self) -> dict:
        return {
            k: v for k, v in self.__dict__.items() if k not in ("_source", "_store", "_loading")
        }

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._attach(None, None)

    def kind(self, name: str) -> Kind:
        """The entries of kind ``name``, read from the snapshot on first use: a question by
        code never reads the sentences and pages of a thousand reports."""
        found = self.kinds.get(name)
        if found is not None:
            return found
        with self._loading:
            if name not in self.kinds:
                self.kinds[name] = self._read_kind(name)
            return self.kinds[name]

    def _read_kind(self, name: str) -> Kind:
        from . import snapshot

        if self._source is not None:
            try:
                return snapshot.read_kind(self._source, name)
            except Exception:  # its files were replaced by a newer snapshot: read the store
                pass
        if self._store is not None:
            with _many_objects():
                return _build_kind(self._store, name, self.documents)
        return Kind(name, [], np.zeros((0, 0), dtype=np.float32))

    def of(self, kind: str) -> list[Entry]:
        return self.kind(kind).entries

    def derived(self, name: str) -> object:
        """``DERIVED[name]`` of this catalog, computed once."""
        if name not in self.__dict__:
            self.__dict__[name] = DERIVED[name](self)
        return self.__dict__[name]

    def load_all(self) -> None:
        """Read every kind now (a long-lived chat does, beside its first page)."""
        for kind in LOADERS:
            self.kind(kind)

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with ``entry_id``, of whichever kind."""
        for kind in [*self.kinds, *(k for k in LOADERS if k not in self.kinds)]:
            found = self.kind(kind).position.get(entry_id)
            if found is not None:
                return self.kinds[kind].entries[found]
        return None

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

    def current_rows(self, kind: str, years=()) -> np.ndarray:
        """The rows of ``kind`` that answer for ``years``: of a report indexed in several
        editions, those of the editions showing a year asked for, else of the latest edition
        holding the record's outcome. Other reports' entries all stand."""
        found = self.kind(kind)
        key = _years_key(years)
        if key not in found.current:
            if not self.editions:
                rows = np.arange(len(found.entries), dtype=np.int64)
            else:
                asked = set(key)
                rows = np.fromiter(
                    (e.row for e in found.entries if self._stands(e, asked)), dtype=np.int64
                )
            found.current[key] = rows
        return found.current[key]

    def current(self, kind: str, years=()) -> Rows:
        """The entries of ``kind`` that answer for ``years`` (:meth:`current_rows`)."""
        return Rows(self.kind(kind).entries, self.current_rows(kind, years))

    def _stands(self, entry: Entry, years: set[int]) -> bool:
        doc_id = entry.meta.get("doc_id", "")
        family = self.editions.get(doc_id)
        if not family:
            return True
        named = [d for d in family if self.edition_years(d) & years]
        if named:
            return any(d["doc_id"] == doc_id for d in named)
        code = entry.meta.get("outcome_code", "")
        holding = [d for d in family if not code or code in d.get("outcomes", "").split(",")]
        # An edition whose data year can't be (2099, 1901, outside its plan) answers only
        # when its year is asked for: it is never the latest.
        trusted = [d for d in holding if not year_doubt(d)]
        if year_doubt(self.documents[doc_id]):
            return not trusted
        mine = self.documents[doc_id].get("data_year") or 0
        return not any((d.get("data_year") or 0) > mine for d in trusted)

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
    def outcome_word_rows(self) -> dict[str, np.ndarray]:
        """Word of an outcome's statement or impact areas → the rows of the outcomes using it."""
        entries = self.of("outcome")
        return _group(entries, lambda e: self.outcome_words[e.id])

    @cached_property
    def speller(self):
        """Corrects a question's typing errors against the words of these reports, the
        question vocabulary and the names indexed (countries, partners, places)."""
        from . import vocabulary
        from .spelling import LANGUAGE_WORDS, Speller, strip_accents

        words: set[str] = set()
        for kind in LOADERS:
            for entry in self.of(kind):
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
            # The name up to its head noun, and its initials with "UN" kept whole: "UN Trust
            # Fund", "UNTF" for the UN Trust Fund to End Violence against Women.
            head = re.match(r"(.*?\b(?:fund|office|agency|programme|program|facility))\b", bare)
            if head and head.group(1) != bare:
                short_words = re.findall(r"[a-z]+", head.group(1).replace("-", " "))
                found.append(" ".join(short_words))
                letters = "".join(w if w == "un" else w[0] for w in short_words if w != "of")
                if len(letters) >= 3:
                    found.append(letters)
            found.append(bare.replace("-", " "))
            for prefix in ("government of ", "the "):
                if bare.startswith(prefix):
                    found.append(bare[len(prefix) :])
            if bare.startswith("government of "):
                # The country as a Spanish or French question names it: "Noruega", "Suède".
                for local in local_names(bare[len("government of ") :]):
                    found += [local, f"government of {local}"]
            # A donor agency named for its country ("Korea International Cooperation
            # Agency"): the country as a question names it ("the Koreans" → "south korea").
            for country in _countries_in(bare):
                found.append(country)
            aliases[partner] = [a for a in dict.fromkeys(found) if len(a) >= 2 and a != name]
        return aliases

    @cached_property
    def word_weights(self) -> tuple[dict[str, float], float]:
        """How much each word tells texts apart (inverse document frequency over the records
        and sentences, not the page dumps that hold every word), and the weight of a word
        the reports never use."""
        import math

        counted = [kind for kind in LOADERS if kind != "page"]
        documents = [doc for kind in counted for doc in self.kind(kind).lexical.docs]
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
        return self.kind(entry.kind).lexical.docs[entry.row].keys()


DERIVED.update(
    {
        name: operator.attrgetter(name)
        for name in ("speller", "places", "word_weights", "_pairs", "outcome_words", "_aliases")
    }
)


def _countries_in(name: str) -> list[str]:
    """The countries a partner's name holds, by their name as a question reads it."""
    from indexing.countries import country_name, name_index

    from .spelling import strip_accents

    names = name_index()
    words = re.findall(r"[a-z]+", name)
    found = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            iso3 = names.get(" ".join(words[start : start + size]))
            if iso3 and len(" ".join(words[start : start + size])) >= 4:
                found.append(strip_accents(country_name(iso3).lower()))
    return found


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


@contextlib.contextmanager
def _many_objects():
    """Build millions of long-lived objects without the cyclic collector walking them.

    The collector runs as objects are allocated, and each full pass walks every object
    alive: loading 1,000 reports' catalog took four times as long with it on. What is
    built is then frozen (``gc.freeze``), so later passes, on a warm question's
    allocations, skip it instead of walking it for a second each time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _load(store: Store, generation: tuple) -> Catalog:
    with _many_objects():
        return _build(store, generation)


def _build(store: Store, generation: tuple) -> Catalog:
    catalog = Catalog(generation=generation)
    catalog.documents = {d["doc_id"]: d for d in store.documents()}
    for kind in LOADERS:
        catalog.kinds[kind] = _build_kind(store, kind, catalog.documents)
    return catalog


def _build_kind(store: Store, kind: str, documents: dict) -> Kind:
    loader = LOADERS[kind]
    entries = []
    vectors = {}
    for hit in store.get(where={"kind": kind}, embeddings=True):
        if hit.metadata.get("doc_id") not in documents:
            continue  # pending: written by a run that stopped before its entry
        meta = dict(hit.metadata)
        # Parsed once here: the JSON would otherwise stay in memory beside its record.
        saved = meta.pop("record", None)
        record = loader(json.loads(saved)) if loader and saved else None
        entries.append(Entry(hit.id, kind, record, meta, hit.text))
        vectors[hit.id] = hit.embedding
    entries.sort(key=lambda e: (e.meta["file"], e.id))
    matrix = (
        np.asarray([vectors[e.id] for e in entries], dtype=np.float32)
        if entries
        else np.zeros((0, 0), dtype=np.float32)
    )
    return Kind(kind, entries, matrix)


_lock = threading.Lock()
_cache: dict[str, Catalog] = {}


def catalog_for(store: Store) -> Catalog:
    """The store's records, reloaded when a document was added, replaced or removed.

    An index's writers mark it on every change (``Store.changed``: a version file beside
    an embedded index, the documents collection's metadata on a server): while the mark
    reads as it did, the catalog in memory, or else (embedded) the snapshot on disk beside
    the index, is current, and Chroma is asked nothing more. A cold ``resultsqa ask`` then
    loads in a fraction of a second what takes seconds to read back from Chroma and index
    for BM25.
    """
    from . import snapshot

    version = store.version()
    with _lock:
        cached = _cache.get(store.key)
        if version and cached is not None and cached.version == version:
            return cached
        if version and cached is None and not store.remote:
            saved = snapshot.read(store, version)
            if saved is not None:
                _cache[store.key] = saved
                return saved
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
            if not store.remote and version and version == store.version():
                snapshot.write(store, fresh)
            cached = _cache[store.key] = fresh
        return cached
