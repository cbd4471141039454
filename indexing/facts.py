"""What each figure a sentence states is a figure of: its counted noun, whose it is, when,
and its role among the sentence's figures.

"Of the 1,240 participants, 720 were women and 85 were community leaders who now act as
champions" holds three figures; an answer that picks one must know that 85 counts community
leaders, 720 women (a part) and 1,240 participants (the whole). The reading works from the
sentence's structure around each number (the noun phrase after it, the noun before "of",
the subject of a verb, a copula, "of whom", "from A to B"), so that it holds for sentences
no one has seen; no topic words are listed here, only the language's closed classes.

Each fact is stored with the sentence (in Chroma's metadata and the catalog) at index time.
"""

from __future__ import annotations

import re

# The language's closed classes: where a noun phrase ends. Grammar, not the reports' topics.
_STOP_WORDS = """of in on at from by with to for and or but nor who whom whose that which where
    when were was are is be been being have has had do does did will would could can should may
    might must through across per than compared including as during since between among into under
    over against within without about after before while via up down out also now then both
    each every all some any its their his her our this these those such other not only more
    than a an the"""
_STOP = frozenset(_STOP_WORDS.split())
_DETERMINER_WORDS = """a an the its their his her our this these those some all each every"""
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())
# Units of time: "a three-day training", "in the first six months" time something else.
_TIME_WORDS = """day days week weeks month months year years hour hours minute minutes"""
_TIME_UNITS = frozenset(_TIME_WORDS.split())
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–/]|to|and|through)\s*((?:19|20)?\d\d)\b")
YEAR_BEFORE = re.compile(
    r"\b(?:the (?:previous|preceding|prior) year|the year before|last year|a year earlier|"
    r"the same period (?:of|in) the (?:previous|preceding|prior) year|the year prior)\b",
    re.IGNORECASE,
)
TARGET_BEFORE = re.compile(
    r"\b(?:target(?:ed|ing)?|aim(?:s|ed|ing)? (?:to|at)(?: (?:reach|train|support|benefit))?|"
    r"goal|planned|expected to(?: reach| benefit)?|plans? to(?: reach)?|to reach|"
    r"projected|intends? to(?: reach)?|will (?:reach|benefit|train|support))\b[^.;]{0,25}$",
    re.IGNORECASE,
)
PART_BEFORE = re.compile(
    r"(?:\bof (?:whom|which|them|these|those)|\bincluding|\bamong (?:them|whom|which)|"
    r"\bout of whom|\bwith|\bsuch as)\s*(?:some |about |around |nearly |over |almost )?$",
    re.IGNORECASE,
)
PART_AFTER = re.compile(r"^\s*(?:of (?:them|whom|these|those|which)|among them)\b", re.IGNORECASE)
WHOLE_OPENING = re.compile(
    r"(?:^|[,;:]\s*)(?:of|out of|from among) (?:the|a total of|all)?\s*$", re.I
)
PER_UNIT = re.compile(
    r"^\s*(?:each|apiece|per (?!cent\b)[a-z]+|a (?:head|month|year|day|week)|on average)\b",
    re.IGNORECASE,
)
PER_UNIT_BEFORE = re.compile(
    r"\b(?:averag(?:e|ing|ed)(?: of)?|each (?:received|receiving|got|worth)|"
    r"an average of|per capita)\s*$",
    re.IGNORECASE,
)
OTHER_BEFORE = re.compile(
    r"\b(?:aged|ages|age of|under|over the age of|older than|younger than|the first|"
    r"the last|the past|the next|within|during|for|in)\s*$",
    re.IGNORECASE,
)
# A capitalised name: "Government of Japan", "Ministry of Gender Equality", "Nairobi".
NAME = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w’'&.-]*|\([A-Z]+\))"
    r"(?:\s+(?:of|for|and|on|de|del|la|the|to|in)\s+(?:the\s+)?[A-Z][\w’'&.-]*"
    r"|\s+[A-Z][\w’'&.-]*|\s+\([A-Z]+\))*)"
)
OWNER_BEFORE = re.compile(
    r"\b(?:from|by|of|with|through|thanks to|funded by|financed by|provided by|"
    r"contributed by|support(?:ed)? (?:by|of|from))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PLACE_BEFORE = re.compile(r"\b(?:in|across|at|within)\s+(?:the\s+)?$", re.IGNORECASE)
# Capitalised words that open no name: currencies, goals, months.
_NOT_NAME_WORDS = """USD US US$ EUR SDG January February March April May June July August
    September October November December"""
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# Names that say who acts throughout, not whose a figure is.
AGENCY = re.compile(r"^(?:UN[ -]?Women|United Nations Entity|The|This|These|In|Of|By|With)\b")


def describe(sentence: str, stated: list) -> None:
    """Fill each stated figure's ``counts``, ``owner``, ``time``, ``role`` and
    ``equivalent`` from the sentence's structure (in place)."""
    spoken = list(stated)
    for index, figure in enumerate(spoken):
        after = sentence[figure.end :]
        figure.role = _role(sentence, spoken, index) or figure.role
        figure.counts = _counted(sentence, spoken, index)
        figure.owner = _owner(sentence, spoken, index)
        figure.time = _time(sentence, spoken, index)
        if figure.kind == "ratio" and figure.whole:
            share = 100 * figure.value / figure.whole
            figure.equivalent = f"{share:.0f}%"
        if figure.role == "" and _TIME_UNITS & set(_words(after)[:1]):
            figure.role = "other"  # "a three-day training", "six months"
        if figure.role == "" and re.search(
            r"\b\d[\d,.]*-(?:day|week|month|year|hour)\b", sentence[figure.start : figure.end + 6]
        ):
            figure.role = "other"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z’'-]*", text.lower())


def _phrase(text: str, limit: int = 5) -> list[str]:
    """The noun phrase that opens ``text``: words up to the first closed-class word."""
    words = []
    for token in re.findall(r"[^\W\d_][\w'’-]*|\S", text.lstrip()):
        low = token.lower()
        if not token[0].isalpha():
            break
        if low in _STOP:
            if not words and low in _DETERMINERS:
                continue  # "the", "a" before the noun
            break
        if words and words[-1].endswith("s") and re.fullmatch(r"[a-z]+ed", low) and len(words) >= 1:
            break  # "two partner banks opened credit lines"
        words.append(low)
        if len(words) == limit:
            break
    return words


def _relative(text: str) -> str:
    """ "who now act as champions": a relative clause that says more of the noun."""
    match = re.match(r"\s*((?:who|that|which)\s+[^,;.]{3,60}?)(?=[,;.]|\s+and\s+\d|$)", text)
    return " " + " ".join(match.group(1).split()) if match else ""


def _noun_before(text: str) -> list[str]:
    """The noun phrase ending ``text`` before "of", a verb or a copula: "a delivery rate of"
    → delivery rate; "membership grew to" → membership; "sales reached" → sales."""
    tail = text.rstrip()
    tail = re.sub(
        r"(?:\s+(?:of|at|was|were|is|are|stood at|reached|totall?ed|amounted to|grew to|"
        r"rose to|increased to|fell to|decreased to|dropped to|went up to|went down to|"
        r"to|by|from|reaching|totalling|worth|valued at|estimated at|some|about|around|"
        r"nearly|almost|over|more than|less than|up to|approximately|a total of|an additional|"
        r"additional|another|of about|of around))+\s*$",
        "",
        " " + tail,
        flags=re.IGNORECASE,
    )
    words = re.findall(r"[A-Za-z][\w’'-]*", tail)
    out: list[str] = []
    for word in reversed(words[-6:]):
        low = word.lower()
        if low in _STOP:
            break
        if re.fullmatch(r"[a-z]+(?:ed|ing)", low):
            if not out:
                out.insert(0, low)  # "mobilized USD 300,000": what was done is what it is
            break  # "mobilized funds": the verb before the noun
        out.insert(0, low)
        if len(out) == 4:
            break
    return out


def _part_span(sentence: str, stated: list, index: int) -> tuple[int, int]:
    """From the end of the figure before to the start of the next: the words that are this
    figure's own."""
    start = stated[index - 1].end if index else 0
    end = stated[index + 1].start if index + 1 < len(stated) else len(sentence)
    return start, end


def _counted(sentence: str, stated: list, index: int) -> str:
    figure = stated[index]
    after = sentence[figure.end :]
    following = stated[index + 1] if index + 1 < len(stated) else None
    # "from 450 to 1,300 members": the earlier figure counts what the later one does.
    if (
        following is not None
        and re.fullmatch(r"\s*(?:to|and)\s*", sentence[figure.end : following.start])
        and re.search(r"\b(?:from|between)\s*$", sentence[: figure.start], re.IGNORECASE)
    ):
        return _counted(sentence, stated, index + 1)
    # "USD 45,000 in sales", "US$ 2 million in grants": money's noun after "in".
    if figure.kind in ("money", "foreign"):
        match = re.match(
            r"\s*(?:USD|US\$|dollars)?\s*(?:in|of|worth of)\s+(?!the\b|[A-Z])"
            r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
            after,
        )
        if match:
            words = [w for w in match.group(1).split() if w not in _STOP]
            if words:
                return " ".join(words)
    words = _phrase(after)
    # "720 were women": the noun after a copula.
    if not words:
        copula = re.match(r"\s*(?:were|was|are|is|became|become|remain(?:ed)?)\s+", after)
        if copula:
            words = _phrase(after[copula.end() :])
    if words and not (figure.kind == "percent" and words[0] in ("increase", "rise", "decrease")):
        return " ".join(words) + _relative_after(after, words)
    # "78% of the women", "85% of participants": the noun after "of".
    of = re.match(r"\s*(?:percent|per cent)?\s*of\s+(?:the\s+|all\s+|its\s+|their\s+)?", after)
    if of and figure.kind in ("percent", "ratio", "count"):
        words = _phrase(after[of.end() :])
        if words:
            return " ".join(words)
    # The noun before it: "a delivery rate of 78%", "sales reached USD 45,000".
    start, _ = _part_span(sentence, stated, index)
    lead = sentence[start : figure.start]
    if (
        index
        and stated[index - 1].kind == figure.kind
        and re.fullmatch(
            r"\s*(?:(?:from|by|in|to) [^,;]{0,60}?)?\s*,?\s*(?:and|as well as|plus|or)\s*", lead
        )
    ):
        return stated[index - 1].counts  # "mobilised US$ 812,000 from Japan and 42.6M USD"
    lead = re.split(r"[,;:()]|\band\b(?=\s+[a-z]+\s+(?:of|at|to|reached))", lead)[-1]
    words = _noun_before(lead)
    if words:
        return " ".join(words)
    # "compared to 285 in 2020": the earlier figure counts what the figure before it does.
    if figure.role == "earlier" and index:
        return stated[index - 1].counts
    return ""


def _relative_after(after: str, words: list[str]) -> str:
    # The relative clause that follows the noun phrase ("… leaders who now act as champions").
    pattern = r"\s*" + r"\s+".join(re.escape(w) for w in words)
    match = re.match(pattern, after, re.IGNORECASE)
    return _relative(after[match.end() :]) if match else ""


def _role(sentence: str, stated: list, index: int) -> str:
    figure = stated[index]
    before = sentence[: figure.start]
    after = sentence[figure.end :]
    if figure.role in ("earlier", "whole"):
        return figure.role
    following = stated[index + 1] if index + 1 < len(stated) else None
    if (
        following is not None
        and re.fullmatch(r"\s*(?:to|and)\s*", sentence[figure.end : following.start])
        and re.search(r"\b(?:from|between)\s*$", before, re.IGNORECASE)
        and figure.kind == following.kind
    ):
        return "earlier"
    if PER_UNIT.match(after) or PER_UNIT_BEFORE.search(before):
        return "per_unit"
    if TARGET_BEFORE.search(before[-40:]) and not re.search(
        r"\b(?:reached|trained|supported)\b", before[-25:]
    ):
        return "target"
    if index and PART_BEFORE.search(before[stated[index - 1].end :] if index else before):
        previous = stated[index - 1]
        if re.search(
            r"\b(?:of (?:whom|which|them)|including|among)\b",
            sentence[previous.end : figure.start],
            re.I,
        ):
            return "part"
    if PART_AFTER.match(after):
        return "part"
    # "Of the 1,240 participants, 720 were women": the whole, and its parts after it.
    if WHOLE_OPENING.search(before) and following is not None:
        return "whole"
    if following is not None and re.match(
        r"\s*(?:[a-z]+\s+){0,4}?(?:of whom|of which|among them|including)\b", after, re.I
    ):
        return "whole"
    if index:
        opening = [
            i
            for i in range(index)
            if stated[i].role == "whole" or _opens_whole(sentence, stated, i)
        ]
        if opening and re.search(
            r"^\s*,?\s*(?:and\s+)?$|\b(?:were|was|are)\s*$",
            sentence[stated[index - 1].end : figure.start][-30:],
        ):
            return "part"
        if (
            opening
            and re.search(r"\b(?:were|was)\s*$", before) is None
            and re.match(r"\s*(?:were|was)\b", after)
        ):
            return "part"
    if OTHER_BEFORE.search(before[-20:]) and _TIME_UNITS & set(_words(after)[:1]):
        return "other"
    if re.search(r"\baged\s*(?:between\s*)?$|\bages\s*$", before, re.I):
        return "other"
    return ""


def _opens_whole(sentence: str, stated: list, index: int) -> bool:
    return bool(WHOLE_OPENING.search(sentence[: stated[index].start])) and index + 1 < len(stated)


def _owner(sentence: str, stated: list, index: int) -> str:
    figure = stated[index]
    start, end = _part_span(sentence, stated, index)
    clause_end = _clause_end(sentence, figure.end, end)
    span_after = sentence[figure.end : clause_end]
    # The name after "from", "by", "of": whose money, whose members.
    for match in NAME.finditer(span_after):
        name = match.group(1).strip()
        if not_owner(name):
            continue
        lead = span_after[: match.start()]
        if OWNER_BEFORE.search(lead) or PLACE_BEFORE.search(lead):
            return trim_name(name)
    lead = sentence[_clause_start(sentence, start, figure.start) : figure.start]
    for match in reversed(list(NAME.finditer(lead))):
        name = match.group(1).strip()
        if not_owner(name) or match.start() == 0 and name.split()[0] in ("In", "Of", "By"):
            continue
        return trim_name(name)
    return ""


def _clause_start(sentence: str, lower: int, position: int) -> int:
    cut = max(sentence.rfind(";", lower, position), sentence.rfind(", and", lower, position))
    return cut + 1 if cut >= 0 else lower


def _clause_end(sentence: str, position: int, upper: int) -> int:
    for mark in (";", ", and ", ", while ", ", whereas "):
        cut = sentence.find(mark, position, upper)
        if cut >= 0:
            upper = cut
    return upper


def not_owner(name: str) -> bool:
    words = name.split()
    if not words or AGENCY.match(name):
        return True
    if YEAR.fullmatch(words[0]) or words[0] in (
        "USD",
        "US",
        "US$",
        "EUR",
        "SDG",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ):
        return True
    return len(name) < 2


def trim_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.rstrip(".,’'"))
    return re.sub(r"\s+(?:of|for|and|on|the|to|in)$", "", name)


def _time(sentence: str, stated: list, index: int) -> str:
    """The year or period of a figure's clause, as the sentence states it; "" when none."""
    figure = stated[index]
    start, end = _part_span(sentence, stated, index)
    lower = _clause_start(sentence, 0, figure.start)
    upper = _clause_end(sentence, figure.end, len(sentence))
    near = sentence[max(lower, 0) : upper]
    if YEAR_BEFORE.search(sentence[figure.end : min(upper, end)]):
        return "year before"
    period = PERIOD.search(near)
    if period:
        first, last = period.groups()
        if len(last) == 2:
            last = first[:2] + last
        if int(first) < int(last):
            return f"{first}-{last}"
    # The year nearest the figure in its clause, one after it first ("59% in 2022").
    own = YEAR.search(sentence[figure.end : min(upper, end if end > figure.end else upper)])
    if own:
        return own.group(1)
    years = YEAR.findall(sentence[lower : figure.start])
    if years:
        return years[-1]
    # A year the sentence opens with frames all its figures ("In 2021, …").
    opening = re.match(
        r"\s*(?:In|During|Throughout|By(?: the end of)?|Since)\s+((?:19|20)\d\d)\b", sentence
    )
    if opening:
        return opening.group(1)
    return ""
