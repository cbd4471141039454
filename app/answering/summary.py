"""A briefing card for a country or outcome: what it is about, its budget, who funds it,
the milestones met and missed in the latest year reported, and the progress-note sentences
that say most about results; every line cited. "How are we doing on funding?" gives the
funding part of the card."""

from __future__ import annotations

from indexing.records import Outcome

from ..catalog import Entry
from ..resolve import Query
from .compose import (
    WHOLE,
    Miss,
    Reply,
    money_quote,
    named_outcome,
    outcome_name,
    quoted,
    short,
    year_note,
)
from .model import Answer, Fact
from .search import Search

MOST_OUTCOMES = 3
NOTE_SENTENCES = 10


def summary(q: Query, s: Search) -> Answer:
    outputs = [c for c in q.codes if c.count(".") >= 2]
    if outputs and len(outputs) == len(q.codes):
        # "a briefing paragraph on it" after an output: that output's own card.
        return _output_cards(q, s)
    outcomes = s.outcomes_for(q)
    if not outcomes:
        raise Miss("no outcome in the indexed reports matches that")
    funding_only = q.funding_card
    reply = Reply()
    for entry in outcomes[:MOST_OUTCOMES]:
        name = outcome_name(entry.record, entry.country)
        reply.lines.append(f"{name[0].upper()}{name[1:]}{year_note(entry)}:")
        _budget(reply, entry, s)
        _funders(reply, entry)
        if not funding_only:
            _milestones(reply, entry, s)
            _note(reply, entry, s)
    if len(outcomes) > MOST_OUTCOMES:
        rest = ", ".join(e.record.code for e in outcomes[MOST_OUTCOMES:])
        reply.lines.append(f"Also in scope, not shown: {rest} (ask about one by its code).")
    return reply.answer(q.text)


def _output_cards(q: Query, s: Search) -> Answer:
    """A briefing card for an output: what it is about, its budget lines, its indicators'
    latest reported rows, and the sentences of its outcome's note that speak of it."""
    entries = [e for e in s.outputs_for(q) if e.record.code in q.codes]
    if not entries:
        raise Miss("no output in the indexed reports matches that")
    reply = Reply()
    for entry in entries[:MOST_OUTCOMES]:
        output = entry.record
        parent = named_outcome(s.catalog, entry.file, output.outcome_code, entry.country)
        reply.lines.append(f"Output {output.code} of {parent}{year_note(entry)}:")
        page = getattr(output, "statement_page", 0) or entry.meta.get("page", 1)
        reply.lines.append(f"- About: {output.statement}")
        reply.cite(entry, page, f"Output {output.code}", output.statement)
        shown = []
        for name in ("planned", "actual", "shortfall", "expenses"):
            money = getattr(output, name, None)
            if money is None:
                continue
            shown.append(f"{name} {money.text}")
            reply.money(
                entry,
                name,
                output.code,
                money,
                f"Output {output.code} budget",
                money_quote("output", name, money),
            )
        reply.lines.append(f"- Budget: {', '.join(shown) if shown else 'not given in the report'}.")
        _output_rows(reply, entry, s)
        _output_notes(reply, entry, s)
    return reply.answer(q.text)


def _output_rows(reply: Reply, entry: Entry, s: Search) -> None:
    indicators = [
        e
        for e in s.of("indicator")
        if e.file == entry.file and e.record.parent_code == entry.record.code
    ]
    for e in indicators:
        reported = [r for r in e.record.rows if r.kind != "Baseline" and r.reported.present]
        if not reported:
            continue
        row = reported[-1]
        met = row.met()
        verdict = "" if met is None else ("; met" if met else "; not met")
        reply.lines.append(
            f"- {short(e.record.statement, WHOLE)}: {row.year} {row.kind.lower()} "
            f"{row.planned.raw}, "
            f"reported {row.reported.raw}{verdict}."
        )
        reply.row(e, e.record, row, f"reported {row.year}", row.reported)


def _output_notes(reply: Reply, entry: Entry, s: Search) -> None:
    """The note sentences of the output's outcome that share the most words with what the
    output is about (its statement names its places and people)."""
    from ..catalog import tokens

    output = entry.record
    wanted = set(tokens(output.statement))
    sentences = [
        e
        for e in s.of("sentence")
        if e.file == entry.file
        and e.record.source == "note"
        and e.record.outcome_code == output.outcome_code
    ]
    held = {e.id: len(wanted & set(s.catalog.token_set(e))) for e in sentences}
    chosen = sorted((e for e in sentences if held[e.id] >= 2), key=lambda e: -held[e.id])[:3]
    chosen.sort(key=lambda e: (e.record.paragraph, e.record.position))
    for sentence in chosen:
        stated = [f.text for f in sentence.record.figures if f.kind != "year" and not f.word][:4]
        lead = f" ({', '.join(stated)}, as stated)" if stated else ""
        reply.lines.append(f"- From the progress note{lead}: “{quoted(sentence.record.text)}”")
        reply.cite(
            sentence,
            sentence.record.page,
            f"Outcome {output.outcome_code} progress note",
            sentence.record.text,
        )


def _budget(reply: Reply, entry: Entry, s: Search) -> None:
    outcome: Outcome = entry.record
    parts = []
    section = f"Outcome {outcome.code} resources"
    for label, money in (("planned", outcome.planned), ("actual", outcome.actual)):
        if money is not None:
            parts.append(f"{label} {money.text}")
            reply.money(
                entry, label, outcome.code, money, section, money_quote("outcome", label, money)
            )
    outputs = [
        e
        for e in s.of("output")
        if e.file == entry.file
        and e.record.outcome_code == outcome.code
        and (e.record.planned or e.record.actual or e.record.shortfall)
    ]
    by_output = []
    for output in outputs:
        shown = []
        for name in ("planned", "actual", "shortfall"):
            money = getattr(output.record, name)
            if money is None:
                continue
            shown.append(f"{name} {money.text}")
            reply.money(
                output,
                name,
                output.record.code,
                money,
                f"Output {output.record.code} budget",
                money_quote("output", name, money),
            )
        by_output.append(f"{output.record.code} {', '.join(shown)}")
    if by_output:
        parts.append(f"by output: {'; '.join(by_output)}")
    reply.lines.append(f"- Budget: {'; '.join(parts) if parts else 'not given in the report'}.")


def _funders(reply: Reply, entry: Entry) -> None:
    outcome: Outcome = entry.record
    if not outcome.funding:
        reply.lines.append("- Funding partners: none listed in the report.")
        return
    core = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.core) or "none listed"
    non_core = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.non_core) or "none"
    total = f" (total {outcome.total_non_core.text})" if outcome.total_non_core else ""
    reply.lines.append(f"- Funding partners: core {core}; non-core {non_core}{total}.")
    reply.funders(entry)


def _milestones(reply: Reply, entry: Entry, s: Search) -> None:
    outcome: Outcome = entry.record
    indicators = [
        e
        for e in s.of("indicator")
        if e.file == entry.file and e.record.outcome_code == outcome.code
    ]
    judged = [
        (e, row)
        for e in indicators
        for row in e.record.rows
        if row.kind != "Baseline" and row.year and row.met() is not None
    ]
    if not judged:
        reply.lines.append("- Milestones: no milestone with a planned value and a result.")
        return
    latest = max(row.year for _, row in judged)
    rows = [(e, row) for e, row in judged if row.year == latest]
    missed = [(e, row) for e, row in rows if row.met() is False]
    met = len(rows) - len(missed)
    shown = "; ".join(
        f"{e.record.parent_code} “{short(e.record.statement, WHOLE)}” {row.reported.raw} against "
        f"{row.planned.raw}"
        for e, row in missed
    )
    reply.lines.append(
        f"- Milestones in {latest}: {met} met, {len(missed)} missed"
        + (f" (missed: {shown})" if missed else "")
        + "."
    )
    for e, row in missed:
        reply.row(e, e.record, row, f"missed {row.year}", row.reported)


def _note(reply: Reply, entry: Entry, s: Search) -> None:
    outcome: Outcome = entry.record
    sentences = [
        e
        for e in s.of("sentence")
        if e.file == entry.file
        and e.record.source == "note"
        and e.record.outcome_code == outcome.code
    ]
    # The sentences that count results: those stating figures, in reading order, of the
    # latest year's note when the file holds several.
    latest = max((e.meta.get("data_year") or 0 for e in sentences), default=0)
    sentences = [e for e in sentences if (e.meta.get("data_year") or 0) == latest] or sentences
    counted = [e for e in sentences if e.record.figures][:NOTE_SENTENCES]
    chosen = counted or sentences[:NOTE_SENTENCES]
    if not chosen:
        return
    chosen.sort(key=lambda e: (e.record.paragraph, e.record.position))
    for sentence in chosen:
        stated = [f.text for f in sentence.record.figures if f.kind != "year" and not f.word][:4]
        lead = f" ({', '.join(stated)}, as stated)" if stated else ""
        reply.lines.append(f"- From the progress note{lead}: “{quoted(sentence.text)}”")
        reply.facts.append(
            Fact(
                "passage",
                outcome.code,
                sentence.text,
                sentence.text,
                "text",
                entry.meta.get("data_year") or None,
                sentence.file,
                sentence.record.page,
                "note",
            )
        )
        reply.cite(
            sentence, sentence.record.page, f"Outcome {outcome.code} progress note", sentence.text
        )
