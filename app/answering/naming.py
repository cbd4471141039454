"""The records a question names: outcomes, outputs and indicators found by their code, or by
what they are about ("the output on women's cooperatives in Bangladesh").

A record named by topic is found by the hybrid search over its statement (and, for an
output or outcome, the statements of the indicators it reports on), within the question's
scope. Each candidate gets one calibrated score: its similarity by meaning to the question's
topic, and the share of the topic's telling words (weighted by how rare they are in the
reports) that it holds. The best is accepted when it scores above ``ACCEPT`` and clearly
above the next; when two or three different records score close to each other the question
is asked back with them as choices; when none reaches ``ACCEPT`` nothing is named, and the
writers answer for the scope (a country, an office) or refuse with the closest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..catalog import Entry, tokens

# Calibrated on the seen part of the interpretation set (eval/questions): a candidate below
# ACCEPT is not what the question names; one within CLOSE of the best is a rival reading.
ACCEPT = 0.45
CLOSE = 0.06
# How much of a record's score its indicators' statements can give (they say what an output
# does, but they are not its name).
CHILD_WEIGHT = 0.9
MEANING_WEIGHT = 0.55
# The least total word weight (inverse document frequency) of the words that name a record.
SPECIFIC = 2.0
# The least share of the topic's weight (counting the words the reports use) those words carry.
ENOUGH = 0.4


@dataclass
class Named:
    """A record the question names, how it was found and how sure that is."""

    kind: str  # outcome, output or indicator
    id: str  # its catalog entry id
    code: str  # its code (an indicator: its parent's)
    label: str  # a short description a person recognises it by
    country: str
    score: float = 1.0
    how: str = "code"  # code, label, name, alias, meaning, previous
    words: str = ""  # the question's words it was found by (by meaning)

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "code": self.code,
            "label": self.label,
            "country": self.country,
            "score": round(self.score, 3),
            "how": self.how,
            "words": self.words,
        }


def named(entry: Entry, score: float, how: str) -> Named:
    record = entry.record
    code = getattr(record, "code", "") or getattr(record, "parent_code", "")
    return Named(entry.kind, entry.id, code, _label(entry), entry.country, score, how)


def _label(entry: Entry) -> str:
    statement = " ".join(getattr(entry.record, "statement", "").split())
    if len(statement) > 110:
        statement = statement[:109].rsplit(" ", 1)[0] + "…"
    return statement


@dataclass
class Found:
    """The outcome of a search for named records: what to use, or what to ask back."""

    chosen: list[Named]
    rivals: list[Named]  # close readings: ask back with them
    closest: list[Named]  # the best below ACCEPT, to offer when nothing is named

    @property
    def ask_back(self) -> bool:
        return len(self.rivals) >= 2


def usable_words(topic: list[str], entries: list[Entry], catalog, children=None) -> list[str]:
    """The topic's words that some candidate (or an indicator reporting on it) holds: the
    others ("left to raise", "versus", "talking points") cannot tell records apart and only
    blur the search."""
    held: set[str] = set()
    for entry in entries:
        held |= set(catalog.token_set(entry))
        for child in (children or {}).get(entry.id, []):
            held |= set(catalog.token_set(child))
    return [word for word in topic if set(tokens(word)) & held]


def enough_of(words: list[str], topic: list[str], catalog) -> bool:
    """Whether the words records hold are most of what the topic says that the reports say
    anywhere: "national" alone of "the national helpline" (the notes tell of the helpline,
    no record's statement does) names no record."""
    weights, _ = catalog.word_weights
    known = {w for w in tokens(" ".join(topic)) if w in weights}
    held = {w for w in tokens(" ".join(words)) if w in weights}
    total = sum(weights[w] for w in known)
    return not total or sum(weights[w] for w in held) / total >= ENOUGH


def specific(words: list[str], catalog) -> bool:
    """Whether the words say enough to name a record: not only words every record uses
    ("women", "programme")."""
    weights, unknown = catalog.word_weights
    return sum(weights.get(word, unknown) for word in set(tokens(" ".join(words)))) >= SPECIFIC


def rank_records(
    entries: list[Entry],
    topic: str,
    probe: np.ndarray,
    catalog,
    children: dict[str, list[Entry]] | None = None,
) -> list[tuple[Entry, float]]:
    """Each entry with its score for ``topic`` (0 to 1), best first.

    ``probe`` is the topic's vector; ``children`` maps an entry id to the indicator entries
    that report on it, whose statements also describe it.
    """
    wanted = set(tokens(topic))
    if not entries or not wanted:
        return []
    weights, unknown = catalog.word_weights
    total = sum(weights.get(word, unknown) for word in wanted)
    scored = []
    for entry in entries:
        kind = catalog.kind(entry.kind)
        similarity = float(kind.vectors[entry.row] @ probe)
        held = set(catalog.token_set(entry))
        own = _weighted(wanted, held, weights, unknown, total)
        best = MEANING_WEIGHT * similarity + (1 - MEANING_WEIGHT) * own
        for child in (children or {}).get(entry.id, []):
            child_kind = catalog.kind(child.kind)
            child_similarity = float(child_kind.vectors[child.row] @ probe)
            child_held = held | set(catalog.token_set(child))
            child_own = _weighted(wanted, child_held, weights, unknown, total)
            through = CHILD_WEIGHT * (
                MEANING_WEIGHT * child_similarity + (1 - MEANING_WEIGHT) * child_own
            )
            best = max(best, through)
        scored.append((entry, best))
    scored.sort(key=lambda pair: -pair[1])
    return scored


def _weighted(wanted: set[str], held, weights: dict, unknown: float, total: float) -> float:
    if not total:
        return 0.0
    return sum(weights.get(word, unknown) for word in wanted & held) / total


def decide(ranked: list[tuple[Entry, float]], how: str = "meaning") -> Found:
    """Accept the best, ask back between close different records, or name none.

    Records that print the same statement (the same output in several offices' reports, or
    in two editions of one) are one reading, not rivals: they are all chosen, and the writer
    says whose each figure is.
    """
    if not ranked or ranked[0][1] < ACCEPT:
        return Found([], [], [named(e, score, how) for e, score in ranked[:3]])
    best_score = ranked[0][1]
    best_reading = _reading(ranked[0][0])
    # The same statement under another parent is no further from the question whatever its
    # score: only what the question says of the parent (its level, its code) tells them apart.
    close = [
        (e, score)
        for e, score in ranked
        if score >= ACCEPT and (score >= best_score - CLOSE or _reading(e) == best_reading)
    ]
    readings: dict[str, list[tuple[Entry, float]]] = {}
    for entry, score in close:
        readings.setdefault(_reading(entry), []).append((entry, score))
    groups = list(readings.values())
    if len(groups) > 1 and len({e.file for e, _ in close}) > 1:
        # Close records of several offices' reports: the topic does not tell which office
        # is meant, so it names no record; the scope (or the text) decides.
        return Found([], [], [named(e, score, how) for e, score in ranked[:3]])
    if len(groups) == 1:
        group = groups[0]
        files = [e.file for e, _ in group]
        if len(set(files)) == len(files):
            return Found([named(e, score, how) for e, score in group], [], [])
        # One statement under several parents of one report (an indicator reported by three
        # outputs): which one is meant decides the figure.
        return Found([], [named(e, score, how) for e, score in group[:3]], [])
    rivals = [named(group[0][0], group[0][1], how) for group in groups[:3]]
    return Found([], rivals, [])


def _reading(entry: Entry) -> str:
    """What makes two records one reading: the same kind and statement."""
    from .compose import statement_words

    statement = " ".join(statement_words(getattr(entry.record, "statement", "")))
    return f"{entry.kind}:{statement}"
