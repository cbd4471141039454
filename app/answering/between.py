"""A figure set beside the one the answer before gave: "and Canada? … how much bigger is the
Australian contribution?", "and the same period the year before? … how much of an increase
is that?". The two figures are the last two answers' own, each cited where it was; their
difference is worked out and said to be."""

from __future__ import annotations

from ..resolve import Query
from ..vocabulary import BY_HOW_MUCH
from .budgets import money_like
from .model import Answer, Citation, Fact


def read_between(q: Query, previous: Query) -> None:
    """Set ``q.between`` when ``q`` asks how much one of the last two answers' figures
    exceeds the other and names no subject or figure of its own."""
    if not (previous.shown and previous.shown_before and BY_HOW_MUCH.search(q.read)):
        return
    now, before = _main(previous.shown), _main(previous.shown_before)
    if now is None or before is None or now[0].unit != before[0].unit:
        return
    # "how much bigger is the Australian contribution?": one of the two just given.
    names_one = any(p in f.subject for p in q.partners for f in (now[0], before[0]))
    if q.figures and "what was asked" not in q.inherited and not names_one:
        return  # "how much bigger is its planned budget?": a figure of its own
    if any(q.scope_from.get(name) == "question" for name in ("iso3s", "codes")):
        return  # "how much more did Kenya get?": a subject of its own
    if now[0].value == before[0].value and now[0].subject == before[0].subject:
        return
    q.between = (now, before)
    q.operation = "difference"
    q.inherited.append("the figures of the last two answers")


def _main(shown: tuple) -> tuple[Fact, Citation | None] | None:
    """An answer's one figure: its first printed (not worked out) fact, with a number."""
    facts, citations = shown
    printed = [f for f in facts if f.source != "computed" and isinstance(f.value, (int, float))]
    if not printed:
        return None
    fact = printed[0]
    cited = next((c for c in citations if c.highlight and c.highlight in fact.display), None)
    return fact, cited or (citations[0] if citations else None)


def between_answers(q: Query) -> Answer:
    (now, now_cited), (before, before_cited) = q.between
    gap = float(now.value) - float(before.value)
    larger, smaller = (now, before) if gap >= 0 else (before, now)
    if now.unit == "USD" and larger.display.rstrip()[-1:] in ("K", "M"):
        shown = money_like(abs(gap), larger.display)
    elif now.unit == "USD":
        shown = f"${abs(gap):,.0f}"  # printed to the dollar: so is the difference
    else:
        shown = f"{abs(gap):,.10g}" + (" percentage points" if now.unit == "percent" else "")
    line = (
        f"{larger.display} ({_whose(larger)}) is {shown} more than {smaller.display} "
        f"({_whose(smaller)}): worked out from the figures of the last two answers."
    )
    facts = [
        now,
        before,
        Fact(
            "difference",
            f"{now.subject} − {before.subject}",
            shown,
            abs(gap),
            now.unit,
            now.year,
            "",
            0,
            source="computed",
        ),
    ]
    citations = [c for c in (now_cited, before_cited) if c is not None]
    return Answer(question=q.text, answer=line, citations=citations, facts=facts)


def _whose(fact: Fact) -> str:
    year = f", {fact.year}" if fact.year else ""
    return f"{fact.subject}{year}"
