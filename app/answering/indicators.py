"""Indicator figures from the parsed tables: a baseline, milestone, target or reported result,
whether a milestone was met, and which milestones were met or missed."""

from __future__ import annotations

import re

from indexing.records import Indicator

from ..catalog import Entry, tokens
from ..resolve import Query
from .compose import (
    ROW_FIGURES,
    WHOLE,
    Miss,
    Reply,
    coverage,
    same_statement,
    scope_words,
    short,
)
from .model import Answer
from .search import MIN_SIMILARITY, Search

INDICATOR_LABEL = re.compile(
    r"\b(?:SP|SDG(?:\s+Indicator)?)\s*\d+\.\w+\.\d+\b|\b\d+\.\d+\.\d+[a-z]\b", re.IGNORECASE
)


def label_key(label: str) -> str:
    return re.sub(r"\s+|indicator", "", label.lower())


def indicator(q: Query, s: Search) -> Answer:
    if q.indicators:
        # Named by its printed label or found by its statement when the question was read.
        reply = Reply()
        for entry in filter(None, (s.catalog.entry(i) for i in q.indicators)):
            _indicator_reply(reply, entry, q)
        if reply.lines:
            return reply.answer(q.text)
    candidates = s.scoped("indicator", q)
    words = q.topic
    if not candidates:
        raise Miss("no indicator in that scope")
    if q.level:
        candidates = [e for e in candidates if e.record.parent_kind == q.level] or candidates
    from .reading import counting

    candidates = counting(q, s, candidates)
    if q.codes:
        # "under JOR_D_3.1" names that outcome: its own indicators come before those of
        # the outputs beneath it, when one of them fits.
        own = [e for e in candidates if e.record.parent_code in q.codes]
        if own and len(own) < len(candidates) and words:
            ranked = s.rank("indicator", q, own, text=" ".join(words))
            wanted = set(tokens(" ".join(words)))
            if ranked and coverage(wanted, s.catalog.token_set(ranked[0][0])) >= 0.75:
                candidates = own
    if (
        q.codes
        and len(candidates) <= MOST_ROWS
        and (not words or _none_told_apart(q, s, candidates))
    ):
        # "the 2023 result of KEN_D_1.3.3": the record named, not which of its indicators;
        # each one's row, told by its statement.
        reply = Reply()
        for entry in candidates:
            _indicator_reply(reply, entry, q)
        return reply.answer(q.text)
    if not words and len(candidates) > 1:
        raise Miss(
            "which indicator? the question names none",
            [short(e.record.statement, 90) for e in candidates[:5]],
        )
    ranked = s.rank("indicator", q, candidates, text=" ".join(words) or None)
    good = [(e, sim, lex) for e, sim, lex in ranked if sim >= MIN_SIMILARITY or lex >= 2]
    if not good:
        raise Miss(
            "no indicator in the indexed reports matches that",
            [short(e.record.statement, 90) for e, _, _ in ranked[:3]],
        )
    best, best_sim, best_lex = good[0]
    reply = Reply()
    _indicator_reply(reply, best, q)
    # The same statement under another parent: its row too, each told by its parent (which
    # one is meant, the question does not say). Other equally good candidates are named.
    for entry, sim, lex in good[1:4]:
        close = sim >= best_sim - 0.02 and lex >= 0.9 * best_lex
        if same_statement(entry.record, best.record):
            _indicator_reply(reply, entry, q)
        elif close:
            reply.alternatives.append(
                f"{entry.record.parent_kind} {entry.record.parent_code}: "
                f"{short(entry.record.statement, 90)}"
            )
    if reply.alternatives:
        reply.lines.append("Also matches: " + "; ".join(reply.alternatives) + ".")
    return reply.answer(q.text)


MOST_ROWS = 4


def _none_told_apart(q: Query, s: Search, candidates: list[Entry]) -> bool:
    """Whether the question's words fit none of the indicators better than the others (they
    describe the output: "the output on domestic workers")."""
    wanted = set(tokens(" ".join(q.topic)))
    held = [coverage(wanted, s.catalog.token_set(e)) for e in candidates]
    return max(held) == min(held)


def indicator_fits(q: Query, s: Search, words: list[str]) -> float:
    """How much of the question the best-matching indicator statement in scope holds (by
    words alone: no search by meaning is needed to count shared words)."""
    wanted = set(tokens(" ".join(words)))
    if not wanted:
        return 0.0
    return s.best_coverage("indicator", wanted, s.scoped("indicator", q))


def _indicator_reply(reply: Reply, entry: Entry, q: Query) -> None:
    record: Indicator = entry.record
    name = (
        f"Indicator “{short(record.statement, WHOLE)}” ({record.parent_kind} "
        f"{record.parent_code}, {entry.country})"
    )
    # The row the reading settled on ("result vs tgt": the result), else the first named.
    measured = q.measure if q.measure in ROW_FIGURES else ""
    figure = measured or next((f for f in q.figures if f in ROW_FIGURES), "result")
    if q.operation in ("change", "difference") and len(set(q.years)) >= 2:
        line = _between_rows(reply, entry, record, q, figure)
        if line:
            reply.lines.append(f"{name}: {line}.")
            return
    year = q.year
    parts: list[str] = []
    if figure == "target":
        row = record.row("Target", year) or record.row("Target")
        if year and row and row.year != year:
            parts.append(f"the report sets no {year} target")
        if row is None:
            parts.append("the report sets no target")
        else:
            parts.append(f"{row.year or ''} target: {row.planned.display()}".strip())
            reply.row(entry, record, row, "target", row.planned)
            if row.reported.present:
                parts.append(f"reported {row.reported.display()}")
    elif figure == "baseline":
        row = record.row("Baseline")
        if row is None:
            parts.append("the report gives no baseline")
        else:
            parts.append(f"baseline{f' ({row.year})' if row.year else ''}: {row.planned.display()}")
            reply.row(entry, record, row, "baseline", row.planned)
    else:
        row = None
        if year:
            row = record.row("Milestone", year) or record.row("Target", year)
        else:
            reported = [r for r in record.rows if r.kind != "Baseline" and r.reported.present]
            row = reported[-1] if reported else None
        if row is None:
            when = f" for {year}" if year else ""
            years = ", ".join(f"{r.year} {r.kind.lower()}" for r in record.rows if r.year)
            parts.append(f"the report gives no milestone or result{when} (rows: {years})")
        elif (
            year
            and not row.reported.present
            and not {"milestone", "target"} & set(q.figures)
            and (row.kind != "Target" or "result" in q.figures[:1])
        ):
            # The result is asked and none is reported: the row's planned value is not it.
            raise Miss(
                f"the report gives no reported result for {year} for the indicator "
                f"“{short(record.statement, WHOLE)}” ({record.parent_kind} {record.parent_code}; "
                f"its {year} row sets a {row.kind.lower()} and reports nothing yet)",
                specific=True,
                unreported=True,
            )
        else:
            kind = row.kind.lower()
            parts.append(
                f"{row.year} {kind}: {row.planned.display()}; reported result: "
                f"{row.reported.display()}"
            )
            reply.row(entry, record, row, kind, row.planned)
            reply.row(entry, record, row, "reported result", row.reported)
            met = row.met()
            if met is True:
                parts.append(f"{kind} met")
            elif met is False:
                parts.append(f"{kind} not met ({row.reported.raw} against {row.planned.raw})")
            gap = _gap(row)
            if gap:
                parts.append(gap)
            elif row.reported.present and not row.planned.present:
                parts.append(f"no {kind} value was set, so met or missed cannot be said")
    # "baseline and 2025 target", "the 2023 result vs the target": each row named is given.
    if "baseline" in q.figures and figure != "baseline":
        row = record.row("Baseline")
        if row is not None:
            parts.append(f"baseline{f' ({row.year})' if row.year else ''}: {row.planned.display()}")
            reply.row(entry, record, row, "baseline", row.planned)
    if "target" in q.figures and figure != "target":
        targets = [r for r in record.rows if r.kind == "Target"]
        row = targets[-1] if targets else None
        if row is not None and all(row.planned.raw not in p for p in parts):
            parts.append(f"{row.year or ''} target: {row.planned.display()}".strip())
            reply.row(entry, record, row, "target", row.planned)
    reply.lines.append(f"{name}: {'; '.join(parts)}.")


def _between_rows(reply: Reply, entry: Entry, record: Indicator, q: Query, figure: str) -> str:
    """Two years of one indicator asked together: how far the reported result of one is from
    the target of the other ("how many more are needed after 2023 to hit the 2025 target?"),
    or how the reported result changed from one year to the other; "" when the rows do not
    hold both figures."""
    first, last = min(q.years), max(q.years)
    target = record.row("Target", last)
    if figure == "target" or "target" in q.figures:
        done = record.row("Milestone", first) or record.row("Target", first)
        if target is None or done is None or not done.reported.present:
            return ""
        planned, reported = target.planned.number, done.reported.number
        if planned is None or reported is None:
            return ""
        reply.row(entry, record, done, "reported result", done.reported)
        reply.row(entry, record, target, "target", target.planned)
        left = planned - reported
        said = f"{left:,.10g} still to go" if left > 0 else f"{-left:,.10g} beyond it already"
        return (
            f"{first} reported result: {done.reported.display()}; {last} target: "
            f"{target.planned.display()}; {said} (worked out from the rows)"
        )
    rows = [record.row("Milestone", y) or record.row("Target", y) for y in (first, last)]
    if any(r is None or r.reported.number is None for r in rows):
        return ""
    before, after = rows
    for row in rows:
        reply.row(entry, record, row, f"reported result {row.year}", row.reported)
    change = after.reported.number - before.reported.number
    way = "up" if change > 0 else "down" if change < 0 else "unchanged"
    by = f" by {abs(change):,.10g}" if change else ""
    return (
        f"reported result {before.reported.display()} in {first}, {after.reported.display()} in "
        f"{last}: {way}{by} (worked out from the rows)"
    )


def _gap(row) -> str:
    """How far a reported count is from its milestone or target, worked out from the row."""
    planned, reported = row.planned.number, row.reported.number
    if planned is None or reported is None or row.planned.kind != "number":
        return ""
    difference = reported - planned
    if not difference:
        return ""
    amount = f"{abs(difference):,.10g}"
    side = "short of" if difference < 0 else "above"
    return f"{amount} {side} the {row.kind.lower()} (worked out from the row)"


SHOWN = 25  # milestones listed in the text; the figures table holds them all


def milestone_status(q: Query, s: Search) -> Answer:
    """Which milestones were met, or missed, in a year and scope."""
    indicators = s.scoped("indicator", q)
    wanted = q.status
    reply = Reply()
    found = []
    for entry in indicators:
        for row in entry.record.rows:
            if row.kind == "Baseline" or (q.year and row.year != q.year):
                continue
            met = row.met()
            if met is None or (met is False) != (wanted == "missed"):
                continue
            found.append((entry, row))
    when = f" in {q.year}" if q.year else ""
    scope = scope_words(q, s.catalog)
    word = "missed" if wanted == "missed" else "met"
    if not found:
        reply.lines.append(
            f"No milestones {word}{when}{scope} in the indexed reports (of {len(indicators)} "
            "indicators checked; rows without a planned value or a reported result cannot be "
            "judged)."
        )
        return reply.answer(q.text)
    reply.lines.append(
        f"{len(found)} milestone{'s' if len(found) != 1 else ''} {word}{when}{scope}:"
    )
    for number, (entry, row) in enumerate(found):
        record = entry.record
        # Every one is in the facts (the chat's table, --json); the text names the first 25.
        reply.row(entry, record, row, f"{row.kind.lower()} {row.year}", row.planned)
        reply.row(entry, record, row, f"reported {row.year}", row.reported)
        if number >= SHOWN:
            continue
        reply.lines.append(
            f"- {record.parent_kind.title()} {record.parent_code} ({entry.country}): "
            f"{short(record.statement, 100)} — {row.year} {row.kind.lower()} "
            f"{row.planned.raw}, reported {row.reported.raw}"
        )
    if len(found) > SHOWN:
        reply.lines.append(
            f"… and {len(found) - SHOWN} more: all {len(found)} are in the figures table "
            "(and in --json)."
        )
    return reply.answer(q.text)
