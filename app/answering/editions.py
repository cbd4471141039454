"""Reports indexed in several editions (data years): which one answers, and how a figure
changed from one to the next.

By default the latest edition answers, and the answer says so; a question naming a year an
edition shows is answered from that edition (``Catalog.current``). A question naming the
years of two or more editions ("how did … change from 2021 to 2023") is answered from each,
in year order, every figure cited to its own edition.
"""

from __future__ import annotations

import dataclasses

from indexing.chunks import year_doubt
from indexing.store import Store

from ..catalog import Catalog
from ..resolve import Query
from .model import SAMPLE_LINE, Answer


def editions_named(q: Query, catalog: Catalog) -> list[tuple[int, dict]]:
    """(year, edition) for each edition of one report in scope whose data years the
    question names, oldest first; empty unless the question names a year of each of two
    editions of one report at least."""
    if len(set(q.years)) < 2:
        return []
    families: dict[tuple, list[tuple[int, dict]]] = {}
    for family in catalog.editions.values():
        key = tuple(d["doc_id"] for d in family)
        if key in families or not _in_scope(family[0], q):
            continue
        named = []
        for document in family:
            years = catalog.edition_years(document) & set(q.years)
            if years:
                named.append((max(years), document))
        families[key] = named
    best = max(families.values(), key=len, default=[])
    return sorted(best, key=lambda pair: pair[0]) if len(best) >= 2 else []


def _in_scope(document: dict, q: Query) -> bool:
    if q.iso3s and document.get("iso3") not in q.iso3s:
        return False
    outcomes = document.get("outcomes", "").split(",")
    return not q.codes or any(
        code == outcome or code.startswith(outcome + ".")
        for code in q.codes
        for outcome in outcomes
    )


def across_editions(q: Query, s, store: Store, editions: list[tuple[int, dict]]) -> Answer:
    """The question answered from each edition in turn, as one answer."""
    from .router import route

    lines, facts, citations, records = [], [], [], []
    found = False
    saved = s.years
    try:
        for year, document in editions:
            s.years = [year]
            answer = route(dataclasses.replace(q, years=[year]), s, store)
            found = found or answer.found
            lines.append(f"In the {year} edition ({document['file']}): {answer.answer}")
            facts += answer.facts
            citations += [c for c in answer.citations if c not in citations]
            records += [r for r in answer.records if r not in records]
    finally:
        s.years = saved
    years = ", ".join(str(year) for year, _ in editions)
    office = editions[-1][1].get("office") or "The report"
    head = f"{office}'s report is indexed in editions for {years}; each answers in turn."
    lines += _changes(facts, [year for year, _ in editions], q.figures[:1])
    return Answer(
        question=q.text,
        answer="\n".join([head, *lines]),
        citations=citations,
        facts=facts,
        found=found,
        records=records,
    )


def _changes(facts, years: list[int], asked: list[str]) -> list[str]:
    """How each table figure given once per edition changed from the first to the last:
    worked out from the two printed figures, and said so."""
    from .budgets import money_like

    by_key: dict[tuple, list] = {}
    for fact in facts:
        numeric = isinstance(fact.value, float | int) and not isinstance(fact.value, bool)
        if fact.source == "table" and fact.unit in ("USD", "count") and numeric:
            by_key.setdefault((fact.what, fact.subject), []).append(fact)
    if any(what in asked for what, _ in by_key):
        by_key = {key: found for key, found in by_key.items() if key[0] in asked}
    out = []
    for (what, subject), found in by_key.items():
        dated = {f.year: f for f in found if f.year in years}
        if len(dated) != len(found) or len(dated) < 2:
            continue  # not one figure per edition: nothing to compare
        first, last = dated[min(dated)], dated[max(dated)]
        change = last.value - first.value
        share = first.display.rstrip().endswith("%") and last.display.rstrip().endswith("%")
        if first.unit == "USD":
            exact = not any(
                text.rstrip().endswith(("K", "M")) for text in (first.display, last.display)
            )
            shown = f"${abs(change):,.0f}" if exact else money_like(abs(change), last.display)
        elif share:  # "45%" → "60%": 15 percentage points, never "33%" of a share
            shown = f"{abs(change):,.4g} percentage points"
        else:
            shown = f"{abs(change):,.4g}"
        word = "up" if change > 0 else "down" if change < 0 else "unchanged"
        amount = f" by {shown}" if change else ""
        # The relative change too (+66%), of amounts and counts: a writer's first question.
        relative = (
            f", {100 * change / first.value:+.0f}%" if change and first.value and not share else ""
        )
        out.append(
            f"Change in {what} of {subject} from {first.year} to {last.year}: {word}{amount}"
            f"{relative} ({first.display} → {last.display}; worked out from the two printed "
            "figures)."
        )
    return out


BUDGET_LINES = ("planned", "actual", "shortfall", "expenses")


def _edition_matters(answer: Answer, document: dict, others: list[dict], catalog) -> bool:
    """Whether another edition of the report prints a different figure for what the answer
    states from ``document``; True whenever that cannot be told (a note, an indicator row)."""
    facts = [f for f in answer.facts if f.file == document.get("file")]
    if not facts:
        return True
    files = {other["file"] for other in others}
    for fact in facts:
        if fact.source != "table" or fact.what not in BUDGET_LINES:
            return True
        for kind in ("output", "outcome"):
            for entry in catalog.of(kind):
                if entry.file in files and entry.record.code == fact.subject:
                    printed = getattr(entry.record, fact.what, None)
                    amount = getattr(printed, "amount", None)
                    if amount is None or float(amount) != float(fact.value):
                        return True
    return False


def edition_note(answer: Answer, catalog: Catalog, asked_years=()) -> str:
    """A line saying which edition answered, when the report has others and it matters:
    the question named a year, or another edition prints a different figure for what the
    answer states (or that cannot be told); "" otherwise."""
    used = {
        entry.meta.get("doc_id")
        for entry in (catalog.entry(i) for i in answer.records)
        if entry is not None
    }
    notes = []
    for doc_id in sorted(d for d in used if d in catalog.editions):
        if len(used & {d["doc_id"] for d in catalog.editions[doc_id]}) > 1:
            continue  # answered from several editions: each is named already
        document = catalog.documents[doc_id]
        others = [
            str(d.get("data_year")) + (" (its data year doubtful)" if year_doubt(d) else "")
            for d in catalog.editions[doc_id]
            if d["doc_id"] != doc_id and d.get("data_year")
        ]
        if not others or not document.get("data_year"):
            continue  # no year to name: no edition line
        other_documents = [d for d in catalog.editions[doc_id] if d["doc_id"] != doc_id]
        if not asked_years and not _edition_matters(answer, document, other_documents, catalog):
            continue  # every edition prints the same: which one answered changes nothing
        notes.append(
            f"From the {document.get('data_year')} edition of this report "
            f"({document['file']}); also indexed: {', '.join(others)} "
            "(name the year to use it)."
        )
    return "".join(f"\n{note}" for note in dict.fromkeys(notes))


def drawn_documents(answer: Answer, catalog: Catalog) -> list[dict]:
    """The indexed documents an answer stands on: its records' and its citations' files."""
    ids = {
        entry.meta.get("doc_id")
        for entry in (catalog.entry(i) for i in answer.records)
        if entry is not None
    }
    files = {citation.file for citation in answer.citations}
    return [
        document
        for doc_id, document in sorted(catalog.documents.items())
        if doc_id in ids or document.get("file") in files
    ]


def mark_samples(answer: Answer, catalog: Catalog) -> str:
    """Mark the figures and citations an answer takes from fictional sample reports, and
    return a line naming those reports ("" when it draws on none), so that a made-up figure
    copied into a briefing or an export carries its mark."""
    samples = sorted({d["file"] for d in drawn_documents(answer, catalog) if d.get("sample")})
    if not samples:
        return ""
    for item in (*answer.facts, *answer.citations):
        item.sample = item.file in samples
    named = ", ".join(samples)
    if len(samples) == 1:
        return f"\n{SAMPLE_LINE} {named} is a fictional sample report; its figures are made up."
    return f"\n{SAMPLE_LINE} {named} are fictional sample reports; their figures are made up."
