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

from .figures import _IRREGULAR_WORDS, IRREGULAR

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
_IRREGULAR = IRREGULAR
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
PERIOD = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:(?:[-–/])\s*((?:19|20)?\d\d)|(?:to|and|through)\s+((?:19|20)\d\d))\b"
)
YEAR_BEFORE = re.compile(
    r"\b(?:the (?:previous|preceding|prior) year|the year before|last year|a year earlier|"
    r"the same period (?:of|in) the (?:previous|preceding|prior) year|the year prior)\b",
    re.IGNORECASE,
)
TARGET_BEFORE = re.compile(
    r"\b(?:target(?:ed|ing)?|aim(?:s|ed|ing)? (?:to|at)(?: (?:reach|train|support|benefit))?|"
    r"goal|planned|expected to(?: reach| benefit)?|plans? to(?: reach)?|to reach|"
    r"projected|intends? to(?: reach)?|will (?:reach|benefit|train|support)|will have [a-z]+ed|"
    r"(?:an?|the) (?:annual |overall )?plan of)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
PART_BEFORE = re.compile(
    r"(?:\bof (?:whom|which|them|these|those)|\bincluding|\bamong (?:them|whom|which)|"
    r"\bout of whom|\bwith|\bsuch as)\s*(?:some |about |around |nearly |over |almost )?$",
    re.IGNORECASE,
)
PART_AFTER = re.compile(r"^\s*(?:of (?:them|whom|these|those|which)|among them)\b", re.IGNORECASE)
WHOLE_OPENING = re.compile(
    r"(?:^|[,;:]\s*)(?:of|out of|from among) (?:the|a total of|all)?\s*(?:[a-z]+ of\s*)?$", re.I
)
PER_UNIT = re.compile(
    r"^\s*(?:each|apiece|per (?!cent\b)[a-z]+|a (?:head|month|year|day|week))\b",
    re.IGNORECASE,
)
PER_UNIT_BEFORE = re.compile(
    r"\b(?:averag(?:e|ing|ed)(?: of)?|each (?:received|receiving|got|worth)|"
    r"an average of|per capita)\s*(?:about |around |some |nearly |approximately )?$",
    re.IGNORECASE,
)
OTHER_BEFORE = re.compile(
    r"\b(?:aged|ages|age of|under|over the age of|older than|younger than|the first|"
    r"the last|the past|the next|within|during|for|in)\s*$",
    re.IGNORECASE,
)
# A capitalised name: "Government of Japan", "Ministry of Gender Equality", "Nairobi".
NAME = re.compile(
    r"\b(?:[Tt]he\s+)?((?:[A-Z][\w’'&.-]*|\([A-Z]+\))"
    r"(?:\s+(?:of|for|and|on|de|del|la|the|to|in)\s+(?:the\s+)?[A-Z][\w’'&.-]*"
    r"|\s+[A-Z][\w’'&.-]*|\s+\([A-Z]+\))*)"
)
OWNER_BEFORE = re.compile(
    r"\b(?:from|by|through|thanks to|funded by|financed by|provided by|"
    r"contributed by|support(?:ed)? (?:by|of|from))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A sentence that opens by naming who paid for all of it.
FUNDED_OPENING = re.compile(
    r"^\s*(?:With (?:funding|financing|support|a contribution|a grant) (?:from|of|by)|"
    r"Funded by|Financed by|Thanks to (?:funding from)?|"
    # "Through the programme funded by the Government of Japan, …"
    r"(?:Through|Under|With|In) (?:(?:the|a|its) )?[^,]{0,60}?(?:funded|financed|supported) by)"
    r"\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'&.-]*)(?:\s+(?:of|for|and|to)(?:\s+the)?\s+[A-Z][\w’'&.-]*|\s+[A-Z][\w’'&.-]*|"
    r"\s+\([A-Z]+\))*)\s*,"
)
PLACE_BEFORE = re.compile(r"\b(?:in|across|at|within)\s+(?:the\s+)?$", re.IGNORECASE)
# Capitalised words that open no name: currencies, goals, months.
_NOT_NAME_WORDS = """USD US US$ EUR SDG January February March April May June July August
    September October November December"""
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# Names that say who acts throughout, not whose a figure is.
AGENCY = re.compile(
    r"^(?:UN[ -]?Women|United Nations Entity|The|This|These|In|Of|By|With|CO|RO|MCO)\b|"
    r"^(?:(?:Country|Liaison|Regional|Multi-Country|Programme) )?Office\b|^Fund$|"
    r"\b(?:Country|Liaison|Regional|Multi-Country) Office\b"  # "the Ethiopia Country Office"
)


def describe(sentence: str, stated: list) -> None:
    """Fill each stated figure's ``counts``, ``owner``, ``time``, ``role`` and
    ``equivalent`` from the sentence's structure (in place)."""
    spoken = list(stated)
    # Roles first: what a figure counts can depend on whether it is a part of a total.
    for index, figure in enumerate(spoken):
        after = sentence[figure.end :]
        figure.role = _role(sentence, spoken, index) or figure.role
        changed = figure.role == "earlier" or re.search(
            r"\bfrom\s+[\d.,]+\s*(?:to|and)\s*$", sentence[: figure.start]
        )
        if figure.role == "" and _TIME_UNITS & set(_words(after)[:1]) and not changed:
            figure.role = "other"  # "a three-day training", "six months"
        if figure.role in ("", "total") and re.match(r"-[a-z]+\s+[a-z]", after):
            figure.role = "other"  # "a five-day course", "the 12-session curriculum": a frame
        # "of whom 420 were under 18", "640 were under 35": an age bound, not a count
        if re.search(
            r"\b(?:were|was|are|is|aged)\s+(?:under|over|below|above)\s*$", sentence[: figure.start]
        ):
            figure.role = "other"
    _groups(sentence, spoken)
    _totals(sentence, spoken)
    for index, figure in enumerate(spoken):
        said = _restates(sentence, spoken, index)
        if said is not None and said.role in ("", "part", "earlier"):
            figure.role = said.role  # "172 of them (80 percent)": the part again, as a share
    for index, figure in enumerate(spoken):
        said = _restates(sentence, spoken, index)
        figure.counts = said.counts if said is not None else _counted(sentence, spoken, index)
        restated = said is not None and said is not figure
        # An age, a duration or a bound frames another figure: it is nobody's.
        figure.owner = "" if figure.role == "other" else _owner(sentence, spoken, index)
        if restated and not figure.owner:
            figure.owner = said.owner  # "210 were from Ninewa, or 27 percent": Ninewa's too
        figure.time = _time(sentence, spoken, index)
        if figure.kind == "ratio" and figure.whole:
            share = 100 * figure.value / figure.whole
            figure.equivalent = f"{share:.0f}%"
        share_of_target = figure.kind == "percent" and re.match(r"\s*of\b", sentence[figure.end :])
        if (
            figure.role == ""
            and not share_of_target  # "41,7% of its resource mobilization target": reached
            and re.search(r"\b(?:target|goal|milestone|benchmark)s?$", figure.counts or "")
        ):
            figure.role = "target"  # "exceeding its 30% gender funding target"
            figure.counts = _counted(sentence, spoken, index)  # what the target is of
    for figure in spoken:
        # "By 2023, 54 of the 145 local units …": a total told with its part is of its time.
        if figure.role == "total" and not figure.time:
            timed = {f.time for f in spoken if f.role == "part" and f.time}
            if len(timed) == 1:
                figure.time = timed.pop()
    _group_comparisons(sentence, spoken)
    _shared_owners(sentence, spoken)
    for figure in spoken:
        # "The European Union provided EUR 3 million", "(USD 2.3 million)" after the
        # programme a donor funded: money a donor gives is its funding, whatever the verb.
        bare = not figure.counts or (len(figure.counts.split()) == 1 and _verb(figure.counts))
        given = figure.owner and re.search(
            r"\b(?:from|by)\s+(?:the\s+)?" + re.escape(figure.owner), sentence
        )  # a donor's, not "the Ministry of Finance tagged 9 mil USD"
        if figure.kind in ("money", "foreign") and given and bare:
            figure.counts = f"funding {figure.counts}".strip()
        elif figure.kind in ("money", "foreign") and given:
            # "mobilized funds from the Government of Japan": its funding, so mobilized
            figure.counts = re.sub(r"^(?:(\w+) )?funds\b", _funding, figure.counts)
    for figure in spoken:
        # "31 percent of the 210 delegates", "91 percent of whom were women": a share of
        # them, which the answer says as such.
        if figure.kind == "percent" and figure.counts:
            # "the proportion of women", "the percentage of": the reader's word is "share"
            figure.counts = re.sub(r"^(?:proportion|percentage)\b", "share", figure.counts)
        if (
            figure.kind == "percent"
            and figure.counts
            and not (MEASURE_NOUNS & set(figure.counts.split()))
        ):
            figure.counts = f"share of {figure.counts}"
    # "compared to 2 provinces and 19 local governments in 2021": a list compared with is of
    # the year told at its end.
    for index, figure in enumerate(spoken[:-1]):
        following = spoken[index + 1]
        if (
            figure.role == following.role == "earlier"
            and not figure.time
            and following.time
            and re.fullmatch(
                r"\s*(?:[a-z-]+\s+){0,3}(?:and|,)\s*", sentence[figure.end : following.start]
            )
        ):
            figure.time = following.time
    _places(sentence, spoken)
    # "The delivery rate reached 92,3% compared to 86% in 2021": the clause's year is the one
    # compared with, not the figure's own.
    compared = {f.time for f in spoken if f.role == "earlier" and f.time}
    for figure in spoken:
        if figure.role != "earlier" and not figure.time and str(figure.year) in compared:
            figure.year = None


def _funding(match: re.Match) -> str:
    return f"funding {match.group(1)}" if match.group(1) else "funding"


# The noun of a verb of change: "grew by 6.2 percent" is a growth in what grew. English
# morphology for the few verbs reports tell change with; any other is a "change".
CHANGE_NOUNS = {
    "grew": "growth",
    "rose": "increase",
    "increased": "increase",
    "fell": "decrease",
    "decreased": "decrease",
    "dropped": "decrease",
    "declined": "decrease",
    "reduced": "reduction",
    "improved": "improvement",
    "expanded": "expansion",
}
# Nouns that already say a figure is a measure, not a count of something.
MEASURE_NOUNS = frozenset(
    """rate share percentage proportion ratio increase growth decrease reduction rise drop
    change improvement expansion utilization delivery representation gap index coverage age
    ages""".split()  # noqa: SIM905 - a list of words reads best as words
)
# ", an increase of 18%": a change told of the figure before, in the words of change.
CHANGE_OF = re.compile(
    r"[^,;]{0,40},\s*(?:an?|the)\s+(?:[a-z]+\s+)?(?:increase|rise|decrease|drop|growth|"
    r"decline|reduction)\s+of\s*"
)


def _group_comparisons(sentence: str, stated: list) -> None:
    """ "The unemployment rate among women stood at 64 per cent in 2022, compared with 38 per
    cent among men": a figure of another group at the same time, not an earlier one."""
    for index, figure in enumerate(stated):
        if figure.role != "earlier" or not index or figure.time:
            continue
        group = re.match(
            r"\s*(?:[a-z]+\s+)?(?:among|for)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?([a-z]+)\b"
            r"(?!\s+(?:19|20)\d\d)",
            sentence[figure.end :],
        )
        if not group or group.group(1) in _TIME_UNITS:
            continue
        compared = [f for f in stated[:index] if f.role != "earlier" and f.kind == figure.kind]
        if compared:
            figure.role = ""
            figure.time = compared[-1].time
            if MEASURE_NOUNS & set(compared[-1].counts.split()):
                figure.counts = compared[-1].counts  # "38 per cent among men": the same rate


def _places(sentence: str, stated: list) -> None:
    """Where a figure stands is not whose it is: a name read after "in", "across" or "at"
    ("84 market vendors in Baucau municipality") is the figure's place, not its owner."""
    for figure in stated:
        if not figure.owner:
            continue
        at = sentence.find(figure.owner)
        lead = sentence[max(0, at - 25) : at] if at > 0 else ""
        origin = figure.kind not in ("money", "foreign") and re.search(
            r"\bfrom\s+(?:the\s+)?$", lead
        )
        if (PLACE_BEFORE.search(lead) and not OWNER_BEFORE.search(lead)) or origin:
            # "27 defenders from the Western Balkans", "34 civil servants … from the Ministry
            # of Finance": where people come from, not whose they are
            figure.place, figure.owner = figure.owner, ""
    # Else the place its clause names anywhere ("In Dnipro, UN Women distributed 6,400 …",
    # "… 3,900 market vendors … in 14 markets across Fiji"); a sentence's opening place
    # frames all of it.
    opening = re.match(r"\s*(?:In|Across|Throughout)\s+(?:the\s+)?", sentence)
    for figure in stated:
        if figure.place or figure.role == "other":
            continue
        lower = _clause_start(sentence, 0, figure.start)
        upper = _clause_end(sentence, figure.end, len(sentence))
        spans = [(lower, upper)] + ([(0, sentence.find(",") + 1)] if opening else [])
        for a, b in spans:
            place = _place_in(sentence, a, b)
            if place:
                figure.place = place
                break


def _place_in(sentence: str, start: int, end: int) -> str:
    text = sentence[start:end]
    # "In Dnipro, …": the opening preposition is no part of the name after it.
    text = re.sub(r"^\s*(In|Across|Throughout|At|Within)\b", lambda m: m.group(0).lower(), text)
    for match in NAME.finditer(text):
        lead = text[: match.start()]
        if not re.search(
            # "in Mopti", "across 12 woredas of the Amhara region"
            r"\b(?:in|across|at|within|throughout)\s+(?:the\s+)?(?:(?:all\s+)?[\d,]+\s+)?"
            r"(?:[a-z-]+\s+of\s+(?:the\s+)?)?$",
            lead,
            re.IGNORECASE,
        ):
            continue
        name = _with_place_noun(text, match)
        if not_owner(name) or _modifier(text, match) or YEAR.match(name):
            continue
        return trim_name(name)
    return ""


def _shared_owners(sentence: str, stated: list) -> None:
    """Owners a figure shares with one told after it: "grants averaging US 1,500 each,
    totaling US 34,500, funded by the European Union" (each grant's money is the EU's too),
    "grew from 60 members in 2020 to 550" (the figure grown from is the same body's)."""
    for index, figure in enumerate(stated):
        if figure.owner or figure.role == "other":
            continue
        later = [f for f in stated[index + 1 :] if f.kind == figure.kind and f.owner]
        if not later:
            continue
        gap = sentence[figure.end : later[0].start]
        each = figure.role == "per_unit" and figure.kind in ("money", "foreign")
        grown = figure.role == "earlier" and re.search(r"\bfrom\s*$", sentence[: figure.start])
        if (each and ";" not in gap) or (grown and re.fullmatch(FROM_TO_GAP, gap)):
            figure.owner = later[0].owner
    for figure in stated:
        # "19 percent of the 540 police officers deployed by Ghana": a part is its total's.
        if figure.role == "part" and not figure.owner:
            totals = [f for f in stated if f.role == "total" and f.owner]
            if len(totals) == 1:
                figure.owner = totals[0].owner
    for index, figure in enumerate(stated[1:], start=1):
        previous = stated[index - 1]
        if figure.owner or not previous.owner or figure.role == "other":
            continue
        gap = sentence[previous.end : figure.start]
        # "grew from 60 members … to more than 550 members", "improved by 2.4 points to
        # 64.5", "2,315 women, an increase of 18%": the same body's figure, changed.
        changed = (previous.role == "earlier" and re.fullmatch(FROM_TO_GAP, gap)) or (
            re.search(r"\bby\s*$", sentence[: previous.start])
            and re.fullmatch(r"\s*(?:[a-z]+\s+)?to\s*", gap)
        )
        told_again = figure.kind == "percent" and CHANGE_OF.fullmatch(gap)
        more_than = re.match(
            r"\s*(?:more|less|fewer|higher|lower) than\b", sentence[figure.end :]
        )  # "MDL 9 mil …, 30% more than in 2022": the same body's change
        if changed or told_again or more_than:
            figure.owner = previous.owner
    for index, figure in enumerate(stated[1:], start=1):
        previous = stated[index - 1]
        gap = sentence[previous.end : figure.start]
        # "2,315 women, an increase of 18% over the same period of 2021": the change is of
        # the figure's time, not of the time it is compared with.
        if figure.kind == "percent" and previous.time and CHANGE_OF.fullmatch(gap):
            figure.time = previous.time


class _Share:
    """The money a share says again ("NPR 578 billion, or 38.2 per cent of the total"): the
    share is the money's owner's, and of what the money counts, but no part of it."""

    def __init__(self, money) -> None:
        self.owner = money.owner
        self.counts = f"share of total {head_phrase(money.counts)}".strip()
        self.role = "share"


def _restates(sentence: str, stated: list, index: int):
    """The figure a share says again: "12 out of 15 (80 percent)", "23 out of 90 seats
    (25.6%)", "1,980 of them, or 65 percent," — the same count as a percentage."""
    figure = stated[index]
    if figure.kind != "percent" or not index:
        return None
    said = stated[index - 1]
    if said.kind in ("money", "foreign") and re.fullmatch(
        r"\s*,\s*or\s+(?:about\s+)?", sentence[said.end : figure.start]
    ):
        return _Share(said)  # "NPR 578 billion, or 38.2 per cent of the total": its share
    if (
        said.kind in ("money", "foreign")
        and re.fullmatch(r"\s*\(\s*", sentence[said.end : figure.start])
        and re.match(r"\s*\)", sentence[figure.end :])
    ):
        return _Share(said)  # "USD 690,000 (88 percent) had been utilized": its share
    if _family(said.kind) != "count":
        return None
    gap = sentence[said.end : figure.start]
    hedge = r"(?:about|nearly|some|almost|over|around|roughly|approximately)?\s*"
    parenthesised = re.fullmatch(
        r"\s*(?:[A-Za-z][\w'’-]*\s+){0,10}\(\s*" + hedge, gap
    ) and re.match(r"\s*\)", sentence[figure.end :])
    if parenthesised or re.fullmatch(r"\s*(?:[^,;()]{0,90}?)?,?\s*or\s+" + hedge, gap):
        # "4 of the 21 members …, or 19 percent": the part, not its whole
        if said.role == "total" and index >= 2 and stated[index - 2].role == "part":
            return stated[index - 2]
        return said
    return None


def _totals(sentence: str, stated: list) -> None:
    """Totals told by the words around them: "Of the 3,942 survivors …, 2,610 … and 1,085
    …", "60 percent of the more than 52,000 people", "bringing its support … to US$ 2.6
    million", the figures compared with after "compared to", each of many."""
    opening = [f for f in stated if f.role == "total" and WHOLE_OPENING.search(sentence[: f.start])]
    for whole in opening:
        for other in stated:
            if (
                other.start > whole.end
                and other.role == ""
                # "Of the USD 2.3 million disbursed …, 68% went to …": a share is a part too
                and (_family(other.kind) == _family(whole.kind) or other.kind == "percent")
            ):
                other.role = "part"
    for index, figure in enumerate(stated):
        after = sentence[figure.end :]
        share_of = re.match(
            r"\s*of (?:the|all)?\s*(?:more than |over |some |about |nearly )?(?=\d)", after
        )
        if figure.kind == "percent" and share_of and index + 1 < len(stated):
            figure.role = "part"
            stated[index + 1].role = "total"
        if figure.kind != "ratio" and re.search(
            r"\bbringing\b[^,;.]{0,60}\bto\s*$", sentence[: figure.start], re.I
        ):  # not "bringing its presence to 11 out of 13 municipalities": a reach, no sum
            figure.role = "total"
            for other in stated[:index]:
                if other.kind == figure.kind and other.role == "":
                    other.role = "part"
        if figure.role == "earlier":
            # "compared to 2 provinces and 19 local governments in 2021": both earlier.
            for other in stated[index + 1 :]:
                gap = sentence[stated[stated.index(other) - 1].end : other.start]
                words = _words(gap)
                listed = re.search(r"\band\b|,", gap) and len(words) <= 4
                named = bool(_phrase(sentence[other.end :]))
                if (
                    re.search(r"[;.]|\bwhile\b|\bwhereas\b|\bwith\b", gap)
                    or not listed
                    or any(_verb(w) for w in words)
                    # "up from 6 in 2022, and 74 budget officials": a new thing, its own
                    or named != bool(_phrase(sentence[figure.end :]))
                ):
                    break  # "compared with 13 in 2022, reaching 57,000 people": its own
                if other.role == "" and _family(other.kind) == _family(figure.kind):
                    other.role = "earlier"
        if (
            figure.kind in ("money", "foreign")
            and figure.role == ""
            and re.search(r"\b(?:each|every) of the\b", sentence, re.I)
        ):
            figure.role = "per_unit"  # "each of the 640 women … received USD 95"
        if (
            figure.role == ""
            and figure.kind in ("money", "foreign")
            and re.search(r"\b[a-z]+s of\s*$", sentence[: figure.start])
            and re.match(r"\s*(?:each\s+)?to\s+(?:some |about |over |nearly )?\d", after)
        ):
            figure.role = "per_unit"  # "cash transfers of PKR 25,000 to 5,640 women": each
        if figure.role == "" and re.match(r"\s*(?:[a-z]+\s+){0,2}per (?!cent)[a-z]+", after):
            figure.role = "per_unit"  # "230 cases per centre"
        if figure.role == "" and re.search(
            r"\b(?:under|below|less than|not exceeding)\s*$", sentence[: figure.start]
        ):
            figure.role = "other"  # "budgets under USD 200,000": a bound


# Words that open the parts of a total just stated: "of which", "including", "among them".
PARTS_FOLLOW = re.compile(
    r"\b(?:of (?:which|whom)|out of (?:which|whom)|includ(?:ing|ed|es)|"
    r"among (?:them|whom|which)|compris(?:ed|ing|es)|consist(?:ed|ing|s)? of)\b",
    re.IGNORECASE,
)
RANGE_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
BOUND_INSIDE = re.compile(r"\((?:less than|under|below|up to|not more than|maximum of)\s*$", re.I)
WHEN_EARLIER = re.compile(
    r"\b(?:than|above|below|compared (?:to|with)|from|over)\s+(?:in\s+)?(?:19|20)\d\d,?\s+"
    r"when\b[^,;.]{0,50}$",
    re.IGNORECASE,
)
TARGET_AFTER = re.compile(
    # "targeted" as a verb ("150 women targeted by …"), not the adjective of "targeted
    # universities adopted …"
    r"^[^,;.]{0,40}?\b(?:expected to|planned to|targeted(?!\s+[a-z]+(?:s|es)\b(?!\s+by)))\b"
    r"|^\s*planned\b",
    re.IGNORECASE,
)
INTENT_BEFORE = re.compile(
    r"\b(?:to|will)\s+(?:engage|reach|benefit|train|support|assist|cover|serve)\s+"
    r"(?:more than |over |about |around |up to |at least |some )?$",
    re.IGNORECASE,
)


def _family(kind: str) -> str:
    return "count" if kind in ("count", "ratio") else kind


def _groups(sentence: str, stated: list) -> None:
    """Roles that only the sentence's structure across figures shows: a total and its parts
    ("162 weavers (157 women and 5 men)", "548 items, of which 471 …", "86 countries …, and
    78 of them …"), ranges and bounds, an earlier year's figure told after "when"."""
    figures = [
        f for f in stated if not (f.role == "whole" and f.kind == "count" and _in_ratio(f, stated))
    ]
    for index, figure in enumerate(figures):
        before = sentence[: figure.start]
        after = sentence[figure.end :]
        following = figures[index + 1] if index + 1 < len(figures) else None
        # "between 70 and 85%", "between the ages of 15 and 49", "two to three days".
        if following is not None and re.fullmatch(
            r"\s*(?:and|to|-|–)\s*", sentence[figure.end : following.start]
        ):
            ranged = RANGE_BETWEEN.search(before) or re.search(
                r"\bages? of\s*$|\baged\s*$", before, re.I
            )
            timed = _TIME_UNITS & set(_words(sentence[following.end :])[:1]) and not re.search(
                r"\bfrom\s*$", before, re.I
            )  # "fell from 46 to 21 days" is a change, "two to three days" a range
            # "with 12 to 15 members each": a range, told with no change before it.
            spread = (
                re.fullmatch(r"\s*to\s*", sentence[figure.end : following.start])
                and figure.kind == following.kind == "count"
                and not re.search(r"(?:\bfrom|ed|\bby)\s*$", before, re.I)
            )
            if ranged or timed or spread:
                figure.role = following.role = "other"
        if BOUND_INSIDE.search(before):
            figure.role = "other"  # "(less than USD 100,000)": a cap, not a figure reached
        if WHEN_EARLIER.search(before) and figure.role in ("", "part"):
            figure.role = "earlier"  # "higher than in 2022, when it was 76%"
        enabled = re.search(
            r"\b(?:enabled|helped|supported|allowed|assisted|empowered)\b[^,;.]{0,60}\bto\s+[a-z]+\s+"
            r"(?:more than |over |about |around |up to |at least |some )?$",
            before,
        )  # "enabled the project to train 420": done, not planned
        if (
            figure.role == ""
            and not enabled
            and (INTENT_BEFORE.search(before) or TARGET_AFTER.match(after))
        ):
            figure.role = "target"  # "to engage more than 420 women", "… expected to benefit"
        if figure.role == "" and re.search(
            r"\beach (?:receiving|worth|of|getting)(?: up to)?\s*$", before, re.I
        ):
            figure.role = "per_unit"
    # A total and its parts in parentheses: "84 market vendors (42 women and 42 men)".
    for figure in figures:
        opened = sentence.find("(", figure.end)
        if opened < 0 or opened - figure.end > 45:
            continue
        between = [f for f in figures if figure.end <= f.start < opened]
        closed = sentence.find(")", opened)
        inside = [
            f for f in figures if opened < f.start < (closed if closed > 0 else len(sentence))
        ]
        if between or not inside or _family(figure.kind) != "count":
            continue
        if any(f.value == figure.value for f in inside):
            continue  # "six (6)": the same figure printed again
        counts_inside = [f for f in inside if _family(f.kind) == "count"]
        shares = [
            f
            for f in inside
            if f.kind == "percent"
            # "34 civil servants (71% women)": a share of them, named
            and (PART_AFTER.match(sentence[f.end :]) or re.match(r"\s+[a-z]+", sentence[f.end :]))
        ]
        if counts_inside or shares:
            if figure.role in ("", "part"):
                figure.role = "total"
            for part in counts_inside + shares:
                if part.role in ("", "total"):
                    part.role = "part"
    # "548 media items, of which 471 … and 52 …": every figure after the marker is a part.
    for marker in PARTS_FOLLOW.finditer(sentence):
        before = [f for f in figures if f.end <= marker.start()]
        after = [f for f in figures if f.start >= marker.end()]
        if not before or not after:
            continue
        whole = before[-1]
        if _family(whole.kind) != _family(after[0].kind):
            # "15 organizations with grants totalling US$ 410,000, including 6 led by …": the
            # whole is the figure of the parts' kind, said before the money.
            kin = [f for f in before if _family(f.kind) == _family(after[0].kind)]
            whole = kin[-1] if kin and kin[-1].role in ("", "part", "total") else whole
        # The parts run to a semicolon, or to a comma that no further part follows
        # ("including 17 donor reports, were finalized").
        stop = re.search(r";|,\s+(?![\d$]|US|USD|and\s+\d)", sentence[marker.end() :])
        end = marker.end() + stop.start() if stop else -1
        parts = [
            f
            for f in after
            if (end < 0 or f.start < end) and _family(f.kind) == _family(after[0].kind)
        ]
        # "900,000 workers, of whom 44 percent …": a share of the count is a part too.
        alike = _family(whole.kind) == _family(after[0].kind) or (
            _family(whole.kind) in ("count", "money", "foreign") and after[0].kind == "percent"
        )
        parts = [part for part in parts if part.role in ("", "part")]
        if not alike or not parts:
            continue  # "11 countries included instructions …, up from 8": no part told
        if whole.role in ("", "part"):
            whole.role = "total"
        for part in parts:
            part.role = "part"
    # "96 planners from 32 districts, and 28 of the districts …": the noun said again.
    for index, figure in enumerate(figures):
        again = re.match(r"\s*of (?:the|these|those)\s+([a-z][\w-]*)", sentence[figure.end :])
        if not again or _family(figure.kind) != "count" or figure.role not in ("", "part"):
            continue
        noun = _STEM_END.sub("", again.group(1))
        for whole in reversed(figures[:index]):
            named = [_STEM_END.sub("", w) for w in _phrase(sentence[whole.end :])]
            if _family(whole.kind) == "count" and noun in named:
                figure.role = "part"
                if whole.role in ("", "part"):
                    whole.role = "total"
                break
    # "a total of 735 women …, with Syrian refugees making up 40% of participants": a share
    # that a verb of composition says is of the count before it.
    for index, figure in enumerate(figures):
        if figure.kind != "percent" or figure.role != "":
            continue
        if not re.search(
            r"\b(?:making up|make up|made up|accounting for|account(?:ed)? for|representing|"
            r"represent(?:ed)?|comprising)\s*(?:about |nearly |some |over |almost )?$",
            sentence[: figure.start],
            re.I,
        ):
            continue
        counts_before = [f for f in figures[:index] if _family(f.kind) == "count" and f.role == ""]
        if counts_before:
            figure.role = "part"
            counts_before[-1].role = "total"
    # "86 countries …, and 78 of them …", "5 of them …, while 9 …": the total before the part.
    for index, figure in enumerate(figures):
        if not PART_AFTER.match(sentence[figure.end :]):
            continue
        if figure.kind == "percent" and re.match(
            r"\s*of (?:these|those)\b", sentence[figure.end :]
        ):
            figure.role = ""  # "97.8% of those surveyed": a share of a group it names anew
            continue
        earlier = [
            f for f in figures[:index] if _family(f.kind) == "count" and f.role in ("", "total")
        ]
        just_before = figures[index - 1] if index else None
        if (
            figure.kind == "percent"
            and just_before is not None
            and just_before.kind in ("money", "foreign")
            and just_before.role in ("", "total")
            and re.fullmatch(
                r"[^;.]{0,40}?,?\s*(?:[a-z]+\s+){0,2}", sentence[just_before.end : figure.start]
            )
        ):
            earlier = [just_before]  # "US$ 612,000, nearly 60 percent of which": of the money
        # "1,145 women from 9 regions …, and 38 percent of them": not a count told after a
        # preposition or a participle, which says more of the noun before.
        heads = [
            f
            for f in earlier
            if not (_qualifying(sentence, f) and len(_words(sentence[f.end : figure.start])) > 4)
        ]
        earlier = heads or earlier
        if earlier and _family(figure.kind) in ("count", "percent"):
            earlier[-1].role = "total"
            figure.role = "part"
            end = sentence.find(";", figure.end)
            for other in figures[index + 1 :]:
                if (
                    (end < 0 or other.start < end)
                    and other.role == ""
                    and other.kind == figure.kind
                ):
                    other.role = "part"


_STEM_END = re.compile(r"(?:ies|es|s)$")


def _qualifying(sentence: str, figure) -> bool:
    """A figure told after a preposition or a participle ("from 9 regions", "totalling 2,350
    members"): it says more of another noun, it is not the clause's own."""
    before = re.search(
        r"([A-Za-z][\w'’-]*)\s+$", sentence[max(0, figure.start - 30) : figure.start]
    )
    if not before:
        return False  # "In 2022, 1,145 women": the word before is another phrase's
    word = before.group(1).lower()
    if word == "of" and re.search(
        r"\b(?:total|number|average|sum)\s+of\s+$", sentence[: figure.start]
    ):
        return False  # "a total of 467 women": the count itself
    return word in (
        "from",
        "in",
        "across",
        "at",
        "within",
        "over",
        "during",
        "of",
    ) or word.endswith("ing")


def _in_ratio(figure, stated: list) -> bool:
    """The 20 of "7 out of 20", which the ratio already holds."""
    return any(f.kind == "ratio" and f.end == figure.end and f is not figure for f in stated)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z’'-]*", text.lower())


def _phrase(text: str, limit: int = 5) -> list[str]:
    """The noun phrase that opens ``text``: words up to the first closed-class word."""
    words = []
    tokens = re.findall(r"[^\W\d_][\w'’-]*|\S", text.lstrip())
    for position, token in enumerate(tokens):
        low = token.lower()
        if not token[0].isalpha():
            break
        if low == "and" and words and _joins_modifiers(tokens[position + 1 : position + 3]):
            words.append(low)  # "traditional and religious leaders", "Syrian and Jordanian women"
            continue
        if low in _STOP:
            if not words and (low in _DETERMINERS or low == "other"):
                continue  # "the", "a" before the noun; "14 other UN entities"
            break
        if words and (
            low in _IRREGULAR or (words[-1].endswith("s") and re.fullmatch(r"[a-z-]+ed", low))
        ):
            break  # "two partner banks opened credit lines", "1,800 women took part"
        words.append(low)
        if len(words) == limit:
            break
    return words


def _joins_modifiers(following: list[str]) -> bool:
    """Whether "and" joins two words that qualify one noun: the two words after it are words
    of a noun phrase (neither closed-class nor a verb), so the phrase goes on."""
    return len(following) == 2 and all(
        t[0].isalpha() and t.lower() not in _STOP and not _verb(t.lower()) for t in following
    )


def _relative(text: str) -> str:
    """ "who now act as champions": a relative clause that says more of the noun."""
    match = re.match(r"\s*((?:who|that|which)\s+[^,;.]{3,60}?)(?=[,;.]|\s+and\s+\d|$)", text)
    return " " + " ".join(match.group(1).split()) if match else ""


def _verb(word: str) -> bool:
    """A past or present participle, or one of the irregular verbs reports tell change with:
    English's morphology, not the reports' topics."""
    return bool(re.fullmatch(r"[a-z]+(?:ed|ing)", word)) or word in _IRREGULAR


def _noun_before(text: str) -> list[str]:
    """The noun phrase ending ``text`` before "of", a verb or a copula: "a delivery rate of"
    → delivery rate; "membership grew to" → membership; "grants averaging" → grants
    averaging; "mobilized USD" → mobilized."""
    tail = text.rstrip()
    # "funding of USD 3.9 million": before "of", a word in -ing is the noun itself.
    noun_of = bool(re.search(r"\s(?:of|at)\s*$", " " + tail))
    tail = re.sub(
        r"(?:\s+(?:of|at|was|were|is|are|had|has|have|stood at|reached|totall?ed|amounted to|"
        r"grew to|rose to|increased to|fell to|decreased to|dropped to|went up to|went down to|"
        r"to|by|from|reaching|totalling|worth|valued at|estimated at|some|about|around|"
        r"nearly|almost|over|more than|less than|up to|approximately|a total of|an additional|"
        r"additional|another|of about|of around))+\s*$",
        "",
        " " + tail,
        flags=re.IGNORECASE,
    )
    words = re.findall(r"[A-Za-z][\w’'-]*", tail)
    out: list[str] = []
    verb = ""
    for word in reversed(words[-7:]):
        low = word.lower()
        if low in _STOP:
            break
        if _verb(low) and not (noun_of and not out and low.endswith("ing")):
            if out or verb:
                break  # "mobilized funds": the verb before the noun
            verb = low  # "grants averaging", "delivery improved": the noun before the verb
            continue
        out.insert(0, low)
        if len(out) == 4:
            break
    if verb:
        # "grants averaging", "grants averaged": the noun the participle qualifies; "the
        # office mobilised": what was done, its doer aside.
        qualifies = verb.endswith("ing") or OF_THE_NOUN.match(verb)
        return out + [verb] if out and qualifies else [verb]
    return out


_AUXILIARIES = frozenset(["was", "were", "is", "are", "has", "have", "had", "will"])


def _subject(text: str) -> list[str]:
    """The noun phrase a clause opens with, up to its verb: "Delivery improved from" →
    delivery; "membership of the national weavers' association grew from" → membership of
    the national weavers' association."""
    words: list[str] = []
    tokens = re.findall(r"[A-Za-z][\w’'-]*", text)
    for position, token in enumerate(tokens):
        low = token.lower()
        if not words and (
            low in _DETERMINERS | _HEDGES | {"overall", "and", "while", "but", "whereas", "whilst"}
            and low != "all"
        ):
            continue
        if words in (["number"], ["total"]) and low == "of":
            words = []  # "the number of women elected …": women
            continue
        if not words and low in _STOP:
            return []  # "Of the USD 780,000 mobilised …": a phrase, not a clause's subject
        following = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
        # "restraining orders", "the outcome's planned budget": a participle that opens the
        # phrase or follows a possessive, before a noun, qualifies it; it is not the verb.
        qualifies = (
            _verb(low)
            and (not words or words[-1].endswith(("'s", "’s")))
            and following.isalpha()
            and following not in _STOP
            and not _verb(following)
            and following not in _AUXILIARIES
        )
        if not qualifies and (_verb(low) or low in _AUXILIARIES):
            break
        if low in _STOP and low not in ("of", "the"):
            break
        words.append(low)
        if len(words) == 7:
            break
    while words and words[-1] in ("of", "the"):
        words.pop()
    return words


def _part_span(sentence: str, stated: list, index: int) -> tuple[int, int]:
    """From the end of the figure before to the start of the next: the words that are this
    figure's own."""
    figure = stated[index]
    # The 15 of "9 out of 15" stands inside the ratio: not a neighbour.
    before = [f for f in stated[:index] if f.end <= figure.start]
    after = [f for f in stated[index + 1 :] if f.start >= figure.end]
    start = before[-1].end if before else 0
    end = after[0].start if after else len(sentence)
    return start, end


def _counted_raw(sentence: str, stated: list, index: int) -> str:
    figure = stated[index]
    after = sentence[figure.end :]
    # "six (6) key policy frameworks", "Eighty-seven percent (87%) of …": past the figure
    # printed again.
    again = re.match(
        r"\s*\((?:\d[\d.,]*\s*(?:%|percent|per cent)?|[a-z-]+|\d+ out of \d+)\)", after
    )
    if again:
        after = after[again.end() :]
    following = stated[index + 1] if index + 1 < len(stated) else None
    if figure.role == "other":
        # "aged 21 to 65", "between 18 and 60 years of age": an age; "a five-day leadership
        # course": days of it.
        ranged = [
            f
            for f in stated
            if f.role == "other"
            and re.fullmatch(
                r"\s*(?:and|to|-|–)?\s*",
                sentence[min(f.end, figure.end) : max(f.start, figure.start)],
            )
        ]
        first = min(ranged or [figure], key=lambda f: f.start)
        last = max(ranged or [figure], key=lambda f: f.start)
        if re.search(
            r"\b(?:aged?|ages?(?: of)?)\s*(?:between\s*|from\s*)?$", sentence[: first.start], re.I
        ) or re.match(r"\s*years? (?:of age|old)\b", sentence[last.end :]):
            age = "ages" if re.search(r"\bages\b", sentence[: first.start], re.I) else "age"
            if first is not last:  # "aged 10 to 19": each end is a bound of the ages told
                return f"{age}, {'lower' if figure is first else 'upper'} bound"
            return age
        unit = re.match(r"-(day|week|month|year|hour)s?\b", after)
        if unit:
            return " ".join(["duration in", unit.group(1) + "s", *_phrase(after[unit.end() :])])
        told = re.match(r"\s*(days?|weeks?|months?|years?|hours?)\b", after)
        if told and not re.search(
            r"\b(?:aged?|ages?)\s*(?:between\s*)?$", sentence[: figure.start]
        ):
            # "lasting five days", "for a period of six months": how long, in what unit
            rest = _phrase(after[told.end() :])
            return " ".join(["duration in", told.group(1), *rest])
        if last is not figure and _spread(sentence, stated, index):
            return " ".join(_phrase(sentence[last.end :]))  # "with 8 to 12 members each"
    # "from 450 to 1,300 members": the earlier figure counts what the later one does.
    if (
        following is not None
        and re.fullmatch(FROM_TO_GAP, sentence[figure.end : following.start])
        and re.search(r"\b(?:from|between)\s*$", sentence[: figure.start], re.IGNORECASE)
    ):
        own = _phrase(after)
        if own and not _verb(own[0]):
            return " ".join(own)  # "from five staff in August 2022 to two"
        later = _counted_raw(sentence, stated, index + 1)
        if later:
            return later
        # "its delivery from 81% … to 93%": what went from one to the other.
        before = _noun_before(sentence[: figure.start])
        if before and not (len(before) == 1 and _verb(before[0])):
            return " ".join(before)
        return " ".join(_subject(re.split(CLAUSE_BREAK, sentence[: figure.start])[-1]))
    # "spent USD 3.1 million of its available budget of USD 3.4 million": the budget, spent.
    of_noun = following is not None and re.fullmatch(
        r"\s*of (?:the|its|their)\s+((?:[a-z-]+\s+){1,3})of\s*",
        sentence[figure.end : following.start],
    )
    if of_noun and _family(following.kind) == _family(figure.kind):
        done = _words(sentence[max(0, figure.start - 25) : figure.start])[-1:]
        verb = done if done and _verb(done[0]) else []
        return " ".join([*of_noun.group(1).split(), *verb])
    # "USD 45,000 in sales", "US$ 2 million in grants": money's noun after "in".
    if figure.kind in ("money", "foreign"):
        match = re.match(
            r"\s*(?:USD|US\$|dollars)?\s*(?:in|of|worth of)\s+(?!the\b|[A-Z])"
            r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
            after,
        )
        if match:
            # "USD 2.4 million in institutional and programmatic grants"
            kept = [w for w in match.group(1).split() if w not in _STOP]
            words = _phrase(after[match.start(1) :])
            words = words if words and kept and words[0] == kept[0] else kept
            if words:
                return " ".join(words)
    # "9 of the 31 were elected outside the quota": what the part is, after the whole.
    if following is not None and re.fullmatch(
        r"\s*of (?:the|these|those|its|their)\s*", sentence[figure.end : following.start]
    ):
        rest = sentence[following.end :]
        copula = re.match(r"\s*(?:[a-z]+\s+)?(?:were|was|are|is|had|have|became)\s+", rest)
        words = _phrase(rest[copula.end() :] if copula else rest)
        if words:
            return " ".join(words)
    # "… won 31 out of 138 seats …, and 9 of the 31 …": the 31 named again counts the same.
    if index and re.search(r"\bof (?:the|these|those)\s*$", sentence[: figure.start]):
        same = [f for f in stated[: index - 1] if f.value == figure.value and f.counts]
        if same:
            return head_phrase(same[-1].counts)
    # "412 of them were girls", "60 of whom were elected": the part's noun is what follows.
    of_them = re.match(r"\s*(?:of (?:them|whom|these|those|which)|among them),?\s*", after)
    if of_them:
        after = after[of_them.end() :]
        # "1,980 of them, or 65 percent, found …", "172 of them (80 percent) were …": past the
        # same part told as a share.
        said = re.match(r"(?:\([^()]*\)|or [^,;]*,)\s*", after)
        if said:
            after = after[said.end() :]
    if figure.kind in ("percent", "count", "ratio"):
        # "64% of them from women and 11% from children": who the share is of.
        source = re.match(r"\s*(?:came |come )?(?:from|among)\s+(?:the\s+)?", after)
        if source and not _phrase(after):
            words = _phrase(after[source.end() :])
            if words:
                return " ".join(words)
    words = _phrase(after)
    # "720 were women": the noun after a copula.
    copula = re.match(
        r"\s*(?:were|was|are|is|became|become|remain(?:ed)?|(?:have|has|had) been)\s+", after
    )
    if not words and copula:
        words = _phrase(after[copula.end() :])
    predicate = ""
    elliptic = (
        index > 0
        and _family(stated[index - 1].kind) == _family(figure.kind)
        and bool(stated[index - 1].counts)
    )
    # A verb straight after the figure: "5 were elected", "1,085 received legal aid", "120
    # took part". For a part (or a figure with its noun left out after another's), it says
    # what was done; else an -ed word is an adjective of the noun ("580 trained women").
    verbal = bool(words) and (
        words[0] in _IRREGULAR
        or (_verb(words[0]) and (len(words) == 1 or figure.role == "part" or of_them or elliptic))
    )
    if verbal or (copula and not words):
        # "5 were elected as MPs", "112 of them won local office", "171 of which ended in
        # conviction": what it counts is the total's noun, done so.
        said = re.match(r"\s*(?:(?:were|was|are|is|had|have|has)\s+)?([^,;.()]*)", after)
        kept = said.group(1).split()[:6] if said else []
        while kept and kept[-1].lower() in _STOP:
            kept.pop()  # "… applied the gender equality and": not to end on "and"
        predicate = " ".join(kept)
        words = []
        if figure.kind in ("money", "foreign"):
            # "$2.9 million came from non-core resources": where the money came from; but
            # "of which US$ 795,000 came from the Government of Japan": a donor is whose it
            # is, and the money is part of the total's.
            prep = re.match(r"\s*\w+\s+(?:from|in|to|as|for)\s+(?:the\s+)?", after)
            named = prep and after[prep.end() : prep.end() + 1].isupper()
            words = _phrase(after[prep.end() :]) if prep and not named else []
            if words:
                return " ".join(words)
            whole = _whole_before(stated, index) if figure.role == "part" or of_them else ""
            if whole:
                # "of which EUR 1.8 million was allocated to the Western Balkans component"
                done = bool(predicate) and _verb(predicate.split()[0])
                return f"{whole} {predicate}" if done else whole
    timed = figure.role == "earlier" and bool(_TIME_UNITS & set(words[:3]))
    if (
        words
        and not timed  # "up from 89% the year before": a time, not what it counts
        and not (figure.kind == "percent" and words[0] in ("increase", "rise", "decrease"))
    ):
        rest = after[copula.end() :] if copula and not _phrase(after) else after
        return " ".join(words) + _relative_after(rest, words)
    if timed:
        words = []
    if figure.kind in ("money", "foreign"):
        # "and $1.3 million from core resources": where the money is from, unnamed.
        source = re.match(
            r"\s*from\s+(?!the\s+[A-Z]|[A-Z])(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)", after
        )
        if source:
            kept = [w for w in source.group(1).split() if w not in _STOP]
            if kept:
                return " ".join(kept)
    whole = _whole_before(stated, index) if figure.role == "part" or of_them else ""
    if whole and predicate:
        return f"{whole} {predicate}"
    if whole and of_them:
        rest = re.match(r"[^,;.]{3,40}", after)  # "60% of them under the age of 35"
        return f"{whole} {' '.join(rest.group(0).split())}" if rest else whole
    if predicate and elliptic and figure.kind != "percent":
        # "42 participants joined …, and 120 took part in …": the noun said once.
        return f"{head_phrase(stated[index - 1].counts)} {predicate}"
    # "78% of the women", "(87%) of surveyed women entrepreneurs": the noun after "of".
    of = re.match(r"[\s)]*(?:percent|per cent)?\s*of\s+(?:the\s+|all\s+|its\s+|their\s+)?", after)
    if of and figure.kind == "percent" and following is not None:
        gap = sentence[figure.end : following.start]
        whole_next = re.fullmatch(
            r"\s*of (?:the |all |its |their |a )?(?:[a-z-]+ )*?(?:of )?"
            r"(?:more than |over |some |about |nearly )?(?:USD |US\$ ?|\$)?",
            gap,
        )
        planned = re.search(r"\b(?:target|goal|plan|milestone)s?\s+of\b[^a-z]*$", gap)
        if whole_next and following.kind in ("money", "foreign") and not planned:
            # "Overall delivery reached 87% of the total budget of USD 9.4 Million": a rate of
            # the money, said of what reached it.
            lead = re.split(CLAUSE_BREAK, sentence[: figure.start])[-1]
            words = _subject(lead) or _noun_before(lead)
            if words and not _verb(words[0]):
                return " ".join(words)
        if whole_next and _family(following.kind) == "count":
            # "Over 60 percent of the more than 52,000 people reached": of the people
            words = _phrase(sentence[following.end :])
            if words:
                return " ".join(words)
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
            r"\s*(?:(?:from|by|in|to|for|on|at|among|with|under) [^,;]{0,60}?)?"
            r"\s*(?:,\s*(?:and|as well as|plus|or)?|"
            r"and|as well as|plus|or)\s*",
            lead,
        )
        and stated[index - 1].counts
    ):
        return stated[index - 1].counts  # "mobilised US$ 812,000 from Japan and 42.6M USD"
    if index and stated[index - 1].role == "earlier" and re.fullmatch(FROM_TO_GAP, lead):
        # "increased its delivery from 81% in 2023 to 93%", "from five staff … to two":
        # what went from one to the other.
        if _phrase(sentence[stated[index - 1].end :]):
            return stated[index - 1].counts
        lead = sentence[: stated[index - 1].start]
    if (
        index
        and re.search(r"\bby\s*$", sentence[: stated[index - 1].start])
        and re.fullmatch(r"\s*(?:in (?:the )?[\w/ -]{0,40}?)?,?\s*(?:[a-z]+\s+)?to\s*", lead)
    ):
        # "improved by 2.4 points to 64.5", "grew by 14 percent in the 2022/23 financial year,
        # to KES 3.8 billion": what changed, not the points it changed by; "increased its
        # budget for care centres by 30 per cent, to MXN 420 million": the verb's object.
        lead = sentence[: stated[index - 1].start]
        lead = lead[: lead.rfind(" by")]
        done = re.search(r"\b(?:[a-z]+ed|rose|fell|grew)\s+((?:[\w'’-]+\s*){1,8})$", lead)
        changed = [w for w in _words(done.group(1)) if w not in _DETERMINERS] if done else []
        words = changed or _subject(re.split(CLAUSE_BREAK, lead)[-1])
        if words:
            return " ".join(words)
    apposed = re.search(
        r"([^,;:()]+),\s*(?:currently|now|then|still|already|at|standing at)?\s*$", lead
    )
    if apposed and re.match(r"\s*(?:[,;.)]|$)", sentence[figure.end :]):
        # "the gender wage gap, currently 16 percent,": the noun phrase it is said of
        words = _noun_before(apposed.group(1))
        if words and not _verb(words[-1]) and len(words) > 1 or (words and not _verb(words[0])):
            return " ".join(words)
    by = re.search(
        r"(?:^|\s)([a-z]+ed|rose|fell|grew)\s+((?:[\w'’-]+\s+){0,7}?)by\s+"
        r"(?:an average of\s+|about\s+|nearly\s+|some\s+|over\s+)?$",
        lead,
    )
    if by and (figure.kind == "percent" or _family(figure.kind) == "count"):
        # "increased their household income by an average of 35 percent": a change in the
        # object; "reported domestic violence fell by 17%": in the subject
        change = CHANGE_NOUNS.get(by.group(1), "change")
        changed = [w for w in _words(by.group(2)) if w not in _DETERMINERS]
        if changed:
            return f"{change} in {' '.join(changed)}"
        lead_in = re.split(CLAUSE_BREAK, lead[: by.start() + 1])[-1]
        words = _subject(lead_in)
        if words and words[:2] in (["number", "of"], ["total", "of"]):
            words = words[2:]
        if words:
            return f"{change} in {' '.join(words)}"
    lead = re.split(CLAUSE_BREAK + r"|\band\b(?=\s+[a-z]+\s+(?:of|at|to|reached))", lead)[-1]
    words = _noun_before(lead)
    single_verb = len(words) == 1 and _verb(words[0])
    if words and not single_verb:
        # "The unemployment rate among women in Gaza stood at", "contributions from
        # Australia's DFAT fell to": the noun before the verb is a preposition's; the
        # subject is what the figure is of. So is "workers … now number 15,400".
        tokens = [t.lower() for t in re.findall(r"[A-Za-z][\w'’-]*", lead)]
        at = next(
            (
                i
                for i in range(len(tokens) - len(words), -1, -1)
                if tokens[i : i + len(words)] == words
            ),
            None,
        )
        before_np = [t for t in tokens[:at] if t not in _DETERMINERS] if at else []
        object_of = bool(before_np) and before_np[-1] in (
            "in",
            "among",
            "from",
            "for",
            "of",
            "at",
            "across",
            "under",
            "within",
        )
        subject = [w for w in _subject(lead) if w != "now"]
        # "in-kind support worth LKR 98 million", "a grant of $2.1 million": the noun owns the
        # figure itself, whatever preposition comes before it.
        owned = re.search(
            r"\b(?:worth|valued at|of)\s+(?:approximately |about |some |nearly |around |over )?$",
            lead,
        )
        if (
            (object_of and not owned or words in (["number"], ["total"]))
            and subject
            and subject != words
        ):
            return " ".join(subject)
    if words and (not single_verb or figure.kind in ("money", "foreign")):
        return " ".join(words)  # "mobilised US$ 812,000": money is what was done with it
    # The subject of its clause: "Delivery improved from 79% …".
    clause = re.split(CLAUSE_BREAK, sentence[: figure.start])
    subject = _subject(clause[-1]) or (
        _subject(clause[-2]) if len(clause) > 1 and not clause[-1].strip() else []
    )
    if subject:
        return " ".join(subject)
    if words:
        return " ".join(words)
    if whole:
        return whole
    # "compared to 285 in 2020": the earlier figure counts what the figure it is compared
    # with does (not "the first six months" between them).
    if figure.role == "earlier" and index:
        compared = [
            f
            for f in stated[:index]
            if _family(f.kind) == _family(figure.kind)
            and f.role not in ("other", "earlier")
            and not _in_parentheses(sentence, f)
        ]
        return (compared or stated[:index])[-1].counts
    return ""


def head_phrase(counts: str) -> str:
    """The noun phrase of what a figure counts, less what is said of it."""
    words = []
    for word in counts.split():
        adverb = bool(words) and words[-1].endswith("ly")  # "internally displaced women"
        if _verb(word) and words and not adverb or word in ("that", "who", "which"):
            break
        words.append(word)
    return " ".join(words)


# Between the two figures of "from A to B": "to", and the year of A ("from 81% in 2023 to").
FROM_TO_GAP = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,4}?(?:to|and)\s*(?:over |more than |nearly |about |around )?"
)
# Where a clause breaks: punctuation, but not the comma inside "9,130" or "USD 4,6 million".
CLAUSE_BREAK = r"(?<!\d),|,(?!\d)|[;:()]"
# Words that hedge a figure ("nearly 55 per cent"): no part of what it counts.
_HEDGES = frozenset(
    [
        "nearly",
        "about",
        "around",
        "some",
        "over",
        "almost",
        "approximately",
        "roughly",
        "more",
        "than",
    ]
)
# Words that stand for what a figure before counted ("when it was 76%").
PRONOUNS = frozenset(["it", "they", "this", "these", "that", "those", "them"])
# Verbs that say a figure is a total or an average of something named before them ("grants
# averaging US 1,500", "grants totalling US$ 410,000"): the noun before is what it counts.
OF_THE_NOUN = re.compile(r"^(?:averag|total|amount|worth)")


def _counted(sentence: str, stated: list, index: int) -> str:
    """What a figure counts (:func:`_counted_raw`), with what the sentence says elsewhere of
    it: a pronoun's figure before, a target's figure reached, "per household", "among
    participants"."""
    figure = stated[index]
    counts = _counted_raw(sentence, stated, index)
    if counts in PRONOUNS and index:
        # "the delivery rate was 83% (97% utilization), …, when it was 76%": the figure
        # before, not one in parentheses.
        before = [f for f in stated[:index] if not _in_parentheses(sentence, f)]
        counts = (before or stated[:index])[-1].counts
    if figure.role == "target" and re.fullmatch(
        r"(?:\w+ )?(?:target|goal|milestone|planned|expected)s?", counts or "target"
    ):
        reached = [f for f in stated if f is not figure and f.role in ("", "total") and f.counts]
        # The figure reached nearest before it, of its kind: "a conviction rate of 27 percent,
        # below the target of 40 percent", "against a planned USD 7 million".
        near = [
            f for f in reached if f.end <= figure.start and _family(f.kind) == _family(figure.kind)
        ]
        if near or reached:
            counts = head_phrase((near or reached)[-1 if near else 0].counts)
    if (
        index
        and figure.role == "earlier"
        and re.search(
            r"\b(?:compared (?:to|with)|up from|down from)\s+(?:a|an|the)\s+"
            r"(?:[a-z-]+\s+){1,2}of\s*$",
            sentence[: figure.start],
            re.I,
        )
    ):
        # "compared with a baseline of 41 percent": what the figure compared with counts
        compared = [f for f in stated[:index] if not _in_parentheses(sentence, f) and f.counts]
        if compared:
            counts = compared[-1].counts
    if index and re.match(
        r"\s*(?:(?:more|less|fewer|higher|lower) than|below|above)\b", sentence[figure.end :]
    ):
        # "MDL 9 mil …, 30% more than in 2022", "10 of the 15 indicators, 3 more than in
        # 2019": a change in what the figure before counts
        compared = [f for f in stated[:index] if not _in_parentheses(sentence, f) and f.counts]
        if compared:
            way = re.match(r"\s*(more|higher|above|less|fewer|lower|below)", sentence[figure.end :])
            up = way is not None and way.group(1) in ("more", "higher", "above")
            counts = f"{'increase' if up else 'decrease'} in {head_phrase(compared[-1].counts)}"
    if (
        figure.role == "earlier"
        and index
        and re.search(r"\b(?:double|twice|triple|three times) the\s*$", sentence[: figure.start])
    ):
        # "nearly twice the 31,000 reached in 2022": of what the figure compared counts
        compared = [f for f in stated[:index] if not _in_parentheses(sentence, f) and f.counts]
        if compared:
            counts = compared[-1].counts
    lone = counts and len(counts.split()) == 1 and (_verb(counts) or counts == "worth")
    said_before = _words(sentence[max(0, figure.start - 20) : figure.start])[-1:]
    if (lone and (OF_THE_NOUN.match(counts) or figure.role in ("total", "per_unit"))) or (
        not counts and said_before and OF_THE_NOUN.match(said_before[0])
    ):
        counts = _done_to(sentence, stated, index) or counts
    if not counts and index and _family(figure.kind) == "count":
        # "aims to train 5,000 women entrepreneurs …, and had reached 2,460": the noun the
        # target named
        aimed = [f for f in stated[:index] if f.role == "target" and f.counts]
        if aimed:
            counts = head_phrase(aimed[-1].counts)
    if not counts and index and figure.role == "total":
        # "bringing the total since 2019 to 17": the total of what the figure before counts
        kin = [f for f in stated[:index] if _family(f.kind) == _family(figure.kind) and f.counts]
        if kin:
            counts = head_phrase(kin[-1].counts)
    if figure.kind == "percent" and not counts:
        among = re.search(
            r"\bamong (?:the )?([a-z][\w-]*(?: [a-z][\w-]*)?)", sentence[: figure.start], re.I
        )
        if among:
            counts = " ".join(w for w in among.group(1).lower().split() if w not in _STOP)
    change = re.match(
        r"\s*(increase|rise|decrease|drop|growth|decline|reduction)\b", sentence[figure.end :]
    )
    if figure.kind == "percent" and change and not counts and index:
        # "9,418 calls, a 22 percent increase compared with the previous year": a change in
        # what the figure before counts
        told = [f for f in stated[:index] if f.counts and f.kind != "percent"]
        if told:
            counts = f"{change.group(1)} in {head_phrase(told[-1].counts)}"
    if figure.kind in ("money", "foreign") and figure.role != "earlier":
        counts = _money_done(sentence, stated, index, counts)
    spent = re.match(
        r"\s*(?:hours?|minutes?|days?)?\s*(?:a|per|each)\s+(day|week|month)\s+(?:on|doing)\s+"
        r"([^,;.()]{3,60}?)(?=[,;.()]|\s+compared\b|\s+than\b|$)",
        sentence[figure.end :],
    )
    if spent:
        # "4.6 hours per day on unpaid care and domestic work": time spent on it, per day
        counts = f"time spent on {spent.group(2).strip()} per {spent.group(1)}"
    elif index and re.match(r"\s*hours?\s+for\b", sentence[figure.end :]):
        # "compared with 1.9 hours for men": the same time, of another group
        told = [f for f in stated[:index] if f.counts.startswith("time spent on")]
        if told:
            counts = told[-1].counts
    per = re.match(r"[^,;.]{0,40}?\b(per (?!cent\b)[a-z]+)", sentence[figure.end :])
    if figure.role == "per_unit" and per and per.group(1) not in counts:
        counts = f"{counts} {per.group(1)}".strip()  # "USD 120 … per household"
    return counts


# After money, what it was for: "committed EUR 1,8 million to the follow-up phase of …",
# "earmarked IQD 6 billion for shelters", ending at a clause, a figure or a time.
MONEY_FOR = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:each\s+)?((?:for|to|towards|on|as|into|"
    # "in the annual budget", not "in 2023" or "in the first quarter"
    r"in(?=\s+(?:the|its|their)\s+(?!first|second|third|fourth|last|same|previous)[a-z]))"
    r"\s+(?![A-Z])[^,;:()]{3,90})"
)
MONEY_FOR_END = re.compile(
    r"\s+(?:in|by|during|since|over|between|from|through|under|with|and|while|which|who|"
    r"compared|up|down)\s+(?:the\s+)?(?:\d|[a-z]+\s+\d|(?:first|second|last|same|previous)\b)"
    r"|\s+(?:while|whereas|which|who|compared)\b|\s+up from\b|\s+down from\b"
)


def _money_done(sentence: str, stated: list, index: int, counts: str) -> str:
    """Money whose own words are only the verb that moved it ("committed", "the draft plan
    allocates"): the verb and what it was for, "committed to the follow-up phase of the
    gender statistics programme". English's structure around a sum, not the reports' topics."""
    figure = stated[index]
    lead = re.sub(r"\b(?:a total of|an estimated|an additional)\s*$", "", sentence[: figure.start])
    before = re.findall(r"[A-Za-z][\w'’-]*", lead)
    while before and before[-1].lower() in _HEDGES:
        before.pop()
    verb = before[-1].lower() if before else ""
    said = counts.split()
    moved = (
        bool(verb)
        and verb not in _STOP
        and (
            _verb(verb)
            and verb.endswith("ed")
            or verb in _IRREGULAR
            # "the plan allocates LKR 1.2 billion": a verb in -s read as the last noun
            or (said[-1:] == [verb] and verb.endswith("s") and not verb.endswith("ss"))
        )
    )
    bare = not said or said[-1:] == [verb] or (len(said) == 1 and _verb(said[0]))
    upper = next((f.start for f in stated[index + 1 :] if f.start > figure.end), len(sentence))
    following = sentence[figure.end : upper]
    # "the USD 2.6 million allocated by the Trust Fund to grantees": the participle after
    # the money, past the one it names as having done it.
    after = re.match(
        r"\s+([a-z]+ed)\b(?:\s+(?:by|from)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s*(?:(?:of|for|to|"
        r"and|on|against)\s+(?=[A-Z]))?)+)?",
        following,
    )
    if (not said or said == ["funding"]) and after and _verb(after.group(1)):
        verb, moved, bare, following = after.group(1), True, True, following[after.end() :]
        said = []
    if not (moved and bare):
        return counts
    match = MONEY_FOR.match(following)
    purpose = match.group(1) if match else ""
    cut = MONEY_FOR_END.search(purpose)
    words = (purpose[: cut.start()] if cut else purpose).rstrip(" .").split()[:12]
    while words and words[-1].lower() in _STOP | _DETERMINERS:
        words.pop()
    # A verb in -s has no participle English gives by rule ("allocates", "commits"): the
    # money is then said as funds for what it was for.
    done = [verb] if verb.endswith("ed") or verb in _IRREGULAR else []
    # "grants averaged USD 95,000": the noun said before the verb is what the money is;
    # else the money is funds, said after their verb, which picking reads ("tagged funds
    # in the annual budget" answers "how much did the ministry tag?").
    if done and said[-1:] == [verb] and said[:-1]:
        return " ".join([*said[:-1], verb, *(words if len(words) >= 2 else [])])
    return " ".join([*done, "funds", *(words if len(words) >= 2 else [])])


def _done_to(sentence: str, stated: list, index: int) -> str:
    """What a total or an average is of when its own word is a participle ("grants averaging
    US 1,500 each, totaling US 34,500", "acquired new funding …, totalling USD 1.35 million",
    "19 small grants … averaged US$ 95,000"): the noun of the figure just before it in its
    clause, else the object of the clause's first verb."""
    figure = stated[index]
    if index:
        previous = stated[index - 1]
        gap = sentence[previous.end : figure.start]
        if previous.counts and "," not in gap and ";" not in gap:
            return head_phrase(previous.counts)
    lower = _clause_start(sentence, 0, figure.start)
    for match in re.finditer(r"[A-Za-z][\w'’-]*", sentence[lower : figure.start]):
        word = match.group(0).lower()
        if re.fullmatch(r"[a-z]+ed", word) or word in _IRREGULAR:
            object_start = lower + match.end()
            stop = min([f.start for f in stated if f.start >= object_start] + [figure.start])
            words = _phrase(re.sub(r"\b(?:USD|US\$?|EUR)\s*$", "", sentence[object_start:stop]))
            if words and not _verb(words[0]):
                return head_phrase(" ".join(words))
            break
    return ""


def _in_parentheses(sentence: str, figure) -> bool:
    return sentence.rfind("(", 0, figure.start) > sentence.rfind(")", 0, figure.start)


def _whole_before(stated: list, index: int) -> str:
    """What the figure before counts, when a part refers back to it ("of which")."""
    kind = stated[index].kind
    totals = [f for f in stated[:index] if f.role == "total"]
    for other in reversed(totals or stated[:index]):
        # A share "of them" is of a count before it.
        alike = (
            other.kind == kind
            or {other.kind, kind} <= {"count", "ratio"}
            or (kind == "percent" and other.kind in ("count", "ratio", "money", "foreign"))
        )
        if alike and other.counts and other.role not in ("earlier",):
            # "provided funds for the programme …, of which EUR 850,000 was spent": funds
            said = re.match(r"(?:[a-z]+ed |[a-z]+ )?(funds|funding)\b", other.counts)
            return said.group(1) if said else head_phrase(other.counts)
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
        and re.fullmatch(FROM_TO_GAP, sentence[figure.end : following.start])
        and re.search(r"\b(?:from|between)\s*$", before, re.IGNORECASE)
        and figure.kind == following.kind
    ):
        return "earlier"  # "from 81% in 2023 to 93% in 2024"
    if PER_UNIT.match(after) or (PER_UNIT_BEFORE.search(before) and figure.kind != "percent"):
        return "per_unit"  # not "increased their income by an average of 35 percent"
    if _target_year(sentence, stated, index):
        return "target"
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
    # "9 of the 31 were …": a part of the whole that follows; "spent USD 3.1 million of its
    # available budget of USD 3.4 million": a part, then its whole, told by its noun.
    of_whole = r"\s*of (?:the|these|those|its|their)\s*"
    of_noun = of_whole + r"(?:[a-z-]+\s+){1,3}of\s+"
    if following is not None and (
        re.fullmatch(of_whole, sentence[figure.end : following.start])
        or re.fullmatch(of_noun, sentence[figure.end : following.start])
        and _family(following.kind) == _family(figure.kind)
    ):
        return "part"
    if index and (
        re.fullmatch(of_whole, sentence[stated[index - 1].end : figure.start])
        or re.fullmatch(of_noun, sentence[stated[index - 1].end : figure.start])
        and _family(stated[index - 1].kind) == _family(figure.kind)
    ):
        return "total"
    # "Of the 1,240 participants, 720 were women": the whole, and its parts after it.
    if WHOLE_OPENING.search(before) and following is not None:
        return "total"
    if following is not None and re.match(
        r"\s*(?:[a-z]+\s+){0,4}?(?:of whom|of which|among them|including)\b", after, re.I
    ):
        return "total"
    if index:
        opening = [
            i
            for i in range(index)
            if stated[i].role == "total" or _opens_whole(sentence, stated, i)
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
    if re.search(r"\b(?:aged|ages?(?: of)?)\s*(?:between\s*|from\s*)?$", before, re.I):
        return "other"
    if (
        figure.kind == "count"
        and re.fullmatch(r"\d+", figure.text)
        and (name := re.search(r"(?<![.!?]\s)\b(?:[A-Z]{2,}|[A-Z][a-z]+)\s$", before))
        and name.group(0).strip().lower() not in _STOP
        and not re.match(
            r"\s*(?!(?:was|is|has|as|its|this|thus)\b)(?:[a-z]+s|women|men|people|children)\b",
            after,
        )
    ):
        # "UNSCR 1325", "Article 7", "Law 26": a name's number, counting nothing (a count
        # after a name is followed by what it counts: "Kenya 120 women").
        return "other"
    return ""


def _spread(sentence: str, stated: list, index: int) -> bool:
    """One end of a range of counts ("with 12 to 15 members each"), not an age or a
    duration: it is of its clause's time."""
    figure = stated[index]
    pair = [
        other
        for other in stated
        if other is not figure
        and other.role == "other"
        and re.fullmatch(
            r"\s*to\s*",
            sentence[min(figure.end, other.end) : max(figure.start, other.start)],
        )
    ]
    if not pair:
        return False
    first = min([figure, *pair], key=lambda f: f.start)
    last = max([figure, *pair], key=lambda f: f.start)
    after = _words(sentence[last.end :])[:1]
    return not (_TIME_UNITS & set(after)) and not re.search(
        r"\b(?:aged?|ages(?: of)?|between)\s*$", sentence[: first.start], re.I
    )


def _target_year(sentence: str, stated: list, index: int) -> bool:
    """ "reducing the gap, currently 16 percent, to 8 percent by 2025": a level to reach by a
    year later than any other the sentence tells, not one compared from."""
    figure = stated[index]
    by = re.match(r"\s*by (?:the end of )?((?:19|20)\d\d)\b", sentence[figure.end :])
    if not by or not re.search(r"\bto\s*$", sentence[: figure.start]):
        return False
    if index and stated[index - 1].role == "earlier":
        return False
    others = [int(y) for y in YEAR.findall(sentence[: figure.start])]
    return bool(others) and int(by.group(1)) > max(others)


def _opens_whole(sentence: str, stated: list, index: int) -> bool:
    return bool(WHOLE_OPENING.search(sentence[: stated[index].start])) and index + 1 < len(stated)


def _owner(sentence: str, stated: list, index: int) -> str:
    """Whose a figure is: the donor it came from, the place it stands in ("from the
    Government of Japan", "in Baucau municipality"), or the body that did it ("the Parliament
    amended 4 laws"); never the office reporting, and never a name used as a noun's modifier
    ("CSO representatives", "Facebook followers")."""
    figure = stated[index]
    start, end = _part_span(sentence, stated, index)
    money = figure.kind in ("money", "foreign")
    if money:
        # "42.6M USD in funding over five years from Australia": a frame between the money
        # and its donor is no figure of its own.
        later = [f for f in stated[index + 1 :] if f.start >= figure.end and f.role != "other"]
        end = later[0].start if later else len(sentence)
    clause_end = _clause_end(sentence, figure.end, end)
    span_after = sentence[figure.end : clause_end]
    # "The UN Trust Fund's 19 small grants": the name whose figure it is, just before it.
    held = re.search(
        r"\b((?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*)[’']s\s+(?:[a-z]+\s+){0,1}$",
        sentence[: figure.start],
    )
    if held and not not_owner(trim_name(held.group(1))):
        return trim_name(held.group(1))
    reporter = _reporter(sentence, stated, index)
    if reporter:
        return reporter
    # "… and KOICA (USD 1.2 million)": the name the figure is bracketed after.
    bracketed = re.search(
        r"((?:[A-Z][\w&.-]*)(?:\s+(?:of|for|and|the)?\s*[A-Z][\w&.-]*)*)\s*\(\s*$",
        sentence[: figure.start],
    )
    if money and bracketed:
        name = trim_name(bracketed.group(1))
        if not_owner(name):
            return ""
        where = re.search(
            r"\b(?:in|across|at|within)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$",
            sentence[: bracketed.start(1)],
        )  # not "the programme in north-east Nigeria (USD 2.3 million": where it is
        if not where:
            return name
    # "The Government of Timor-Leste's allocation … reached 12.4%", "Kenya's budget …
    # grew by 14 percent": whose the clause's subject is.
    clause_start = _clause_start(sentence, 0, figure.start)
    opening = re.match(
        r"\s*(?:The\s+|the\s+)?((?:[A-Z][\w&.-]*)(?:\s+(?:of|for|and|the)?\s*[A-Z][\w&.-]*)*)"
        r"[’']s\s+[a-z]",
        sentence[clause_start : figure.start],
    )
    first = not [f for f in stated[:index] if f.start >= clause_start]
    if (
        opening
        and first
        and not not_owner(trim_name(opening.group(1)))
        and not _common_word(trim_name(opening.group(1)))
    ):
        return trim_name(opening.group(1))
    # "7 out of 11 line ministries of the Government of Malawi": the name its noun is of.
    noun_of = re.match(
        r"\s*(?:[a-z][\w-]*\s+){1,3}of\s+(?:the\s+)?((?:[A-Z][\w&.-]*)"
        r"(?:\s+(?:of|for|and|the)?\s*[A-Z][\w&.-]*)*)",
        sentence[figure.end :],
    )
    if noun_of and _family(figure.kind) == "count":
        name = _with_place_noun(sentence[figure.end :], noun_of)
        if not not_owner(name) and not PLACE_NOUNS.search(name) and not _is_country(name):
            return trim_name(name)
    # "84 market vendors (42 women and 42 men) in Baucau municipality": past its parts.
    parts = re.match(r"[^()]{0,45}\(([^()]*)\)", sentence[figure.end :])
    if parts and any(figure.end < f.start < figure.end + parts.end() for f in stated):
        after_parts = figure.end + parts.end()
        span_after = (
            sentence[figure.end : figure.end + parts.start(1) - 1]
            + sentence[after_parts : _clause_end(sentence, after_parts, len(sentence))]
        )
    # The name after "from", "by", "of", "in": whose money, where the members are.
    holder = _money_holder(sentence, figure) if money else ""
    for match in NAME.finditer(span_after):
        name = _with_place_noun(span_after, match)
        lead = span_after[: match.start()]
        if re.fullmatch(r"\s*\(\s*", sentence[figure.end + match.end() : end]) and end < len(
            sentence
        ):
            continue  # "… coming from KOICA (3.2 mil USD)": the name of the figure it brackets
        if money and OWNER_BEFORE.search(lead) and not not_owner(name):
            # "AUD 1.5 million from the Government of Australia supports …": the donor.
            return trim_name(re.split(r"\s+(?:for|to|in|on)\s+", name)[0])
        if _modifier(span_after, match):
            # "the Republic of Korea for the Together for Equality programme": the name up
            # to the word that joins it to the one it qualifies.
            name = re.split(r"\s+(?:for|to|in|on)\s+", name)[0]
            if name == match.group(1).strip():
                continue
        if not_owner(name):
            continue
        lead = span_after[: match.start()]
        if OWNER_BEFORE.search(lead) or (PLACE_BEFORE.search(lead) and not holder):
            # Not "the Government of Canada joined … with a contribution of CAD 3.5 million
            # for markets in Fiji": the money's holder before it, not where it goes.
            return trim_name(name)
    if holder:
        return holder
    opener = FUNDED_OPENING.match(sentence)
    if opener and opener.end() <= figure.start and figure.kind in ("money", "foreign"):
        return trim_name(opener.group(1))  # "With funding from the EU, USD 940,000 …"
    lead_start = _clause_start(sentence, start, figure.start)
    lead = sentence[lead_start : figure.start]
    cut = lead.rfind(",")
    offset = lead_start + cut + 1 if cut >= 0 else lead_start
    lead = sentence[offset : figure.start]  # a name before a comma is another clause's
    for match in reversed(list(NAME.finditer(lead))):
        name = _with_place_noun(lead, match)
        if not_owner(name) or _modifier(lead, match):
            continue
        if re.search(
            r"\b(?:in|across|at)\s+(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s*)+$",
            lead[: match.start()],
        ):
            continue  # "in Fiji, Tonga and Vanuatu received": the last places of a list
        if re.search(r"\bthat\b", lead[match.end() :]):
            continue  # "the Agency reported that cantons adopted 9": another clause's subject
        at_start = offset + match.start() == 0 or not sentence[: offset + match.start()].strip()
        if at_start and _common_word(name) and not match.group(0).lower().startswith("the "):
            continue  # "Women won 31 …": a capital that opens the sentence, not a name
        rest = lead[match.end() :]
        if re.match(r"\s+(?:was|were|is|are|has been|have been)\b", rest):
            continue  # "The Act … was reviewed through 14 consultations": done to, not by
        # The body that did it ("the Government adopted six"), or where it stands.
        if (
            re.match(
                r"\s+(?:has |have |had )?[a-z]+(?:ed|s)\b|\s+(?:"
                + _IRREGULAR_WORDS.replace("\n", " ").replace(" ", "|")
                + r")\b",
                rest,
            )
            or PLACE_BEFORE.search(lead[: match.start()])
            or (OWNER_BEFORE.search(lead[: match.start()]))
        ):
            return trim_name(name)
    # "71 per cent of UN Trust Fund grants": the name the share's noun is of.
    named = re.match(
        r"\s*of (?:the\s+)?((?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)\s+([a-z]+)",
        sentence[figure.end :],
    )
    if (
        figure.kind == "percent"
        and named
        and named.group(2) not in _STOP
        and not _verb(named.group(2))
        and not not_owner(trim_name(named.group(1)))
    ):
        return trim_name(named.group(1))
    # "… received 41% of the Peacebuilding Fund's allocations": whose the share is.
    possessive = re.match(
        r"\s*of (?:the\s+)?((?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*)[’']s\b", sentence[figure.end :]
    )
    if possessive:
        return possessive.group(1)
    # "adopted six (6) … compared to two in 2022", "bringing its support … to US$ 2.6
    # million": the figure said again, compared with or added to is the same body's.
    if index and (
        figure.role == "earlier"
        or _in_parentheses(sentence, figure)
        or re.search(r"\b(?:its|their)\b", sentence[stated[index - 1].end : figure.start])
    ):
        return stated[index - 1].owner
    # "162 weavers (157 women and 5 men) from Baucau": the parts are the total's.
    if figure.role == "part":
        totals = [f for f in stated[:index] if f.role == "total" and f.owner]
        if totals:
            return totals[-1].owner
    # "USD 3.9 million for Fiji, USD 2.4 million for Vanuatu": one owner for the list.
    if index and stated[index - 1].kind == figure.kind and stated[index - 1].owner:
        gap = sentence[stated[index - 1].end : figure.start]
        if re.fullmatch(r"[^;.]{0,40}?(?:,|\band\b)\s*", gap):
            return stated[index - 1].owner
    return ""


# Verbs by which a body states findings: the figures of what it states are its own.
REPORTED = re.compile(
    r"\b(?:found|find|finds|showed|shows|show|shown|reported|reports|estimated|estimates|"
    r"indicated|indicates|revealed|reveals|documented|confirmed|confirms)\s+that\b"
)
ACCORDING = re.compile(r"^\s*According to\s+(?:the\s+)?", re.IGNORECASE)
# What a body publishes its findings in: the finding is the body's, not the document's.
DOCUMENT = re.compile(r"\b(?:[Ss]urvey|[Cc]ensus|[Rr]eport|[Ss]tudy|[Aa]nalysis|[Aa]ssessment)\b")


def _reporter(sentence: str, stated: list, index: int) -> str:
    """The body whose findings a figure is: "According to the Ministry of Interior, 28
    women …", "the Palestinian Central Bureau of Statistics reported that 59 per cent …",
    "INEGI's 2021 survey found that 70.1 per cent …", "the survey, run by Statistics
    Indonesia, found that one in four …". None when the stated clause has a doer of its
    own ("the Agency reported that cantons adopted 9": the cantons').

    The body is the one named nearest before the verb of stating, or the one a document
    is of, by or run by; never UN Women, its office or a donor that paid for the work."""
    figure = stated[index]
    before = sentence[: figure.start]
    according = ACCORDING.match(sentence)
    if according:
        comma = sentence.find(",", according.end())
        if 0 <= comma < figure.start and not _doer_before(sentence[comma : figure.start]):
            name = _body_in(sentence[according.end() : comma])
            if name:
                return name
    frames = list(REPORTED.finditer(before))
    if not frames:
        return ""
    frame = frames[-1]
    stated_clause = sentence[frame.end() : figure.start]
    if ";" in stated_clause or _doer_before(stated_clause):
        return ""
    return _body_in(before[: frame.start()])


def _doer_before(text: str) -> bool:
    """Whether a clause names who did what the figure after it counts: "… that cantons
    adopted 9", "…, and the police issued 36,400"; not "… were killed"."""
    doer = re.search(r"\b[a-z]+\s+(?:has |have |had )?[a-z]+ed\s+(?:\S+\s+){0,2}$", text)
    return bool(doer) and not re.search(r"\b(?:was|were|is|are|been|be)\s+\S*$", text)


def _body_in(text: str) -> str:
    """The body a stretch of text names last: a name that is no document, no donor and
    not UN Women ("Statistics Indonesia and the Ministry of …", "INEGI"); else the
    document's own name."""
    text = re.sub(
        r"\b(?:with|through|thanks to)\s+(?:the\s+)?(?:technical\s+|financial\s+)?"
        r"(?:support|funding|assistance|help)\s+(?:of|from)\s+[^,]*",
        " ",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        r"\b(?:from|by|funded by|financed by)\s+the\s+(?:European Union|Government of [A-Z][\w-]*)",
        " ",
        text,
    )
    names = []
    for match in NAME.finditer(text):
        name = trim_name(_with_place_noun(text, match))
        if not_owner(name) or _is_country(name) or YEAR.fullmatch(name):
            continue
        if _common_word(name) and not re.search(r"[’']s\s*$", text[: match.end() + 2]):
            continue
        owned = re.match(r"[’']s\s+([a-z]+)", text[match.end() :]) or re.match(
            r"\s+([a-z]+)", text[match.end() :]
        )
        if re.search(r"[’']s$", match.group(0)) and owned and not DOCUMENT.match(owned.group(1)):
            continue  # "an analysis of Hurricane Beryl's impact": what it is about
        names.append((match, name))
    if not names:
        return ""
    # "the ENDIREH survey": a name its document's word follows is the document's.
    bodies = [
        (m, n)
        for m, n in names
        if not DOCUMENT.search(n) and not DOCUMENT.match(text[m.end() :].strip())
    ]
    if bodies:
        match, name = bodies[-1]
        # "Statistics Indonesia and the Ministry of …": a pair that ran it together.
        return re.sub(r"[’']s$", "", name)
    return re.sub(r"[’']s$", "", names[-1][1])


def _money_holder(sentence: str, figure) -> str:
    """Whose money is said before it: "Japan's contribution of US 75,000", "the SDC
    commitment of USD 2,76 million", "the Fund for Gender Equality awarded 27 grants worth
    … USD 9.6 million", "the Government of Japan funded … with a grant of $1.2 million"."""
    lead = sentence[_clause_start(sentence, 0, figure.start) : figure.start]
    held = re.search(
        r"((?:[A-Z][\w&.-]*)(?:\s+(?:of|for|and|the)?\s*[A-Z][\w&.-]*)*)(?:[’']s)?\s+"
        r"(?:[a-z-]+\s+){1,2}(?:of|worth)\s+(?:about |around |some |nearly )?$",
        lead,
    )
    holder = trim_name(held.group(1)) if held else ""  # "The SDC commitment of": SDC
    if holder and not not_owner(holder) and not _common_word(holder):
        return holder
    doers = [
        match
        for match in NAME.finditer(lead)
        if re.match(r"\s+(?:has |have |had )?[a-z]+ed\b", lead[match.end() :])
        and not not_owner(match.group(1).strip())
        and not _common_word(match.group(1).strip())
    ]
    return trim_name(doers[-1].group(1).strip()) if doers else ""


# Nouns that make a place of a name: "Baucau municipality", "Kisumu county".
PLACE_NOUNS = re.compile(
    r"\s+(municipalit(?:y|ies)|districts?|provinces?|count(?:y|ies)|regions?|cit(?:y|ies)|"
    r"governorates?|states?|department|camps?)\b"
)


def _with_place_noun(text: str, match: re.Match) -> str:
    place = PLACE_NOUNS.match(text, match.end())
    return match.group(1).strip() + (place.group(0) if place else "")


def _modifier(text: str, match: re.Match) -> bool:
    """A name that qualifies the noun after it ("CSO representatives", "Oasis centres")."""
    if PLACE_NOUNS.match(text, match.end()):
        return False
    following = re.match(r"\s+([a-z][\w-]*)", text[match.end() :])
    if not following:
        return False
    word = following.group(1)
    return not (_verb(word) or word in _STOP or re.fullmatch(r"[a-z]+s", word) and _verb_like(word))


def _verb_like(word: str) -> bool:
    # "adopts", "supports": a verb in -s after a name; "centres", "followers": nouns.
    return word in ("has", "is", "was", "does")


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
    # "Gender-responsive budgeting": a word that a hyphen joins to a lower-case one
    return len(name) < 2 or bool(len(words) == 1 and re.search(r"-[a-z]", name))


def _is_country(name: str) -> bool:
    from .countries import name_index

    return name.lower() in name_index()


def _common_word(name: str) -> bool:
    from wordfreq import zipf_frequency

    from .countries import name_index

    words = name.split()
    if name.lower() in name_index():
        return False  # "Japan's contribution": a country, however often it is written
    # "Gender-responsive budgeting was applied": common words joined by a hyphen
    return len(words) == 1 and all(
        zipf_frequency(part, "en") >= 4.0 for part in words[0].lower().split("-") if part
    )


def trim_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.rstrip(".,’'"))
    return re.sub(r"\s+(?:of|for|and|on|the|to|in)$", "", name)


def _time(sentence: str, stated: list, index: int) -> str:
    """The year or period of a figure's clause, as the sentence states it; "" when none.

    A year the figure is compared with ("an increase of 26% over 2022", "higher than in
    2022") is not its own; a year that opens the sentence frames every figure after it."""
    figure = stated[index]
    # A duration ("lasting five days", "in the first six months of 2023"), not an age ("60
    # years of age") nor a time counted from something ("six months later").
    duration = figure.role == "other" and (
        (
            bool(_TIME_UNITS & set(_words(sentence[figure.end :])[:1]))
            and not re.match(
                r"\s*\w+\s+(?:of age|old|later|after|earlier|before|since|of its)\b",
                sentence[figure.end :],
            )
        )
        or bool(re.match(r"-(?:day|week|month|year|hour)", sentence[figure.end :]))
    )
    if figure.role == "other" and not _spread(sentence, stated, index) and not duration:
        return ""  # an age or a bound: no time of its own; a duration is of its clause's
    start, end = _part_span(sentence, stated, index)
    lower = _clause_start(sentence, 0, figure.start)
    upper = _clause_end(sentence, figure.end, len(sentence))
    own_end = min(upper, end if end > figure.end else upper)
    earlier = figure.role == "earlier"
    change = figure.kind == "percent" and re.match(
        r"\s*(?:increase|decrease|rise|drop|growth|reduction|decline)\b", sentence[figure.end :]
    )  # "a 22 percent increase compared with the previous year": this year's change
    before_year = YEAR_BEFORE.search(sentence[figure.end : own_end])
    compared_before = before_year and re.search(
        r"\b(?:than|over|on|compared (?:to|with)|from)\s+$",
        sentence[figure.end : figure.end + before_year.start()],
    )  # "28% more than the previous year": compared with it, this year's
    if before_year and not change and not compared_before:
        return "year before"
    # Its own words after it first: "trained 560 women … in 2021" after "for 2020-2022",
    # "compared with USD 14.3 million … in 2021-2024" after "for 2025-2028".
    period = _period(sentence[figure.end : own_end])
    if period:
        return period
    # The year nearest the figure in its own words, one after it first ("59% in 2022").
    own = _own_years(sentence, figure.end, own_end, earlier)
    if own:
        return own[0]
    since = re.search(
        r"\bsince ((?:19|20)\d\d)\b[^,;.\d]*$", sentence[max(start, lower) : figure.start]
    )
    if figure.role == "total" and since:
        return f"since {since.group(1)}"  # "bringing the total since 2019 to 17"
    period = _period(sentence[max(start, lower) : own_end])
    if period:
        return period
    # Years told of a figure compared with ("compared to 66% in 2022", "up from 40 in 2023,
    # with a combined membership of 3,720") are that figure's.
    masked = sentence
    for other_index, other in enumerate(stated):
        if other is not figure and other.role == "earlier":
            _, stop = _part_span(sentence, stated, other_index)
            masked = masked[: other.start] + " " * (stop - other.start) + masked[stop:]
    years = _own_years(masked, max(start, lower), figure.start, earlier)
    if years and not earlier:  # "In 2022, … increased from 214 to 386": 214 is not 2022's
        return years[-1]
    if earlier:
        # "slightly above 2021, when delivery stood at 69%": the year compared with.
        when = re.search(r"((?:19|20)\d\d),?\s+when\b[^,;.]{0,50}$", sentence[: figure.start])
        return when.group(1) if when else ""
    if figure.role == "part":
        # "Over 1,600 women took part in 2022-2023, and 312 of them were elected": the
        # total's time.
        totals = [f for f in stated[:index] if f.role == "total" and f.time]
        if totals:
            return totals[-1].time
    # The clause's time, though another figure stands between ("3,100 officers from 14
    # states were trained in 2021"); else the one the sentence opens with, before its first
    # figure ("Between 2018 and 2020, …", "Since 2016, …"), which frames all its figures.
    first = min((f.start for f in stated), default=len(sentence))
    for a, b in ((lower, upper), (0, first)):
        stamp = _stamp(masked, a, b, figure.start)
        if (
            stamp.startswith("since")
            and a == 0
            and re.search(r";|,\s*(?:and|while|whereas)\b", sentence[first : figure.start])
        ):
            continue  # "Since 2016, UN Women has supported …; 76 per cent have seen …": now
        if stamp:
            return stamp
    # "Delivery improved from 79% in 2023 to 92% in 2024, and the office mobilized USD 1.2
    # million": a clause joined by "and" with no time of its own is of the one before it.
    joined = re.search(r",\s*and\b[^;]*$", sentence[: figure.start])
    told = {f.time for f in stated[:index] if f.role in ("", "total") and f.time}
    if joined and len(told) == 1 and YEAR.fullmatch(next(iter(told))):
        return next(iter(told))
    spoken = TIME_PHRASE.search(masked)
    if spoken and figure.role != "earlier" and not duration:
        return " ".join(spoken.group(1).lower().split())
    return ""


# A year a figure is compared with, not its own: "over 2022", "than in 2022", "since 2018".
COMPARED_YEAR = re.compile(
    r"(?:\bover|\babove|\bbelow|\bthan(?: in)?|"
    r"\bcompared (?:to|with)(?: the same period (?:of|in))?|\bsince|"
    r"\bbefore|\bversus|\bvs\.?|\bagainst|\b(?:increase|decrease|rise|drop) on)\s*$",
    re.IGNORECASE,
)
# A time the sentence gives in words: "in the last quarter", "over six years", "during the
# first year of the Strategic Plan", "six months later", "over the programme period".
TIME_PHRASE = re.compile(
    r"\b(?:in|during|over|within|throughout)\s+((?:the\s+)?(?:(?:first|last|past|second|third|"
    r"fourth|final|same|entire|whole|previous|reporting|programme|project)\s+)?(?:\w+\s+)?"
    r"(?:quarter|year|years|months|month|semester|half|phase|period|weeks)"
    r"(?:\s+of\s+(?:the\s+|its\s+)?[A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)*)?)",
    re.IGNORECASE,
)


def _own_years(sentence: str, start: int, end: int, compared: bool = False) -> list[str]:
    """Years printed between ``start`` and ``end`` that are not years compared with (unless
    ``compared``: the earlier figure's own year is the one compared with)."""
    return [
        match.group(1)
        for match in YEAR.finditer(sentence, start, max(start, end))
        if compared
        or not COMPARED_YEAR.search(sentence[max(0, match.start() - 40) : match.start()])
    ]


def _period(text: str) -> str:
    """The first period ``text`` states, as "2018-2020" ("2022/23" → "2022-2023"); "" when
    none (or when its years do not run forward)."""
    period = PERIOD.search(text)
    if not period:
        return ""
    first, last = period.group(1), period.group(2) or period.group(3)
    if len(last) == 2:
        last = first[:2] + last
    return f"{first}-{last}" if int(first) < int(last) else ""


def _stamp(sentence: str, start: int, end: int, before: int | None = None) -> str:
    """The period ("2018-2020"), "since 2016" or year a stretch of a sentence states, not
    one it compares with or sets as a deadline ("by 2022")."""
    text = sentence[start:end]
    period = _period(text)
    if period:
        return period
    since = re.search(r"\bsince (?:late |early |mid-)?((?:19|20)\d\d)\b", text, re.IGNORECASE)
    if (
        since
        and before is not None
        and start + since.start() < before
        and re.search(r"[a-z]+ed\s+$", text[: since.start()])
    ):
        since = None  # "the cooperatives supported since 2019 employ 432": of the noun
    if since:
        return f"since {since.group(1)}"
    for match in YEAR.finditer(sentence, start, max(start, end)):
        lead = sentence[max(0, match.start() - 40) : match.start()]
        if not COMPARED_YEAR.search(lead) and not re.search(r"\bby\s*$", lead, re.I):
            return match.group(1)
    return ""
