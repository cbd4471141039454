"""Indexed reports that print different figures for the same thing.

Two records are the same thing when they are of one kind and key (an output's or an
outcome's code; an indicator's parent code and statement) in two documents that both stand
for the same data year: both current (``Catalog.current``: of a report's editions only the
latest answers) and showing the same year. Editions of one report are never compared: a
figure that changes from one year to the next is a change, not a disagreement. Documents
that differ in identity are (another office's file claiming the code, another plan period),
and where they print two figures for one item, that item is disputed.

An answer that states a disputed figure shows every document's figure, each cited, and says
that they disagree (:func:`flag`); a ranking or a total leaves a disputed item out and says
so (:func:`disputed`), rather than use either figure silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..catalog import DERIVED, Catalog, Entry, tokens
from .compose import LABELS, money_quote
from .model import Answer, Citation

COMPARED = ("output", "outcome", "indicator")


@dataclass(frozen=True)
class Printed:
    """A figure as one document prints it."""

    entry: Entry
    text: str
    value: object
    tolerance: float
    page: int
    quote: str
    section: str


@dataclass
class Dispute:
    subject: str  # "output MEX_D_2.1.1"
    figure: str  # "shortfall", "2021 milestone", "funding from UN Women"
    printed: list[Printed]

    @property
    def key(self) -> tuple[str, str]:
        return self.subject, self.figure

    def sentence(self) -> str:
        each = " against ".join(
            f"{p.text} ({p.entry.file}, page {p.page})" for p in sorted(self.printed, key=_order)
        )
        return (
            f"The indexed reports disagree on the {self.figure} of {self.subject}: {each}. "
            "Check which report is right before using either."
        )

    def left_out(self) -> str:
        """What a ranking or a total says of an item it left out."""
        each = " against ".join(
            f"{p.text} ({p.entry.file}, page {p.page})" for p in sorted(self.printed, key=_order)
        )
        return (
            f"Left out: {self.subject}, whose {self.figure} the indexed reports print "
            f"differently: {each}."
        )

    def to_json(self) -> dict:
        return {
            "subject": self.subject,
            "figure": self.figure,
            "printed": [
                {"file": p.entry.file, "page": p.page, "text": p.text}
                for p in sorted(self.printed, key=_order)
            ],
        }


def _order(printed: Printed) -> tuple:
    return printed.entry.file, printed.page


def disputes(catalog: Catalog) -> dict[str, list[Dispute]]:
    """Entry id → the disputes it stands in, over the records that answer by default."""
    return catalog.derived("disputes")


def _find(catalog: Catalog) -> dict[str, list[Dispute]]:
    found: dict[str, list[Dispute]] = defaultdict(list)
    for kind in COMPARED:
        groups: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in catalog.current(kind):
            key = _key(entry)
            if key is not None:
                groups[(key, entry.meta.get("data_year") or 0)].append(entry)
        for (key, _), entries in groups.items():
            if len({e.meta.get("doc_id") for e in entries}) < 2:
                continue
            for dispute in _compare(key, entries):
                for printed in dispute.printed:
                    found[printed.entry.id].append(dispute)
    return dict(found)


# Found once per catalog and kept in its snapshot: a cold question by code would otherwise
# read every indicator of a thousand reports to learn that none of its figures is disputed.
DERIVED["disputes"] = _find


def _key(entry: Entry) -> tuple | None:
    record = entry.record
    if entry.kind in ("output", "outcome"):
        return entry.kind, record.code
    if entry.kind == "indicator":
        return entry.kind, record.parent_code, tuple(tokens(record.statement)), record.ordinal
    return None


def _compare(key: tuple, entries: list[Entry]) -> list[Dispute]:
    by_figure: dict[str, list[Printed]] = defaultdict(list)
    for entry in entries:
        for figure, printed in figures(entry).items():
            by_figure[figure].append(printed)
    subject = f"{key[0]} {key[1]}"
    out = []
    for figure, printed in by_figure.items():
        # One figure per document (the first it prints), then whether any two differ.
        per_document = {}
        for item in printed:
            per_document.setdefault(item.entry.meta.get("doc_id"), item)
        values = list(per_document.values())
        if len(values) > 1 and any(_differ(a, b) for a in values for b in values):
            out.append(Dispute(subject, figure, values))
    return out


def _differ(a: Printed, b: Printed) -> bool:
    if isinstance(a.value, float) and isinstance(b.value, float):
        return abs(a.value - b.value) > max(a.tolerance, b.tolerance) + 0.5
    return a.value != b.value


def figures(entry: Entry) -> dict[str, Printed]:
    """The figures a record prints, by what they are: an output's or outcome's budget
    figures and funding, an indicator's planned and reported value of each row."""
    record = entry.record
    out: dict[str, Printed] = {}
    if entry.kind in ("output", "outcome"):
        section = f"{entry.kind.title()} {record.code} budget"
        for name in LABELS:
            money = getattr(record, name, None)
            if money is not None:
                out[LABELS[name]] = Printed(
                    entry,
                    money.text,
                    float(money.amount),
                    money.tolerance,
                    money.page,
                    money_quote(entry.kind, name, money),
                    section,
                )
        for funding in getattr(record, "funding", []):
            money = funding.money
            out[f"funding from {funding.partner}"] = Printed(
                entry,
                money.text,
                float(money.amount),
                money.tolerance,
                money.page,
                f"{funding.partner} {money.text}",
                f"Outcome {record.code} funding partners",
            )
    elif entry.kind == "indicator":
        section = f"Indicator table, {record.parent_kind} {record.parent_code}"
        for row in record.rows:
            when = f"{row.year} " if row.year else ""
            what = row.kind.lower()
            pairs = [(f"{when}{what}", row.planned)]
            if row.kind != "Baseline":
                pairs.append((f"{when}{what} result", row.reported))
            for figure, value in pairs:
                shown = value.raw or "(blank)"
                number = float(value.number) if value.number is not None else value.raw
                out[f"{figure} of “{record.statement[:60]}”"] = Printed(
                    entry, shown, number, 0.0, row.page, row.line, section
                )
    return out


def disputed(entry: Entry, figure: str, catalog: Catalog) -> Dispute | None:
    """The dispute over ``figure`` (a LABELS key: "shortfall", "planned") that ``entry``
    stands in, if any: a ranking or a total must not use it silently."""
    label = LABELS.get(figure, figure)
    for dispute in disputes(catalog).get(entry.id, []):
        if dispute.figure == label:
            return dispute
    return None


def once(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """``entries`` with each item counted once: the same item (kind and key, data year)
    printed alike by several documents stands once, by its first file; and a line saying
    which items were printed alike, for a total or a ranking to say so."""
    kept, seen, alike = [], {}, []
    for entry in entries:
        key = (_key(entry), entry.meta.get("data_year") or 0)
        if key[0] is None or key not in seen:
            seen[key] = entry
            kept.append(entry)
        elif entry.meta.get("doc_id") != seen[key].meta.get("doc_id"):
            alike.append(f"{entry.record.code} ({seen[key].file}, {entry.file})")
    line = ""
    if alike:
        line = f"Printed alike by two reports, so counted once: {', '.join(dict.fromkeys(alike))}."
    return kept, line


def flag(answer: Answer, catalog: Catalog) -> Answer:
    """Say, in ``answer``, where a figure it states is printed differently by another
    indexed report: every document's figure, each cited. Disputes a writer already named
    (a ranking that left the item out) are not said twice."""
    if not answer.found:
        return answer
    known = disputes(catalog)
    said = {(d["subject"], d["figure"]) for d in answer.disagreements}
    for record_id in list(answer.records):
        for dispute in known.get(record_id, []):
            mine = next(p for p in dispute.printed if p.entry.id == record_id)
            if dispute.key in said or mine.text not in answer.answer:
                continue
            said.add(dispute.key)
            answer.answer += "\n" + dispute.sentence()
            note(answer, dispute)
    return answer


def note(answer: Answer, dispute: Dispute) -> None:
    """Record ``dispute`` on ``answer`` and cite each document's figure."""
    if dispute.key not in {(d["subject"], d["figure"]) for d in answer.disagreements}:
        answer.disagreements.append(dispute.to_json())
    for printed in sorted(dispute.printed, key=_order):
        place = (printed.entry.file, printed.page, printed.quote)
        if not any((c.file, c.page, c.quote) == place for c in answer.citations):
            answer.citations.append(
                Citation(*place[:2], printed.section, printed.quote, printed.text)
            )
        if printed.entry.id not in answer.records:
            answer.records.append(printed.entry.id)
