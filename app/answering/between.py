"""A figure set beside the one the answer before gave: "and Canada? … how much bigger is the
Australian contribution?", "and the same period the year before? … how much of an increase
is that?", "… and 2022? — so did it go up or down?", "… and TLS_D_1.1.2? — both together?".

The two figures are the last two answers' own, each cited where it was; their difference
(or their sum) is worked out and said to be."""

from __future__ import annotations

from ..resolve import Query
from ..vocabulary import BY_HOW_MUCH, TOTAL_OF_TWO, UP_OR_DOWN
from .budgets import money_like
from .model import Answer, Citation, Fact
from .reading import set_measure

# The words an answer's facts are named by, for each measure a question can carry over.
FACT_WORDS = {
    "result": "result",
    "milestone": "milestone",
    "target": "target",
    "baseline": "baseline",
    "planned_budget": "planned",
    "actual_budget": "actual",
    "expenses": "expenses",
    "contribution": "contribution",
}


def read_between(q: Query, previous: Query) -> None:
    """Set ``q.between`` when ``q`` asks how one of the last two answers' figures compares
    with the other (or what both come to) and names no subject or figure of its own."""
    if not (previous.shown and previous.shown_before):
        return
    if BY_HOW_MUCH.search(q.read) or UP_OR_DOWN.search(q.read):
        operation = "difference"
    elif TOTAL_OF_TWO.search(q.read):
        operation = "total"
    else:
        return
    now, before = _main(previous.shown), _main(previous.shown_before)
    if now is None or before is None or now[0].unit != before[0].unit:
        return
    pair = (now[0], before[0])
    # "how much bigger is the Australian contribution?": one of the two just given.
    names_one = any(p in f.subject for p in q.partners for f in pair)
    # "how far is 2023 from the target?": every figure it names is one of the two ("how much
    # less than planned did they actually get?" after planned and expenses names the actual
    # budget, which neither is).
    named = [FACT_WORDS.get(measure, measure) for measure in q.figures]
    names_one = names_one or bool(named) and all(any(w in f.what for f in pair) for w in named)
    own_figure = q.read_by.get("measure") == "words" and "what was asked" not in q.inherited
    if q.figures and own_figure and not names_one:
        return  # "how much bigger is its planned budget?": a figure of its own
    if q.earlier:
        return  # "how many more than the year before?": what a sentence compares it with
    if operation == "total" and (
        now[0].what != before[0].what or now[0].subject == before[0].subject
    ):
        return  # a sum adds one kind of figure of two records, never a plan and a spend
    told = [f for f in pair if f.source in ("note", "page")]
    if told and (len(told) < 2 or now[0].year == before[0].year):
        # Two figures the notes state in one year count two things ("481 survivors",
        # "561 protection orders"); nothing says they are one thing to compare.
        return
    if any(q.scope_from.get(name) == "question" for name in ("iso3s", "codes")):
        return  # "how much more did Kenya get?": a subject of its own
    if now[0].value == before[0].value and now[0].subject == before[0].subject:
        return  # the same figure shown twice
    q.between = (now, before)
    q.operation = operation
    q.inherited.append("the figures of the last two answers")


def read_within(q: Query, previous: Query) -> None:
    """ "what about the dignity kits? — how many more than the year before?": the change
    between the two figures the sentence just quoted compares, asked of that sentence's
    figures (not of a table row the words might also fit)."""
    if not previous.shown or not (BY_HOW_MUCH.search(q.read) or UP_OR_DOWN.search(q.read)):
        return
    if any(q.scope_from.get(name) == "question" for name in ("iso3s", "codes")):
        return
    if q.figures and "what was asked" not in q.inherited:
        return  # "how much more was planned?": a figure of its own
    facts = previous.shown[0]
    told = [f for f in facts if f.source in ("note", "page")]
    if not told or len(told) != len(facts):
        return
    set_measure(q, "stated_figure")
    q.narrative = q.summary = False
    if not _own_content(q):
        # "whats the increase": the sentence is found by what the last answer was about
        # ("and how much did their sales rise?" names what of its own).
        q.topic, q.own_topic = list(previous.topic), []
    q.operation = "difference"
    q.earlier = False
    # "than the year before": the sentence compares with it; its own year is the one read.
    q.years = sorted({f.year for f in told if f.year}) or list(previous.years)
    codes = [f.subject for f in told if "_" in f.subject]
    if codes:
        q.codes = list(dict.fromkeys(codes))
    q.inherited.append("the figures the last answer quoted")


def read_pointed(q: Query, previous: Query) -> None:
    """ "… and the seed grants? — who financed those?": a pointer at what the last answer
    quoted; the sentences it quoted are read first (``q.quoted``)."""
    from ..vocabulary import PLURAL_POINTER, POINTER

    if not previous.shown or not (POINTER.search(q.read) or PLURAL_POINTER.search(q.read)):
        return
    if any(q.scope_from.get(name) == "question" for name in ("iso3s", "codes")):
        return
    facts, citations = previous.shown[0], previous.shown[1]
    if not facts or any(f.source not in ("note", "page") for f in facts):
        return
    q.quoted = [c.quote for c in citations if c.quote]


def _own_content(q: Query) -> list[str]:
    """The follow-up's own topic words, less those that only say how it compares ("whats
    the increase")."""
    from ..vocabulary import CHANGE, COMPARATIVE

    return [
        w
        for w in q.own_topic
        if not COMPARATIVE.fullmatch(w.lower())
        and not any(w.lower().startswith(c.rstrip("$")) for c in CHANGE)
    ]


def _main(shown: tuple) -> tuple[Fact, Citation | None] | None:
    """An answer's figure: the printed (not worked out) fact of the measure it was asked
    for, else its first one, with a number."""
    facts, citations, measure = shown
    printed = [f for f in facts if f.source != "computed" and isinstance(f.value, (int, float))]
    if not printed:
        return None
    word = FACT_WORDS.get(measure, "")
    # An indicator's row asked of no measure ("what did it report in 2023?"): its result.
    fact = next((f for f in printed if word and word in f.what), None) or next(
        (f for f in printed if "result" in f.what), printed[0]
    )
    cited = next((c for c in citations if c.highlight and c.highlight in fact.display), None)
    return fact, cited or (citations[0] if citations else None)


def between_answers(q: Query) -> Answer:
    (now, now_cited), (before, before_cited) = q.between
    if q.operation == "total":
        value = float(now.value) + float(before.value)
        shown = _printed(value, now, before)
        line = (
            f"{now.display} ({_whose(now)}) and {before.display} ({_whose(before)}) come to "
            f"{shown} together: worked out from the figures of the last two answers."
        )
        what, subject = "sum", f"{before.subject} + {now.subject}"
    else:
        value = float(now.value) - float(before.value)
        shown = _printed(abs(value), now, before)
        same_figure = now.what == before.what
        if same_figure and now.subject == before.subject and now.year and before.year:
            # The same figure in two years: which way it went, and by how much.
            first, last = sorted((now, before), key=lambda f: f.year)
            change = float(last.value) - float(first.value)
            way = "up" if change > 0 else "down"
            line = (
                f"{way.capitalize()} by {shown}: {first.display} in {first.year}, {last.display} "
                f"in {last.year} ({_whose(last, year=False)}; worked out from the figures of the "
                "last two answers)."
            )
        else:
            larger, smaller = (now, before) if value >= 0 else (before, now)
            line = (
                f"{larger.display} ({_whose(larger)}) is {shown} more than {smaller.display} "
                f"({_whose(smaller)}): worked out from the figures of the last two answers."
            )
            if now.subject == before.subject and not same_figure:
                # "how far is 2023 from the target?": one record's two figures, each named.
                line = (
                    f"{larger.display} ({_what(larger)}) is {shown} more than "
                    f"{smaller.display} ({_what(smaller)}) of {now.subject}: worked out from "
                    "the figures of the last two answers."
                )
        what, subject = "difference", f"{now.subject} − {before.subject}"
        value = abs(value)
    facts = [
        now,
        before,
        Fact(what, subject, shown, value, now.unit, now.year, "", 0, source="computed"),
    ]
    citations = [c for c in (now_cited, before_cited) if c is not None]
    return Answer(question=q.text, answer=line, citations=citations, facts=facts)


def _printed(value: float, one: Fact, other: Fact) -> str:
    """A worked-out figure printed as its inputs are: in K or M as they are, to the dollar
    when they are, a count as a count."""
    if one.unit == "USD" and all(f.display.rstrip().endswith("K") for f in (one, other)):
        return f"${value / 1_000:,.2f} K"  # to the inputs' own precision, whatever its size
    if one.unit == "USD":
        scaled = next(
            (f.display for f in (one, other) if f.display.rstrip()[-1:] in ("K", "M")), ""
        )
        return money_like(value, scaled) if scaled else f"${value:,.0f}"
    return f"{value:,.10g}" + (" percentage points" if one.unit == "percent" else "")


def _what(fact: Fact) -> str:
    named = fact.year and str(fact.year) not in fact.what
    return f"{fact.year} {fact.what}" if named else fact.what


def _whose(fact: Fact, year: bool = True) -> str:
    when = f", {fact.year}" if fact.year and year else ""
    return f"{fact.subject}{when}"
