"""Example questions that work on what is indexed, for a user who does not know where to
start. Built from the catalog, so they always name real codes and partners."""

from __future__ import annotations

from .catalog import Catalog


def example_questions(catalog: Catalog, limit: int = 5) -> list[str]:
    outputs = catalog.of("output")
    outcomes = catalog.of("outcome")
    indicators = [
        e
        for e in catalog.of("indicator")
        if any(
            r.kind == "Milestone" and r.planned.number is not None and r.reported.number is not None
            for r in e.record.rows
        )
    ]
    questions = []
    if outputs:
        questions.append(f"What was the shortfall on output {outputs[0].record.code}?")
    if len(outputs) > 1:
        questions.append("Which output has the largest shortfall?")
    donors = [(e, f) for e in outcomes for f in e.record.non_core]
    if donors:
        entry, funding = donors[0]
        questions.append(f"How much did {funding.partner} contribute to {entry.record.code}?")
    if indicators:
        entry = indicators[0]
        row = next(
            r
            for r in entry.record.rows
            if r.kind == "Milestone"
            and r.planned.number is not None
            and r.reported.number is not None
        )
        words = entry.record.statement.rstrip(".").split()
        topic = " ".join(words[:9]) + ("…" if len(words) > 9 else "")
        questions.append(
            f"What was the {row.year} result against the milestone for "
            f"“{topic}” in {entry.country}?"
        )
    if outcomes:
        questions.append(f"Who are the UN partners on outcome {outcomes[0].record.code}?")
    notes = [e for e in catalog.of("sentence") if e.record.source == "note"]
    if notes:
        entry = notes[0]
        questions.append(f"What did the {entry.country} office achieve?")
    return questions[:limit]
