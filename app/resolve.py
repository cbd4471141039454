"""Question → what it names: codes, countries, years, partners, the figure asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexing.countries import name_index

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
    vectors: dict[str, list[float]] = field(default_factory=dict, repr=False)

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def figure(self) -> str:
        return self.figures[0] if self.figures else ""


def _has(text: str, words) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(word)}", text) for word in words)


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
    _partners(lower, catalog, query)
    # "Government of Norway" names a donor, not a country report being asked about.
    partner_text = " ".join(query.partners).lower()
    query.unknown_countries = [c for c in query.unknown_countries if c.lower() not in partner_text]
    for figure, words in FIGURE_WORDS:
        if _has(lower, words):
            query.figures.append(figure)
    if query.partners and "contribution" not in query.figures:
        query.figures.insert(0, "contribution")
    if _has(lower, LARGEST):
        query.aggregate = "largest"
    elif _has(lower, SMALLEST):
        query.aggregate = "smallest"
    elif _has(lower, TOTAL):
        query.aggregate = "total"
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
    return query


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


def _partners(lower: str, catalog: Catalog, query: Query) -> None:
    question_tokens = set(tokens(lower))
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
        if partner == "UN Women" and not _has(lower, money_words):
            continue
        acronym = re.search(r"\(([A-Za-z]+)\)", partner)
        if name in lower or (acronym and re.search(rf"\b{acronym.group(1).lower()}\b", lower)):
            query.partners.append(partner)
            continue
        partner_tokens = set(tokens(name)) - {"government", "office", "fund", "trust", "un"}
        if partner_tokens and partner_tokens <= question_tokens and partner != "UN Women":
            query.partners.append(partner)
