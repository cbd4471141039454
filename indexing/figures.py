"""Every figure a piece of prose states, read the way a donor would read it.

One reader for free text: the progress notes a country office writes (stated figures that
answers quote), and the drafts an LLM writes (checked against their sources in
``app/figures.py``). Report *table* prints (``$3.07 M`` in a budget line) are read by
``indexing.records.Money``; this module reads everything else, printed every which way
(see ``../shared/DOMAIN.md``): ``USD 1 ,482,310.50`` with a stray space, ``42.6M USD``,
``US$ 75,000``, ``US 75,000``, ``$1.2 million``, ``9 mil``, ``41,7%`` with a decimal comma,
``77 percent``, ``4 out of 9``, "from 78% to 91%", "compared to 285".

A figure keeps its print, its value, the unit of its last printed digit (``step``) and where
it stands in the text, so that an answer can quote it exactly and mark it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache

SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    # South Asian print: "INR 2.4 crore" (24 million), "5 lakh" (500,000)
    "crore": 10_000_000,
    "lakh": 100_000,
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
DOLLARS = {"$", "US$", "USD", "US"}
# "SDG 5" is a Sustainable Development Goal in these reports, not Sudanese pounds.
NOT_CURRENCIES = {"SDG"}

MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
# Output and outcome codes (MEX_D_2.1.1), indicator labels (SP 3.8.1): names, not figures.
CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)+(?:\.\d+)*\b")
DOTTED = re.compile(r"\b\d+(?:\.\d+){2,}\b")
# Goals and targets are names too: "SDG 5", "SDG 5.2".
GOAL = re.compile(r"\bSDGs?\s?(?:1[0-7]|[1-9])(?![\d,])(?:\.\w+)*")
# "fiscal year 2022/23": the second year of a fiscal year, no figure.
FISCAL = re.compile(r"(?<=\b(?:19|20)\d\d)/\d\d\b")
# Tokens that mix letters and digits (SDG5, 2nd), but not compact amounts like $2.27M.
WORDY = re.compile(
    r"\b[A-Za-z_]+\d[\w.]*|\b\d+(?!(?:[kKmMbB]|mn|bn|million|billion|thousand)\b)[A-Za-z_][\w.]*"
)
NUMBER = re.compile(
    r"(?:(?P<currency>US\$|\$|€|£|US(?=\s\d)|(?<![A-Za-z])[A-Z]{3}(?=\s?\d))\s?)?"
    # 1,482,310.50 (also "1 ,482,310.50"), a decimal comma before a percent sign (41,7%),
    # or plain digits.
    r"(?P<number>\d{1,3}(?:\s?,\d{3})+(?:\.\d+)?(?!\d)"
    # "39 216": a space between thousands, as some offices print them.
    r"|(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.%]|\s?(?:%|per\s?cent|percent))"
    r"|\d+,\d{1,2}(?=\s?(?:%|per\s?cent\b|percent\b|million\b|mil\b|billion\b|bn\b|[MB]\b))"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>(?i:thousand|million|billion|crore|lakh)|mil|mn|bn|[kKmMbB])(?![A-Za-z]))?"
    r"(?:\s?(?P<percent>%|per\s?cent\b|percent\b))?"
    r"(?:\s?(?P<dollars>dollars\b|USD\b|US\$))?"
)
BREAK = re.compile(r"[,;()\[\]]|\.\s")
WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
ONE_OF_RATIO = re.compile(
    r"\b[Oo]ne(?=\s+(?:in(?:\s+every)?|out\s+of)\s+(?:\d|(?:" + "|".join(WORDS) + r")\b))"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "|".join(word for word, value in WORDS.items() if 10 <= value < 20)
# Numbers spelled in several words: "thirty-one", "Eighty-seven percent", "two hundred and
# forty-one", "a hundred".
COMPOUND_NUMBER = re.compile(
    rf"\b(?:(?P<hundreds>{_UNITS}|a|one)\s+hundred(?:\s+(?:and\s+)?)?)?"
    rf"(?:(?P<tens>{_TENS})(?:[-\s](?P<units>{_UNITS}))?|(?P<teen>{_TEENS})|(?P<unit>{_UNITS}))?"
    r"(?P<percent>\s+per\s?cent\b|\s+percent\b)?",
    re.IGNORECASE,
)
# Where a clause ends: a figure's words are those of its clause. Commas inside amounts
# ("1,482", "41,7%") are not breaks; a parenthesis belongs to the clause it stands in.
CLAUSE_BREAK = re.compile(r"[;:]|,(?=\s)|\s[–—-]\s")
# Words after which a figure is the one compared with: "compared to 285", "up from 44".
EARLIER_BEFORE = re.compile(
    r"(?:(?:compared (?:to|with)(?: only| just)?|up from|down from|"
    r"(?:double|twice|triple|three times) the)"
    # "compared with a baseline of 41 percent", "up from a level of 12"; not "a target of"
    r"(?:\s+(?:a|an|the)\s+(?!(?:[a-z-]+\s+)?(?:target|milestone|goal|plan))(?:[a-z-]+\s+){1,2}of)?"
    r"|as against|against|versus|vs\.?|from)\s*$",
    re.IGNORECASE,
)
OUT_OF = re.compile(r"^\s*(?:out of|of a total of|of|in(?: every)?)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    text: str
    value: Decimal
    step: Decimal  # the unit of the last digit printed: 0.01 M for "$2.27 M"
    kind: str  # "money", "percent", "year", "number" or "foreign" (another currency)
    before: str = ""  # the words since the previous figure or clause break, for its label
    start: int = -1  # where the print stands in the text read
    end: int = -1
    currency: str = ""  # USD for dollars, else the code or sign printed (EUR, €)
    word: bool = False  # spelled out ("two", "half")

    @property
    def significant(self) -> int:
        digits = (self.value / self.step).copy_abs().to_integral_value()
        return len(str(digits).lstrip("0")) or 1


def _blank(pattern: re.Pattern, text: str) -> str:
    # Same length, so that positions in the masked text are positions in the original.
    return pattern.sub(lambda match: " " * len(match.group(0)), text)


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies) - NOT_CURRENCIES


def _amount_after_code(code: str, match: re.Match) -> bool:
    """Whether a letter code before a number is its currency: a known code, and a number
    printed like an amount (separators, three digits or more, a scale), not a year."""
    if code == "SDG" and (match["scale"] or "," in match["number"] or int(match["number"]) > 17):
        return True  # "SDG 45,000": Sudanese pounds; "SDG 5" is a goal (17 of them)
    if code != "US" and code not in _currency_codes() | {"USD"}:
        # "ZWL 9.8 billion": a code no list holds yet, before an amount with a scale
        return bool(match["scale"])
    number = match["number"]
    if re.fullmatch(r"\d{4}", number) and 1900 <= int(number) <= 2100 and not match["scale"]:
        return False
    if code in ("USD", "EUR"):
        return True  # "a cash transfer of USD 95": the code says money, whatever the size
    return bool(match["scale"]) or len(re.sub(r"\D", "", number)) >= 3 or "," in number


def _number_value(number: str) -> Decimal:
    compact = re.sub(r"[ \u00a0\u202f]", "", number)
    if re.fullmatch(r"\d+,\d{1,2}", compact):
        return Decimal(compact.replace(",", "."))  # a decimal comma
    return Decimal(compact.replace(",", ""))


def figures(text: str) -> list[Figure]:
    """Every figure stated in ``text``, citation markers and codes aside, in order."""
    masked = _blank(MARKER, text)
    for pattern in (CODE, GOAL, DOTTED, WORDY, FISCAL):
        masked = _blank(pattern, masked)
    found = []
    previous = 0
    for match in NUMBER.finditer(masked):
        currency = match["currency"] or ""
        if currency.isalpha() and not _amount_after_code(currency, match):
            currency = ""  # "TOP 10", "US 2023 elections": a word before a number, not money
        start = match.start("number") if match["currency"] and not currency else match.start()
        number = match["number"]
        value = _number_value(number)
        # "-4,000 women", "−12%": a printed minus is kept (not "2019-2022", "15-24").
        touching = masked[start - 2] if start >= 2 else ""
        # A window, not the whole text before: reading stays linear in a long line.
        before_sign = masked[max(0, start - 40) : max(0, start - 1)].rstrip()
        signed = (
            start > 0
            and masked[start - 1] in "-−"
            and not touching.isalnum()  # not "2019-2022", "15-24", "a-4"
            and not (before_sign and before_sign[-1].isdigit())  # not "15 -24"
            and not re.fullmatch(r"(?:19|20)\d\d", number)  # not "2019 -2022"
        )
        if signed:
            value, start = -value, start - 1
        step = Decimal(1).scaleb(value.as_tuple().exponent)
        scale = match["scale"]
        if scale:
            factor = SCALES[scale.lower()]
            value, step = value * factor, step * factor
        dollars = bool(match["dollars"])
        if currency and currency not in DOLLARS:
            kind = "foreign"
        elif match["percent"]:
            kind = "percent"
        elif currency or dollars:
            kind = "money"
        elif scale and scale.lower() in ("k", "m", "b", "mn", "bn"):
            kind = "money"  # "$2.27M" less its sign: compact suffixes are how money prints
        elif re.fullmatch(r"\d{4}", number) and 1900 <= value <= 2100:
            kind = "year"
        else:
            kind = "number"
        before = BREAK.split(masked[previous:start])[-1]
        found.append(
            Figure(
                text[start : match.end()].strip(),
                value,
                step,
                kind,
                before,
                start,
                start + len(text[start : match.end()].rstrip()),
                "USD" if kind == "money" else (currency if kind == "foreign" else ""),
            )
        )
        previous = match.end()
    taken: list[tuple[int, int]] = []
    for match in COMPOUND_NUMBER.finditer(masked):
        value = _compound_value(match)
        if value is None:
            continue
        printed = match.group(0).rstrip()
        taken.append((match.start(), match.start() + len(printed)))
        found.append(
            Figure(
                printed,
                Decimal(value),
                Decimal(1),
                "percent" if match["percent"] else "number",
                start=match.start(),
                end=match.start() + len(printed),
                word=True,
            )
        )
    for match in WORD_NUMBER.finditer(masked):
        if any(a <= match.start() < b for a, b in taken):
            continue
        value = Decimal(str(WORDS[match.group(0).lower()]))
        found.append(
            Figure(
                match.group(0),
                value,
                Decimal(1),
                "number",
                start=match.start(),
                end=match.end(),
                word=True,
            )
        )
    # "One in four women", "one in every three places", "one out of five": "one" is a figure
    # only as the first number of a ratio ("one of the centres" is none).
    for match in ONE_OF_RATIO.finditer(masked):
        if not any(a <= match.start() < b for a, b in taken):
            found.append(
                Figure(
                    match.group(0),
                    Decimal(1),
                    Decimal(1),
                    "number",
                    start=match.start(),
                    end=match.end(),
                    word=True,
                )
            )
    return found


def _compound_value(match: re.Match) -> int | None:
    """The value of a number spelled in several words; None for one word alone (those are
    read as they always were) or for no number at all."""
    parts = [match[k] for k in ("hundreds", "tens", "units", "teen", "unit")]
    words = sum(1 for p in parts if p)
    if words == 0 or (words == 1 and not match["percent"] and not match["hundreds"]):
        return None
    if words == 1 and match["hundreds"] is None and not any(parts[1:]):
        return None
    value = 0
    if match["hundreds"]:
        value += 100 * (
            1 if match["hundreds"].lower() in ("a", "one") else WORDS[match["hundreds"].lower()]
        )
    if match["tens"]:
        value += WORDS[match["tens"].lower()]
    for key in ("units", "teen", "unit"):
        if match[key]:
            value += WORDS.get(match[key].lower(), 1)  # "one" is in no figure alone
    return value


def printed_amount(text: str) -> Decimal | None:
    """The exact amount a sum of money printed as the whole of ``text`` stands for, in
    decimal arithmetic: the figure for sums and differences, which floating point would
    round ("$9,999,999,999,999,999" stays itself)."""
    text = " ".join(text.split())
    found = figures(text)
    if len(found) != 1 or found[0].kind != "money" or found[0].word:
        return None
    if found[0].start != 0 or found[0].end != len(text):
        return None
    return found[0].value


def printed_money(text: str) -> tuple[float, float] | None:
    """The amount and rounding tolerance of a sum of money printed as the whole of ``text``
    ("$3.07 M" → 3,070,000 ± 5,000; "$203,202" → exact); None for anything else.

    The one reader of printed amounts: the parser's tables, the LLM checks and the
    evaluation's scorer all read money through it (``records.Money``).
    """
    text = " ".join(text.split())
    found = figures(text)
    if len(found) != 1 or found[0].kind != "money" or found[0].word:
        return None
    figure = found[0]
    if figure.start != 0 or figure.end != len(text):
        return None
    scaled = figure.text.rstrip()[-1:].isalpha()  # "$3.07 M" is rounded; "$203,202" exact
    tolerance = float(figure.step) / 2 if scaled else 0.0
    return round(float(figure.value), 2), tolerance


# -- figures stated in a sentence, as facts an answer can quote ----------------------------
@dataclass
class Stated:
    """A figure a sentence states: its print, value and kind, and the clause it stands in.

    ``kind`` is money, foreign (another currency), percent, or count; ``whole`` is set for
    "4 out of 9" (9), whose print is the whole phrase; ``role`` is "earlier" for the figure
    a sentence compares with ("compared to 285", "from 78% to 91%": 78%); ``year`` is a year
    named in the same clause ("59% in 2022").
    """

    text: str
    value: float
    kind: str
    start: int
    end: int
    clause: str
    currency: str = ""
    role: str = ""
    year: int | None = None
    whole: float | None = None
    word: bool = False
    page: int = 0
    # The figure's facts (``indexing.facts``): what it counts ("community leaders who act as
    # champions"), whose it is (the partner, office or group its clause names), where (the
    # place its clause names it in: "in Baucau municipality"), its time as the sentence
    # states it ("2021", "2019-2021", "year before"; "" when none) and, for "7 out of 20",
    # the share it is ("35%").
    counts: str = ""
    owner: str = ""
    time: str = ""
    equivalent: str = ""
    place: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def stated_from_dict(data: dict) -> Stated:
    known = Stated.__dataclass_fields__
    return Stated(**{k: v for k, v in data.items() if k in known})


@dataclass
class _Clause:
    start: int
    end: int
    text: str
    years: list[int] = field(default_factory=list)


def _clauses(text: str) -> list[_Clause]:
    clauses, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        clauses.append(_Clause(start, match.start(), text[start : match.start()]))
        start = match.end()
    clauses.append(_Clause(start, len(text), text[start:]))
    return clauses


def clauses_without_figures(sentence: str, stated: list[Stated]) -> list[str]:
    """The clauses of a sentence that state none of its figures ("Ahead of the 2023 local
    elections, …"): what they say is about every figure of the sentence alike."""
    return [
        c.text for c in _clauses(sentence) if not any(c.start <= f.start <= c.end for f in stated)
    ]


# The longest text read as one sentence. Reading a sentence's figures looks at the words
# around each, so its work grows faster than its length; a run of text longer than this
# (a page of tiny print with no full stops, a 1 MB line) is read in pieces cut at clause
# boundaries, each no longer: the work stays linear in the text. Real sentences of the
# reports are under 600 characters.
MAX_SENTENCE_CHARS = 1200


def _pieces(text: str, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` characters, each at the last clause
    boundary (else the last space, else hard) before the limit: (offset, piece)."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cuts = [m.end() for m in re.finditer(r"[;:]\s|,\s", window)]
        cuts = cuts or [m.end() for m in re.finditer(r"\s", window)]
        cut = cuts[-1] if cuts and cuts[-1] > limit // 3 else limit
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def stated_figures(sentence: str) -> list[Stated]:
    """The figures a sentence states, years aside, each with its clause and role."""
    if len(sentence) > MAX_SENTENCE_CHARS:
        out: list[Stated] = []
        for offset, piece in _pieces(sentence):
            for figure in stated_figures(piece):
                figure.start += offset
                figure.end += offset
                out.append(figure)
        return out
    read = sorted(figures(sentence), key=lambda f: f.start)
    clauses = _clauses(sentence)

    def clause_of(position: int) -> _Clause:
        return next((c for c in clauses if c.start <= position <= c.end), clauses[-1])

    for figure in read:
        if figure.kind == "year":
            clause_of(figure.start).years.append(int(figure.value))
    out: list[Stated] = []
    skip: set[int] = set()
    for index, figure in enumerate(read):
        if figure.kind == "year" or index in skip:
            continue
        following = read[index + 1] if index + 1 < len(read) else None
        opens_ratio = (
            following is not None
            and following.kind == "number"
            and re.match(
                r"^\s*(?:out of|in(?: every)?)\s+$", sentence[figure.end : following.start]
            )
        )
        if figure.word and figure.value < 2 and not opens_ratio:
            continue  # "half", "quarter": shares of something else, not a stated figure
        kind = "count" if figure.kind == "number" else figure.kind
        text, end, whole = figure.text, figure.end, None
        if (
            following is not None
            and kind == "count"
            and following.kind == "number"
            and OUT_OF.match(sentence[figure.end : following.start])
            # "1 in 4 women": a ratio only when it is one; "12 in 5 provinces" is none
            and (
                sentence[figure.end : following.start].strip().lower() not in ("in", "in every")
                or (
                    figure.value <= following.value
                    # "aged 10 to 19 in 46 schools": a range's end, not a ratio
                    and not (
                        index
                        and read[index - 1].kind != "year"
                        and re.fullmatch(
                            r"\s*(?:to|and|-|–)\s*", sentence[read[index - 1].end : figure.start]
                        )
                    )
                )
            )
        ):
            # "4 out of 9": one figure, printed as the whole phrase.
            kind, whole, end = "ratio", float(following.value), following.end
            text = sentence[figure.start : end]
        earlier = EARLIER_BEFORE.search(sentence[: figure.start])
        # "rose to 41,7% in 2022 from 36,2% in 2021": the figure after "from" is the earlier
        # when the later one was told first.
        # "reached 12.4% of the state budget in 2022, from 7.9%", "fell to AUD 1.2 million,
        # from AUD 2 million".
        told_first = re.search(
            r"\b(?:to|reached)\s+(?:[A-Z]{3}\s|US\$\s?)?\S*\d\S*(?:\s+[a-z]+)?"
            r"(?:\s+of\s+[^,;]{0,40}?)?(?:\s+(?:in\s+)?(?:19|20)\d\d)?,?\s+from\s*$",
            sentence[: figure.start],
        )
        if earlier and earlier.group(0).strip().lower() == "from" and not told_first:
            # "from 450 to 1,300": the figure it grew from; "officers from 14 states" is none.
            later = sentence[end : end + 60]
            if not re.match(
                r"\s*(?:(?:[a-z%]+|(?:19|20)\d\d)\s+){0,3}(?:to|up to|and)\s+"
                r"(?:over |more than |nearly |about |around )?(?:US\$|USD|\$)?\s?\d",
                later,
            ):
                earlier = None
        role = "earlier" if earlier else ""
        if index and out and out[-1].whole == float(figure.value) and out[-1].end == figure.end:
            role = "whole"  # the 9 of "4 out of 9": how many there are in all
        clause = clause_of(figure.start)
        out.append(
            Stated(
                text=text,
                value=float(figure.value),
                kind=kind,
                start=figure.start,
                end=end,
                clause=" ".join(clause.text.split()),
                currency=figure.currency,
                role=role,
                year=clause.years[-1] if clause.years else None,
                whole=whole,
                word=figure.word,
            )
        )
    from .facts import describe

    describe(sentence, out)
    return out


# English's closed classes (prepositions, conjunctions, auxiliaries, relatives): where the
# noun phrase after a number ends. Grammar, not a list of the reports' topics.
_PHRASE_END_WORDS = """of in on at from by with to for and or but nor who whom whose that which
    where when
    were was are is be been being have has had do does did will would could can should may
    might must through across per than compared including as during since between among into
    under over against within without about after before while than via up down out"""
_PHRASE_ENDS = frozenset(_PHRASE_END_WORDS.split())
# Irregular past forms reports tell results with ("grew from", "won office", "heard 226
# cases"): where a noun phrase ends and its verb begins. English's morphology, not topics.
_IRREGULAR_WORDS = """grew rose fell stood went won took made came got saw led held met gave
    brought kept became began ran sold spent paid built hit set put drew sought fought heard
    found"""
IRREGULAR = frozenset(_IRREGULAR_WORDS.split())
# Before a counted noun, words that count an increment: "two more one-stop centres" are
# not how many there are; "how many more women …" asks for one.
_INCREMENT_WORDS = "more fewer less extra additional further"
INCREMENT = frozenset(_INCREMENT_WORDS.split())


def noun_after(text: str, limit: int = 4) -> str:
    """The noun phrase that opens ``text`` (the words after a number or after "how many"):
    "women survivors of violence in …" → "women survivors"; "were women" → ""."""
    words = []
    for word in re.findall(r"[^\W\d_][\w'’-]*|\S", text.lstrip()):
        low = word.lower()
        if not word[0].isalpha() or low in _PHRASE_ENDS or len(words) == limit:
            break
        if words and (words[-1].endswith("s") and low.endswith("ed") or low in IRREGULAR):
            break  # "two partner banks opened credit lines", "cases heard by …": the verb
        words.append(low)
    return " ".join(words)


COUNTED_IN_QUESTION = re.compile(
    r"\b(?:how many|number of|numbers of|# of|no\. of|cu[aá]nt[oa]s|combien d[e'’]|nombre d[e'’])"
    r"\s*(?:of the\s+)?|#\s*(?=[a-z])",
    re.IGNORECASE,
)


def counted_in_question(text: str) -> str:
    """What a question asks to be counted: "How many one-stop centres are operating?" →
    "one-stop centres"; "" when it asks for no count."""
    match = COUNTED_IN_QUESTION.search(text)
    if not match:
        return ""
    rest = text[match.end() :]
    if re.match(r"\s*of (?:them|these|those|whom)\b", rest, re.IGNORECASE):
        return ""  # "how many of them …": part of what the answer before counted
    # "how many were girls under 18?": what is counted follows the copula.
    rest = re.sub(
        r"^\s*(?:were|was|are|is|became)\s+(?!(?:now|still|already|also|not)\b|\w+ed\b)",
        "",
        rest,
        flags=re.IGNORECASE,
    )
    return noun_after(rest)


# "grants averaging US 1,500 each", "USD 300 per household": a figure for one of many.
PER_UNIT_AFTER = re.compile(r"\s*(each|apiece|per (?:[a-z]+)|a (?:head|month|year|day))\b")


def per_unit(sentence: str, figure) -> str:
    """The words that make ``figure`` a figure for one of many ("each", "per household"),
    or ""."""
    match = PER_UNIT_AFTER.match(sentence[figure.end :])
    return match.group(1) if match else ""
