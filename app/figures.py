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
    # Multiples and fractions are figures too, and ones a draft tends to work out itself.
    "half": 0.5,
    "quarter": 0.25,
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "tripled": 3,
    "dozen": 12,
    "dozens": 12,
}

MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
# Output and outcome codes (MEX_D_2.1.1), indicator labels (SP 3.8.1): names, not figures.
CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)+(?:\.\d+)*\b")
DOTTED = re.compile(r"\b\d+(?:\.\d+){2,}\b")
# Tokens that mix letters and digits (SDG5, 2nd), but not compact amounts like $2.27M.
WORDY = re.compile(r"\b[A-Za-z_]+\d[\w.]*|\b\d+(?!(?:[kKmMbB]|mn|bn)\b)[A-Za-z_][\w.]*")
NUMBER = re.compile(
    r"(?P<currency>US\$|USD\s?|\$|€|£|EUR\s?|GBP\s?)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|mn|bn|[kKmMbB])(?![A-Za-z]))?"
    r"(?:\s?(?P<percent>%|per\s?cent\b|percent\b))?"
    r"(?:\s?(?P<dollars>dollars\b|USD\b))?"
)
BREAK = re.compile(r"[,;()\[\]]|\.\s")
LABEL = re.compile(
    r"\b(non-core|core|shortfall|planned|actual|expenses|expenditure|baseline|target|"
    r"milestone|result)\b",
    re.IGNORECASE,
)
WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    text: str
    value: Decimal
    step: Decimal  # the unit of the last digit printed: 0.01 M for "$2.27 M"
    kind: str  # "money", "percent", "year", "number" or "foreign" (another currency)
    before: str = ""  # the words since the previous figure or clause break, for its label

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
    previous = 0
    for match in NUMBER.finditer(text):
        number = match["number"].replace(",", "")
        value = Decimal(number)
        step = Decimal(1).scaleb(value.as_tuple().exponent)
        scale = match["scale"]
        if scale:
            factor = SCALES[scale.lower()]
            value, step = value * factor, step * factor
        if match["currency"] and match["currency"].strip() not in ("$", "US$", "USD"):
            kind = "foreign"
        elif match["percent"]:
            kind = "percent"
        elif match["currency"] or match["dollars"] or scale:
            kind = "money"
        elif "." not in number and "," not in number and 1900 <= value <= 2100:
            kind = "year"
        else:
            kind = "number"
        before = BREAK.split(text[previous : match.start()])[-1]
        found.append(Figure(match.group(0).strip(), value, step, kind, before))
        previous = match.end()
    for match in WORD_NUMBER.finditer(text):
        value = Decimal(str(WORDS[match.group(0).lower()]))
        found.append(Figure(match.group(0), value, Decimal(1), "number"))
    return found


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
