"""What passes from one turn of a conversation to the next: the question asked back and the
choice made, and what an answer listed.

An answer that asks back offers numbered choices; a reply that is just a number ("2"), or
the choice's own words, asks that choice's question. An answer's ``items`` are the records
and partners it gave figures for, which the next question can operate on.
"""

from __future__ import annotations

import re

from ..resolve import Query
from .model import Answer, Choice

CHOICE = re.compile(r"^\s*(?:#|no\.?|option|number|n°|opcion|opción)?\s*(\d)\s*[.)]?\s*$", re.I)


def asked_back(q: Query) -> Answer:
    """The answer that asks which reading is meant, with the choices numbered."""
    lines = [q.ask_back]
    lines += [f"{number}. {choice.label}" for number, choice in enumerate(q.choices, start=1)]
    if q.choices:
        lines.append("Reply with a number, or ask again naming the one you mean.")
    return Answer(
        question=q.text,
        answer="\n".join(lines),
        found=False,
        alternatives=[choice.label for choice in q.choices],
        ask_back=q.ask_back,
        choices=list(q.choices),
    )


def chosen(question: str, previous: Query | None) -> Choice | None:
    """The reading a reply picks from those offered: "2", the choice's own question (the
    chat's button asks it), or its code; None when it picks none."""
    if previous is None or not previous.choices:
        return None
    match = CHOICE.match(question)
    if match:
        number = int(match.group(1))
        if 1 <= number <= len(previous.choices):
            return previous.choices[number - 1]
    said = " ".join(question.split()).strip().lower()
    for choice in previous.choices:
        if said in (choice.question.lower(), choice.code.lower()):
            return choice
    return None


def items_of(answer: Answer, catalog) -> list[dict]:
    """The outcomes, outputs, indicators and partners an answer gave figures for."""
    items: list[dict] = []
    seen = set()
    for record_id in answer.records:
        entry = catalog.entry(record_id)
        if entry is not None and entry.kind == "sentence" and entry.record.outcome_code:
            # A note's sentence stands for its outcome: "give me key points on it".
            entry = catalog.outcome_code(entry.record.outcome_code, entry.file) or entry
        if entry is None or entry.kind not in ("outcome", "output", "indicator"):
            continue
        record = entry.record
        code = getattr(record, "code", "") or getattr(record, "parent_code", "")
        key = (entry.kind, code, entry.id if entry.kind == "indicator" else "")
        if key in seen:
            continue
        seen.add(key)
        items.append(
            {
                "kind": entry.kind,
                "code": code,
                "id": entry.id,
                "label": getattr(record, "statement", "")[:120],
                "country": entry.country,
            }
        )
    for fact in answer.facts:
        if fact.source == "catalog" and fact.file:
            # A collection answer lists documents: their outcomes are what it names.
            for entry in catalog.of("outcome"):
                key = ("outcome", entry.record.code, "")
                if entry.file == fact.file and key not in seen:
                    seen.add(key)
                    items.append(
                        {
                            "kind": "outcome",
                            "code": entry.record.code,
                            "id": entry.id,
                            "label": entry.record.statement[:120],
                            "country": entry.country,
                        }
                    )
            continue
        if " → " in fact.subject and fact.source == "table":
            partner, code = fact.subject.split(" → ", 1)
            key = ("partner", partner, code)
            if key not in seen:
                seen.add(key)
                items.append(
                    {"kind": "partner", "partner": partner, "code": code, "value": fact.value}
                )
        elif fact.what.startswith("stated in"):
            # A figure a note states: "who else gave, and how much?" sets it aside.
            items.append({"kind": "stated", "code": fact.subject, "value": fact.value})
    return items
