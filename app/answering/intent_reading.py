"""The lexicon's reading of the measure and operation, completed or corrected by meaning.

The lexicon is precise for the domain's own terms and says nothing about other wordings;
the classifier (``intent.py``) reads any wording but can be unsure. So:

- where the words name no measure, the classifier's is taken when it is sure enough;
- where the words name a measure that everyday wordings often use for another one
  ("planned" in "how much less than planned did it get", "how many" in a question about a
  figure told in a note), the classifier's wins only when it is very sure;
- the domain's exact terms ("shortfall", "2025 target", "UN partners") are never overridden;
- when the two best readings of a table measure are close, the question is asked back.

The thresholds are calibrated on the seen part of the interpretation set (``make eval``
prints the accuracy they give); ``Query.read_by`` says which reading each part came from.
"""

from __future__ import annotations

import threading

from ..resolve import Query
from .model import Choice
from .reading import BUDGET_MEASURES, ROW_MEASURES, set_measure, set_operation

# A measure read by meaning is taken from this probability when the words name none …
TAKE = 0.35
# … and overrides a measure the words name (one of OVERRIDABLE) from this one.
OVERRIDE = 0.7
# An operation read by meaning is taken over the plain "value" from this probability.
TAKE_OPERATION = 0.40
# A ranking read by meaning whose runner-up is the opposite ranking from this probability is
# asked back.
OPPOSED = 0.2
# A sum (or a ranking) read by meaning operates on figures no word asked to add up or rank:
# it is taken only when sure.
TAKE_TOTAL = 0.6
# Two table measures within this margin, both likely, are asked back.
CLOSE = 0.12
FLOOR = 0.25
# Measures the lexicon reads from words everyday wordings also use for other measures.
OVERRIDABLE = {
    "planned_budget",
    "actual_budget",
    "budget",
    "result",
    "contribution",
    "stated_figure",
    "narrative",
}
TABLE = BUDGET_MEASURES | ROW_MEASURES | {"contribution", "core", "non_core"}
NAMES = {
    "planned_budget": "the planned budget",
    "actual_budget": "the actual budget",
    "shortfall": "the shortfall (planned minus actual)",
    "expenses": "the expenses",
    "budget": "the budget",
    "contribution": "a partner's contribution",
    "core": "core (regular) resources",
    "non_core": "non-core (other) resources",
    "baseline": "the baseline",
    "milestone": "the milestone",
    "target": "the target",
    "result": "the reported result",
}

_lock = threading.Lock()
_classifiers: dict[int, object] = {}


def classifier(search):
    """The process's classifier for this search's model (trained or loaded once)."""
    from .intent import Classifier

    key = id(search._embed.__self__) if hasattr(search._embed, "__self__") else 0
    with _lock:
        if key not in _classifiers:
            _classifiers[key] = Classifier(search._embed)
        return _classifiers[key]


def by_meaning(q: Query, search) -> None:
    """Complete or correct ``q``'s measure and operation by the classifier's reading."""
    guesses = classifier(search).read(q.read or q.text)
    measure, operation = guesses["measure"], guesses["operation"]
    if q.asks:
        # A quantity is asked ("what share", "how many"): not a passage, a list of names or
        # a briefing, whatever else the wording resembles.
        excluded = set(NOT_QUANTITIES)
        if not q.asks & {"money", "foreign", "percent"}:
            # "¿cuántos productos de conocimiento …?": a count, which no money line is.
            from .reading import MONEY_MEASURES

            excluded |= MONEY_MEASURES
        measure = _without(measure, excluded, guesses)
        from ..vocabulary import COLLECTION_STRONG

        # "How many reports are indexed?" counts the collection; "how many reports of
        # harassment" does not.
        excluded = NOT_QUANTITY_OPERATIONS - (
            {"collection"} if COLLECTION_STRONG.search(q.read) else set()
        )
        operation = _without(operation, excluded, guesses)
    q.read_by["guess"] = {
        "measure": [measure.label, round(measure.p, 2), measure.second, round(measure.p_second, 2)],
        "operation": [
            operation.label,
            round(operation.p, 2),
            operation.second,
            round(operation.p_second, 2),
        ],
    }
    line = _line_measure(q, measure)
    if q.read_by.get("measure") == "previous":
        pass  # the previous answer's row, pointed at: its measure stands
    elif q.asks_code and not q.figures:
        q.measure = "none"  # which records there are, or the code of one: no figure
    elif line:
        set_measure(q, line)
        q.read_by["measure"] = "words and meaning"
    elif not q.measure or (q.measure == "stated_figure" and not q.figures):
        # A quantity asked with no word for what it is: the classifier says which.
        if _close(measure) and q.codes:
            # A named record's figure, and two of its lines nearly as likely: ask which.
            _ask_measure(q, measure)
            return
        if measure.p >= TAKE:
            set_measure(q, measure.label)
            q.read_by["measure"] = "meaning"
    elif (
        "what was asked" in q.inherited
        and measure.label != q.measure
        and measure.label not in ("none", "narrative")
        and measure.p >= OVERRIDE
        and _own_words(q)
    ):
        # "… 2025 target? — and what was achieved in 2023?": the measure was carried over
        # because no word named one, but the question's own words mean another.
        q.figures = []
        set_measure(q, measure.label)
        q.inherited.remove("what was asked")
        q.read_by["measure"] = "meaning"
    elif (
        q.measure != measure.label
        and q.measure in OVERRIDABLE
        and len([f for f in q.figures if f in ("baseline", "milestone", "target", "result")]) < 2
        and measure.p >= OVERRIDE
        and not (q.measure == "contribution" and q.partners and measure.label != "funding_partners")
    ):
        set_measure(q, measure.label)
        q.read_by["measure"] = "meaning"
    if q.measure == "funding_partners" and q.operation in ("value", "quote"):
        q.operation = "list"  # who funds it: the partners, each with its amount
        return
    if q.operation == "value" and operation.label != "value" and operation.p >= TAKE_OPERATION:
        if operation.label == "change" and len(set(q.years)) < 2:
            return  # a change is read across two editions; one year asks for one figure
        if operation.label == "total" and (_one_line(q) or operation.p < TAKE_TOTAL):
            # "and its actual budget?": one record named and no kind of record below it to
            # add up; its own line is asked, not a sum of its outputs.
            return
        if (
            operation.label.startswith("ranking_")
            and q.codes
            and all(code.count(".") >= 2 for code in q.codes)
        ):
            return  # "quel a été le déficit de l'extrant BGD_D_2.1.1": one output, no ranking
        if operation.label.startswith("ranking_") and operation.p < TAKE_TOTAL:
            # "who's the non-core donor on it?": a ranking no word asks for is taken only
            # when sure, like a sum.
            return
        opposite = {"ranking_largest": "ranking_smallest", "ranking_smallest": "ranking_largest"}
        opposed = opposite.get(operation.label) == operation.second
        unknown_scope = (q.unknown_countries and not q.iso3s) or (q.unknown_codes and not q.codes)
        if opposed and operation.p_second >= OPPOSED and not unknown_scope:
            # Which way a ranking goes is what meaning reads worst (the largest and the
            # smallest are worded alike): asked, not guessed.
            _ask_direction(q)
            return
        set_operation(q, operation.label)
        q.read_by["operation"] = "meaning"


def _one_line(q: Query) -> bool:
    """One record named, with nothing below it to add up (an output, or an outcome with no
    kind of record asked below it)."""
    return len(q.codes) == 1 and (not q.level or q.codes[0].count(".") >= 2)


def no_lone_total(q: Query) -> None:
    """A total read by meaning, of the one record a follow-up pointed at ("and its actual
    budget?" after an output): its own line is asked."""
    if q.operation == "total" and q.read_by.get("operation") == "meaning" and _one_line(q):
        q.operation, q.aggregate = "value", ""


def _own_words(q: Query) -> list[str]:
    """The question's words beyond a year, a place and the small words ("and in 2023?"
    has none): only these can mean a measure of the question's own."""
    from indexing.countries import name_index

    from ..catalog import tokens

    places = {iso3 for iso3 in q.iso3s}
    place_words = set(
        tokens(" ".join(name for name, iso3 in name_index().items() if iso3 in places))
    )
    # "and in the 2021 report?": where to read, not what ("what was reported" is what).
    read = " ".join(w for w in q.read.split() if w.strip("?¿!.,;:") not in SOURCE_NOUNS)
    return [t for t in tokens(read) if not t[0].isdigit() and t not in place_words]


SOURCE_NOUNS = {
    "report",
    "reports",
    "edition",
    "editions",
    "note",
    "notes",
    "document",
    "documents",
    "version",
    "pdf",
    "file",
    "informe",
    "informes",
    "edicion",
    "rapport",
    "rapports",
}


NOT_QUANTITIES = {
    "narrative",
    "none",
    "un_partners",
    "impact_areas",
    "humanitarian_scope",
    "funding_partners",
}
NOT_QUANTITY_OPERATIONS = {"summary", "collection", "quote", "list"}


def _without(guess, excluded: set[str], guesses):
    """The guess with labels a quantity question cannot mean set aside: its runner-up
    when the best is one of them (with no certainty left to act on if both are)."""
    from .intent import Guess

    if guess.label not in excluded:
        return guess
    if guess.second not in excluded:
        return Guess(guess.second, guess.p_second, guess.label, guess.p)
    return Guess(guess.label, 0.0, guess.second, 0.0)


LINE_MEASURES = {"planned": "planned_budget", "actual": "actual_budget", "expenses": "expenses"}


def _line_measure(q: Query, guess) -> str:
    """The one budget line a money question names by its verb ("how much was available",
    "what did it receive"), when the classifier reads the same line among its two best."""
    if q.figures or q.partners or len(q.lines) != 1 or not (q.asks & {"money"}):
        return ""
    measure = LINE_MEASURES[q.lines[0]]
    return measure if measure in (guess.label, guess.second) else ""


def _close(guess) -> bool:
    return (
        guess.label in TABLE
        and guess.second in TABLE
        and guess.p_second >= FLOOR
        and guess.margin < CLOSE
    )


def _ask_measure(q: Query, guess) -> None:
    """Two table measures nearly as likely: ask which, each choice naming its measure."""
    q.ask_back = "Which figure do you mean?"
    base = q.text.rstrip(" ?¿!.")
    q.choices = [
        Choice(label=NAMES.get(label, label), question=f"{base}: {NAMES.get(label, label)}?")
        for label in (guess.label, guess.second)
    ]


def _ask_direction(q: Query) -> None:
    """A ranking whose direction the words do not say: ask which end is meant."""
    q.ask_back = "The largest or the smallest?"
    base = q.text.rstrip(" ?¿!.")
    q.choices = [
        Choice(label=f"the {end}", question=f"{base}: the {end}?")
        for end in ("largest", "smallest")
    ]
