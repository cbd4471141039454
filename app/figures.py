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
    missing = []
    for figure in figures(draft):
        # "1.35 million women farmers" counts something: a budget of $1.35 M is another
        # thing, however alike the number ("a shortfall of 330,000" may be "$330 K").
        counts = figure.kind == "number" and re.match(
            r"\s*(?!(?:dollars|usd|us\$|in\b|of\b|to\b|for\b|and\b|or\b))[a-z]",
            draft[figure.end :],
            re.IGNORECASE,
        )
        pool = [s for s in known if not (counts and s.kind == "money")]
        if not any(supports(source, figure) for source in pool):
            missing.append(figure.text)
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


# Shares said in words: a draft may only repeat one a source says.
WORD_SHARE = re.compile(
    r"\b(?:(?:a|one|two|three|four)\s+(?:third|quarter|fifth|tenth)s?|half|"
    r"(?:one|two|three|four|1|2|3|4)\s+(?:in|out of)\s+(?:two|three|four|five|ten|\d+))"
    r"(?=\s+(?:of|the|its|their)\b)",
    re.IGNORECASE,
)
# Words that turn a statement around.
NEGATION = re.compile(
    r"\b(?:no|not|never|none|nothing|without|neither|nor|fully|entirely|completely)\b|n't\b",
    re.IGNORECASE,
)
# A sentence ends at a stop before a capital, not at the point of "$2.27 M".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _stems(text: str) -> set[str]:
    """The stems of ``text``'s words of five letters or more, as search compares words."""
    from .catalog import tokens

    return set(tokens(" ".join(re.findall(r"[a-z]{5,}", text.lower()))))


def unsupported_claim(draft: str, sources: list[str], question: str = "") -> str | None:
    """A claim in ``draft`` its sources don't make, whatever its numbers: a share said in
    words ("a third of the budget") no source says; a statement turned around ("no
    shortfall", "fully funded", "did not") where no source turns one; a sentence mostly of
    things no source or the question mentions (an event, a cause, a story). None if none."""
    given = " ".join(sources)
    lowered = given.lower()
    for share in WORD_SHARE.finditer(draft):
        if share.group(0).lower() not in lowered:
            return f"the draft says “{share.group(0)}”, which the cited reports do not state"
    if NEGATION.search(draft) and not NEGATION.search(given):
        said = NEGATION.search(draft).group(0)
        return f"the draft says “{said}”, which the cited reports do not say of it"
    known = _stems(given) | _stems(question)
    for sentence in _SENTENCE_END.split(MARKER.sub("", draft)):
        words = _stems(sentence)
        new = words - known
        if len(new) >= 4 and len(new) >= 0.6 * len(words):
            return (
                f"the draft says “{' '.join(sentence.split())[:80]}”, which the cited reports "
                "do not state"
            )
    return None
