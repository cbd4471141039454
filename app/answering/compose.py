"""Composing an answer: the sentences, facts and citations, and the ways of saying "not found".

A writer raises :class:`Miss` when the reports do not hold what it looks for; only the
router turns misses into the refusal a user reads.
"""

from __future__ import annotations

import re
from decimal import Decimal

from indexing.countries import country_name
from indexing.records import Indicator, IndicatorRow, Money

from ..catalog import Catalog, Entry, tokens
from .model import Answer, Citation, Fact

MONEY_FIGURES = ("planned", "actual", "shortfall", "expenses")
ROW_FIGURES = ("target", "baseline", "milestone", "result")
LABELS = {
    "planned": "planned budget",
    "actual": "actual budget",
    "shortfall": "shortfall",
    "expenses": "expenses",
}
QUOTE_LABELS = {
    "planned": "Planned Budget: {}",
    "actual": "Actual Budget and Shortfall: {}",
    "shortfall": "Shortfall: {}",
    "expenses": "Expenses: {}",
}


class Miss(Exception):
    """What a writer found missing: the reason, and the closest things the reports do hold.

    ``specific`` marks a reason about something the question names that the reports lack
    (a partner that funds no such outcome): the refusal gives it rather than a general one.
    """

    def __init__(
        self,
        reason: str,
        closest: list[str] | None = None,
        specific: bool = False,
        unreported: bool = False,
    ):
        super().__init__(reason)
        self.reason, self.closest, self.specific = reason, list(closest or []), specific
        # The record asked about is printed, and the figure asked is not (a row with no
        # result reported): a passage saying little of the question does not replace it.
        self.unreported = unreported


class Reply:
    """Collects sentences, facts and citations while an answer is composed."""

    def __init__(self):
        self.lines: list[str] = []
        self.facts: list[Fact] = []
        self.citations: list[Citation] = []
        self.alternatives: list[str] = []
        self.records: list[str] = []

    def cite(self, entry: Entry, page: int, section: str, quote: str, highlight: str = "") -> None:
        if entry.id not in self.records:
            self.records.append(entry.id)
        page = int(page or entry.meta.get("page", 1))
        citation = Citation(entry.file, page, section, quoted(quote, highlight), highlight)
        if citation not in self.citations:
            self.citations.append(citation)

    def money(
        self, entry: Entry, what: str, subject: str, money: Money, section: str, quote: str
    ) -> None:
        year = entry.meta.get("data_year") or None
        self.facts.append(
            Fact(what, subject, money.text, money.amount, "USD", year, entry.file, money.page)
        )
        self.cite(entry, money.page, section, quote)

    def funders(self, entry: Entry) -> None:
        """Cite every funding partner of an outcome entry, core and non-core."""
        outcome = entry.record
        section = f"Outcome {outcome.code} funding partners"
        for funding in outcome.funding:
            self.money(
                entry,
                "core" if funding.core else "non-core",
                f"{funding.partner} → {outcome.code}",
                funding.money,
                section,
                f"{funding.partner} {funding.money.text}",
            )

    def total(self, what: str, subject: str, amount: float | Decimal) -> None:
        """A sum worked out from printed figures: a fact of its own, cited to none. Shown
        from the exact sum; its value a number for ``--json``."""
        self.facts.append(
            Fact(
                what,
                subject,
                f"${amount:,.0f}",
                float(amount),
                "USD",
                None,
                "",
                0,
                source="computed",
            )
        )

    def row(self, entry: Entry, indicator: Indicator, row: IndicatorRow, what: str, value) -> None:
        self.facts.append(
            Fact(
                what,
                indicator_name(indicator),
                value.raw or "(blank)",
                value.number if value.number is not None else value.raw,
                "count" if value.kind == "number" else value.kind,
                row.year,
                entry.file,
                row.page,
            )
        )
        self.cite(
            entry,
            row.page,
            f"Indicator table, {indicator.parent_kind} {indicator.parent_code}",
            f"{short(indicator.statement, WHOLE)} … {row.line}",
        )

    def answer(self, question: str, found: bool = True) -> Answer:
        return Answer(
            question=question,
            answer="\n".join(self.lines),
            citations=self.citations,
            facts=self.facts,
            found=found,
            alternatives=self.alternatives,
            records=self.records,
        )


def not_found(question: str, reason: str, closest: list[str]) -> Answer:
    closest = list(dict.fromkeys(closest))  # several sentences can stand in one place
    text = f"Not in the indexed reports: {reason}."
    if closest:
        text += " Closest matches: " + "; ".join(closest) + "."
    return Answer(question=question, answer=text, found=False, alternatives=list(closest))


def money_quote(kind: str, figure: str, money: Money) -> str:
    """The words a figure is printed with, so a reader can find it on the page."""
    if kind == "outcome":
        return f"{money.text} {'Planned' if figure == 'planned' else 'Actual'} Budget"
    return QUOTE_LABELS[figure].format(money.text)


# The longest quote an answer gives: a PDF's text can hold a line of megabytes, and a
# quote is there to be found on its page, which the citation names.
QUOTE_LIMIT = 800


def quoted(text: str, figure: str = "", limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters at word boundaries, with an ellipsis where it
    was cut, keeping ``figure`` (what it is quoted for) in view."""
    if len(text) <= limit:
        return text
    at = text.find(figure) if figure else -1
    start = max(0, at - limit // 2) if at + len(figure) > limit - 2 else 0
    piece = text[start : start + limit - 2]
    if start:
        piece = "…" + (piece.split(" ", 1)[1] if " " in piece[1:] else piece)
    if start + limit - 2 < len(text):
        piece = (piece.rsplit(" ", 1)[0] if " " in piece else piece) + "…"
    return piece


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# A statement named in an answer or quoted as evidence is whole up to this many characters
# (a writer pastes it; "Number of women …" cut mid-phrase is no name). Longer ones, which
# only a broken parse makes, are still cut.
WHOLE = 400


def year_note(entry: Entry) -> str:
    year = entry.meta.get("data_year")
    if not year and getattr(entry.record, "source", "") == "note":
        return " (year not stated)"  # a note under no "showing data of" line
    return f" (report showing data for {year})" if year else ""


def topic_label(outcome) -> str:
    """A short topic for an outcome, from its impact area: "economic empowerment",
    "violence against women and girls", "peace and security"."""
    area = next(iter(getattr(outcome, "impact_areas", None) or []), "")
    label = re.sub(r"^(?:women['’]s\s+|women,\s*|ending\s+)", "", area.strip(), flags=re.I)
    return label.split(",")[0].strip().lower()


def outcome_name(outcome, country: str) -> str:
    """An outcome as a briefing names it: "Mexico's economic empowerment outcome
    (MEX_D_2.1)", not its statement's opening words."""
    label = topic_label(outcome)
    owner = f"{country}'s " if country else ""
    return f"{owner}{label + ' ' if label else ''}outcome ({outcome.code})"


def scope_words(q, catalog: Catalog | None = None) -> str:
    parts = []
    if q.codes:
        named = [_named_code(code, catalog) for code in q.codes]
        parts.append("under " + ", ".join(named))
    if q.iso3s:
        parts.append("in " + ", ".join(country_name(i) for i in q.iso3s))
    return (" " + " ".join(parts)) if parts else ""


def _named_code(code: str, catalog: Catalog | None) -> str:
    outcome = catalog.outcome_code(code) if catalog is not None else None
    return outcome_name(outcome.record, outcome.country) if outcome is not None else code


def named_outcome(catalog: Catalog, file: str, code: str, country: str) -> str:
    """The name of the outcome ``code`` of ``file``: "Kenya's … outcome (KEN_D_1.3)"."""
    outcome = catalog.outcome_code(code, file)
    return outcome_name(outcome.record, country) if outcome is not None else f"outcome {code}"


def indicator_name(indicator: Indicator) -> str:
    return f"{indicator.parent_code}: {short(indicator.statement, 80)}"


def statement_words(statement: str) -> list[str]:
    """A statement's words less a closing aside ("… partner banks (outcome level, Colombia)"):
    what the row measures, the same under each parent that reports it."""
    return tokens(re.sub(r"\s*\([^()]*\)\s*$", "", statement or ""))


def same_statement(a: Indicator, b: Indicator) -> bool:
    return statement_words(a.statement) == statement_words(b.statement)


def closest_outcomes(catalog: Catalog, q) -> list[str]:
    everything = catalog.of("outcome")
    outcomes = [e for e in everything if e.iso3 in q.iso3s] or everything
    return [f"{e.record.code} ({e.country}): {short(e.record.statement, 80)}" for e in outcomes[:5]]


def where(entry: Entry) -> str:
    """A passage named by its place, with no figure: what a not-found answer offers."""
    record = entry.record
    code = getattr(record, "outcome_code", "") or entry.meta.get("outcome_code", "")
    page = entry.meta.get("page", 1)
    if entry.kind == "sentence" and code and entry.meta.get("source") != "page":
        return f"the progress note of {code} ({entry.country}), {entry.file} page {page}"
    return f"the text of {entry.file}, page {page}"


def coverage(wanted: set[str], words) -> float:
    """Share of the question's content words that a text (or its set of words) contains."""
    if isinstance(words, str):
        words = set(tokens(words))
    return len(wanted & set(words)) / len(wanted) if wanted else 0.0
