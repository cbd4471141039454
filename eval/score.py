"""Scoring one answer against a gold question, the same way for every system.

Numbers are compared within the rounding the report prints them with ("$3.07 M" is
3,070,000 give or take 5,000); names and phrases after normalising case, quotes and
spaces; an unanswerable question is right only when the answer says so and gives no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexing.figures import figures
from indexing.records import Money

# A figure: a number standing alone, not part of a code (MEX_D_2.1.1) and not a year.
# A number written as money ("$46.46 K", "US$ 621,290") is the number too: the blind sets'
# writers give a difference of amounts as the number they would read ("46.46"), and "6.3M
# USD" holds 6.3.
FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?!(?![MKmk]\b)\w|[.,]\d)")
PAGE_REFERENCE = re.compile(r"\b(?:page|p\.)\s*$", re.IGNORECASE)
NOT_IN_REPORTS = re.compile(
    r"not in the indexed reports|no (?:report|passage|indicator|outcome|output)\b.*\b"
    r"(?:indexed|match)|(?:do|does) not (?:hold|give|contain)|"
    r"no figura en los informes indexados|absent des rapports index[ée]s",
    re.IGNORECASE,
)


@dataclass
class Verdict:
    right: bool
    why: str = ""


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def contains_phrase(text: str, phrase: str) -> bool:
    phrase = normalise(phrase)
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return re.search(left + re.escape(phrase) + right, normalise(text)) is not None


def amounts(text: str) -> list[Money]:
    """The sums of money an answer prints, read as the parser reads the reports' tables."""
    return [
        money
        for figure in figures(text)
        if figure.kind == "money" and (money := Money.parse(figure.text, page=0))
    ]


def has_money(text: str, expected: str) -> bool:
    want = Money.parse(expected, page=0)
    if want is None:
        # Written the way a note prints it ("USD 835,000", "EUR 231,000"), not as a table
        # amount: read by the prose reader.
        return has_stated(text, expected)
    return any(
        abs(got.amount - want.amount) <= max(got.tolerance, want.tolerance) + 0.5
        for got in amounts(text)
    )


def has_number(text: str, number: float) -> bool:
    values = (float(match.group(0).replace(",", "")) for match in FIGURE.finditer(text))
    if number in values:
        return True
    # A sum the writers wrote as a plain number (1090000) that the answer prints as money
    # ("$1.09 M"): the same value within the rounding the answer prints it with.
    return any(abs(got.amount - number) <= got.tolerance + 0.5 for got in amounts(text))


def has_stated(text: str, printed: str) -> bool:
    """Whether ``text`` states the figure printed as ``printed`` ("42.6M USD", "41,7%"):
    the same print, or the same value of the same kind read by the one prose reader."""
    # The print itself, not inside a longer figure ("7 mil" in "$0.7 million").
    print_alone = r"(?<![\w.,$])" + re.escape(normalise(printed)) + r"(?![\w])"
    if re.search(print_alone, normalise(text)):
        return True
    (want,) = [f for f in figures(printed) if not f.word][:1] or [None]
    if want is None:
        return False
    return any(
        got.kind == want.kind and got.currency == want.currency and got.value == want.value
        for got in figures(text)
    )


def has_figure(text: str) -> bool:
    if amounts(text):
        return True
    for match in FIGURE.finditer(text):
        value = match.group(0).replace(",", "")
        if len(value) == 4 and value.startswith(("19", "20")):
            continue  # a year
        if PAGE_REFERENCE.search(text[: match.start()]):
            continue  # "page 7" points at a source; it is not a figure
        return True
    return False


def _phrase_in(text: str, phrase: str, language: str) -> bool:
    """A phrase, or the words an answer in ``language`` says it with ("not met": "no
    cumplido")."""
    if contains_phrase(text, phrase):
        return True
    from app.answering.translate import ANSWER_WORDS

    local = dict(ANSWER_WORDS.get(language, []))
    translated = phrase
    for english in sorted(local, key=len, reverse=True):
        translated = re.sub(rf"\b{re.escape(english)}\b", local[english], translated)
    return translated != phrase and contains_phrase(text, translated)


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
YEAR_NOT_STATED = re.compile(r"year not stated|año no indicado|année non indiquée", re.IGNORECASE)


def own_words(text: str) -> str:
    """An answer less what it quotes from the reports: where its figures must stand."""
    return QUOTED.sub(" ", text)


def year_shown(text: str, year: str) -> bool:
    """Whether an answer's own words give the figure's year as expected: the year, or that
    the report does not state one (and then no year of its own)."""
    if year == "not stated":
        return bool(YEAR_NOT_STATED.search(text))
    return re.search(rf"(?<!\d){re.escape(year)}(?!\d)", text) is not None


def score_answer(expect: dict, text: str, language: str = "en") -> Verdict:
    """``expect.own_words``: figures and the year must stand outside the quotes (names may
    stand in them, as the sentence that names them is the answer)."""
    full = text
    if expect.get("own_words"):
        text = own_words(text)
    if expect.get("unanswerable"):
        if not NOT_IN_REPORTS.search(text):
            return Verdict(False, "does not say the reports do not hold it")
        if has_figure(text):
            return Verdict(False, "says so, but gives a figure")
        for year in expect.get("years_named", []):
            if not re.search(rf"(?<!\d){year}(?!\d)", text):
                return Verdict(False, f"does not name the years covered ({year})")
        return Verdict(True)
    if expect.get("year") and not year_shown(text, expect["year"]):
        return Verdict(False, f"does not show the year ({expect['year']})")
    for expected in expect.get("money", []):
        if not has_money(text, expected):
            return Verdict(False, f"missing amount {expected}")
    for printed in expect.get("figures", []):
        if not has_stated(text, printed):
            return Verdict(False, f"missing figure {printed}")
    for number in expect.get("numbers", []):
        if not has_number(text, number):
            return Verdict(False, f"missing number {number}")
    for phrase in expect.get("phrases", []) + expect.get("names", []):
        if not _phrase_in(full, phrase, language):
            return Verdict(False, f"missing “{phrase}”")
    return Verdict(True)


def citation_right(question: dict, citations: list[tuple[str, int]]) -> bool | None:
    """Whether some citation names the right file and a page holding the fact."""
    if question["expect"].get("unanswerable"):
        return None
    return any(file == question["file"] and page in question["pages"] for file, page in citations)


def reciprocal_rank(question: dict, ranked: list[tuple[str, list[int]]], k: int = 5) -> float:
    for rank, (file, pages) in enumerate(ranked[:k], start=1):
        if file == question["file"] and set(pages) & set(question["pages"]):
            return 1.0 / rank
    return 0.0
