"""The one place that decides how a question is answered, and when it is refused.

Interpretations are tried in order: the parsed tables first (budgets, funding, indicators),
then figures stated in the reports' sentences, then passages. A table answer stands when it
holds what the question is about at least as well as the best sentence does; otherwise the
sentence answers. A question is refused only when none of them finds support, with the
reason that really applies: no report for a country, no such code, or the reports do not
state it, with the closest things they do state (named, never with a figure).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
import time
from collections.abc import Callable

import numpy as np

from indexing import settings
from indexing.store import Store

from ..catalog import Catalog, catalog_for, tokens
from ..resolve import Query, names, resolve, topic_words
from ..vocabulary import BY_DONOR, BY_PERIOD, MONEY, SPLIT_BETWEEN
from .between import between_answers
from .budgets import aggregate_budget, budget
from .collection import codes, collection
from .compose import MONEY_FIGURES, ROW_FIGURES, Miss, not_found
from .conflicts import flag
from .editions import across_editions, edition_note, editions_named, mark_samples
from .funding import contribution, core, outcome_field, rank_partners, total_funding
from .indicators import indicator, indicator_fits, milestone_status
from .interpretation import describe, reading_line
from .model import Answer, Scope
from .passages import passage
from .reading import interpret
from .search import Search
from .stated import sentences_in_scope, stated_figure
from .summary import summary
from .translate import translate
from .turns import asked_back, items_of
from .turns import chosen as _chosen

# Below this share of the question's topic, a table record found by topic does not answer.
MIN_FIT = 0.5
# A passage stands against a table record's specific refusal only when it holds this much of
# the question.
STRONG_TEXT = 0.75


class Answerer:
    """Answers questions over one store; keeps the model and the catalog warm between calls."""

    def __init__(self, store: Store, embedder=None):
        self.store = store
        self._embedder = embedder

    @property
    def embedder(self):
        if self._embedder is None:
            from indexing.embed import get_embedder

            self._embedder = get_embedder()
        return self._embedder

    def catalog(self) -> Catalog:
        return catalog_for(self.store)

    def warm_up(self) -> None:
        """Load the model and the catalog now (the chat does it beside its first page)."""
        try:
            self.embedder.embed(["warm up"])
            self.catalog().load_all()
        except Exception:  # the first question will meet the same problem and say it
            pass

    def search(self) -> Search:
        """The current records (reloaded when the documents change) and the model."""
        return Search(catalog_for(self.store), lambda texts: self.embedder.embed(texts))

    def ask(
        self,
        question: str,
        scope: Scope | None = None,
        previous: Query | None = None,
        on_step: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer ``question``; ``previous`` (the last answer's ``query``, in a conversation)
        lets a follow-up ("and in 2023?") take from it what it does not say. A question of two
        clauses ("Which municipality piloted it, and who paid for the pilot?") is answered
        part by part, the second read as a follow-up of the first."""
        started = time.perf_counter()
        limit = settings.max_question_chars()
        if len(question) > limit:
            # Reading grows with a question's length: a pasted page is refused, not read.
            return Answer(
                question=question[:200] + "…",
                answer=(
                    f"This question is {len(question):,} characters long; questions are read up "
                    f"to {limit:,} characters (RESULTSQA_MAX_QUESTION_CHARS). Ask it in fewer "
                    "words, or one part at a time."
                ),
                found=False,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )
        parts = two_parts(" ".join(question.split()))
        if len(parts) == 2:
            if on_step:
                on_step(f"Two questions in one: “{parts[0]}” and “{parts[1]}”")
            first = self.ask_one(parts[0], scope, previous, on_step)
            second = self.ask_one(parts[1], scope, first.query, on_step)
            answer = joined(question, first, second)
            answer.elapsed_ms = (time.perf_counter() - started) * 1000
            return answer
        return self.ask_one(question, scope, previous, on_step)

    def ask_one(
        self,
        question: str,
        scope: Scope | None = None,
        previous: Query | None = None,
        on_step: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer one question (:meth:`ask`); ``on_step`` hears each step as it is done."""
        step = on_step or (lambda _: None)
        started = time.perf_counter()
        question = " ".join(question.split())
        search = self.search()
        choice = _chosen(question, previous)
        if choice is not None:  # "2": the second reading offered last time
            question, previous = choice.question, None
        query = interpret(question, search, previous, scope, choice)
        step(reading_line(query, always=True))
        if query.ask_back:
            answer = asked_back(query)
        else:
            answer = flag(route(query, search, self.store), search.catalog)
            step(_where_found(answer))
            if answer.found:
                answer.answer += edition_note(answer, search.catalog, query.years)
                answer.answer += mark_samples(answer, search.catalog)
            line = reading_line(query)
            if line:
                answer.answer = f"{line}\n{answer.answer}"
        answer.answer = translate(answer.answer, query.language)
        answer.items = items_of(answer, search.catalog)
        query.answered = answer.items
        # What the answer gave, and what it was asked for: a follow-up works on the figure
        # of that measure ("how far is 2023 from the target?"), not a neighbour of it.
        query.shown = (answer.facts, answer.citations, query.measure) if answer.found else ()
        answer.interpretation, answer.query = describe(query), query
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        return answer

    def rank_passages(self, question: str, k: int = 5) -> list[tuple[str, list[int]]]:
        """The passages a question retrieves, best first, as (file, pages): the sentences
        that narrative answers quote from, one per paragraph. The evaluation scores its
        recall."""
        search = self.search()
        q = resolve(" ".join(question.split()), search.catalog)
        q.topic, q.named = topic_words(q), names(q)
        search.years = q.years
        words = q.topic
        candidates = sentences_in_scope(q, search, strict_years=False)
        ranked = search.rank(
            "sentence", q, candidates, text=" ".join(words) or None, meaning=q.meaning
        )
        out, seen = [], set()
        for entry, _, _ in ranked:
            sentence = entry.record
            key = (entry.file, sentence.outcome_code, sentence.paragraph, sentence.source)
            if key not in seen:
                seen.add(key)
                out.append((entry.file, list(sentence.pages)))
            if len(out) == k:
                break
        return out


# ", and who paid for it?", "? And how much …": a second question in its own clause. Two
# figures in one clause ("how many calls … and what share were referred") are one question.
SECOND_QUESTION = re.compile(
    r"(?:,\s*(?:and|&)|[?;]\s*(?:and|And)?)\s+(?=(?:who|whom|what|which|how|where|when|"
    r"in which|by whom|from whom)\b)",
    re.IGNORECASE,
)


# Words that point back at what the first clause named.
BACK = re.compile(r"\b(?:those|these|them|it|its|one|ones|that|they|their|theirs)\b", re.I)


def two_parts(question: str) -> list[str]:
    """The two questions a question asks in two clauses, or the question alone."""
    match = SECOND_QUESTION.search(question)
    if not match:
        return [question]
    first, second = question[: match.start()].strip(), question[match.end() :].strip()
    if len(first.split()) < 4 or len(second.split()) < 3:
        return [question]
    if BACK.search(second):
        # "… who financed those, and how many women got one?": a second clause that points
        # back is about the same sentence; the question is read whole.
        return [question]
    return [first.rstrip(",;") + ("" if first.endswith("?") else "?"), second]


def joined(question: str, first: Answer, second: Answer) -> Answer:
    """One answer of two parts' answers, each with its citations."""
    answer = dataclasses.replace(
        first,
        question=question,
        answer=f"{first.answer}\n{second.answer}",
        citations=first.citations + second.citations,
        facts=first.facts + second.facts,
        found=first.found or second.found,
        records=first.records + second.records,
        items=first.items + second.items,
        query=second.query,
    )
    answer.interpretation = {
        **first.interpretation,
        "parts": [first.interpretation, second.interpretation],
    }
    return answer


def route(q: Query, s: Search, store: Store) -> Answer:
    """Answer ``q``: tables, then stated figures, then passages; refuse only after all."""
    if not s.of("outcome") and not s.of("page") and not store.count():
        return not_found(q.text, "nothing is indexed yet; run `resultsqa index PATH`", [])
    if q.unknown_codes and not q.codes:
        close = difflib.get_close_matches(q.unknown_codes[0], sorted(s.catalog.codes), n=3)
        return not_found(
            q.text,
            f"no outcome or output {', '.join(q.unknown_codes)} in the indexed reports",
            close,
        )
    if q.unknown_countries and not q.iso3s:
        # A sentence of an indexed report may still be about that country: read them first.
        answer = _names_in_text(q, s, q.unknown_countries)
        if answer is not None:
            return answer
        countries = sorted({e.country for e in s.of("outcome")})
        return not_found(
            q.text,
            f"no report for {', '.join(q.unknown_countries)} is indexed",
            [f"Reports indexed for: {', '.join(countries)}"] if countries else [],
        )
    if q.between:
        return between_answers(q)
    if q.unheard:
        names = ", ".join(f"“{name}”" for name in q.unheard)
        return not_found(q.text, f"the indexed reports never mention {names}", [])
    if q.asks_code and not q.figures and q.operation in ("value", "list", "quote"):
        try:
            return codes(q, s)
        except Miss as miss:
            return not_found(q.text, miss.reason, miss.closest)
    if q.operation == "collection":
        try:
            return collection(q, s)
        except Miss as miss:
            return not_found(q.text, miss.reason, miss.closest)
    editions = editions_named(q, s.catalog)
    if len(editions) >= 2:
        return across_editions(q, s, store, editions)
    by_words = q.read_by.get("measure") == "words" and q.figures
    if q.operation == "change" and len(set(q.years)) >= 2 and q.asks and not by_words:
        # "How did … change between 2022 and 2023?" told in the notes of each year.
        answer = _per_year(q, s)
        if answer is not None:
            return answer
    uncovered = _years_not_covered(q, s)
    if uncovered:
        return not_found(q.text, uncovered, [])
    if BY_PERIOD.search(q.read) and q.measure in YEARLY | {
        "baseline",
        "milestone",
        "target",
        "result",
    }:
        # "the quarterly breakdown of expenses": a year's line is no quarter's figure.
        return not_found(
            q.text,
            "the reports print budget, funding and indicator figures for the whole year only, "
            "not by quarter or month",
            [],
        )
    split = _split_not_printed(q)
    if split:
        return not_found(q.text, split, [])
    misses: list[Miss] = []
    if q.summary:
        try:
            return summary(q, s)
        except Miss as miss:
            misses.append(miss)
    # "how much does the note say was mobilised from them?": the notes answer, not a table.
    # "Of the 996 people trained, how many were police officers?": a part of a group a note
    # counts is the note's to tell; a table row counts something else.
    of_a_note = bool(q.part and q.given)
    writers = [] if (q.from_notes and q.asks) or of_a_note else _table_writers(q)
    for writer, definitive in writers:
        try:
            table = writer(q, s)
        except Miss as miss:
            misses.append(miss)
            continue
        # What a total or a ranking is about is what it says, not each record it sums; a
        # record the reading named by topic is what the topic words are about.
        fit = s.fit(table, q, records=not q.aggregate or bool(q.records))
        # "2022 result?" after an indicator's target: that indicator's row, whatever a note
        # says in more of the words carried over.
        pointed = (
            "the record of the last answer" in q.inherited
            and not q.own_topic
            and bool(q.indicators)
            and bool(q.shown_before)
            and all(f.source == "table" for f in q.shown_before[0])
        )
        if definitive or fit >= 1.0 or pointed:
            return table
        text = _text(q, s, misses)
        # A page's raw text (no sentence of a note) does not outweigh the table record the
        # question names by its code.
        page_only = text is not None and all(f.source == "page" for f in text[0].facts)
        if text is not None and text[1] > fit and not (page_only and q.codes):
            return text[0]
        # A record found by topic that holds little of the question is not an answer.
        if fit >= MIN_FIT or _names_a_record(q):
            return table
        misses.append(Miss("no table record of the indexed reports is about that"))
        return _refusal(q, misses, s)
    if q.operation == "change" and len(set(q.years)) >= 2 and q.asks and by_words:
        # "how much did Japan's contribution go up from 2022 to 2023?": no table holds it;
        # the notes of each year may.
        answer = _per_year(q, s)
        if answer is not None:
            return answer
    if not (q.asks & MONEY) and not of_a_note and _indicator_fits_better(q, s):
        # "Were gender-responsive electoral regulations adopted in 2023?" names no figure
        # but is about an indicator's row.
        try:
            return indicator(q, s)
        except Miss as miss:
            misses.append(miss)
    uncovered = _years_not_covered(q, s, notes=True)
    if uncovered:
        return not_found(q.text, uncovered, [])
    text = _text(q, s, misses)
    specific = [m for m in misses if m.unreported]
    page_only = text is not None and all(f.source == "page" for f in text[0].facts)
    if text is not None and specific and (text[1] < STRONG_TEXT or page_only):
        # The table record asked about lacks the figure ("no result reported for 2024"):
        # a passage that says little of the question is no answer instead.
        return _refusal(q, specific)
    if text is not None:
        return text[0]
    return _refusal(q, misses, s)


# Figures a report prints once, for the year it shows data of: asked for another year, the
# indexed reports do not hold them (an indicator's rows carry years of their own).
YEARLY = {
    "planned_budget",
    "actual_budget",
    "shortfall",
    "expenses",
    "budget",
    "contribution",
    "core",
    "non_core",
    "funding_partners",
}


def _split_not_printed(q: Query) -> str:
    """Why a table figure split in a way the reports never print cannot be given ("" when it
    can): a budget or contribution between places or things, an output's money by donor."""
    if q.measure not in YEARLY:
        return ""
    if SPLIT_BETWEEN.search(q.read):
        return "the reports print one figure for each outcome or output, not split between places"
    outputs = bool(q.codes) and all(code.count(".") >= 2 for code in q.codes)
    part_of_that = re.search(r"\bhow much of (?:it|that|this)\b", q.read) and q.partners
    if outputs and (BY_DONOR.search(q.read) or part_of_that):
        return (
            "the reports list funding partners for each outcome, not for its outputs: an "
            "output's budget is not broken down by donor"
        )
    return ""


def _years_not_covered(q: Query, s: Search, notes: bool = False) -> str:
    """Why a budget or funding figure asked for a year no indexed report in scope shows data
    of cannot be given ("" when some report shows one of the years asked)."""
    # What only a note tells (a count, a share, money a note says was mobilised), and no
    # indicator row with years of its own holds.
    told = (
        q.measure in ("narrative", "stated_figure", "none", "")
        or (notes and q.measure not in YEARLY and q.measure not in ROW_FIGURES)
    ) and not q.summary
    # A donor no funding table names ("what did Spotlight pledge for 2024-25?") is told of
    # in the notes, which can name a later year.
    told = told or (q.measure == "contribution" and not q.partners)
    if not q.years or (q.measure not in YEARLY and not told) or q.operation == "change":
        return ""
    if told and not notes:
        return ""  # asked again where the notes are read, after an indicator's rows
    if told:
        # A note of another year can still name the year asked ("by 2024, …").
        sentences = s.scoped("sentence", q)
        kind = s.catalog.kind("sentence")
        named = [kind.year_rows[str(y)] for y in q.years if str(y) in kind.year_rows]
        if named and any(np.isin(sentences.rows, rows).any() for rows in named):
            return ""
    documents, shown = _shown_years(q, s)
    # A funding table with a column per year prints amounts for each of its years.
    files = {d.get("file") for d in documents}
    shown |= {
        f.year
        for e in s.of("outcome")
        if e.file in files
        for f in getattr(e.record, "funding", [])
        if f.year
    }
    # "the same period the year before": told in the next year's note, compared with.
    asked = set(q.years) | ({y + 1 for y in q.years} if q.earlier and told else set())
    if not documents or shown & asked:
        return ""
    named = ", ".join(str(y) for y in q.years)
    years = ", ".join(str(y) for y in sorted(shown))
    what = "notes" if told else "budget and funding data"
    return f"the indexed reports in scope show {what} for {years} only, not for {named}"


def _shown_years(q: Query, s: Search) -> tuple[list[dict], set[int]]:
    """The documents in the question's scope and the years they show data of."""
    documents = [
        d
        for d in s.catalog.documents.values()
        if (not q.iso3s or d.get("iso3") in q.iso3s or d.get("office_code") in q.iso3s)
        and (not q.codes or any(c.split("_")[0] == d.get("office_code") for c in q.codes))
    ]
    shown = {int(y) for d in documents for y in str(d.get("data_years") or "").split(",") if y}
    return documents, shown


def _table_writers(q: Query) -> list[tuple[Callable, bool]]:
    """The table interpretations that fit, in the order they are tried, each with whether
    it is definitive (a list or ranking across records, which no single sentence can answer
    instead). A writer that finds nothing gives way to the next."""
    indicator_words = any(f in ROW_FIGURES for f in q.figures)
    money = [f for f in q.figures if f in MONEY_FIGURES or f == "budget"]
    writers: list[tuple[Callable, bool]] = []
    if q.status:
        writers.append((milestone_status, True))
    funding = q.measure in ("contribution", "funding_partners")
    # (One partner named: which of its outcomes gets more is the contribution writer's.)
    ranked = q.aggregate in ("largest", "smallest") and len(q.partners) != 1
    if funding and (ranked or q.over_previous):
        writers.append((rank_partners, True))
    if q.excluded_partners:
        writers.append((core, True))
    elif q.measure == "funding_partners":
        writers.append((core, False))
    if q.aggregate == "total" and q.measure in ("core", "non_core"):
        writers.append((total_funding, False))
    if q.aggregate and money and not indicator_words:
        # A total is worked out from the tables; a sentence stating the figure may do better.
        writers.append(((lambda q, s: aggregate_budget(q, s, money[0])), q.aggregate != "total"))
    if q.partners or ("contribution" in q.figures and not indicator_words):
        writers.append((contribution, False))
    if {"core", "non_core"} & set(q.figures):
        writers.append((core, False))
    if "un_partners" in q.figures and not q.partners:
        writers.append(((lambda q, s: outcome_field(q, s, "un_partners")), False))
    if "impact_areas" in q.figures or "humanitarian" in q.figures:
        name = "impact_areas" if "impact_areas" in q.figures else "humanitarian_scope"
        writers.append(((lambda q, s: outcome_field(q, s, name)), False))
    if money and not indicator_words:
        writers.append(((lambda q, s: budget(q, s, money[0])), False))
    if indicator_words and not (q.narrative and not q.years and "result" not in q.figures[:1]):
        writers.append((indicator, False))
    return writers


def _text(q: Query, s: Search, misses: list[Miss]) -> tuple[Answer, float] | None:
    """A stated figure for a question asking a quantity, else a passage; and its fit.

    A quantity question is not answered by a passage that states no figure of its kind.
    The notes of the outcome the question names by topic ("the organisational effectiveness
    outcome") are read first; all the notes in scope when they do not answer.
    """
    writer = stated_figure if q.asks else passage
    focused = None
    if q.focus and not q.codes:
        with contextlib.suppress(Miss):
            focused = writer(dataclasses.replace(q, codes=list(q.focus)), s)
    try:
        found = writer(q, s)
    except Miss as miss:
        if focused is not None:
            return focused
        misses.append(miss)
        return None
    if focused is None:
        return found
    if q.asks and found[1] > focused[1] and _other_figure(found[0], focused[0]):
        # The outcome the question was read to be about states one figure, another outcome's
        # note states one that holds more of the question's words ("the overall delivery
        # rate" beside "delivered 78% of its programme budget"): both, each as printed.
        return _together(focused[0], found[0]), focused[1]
    return focused


def _other_figure(one: Answer, other: Answer) -> bool:
    mine = {(f.subject, str(f.value)) for f in one.facts}
    return bool(other.facts) and not {(f.subject, str(f.value)) for f in other.facts} & mine


def _together(first: Answer, second: Answer) -> Answer:
    citations = first.citations + [c for c in second.citations if c not in first.citations]
    records = first.records + [r for r in second.records if r not in first.records]
    return Answer(
        first.question,
        f"{first.answer}\nAlso: {second.answer}",
        citations,
        first.facts + second.facts,
        records=records,
    )


def _per_year(q: Query, s: Search) -> Answer | None:
    """A figure told in the notes, read for each year asked in turn, and the change between
    the first and the last when both are one figure of one kind."""
    parts: list[tuple[int, Answer]] = []
    for year in sorted(set(q.years)):
        try:
            answer, _ = stated_figure(dataclasses.replace(q, years=[year], earlier=False), s)
        except Miss:
            continue
        parts.append((year, answer))
    if len(parts) < 2:
        return None
    lines, facts, citations, records = [], [], [], []
    for year, answer in parts:
        lines.append(f"In {year}: {answer.answer}")
        facts += answer.facts
        citations += [c for c in answer.citations if c not in citations]
        records += [r for r in answer.records if r not in records]
    (first_year, first), (last_year, last) = parts[0], parts[-1]
    a, b = first.facts[:1], last.facts[:1]
    if a and b and a[0].unit == b[0].unit and isinstance(a[0].value, float | int):
        change = b[0].value - a[0].value
        unit = " percentage points" if a[0].unit == "percent" else ""
        sign = "+" if change >= 0 else "-"
        amount = f"{abs(change):,.10g}"
        if a[0].unit not in ("percent", "count", "ratio", "number", "text"):
            amount = f"{a[0].unit} {amount}"  # "USD 59,000": money in the currency stated
        lines.append(
            f"Change from {first_year} to {last_year}: {sign}{amount}{unit} ({a[0].display} → "
            f"{b[0].display}; worked out from the two stated figures)."
        )
    return Answer(q.text, "\n".join(lines), citations, facts, records=records)


def _names_in_text(q: Query, s: Search, names: list[str]) -> Answer | None:
    """An answer from the text whose quotes name every one of ``names``."""
    found = _text(q, s, [])
    if found is None:
        return None
    quotes = " ".join(c.quote.lower() for c in found[0].citations)
    return found[0] if all(name.lower() in quotes for name in names) else None


def _names_a_record(q: Query) -> bool:
    """Whether the question names its record (a code, a partner, an indicator's label), so
    the table answers it whatever other words it uses."""
    return bool(q.codes or q.partners or q.indicators)


def _indicator_fits_better(q: Query, s: Search) -> bool:
    """Whether an indicator statement holds nearly all of the question, and more of it than
    any sentence of the progress notes does."""
    words = q.topic
    if not words:
        return False
    best = indicator_fits(q, s, words)
    if best < 0.75:
        return False
    wanted = set(tokens(" ".join(words)))
    notes = sentences_in_scope(q, s, strict_years=False)
    sentence = s.best_coverage("sentence", wanted, notes)
    # A count asked of what a table row counts stands on the row when a sentence says no
    # more of it; a passage asked (why, what happened) needs the note to say less.
    return best >= sentence if q.asks and q.measure != "narrative" else best > sentence


def _refusal(q: Query, misses: list[Miss], s: Search | None = None) -> Answer:
    # A reason about the record asked (a partner funding no such outcome, a row the report
    # leaves empty) says more than a general one.
    specific = [m for m in misses if m.specific] or [m for m in misses if m.unreported]
    if specific:
        return not_found(q.text, specific[0].reason, specific[0].closest)
    # The text was searched last: its closest sentences are the closest things stated.
    last = misses[-1] if misses else Miss("the indexed reports hold nothing that answers this")
    if q.asks:
        reason = "no table figure or sentence of the indexed reports states that"
        if s is not None and q.years and (q.iso3s or q.codes):
            documents, shown = _shown_years(q, s)
            if documents and shown and not shown & set(q.years):
                # "in 2022" where the reports in scope show 2023 and 2024: say which.
                years = ", ".join(str(y) for y in sorted(shown))
                reason += f" (the reports in scope show data for {years})"
        return not_found(q.text, reason, last.closest)
    return not_found(q.text, last.reason, last.closest)


def _where_found(answer: Answer) -> str:
    """What a step of the chat's progress says the search came to."""
    if not answer.found:
        return "Searched the tables and every sentence: not in the indexed reports"
    sources = {fact.source for fact in answer.facts}
    if "table" in sources or "computed" in sources:
        return "Found in the report tables"
    if sources & {"note", "page"}:
        return "Found in the text of the reports"
    return "Found in the indexed reports"
