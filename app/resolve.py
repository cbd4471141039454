"""Question → an interpretation: what is asked, the operation, and what it is about.

The question is first read as typed: its language, its accents taken off, its typing
errors corrected against the words the reports and the vocabulary use (``app/spelling.py``).
Then ``app/vocabulary.py`` (the one place that says which words mean what, in English,
Spanish and French) gives the figure asked for, the operation (a value, a ranking, a total,
a list of milestones met or missed) and the kind of figure a stated-figure answer needs;
the catalog gives the subjects: codes, countries, places, partners. A follow-up ("and in
2023?", "what about Kenya?") takes what it does not say from the previous question.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache

from indexing.countries import (
    OFFICE_WORDS,
    capital_of,
    country_name,
    demonym,
    foreign_demonym,
    is_country,
    name_index,
    people,
)
from indexing.countries import _demonyms as demonym_table
from indexing.figures import WORDS as _NUMBER_WORDS
from indexing.figures import counted_in_question, figures

from . import glossary
from .abbreviations import country_codes, spell_out
from .catalog import Catalog, tokens
from .spelling import language, strip_accents
from .vocabulary import (
    ABOUT,
    ANY,
    ASKED,
    ASKED_HEAD,
    ASKS_A_NAME,
    ASKS_WHY,
    BUDGET_LINES,
    BY_HOW_MUCH,
    CHANGE,
    CODE_ASKED,
    COMPARATIVE,
    COMPARE,
    EARLIER,
    FIGURE_WORDS,
    FOLLOW_UP,
    FROM_NOTES,
    FUNDING_CARD,
    GENERIC_PARTNER_WORDS,
    HOW_DOING,
    KIND_WORDS,
    LARGEST,
    LEVEL_BEFORE_CODE,
    LEVEL_WORDS,
    LISTED,
    LISTING,
    MET,
    MISSED,
    MONEY,
    MONEY_VERBS,
    MONEY_WORDS,
    NARRATIVE_WORDS,
    NEGATION,
    PERCENT,
    QUESTION_WORDS,
    REGIONS,
    SHARE_OF,
    SMALLEST,
    SUMMARY_WORDS,
    TOTAL,
    UN_WOMEN_RECEIVES,
)

NUMBER_WORDS = set(_NUMBER_WORDS) | {"one", "both", "all", "each", "every", "first", "second"}
MONEY_FIGURES = {
    "planned",
    "actual",
    "shortfall",
    "expenses",
    "budget",
    "contribution",
    "core",
    "non_core",
}
ROW_FIGURES = {"target", "baseline", "milestone"}
CODE = re.compile(r"\b([A-Za-z0-9]{2,4}_[DOdo]_\d+(?:\.\d+)*)\b")
CODE_TEXT = re.compile(r"\b[A-Za-z0-9]{2,4}_[DOdo]_\d+(?:\.\d+)*\b")
YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")
SHORT_YEAR = re.compile(
    r"(?:\b(?:in|for|of|from|to|and|vs|fy)\s*|['’]|\bFY)(\d{2})\b(?![.,%]\d)", re.I
)
__all__ = ["ANY", "Query", "names", "resolve", "topic_words"]


@dataclass
class Query:
    text: str
    codes: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    iso3s: list[str] = field(default_factory=list)
    unknown_countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    aggregate: str = ""  # largest, smallest, total
    status: str = ""  # missed or met, for "which milestones were missed"
    level: str = ""  # output or outcome, when the question says which
    narrative: bool = False
    # "Give me a summary of …", "brief me on …": the notes' main points, not one figure.
    summary: bool = False
    funding_card: bool = False  # the briefing card's funding part only
    # The kinds of stated figure that would answer it (money, foreign, percent, count,
    # ratio); empty when the question asks for no quantity.
    asks: set[str] = field(default_factory=set)
    asks_first: set[str] = field(default_factory=set)
    # Whether it asks for the figure a report compares with ("the year before").
    earlier: bool = False
    # Places named that only one country's reports mention ("Kisumu"): they say where.
    places: set[str] = field(default_factory=set)
    # Words the reading above took as saying which figure is asked ("shortfall", "donor",
    # "largest"): they say what is asked, not what about.
    consumed: set[str] = field(default_factory=set)
    # The words each figure word of the lexicon was read from ("contributing other resources"
    # for non_core): given back to the topic when they turn out to describe a record.
    figure_words: dict[str, set[str]] = field(default_factory=dict)
    language: str = "en"
    # The question as read: lower case, accents off, typing errors corrected.
    read: str = ""
    # What it is about, for search: the question as read, or for a follow-up that names no
    # topic of its own, the previous question's.
    meaning: str = ""
    corrections: list[tuple[str, str]] = field(default_factory=list)
    spelled_out: list[tuple[str, str]] = field(default_factory=list)  # ("tgt", "target")
    # Words that stand for one thing ({"danish", "denmark"}): a text holding one holds all.
    alike: list[set[str]] = field(default_factory=list)
    # The budget lines it names (planned, actual, expenses), for a difference between two.
    lines: list[str] = field(default_factory=list)
    asked_groups: list[list[str]] = field(default_factory=list)
    given: list[float] = field(default_factory=list)
    # "How many of the 1,122 women … were refugees?": the words that single out the part of
    # a group asked about; a figure answers only from a sentence that says them.
    part: list[str] = field(default_factory=list)
    # Figures the question sets as a bound ("under 35", "more than 500"): a sentence that
    # prints none of them does not count what the question counts.
    bounds: list[float] = field(default_factory=list)
    # "Why …?": a reason is asked.
    asks_why: bool = False
    # "and the year before?": the years were moved back a year from the last question's
    # (a note of that year compares with the one before it, no longer asked).
    years_back: bool = False
    # "who financed those?": the sentences the last answer quoted, read first.
    quoted: list = field(default_factory=list, repr=False)
    # "KOIKA": a slip one letter from one partner's short name, and the name it was for.
    respelled: tuple = ()
    # "how much does the note say was mobilised from them?": the notes are where to read.
    from_notes: bool = False
    # "Which agencies …?", "what municipality …?": the kind of name asked for, which the
    # sentence that answers names by instance ("the RCO, ILO and FAO"), not by that word.
    asked_head: str = ""
    # What "how many …" asks to be counted ("one-stop centres"), in English words.
    counted: str = ""
    # "What share of its planned budget did it receive?": "funded" (actual of planned) or
    # "unfunded" (the shortfall of planned), worked out from the printed lines.
    share: str = ""
    # The two budget lines a difference is worked out between (minuend, subtrahend).
    difference: tuple[str, ...] = ()
    inherited: list[str] = field(default_factory=list)  # what a follow-up took over
    # What the previous answer listed ({"kind", "code", "partner", "label"}), set once the
    # question is answered: what a follow-up operates on.
    answered: list = field(default_factory=list, repr=False)
    # The figures (facts) and citations its answer gave, and those of the answer before it:
    # "how much bigger is that?" sets the two side by side. ``between``: the two (fact,
    # citation) pairs a follow-up works out the difference of.
    shown: tuple = field(default=(), repr=False)
    shown_before: tuple = field(default=(), repr=False)
    # What the answer before the last one listed ("… and the econ empowerment one? — actual
    # budgets, both"): its records, for a question about both.
    answered_before: list = field(default_factory=list, repr=False)
    between: tuple = field(default=(), repr=False)
    vectors: dict[str, list[float]] = field(default_factory=dict, repr=False)
    # -- the rest of the interpretation, completed by app.answering.reading.interpret before
    # any writer runs; writers read these and never the question's text.
    # What is asked (one of app.answering.intent.MEASURES) and what is done with it (one of
    # OPERATIONS), and how each was read: "words" (the lexicon), "meaning" (the classifier).
    measure: str = ""
    operation: str = "value"
    read_by: dict[str, str] = field(default_factory=dict)
    # The records it names, each found by code, label, meaning or from the last answer
    # (app.answering.naming.Named); their codes are in ``codes`` too, indicators' ids in
    # ``indicators``.
    records: list = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    # Partners a follow-up sets aside ("who else funds it?"), and figures a note states that
    # the last answer gave.
    excluded_partners: list[str] = field(default_factory=list)
    excluded_figures: list[float] = field(default_factory=list)
    # When two readings are close: what to ask, and the choices (app.answering.model.Choice).
    ask_back: str = ""
    choices: list = field(default_factory=list)
    # The words that say what it is about (topic_words) and the names it holds (names),
    # read once.
    topic: list[str] = field(default_factory=list)
    named: set[str] = field(default_factory=set)
    # Where each part of the scope came from: "question", "sidebar" or "previous".
    scope_from: dict[str, str] = field(default_factory=dict)
    # The code of a record is asked: which outcome or output the question describes.
    asks_code: bool = False
    levels: list[str] = field(default_factory=list)  # every level the question names
    # Names in capitals nothing here knows and nothing is near ("USAID"): never mentioned.
    unheard: list[str] = field(default_factory=list)
    # Parts of the world named ("Africa", "the Middle East"): a collection question's scope.
    regions: list[str] = field(default_factory=list)
    # A follow-up's own topic words ("what about the output on the care strategy?").
    own_topic: list[str] = field(default_factory=list)
    # The outcomes whose notes a question about a note names by topic: read first.
    focus: list[str] = field(default_factory=list)
    # The previous answer's items a follow-up operates on ("which of them is the largest?").
    over_previous: list = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def figure(self) -> str:
        return self.figures[0] if self.figures else ""


# "under 35", "more than 500", "at least 10": the figure after it bounds what is counted.
BOUND_BEFORE = re.compile(
    r"\b(?:under|over|above|below|aged|older than|younger than|at least|at most|more than|"
    r"less than|fewer than|up to|menos de|mas de|más de|moins de|plus de)\s*$",
    re.IGNORECASE,
)


# Which one does something most, in Spanish and French: the adverb after the verb.
WHICH_MOST = re.compile(
    # "¿Quién más …?" is who else.
    r"^\W*(?:(?:y|e|et|and|mais|pero)\W+)?"
    r"(?:cual(?:es)?|quien(?:es)?(?! mas\b)|(?:le|la|les)?quel(?:le)?s?|qui)\b.*\b(?:mas|le plus)\b"
    r"(?! (?:que|de|d'|grand|alto))|"
    # "which outcome gets more from them, …?": "more" with no "than", over the ones named.
    r"(?:^|[:;\-–—]\s)\W*(?:(?:and|so|ok)\W+)?(?:which|who)\b(?!.*\bthan\b).*\bmore\b(?! than)"
)


# A part of a group asked: "how many of the <group> were <part>", "of the <group>, how many
# <part>", and the same in Spanish and French.
_VERB = (
    r"(?:were|are|was|is|went to|go to|had|have|has|came from|come from|belong(?:ed)? to|"
    r"eran|fueron|son|tenian|etaient|sont|ont ete|avaient)"
)
PART_OF = (
    re.compile(rf"\bhow many of (?:the|these|those)\b(?P<whole>.+?)\b{_VERB}\b(?P<part>.+)$"),
    # "how many Dalit women were among the elected women representatives …"
    re.compile(
        r"\bhow many\b(?P<part>.+?)\b(?:were|are|was|is)\s+(?:among|of)\s+"
        r"(?:the|these|those)\b(?P<whole>.+)$"
    ),
    re.compile(
        r"^\W*(?:of|among|out of|de|entre|parmi|sur) (?:the|these|those|los|las|les|ces)\b"
        rf"(?P<whole>.+?),\W*(?:how many|cuant[oa]s|combien)\b(?:\s+{_VERB}\b)?(?P<part>.+)$"
    ),
    re.compile(
        r"\b(?:cuant[oa]s de (?:los|las|esos|esas)|combien (?:des|de ces|parmi les))\b"
        rf"(?P<whole>.+?)\b{_VERB}\b(?P<part>.+)$"
    ),
)


def part_asked(lower: str) -> list[str]:
    """The words that single out the part of a group a question asks for ("were refugees":
    refugees), less any the group itself is described by; [] when it asks for no part."""
    text = strip_accents(lower)
    for pattern in PART_OF:
        match = pattern.search(text)
        if match:
            whole = set(tokens(match.group("whole")))
            part = [t for t in tokens(match.group("part")) if not t[0].isdigit()]
            return [t for t in part if t not in whole]
    return []


def _has(text: str, words) -> bool:
    return any(True for word in words for _ in _matches(text, word))


def _matches(text: str, word: str):
    """Where a vocabulary phrase stands in ``text``: at the start of a word ("contribut" →
    "contributed"); a short one, or one written with a final "$", only as a whole word,
    plural allowed ("sum" is not "summary", "actual$" is not "actually"). A phrase right
    after a negation ("planned, not actual") is set aside, not asked for."""
    for match in _phrase(word).finditer(text):
        if not _NEGATED.search(text[: match.start()]):
            yield match


@lru_cache(maxsize=4096)
def _phrase(word: str) -> re.Pattern:
    whole = word.endswith("$") or (len(word.strip()) <= 4 and word[-1:].isalpha())
    end = r"(?:s|es)?(?![a-z])" if whole else ""
    # "other-resources", "non core": a phrase's words joined by a hyphen or a space alike.
    body = re.sub(r"\\[ \-]", r"[ \\-]", re.escape(word.rstrip("$")))
    return re.compile(rf"(?<![a-z]){body}{end}")


_NEGATED = re.compile(rf"\b{NEGATION}$")


def _matched_words(text: str, phrases) -> set[str]:
    """The whole words of ``text`` that the phrases matched ("contribut" → "contributed")."""
    found: set[str] = set()
    for phrase in phrases:
        for match in _matches(text, phrase):
            rest = re.match(r"[a-z'\-]*", text[match.end() :]).group(0)
            found.update((match.group(0) + rest).split())
    return found


def read(question: str, catalog: Catalog, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The question as the vocabulary is written: lower case, no accents, "resultado
    MEX_D_2.1" read as "outcome MEX_D_2.1", a Spanish or French question's domain words in
    English, typing errors corrected."""
    lower = strip_accents(question.lower().replace("’", "'"))
    for phrase, english in _glossary(lang):
        lower = phrase.sub(english, lower)
    if lang == "fr":
        # "d'agricultrices", "l'édition": the word without its elided article (after the
        # glossary, whose phrases keep theirs: "taux d'execution"); "combien d'" counts.
        lower = re.sub(r"\bcombien d'", "combien de ", lower)
        lower = re.sub(r"\b(?:d|l|qu|n|s|j|m|t|c)'(?=[a-z])", "", lower)
    for level, words in LEVEL_BEFORE_CODE.items():
        lower = re.sub(
            rf"\b(?:{words})\s+(?=(?:del?\s+|l')?[a-z]{{2,4}}_[a-z]_\d)", f"{level} ", lower
        )
    if lang != "en":
        # "el gobierno sueco", "le gouvernement japonais": a donor country by its adjective.
        lower = re.sub(r"[a-z]{5,}", lambda m: _donor_for_people(m, catalog, lang), lower)
        # A typing error is told from a word by how common it is in English, Spanish or
        # French; with the accents taken off, Spanish and French words are not found there.
        # Country names are still read through (resolve's _countries). Words the glossary
        # does not hold reach the English notes as their cognates ("piloto" → "pilot").
        keep = glossary.words(lang)
        keep |= set(name_index()) | _lexicon_words()
        english, _ = catalog.speller.english(lower, keep)
        return english, []
    # "the Swedes", "Japanese funding": the country, as the reports name its donors; a
    # government named by its capital ("Ottawa") unless the reports name the city itself.
    lower = re.sub(r"[a-z]{4,}", _country_for_people, lower)
    lower = re.sub(
        r"[a-z]{4,}",
        lambda m: _country_for_capital(m, catalog),
        lower,
    )
    # Abbreviations typed in capitals ("USAID") are names, never typing errors.
    keep = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", question)}
    return catalog.speller.correct(lower, keep)


def _country_for_capital(match: re.Match, catalog: Catalog) -> str:
    """ "Ottawa" → "ottawa canada" when a donor government of that country is indexed (a
    capital that hosts others' institutions, "Brussels", names no donor here)."""
    word = match.group(0)
    iso3 = capital_of(word)
    if not iso3 or word in catalog.places:
        return word
    country = strip_accents(country_name(iso3).lower())
    donors = {a for p in catalog.funding_partners for a in catalog.partner_aliases(p)}
    return f"{word} {country}" if country in donors else word


def _donor_for_people(match: re.Match, catalog: Catalog, lang: str) -> str:
    """ "sueco" → "sueco sweden" when the reports name that country: a Spanish or French
    adjective is read loosely, so only countries the reports name count."""
    word = match.group(0)
    if word in catalog.places or word in name_index():
        return word
    donors = {a for p in catalog.funding_partners for a in catalog.partner_aliases(p)}
    countries = [strip_accents(country_name(i).lower()) for i in foreign_demonym(word, lang)]
    # A donor of a funding table, or a country the reports' own words name ("Government of
    # Japan" in a progress note).
    named = [
        c
        for c in countries
        if c in donors or all(w in catalog.speller.vocabulary for w in c.split())
    ]
    return f"{word} {named[0]}" if len(named) == 1 else word


def _country_for_people(match: re.Match) -> str:
    """ "danish" → "danish denmark": the reports name a donor either way."""
    iso3 = people(match.group(0))
    if not iso3:
        return match.group(0)
    return f"{match.group(0)} {strip_accents(country_name(iso3).lower())}"


@lru_cache(maxsize=1)
def _lexicon_words() -> set[str]:
    from .vocabulary import lexicon_words

    words = lexicon_words()
    # The lexicon matches at the start of a word: "producto" keeps "productos".
    return words | {w + ending for w in words for ending in ("s", "es")}


@lru_cache(maxsize=3)
def _glossary(lang: str) -> list[tuple[re.Pattern, str]]:
    pairs = glossary.pairs(lang, _lexicon_reads, _phrase_words())
    pairs = sorted(pairs, key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"(?<![a-z]){re.escape(a)}(?![a-z])"), b) for a, b in pairs]


def _lexicon_reads(text: str) -> frozenset:
    """What the lexicon reads in a phrase: its figure words, rankings, levels and the like."""
    padded = f" {text} "
    tables = [*FIGURE_WORDS, *_LEXICON_TABLES, *LEVEL_WORDS.items()]
    return frozenset(name for name, words in tables if _has(padded, words))


_LEXICON_TABLES = (
    ("largest", LARGEST),
    ("smallest", SMALLEST),
    ("total", TOTAL),
    ("compare", COMPARE),
    ("change", CHANGE),
    ("missed", MISSED),
    ("met", MET),
    ("narrative", NARRATIVE_WORDS),
    ("summary", SUMMARY_WORDS),
)


@lru_cache(maxsize=1)
def _phrase_words() -> set[str]:
    phrases = [p for _, words in [*FIGURE_WORDS, *_LEXICON_TABLES] for p in words if " " in p]
    return {w for p in phrases for w in re.findall(r"[a-z]+", p)}


def resolve(question: str, catalog: Catalog, previous: Query | None = None) -> Query:
    """Read ``question``; with ``previous`` (the conversation's last question), a follow-up
    takes from it what it does not say itself."""
    question = " ".join(question.split())
    query = Query(text=question, language=language(question))
    # "tgt", "w/", "GBV", "EVAW": spelled out before anything reads the words.
    spelled, query.spelled_out = spell_out(question, query.language)
    corrected, query.corrections = read(spelled, catalog, query.language)
    query.read = query.meaning = corrected
    if query.language != "en":
        # The embedding model reads English: a Spanish or French question is compared by
        # meaning through its words the reports use (the glossary's English, names, codes).
        english = [
            w
            for w in re.findall(r"[\w.-]+", corrected)
            if w in catalog.speller.vocabulary or CODE.fullmatch(w.upper()) or w.isdigit()
        ]
        query.meaning = " ".join(english) or corrected
    # "danish denmark": one donor, however a sentence names it.
    for word in re.findall(r"[a-z]{4,}", corrected):
        iso3 = people(word)
        if iso3:
            # The people's every name: "danes", "danish", "denmark".
            adjectives = " ".join(a for a, i in demonym_table().items() if i == iso3)
            query.alike.append(
                set(tokens(word)) | set(tokens(country_name(iso3))) | set(tokens(adjectives))
            )
    lower = " " + corrected + " "
    if query.language != "en":
        # Words of another language that neither the glossary nor the reports know can be
        # matched by nothing in English reports: they are not the question's topic.
        query.consumed |= {
            word for word in re.findall(r"[a-z]+", corrected) if word not in catalog.speller.known
        }
    known = catalog.codes
    for raw in CODE.findall(question):
        code = raw.upper()
        target = query.codes if code in known else query.unknown_codes
        if code not in target:
            target.append(code)
    query.years = [int(y) for y in YEAR.findall(question)]
    # "for 22", "in '23", "FY24": a year of this century, typed short, beside a year word.
    for short in SHORT_YEAR.findall(question):
        year = 2000 + int(short)
        if 15 <= int(short) <= 40 and year not in query.years:
            query.years.append(year)
    _regions(lower, query)
    _countries(question, lower, catalog, query, previous)
    _partial_codes(lower, catalog, query)
    _places(catalog, query)
    _partners(lower, catalog, query)
    # "Government of Norway" names a donor, not a country report being asked about.
    partner_text = " ".join(query.partners).lower()
    # "the Koreans" named KOICA, a donor agency of that country: not a report asked about.
    partner_names = {a for p in query.partners for a in catalog.partner_aliases(p)}
    query.unknown_countries = [
        c
        for c in query.unknown_countries
        if c.lower() not in partner_text and strip_accents(c.lower()) not in partner_names
    ]
    for figure, words in FIGURE_WORDS:
        if _has(lower, words):
            query.figures.append(figure)
            if figure != "result":  # "how many … reached": the words say what, not which
                query.figure_words[figure] = _matched_words(lower, words)
                query.consumed |= query.figure_words[figure]
    if query.partners and "contribution" not in query.figures:
        query.figures.insert(0, "contribution")
    # "what did Spotlight commit on top?": in addition, not the largest.
    ranked_text = re.sub(r"\bon top\b", " ", lower)
    for aggregate, words in (
        ("compare", COMPARE),
        ("largest", LARGEST),
        ("smallest", SMALLEST),
        ("total", TOTAL),
    ):
        if _has(ranked_text, words):
            query.aggregate = aggregate
            query.consumed |= _matched_words(ranked_text, words)
            break
    if not query.aggregate and WHICH_MOST.search(lower):
        # "¿Cuál de los socios aporta más?", "Quel partenaire contribue le plus ?"
        query.aggregate = "largest"
    if len(set(query.years)) >= 2:  # asked at each of two years: how, not what about
        query.consumed |= _matched_words(lower, CHANGE)
    for level, words in LEVEL_WORDS.items():
        if _has(lower, words):
            query.level = query.level or level
            query.levels.append(level)
    # "Which milestones were missed?" lists; "Was the milestone for X missed?" is about one.
    listing = re.search(rf"\b(?:{LISTING})\b.*\b(?:{LISTED})\b", lower)
    if listing and _has(lower, MISSED):
        query.status = "missed"
    elif listing and _has(lower[listing.start() :], MET):
        query.status = "met"
    query.narrative = _has(lower, NARRATIVE_WORDS)
    query.asks_why = bool(ASKS_WHY.search(lower))
    query.from_notes = bool(FROM_NOTES.search(lower))
    head = ASKED_HEAD.match(re.sub(r"^[^:?]{1,40}:\s*", "", corrected))
    if head and not query.asks and ASKS_A_NAME.search(" " + head.group(0).strip()):
        query.asked_head = head.group(1)
    if query.asks_why:
        # "Why did the work go slower than planned?", "why did MEX_D_2.1's actual budget end
        # up higher than planned?": a reason is asked, which the notes tell; the figure
        # words and comparatives say what about, and rank nothing.
        for words in query.figure_words.values():
            query.consumed -= words
        query.figures, query.figure_words, query.narrative = [], {}, True
        query.aggregate = ""
    query.summary = _has(lower, SUMMARY_WORDS) or bool(HOW_DOING.search(lower))
    # "How are we doing on funding?": the card's funding part only.
    query.funding_card = bool(HOW_DOING.search(lower)) and any(w in lower for w in FUNDING_CARD)
    if query.summary:
        query.consumed |= _matched_words(lower, SUMMARY_WORDS)
    query.asks, query.asks_first = asked_kinds(lower)
    # Each way it asks for a quantity, apart: "how many calls … and what share" asks two.
    # "How many completed … and how many were elected?" asks two of one kind.
    # One way of asking is one phrase: "how much … go up" and "how much" are the same one.
    starts: dict[int, list[str]] = {}
    for pattern, answer in ASKED if query.asks else ():
        for match in list(pattern.finditer(lower))[:2]:
            starts.setdefault(match.start(), sorted(answer))
    query.asked_groups = [starts[start] for start in sorted(starts)]
    # Figures the question itself states ("in the first six months"): its conditions, not
    # what it asks for.
    query.given = [f.value for f in figures(question) if f.kind != "year"]
    query.part = part_asked(lower)
    query.bounds = [
        f.value
        for f in figures(question)
        if f.kind != "year" and BOUND_BEFORE.search(question[: f.start])
    ]
    counted = counted_in_question(corrected).split()
    # "the GBV cases": an acronym spelled out ("gender-based violence against women") can
    # end the noun phrase before the noun it qualified; the noun after it still counts.
    printed_counted = counted_in_question(question).split()
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,6}\b", question)}
    acronym = next(
        (
            i
            for i, w in enumerate(printed_counted)
            if w in acronyms or acronyms & set(w.split("-"))  # "UNCT-SWAP scorecard"
        ),
        None,
    )
    if acronym is not None:
        counted += [w for w in printed_counted[acronym + 1 :] if w not in counted]
    if query.language != "en":
        counted = [w for w in counted if w in catalog.speller.vocabulary]
    query.counted = " ".join(counted)
    a_share = query.asks_first == PERCENT and bool(SHARE_OF.search(lower))
    if not ASKS_A_NAME.search(lower) and not ASKS_WHY.search(lower) and not a_share:
        # "What did Denmark contribute …", "the 2025 target for …": a figure is asked for,
        # whether or not the question says "how much".
        implied = set(MONEY if set(query.figures) & MONEY_FIGURES else ())
        implied |= ANY if set(query.figures) & ROW_FIGURES else set()
        query.asks |= implied
        query.asks_first = set(query.asks_first or implied)
    query.earlier = bool(EARLIER.search(lower))
    # "What are the outputs of BRA_D_1.3?" lists the outputs of the outcome it names.
    outcomes_named = bool(query.codes) and all(code.count(".") <= 1 for code in query.codes)
    listed_under = query.level == "output" and outcomes_named
    query.asks_code = bool(CODE_ASKED.search(lower)) and (not query.codes or listed_under)
    # "What's the Zaatari output about?": the record's own statement, no figure of it.
    query.asks_code = query.asks_code or (bool(ABOUT.search(lower)) and not query.figures)
    if query.asks_code:
        query.consumed |= {"code", "codes", "codigo", "codigos"}  # what is asked, not about
    # The budget lines it names, in the order it names them ("spend … than planned").
    named_lines = []
    for line, words in BUDGET_LINES.items():
        found = [m.start() for w in words for m in _phrase(w).finditer(lower)]
        if found:
            named_lines.append((min(found), line))
    query.lines = [line for _, line in sorted(named_lines)]
    if previous is not None and _follows_on(query, lower, previous):
        # "break it down by output": a word no report uses is no topic of a follow-up's own
        # (what was asked goes on).
        query.consumed |= {
            w for w in re.findall(r"[a-z]+", lower) if w not in catalog.speller.vocabulary
        }
        return _follow_up(query, previous)
    return query


def asked_kinds(lower: str) -> tuple[set[str], set[str]]:
    """The kinds of figure a question asks for, from how it asks (empty: none), and those
    of the way it asks first ("the budget … next to its delivery rate" asks for money)."""
    if ASKS_A_NAME.search(lower) and not re.search(
        r"\bhow (?:many|much)\b|\bcuant[oa]s?\b|\bcombien\b", lower
    ):
        return set(), set()
    if ASKS_WHY.search(lower):
        return set(), set()
    kinds: set[str] = set()
    first, where = set(), len(lower)
    for pattern, answer in ASKED:
        match = pattern.search(lower)
        if match:
            kinds |= answer
            if match.start() < where:
                first, where = set(answer), match.start()
    if first == PERCENT and SHARE_OF.search(lower):
        return set(first), first
    return kinds, first


# -- follow-ups -------------------------------------------------------------------------------
def _names_a_subject(query: Query) -> bool:
    return bool(
        query.codes
        or query.unknown_codes
        or query.iso3s
        or query.unknown_countries
        or query.partners
        or query.places
    )


def _follows_on(query: Query, lower: str, previous: Query) -> bool:
    """A follow-up opens like one ("and …", "what about …"), or names no subject of its own
    (a code, a country, a place, a partner); a standalone question never inherits."""
    listed = {i.get("partner") for i in previous.answered if isinstance(i, dict)} - {None}
    # "how much more did Norway put in than KOICA?" after a list of them: about that list.
    of_the_list = bool(query.partners) and set(query.partners) <= listed
    # "how much of it from Japan?", "how much of that came from Norway?": a part of what
    # the last answer gave, from a donor it names.
    of_that = bool(re.search(r"\b(?:of|from) (?:it|that|this|them|those)\b", lower)) and not (
        query.codes or query.iso3s
    )
    # "how much did the Swedes give?" after a question about Jordan: a donor alone is asked
    # of the place the conversation is in.
    donor_only = bool(query.partners or query.unknown_countries) and not (
        query.codes or query.iso3s or query.places or query.unknown_codes
    )
    in_a_place = bool(previous.iso3s or previous.codes)
    return (
        _opens_like_a_follow_up(lower)
        or not _names_a_subject(query)
        or of_the_list
        or of_that
        or (donor_only and in_a_place)
    )


def _opens_like_a_follow_up(lower: str) -> bool:
    return lower.strip().lstrip("¿¡").startswith(FOLLOW_UP)


def _follow_up(query: Query, previous: Query) -> Query:
    """``previous`` with what ``query`` says in place of what it said before.

    A question that opens like a follow-up goes on from the previous one's topic ("and in
    2023?", "what about Kenya?"); one that only names no subject keeps its own topic and
    what it asks, and takes the previous subject ("Through how many agreements?").
    """
    opens = _opens_like_a_follow_up(query.read)
    own_topic = topic_words(query)
    merged = copy.copy(previous)
    merged.own_topic = list(own_topic)
    merged.text, merged.language, merged.read = query.text, query.language, query.read
    merged.corrections, merged.vectors, merged.inherited = query.corrections, {}, []
    merged.spelled_out = query.spelled_out
    merged.alike = query.alike
    # What this question's own words say of budget lines and of records asked.
    merged.lines, merged.asks_code = list(query.lines), query.asks_code
    merged.given = list(query.given)
    merged.counted, merged.bounds = query.counted, list(query.bounds)
    merged.part = list(query.part)
    merged.asks_why, merged.asked_head = query.asks_why, query.asked_head
    merged.from_notes = query.from_notes
    # What the interpretation adds is worked out again for this question.
    for name in (
        "records",
        "indicators",
        "excluded_partners",
        "excluded_figures",
        "choices",
        "over_previous",
        "focus",
        "quoted",
    ):
        setattr(merged, name, [])
    merged.answered, merged.ask_back, merged.scope_from, merged.read_by = [], "", {}, {}
    merged.years_back = False
    merged.answered_before = list(previous.answered)
    merged.shown, merged.shown_before, merged.between = (), previous.shown, ()
    merged.measure, merged.operation = "", "value"
    if _names_a_subject(query):
        for name in ("codes", "unknown_codes", "partners", "unknown_countries"):
            setattr(merged, name, list(getattr(query, name)))
        merged.iso3s, merged.places = list(query.iso3s), set(query.places)
        donor_asked = "contribution" in previous.figures
        if query.iso3s and not (query.partners or query.unknown_countries) and donor_asked:
            # "How much did Japan contribute in Kenya? … and in BD?": the donor stays, the
            # place is what changes.
            merged.partners = list(previous.partners)
            merged.unknown_countries = list(previous.unknown_countries)
        if not query.codes and previous.codes and query.iso3s:
            # "what about Kenya?" after an output of Mexico: Kenya's, not Mexico's output.
            merged.codes = []
        where = query.codes or query.unknown_codes or query.iso3s or query.places
        if not where:
            # "and how much did Japan contribute?", "how much more did Norway put in than
            # KOICA?": a donor named, the place and the record stay the last answer's.
            merged.codes, merged.iso3s = list(previous.codes), list(previous.iso3s)
            merged.places = set(previous.places)
            merged.inherited.append("subject")
    else:
        merged.inherited.append("subject")
        if (previous.partners or previous.unknown_countries) and names(query) - names(previous):
            # "and what did the Spotlight Initiative commit on top?": another donor, named
            # by a name no funding table prints, in place of the one before.
            merged.partners, merged.unknown_countries = [], []
    # "and in the 2023 one? how much bigger is that": the figure before, set beside this
    # year's: what was asked stays, and both years are read.
    compares = bool(BY_HOW_MUCH.search(query.read)) and not query.figures
    if query.years and compares and previous.years:
        merged.years = sorted(set(previous.years) | set(query.years))
    elif query.years:
        merged.years = list(query.years)
    elif previous.years and query.earlier:
        # "How about the year before?": the year before the one asked about.
        merged.years = [year - 1 for year in previous.years]
        merged.years_back = True
        merged.inherited.append("year")
    elif previous.years:
        merged.inherited.append("year")
    asks_itself = bool(
        query.figures
        or (query.aggregate and not compares)
        or query.status
        or query.summary
        or (query.asks and not compares)
    )
    if asks_itself or (own_topic and not opens):
        for name in (
            "figures",
            "aggregate",
            "status",
            "summary",
            "funding_card",
            "narrative",
            "level",
            "levels",
        ):
            setattr(merged, name, copy.copy(getattr(query, name)))
        merged.asks, merged.asks_first = set(query.asks), set(query.asks_first)
        merged.asked_groups = list(query.asked_groups)
        merged.difference, merged.share = (), ""  # worked out again from its own words
        merged.consumed = set(previous.consumed) | query.consumed
    elif previous.summary and own_topic and not _names_a_subject(query):
        # "what about the dignity kits?" after a briefing: what the notes say of that, not
        # the briefing again.
        merged.summary, merged.narrative = False, True
    else:
        merged.inherited.append("what was asked")
    if query.level and not asks_itself:
        # "break it down by output": what was asked, of the outputs.
        merged.level, merged.levels = query.level, list(query.levels)
    outputs_of_it = query.level == "output" and "outcome" in query.levels
    if (query.level == "outcome" or outputs_of_it) and not query.codes and merged.codes:
        # "and the outcome's overall planned budget?" after an output: the outcome above it.
        merged.codes = list(dict.fromkeys(_outcome_of(code) for code in merged.codes))
    merged.earlier = query.earlier or (previous.earlier and not asks_itself)
    if query.asks_why:
        # "why?", "why so low?": the reason for what was just given, told in the notes.
        merged.figures, merged.figure_words, merged.summary, merged.narrative = [], {}, False, True
        merged.asks, merged.asks_first, merged.aggregate, merged.status = set(), set(), "", ""
        merged.asked_groups, merged.funding_card = [], False
    new_donor = set(query.partners + query.unknown_countries) - set(
        previous.partners + previous.unknown_countries
    )
    if (previous.partners or previous.unknown_countries) and not query.iso3s:
        # "Et l'Initiative Spotlight … ?" after Norway's money: another name, which no
        # funding table need print, is the donor now asked about (a place named instead,
        # "et en Jordanie ?", keeps the donor).
        new_donor |= names(query) - names(previous)
    if (own_topic and not opens) or new_donor:
        # "and how much did Japan contribute?": the donor is what it is about, not the
        # budget and delivery rate asked before.
        merged.meaning = query.read
        if new_donor:
            # The donor named now, not the one before ("and what did the Spotlight
            # Initiative commit?" after Norway's money).
            merged.partners = list(query.partners)
            merged.unknown_countries = list(query.unknown_countries)
        return merged
    # The previous question's topic, less the places it named ("what about Kenya?" after a
    # question about Colombia's helpline is about Kenya's helpline), and what this one adds.
    base = (
        _without_places(previous.meaning, previous) if _names_a_subject(query) else previous.meaning
    )
    merged.meaning = " ".join([base, *own_topic])
    merged.inherited.append("topic")
    return merged


def _outcome_of(code: str) -> str:
    return code.rsplit(".", 1)[0] if code.count(".") >= 2 else code


def _without_places(text: str, q: Query) -> str:
    names = [country_name(i) for i in q.iso3s] + list(q.unknown_countries)
    for name in names:
        stem = re.escape(strip_accents(name.lower())[:5])
        text = re.sub(rf"\b{stem}[a-z']*", " ", text)
    for place in q.places:
        text = re.sub(rf"\b{re.escape(place)}[a-z']*", " ", text)
    return " ".join(text.split())


# -- what the question is about ---------------------------------------------------------------
def names(q: Query) -> set[str]:
    """The words of the question written with a capital (places, programmes, donors), less
    its first word and what it names as countries: what an answer must be about."""
    text = strip_accents(q.text)  # "Bogotá" is one name, "bogota"
    words = re.findall(r"(?<![\w'’])[A-Z][A-Za-z\-]+", CODE_TEXT.sub(" ", text))
    first = re.match(r"\W*([A-Za-z\-]+)", text)
    if first and words and words[0] == first.group(1):
        words = words[1:]
    found = set(tokens(" ".join(words))) - set(tokens(" ".join(QUESTION_WORDS)))
    countries = " ".join(country_name(i) for i in q.iso3s)
    return found - set(tokens(countries)) - set(tokens("UN Women"))


def topic_words(q: Query) -> list[str]:
    """The words of the question that say what it is about, not what figure it wants nor
    where: codes, years, countries, named partners and question words taken out."""
    text = CODE_TEXT.sub(" ", q.meaning or q.read or q.text.lower())
    text = re.sub(r"\bun women\b", " ", text, flags=re.IGNORECASE)  # the agency, not a topic
    text = re.sub(r"\b(19|20)\d\d\b", " ", text)
    text = re.sub(r"['’]s\b", "", text)  # "the CO's budget": the CO
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+", text)
    countries = set()
    for name in [country_name(iso3) for iso3 in q.iso3s]:
        name = strip_accents(name.lower())
        countries.update(name.split())
        countries.add(name[:5])
    partner_words = set(tokens(" ".join(q.partners)))
    # "the three outputs", "both outcomes": how many, not what about.
    skip = QUESTION_WORDS | q.consumed | (KIND_WORDS if q.asks else set()) | NUMBER_WORDS
    if q.asks & MONEY and q.partners or q.difference:
        # "what did Sweden pay for?": the partner's money is asked; "still left to raise":
        # the difference between two budget lines is.
        skip = skip | MONEY_VERBS
    # "the Swedish government": the partner named by its people, as its name would be.
    for group in q.alike:
        if group & partner_words:
            partner_words = partner_words | group
    out = []
    for word in words:
        lower = word.lower()
        if lower in skip or lower in countries or lower[:5] in countries:
            continue
        if q.asks and COMPARATIVE.fullmatch(strip_accents(lower)):
            continue  # "how far short is the result?": how the figure is asked, not of what
        stems = tokens(lower)
        if not stems or set(stems) <= partner_words:
            continue
        out.append(word)
    return out


def _countries(
    question: str, lower: str, catalog: Catalog, query: Query, previous: Query | None = None
) -> None:
    indexed = catalog.iso3s
    for token in re.findall(r"\b[A-Z]{3}\b", question):
        if token in indexed:
            query.consumed.add(token.lower())  # "COL's outcome": where, not what about
            if token not in query.iso3s:
                query.iso3s.append(token)
    _named_countries(question, lower, catalog, query)
    # "KE", "MX": two-letter codes of the countries indexed ("CO" is Colombia unless it
    # reads as the country office).
    named = bool(query.iso3s or query.unknown_countries or (previous and previous.iso3s))
    for iso3, typed in country_codes(question, indexed, named):
        query.consumed.add(typed.lower())  # it says where, not what about
        if iso3 not in query.iso3s:
            query.iso3s.append(iso3)


# "output 2.3.2", "KE 1.3": a code without its office prefix, the office named beside it.
PARTIAL_CODE = re.compile(
    r"\b(?:output|outcome|producto|resultado|extrant|produit|effet|efecto|[a-z]{2,3})s?\s+\(?"
    r"(\d+(?:\.\d+){1,3})\b(?!\s*(?:%|percent|million|m\b|k\b))"
)


def _regions(lower: str, query: Query) -> None:
    """Parts of the world a question names ("South-East Asia", "le Moyen-Orient"; "South or
    South-East Asia" names both)."""
    lower = re.sub(
        r"\b([a-z]+) (or|and|y|o|et|ou) ((?:[a-z]+[ -]){0,2})([a-z]+)\b",
        lambda m: (
            f"{m.group(1)} {m.group(4)} {m.group(2)} {m.group(3) or ''}{m.group(4)}"
            if f"{m.group(1)} {m.group(4)}" in REGIONS
            else m.group(0)
        ),
        lower,
    )
    found = []
    for name in sorted(REGIONS, key=len, reverse=True):
        match = re.search(rf"(?<![a-z-]){re.escape(name)}(?![a-z-])", lower)
        if match and not any(name in longer for longer in found):
            found.append(name)
            if REGIONS[name] not in query.regions:
                query.regions.append(REGIONS[name])
    query.consumed |= {word for name in found for word in re.split(r"[ -]", name)}


def _partial_codes(lower: str, catalog: Catalog, query: Query) -> None:
    """A code typed without its office prefix ("output 2.3.2" in a question about Kenya) is
    the one code of the offices in scope that ends so; nothing when none or several do."""
    if query.codes or not query.iso3s:
        return
    offices = {
        d.get("office_code")
        for d in catalog.documents.values()
        if d.get("iso3") in query.iso3s or d.get("office_code") in query.iso3s
    }
    for match in PARTIAL_CODE.finditer(lower):
        number = match.group(1)
        found = [
            code
            for code in catalog.codes
            if code.split("_")[0] in offices
            and re.fullmatch(rf"[A-Z0-9]+_[DO]_{re.escape(number)}", code)
        ]
        if len(found) == 1 and found[0] not in query.codes:
            query.codes.append(found[0])
            query.consumed.add(number)


def _named_countries(question: str, lower: str, catalog: Catalog, query: Query) -> None:
    indexed = catalog.iso3s
    names = name_index()
    words = re.findall(r"[a-z][a-z'\-]+", lower)
    used: set[int] = set()
    # Longest names first, so that "South Sudan" is not also read as "Sudan".
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            span = set(range(start, start + size))
            phrase = " ".join(words[start : start + size])
            iso3 = names.get(phrase)
            if not iso3 or span & used or len(phrase) < 4:
                continue
            used |= span
            if iso3 in indexed:
                if iso3 not in query.iso3s:
                    query.iso3s.append(iso3)
            elif country_name(iso3) not in query.unknown_countries:
                query.unknown_countries.append(country_name(iso3))
    # An office that is no country, by its name or its code: "the Europe and Central Asia
    # regional office", "ECA".
    for code, name in catalog.countries.items():
        if not is_country(code):
            core = strip_accents(" ".join(OFFICE_WORDS.sub(" ", name).split()).lower())
            named = len(core) >= 4 and re.search(rf"\b{re.escape(core)}\b", lower)
            if named or code in query.iso3s:
                if code not in query.iso3s:
                    query.iso3s.append(code)
                # Its name says where, not what about.
                query.consumed |= set(core.split()) | {"regional", "office", code.lower()}
    # The adjective people use for a country: "the Mexican office", "Kenyan women".
    for iso3 in sorted(indexed - set(query.iso3s)):
        country = strip_accents(catalog.countries[iso3].lower())
        found = re.search(rf"\b{re.escape(country[:5])}[a-z]*\b", lower)
        if len(country) >= 5 and found:
            query.iso3s.append(iso3)
            if not is_country(iso3):
                # "la oficina regional de Europa y Asia Central": where, not what about.
                core = " ".join(OFFICE_WORDS.sub(" ", country).split())
                query.consumed |= set(core.split()) | {"regional", "office", found.group(0)}
    # A country without a report named by its adjective ("Nepali farmers", "the German
    # government"): a report of that country is what is asked about, and none is indexed.
    for index, word in enumerate(words):
        iso3 = demonym(word) if index not in used else None
        if iso3 and iso3 not in indexed and iso3 not in query.iso3s:
            name = country_name(iso3)
            if name not in query.unknown_countries:
                query.unknown_countries.append(name)
    # A country of the reports as other languages or a slip of the keys write it: "Kenia",
    # "Colombie", "Jordanie".
    if not query.iso3s:
        for index, word in enumerate(words):
            iso3 = catalog.country_like(word) if index not in used else None
            if iso3 and iso3 not in query.iso3s:
                query.iso3s.append(iso3)
                query.corrections.append((word, catalog.countries[iso3]))


def _places(catalog: Catalog, query: Query) -> None:
    """A city or region only one country's reports mention scopes the question to that
    country when it names none ("the safe spaces in Zaatari": Jordan)."""
    found = {}
    region_words = {w for name in REGIONS for w in tokens(name)} if query.regions else set()
    for token in names(query) - region_words:
        if token in name_index() or people(token):
            continue  # "Norway" in a Bangladesh note is its donor, not a place in Bangladesh
        countries = catalog.places.get(token, set())
        if len(countries) == 1:
            found[token] = next(iter(countries))
    query.places = set(found)
    if not query.iso3s:
        query.iso3s = sorted(set(found.values()))


def _partners(lower: str, catalog: Catalog, query: Query) -> None:
    question_tokens = set(tokens(lower))
    generic = set(tokens(GENERIC_PARTNER_WORDS))
    for partner in sorted(catalog.funding_partners):
        name = strip_accents(partner.lower())
        # UN Women is named in most questions as the agency itself; it is the funding
        # partner asked about only when the question is about money it put in.
        if partner == "UN Women" and (
            not _has(lower, MONEY_WORDS) or UN_WOMEN_RECEIVES.search(lower)
        ):
            continue
        if name in lower or any(
            re.search(rf"\b{re.escape(alias)}\b", lower)
            for alias in catalog.partner_aliases(partner)
        ):
            query.partners.append(partner)
            continue
        # By its words, only when one of them is not also a topic of the reports: "ending
        # violence against women" is a topic, not the UN Trust Fund to End Violence against
        # Women.
        partner_tokens = set(tokens(name)) - generic
        if (
            partner != "UN Women"
            and partner_tokens
            and partner_tokens <= question_tokens
            and partner_tokens - catalog.topic_tokens
        ):
            query.partners.append(partner)
