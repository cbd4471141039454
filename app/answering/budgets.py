"""Budget figures from the parsed tables: an output's or outcome's planned, actual, shortfall
and expenses, and comparisons and totals across them."""

from __future__ import annotations

from decimal import Decimal

from indexing.records import Outcome, Output

from ..catalog import code_under
from ..resolve import Query
from .compose import (
    LABELS,
    MONEY_FIGURES,
    Miss,
    Reply,
    closest_outcomes,
    money_quote,
    named_outcome,
    outcome_name,
    scope_words,
    short,
    year_note,
)
from .conflicts import disputed, note, once
from .model import Answer, Fact
from .search import Search


def budget(q: Query, s: Search, figure: str) -> Answer:
    reply = Reply()
    outputs = s.catalog.kind("output").code_rows
    names_output = any(c in outputs and not s.catalog.outcome_code(c) for c in q.codes)
    names_outcomes = bool(q.codes) and not names_output
    wants_output = (
        names_output
        or q.level == "output"
        or (figure == "expenses" and q.level != "outcome")
        or (figure == "shortfall" and not names_outcomes and q.level != "outcome")
    )
    if wants_output:
        outputs = s.outputs_for(q)
        if not outputs:
            raise Miss(
                "no output matching that in the indexed reports",
                [e.record.code for e in s.scoped("output", q)][:5],
            )
        for entry in outputs[:MOST]:
            if q.difference and "expenses" in q.difference:
                _output_difference(reply, entry, q.difference, s)
            else:
                _output_budget(reply, entry, figure, s)
            if q.share:
                _share(reply, entry, q.share)
        _more(reply, outputs)
    else:
        outcomes = required_outcomes(q, s)
        for entry in outcomes[:MOST]:
            _outcome_budget(reply, entry, figure)
            if q.share:
                _share(reply, entry, q.share)
        _more(reply, outcomes)
        if not reply.facts:
            raise _unprinted(outcomes, figure, s)
    return reply.answer(q.text)


def _unprinted(outcomes, figure: str, s: Search) -> Miss:
    """Why no figure answers: the outcomes' pages print none (no RESOURCES section, as on
    many offices' pages); the outputs under them that print budgets of their own are the
    closest things the reports hold."""
    codes = ", ".join(e.record.code for e in outcomes[:MOST])
    what = "budget" if figure in ("budget", "shortfall", "expenses") else LABELS[figure]
    closest = [
        f"output {e.record.code} ({e.country}) has a budget of its own"
        for e in s.of("output")
        if any(e.record.outcome_code == o.record.code and e.file == o.file for o in outcomes)
        and (e.record.planned or e.record.actual)
    ]
    return Miss(
        f"the report prints no outcome-level {what} for {codes} (its page has no RESOURCES "
        "section)",
        closest[:5],
        specific=True,
    )


MOST = 12  # records answered in full; the rest are named


def _more(reply: Reply, entries) -> None:
    if len(entries) > MOST:
        rest = ", ".join(e.record.code for e in entries[MOST:])
        reply.lines.append(f"Also in scope: {rest} ({len(entries) - MOST} more; ask by code).")


def required_outcomes(q: Query, s: Search):
    outcomes = s.outcomes_for(q)
    if not outcomes:
        raise Miss(
            "no outcome matching that in the indexed reports", closest_outcomes(s.catalog, q)
        )
    return outcomes


def _output_budget(reply: Reply, entry, figure: str, s: Search) -> None:
    output: Output = entry.record
    parent = named_outcome(s.catalog, entry.file, output.outcome_code, entry.country)
    subject = f"Output {output.code} of {parent}"
    section = f"Output {output.code} budget"
    asked = MONEY_FIGURES if figure == "budget" else (figure,)
    # A shortfall reads better beside the planned and actual budgets it is the gap of.
    beside = {"shortfall": ("planned", "actual"), "actual": ("planned",)}.get(figure, ())
    parts, context = [], []
    for name in (*asked, *beside):
        money = getattr(output, name)
        if money is None:
            if name in asked:
                parts.append(f"{LABELS[name]}: not given in the report")
            continue
        (parts if name in asked else context).append(
            f"{LABELS[name] if name in asked else name} {money.text}"
        )
        reply.money(entry, name, output.code, money, section, money_quote("output", name, money))
    extra = f" ({', '.join(context)})" if context else ""
    reply.lines.append(f"{subject}: {'; '.join(parts)}{extra}{year_note(entry)}.")


def _output_difference(reply: Reply, entry, pair: tuple[str, ...], s: Search) -> None:
    """One budget line of an output minus another ("how much more did it spend than it
    received?"), worked out from the two printed lines, both cited beside it."""
    output: Output = entry.record
    parent = named_outcome(s.catalog, entry.file, output.outcome_code, entry.country)
    subject = f"Output {output.code} of {parent}"
    first, second = pair
    a, b = getattr(output, first), getattr(output, second)
    section = f"Output {output.code} budget"
    for name, money in ((first, a), (second, b)):
        if money is not None:
            reply.money(
                entry, name, output.code, money, section, money_quote("output", name, money)
            )
    if a is None or b is None:
        missing = LABELS[first] if a is None else LABELS[second]
        reply.lines.append(f"{subject}: the report gives no {missing}{year_note(entry)}.")
        return
    gap = a.exact - b.exact
    shown = money_like(abs(gap), a.text if "M" in a.text else b.text)
    what = _DIFFERENCE.get((first, second) if gap >= 0 else (second, first), "")
    larger, smaller = (first, second) if gap >= 0 else (second, first)
    reply.total(f"{LABELS[larger]} minus {LABELS[smaller]}", output.code, abs(gap))
    reply.facts[-1].display = shown
    reply.lines.append(
        f"{subject}: {LABELS[larger]} {getattr(output, larger).text} exceeded the "
        f"{LABELS[smaller]} {getattr(output, smaller).text} by {shown}{what} (worked out from "
        f"the two printed lines){year_note(entry)}."
    )


# What a difference between two lines is called, when it has a name.
_DIFFERENCE = {
    ("actual", "expenses"): ": left unspent",
    ("planned", "expenses"): ": planned but not spent",
    ("expenses", "actual"): ": spent beyond the actual budget",
    ("expenses", "planned"): ": spent beyond the plan",
    ("planned", "actual"): ": the shortfall",
}


def _outcome_budget(reply: Reply, entry, figure: str) -> None:
    outcome: Outcome = entry.record
    subject = outcome_name(outcome, entry.country)
    subject = subject[0].upper() + subject[1:]
    section = f"Outcome {outcome.code} resources"
    wanted = ("planned", "actual") if figure in ("budget", "shortfall", "expenses") else (figure,)
    parts = []
    for name in wanted:
        money = getattr(outcome, name, None)
        if money is None:
            parts.append(f"{LABELS[name]}: not given in the report")
            continue
        parts.append(f"{LABELS[name]} {money.text}")
        reply.money(entry, name, outcome.code, money, section, money_quote("outcome", name, money))
    if figure == "shortfall" and outcome.planned and outcome.actual:
        parts.insert(0, _gap(reply, entry, outcome.planned, outcome.actual))
    elif figure in ("shortfall", "expenses"):
        parts.insert(
            0, f"the report gives no outcome-level {LABELS[figure]} (it gives them per output)"
        )
    reply.lines.append(f"{subject}: {'; '.join(parts)}{year_note(entry)}.")


def _share(reply: Reply, entry, which: str) -> None:
    """The actual budget (or the shortfall) as a share of the planned one, worked out from
    the two printed lines and said as such."""
    record = entry.record
    planned, actual = getattr(record, "planned", None), getattr(record, "actual", None)
    if planned is None or actual is None or not planned.amount:
        reply.lines.append(f"{record.code}: no share can be worked out without both lines.")
        return
    part = actual.amount if which == "funded" else planned.amount - actual.amount
    share = 100 * part / planned.amount
    what = "actual budget" if which == "funded" else "shortfall (planned minus actual)"
    reply.facts.append(
        Fact(
            f"{what} as a share of planned",
            record.code,
            f"{share:.0f}%",
            share,
            "percent",
            None,
            "",
            0,
            source="computed",
        )
    )
    reply.lines.append(
        f"{record.code}: the {what} is {share:.0f}% of the planned budget {planned.text} "
        f"(worked out from the two printed lines, actual {actual.text})."
    )


def _gap(reply: Reply, entry, planned, actual) -> str:
    """Planned minus actual, worked out from the two printed lines (the outcome's page
    prints no shortfall): said as computed, with both lines cited beside it."""
    gap = planned.exact - actual.exact
    shown = money_like(abs(gap), planned.text)
    reply.total("shortfall (planned minus actual)", entry.record.code, gap)
    reply.facts[-1].display = shown if gap >= 0 else f"-{shown}"
    if gap >= 0:
        return f"shortfall {shown} (planned minus actual, worked out from the two printed lines)"
    return (
        f"no shortfall: the actual budget exceeded the planned one by {shown} (worked out from "
        "the two printed lines)"
    )


def money_like(amount: float, like: str) -> str:
    """``amount`` printed the way ``like`` is ("$3.42 M" → "$1.09 M"; "$804.98 K")."""
    if like.rstrip().endswith("M") or amount >= 1_000_000:
        return f"${amount / 1_000_000:,.2f} M"
    if like.rstrip().endswith("K") or amount >= 1_000:
        return f"${amount / 1_000:,.2f} K"
    return f"${amount:,.0f}"


def aggregate_budget(q: Query, s: Search, figure: str) -> Answer:
    """The largest, smallest or total of a budget figure across outputs or outcomes."""
    figure = "planned" if figure == "budget" else figure
    outcome_level = q.level == "outcome" or (q.aggregate == "compare" and q.level != "output")
    if outcome_level and figure == "shortfall" and q.aggregate in ("largest", "smallest"):
        return _ranked_gaps(q, s)
    use_outcomes = outcome_level and figure in ("planned", "actual")
    kind = "outcome" if use_outcomes else "output"
    if q.codes:
        # "the outputs under MEX_D_2.1": outputs whose code sits under the named outcome.
        entries = [
            e
            for e in s.of(kind)
            if any(e.record.code == c or code_under(e.record.code, c) for c in q.codes)
        ]
    else:
        entries = s.scoped(kind, q)
    entries = [e for e in entries if getattr(e.record, figure, None) is not None]
    if not entries:
        raise Miss(f"no {kind} with a {LABELS[figure]} in scope")
    if q.aggregate == "compare":  # side by side, every figure shown: flagged, not left out
        return _compare(q, s, kind, entries, figure)
    # An item two reports print differently is left out of a ranking or a total, and said.
    left_out = [d for d in (disputed(e, figure, s.catalog) for e in entries) if d]
    unused = {p.entry.id for d in left_out for p in d.printed}
    entries, alike = once([e for e in entries if e.id not in unused])
    left_out = list({d.key: d for d in left_out}.values())
    answer = _ranked(q, s, kind, figure, entries) if entries else Reply().answer(q.text)
    if alike:
        answer.answer += "\n" + alike
    for dispute in left_out:
        answer.answer = "\n".join(filter(None, [answer.answer, dispute.left_out()]))
        note(answer, dispute)
    return answer


def _ranked(q: Query, s: Search, kind: str, figure: str, entries) -> Answer:
    reply = Reply()
    # Over the items the last answer listed ("which one has …"): said as such.
    scope = f" of the {len(entries)} just listed" if q.over_previous else scope_words(q, s.catalog)
    if q.aggregate == "total":
        total = sum((getattr(e.record, figure).exact for e in entries), Decimal(0))
        items = []
        for entry in entries:
            money = getattr(entry.record, figure)
            items.append(f"{entry.record.code} {money.text}")
            _cite(reply, entry, kind, figure, money)
        reply.lines.append(
            f"Total {LABELS[figure]} of the {len(entries)} {kind}s{scope}: "
            f"${total:,.0f} (the sum of {', '.join(items)}, as printed, so to their rounding)."
        )
        reply.total(f"total {figure}", ", ".join(e.record.code for e in entries), total)
        return reply.answer(q.text)
    reverse = q.aggregate == "largest"
    ranked = sorted(entries, key=lambda e: getattr(e.record, figure).amount, reverse=reverse)
    best = ranked[0]
    money = getattr(best.record, figure)
    word = "largest" if reverse else "smallest"
    reply.lines.append(
        f"{_name(best, kind, s)} has the {word} "
        f"{LABELS[figure]}{scope}: {money.text}{year_note(best)}. "
        f"{short(best.record.statement, 140)}"
    )
    _cite(reply, best, kind, figure, money)
    if len(ranked) > 1:
        runners = ", ".join(
            f"{e.record.code} {getattr(e.record, figure).text}" for e in ranked[1:4]
        )
        reply.lines.append(f"Next: {runners} (of {len(ranked)} {kind}s compared).")
    return reply.answer(q.text)


def _ranked_gaps(q: Query, s: Search) -> Answer:
    """The outcome whose planned budget most (or least) exceeds its actual one: outcome
    pages print no shortfall, so each gap is worked out from its two printed lines."""
    outcomes = [
        e
        for e in (s.outcomes_for(q, topic=False) if q.codes else s.scoped("outcome", q))
        if e.record.planned is not None and e.record.actual is not None
    ]
    if not outcomes:
        raise Miss("no outcome in scope prints both a planned and an actual budget")
    reverse = q.aggregate == "largest"
    gap = {e.id: e.record.planned.amount - e.record.actual.amount for e in outcomes}
    ranked = sorted(outcomes, key=lambda e: gap[e.id], reverse=reverse)
    reply = Reply()
    best = ranked[0]
    word = "largest" if reverse else "smallest"
    shown = money_like(abs(gap[best.id]), best.record.planned.text)
    sign = "" if gap[best.id] >= 0 else "-"
    reply.lines.append(
        f"{_name(best, 'outcome', s)} has the {word} gap between planned and actual budget"
        f"{scope_words(q, s.catalog)}: {sign}{shown} (planned {best.record.planned.text}, actual "
        f"{best.record.actual.text}; worked out from the two printed lines){year_note(best)}."
    )
    for entry in ranked[:4]:
        for name in ("planned", "actual"):
            money = getattr(entry.record, name)
            _cite(reply, entry, "outcome", name, money)
    if len(ranked) > 1:
        rest = ", ".join(
            f"{e.record.code} {'-' if gap[e.id] < 0 else ''}"
            f"{money_like(abs(gap[e.id]), e.record.planned.text)}"
            for e in ranked[1:4]
        )
        reply.lines.append(f"Next: {rest} (of {len(ranked)} outcomes compared).")
    return reply.answer(q.text)


def _name(entry, kind: str, s: Search) -> str:
    if kind == "outcome":
        name = outcome_name(entry.record, entry.country)
        return name[0].upper() + name[1:]
    parent = named_outcome(s.catalog, entry.file, entry.record.outcome_code, entry.country)
    return f"Output {entry.record.code} of {parent}"


def _compare(q: Query, s: Search, kind: str, entries, asked: str = "") -> Answer:
    """Planned and actual budgets (and, for outputs, shortfalls) of every outcome or output
    in scope, side by side: none left out, none added up; the line asked too, when it is
    another (expenses)."""
    reply = Reply()
    figures = ("planned", "actual") + (("shortfall",) if kind == "output" else ())
    if asked and asked not in figures and kind == "output":
        figures += (asked,)
    reply.lines.append(
        f"{len(entries)} {kind}s{scope_words(q, s.catalog)}, as printed (not added up):"
    )
    for entry in sorted(entries, key=lambda e: (e.country, e.record.code)):
        shown = []
        for figure in figures:
            money = getattr(entry.record, figure, None)
            if money is None:
                shown.append(f"{figure} not given")
                continue
            shown.append(f"{figure} {money.text}")
            _cite(reply, entry, kind, figure, money)
        reply.lines.append(f"- {_name(entry, kind, s)}: {', '.join(shown)}.")
    return reply.answer(q.text)


def _cite(reply: Reply, entry, kind: str, figure: str, money) -> None:
    reply.money(
        entry,
        figure,
        entry.record.code,
        money,
        f"{kind.title()} {entry.record.code} budget",
        money_quote(kind, figure, money),
    )
