"""How a question was read, said back to the reader: always in ``--json``
(``"interpretation"``), and as the answer's first line whenever something was taken from the
previous question or a word was corrected ("Reading this as: …")."""

from __future__ import annotations

from indexing.countries import country_name

from ..resolve import Query

FIGURE_NAMES = {
    "shortfall": "shortfall",
    "expenses": "expenses",
    "non_core": "non-core resources",
    "core": "core resources",
    "actual": "actual budget",
    "planned": "planned budget",
    "budget": "budget",
    "contribution": "contribution",
    "un_partners": "UN partners",
    "impact_areas": "impact areas",
    "humanitarian": "humanitarian scope",
    "target": "target",
    "baseline": "baseline",
    "milestone": "milestone",
    "result": "result",
}


INHERITED = {
    "subject": "the subject",
    "year": "the year",
    "what was asked": "what was asked",
    "topic": "the topic",
}


def describe(q: Query) -> dict:
    """What the question asks, the operation, its subjects, and what was inherited or
    corrected: the interpretation an answer carries in ``--json``."""
    operation = q.aggregate or (f"milestones {q.status}" if q.status else "")
    if q.summary:
        operation = "summary"
    return {
        "language": q.language,
        "measure": q.measure,
        "operation": q.operation,
        "read_by": dict(q.read_by),
        "records": [r.as_json() for r in q.records],
        "asked": [FIGURE_NAMES.get(f, f) for f in q.figures] or sorted(q.asks),
        "writer_operation": operation or "value",
        "codes": list(q.codes),
        "countries": [country_name(i) for i in q.iso3s] + list(q.unknown_countries),
        "partners": list(q.partners),
        "years": list(q.years),
        "topic": q.topic,
        "inherited": list(q.inherited),
        "scope_from": dict(q.scope_from),
        "excluded_partners": list(q.excluded_partners),
        "over_previous": list(q.over_previous),
        "corrected": [list(pair) for pair in q.corrections],
        "spelled_out": [list(pair) for pair in q.spelled_out],
        "ask_back": q.ask_back,
        "choices": [{"label": c.label, "question": c.question} for c in q.choices],
    }


# What a follow-up did with the previous answer, as said back (not "from the previous
# question": these were worked out from it).
DERIVED_FROM_PREVIOUS = {
    "the record this question names": "the record this question names by its topic",
    "the partners named before, set aside": "the partners named before set aside",
    "the items of the last answer": "over the items of the last answer",
}


def reading_line(q: Query, always: bool = False) -> str:
    """ "Reading this as: shortfall · output KEN_D_1.3.2 · 2023 (the subject and year from
    the previous question)", when anything was inherited, corrected, spelled out, or read
    by meaning (a record named by its topic, a figure asked in other words); else "".
    ``always``: the reading even when nothing of that kind happened (the chat's steps)."""
    by_meaning = [r for r in q.records if r.how == "meaning" and r.kind != "indicator"]
    measure_by_meaning = q.read_by.get("measure") == "meaning"
    noted = q.inherited or q.corrections or q.spelled_out or by_meaning or measure_by_meaning
    if not (noted or always):
        return ""
    parts = []
    figures = [f for f in q.figures if f != "result" or len(q.figures) == 1]
    if len(figures) > 1 and "budget" in figures:
        figures.remove("budget")  # "planned budget" says it
    asked = [FIGURE_NAMES.get(f, f) for f in figures]
    if q.difference and len(q.difference) == 2:
        first, second = (FIGURE_NAMES.get(line, line) for line in q.difference)
        asked = [f"{first} minus {second}"]
        if asked == ["planned budget minus actual budget"]:
            asked = ["shortfall (planned minus actual)"]
    if q.summary:
        asked = ["summary"]
    elif q.status:
        asked = [f"milestones {q.status}"]
    elif q.aggregate and asked:
        asked = [f"{q.aggregate} {asked[0]}"]
    if asked:
        parts.append(", ".join(asked))
    parts += list(q.codes)
    parts += [country_name(i) for i in q.iso3s if not any(c.startswith(i) for c in q.codes)]
    parts += list(q.unknown_countries)
    parts += list(q.partners)
    topic = " ".join(q.topic)
    if topic and q.inherited:
        parts.append(f"“{topic}”")
    parts += [str(y) for y in q.years]
    notes = []
    inherited = [i for i in q.inherited if i not in DERIVED_FROM_PREVIOUS]
    if inherited:
        named = [INHERITED.get(item, item) for item in inherited]
        taken = ", ".join(named[:-1]) + " and " if len(named) > 1 else ""
        notes.append(f"{taken}{named[-1]} from the previous question")
    notes += [DERIVED_FROM_PREVIOUS[i] for i in q.inherited if i in DERIVED_FROM_PREVIOUS]
    notes += [f"“{typed}” read as “{read}”" for typed, read in q.corrections]
    notes += [f"“{typed}” read as “{full}”" for typed, full in q.spelled_out]
    if by_meaning:
        topic = by_meaning[0].words or " ".join(q.own_topic or q.topic)
        records = ", ".join(f"{r.kind} {r.code}" for r in by_meaning)
        notes.append(f"“{topic}” read as {records}")
    if measure_by_meaning and asked and not q.difference:
        notes.append(f"{asked[0]} read from the wording")
    if not notes and not always:
        return ""
    read = " · ".join(parts) or "the same as before"
    return f"Reading this as: {read}" + (f" ({'; '.join(notes)})." if notes else ".")
