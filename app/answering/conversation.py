"""Follow-ups that operate on the previous answer, not only on the previous question.

The conversation's state is the previous interpretation and what its answer listed (its
``items``: the outputs, outcomes, indicators and partners it gave figures for). A follow-up
can

- set aside what was named: "who else funds it?", "any other donors?";
- take the other record of the same kind: "what about the other output?";
- work over the listed items: "which of them is the largest?", "who gave the most?";
- point at them: "give me a briefing paragraph on it", "and its actual budget?".

The words that do this are the language's own pointers ("it", "them", "other", "else"), a
small closed set, not phrasings of questions.
"""

from __future__ import annotations

import re

from ..catalog import code_under
from ..resolve import Query, names
from ..spelling import strip_accents
from ..vocabulary import BOTH, OF_THEM, ORDINAL, OTHER, OTHER_RECORD, PLURAL_POINTER, POINTER
from . import naming

ROW_MEASURES = ("baseline", "milestone", "target", "result")
LEVEL = re.compile(r"\b(output|outcome|indicator|producto|extrant|produit|resultado|indicateur)")
LEVEL_KIND = {
    "output": "output",
    "producto": "output",
    "extrant": "output",
    "produit": "output",
    "outcome": "outcome",
    "resultado": "outcome",
    "indicator": "indicator",
    "indicateur": "indicator",
}


def operate(q: Query, previous: Query, s) -> None:
    """Apply what a follow-up does with the previous answer to ``q``."""
    lower = strip_accents(q.text.lower().replace("’", "'"))
    items = list(getattr(previous, "answered", []) or [])
    names_own = (
        bool(q.iso3s and q.scope_from.get("iso3s") == "question")
        or bool(q.codes and q.scope_from.get("codes") == "question")
        or bool(q.unknown_countries or q.unknown_codes)
    )
    if _both(q, previous, items, lower):
        return
    if names_own and not _names_the_parent(q, items, lower):
        return
    if _who_else(q, previous, items, lower):
        return
    if _other_record(q, previous, items, lower, s):
        return
    if _of_them(q, items, lower):
        return
    if POINTER.search(lower) or PLURAL_POINTER.search(lower):
        _pointed(q, previous, items, plural=bool(PLURAL_POINTER.search(lower)))
    elif q.measure in ROW_MEASURES and not q.own_topic and not q.indicators:
        # "and the 2025 target?" after an indicator's row: another row of that indicator.
        _pointed(q, previous, items)


def _both(q: Query, previous: Query, items: list[dict], lower: str) -> bool:
    """ "… and the econ empowerment one? — actual budgets, both": the record of the last
    answer and of the one before, when the question names no record of its own and no other
    place."""
    if not BOTH.search(lower) or q.scope_from.get("codes") == "question":
        return False
    records = [
        i for i in [*items, *previous.answered_before] if i.get("kind") in ("output", "outcome")
    ]
    codes = list(dict.fromkeys(i["code"] for i in records))
    places = {i.get("country") for i in records}
    named = q.scope_from.get("iso3s") == "question"
    if len(codes) != 2 or (named and not places & set(_country_names(q))):
        return False
    q.codes = codes
    q.over_previous = codes
    kinds = {i["kind"] for i in records}
    if len(kinds) == 1:
        q.level = kinds.pop()  # each record's own line, not a sum over the outputs below
    if q.operation == "total" and q.read_by.get("operation") == "meaning":
        q.operation = q.aggregate = "compare"  # "actual budgets, both": each, side by side
    q.inherited.append("the records of the last two answers")
    return True


def _country_names(q: Query) -> list[str]:
    from indexing.countries import country_name

    return [country_name(iso3) for iso3 in q.iso3s]


def _names_the_parent(q: Query, items: list[dict], lower: str) -> bool:
    """ "and the other one under COL_D_2.1?": the code named is the outcome the last
    answer's output sits under, so the question still points at that answer."""
    shown = [i["code"] for i in items if i.get("kind") == "output"]
    return bool(
        OTHER_RECORD.search(lower)
        and shown
        and all(any(code_under(s, c) for s in shown) for c in q.codes)
    )


def _who_else(q: Query, previous: Query, items: list[dict], lower: str) -> bool:
    """ "who else funds it?": the partners of the same outcome, less those named before."""
    about_funding = q.measure in ("contribution", "funding_partners", "") or bool(
        re.search(
            r"\b(?:fund|donor|donat|contribut|financ|partner|bailleur|donante|aport|commit|pledg)",
            lower,
        )
    )
    if not (OTHER.search(lower) and about_funding):
        return False
    named = list(previous.partners) or [i["partner"] for i in items if i.get("partner")]
    # A figure a note states that the last turn gave or asked about ("which donor gave EUR
    # 231,000?"): the others the sentence states are asked, not that one again.
    stated = [i["value"] for i in items if i.get("kind") == "stated"] + list(previous.given)
    # "and what did the Spotlight Initiative commit on top?": the one it names, not a list.
    names_another = bool(names(q) - names(previous))
    if stated and (not named or names_another):
        q.excluded_figures = stated
        q.inherited.append("the figure given before, set aside")
        return True
    if not named:
        return False
    q.excluded_partners = named
    q.partners = []
    q.measure = "funding_partners"
    q.figures = ["contribution"] + [f for f in q.figures if f != "contribution"]
    q.operation = "list"
    codes = [i["code"] for i in items if i.get("kind") in ("outcome", "partner")]
    codes = codes or previous.codes
    q.codes = list(dict.fromkeys(codes))
    q.inherited.append("the partners named before, set aside")
    return True


def _other_record(q: Query, previous: Query, items: list[dict], lower: str, s) -> bool:
    """ "what about the other output?": the record of the same kind beside the last one."""
    match = OTHER_RECORD.search(lower)
    if not match:
        return False
    levels = LEVEL.findall(match.group(0))  # "other outcome indicator": an indicator
    level = levels[-1] if levels else None
    last = [i for i in items if i.get("code")] or [
        {"kind": _kind_of(code), "code": code} for code in previous.codes
    ]
    if not last:
        return False
    kind = LEVEL_KIND.get(level, last[0]["kind"]) if level else last[0]["kind"]
    place = ORDINAL.get(match.group(0).split()[0])
    if kind == "indicator":
        return _other_indicator(q, items, s, place)
    # "¿y en el otro producto?" after an output's indicator row: the same indicator as
    # another output prints it.
    indicator_row = kind == "output" and last[0]["kind"] == "indicator" and place is None
    if indicator_row and _same_indicator_elsewhere(q, last, s):
        return True
    shown = {i["code"] for i in last if i["kind"] == kind}
    if kind == "output":
        parents = {_parent(code) for code in shown} or {i["code"] for i in last}
        under = [e for e in s.of("output") if any(code_under(e.record.code, p) for p in parents)]
    else:
        offices = {code.split("_")[0] for code in shown or {i["code"] for i in last}}
        under = [e for e in s.of("outcome") if e.record.code.split("_")[0] in offices]
    under = sorted({e.record.code: e for e in under}.values(), key=lambda e: e.record.code)
    siblings = [e for e in under if e.record.code not in shown]
    if place is not None and -len(under) <= place < len(under):
        # "the second output": the second of its outcome's outputs, in code order.
        siblings = [under[place]]
    if not siblings:
        return False
    q.codes = []
    q.records = []
    q.inherited.append("the other record than the last answer's")
    if re.search(r"s\b|\b(?:two|three|2|3|all)\b", match.group(0)) and len(siblings) > 1:
        # "compare w/ the other two outputs": every one of them, beside the last one.
        q.codes = sorted(shown) + [e.record.code for e in siblings]
        q.over_previous = list(q.codes)
        q.level = kind
        return True
    if len(siblings) == 1:
        chosen = naming.named(siblings[0], 1.0, "previous")
        q.records, q.codes = [chosen], [chosen.code]
        return True
    from .reading import ask_back_records

    ask_back_records(q, [naming.named(e, 1.0, "previous") for e in siblings[:3]])
    q.ask_back = f"Which other {kind} do you mean?"
    return True


def _same_indicator_elsewhere(q: Query, last: list[dict], s) -> bool:
    """The indicator of the last answer, as another output under the same outcome prints
    it: chosen when one output does, asked back between several."""
    first = s.catalog.entry(last[0]["id"])
    if first is None or first.record.parent_kind != "output":
        return False
    statement = _statement(first.record.statement)
    parent = _parent(first.record.parent_code)
    same = [
        e
        for e in s.of("indicator")
        if e.file == first.file
        and e.record.parent_kind == "output"
        and e.record.parent_code != first.record.parent_code
        and code_under(e.record.parent_code, parent)
        and _statement(e.record.statement) == statement
    ]
    if not same:
        return False
    q.codes = []
    q.inherited.append("the same indicator under the other output")
    if len(same) == 1:
        chosen = naming.named(same[0], 1.0, "previous")
        q.records, q.indicators = [chosen], [chosen.id]
        return True
    from .reading import ask_back_records

    ask_back_records(q, [naming.named(e, 1.0, "previous") for e in same[:3]])
    q.ask_back = "Which other output do you mean?"
    return True


def _statement(text: str) -> str:
    """An indicator's statement less its printed label ("SP 6.13.2:"), which outputs number
    apart for one thing counted."""
    from .indicators import INDICATOR_LABEL

    return " ".join(INDICATOR_LABEL.sub(" ", text).strip(" :").lower().split())


def _other_indicator(q: Query, items: list[dict], s, place: int | None = None) -> bool:
    """ "and the other indicator?": another indicator of the same parent (at the level the
    question says, if it says one); "the second indicator": the second printed under it."""
    shown = [i for i in items if i.get("kind") == "indicator"]
    if not shown:
        return False
    ids = {i["id"] for i in shown}
    first = s.catalog.entry(shown[0]["id"])
    if first is None:
        return False
    parent = (first.file, first.record.parent_code)
    under = [e for e in s.of("indicator") if (e.file, e.record.parent_code) == parent]
    siblings = [e for e in under if e.id not in ids]
    if place is not None and -len(under) <= place < len(under):
        siblings = [under[place]]
    if not siblings:
        return False
    q.inherited.append("the other indicator than the last answer's")
    if len(siblings) == 1:
        chosen = naming.named(siblings[0], 1.0, "previous")
        q.records, q.indicators = [chosen], [chosen.id]
        return True
    from .reading import ask_back_records

    ask_back_records(q, [naming.named(e, 1.0, "previous") for e in siblings[:3]])
    q.ask_back = "Which other indicator do you mean?"
    return True


def _of_them(q: Query, items: list[dict], lower: str) -> bool:
    """ "which of them is the largest?": the operation over the listed items only."""
    # "which of them …", or a ranking that names no kind of record of its own ("which has
    # the smallest budget?"): over the items just listed.
    pointed = OF_THEM.search(lower) or (q.operation.startswith("ranking_") and not q.level)
    if not pointed or not items:
        return False
    if not q.operation.startswith(("ranking_", "total")):
        return False
    partners = [i["partner"] for i in items if i.get("partner")]
    codes = [i["code"] for i in items if i.get("kind") in ("output", "outcome")]
    if partners and not codes:
        q.over_previous = partners
        q.measure = "contribution"
        q.figures = ["contribution"] + [f for f in q.figures if f != "contribution"]
    elif partners and q.measure in ("contribution", "funding_partners", ""):
        q.over_previous = partners
        q.figures = ["contribution"] + [f for f in q.figures if f != "contribution"]
        q.measure = "contribution"
    elif codes:
        q.over_previous = codes
        q.codes = list(dict.fromkeys(codes))
        kinds = {i["kind"] for i in items if i.get("code")}
        asked_outputs = bool(re.search(r"\boutputs\b|\bproductos\b|\bextrants\b", lower))
        if kinds == {"outcome"} and asked_outputs:
            # "which of its outputs has the bigger gap?": the outputs under the outcome.
            q.level = "output"
            q.over_previous = []
        elif kinds == {"output"}:
            q.level = "output"
        elif kinds == {"outcome"}:
            q.level = "outcome"
    else:
        return False
    q.inherited.append("the items of the last answer")
    return True


def _pointed(q: Query, previous: Query, items: list[dict], plural: bool = False) -> None:
    """ "on it", "its actual budget": the record the last answer was about; "their
    shortfalls": every record it listed."""
    if q.codes and q.scope_from.get("codes") != "previous":
        return
    indicators = [i for i in items if i.get("kind") == "indicator"]
    if len(indicators) == 1 and q.measure in ROW_MEASURES:
        # "how far short was that?" after an indicator's row: that indicator.
        q.indicators = [indicators[0]["id"]]
        q.inherited.append("the record of the last answer")
        return
    codes = [i["code"] for i in items if i.get("code") and i.get("kind") in ("output", "outcome")]
    if "outcome" in q.levels and codes and all(_kind_of(c) == "output" for c in codes):
        # "all 3 outputs under that outcome": the outcome above the output just given.
        codes = [_parent(c) for c in codes]
    codes = list(dict.fromkeys(codes))
    if len(codes) == 1 and (not q.codes or q.scope_from.get("codes") == "previous"):
        q.codes = codes
        q.inherited.append("the record of the last answer")
    elif plural and len(codes) > 1:
        q.codes = codes
        q.over_previous = codes
        if q.operation == "total" and q.read_by.get("operation") == "meaning":
            q.operation = q.aggregate = "compare"  # "and expenses for each?": side by side
        q.inherited.append("the items of the last answer")


def _kind_of(code: str) -> str:
    return "output" if code.count(".") >= 2 or ("_O_" in code and "." in code) else "outcome"


def _parent(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else code
