"""Every figure a text states, read the way a donor would read it, to check a draft against.

A draft may round a figure ("$3.1 M" for a printed "$3.07 M") or spell it another way
("USD 0.33 million", "330,000" for "$330 K"), but it may not state a figure the sources do
not hold, nor more precision than they print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}

MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
# Output and outcome codes (MEX_D_2.1.1), indicator labels (SP 3.8.1): names, not figures.
CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)+(?:\.\d+)*\b")
DOTTED = re.compile(r"\b\d+(?:\.\d+){2,}\b")
# Tokens that mix letters and digits (SDG5, 2nd), but not compact amounts like $2.27M.
WORDY = re.compile(r"\b[A-Za-z_]+\d[\w.]*|\b\d+(?!(?:[kKmMbB]|mn|bn)\b)[A-Za-z_][\w.]*")
NUMBER = re.compile(
    r"(?P<currency>US\$|USD\s?|\$)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|mn|bn|[kKmMbB])(?![A-Za-z]))?"
    r"(?:\s?(?P<percent>%|per\s?cent\b|percent\b))?"
    r"(?:\s?(?P<dollars>dollars\b|USD\b))?"
)
WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    text: str
    value: Decimal
    step: Decimal  # the unit of the last digit printed: 0.01 M for "$2.27 M"
    kind: str  # "money", "percent", "year" or "number"

    @property
    def significant(self) -> int:
        digits = (self.value / self.step).copy_abs().to_integral_value()
        return len(str(digits).lstrip("0")) or 1


def citation_markers(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def codes(text: str) -> set[str]:
    return set(CODE.findall(text))


def figures(text: str) -> list[Figure]:
    """Every figure stated in ``text``, citation markers and codes aside."""
    text = MARKER.sub(" ", text)
    for pattern in (CODE, DOTTED, WORDY):
        text = pattern.sub(" ", text)
    found = []
    for match in NUMBER.finditer(text):
        number = match["number"].replace(",", "")
        value = Decimal(number)
        exponent = Decimal(number).as_tuple().exponent
        step = Decimal(1).scaleb(exponent)
        scale = match["scale"]
        if scale:
            factor = SCALES[scale.lower()]
            value, step = value * factor, step * factor
        if match["percent"]:
            kind = "percent"
        elif match["currency"] or match["dollars"] or scale:
            kind = "money"
        elif not scale and "." not in number and "," not in number and 1900 <= value <= 2100:
            kind = "year"
        else:
            kind = "number"
        found.append(Figure(match.group(0).strip(), value, step, kind))
    for match in WORD_NUMBER.finditer(text):
        found.append(Figure(match.group(0), Decimal(WORDS[match.group(0).lower()]), 1, "number"))
    return found


def supports(source: Figure, stated: Figure) -> bool:
    """Whether ``stated`` says ``source``: the same, or rounded to fewer digits."""
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
    known_codes = set().union(*(codes(text) for text in sources)) if sources else set()
    missing += sorted(codes(draft) - known_codes)
    return missing
