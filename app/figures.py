"""Checking the figures a draft states against its sources (read by ``indexing.figures``).

A draft may round a figure ("$3.1 M" for a printed "$3.07 M") or spell it another way
("USD 0.33 million", "330,000" for "$330 K"), but it may not state a figure the sources do
not hold, nor more precision than they print.
"""

from __future__ import annotations

import re
from decimal import Decimal

from indexing.figures import CODE, MARKER, Figure, figures

LABEL = re.compile(
    r"\b(non-core|core|shortfall|planned|actual|expenses|expenditure|baseline|target|"
    r"milestone|result)\b",
    re.IGNORECASE,
)


def citation_markers(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def codes(text: str) -> set[str]:
    return set(CODE.findall(text))


def supports(source: Figure, stated: Figure) -> bool:
    """Whether ``stated`` says ``source``: the same, or rounded to fewer digits."""
    if "foreign" in (stated.kind, source.kind):
        return False
    if stated.kind == "percent" or source.kind == "percent":
        if stated.kind != source.kind:
            return False
    elif stated.kind == "money" and source.kind != "money":
        return False
    if stated.value == source.value:
        return True
    if stated.kind == "year" or stated.significant < 2 or stated.step < source.step:
        return False
    rounded = (source.value / stated.step).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return rounded * stated.step == stated.value


def unsupported(draft: str, sources: list[str]) -> list[str]:
    """The figures and codes in ``draft`` that none of ``sources`` states."""
    known = [figure for text in sources for figure in figures(text)]
    missing = [
        figure.text
        for figure in figures(draft)
        if not any(supports(source, figure) for source in known)
    ]
    known_codes = set().union(*(codes(text) for text in sources))
    missing += sorted(codes(draft) - known_codes)
    return missing


def label_of(figure: Figure) -> str | None:
    """The figure name written just before a figure ("a shortfall of $2.27 M"), if any."""
    words = figure.before.split()[-5:]
    names = LABEL.findall(" ".join(words))
    if not names:
        return None
    name = names[-1].lower()
    return "expenses" if name == "expenditure" else name


def misattributed(draft: str, facts: list[tuple[str, str]]) -> list[str]:
    """Figures in ``draft`` named as one thing when the facts give them as another.

    ``facts`` are (name, printed figure) pairs, such as ("planned", "$3.07 M"): a draft that
    writes "a shortfall of $3.07 M" names the planned budget as the shortfall.
    """
    known = [(name.lower(), f) for name, shown in facts for f in figures(shown)]
    problems = []
    for figure in figures(draft):
        named = label_of(figure)
        holders = [name for name, source in known if supports(source, figure)]
        if named and holders and not any(named in holder.split() for holder in holders):
            problems.append(
                f"the draft gives {figure.text} as the {named}; the reports give it as the "
                f"{holders[0]}"
            )
    return problems


def countries(text: str) -> set[str]:
    from indexing.countries import name_index

    lowered = text.lower()
    return {
        name
        for name in name_index()
        if name in lowered and re.search(rf"\b{re.escape(name)}\b", lowered)
    }
