"""Passages quoted from the reports: the sentences that answer a question, from the progress
notes first and then any page's text, each cited to the page it stands on."""

from __future__ import annotations

import re

from indexing.facts import NAME, OWNER_BEFORE, not_owner, trim_name
from indexing.sentences import split_sentences

from ..catalog import Entry, tokens
from ..resolve import Query
from ..vocabulary import ASKS_WHO
from .compose import Miss, Reply, coverage, named_outcome, quoted, where, year_note
from .model import Answer, Fact
from .search import Search
from .stated import _holding_own_words, sentences_in_scope

MOST = 3
# A further sentence is quoted when it holds nearly as much of the question as the best.
KEEP_SHARE = 0.75
# A sentence that opens by pointing back at the one before it.
ANAPHOR = re.compile(r"^(?:This|These|That|Those|It|They|Such|Its|Their)\b")
# English's causal connectives: a sentence that gives a reason. Grammar, not topics.
CAUSAL = re.compile(
    r"\b(?:because|due to|owing to|as a result|result(?:ed|s|ing)? (?:of|in|from)|caused|"
    r"thanks to|given that|led to|leading to|so that|therefore|consequently|hence|reasons?|"
    r"delayed by|postponed|driven by|attributed to|explained by|in order to|since the|"
    r"following the|after the)\b",
    re.IGNORECASE,
)
# How near in meaning one of two neighbouring sentences must be to quote them together.
PAIR_NEAR = 0.35


def passage(q: Query, s: Search) -> tuple[Answer, float]:
    """The sentences that answer; and how much of the question they hold."""
    words = q.topic
    candidates = sentences_in_scope(q, s, strict_years=False)
    if not words and (q.iso3s or q.codes):
        # "What did the Mexico office achieve?": the opening of each progress note.
        openings = _openings(q, candidates)
        if openings:
            return quote(q, openings[: 2 * MOST], s), 1.0
    pointed = _pointed_at(q, candidates, s)
    if pointed:
        return quote(q, pointed, s), 1.0
    good, ranked = s.matching("sentence", q, candidates, words, meaning=q.meaning)
    by_instance = [w for w in words if w != q.asked_head]
    if not good and q.asked_head and by_instance and by_instance != words:
        # "Which agencies …": the sentence names them, it need not say "agencies".
        good, ranked = s.matching("sentence", q, candidates, by_instance, meaning=q.meaning)
    wanted = set(tokens(" ".join(words) if words else q.meaning))
    good = _holding_own_words(q, s, good, lambda e: e)
    if good:
        # By the share of the question each holds, its own words breaking a tie.
        held = s.sentence_shares(q, wanted, good)
        order = {id_: share + own for id_, (share, own, _) in held.items()}
        if q.asks_why:
            # "Why …?": of sentences about it, the one that gives a reason.
            for entry in good:
                order[entry.id] += 0.5 * bool(CAUSAL.search(entry.record.text))
        if asks_a_name(q):
            # "Which donor financed …?", "who funded that market?": of sentences about it,
            # the one that names one, not the note's opening; also the sentences right after
            # one about it, which go on about the same thing ("The platform was … financed
            # by the Government of Norway").
            for entry, parent in _following(good, candidates, wanted, s):
                good.append(entry)
                order[entry.id] = 0.9 * order.get(parent, 0.0)
            for entry in good:
                order[entry.id] += 0.5 * names_one(q, s, entry)
        top = max(good, key=lambda e: order[e.id])
        # Further sentences hold nearly as much of the question, and what it names that the
        # best one holds ("in Amman": not the same sentence about Dhaka).
        named = q.named & set(s.catalog.token_set(top))
        chosen = [top] + [
            e
            for e in good
            if e is not top
            and order[e.id] >= order[top.id] * KEEP_SHARE
            and named <= set(s.catalog.token_set(e))
        ]
        chosen = _with_antecedents(chosen[:MOST], candidates)
        if q.asks_why:
            chosen = _with_reason(chosen, candidates)
            if not any(CAUSAL.search(e.record.text) for e in chosen):
                raise Miss("no sentence of the notes says why", [where(e) for e in chosen])
        # A following sentence's own words are those of the sentence it follows.
        return quote(q, chosen, s), held.get(top.id, (0.0, 0.0, 0.0))[1]
    pair = _pair(q, s, candidates, ranked, wanted)
    if pair:
        return quote(q, pair, s), 1.0
    # Text the sentence index does not hold is still read, in a PDF of another layout (a
    # results report is read whole into its sentences and tables: its page text matching
    # where no sentence does is chance, not an answer).
    other = [e for e in s.scoped("page", q) if not _results_report(s, e)]
    pages, _ = s.matching("page", q, other, words) if other else ([], [])
    if pages:
        return _quote_pages(q, pages[:2], words), coverage(wanted, s.catalog.token_set(pages[0]))
    raise Miss(
        "the indexed reports hold no passage that answers this",
        [where(e) for e, _, _ in ranked[:3]],
    )


def _following(good: list, candidates, wanted: set[str], s: Search) -> list[tuple[Entry, str]]:
    """The next two sentences of each good sentence's paragraph that share a word with the
    question and are not already among them, each with the id of the one it follows."""
    have = {e.id for e in good}
    by_place = {
        (e.file, e.record.outcome_code, e.record.paragraph, e.record.position): e
        for e in candidates
        if e.record.source == "note"
    }
    out = []
    for entry in list(good):
        sentence = entry.record
        for step in (1, 2):
            key = (entry.file, sentence.outcome_code, sentence.paragraph, sentence.position + step)
            after = by_place.get(key)
            if after is None or after.id in have:
                continue
            if wanted & set(s.catalog.token_set(after)):
                have.add(after.id)
                out.append((after, entry.id))
    return out


# "Who funded …", "who piloted …": a doer is asked for by name.
WHO_DID = re.compile(r"^\W*(?:and\s+)?who\b|\bwho (?:funded|financed|paid|supported|led|ran)\b")


def asks_a_name(q: Query) -> bool:
    return bool(q.asked_head) or bool(WHO_DID.search(q.read))


def names_one(q: Query, s: Search, entry: Entry) -> float:
    """How well a sentence names what a name question asks: a name the question does not
    already hold (1), next to the word for the kind asked ("the municipality of Cahul",
    "Nakuru and Kisumu youth networks") or after a funder's "by"/"from" (2)."""
    text = entry.record.text
    asked = set(tokens(q.read)) | set(tokens(entry.country or ""))
    found = 0.0
    for match in NAME.finditer(text):
        name = trim_name(match.group(1))
        if not name or match.start(1) == 0 or not_owner(name):
            continue
        if set(tokens(name)) <= asked:
            continue  # what the question says itself, or the report's own country
        found = max(found, 1.0)
        around = set(tokens(text[max(0, match.start() - 40) : match.end() + 40]))
        head = set(tokens(q.asked_head)) if q.asked_head else set()
        # A funder asked ("who funded", "which donors") is named after "funded by", "from".
        funder = not head or bool(ASKS_WHO.search(q.read))
        if head & around or (
            funder and OWNER_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        ):
            found = 2.0
    return found


def _pointed_at(q: Query, candidates, s: Search) -> list:
    """ "who financed those?": of the sentences the last answer quoted, those holding the
    follow-up's own words (all of them when it says nothing of its own but the pointer)."""
    if not q.quoted:
        return []
    quoted = [e for e in candidates if any(e.record.text in text for text in q.quoted)]
    own = set(tokens(" ".join(q.own_topic)))
    return [e for e in quoted if own <= set(s.catalog.token_set(e))]


def _with_reason(chosen: list[Entry], candidates: list[Entry]) -> list[Entry]:
    """The best sentence with the one after it when that one gives the reason ("The delivery
    rate fell to 75%. This was due to …")."""
    top = chosen[0].record
    after = next(
        (
            e
            for e in candidates
            if (e.file, e.record.outcome_code, e.record.paragraph, e.record.position)
            == (chosen[0].file, top.outcome_code, top.paragraph, top.position + 1)
        ),
        None,
    )
    if after is not None and after not in chosen and CAUSAL.search(after.record.text):
        return [*chosen, after]
    return chosen


def _with_antecedents(chosen: list[Entry], candidates: list[Entry]) -> list[Entry]:
    """Each sentence with the one before it when it opens by pointing back at it ("This was
    the result of a pilot" says what "The local government of Iztapalapa …" achieved)."""
    place = {
        (e.file, e.record.outcome_code, e.record.paragraph, e.record.position): e
        for e in candidates
    }
    out: list[Entry] = []
    for entry in chosen:
        if ANAPHOR.match(entry.record.text):
            r = entry.record
            before = place.get((entry.file, r.outcome_code, r.paragraph, r.position - 1))
            if before is not None and before not in chosen and before not in out:
                out.append(before)
        out.append(entry)
    return out


def _pair(
    q: Query, s: Search, candidates: list[Entry], ranked: list, wanted: set[str]
) -> list[Entry]:
    """Two sentences that follow each other and hold the question between them ("The local
    government of Iztapalapa has the capacities … This was the result of a pilot"): a note
    often names its subject in one sentence and says what came of it in the next. Each must
    hold a word of the question, the two all of it, and one must be near it in meaning."""
    if len(wanted) < 2:
        return []
    similarity = {e.id: sim for e, sim, _ in ranked}
    place = {
        (e.file, e.record.outcome_code, e.record.paragraph, e.record.position): e
        for e in candidates
        if e.record.source == "note"
    }
    best: tuple[float, list[Entry]] = (0.0, [])
    for (file, code, paragraph, position), first in place.items():
        second = place.get((file, code, paragraph, position + 1))
        if second is None:
            continue
        own = [set(s.catalog.token_set(e)) & wanted for e in (first, second)]
        if not all(own) or own[0] | own[1] != wanted:
            continue
        near = max(similarity.get(first.id, 0.0), similarity.get(second.id, 0.0))
        if near >= PAIR_NEAR and near > best[0]:
            best = (near, [first, second])
    return best[1]


def _openings(q: Query, candidates: list[Entry]) -> list[Entry]:
    """The opening sentences of each progress note in scope: of each outcome's latest note
    unless a year is named (a file can hold several years' notes). A single note opens
    with its first sentences and the lead sentence of its next paragraphs, which is where
    an office's notes put what else the year brought."""
    notes: dict[tuple, list[Entry]] = {}
    for entry in candidates:
        if entry.record.source == "note":
            key = (entry.file, entry.record.outcome_code, entry.meta.get("data_year") or 0)
            notes.setdefault(key, []).append(entry)
    if not q.years:
        latest: dict[tuple, int] = {}
        for file, code, year in notes:
            latest[(file, code)] = max(latest.get((file, code), 0), year)
        notes = {key: found for key, found in notes.items() if key[2] == latest[key[:2]]}
    single = len(notes) == 1
    out = []
    for entries in notes.values():
        paragraphs = sorted({e.record.paragraph for e in entries})
        leads = set(paragraphs[1:MOST]) if single else set()
        out += [
            e
            for e in entries
            if (e.record.paragraph == paragraphs[0] and e.record.position < 2)
            or (e.record.paragraph in leads and e.record.position == 0)
        ]
    return sorted(out, key=_reading_order)


def quote(q: Query, sentences: list[Entry], s: Search) -> Answer:
    """Quote sentences grouped by the note (or page) they stand in, in reading order; a gap
    between sentences that do not follow each other is shown as "…"."""
    reply = Reply()
    groups: dict[tuple, list[Entry]] = {}
    # Each note in the order of its best sentence; its sentences in reading order.
    for entry in sorted(sentences, key=lambda e: (_first(sentences, e), _reading_order(e))):
        sentence = entry.record
        key = (entry.file, sentence.outcome_code, sentence.source)
        group = groups.setdefault(key, [])
        # A note that says the same sentence twice (one per year it tells of) is quoted once.
        if all(other.record.text != sentence.text for other in group):
            group.append(entry)
    for (file, code, source), entries in groups.items():
        first = entries[0]
        text = _joined(entries)
        if source == "note":
            name = named_outcome(s.catalog, file, code, first.country)
            heading = f"{name[0].upper()}{name[1:]}, progress note{year_note(first)}"
            section, subject = f"Outcome {code} progress note", code
        else:
            heading = f"{file}, page {first.record.page}"
            section, subject = "Page text", file
        # A quantity asked, or its change, and answered by a passage: its figures in the
        # answer's own words too (a narrative question's answer is the passage alone).
        counted = (
            bool(q.asks) or q.measure == "stated_figure" or q.operation in ("change", "difference")
        )
        stated = [
            f.text
            for e in entries
            for f in getattr(e.record, "figures", [])
            if f.kind != "year" and not f.word and counted
        ][:4]
        lead = f" (figures as stated: {', '.join(stated)})" if stated else ""
        reply.lines.append(f"{heading}{lead}: “{text}”")
        year = first.meta.get("data_year") or None
        reply.facts.append(
            Fact("passage", subject, text, text, "text", year, file, first.record.page, source)
        )
        for entry in entries:
            reply.cite(entry, entry.record.page, section, entry.record.text)
    return reply.answer(q.text)


def _joined(entries: list[Entry]) -> str:
    text, previous = "", None
    for entry in entries:
        here = (entry.record.paragraph, entry.record.position)
        if previous is not None:
            follows = here == (previous[0], previous[1] + 1)
            text += " " if follows else " … "
        text += quoted(entry.record.text)
        previous = here
    return text


def _first(sentences: list[Entry], entry: Entry) -> int:
    """Where the best-ranked sentence of ``entry``'s note stands in ``sentences``."""
    key = (entry.file, entry.record.outcome_code, entry.record.source)
    return min(
        i
        for i, e in enumerate(sentences)
        if (e.file, e.record.outcome_code, e.record.source) == key
    )


def _reading_order(entry: Entry) -> tuple:
    sentence = entry.record
    return (
        entry.file,
        sentence.source,
        sentence.outcome_code,
        sentence.paragraph,
        sentence.position,
    )


def _quote_pages(q: Query, entries: list[Entry], words: list[str]) -> Answer:
    reply = Reply()
    for entry in entries:
        text = quoted(best_sentences(entry.text, words))
        page = entry.meta["page"]
        reply.lines.append(f"{entry.file}, page {page}: “{text}”")
        year = entry.meta.get("data_year") or None
        reply.facts.append(
            Fact("passage", entry.file, text, text, "text", year, entry.file, page, "page")
        )
        reply.cite(entry, page, "Page text", text)
    return reply.answer(q.text)


def best_sentences(text: str, words: list[str], limit: int = 2) -> str:
    """The sentences of a text that share most words with the question, in order."""
    sentences = [text[start:end] for start, end in split_sentences(text)]
    wanted = set(tokens(" ".join(words)))
    if not wanted:
        return " ".join(sentences[:limit])
    scored = [(len(wanted & set(tokens(s))), i) for i, s in enumerate(sentences)]
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
    chosen = [i for overlap, i in best if overlap > 0] or [best[0][1]]
    return " ".join(sentences[i] for i in sorted(chosen))


def _results_report(s: Search, entry: Entry) -> bool:
    document = s.catalog.documents.get(entry.meta.get("doc_id", ""), {})
    return bool(document.get("results_report", True))
