"""One search object for every writer: the catalog's records, by filter, by words and by meaning.

Lexical scores are BM25 (bm25s, ``app.catalog.Lexical``); meaning is cosine similarity of
the question's vector with the records' vectors, computed in memory over exactly the
candidates a question allows; the two rankings are fused by reciprocal rank.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ..catalog import Catalog, Entry, Rows, code_under, rows_of, tokens, union
from ..resolve import Query
from ..spelling import strip_accents
from .compose import coverage

# Below this, a search by meaning found nothing that answers the question.
MIN_SIMILARITY = 0.30
RRF_K = 60
MIN_WEIGHTED = 0.3
# A word rarer than this tells a text apart ("violence"); "women" and "gender", which every
# note of UN Women holds, do not.
TELLING_WEIGHT = 2.0
OFFICE_STEMS = frozenset(tokens("office"))
# What a percentage is called: a sentence stating one holds these words.
RATE_WORDS = frozenset(tokens("rate share percentage proportion"))
# Candidates ranked by words: a text below the first few hundred by BM25 and outside the
# nearest by meaning does not answer, and scoring it costs time at the corpus's size.
LEXICAL_TOP = 200


class Search:
    """The records of one catalog (one generation of the store) and the model that embeds."""

    def __init__(self, catalog: Catalog, embed):
        self.catalog = catalog
        self._embed = embed  # texts → vectors
        # The years a question names: of a report indexed in several editions, they choose
        # which edition answers (the latest when none is named).
        self.years: list[int] = []
        self._similarities: dict[tuple[str, str], np.ndarray] = {}

    def of(self, kind: str) -> Rows:
        return self.catalog.current(kind, self.years)

    def scoped(self, kind: str, q: Query, rows: np.ndarray | None = None) -> Rows:
        """The entries of ``kind`` of the countries and codes the question (or the user's
        scope) names, in the editions it asks for; within ``rows`` when given. An entry is
        in scope when its country is named, and its code (or a code it sits under) is."""
        found = self.catalog.kind(kind)
        chosen = self.catalog.current_rows(kind, self.years)
        if rows is not None:
            chosen = np.intersect1d(chosen, rows, assume_unique=True)
        codes = q.codes
        if kind == "sentence" and (q.asks_why or q.narrative):
            # A note is its outcome's: why an output fell short, or what it did, is told in
            # the note of the outcome above it.
            codes = [c.rsplit(".", 1)[0] if c.count(".") >= 2 else c for c in q.codes]
        for keys, index in ((q.iso3s, found.iso3_rows), (codes, found.code_rows)):
            if keys:
                allowed = union([index[key] for key in keys if key in index])
                chosen = np.intersect1d(chosen, allowed, assume_unique=True)
        return Rows(found.entries, chosen)

    def vector(self, q: Query, text: str) -> list[float]:
        # Kept on the query, not on self: one search model serves several chat sessions.
        if text not in q.vectors:
            q.vectors[text] = self._embed([text])[0]
        return q.vectors[text]

    def vector_of(self, text: str) -> np.ndarray:
        """``text``'s vector, for a search of its own (not kept on any question)."""
        return np.asarray(self._embed([text])[0], dtype=np.float32)

    def rank(
        self,
        kind: str,
        q: Query,
        candidates: list[Entry],
        text: str | None = None,
        n: int = 20,
        meaning: str | None = None,
    ) -> list[tuple[Entry, float, float]]:
        """Rank candidates by meaning and by words, fused (reciprocal rank fusion).

        ``text`` is searched for by words, ``meaning`` (default: the whole question) by
        meaning: one embedding serves every search a question makes.
        Returns (entry, dense similarity, lexical score), best first.
        """
        if not candidates:
            return []
        found = self.catalog.kind(kind)
        text = text or q.meaning
        rows = rows_of(candidates)
        similarities = self.similarities(kind, q, meaning or q.meaning, rows)
        top = max(n, 40)
        if len(similarities) > top:
            best = np.argpartition(-similarities, top)[:top]
            best = best[np.argsort(-similarities[best])]
        else:
            best = np.argsort(-similarities)
        dense = [(candidates[i].id, float(similarities[i])) for i in best.tolist()]
        lexical_scores = found.lexical.scores(
            text, None if len(rows) == len(found.entries) else rows, top=LEXICAL_TOP
        )
        everything = found.entries
        lexical = sorted(
            ((everything[i].id, s) for i, s in lexical_scores.items()), key=lambda item: -item[1]
        )
        fused: dict[str, float] = {}
        for ranking in (dense, lexical):
            for rank, (entry_id, _) in enumerate(ranking):
                fused[entry_id] = fused.get(entry_id, 0.0) + 1 / (RRF_K + rank)
        similarity = dict(dense)
        lexical_map = dict(lexical)
        ranked = sorted(fused, key=lambda i: -fused[i])
        position = found.position
        return [
            (everything[position[i]], similarity.get(i, 0.0), lexical_map.get(i, 0.0))
            for i in ranked
        ]

    def similarities(self, kind: str, q: Query, meaning: str, rows: np.ndarray) -> np.ndarray:
        """Cosine similarity of ``meaning`` with the entries of ``rows``. Over most of a kind,
        one product with all its vectors, kept for the question's other searches, costs less
        than gathering the rows' vectors first."""
        vectors = self.catalog.kind(kind).vectors
        probe = np.asarray(self.vector(q, meaning), dtype=np.float32)
        if len(rows) * 4 < len(vectors):
            return vectors[rows] @ probe
        key = (kind, meaning)
        if key not in self._similarities:
            self._similarities[key] = vectors @ probe
        return self._similarities[key][rows]

    def matching(
        self,
        kind: str,
        q: Query,
        candidates: list[Entry],
        words: list[str],
        meaning: str | None = None,
    ) -> tuple[list[Entry], list]:
        """Entries of ``kind`` that answer: near in meaning and holding the question's words."""
        ranked = self.rank(
            kind, q, candidates, text=" ".join(words) if words else None, meaning=meaning
        )
        wanted = set(tokens(" ".join(words) if words else q.meaning))
        if kind == "sentence":
            shares = self.sentence_shares(q, wanted, [e for e, _, _ in ranked])
            good = [
                e
                for e, sim, _ in ranked
                if sentence_answers(
                    sim, shares[e.id][0], self.shared(wanted, e, q.alike), len(wanted)
                )
                # One word the question is about, which the sentence holds and which tells
                # texts apart: however far the question's other words take its vector
                # ("la nota de progreso 2022 … sobre la línea de ayuda").
                or (len(wanted) == 1 and shares[e.id][2] >= 0.99 and shares[e.id][1] >= 1.0)
            ]
        else:
            good = [
                e
                for e, sim, _ in ranked
                if answers(sim, coverage(wanted, self.catalog.token_set(e)), len(wanted))
            ]
        return good, ranked

    def sentence_shares(
        self, q: Query, wanted: set[str], sentences: list[Entry]
    ) -> dict[str, tuple[float, float, float]]:
        """Sentence id → the share of the question's words it holds, the share it holds in
        its own words, and the share weighted by how much each word tells texts apart.

        A word that tells one outcome in scope from the others ("humanitarian" in "Jordan's
        humanitarian outcome") counts as held by every sentence of that outcome's note,
        which is about it whether or not the sentence says so; a sentence must still hold
        some of the question's words itself. A country the question names that has no
        report of its own must be named by the sentence ("the Government of Germany").
        """
        catalog = self.catalog
        # Only the outcomes in scope that use a word of the question frame anything.
        using = union(
            [catalog.outcome_word_rows[w] for w in wanted if w in catalog.outcome_word_rows]
        )
        described = {
            (e.file, e.record.code): catalog.outcome_words[e.id] & wanted
            for e in self.scoped("outcome", q, using)
        }
        outcomes_with = Counter(word for words in described.values() for word in words)
        framing = {
            key: {word for word in words if outcomes_with[word] == 1}
            for key, words in described.items()
        }
        # A country without a report of its own, named as itself or by its people's
        # adjective ("the Danish Government").
        required = [_named_either_way(name) for name in q.unknown_countries]
        # A funding partner the question names must be named by the sentence, by its name or
        # as people call it ("KOICA", "Norway"): another donor's figure does not answer.
        partners = [
            re.compile(
                r"\b(?:"
                + "|".join(
                    re.escape(a) for a in [strip_accents(p.lower()), *catalog.partner_aliases(p)]
                )
                + r")\b"
            )
            for p in q.partners
        ]
        compounds = self.catalog.compounds(tokens(" ".join(q.topic)))
        units = self._acronym_units(q, wanted)
        acronyms = any(len(unit) > 1 for unit in units)
        shares = {}
        for entry in sentences:
            own = set(self.catalog.token_set(entry))
            # "the delivery rate": "delivered 78% of its budget" states one as a percentage,
            # though not in the question's words.
            rated = set(own)
            if any(f.kind == "percent" for f in getattr(entry.record, "figures", [])):
                rated |= RATE_WORDS
            # "protection orders": a sentence with "protection" and no "orders" is about
            # something else ("protection referrals"), so its "protection" does not count.
            unheld = {first for first, head in compounds if head not in rated}
            own -= unheld
            rated -= unheld
            for group in q.alike:  # "the Danish Government" holds "denmark" too
                if own & group:
                    own |= group
                    rated |= group
            text = entry.text.lower()
            # The donor named (required below) is something of the question it holds.
            if (
                (not wanted & own and not (required or partners))
                or not all(pattern.search(text) for pattern in required)
                or not all(p.search(strip_accents(text)) for p in partners)
            ):
                shares[entry.id] = (0.0, 0.0, 0.0)
                continue
            key = (entry.file, entry.meta.get("outcome_code", ""))
            # Every sentence of an office's report is the office's ("the Bangladesh CO's
            # budget", "TL CO"): the word says whose, as the scope does.
            held = rated | framing.get(key, set()) | OFFICE_STEMS
            if acronyms:
                shares[entry.id] = (
                    self._unit_share(units, held),
                    self._unit_share(units, own),
                    self._unit_share(units, held, weighted=True),
                )
                continue
            shares[entry.id] = (
                coverage(wanted, held),
                coverage(wanted, own),
                self.weighted(wanted, held),
            )
        return shares

    def _acronym_units(self, q: Query, wanted: set[str]) -> list[set[str]]:
        """The question's words as units: an acronym typed ("SGBV") is one, however many
        words it spells out ("sexual and gender-based violence against women")."""
        groups = [set(tokens(full)) & wanted for typed, full in q.spelled_out]
        groups = [g for g in groups if len(g) >= 2 and " " not in typed_of(q, g)]
        taken = set().union(*groups) if groups else set()
        return groups + [{word} for word in wanted - taken]

    def _unit_share(self, units: list[set[str]], held: set[str], weighted: bool = False) -> float:
        """The share of units a text holds: an acronym's by any of its telling words (not
        "women" or "gender", which every note holds), each unit counted by its rarest word
        when ``weighted``."""
        weights, unknown = self.catalog.word_weights
        total = got = 0.0
        for unit in units:
            weight = max(weights.get(w, unknown) for w in unit) if weighted else 1.0
            telling = {w for w in unit if weights.get(w, unknown) >= TELLING_WEIGHT} or unit
            total += weight
            got += weight if held & telling else 0.0
        return got / total if total else 0.0

    def weighted(self, wanted: set[str], words) -> float:
        """The share of the question's words a text holds, each word counted by how much it
        tells texts apart: "protection orders" is held by the sentence that says "orders",
        not by every sentence that says "women"."""
        if not wanted:
            return 0.0
        weights, unknown = self.catalog.word_weights
        total = sum(weights.get(word, unknown) for word in wanted)
        held = sum(weights.get(word, unknown) for word in wanted & set(words))
        return held / total

    def fit(self, answer, q: Query, records: bool = True) -> float:
        """How much of what the question is about a table answer holds (0 to 1): its words,
        its quotes and (with ``records``) the texts of the records it stands on. 1 when the
        question names nothing beyond the figure and where."""
        # Of a total or a ranking, words no record or sentence of the reports uses ("across",
        # "ed") cannot be held by any answer: they do not count against it. Elsewhere such a
        # word can be what the question is about (a place the reports never name).
        weights, _ = self.catalog.word_weights
        # A word carried over from the question before ("flagged") that no report uses is
        # no place this one asks about either.
        own = set(tokens(" ".join(q.own_topic))) if "topic" in q.inherited else None
        wanted = {
            word
            for word in tokens(" ".join(q.topic))
            if word in weights or (not q.aggregate and (own is None or word in own))
        }
        if not wanted:
            return 1.0
        said = [answer.answer] + [f"{c.section} {c.quote}" for c in answer.citations]
        words = set(tokens(" ".join(said)))
        for record_id in answer.records if records else ():
            entry = self.catalog.entry(record_id)
            if entry is not None:
                words |= set(self.catalog.token_set(entry))
        return coverage(wanted, words)

    def best_coverage(self, kind: str, wanted: set[str], entries: list[Entry]) -> float:
        """The largest share of ``wanted`` any of ``entries`` holds (``coverage``, by the
        kind's word index rather than entry by entry)."""
        if not wanted or not entries:
            return 0.0
        held = self.catalog.kind(kind).with_words(wanted, rows_of(entries))
        return int(held.max()) / len(wanted)

    def shared(self, wanted: set[str], entry: Entry, alike=()) -> int:
        """How many of the question's words a text holds itself; a text holding one word of
        an ``alike`` group ("danish" of {"danish", "denmark"}) holds the group."""
        own = set(self.catalog.token_set(entry))
        for group in alike:
            if own & group:
                own |= group
        return len(wanted & own)

    # -- outcomes and outputs a question is about -----------------------------------------
    def outcomes_for(self, q: Query, topic: bool = True) -> list[Entry]:
        """Outcomes the question is about: by code, else country (and topic), else topic."""
        outcomes = self.of("outcome")
        if q.codes:
            return [
                e
                for e in outcomes
                if any(code == e.record.code or code_under(code, e.record.code) for code in q.codes)
            ]
        scoped = self.scoped("outcome", q)
        if len(scoped) <= 1 or not topic:
            return scoped
        words = q.topic
        if not words:
            return scoped
        # An outcome is told from the others by its topic, not by the question's other words.
        topic = " ".join(words)
        ranked = self.rank("outcome", q, scoped, text=topic, meaning=topic)
        best = [e for e, sim, lex in ranked if lex > 0 or sim >= MIN_SIMILARITY]
        return best[:1] if best else scoped

    def outputs_for(self, q: Query) -> list[Entry]:
        outputs = self.of("output")
        named = [e for e in outputs if e.record.code in q.codes]
        if named:
            return named
        scoped = self.scoped("output", q)
        words = q.topic
        if len(scoped) <= 1 or not words:
            return scoped
        topic = " ".join(words)
        # "the outputs of the economic empowerment outcome", "break it down by output": the
        # words named the outcome; every output under it is asked.
        outcome_words = " ".join(r.words or "" for r in q.records if r.kind == "outcome")
        if outcome_words and set(tokens(topic)) <= set(tokens(outcome_words)):
            return scoped
        inherited = q.scope_from.get("codes") == "previous" and not q.own_topic
        if inherited and any(code.count(".") == 1 for code in q.codes):
            return scoped  # the outcome the last answer gave, and no words of this question
        ranked = self.rank("output", q, scoped, text=topic, meaning=topic)
        good = [e for e, sim, lex in ranked if lex > 0 or sim >= MIN_SIMILARITY]
        return good[:1] or scoped


def _named_either_way(country: str) -> re.Pattern:
    from indexing.countries import _demonyms, name_index

    iso3 = name_index().get(country.lower())
    adjectives = [a for a, i in _demonyms().items() if i == iso3] if iso3 else []
    names = [re.escape(country.lower()), *(re.escape(a) for a in adjectives)]
    return re.compile(rf"\b(?:{'|'.join(names)})")


def answers(similarity: float, share: float, words: int) -> bool:
    """Whether a text answers: close in meaning and sharing the question's words.

    Long paragraphs are embedded by their first 128 word pieces only, so a passage that
    holds nearly every content word of the question counts even when its vector is far.
    """
    if similarity >= 0.6:
        return True
    # One shared word of two ("schools" in "how many schools did UN Women build") is chance.
    enough = share * words >= min(2, words) - 0.01
    if similarity >= MIN_SIMILARITY and share >= 0.5 and enough:
        return True
    return words >= 2 and share >= 0.75


def typed_of(q: Query, group: set[str]) -> str:
    """What was typed for a spelled-out group of words ("SGBV")."""
    return next((typed for typed, full in q.spelled_out if set(tokens(full)) >= group), " ")


def sentence_answers(
    similarity: float, share: float, shared: int, words: int, weighted: float = 1.0
) -> bool:
    """Whether a sentence answers: it holds the question's words (``share``; ``shared`` of
    the ``words`` in its own text), and its meaning (against the whole question) agrees. A
    sentence is short and embedded whole, so unlike a long passage it must share words with
    the question however close its vector. ``weighted``, the share counted by how much each
    word tells texts apart, must not be small: a sentence holding "women" and "protection"
    but not "orders" is not about protection orders."""
    if weighted < MIN_WEIGHTED:
        return False
    if words >= 2 and share >= 0.75:
        return True
    if share >= 0.5 and shared >= min(2, words) and similarity >= 0.35:
        return True
    if share >= 0.4 and shared >= 2 and similarity >= 0.6:
        return True
    if share >= 0.6 and shared >= 2 and weighted >= 0.6 and similarity >= 0.25:
        # The words that tell sentences apart are all there: a question whose meaning is
        # read through a few words (Spanish, French, shorthand) is close by them alone.
        return True
    return similarity >= 0.75 and share >= 0.3
