"""Question → what it names: codes, countries, years, partners, the figure asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexing.countries import country_name, name_index

from .catalog import Catalog, tokens

CODE = re.compile(r"\b([A-Za-z]{3}_[A-Za-z]_\d+(?:\.\d+)+)\b")
YEAR = re.compile(r"\b(20[0-4]\d|19[89]\d)\b")

# Words that say which figure is asked for, checked in this order.
FIGURE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("shortfall", ("shortfall", "funding gap", "gap", "underfunded", "short of")),
    ("expenses", ("expense", "spent", "spend", "expenditure", "disbursed")),
    ("non_core", ("non-core", "non core", "noncore", "other resources")),
    ("core", ("core", "regular resources")),
    ("actual", ("actual", "received", "available budget", "mobilized", "mobilised")),
    ("planned", ("planned", "plan budget", "budgeted", "planned budget")),
    ("budget", ("budget", "how much money", "cost")),
    (
        "contribution",
        (
            "contribut",
            "donor",
            "donat",
            "funded",
            "funding partner",
            "fund ",
            "funds",
            "funder",
            "gave",
            "provided",
            "put in",
            "funding",
        ),
    ),
    (
        "un_partners",
        (
            "un partner",
            "un agencies",
            "agencies",
            "un system partner",
            "partner agencies",
            "which un",
            "un partners",
        ),
    ),
    ("impact_areas", ("impact area",)),
    ("humanitarian", ("humanitarian scope",)),
    ("target", ("target",)),
    ("baseline", ("baseline",)),
    ("milestone", ("milestone",)),
    (
        "result",
        (
            "how many",
            "reached",
            "reported",
            "result",
            "achieved against",
            "number of",
            "what was the number",
        ),
    ),
]
NARRATIVE_WORDS = (
    "achieve",
    "progress",
    "why",
    "delay",
    "what happened",
    "how did",
    "describe",
    "what did",
    "what was done",
    "results of",
    "summar",
    "challenge",
    "story",
    "accomplish",
)
SUMMARY = re.compile(
    r"\b(summar(?:y|ies|ise|ize)|overview|brief me|highlights|key (?:results|achievements)|"
    r"recap)\b"
)
LARGEST = ("largest", "highest", "biggest", "most", "maximum", "greatest", "top")
SMALLEST = ("smallest", "lowest", "least", "minimum", "fewest")
TOTAL = ("total", "sum", "combined", "altogether", "in all", "overall")
MISSED = ("missed", "not met", "fell short", "behind", "off track", "off-track", "failed")
MET = ("met", "achieved", "reached", "on track", "on-track", "exceeded")


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
    narrative: bool = False
    # "Give me a summary of …", "brief me on …": the notes' main points, not one figure.
    summary: bool = False
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
    vectors: dict[str, list[float]] = field(default_factory=dict, repr=False)

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def figure(self) -> str:
        return self.figures[0] if self.figures else ""


def _has(text: str, words) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(word)}", text) for word in words)


def _matched_words(text: str, phrases) -> set[str]:
    """The whole words of ``text`` that the phrases matched ("contribut" → "contributed")."""
    found: set[str] = set()
    for phrase in phrases:
        for match in re.finditer(rf"(?<![a-z]){re.escape(phrase.strip())}[a-z'\-]*", text):
            found.update(match.group(0).split())
    return found


def resolve(question: str, catalog: Catalog) -> Query:
    query = Query(text=question)
    lower = " " + question.lower().replace("’", "'") + " "
    known = catalog.codes
    for raw in CODE.findall(question):
        code = raw.upper()
        target = query.codes if code in known else query.unknown_codes
        if code not in target:
            target.append(code)
    query.years = [int(y) for y in YEAR.findall(question)]
    _countries(question, lower, catalog, query)
    _places(catalog, query)
    _partners(lower, catalog, query)
    # "Government of Norway" names a donor, not a country report being asked about.
    partner_text = " ".join(query.partners).lower()
    query.unknown_countries = [c for c in query.unknown_countries if c.lower() not in partner_text]
    for figure, words in FIGURE_WORDS:
        if _has(lower, words):
            query.figures.append(figure)
            if figure != "result":  # "how many … reached": the words say what, not which
                query.consumed |= _matched_words(lower, words)
    if query.partners and "contribution" not in query.figures:
        query.figures.insert(0, "contribution")
    for aggregate, words in (("largest", LARGEST), ("smallest", SMALLEST), ("total", TOTAL)):
        if _has(lower, words):
            query.aggregate = aggregate
            query.consumed |= _matched_words(lower, words)
            break
    # "Which milestones were missed?" lists; "Was the milestone for X missed?" is about one.
    listing = re.search(
        r"\b(which|what|list|how many)\b.*\b(milestones|targets|indicators)\b", lower
    )
    if listing and _has(lower, MISSED):
        query.status = "missed"
    elif re.search(
        r"\bwhich\b.*\b(milestones|targets|indicators)\b.*\b(met|achieved|reached)", lower
    ):
        query.status = "met"
    query.narrative = _has(lower, NARRATIVE_WORDS)
    query.summary = bool(SUMMARY.search(lower))
    for phrase in SUMMARY.findall(lower):
        query.consumed |= set(phrase.split())
    query.asks, query.asks_first = asked_kinds(lower)
    query.earlier = bool(EARLIER.search(lower))
    return query


# How a question asks for a quantity, and the kinds of stated figure that answer each way.
MONEY = {"money", "foreign"}
PERCENT = {"percent", "ratio"}
COUNT = {"count", "ratio"}
ANY = MONEY | PERCENT | COUNT
ASKED = [
    (re.compile(r"\bhow many\b|\bnumber of\b|\bhow often\b"), COUNT),
    (
        re.compile(r"\b(?:percent(?:age)?|per cent|share|proportion|fraction|rate)s?\b|%"),
        PERCENT,
    ),
    (re.compile(r"\bhow much\b"), MONEY | {"percent"}),
    (
        re.compile(
            r"\b(?:money|amount|sum|budget|cost|costs|income|wages?|salar(?:y|ies)|usd|dollars?|"
            r"funds|funding)\b"
        ),
        MONEY,
    ),
    # The verb asked about is money changing hands: "what did Denmark contribute".
    (
        re.compile(
            r"\bwhat (?:did|does|do|has|have|had|was|were|is)\b.*\b(?:contribute|donate|give|"
            r"provide|raise|mobili[sz]e|pay|spend|invest|fund|cost|contributed|donated|given|"
            r"provided|raised|mobili[sz]ed|paid|spent|invested|funded)\b"
        ),
        MONEY,
    ),
    (re.compile(r"\bhow (?:big|large|high|low|long|far)\b|\bwhat (?:figure|value)\b"), ANY),
]
# "Who funded …", "Which donor …": a name is asked for, whatever money words follow.
ASKS_A_NAME = re.compile(r"^\W*(?:who|whom|which|with whom|name the|what (?:is the name|name))\b")
# The words that make a quantity question about a quantity and not about a topic.
KIND_WORDS = {
    "money",
    "amount",
    "sum",
    "share",
    "proportion",
    "fraction",
    "percentage",
    "percent",
    "cent",
    "figure",
    "value",
    "big",
    "large",
    "high",
    "low",
    "long",
    "far",
    "often",
    "number",
    "usd",
    "dollars",
}
# An earlier point than the one reported: the figure a sentence compares with.
EARLIER = re.compile(
    r"\b(?:before|previous(?:ly)?|prior|earlier|last year|a year ago|beforehand|used to|"
    r"(?:at )?the (?:start|beginning|outset)|initially|originally|at first)\b"
)


def asked_kinds(lower: str) -> tuple[set[str], set[str]]:
    """The kinds of figure a question asks for, from how it asks (empty: none), and those
    of the way it asks first ("the budget … next to its delivery rate" asks for money)."""
    if ASKS_A_NAME.search(lower) and not re.search(r"\bhow (?:many|much)\b", lower):
        return set(), set()
    kinds: set[str] = set()
    first, where = set(), len(lower)
    for pattern, answer in ASKED:
        match = pattern.search(lower)
        if match:
            kinds |= answer
            if match.start() < where:
                first, where = answer, match.start()
    return kinds, first


# Words that say what is asked or where, not what the question is about.
QUESTION_WORDS = set(
    [
        "country",
        "team",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "much",
        "many",
        "was",
        "were",
        "is",
        "are",
        "did",
        "does",
        "do",
        "the",
        "a",
        "an",
        "of",
        "for",
        "to",
        "in",
        "on",
        "under",
        "by",
        "with",
        "against",
        "about",
        "and",
        "or",
        "outcome",
        "outcomes",
        "output",
        "outputs",
        "indicator",
        "indicators",
        "milestone",
        "milestones",
        "target",
        "targets",
        "baseline",
        "result",
        "results",
        "reported",
        "report",
        "reports",
        "budget",
        "planned",
        "actual",
        "shortfall",
        "expenses",
        "expense",
        "spent",
        "contribution",
        "contribute",
        "contributed",
        "year",
        "give",
        "tell",
        "me",
        "show",
        "please",
        "value",
        "figure",
        "figures",
        "this",
        "that",
        "its",
        "their",
        "it",
        "there",
        "achieve",
        "achieved",
        "achievement",
        "progress",
        "work",
        "happen",
        "happened",
        "done",
        "mean",
    ]
)
CODE_TEXT = re.compile(r"\b[A-Za-z]{2,4}_[A-Za-z]_\d+(?:\.\d+)+\b")


def names(q: Query) -> set[str]:
    """The words of the question written with a capital (places, programmes, donors), less
    its first word and what it names as countries: what an answer must be about."""
    words = re.findall(r"(?<![\w'’])[A-Z][A-Za-z\-]+", CODE_TEXT.sub(" ", q.text))
    first = re.match(r"\W*([A-Za-z\-]+)", q.text)
    if first and words and words[0] == first.group(1):
        words = words[1:]
    found = set(tokens(" ".join(words))) - set(tokens(" ".join(QUESTION_WORDS)))
    countries = " ".join(country_name(i) for i in q.iso3s)
    return found - set(tokens(countries)) - set(tokens("UN Women"))


def topic_words(q: Query) -> list[str]:
    """The words of the question that say what it is about, not what figure it wants nor
    where: codes, years, countries, named partners and question words taken out."""
    text = CODE_TEXT.sub(" ", q.text)
    text = re.sub(r"\bUN Women\b", " ", text, flags=re.IGNORECASE)  # the agency, not a topic
    text = re.sub(r"\b(19|20)\d\d\b", " ", text)
    text = re.sub(r"['’]s\b", "", text)  # "the CO's budget": the CO
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+", text)
    countries = set()
    for iso3 in q.iso3s:
        name = country_name(iso3).lower()
        countries.update(name.split())
        countries.add(name[:5])
    partner_words = set(tokens(" ".join(q.partners)))
    skip = QUESTION_WORDS | q.consumed | (KIND_WORDS if q.asks else set())
    out = []
    for word in words:
        lower = word.lower()
        if lower in skip or lower in countries or lower[:5] in countries:
            continue
        stems = tokens(lower)
        if not stems or set(stems) <= partner_words:
            continue
        out.append(word)
    return out


def _countries(question: str, lower: str, catalog: Catalog, query: Query) -> None:
    indexed = catalog.iso3s
    for token in re.findall(r"\b[A-Z]{3}\b", question):
        if token in indexed and token not in query.iso3s:
            query.iso3s.append(token)
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
            elif phrase.title() not in query.unknown_countries:
                query.unknown_countries.append(phrase.title())
    # The adjective people use for a country: "the Mexican office", "Kenyan women".
    for iso3 in sorted(indexed - set(query.iso3s)):
        country = catalog.countries[iso3].lower()
        if len(country) >= 5 and re.search(rf"\b{re.escape(country[:5])}[a-z]*\b", lower):
            query.iso3s.append(iso3)


def _places(catalog: Catalog, query: Query) -> None:
    """A city or region only one country's reports mention scopes the question to that
    country when it names none ("the safe spaces in Zaatari": Jordan)."""
    found = {}
    for token in names(query):
        countries = catalog.places.get(token, set())
        if len(countries) == 1:
            found[token] = next(iter(countries))
    query.places = set(found)
    if not query.iso3s:
        query.iso3s = sorted(set(found.values()))


# Words of partner names that name no one in particular ("Government of Norway" is Norway).
GENERIC_PARTNER_WORDS = "government office fund trust un"
# "UN Women's work", "to UN Women": the agency receives; it is not the funder asked about.
UN_WOMEN_RECEIVES = re.compile(r"\bun women's|\b(?:to|for|with|of) un women\b")


def _partners(lower: str, catalog: Catalog, query: Query) -> None:
    question_tokens = set(tokens(lower))
    generic = set(tokens(GENERIC_PARTNER_WORDS))
    # UN Women is named in most questions as the agency itself; it is the funding partner
    # asked about only when the question is about money it put in.
    money_words = (
        "core",
        "contribut",
        "fund",
        "gave",
        "give",
        "provid",
        "regular resources",
        "put in",
        "put into",
    )
    for partner in sorted(catalog.funding_partners):
        name = partner.lower()
        if partner == "UN Women" and (
            not _has(lower, money_words) or UN_WOMEN_RECEIVES.search(lower)
        ):
            continue
        acronym = re.search(r"\(([A-Za-z]+)\)", partner)
        if name in lower or (acronym and re.search(rf"\b{acronym.group(1).lower()}\b", lower)):
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
