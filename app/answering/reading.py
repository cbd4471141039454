"""A question read once into the interpretation every writer executes.

``interpret`` runs, in order:

1. ``resolve`` (``app/resolve.py``): the question as typed, read by its words — codes,
   countries, partners, years, the lexicon's measure and operation — and, in a conversation,
   what a follow-up takes from the previous question;
2. the scope the user chose (the chat's sidebar), which wins over anything inherited;
3. the measure and operation by meaning (``intent.py``) where the words leave them open or
   say something else than the lexicon read ("how much less than planned" is a shortfall);
4. what a follow-up does with the previous answer (``conversation.py``): "who else", "the
   other output", "which of them", "on it";
5. the records it names by topic (``naming.py``), within the scope.

When two readings are close (two outputs fit the topic, two measures are nearly as likely)
the interpretation carries a question to ask back and the choices, and no writer runs.
"""

from __future__ import annotations

import copy
import re

from ..catalog import tokens
from ..resolve import Query, names, resolve, topic_words
from ..vocabulary import COUNT, FUNDERS_ASKED, MONEY, POINTER, QUANTITY_ASKED
from . import conversation, naming
from .model import Choice, Scope
from .search import Search

# The lexicon's figure words and the measures they are.
FIGURE_MEASURE = {
    "planned": "planned_budget",
    "actual": "actual_budget",
    "shortfall": "shortfall",
    "expenses": "expenses",
    "budget": "budget",
    "contribution": "contribution",
    "core": "core",
    "non_core": "non_core",
    "un_partners": "un_partners",
    "impact_areas": "impact_areas",
    "humanitarian": "humanitarian_scope",
    "target": "target",
    "baseline": "baseline",
    "milestone": "milestone",
    "result": "result",
}
MEASURE_FIGURE = {measure: figure for figure, measure in FIGURE_MEASURE.items()}
BUDGET_MEASURES = {"planned_budget", "actual_budget", "shortfall", "expenses", "budget"}
OUTCOME_MEASURES = {
    "core",
    "non_core",
    "un_partners",
    "impact_areas",
    "humanitarian_scope",
    "funding_partners",
}
ROW_MEASURES = {"baseline", "milestone", "target", "result"}
MONEY_MEASURES = BUDGET_MEASURES | {"contribution", "core", "non_core"}


def interpret(
    question: str,
    search: Search,
    previous: Query | None = None,
    scope: Scope | None = None,
    choice: Choice | None = None,
) -> Query:
    """Read ``question`` into the interpretation the writers execute; ``choice``, a reading
    the user picked when asked back, names its record outright."""
    if choice is not None:
        return _chosen(question, search, choice, scope)
    q = resolve(question, search.catalog, previous)
    apply_scope(q, scope, previous)
    if "year" in q.inherited and q.scope_from.get("iso3s") == "question":
        _year_of_the_new_scope(q, search)
    # Of a report indexed in several editions, the years asked choose which one answers.
    search.years = q.years
    if q.summary and QUANTITY_ASKED.search(q.read):
        # "For our donor brief on Kenya: how much did Japan put in?": a figure is asked; the
        # brief is what it is for.
        q.summary = False
    q.measure, q.operation = lexical_reading(q, search.catalog.speller.vocabulary)
    if previous is not None and previous.measure and not q.asks_why:
        # "and for the equivalent outcome in Colombia?", "which of them is the largest?":
        # what was asked before is asked again (the operation stays this question's own).
        operation = q.operation
        funders = FUNDERS_ASKED.search(q.read) and not q.partners  # "split by partner?"
        if ("what was asked" in q.inherited or (q.aggregate and not q.figures)) and not funders:
            q.measure = previous.measure
            q.figures = list(previous.figures)
            q.operation = operation if operation != "value" else previous.operation
            if q.aggregate:
                q.operation = operation
        elif previous.measure in ROW_MEASURES and not q.figures and POINTER.search(q.read):
            # "how far short was that?" after an indicator's row: the row, its gap asked.
            q.measure, q.figures = previous.measure, list(previous.figures)
            q.read_by["measure"] = "previous"
    if q.measure in ROW_MEASURES:
        # "# of donors contributing other resources: the 2023 milestone": the money words
        # are the indicator's own, its row is asked.
        _as_topic(q, [f for f in q.figures if FIGURE_MEASURE.get(f) not in ROW_MEASURES])
    if q.measure in BUDGET_MEASURES:
        # "the output about staff … to deliver results: its shortfall": an output's money has
        # no result row; the row words describe the record.
        _as_topic(q, [f for f in q.figures if FIGURE_MEASURE.get(f) in ROW_MEASURES])
    if q.measure in ("budget", "shortfall", "funding_partners"):
        # The figure words agree with the measure: "planned vs actual" asks both lines,
        # "how much money was lacking" the shortfall, "who funds" the funders.
        set_measure(q, q.measure)
    q.read_by = {"measure": "words", "operation": "words", "words": [q.measure, q.operation]}
    from .intent_reading import by_meaning, no_lone_total

    q.topic, q.named = topic_words(q), names(q)
    # Words the reading took for how it is asked ("split by partner") name no record.
    q.own_topic = [w for w in q.own_topic if w.lower() not in q.consumed]
    if _unknown_abbreviation(q, search) or _unheard_name(q, search):
        return q
    if q.respelled:
        typed, meant = q.respelled
        again = interpret(
            re.sub(rf"\b{re.escape(typed)}\b", meant, question), search, previous, scope
        )
        again.text = question
        again.corrections = [(typed, meant), *again.corrections]
        return again
    by_meaning(q, search)
    budget_difference(q)
    budget_share(q)
    q.topic, q.named = topic_words(q), names(q)
    if previous is not None:
        if "subject" in q.inherited and q.measure not in ("contribution", "funding_partners"):
            q.partners = []  # "and its actual budget?" after a donor's amount: the outcome's
        conversation.operate(q, previous, search)
        no_lone_total(q)
    if previous is not None:
        from .between import read_between, read_pointed, read_within

        read_between(q, previous)
        if q.between:
            return q
        read_within(q, previous)
        read_pointed(q, previous)
    if previous is not None and not q.ask_back and not q.records and not q.indicators:
        _named_again(q, search)
    if not q.ask_back and not q.records and not q.indicators:
        name_records(q, search)
    return q


def _year_of_the_new_scope(q: Query, s: Search) -> None:
    """ "¿y en Timor-Leste?" after a 2023 figure of Bangladesh: the year was the previous
    question's; when no report of the country now named shows it, that country's own years
    answer (its reports are read as they are), and the reading says so."""
    shown = {
        int(y)
        for d in s.catalog.documents.values()
        if d.get("iso3") in q.iso3s or d.get("office_code") in q.iso3s
        for y in str(d.get("data_years") or "").split(",")
        if y
    }
    if shown and not shown & set(q.years):
        q.inherited.remove("year")
        q.inherited.append(f"not the year ({', '.join(map(str, q.years))}: not in its reports)")
        q.years = []


# What may stand between the words an acronym's letters open: "gender equality and social
# inclusion" is GESI.
_JOINERS = r"(?:[\s-]+(?:and|of|the|for|on|in|to|&)(?=[\s-]))*[\s-]+"


def spelled_out(token: str, catalog) -> str:
    """The phrase of the indexed text whose words' initials spell an acronym (2 to 6
    letters), when exactly one does; "" otherwise."""
    letters = token.lower()
    if not 2 < len(letters) <= 6 or not letters.isalpha():
        return ""
    pattern = re.compile(
        r"\b" + _JOINERS.join(f"{letter}[a-z’'-]*" for letter in letters) + r"\b", re.IGNORECASE
    )
    found = {
        " ".join(match.group(0).lower().split())
        for entry in catalog.kind("sentence").entries
        for match in pattern.finditer(entry.record.text)
    }
    return found.pop() if len(found) == 1 else ""


def _unknown_abbreviation(q: Query, s: Search) -> bool:
    """An abbreviation nothing knows, standing for what the question is about: asked back,
    with the known names it is nearest to as choices ("UNFT": the UN Trust Fund, "UNTF")."""
    from rapidfuzz import fuzz, process

    from ..abbreviations import unknown

    catalog = s.catalog
    aliases = {
        alias: partner
        for partner in catalog.funding_partners
        for alias in catalog.partner_aliases(partner)
    }
    offices = {d.get("office_code", "").lower() for d in catalog.documents.values()}

    def known(token: str) -> bool:
        lower = token.lower()
        return (
            lower in aliases
            or lower in offices
            or lower in catalog.speller.known
            or _common_word(lower)
        )

    if q.codes:
        return False  # a record named by its code: the abbreviation is not what it is about
    topic = {w.lower() for w in q.topic}
    puzzling = [t for t in unknown(q.text, known) if t.lower() in topic]
    if not puzzling:
        return False
    token = puzzling[0]
    spelled = spelled_out(token, catalog)
    if spelled:
        # "GESI": the reports spell it out ("gender equality and social inclusion"); read as
        # that, and said so.
        q.respelled = (token, spelled)
        return False
    near = process.extract(
        token.lower(), list(aliases), scorer=fuzz.ratio, limit=3, score_cutoff=75
    )
    partners = list(dict.fromkeys(aliases[alias] for alias, _, _ in near))
    if not partners:
        # Nothing it could be a slip for: a name the reports never mention ("USAID").
        q.unheard = [token]
        return True
    from rapidfuzz.distance import Levenshtein

    slips = [alias for alias, _, _ in near if Levenshtein.distance(token.lower(), alias) <= 1]
    if len(partners) == 1 and len(token) >= 4 and slips:
        # "KOIKA": one letter from one partner's short name, and near no other: a slip,
        # read as that name (and said so), not asked.
        q.respelled = (token, slips[0].upper() if token.isupper() else slips[0])
        return False
    q.ask_back = (
        f"What does “{token}” stand for? It is no abbreviation the indexed reports or UN Women's "
        "usual ones use"
        + (": did you mean one of these?" if partners else "; please spell it out.")
    )
    q.choices = [
        Choice(label=partner, question=re.sub(rf"\b{re.escape(token)}\b", partner, q.text))
        for partner in partners[:3]
    ]
    return True


# A name as typed: a capital and lower-case letters ("Mombasa", "Chocó"), not the question's
# first word.
NAME = re.compile(r"(?<=[\w,;:)] )([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ]+)*)\b")


def _unheard_name(q: Query, s: Search) -> bool:
    """A place or name the question is about ("in Mombasa", "en el Chocó") that no report,
    partner, country or common word knows: the reports never mention it, so nothing in them
    answers (another place's figure would be a wrong answer with a real citation)."""
    from indexing.countries import capital_of, name_index, people

    from ..spelling import strip_accents

    catalog = s.catalog
    weights, _ = catalog.word_weights
    for typed, full in q.spelled_out:
        stems = set(tokens(full))
        # "FGM": an acronym whose words the reports mostly never use names nothing in them
        # ("practices" alone would name an output about other practices).
        if typed.isupper() and len(stems) >= 2 and 2 * len(stems - set(weights)) > len(stems):
            q.unheard = [f"{typed} ({full})"]
            return True
    topic = {strip_accents(w.lower()) for w in q.topic}
    if q.language != "en":
        # Words of another language the glossary does not hold are no topic word; a name
        # among them is still what the question is about.
        topic |= set(re.findall(r"[a-z]+", q.read))
    aliases = {a for p in catalog.funding_partners for a in catalog.partner_aliases(p)}
    for name in NAME.findall(q.text):
        plain = strip_accents(name.lower())
        if (
            plain not in topic
            or plain in catalog.speller.known
            or plain in aliases
            or plain in name_index()
            or people(plain)
            or capital_of(plain)
            or _common_english(plain)  # "Chocó" is a Spanish verb too, but not in English
            or _common_in(plain, q.language)  # "Ciudad de México": a noun of a name
            or _near_a_known_word(plain, catalog)  # "Trust Fnd": a slip, not a name
        ):
            continue
        people_word = _near_a_people(plain)
        if people_word:
            # "the Norweigan govt": a slip for a people's name, read as it (and said so).
            q.respelled = (name, people_word.capitalize())
            return False
        q.unheard = [name]
        return True
    return False


def _near_a_people(word: str) -> str:
    """The people's or country's adjective ``word`` is one slip from ("norweigan"), or ""."""
    from rapidfuzz import fuzz, process

    from indexing.countries import _demonyms

    found = process.extractOne(word, list(_demonyms()), scorer=fuzz.ratio, score_cutoff=85)
    return found[0] if found else ""


def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    from ..spelling import COMMON

    return zipf_frequency(word, "en") >= COMMON


def _near_a_known_word(word: str, catalog) -> bool:
    from rapidfuzz import fuzz, process

    return (
        process.extractOne(word, catalog.speller.vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        is not None
    )


def _common_in(word: str, language: str) -> bool:
    """Whether ``word`` is a noun of everyday Spanish or French ("ciudad", "ville"), well
    above the rarer words that are also names ("choco")."""
    from wordfreq import zipf_frequency

    return language != "en" and zipf_frequency(word, language) >= 4.0


def _common_word(word: str) -> bool:
    from ..spelling import _common

    return _common(word)


def _named_again(q: Query, s: Search) -> None:
    """A follow-up that names another record by its topic ("what about the output on the
    care strategy?") asks about that record, in the office of the one before."""
    if not (q.own_topic and q.codes and q.scope_from.get("codes") == "previous"):
        return
    offices = {code.split("_")[0] for code in q.codes}
    iso3s = {
        d.get("iso3") or d.get("office_code")
        for d in s.catalog.documents.values()
        if d.get("office_code") in offices
    }
    trial = copy.copy(q)
    trial.topic, trial.codes, trial.records, trial.indicators = list(q.own_topic), [], [], []
    trial.iso3s, trial.choices, trial.ask_back = sorted(iso3s), [], ""
    name_records(trial, s)
    # Only a record the follow-up names clearly replaces the one before; a vague one
    # ("for the regional director") leaves it.
    if not trial.ask_back and trial.records and {r.code for r in trial.records} != set(q.codes):
        q.records, q.indicators = trial.records, trial.indicators
        q.codes = trial.codes or q.codes
        q.inherited.append("the record this question names")


def _chosen(question: str, search: Search, choice: Choice, scope: Scope | None) -> Query:
    q = interpret(question, search, None, scope)
    entry = search.catalog.entry(choice.record) if choice.record else None
    q.ask_back, q.choices = "", []
    if entry is None:
        return q
    picked = naming.named(entry, 1.0, "chosen")
    q.records = [picked]
    if entry.kind == "indicator":
        q.indicators = [entry.id]
    elif picked.code not in q.codes:
        q.codes = [picked.code]
    return q


def apply_scope(q: Query, scope: Scope | None, previous: Query | None) -> None:
    """The sidebar's filters apply where the question names none of its own; they win over
    what a follow-up would inherit from the previous question."""
    for name in ("iso3s", "codes", "years"):
        chosen = list(getattr(scope, name)) if scope else []
        mine = getattr(q, name)
        took = previous is not None and bool(mine) and _inherited(q, name)
        if chosen and (not mine or took):
            setattr(q, name, chosen)
            q.scope_from[name] = "sidebar"
        elif mine:
            q.scope_from[name] = "previous" if took else "question"
    sidebar_country = q.scope_from.get("iso3s") == "sidebar"
    if sidebar_country and q.codes and q.scope_from.get("codes") == "previous":
        # An inherited code of another country than the sidebar's is not this question's.
        q.codes = [c for c in q.codes if c.split("_")[0] in scope.iso3s]


def _inherited(q: Query, name: str) -> bool:
    if name == "years":
        return "year" in q.inherited
    return "subject" in q.inherited


def lexical_reading(q: Query, known: set[str] = frozenset()) -> tuple[str, str]:
    """The measure and operation as the lexicon's words give them (measure "" when the
    words name none)."""
    from ..vocabulary import (
        ASKS_WHO,
        BY_HOW_MUCH,
        COLLECTION,
        COLLECTION_STRONG,
        FUNDERS_ASKED,
        MONEY_LACKING,
        PERCENT,
    )

    measure = ""
    rows = [f for f in q.figures if f in ("baseline", "milestone", "target", "result")]
    money_named = [f for f in q.figures if f in ("planned", "actual", "shortfall", "expenses")]
    if rows == ["result"] and money_named:
        rows = []  # "the output that delivers results: its shortfall": the money is asked
    both = {"planned", "actual"} <= set(q.figures) and not rows
    if rows:
        # An indicator's row named beside money words ("did it reach the milestone or fall
        # short?"): the row is what is asked; the result when it is named with its milestone.
        measure = "result" if "result" in rows else FIGURE_MEASURE[rows[0]]
    elif both and q.figures[0] in ("planned", "actual", "budget"):
        measure = "budget"  # "planned vs actual": both lines
    elif q.figures:
        measure = FIGURE_MEASURE.get(q.figures[0], "")
        if measure == "contribution" and not q.partners and ASKS_WHO.search(q.read):
            measure = "funding_partners"
    elif q.summary:
        measure = "none"
    elif q.asks:
        measure = "stated_figure"
    elif q.narrative:
        measure = "narrative"
    weak = measure in ("", "stated_figure") and not q.figures
    if MONEY_LACKING.search(q.read) and (weak or measure in BUDGET_MEASURES):
        measure = "shortfall"
    elif FUNDERS_ASKED.search(q.read) and not q.partners and (weak or measure == "contribution"):
        measure = "funding_partners"
        # "split by partner": how the answer is laid out, not what it is about.
        q.consumed |= set(re.findall(r"[a-z]+", FUNDERS_ASKED.search(q.read).group(0)))
    if q.summary:
        measure = "none"  # a briefing card: every figure of the outcome, none asked
    elif measure in MONEY_MEASURES and _asks_a_thing(q, known):
        # "What audience did the EU-funded campaign reach?": people reached, not the money.
        measure = "stated_figure"
        _as_topic(q, [f for f in q.figures if FIGURE_MEASURE.get(f) in MONEY_MEASURES])
        if not q.asks - MONEY:
            q.asks = q.asks_first = set(COUNT)
    if (
        q.asks_first
        and q.asks_first <= PERCENT
        and measure in BUDGET_MEASURES
        and "planned" not in q.lines  # "what share of its planned budget": budget_share
    ):
        # "What share of its budget did the office deliver?": a percentage is no budget
        # line; the notes state it.
        measure = "stated_figure"
    operation = "value"
    if q.summary:
        operation = "summary"
    elif BY_HOW_MUCH.search(q.read) and q.aggregate in ("largest", "smallest", "compare"):
        # "how much bigger is that?", "how many more … compared with …": a difference.
        q.aggregate = ""
        operation = "difference"
    elif COLLECTION_STRONG.search(q.read) and not q.figures and not q.asks_code:
        operation = "collection"  # "how many reports are there in all in the collection?"
    elif q.status:
        operation = f"status_{q.status}"
    elif q.aggregate in ("largest", "smallest"):
        operation = f"ranking_{q.aggregate}"
    elif q.aggregate in ("total", "compare"):
        operation = q.aggregate
    elif len(set(q.years)) >= 2:
        operation = "change"
    elif BY_HOW_MUCH.search(q.read):
        operation = "difference"
    elif q.regions and COLLECTION.search(q.read):
        operation = "collection"  # "which reports cover Africa?"
    elif measure == "narrative":
        operation = "quote"
    return measure, operation


def _as_topic(q: Query, figures: list[str]) -> None:
    """Figure words that describe what is asked about, not what is asked ("donors
    contributing other resources" of an indicator): out of the figures, into the topic."""
    for figure in figures:
        q.figures.remove(figure)
        q.consumed -= q.figure_words.get(figure, set())


def _asks_a_thing(q: Query, known: set[str]) -> bool:
    """Whether the question asks for a thing counted that is no money word: the noun after
    "what", "how many", "quelle", "cuántos" ("what audience", "how many households"), one
    of the words the reports use (``known``; "¿cuál era …" asks no "era")."""
    from ..vocabulary import (
        ASKED,
        ASKED_HEAD,
        KIND_WORDS,
        OF_THEM,
        PLURAL_POINTER,
        QUESTION_WORDS,
        lexicon_words,
    )

    if q.aggregate:
        return False  # "which office has the biggest planned budget?": a ranking by it
    match = ASKED_HEAD.match(q.read)
    if not match or OF_THEM.search(q.read):
        return False  # "cuál de ellos": which of the items, not a thing
    head = match.group(1)
    if (
        head not in known
        or not tokens(head)
        or PLURAL_POINTER.fullmatch(head)
        or POINTER.fullmatch(head)
        or head in ("one", "ones")
        or head in KIND_WORDS | QUESTION_WORDS
        or any(head.startswith(word) for word in lexicon_words() if len(word) >= 4)
        or any(pattern.search(head) for pattern, kinds in ASKED if kinds == MONEY)
    ):
        return False
    from ..resolve import country_name

    # "which Colombia outcome …", "what Kenyan output …": where, not a thing asked.
    countries = " ".join(country_name(iso3).lower() for iso3 in q.iso3s)
    return not any(head in place for place in q.places) and head[:5] not in countries


def budget_difference(q: Query) -> None:
    """A difference between two budget lines: "how much less than planned did it get"
    (planned − actual: the shortfall), "how much more did it spend than it received"
    (expenses − actual), "how much of the plan was not spent" (planned − expenses)."""
    from ..vocabulary import COMPARATIVE, NOT_RECEIVED, SHORT_OF, UNSPENT

    if q.measure not in BUDGET_MEASURES and not (q.lines and q.measure in ("", "stated_figure")):
        return
    if q.measure not in BUDGET_MEASURES and q.asks and "money" not in q.asks:
        return  # "how many more women got protection orders": a count, no budget line
    compares = bool(COMPARATIVE.search(q.read)) or bool(NOT_RECEIVED.search(q.read))
    unspent = bool(UNSPENT.search(q.read))
    two = len(set(q.lines)) >= 2
    if two and not compares and not unspent and q.operation == "value":
        # "how much was planned and how much was actually available?": both lines.
        if {"planned", "actual"} == set(q.lines[:2]) and q.measure in BUDGET_MEASURES:
            set_measure(q, "budget")
        return
    if not (compares or unspent or (two and q.operation == "difference")):
        return  # a difference is asked in words that compare: "less than", "left", "over"
    if q.aggregate or q.status:
        return  # a ranking or a total of one line, not a difference between two
    weak = q.measure in ("", "stated_figure") and not q.figures
    one = bool(q.lines) and (q.measure in BUDGET_MEASURES or weak) and bool(SHORT_OF.search(q.read))
    implied = two or unspent or one
    if q.operation != "difference" and not implied:
        return
    if unspent and "expenses" not in q.lines:
        q.lines = ["expenses", *q.lines]
    lines = list(dict.fromkeys(q.lines))
    if len(lines) < 2:
        lines += [other for other in ("planned", "actual") if other not in lines]
        if "expenses" in lines[:1]:
            lines = ["expenses", "actual"]
    pair = tuple(lines[:2])
    q.operation = "difference"
    # "still left to raise", "less than planned": they say what is asked, not what about.
    for pattern in (COMPARATIVE, NOT_RECEIVED, UNSPENT, SHORT_OF):
        for match in pattern.finditer(q.read):
            q.consumed |= set(re.findall(r"[a-z]+", match.group(0)))
    if set(pair) == {"planned", "actual"}:
        # Planned minus actual is the shortfall, printed for an output, worked out from the
        # two printed lines for an outcome.
        set_measure(q, "shortfall")
        q.difference = ("planned", "actual")
    else:
        set_measure(q, "expenses")
        q.difference = pair


def budget_share(q: Query) -> None:
    """ "What share of its planned budget did the output receive?": the actual budget as a
    share of the planned one ("unfunded" when the shortfall's share is asked), for records
    whose lines are printed. A share of the budget delivered is the notes' delivery rate."""
    from ..vocabulary import NOT_RECEIVED, PERCENT

    named = bool(q.codes) or "planned" in q.lines  # a record, or its planned line
    if not (q.asks and q.asks <= PERCENT and q.measure in BUDGET_MEASURES and named):
        return
    if q.measure == "expenses" or "expenses" in q.lines:
        return  # spent or delivered: the delivery rate the notes state
    typed_gap = bool(q.figure_words.get("shortfall")) or bool(NOT_RECEIVED.search(q.read))
    q.share = "unfunded" if typed_gap else "funded"
    set_measure(q, "budget")
    q.operation, q.difference = "value", ()


def set_measure(q: Query, measure: str) -> None:
    """Make the fields the writers route by say ``measure``."""
    from ..vocabulary import ANY, MONEY

    q.measure = measure
    figure = MEASURE_FIGURE.get(measure)
    if measure == "funding_partners":
        figure = "contribution"
    if figure:
        q.figures = [figure] + [f for f in q.figures if f != figure]
        if measure in BUDGET_MEASURES or measure in ("contribution", "core", "non_core"):
            q.asks = q.asks or set(MONEY)
            q.asks_first = q.asks_first or set(MONEY)
        elif measure in ROW_MEASURES:
            q.asks = q.asks or set(ANY)
    elif measure == "stated_figure":
        q.figures = []
        q.asks = q.asks or set(ANY)
    elif measure == "narrative":
        q.figures, q.asks, q.asks_first = [], set(), set()
        q.narrative = True
    elif measure == "none":
        q.figures = []


def set_operation(q: Query, operation: str) -> None:
    """Make the fields the writers route by say ``operation``."""
    from ..vocabulary import COLLECTION

    if operation == "collection" and not (COLLECTION.search(q.read) or q.regions):
        return  # a question about the collection names what it holds: reports, years
    if operation == "collection" and q.read_by.get("measure") == "words" and q.figures:
        return  # "how much has Spotlight committed, and for which years?": a figure asked
    q.operation = operation
    if operation.startswith("ranking_"):
        q.aggregate = operation.split("_", 1)[1]
    elif operation in ("total", "compare"):
        q.aggregate = operation
    elif operation.startswith("status_") and not q.topic:
        # "Which milestones were missed?" lists them; "was the milestone on X met?" asks
        # about one indicator, whose answer says met or missed.
        q.status = operation.split("_", 1)[1]
    elif operation.startswith("status_"):
        q.operation = "value"
    elif operation == "summary":
        q.summary = True
        q.measure = "none"  # a briefing card: every figure of the outcome, none asked
    elif operation == "quote":
        q.narrative = True


def name_records(q: Query, s: Search) -> None:
    """The outcomes, outputs or indicators the question names by topic (see
    :func:`_name_records`); a row asked of an output no indicator's words fit ("its 2023
    milestone … the Kenya output on Nairobi entrepreneurs"): the output by what the question
    says of it, then its own indicators' rows."""
    codes = list(q.codes)
    _name_records(q, s)
    named = q.ask_back or q.records or q.indicators or q.codes != codes
    if not named and q.measure in ROW_MEASURES and q.level in ("output", "outcome") and q.topic:
        _parent_first(q, s)


def _name_records(q: Query, s: Search) -> None:
    """The outcomes, outputs or indicators the question names by topic, when it names no
    code: accepted, asked back between close ones, or none (the writers answer for the
    scope)."""
    if _by_label(q, s):
        return
    kinds = _kinds(q)
    if not kinds or not q.topic or (q.codes and "indicator" not in kinds):
        return
    candidates = {}
    for kind in kinds:
        entries = list(s.scoped(kind, q))
        if kind == "indicator" and q.codes:
            entries = [e for e in entries if e.record.parent_code in q.codes] or entries
        if kind == "indicator" and q.level:
            # "the outcome-level indicator", "in the output on …"
            entries = [e for e in entries if e.record.parent_kind == q.level] or entries
        if kind == "indicator":
            entries = counting(q, s, entries)
        candidates[kind] = (entries, _children(kind, s, q))
    everything = [e for entries, _ in candidates.values() for e in entries]
    children = {k: v for _, found in candidates.values() for k, v in found.items()}
    words = naming.usable_words(q.topic, everything, s.catalog, children)
    if not words or not naming.specific(words, s.catalog):
        return
    if not naming.enough_of(words, q.topic, s.catalog):
        # Mostly about something no record's statement holds ("the national helpline": the
        # notes tell of it): no record is named by the rest.
        return
    topic = " ".join(words)
    probe = s.vector(q, topic)
    ranked = []
    for entries, found in candidates.values():
        ranked += naming.rank_records(entries, topic, probe, s.catalog, found)
    ranked.sort(key=lambda pair: -pair[1])
    found = naming.decide(ranked)
    for record in [*found.chosen, *found.rivals]:
        record.words = topic
    if _counts_under_output(q) and (found.chosen or found.rivals):
        set_measure(q, "result")  # the indicator's reported result is the count asked
    if not kinds_are_tables(q):
        # The notes are read with the outcome named as a preference, never asked back.
        q.records = found.chosen
        q.focus = [r.code for r in found.chosen if r.kind == "outcome"]
        return
    if found.ask_back and found.rivals[0].kind == "indicator":
        # The output is told by all the question says, places too ("in Dhaka and Cox's
        # Bazar"), which name no indicator.
        found = _by_parent(found, s, " ".join(q.topic))
    if found.ask_back and found.rivals[0].kind == "indicator":
        if _text_fits_better(q, s, found.rivals):
            return  # a note's sentence says more of it than either indicator: no table
        if _same_rows(q, s, found.rivals):
            found = naming.Found(found.rivals, [], [])  # either reading gives one figure
    if found.ask_back:
        ask_back_records(q, found.rivals)
        return
    q.records = found.chosen
    for record in found.chosen:
        if record.kind == "indicator":
            q.indicators.append(record.id)
        elif record.code not in q.codes:
            q.codes.append(record.code)


def counting(q: Query, s: Search, entries: list) -> list:
    """Of indicators, those whose statement names what the question counts ("the number of
    women mediators" under an output on gender analysis): the words describing where to look
    do not pick the indicator; what is counted does. All of them when none names it."""
    counted = set(tokens(q.counted)) if q.counted else set()
    if not counted:
        return entries
    # ("the number of women mediators fall below …": the noun read runs on into the verb.)
    held = {e.id: len(counted & set(s.catalog.token_set(e))) for e in entries}
    most = max(held.values(), default=0)
    if most < min(2, len(counted)):
        return entries
    return [e for e in entries if held[e.id] == most]


def _parent_first(q: Query, s: Search) -> None:
    """Name the output (or outcome) a row question describes, when one fits clearly: its
    code scopes the indicators then named."""
    entries = list(s.scoped(q.level, q))
    children = _children(q.level, s, q)
    words = naming.usable_words(q.topic, entries, s.catalog, children)
    if not entries or not words or not naming.specific(words, s.catalog):
        return
    topic = " ".join(words)
    ranked = naming.rank_records(entries, topic, s.vector(q, topic), s.catalog, children)
    found = naming.decide(ranked)
    if len(found.chosen) == 1:
        record = found.chosen[0]
        record.words = topic
        q.codes.append(record.code)
        q.records = [record]


def _text_fits_better(q: Query, s: Search, rivals: list[naming.Named]) -> bool:
    """Whether a sentence of the notes holds more of the question's topic than the close
    indicators do: then the question is about what the note tells, not about which row."""
    from .compose import coverage
    from .stated import sentences_in_scope

    wanted = set(tokens(" ".join(q.topic)))
    held = max(
        coverage(wanted, s.catalog.token_set(s.catalog.entry(r.id)))
        for r in rivals
        if s.catalog.entry(r.id) is not None
    )
    notes = sentences_in_scope(q, s, strict_years=False)
    return s.best_coverage("sentence", wanted, notes) > held


def _by_parent(found: naming.Found, s: Search, topic: str) -> naming.Found:
    """Close indicators of one statement under several outputs are told apart by what the
    question says of the output ("the prevention output in Baucau")."""
    parents = []
    for rival in found.rivals:
        entry = s.catalog.entry(rival.id)
        kind = entry.record.parent_kind if entry is not None else ""
        parent = (
            next(
                (
                    e
                    for e in s.of(kind)
                    if e.file == entry.file and e.record.code == entry.record.parent_code
                ),
                None,
            )
            if kind
            else None
        )
        parents.append(parent)
    if any(p is None for p in parents):
        return found
    # Only the words the indicator does not hold can be about its output.
    first = s.catalog.entry(found.rivals[0].id)
    rest = [w for w in topic.split() if not set(tokens(w)) <= set(s.catalog.token_set(first))]
    if not rest:
        return found
    topic = " ".join(rest)
    scored = naming.rank_records(parents, topic, s.vector_of(topic), s.catalog)
    by_id = {e.id: score for e, score in scored}
    scores = [by_id.get(p.id, 0.0) for p in parents]
    best = max(scores)
    if sorted(scores)[-2] <= best - naming.CLOSE:
        chosen = found.rivals[scores.index(best)]
        return naming.Found([chosen], [], [])
    return found


def _same_rows(q: Query, s: Search, rivals: list[naming.Named]) -> bool:
    """Whether close indicators print the same rows for what is asked (the years named, or
    all): then which one is meant does not change the figure."""

    def printed(named: naming.Named) -> tuple:
        entry = s.catalog.entry(named.id)
        rows = entry.record.rows if entry is not None else []
        # Only what is asked of the rows: "the 2024 result" of two indicators that report
        # none for 2024 is one answer, whatever milestones they set.
        return tuple(
            (
                r.year,
                r.planned.raw if q.measure != "result" else "",
                r.reported.raw if q.measure not in ("milestone", "target", "baseline") else "",
            )
            for r in rows
            if not q.years or r.year in q.years
        )

    return len({printed(r) for r in rivals}) == 1


def kinds_are_tables(q: Query) -> bool:
    """Whether the measure is printed in the tables (else the notes tell it)."""
    tables = q.measure not in ("stated_figure", "narrative", "", "none")
    return tables or q.operation == "summary" or q.asks_code


def _by_label(q: Query, s: Search) -> bool:
    """An indicator named by the code it is printed with ("SP 3.8.1", "2.1.3a")."""
    from .indicators import INDICATOR_LABEL, label_key

    labels = {label_key(label) for label in INDICATOR_LABEL.findall(q.text)}
    if not labels:
        return False
    found = [e for e in s.scoped("indicator", q) if label_key(e.record.label) in labels]
    if q.level:
        found = [e for e in found if e.record.parent_kind == q.level] or found
    q.records = [naming.named(e, 1.0, "label") for e in found]
    q.indicators = [e.id for e in found]
    return bool(found)


def _kinds(q: Query) -> tuple[str, ...]:
    """The kinds of record the measure is printed for."""
    if q.asks_code:
        if _outputs_of_an_outcome(q):
            return ("outcome",)  # "what outputs sit under the humanitarian outcome?"
        return (q.level,) if q.level in ("output", "outcome") else ("outcome", "output")
    if q.operation == "summary":
        return ("outcome",)  # "brief me on Kenya's political participation work"
    if q.aggregate == "total" and q.measure in ("core", "non_core"):
        return ("outcome",)  # "total non-core of the humanitarian outcome": one outcome's
    if (q.aggregate or q.measure in BUDGET_MEASURES) and _outputs_of_an_outcome(q):
        # "the total planned for the outputs of the VAW outcome", "the actual budget of each
        # output of the economic empowerment outcome": the outcome is what the words name.
        return ("outcome",)
    if q.aggregate == "total" and q.level == "output" and q.measure in BUDGET_MEASURES:
        # "actual budgets of the BD econ empowerment outputs": the outputs of the outcome
        # the words name (a ranking or a comparison is over the outputs the topic fits).
        return ("outcome",)
    if q.operation in ("collection", "change") or q.aggregate or q.status:
        return ()
    if q.measure in ROW_MEASURES or _counts_under_output(q):
        return ("indicator",)
    output_level = q.measure in BUDGET_MEASURES and q.level == "output"
    if output_level or (q.measure in ("shortfall", "expenses") and q.level != "outcome"):
        return ("output",)
    if q.measure in BUDGET_MEASURES:
        return ("outcome",) if q.level == "outcome" else ("output", "outcome")
    if q.measure in OUTCOME_MEASURES or not kinds_are_tables(q):
        return ("outcome",)
    return ()


def _outputs_of_an_outcome(q: Query) -> bool:
    """Whether the records listed are the outputs of an outcome the question names ("the
    outputs of the VAW outcome"; "the BD econ empowerment outputs", told by what their
    outcome is about)."""
    return q.level == "output" and ("outcome" in q.levels or bool(OUTPUTS.search(q.read)))


# Outputs asked in the plural: a group, which the outcome they sit under names.
OUTPUTS = re.compile(r"\b(?:outputs|productos|extrants|produits)\b")


def _counts_under_output(q: Query) -> bool:
    """ "Under the output on Kisumu's candidates, how many parties adopted quotas?": a count
    asked of an output is one of its indicators' rows (the notes tell of outcomes)."""
    return q.measure == "stated_figure" and q.level == "output" and bool(q.asks & COUNT)


def _children(kind: str, s: Search, q: Query) -> dict:
    """Output or outcome id → the indicators that report on it: they say what it does."""
    if kind not in ("output", "outcome"):
        return {}
    parents = {(e.file, e.record.code): e.id for e in s.scoped(kind, q)}
    out: dict[str, list] = {}
    for entry in s.scoped("indicator", q):
        parent = parents.get((entry.file, entry.record.parent_code))
        if parent:
            out.setdefault(parent, []).append(entry)
    return out


def ask_back_records(q: Query, rivals: list[naming.Named]) -> None:
    """Ask which of close records is meant; each choice is the question with its code."""
    kind = rivals[0].kind
    what = "indicator" if kind == "indicator" else kind
    q.ask_back = f"Which {what} do you mean? Several fit “{' '.join(q.topic)}” about as well:"
    q.choices = [
        Choice(
            label=_choice_label(record, rivals),
            question=_with_code(q.text, record),
            code=record.code,
            record=record.id,
            kind=record.kind,
        )
        for record in rivals
    ]


def _choice_label(record: naming.Named, rivals: list[naming.Named]) -> str:
    if record.kind == "indicator":
        twins = [r for r in rivals if (r.code, r.label) == (record.code, record.label)]
        which = ""
        if len(twins) > 1:
            # The same statement twice under one output: told apart by its place.
            which = f", the {_ORDINALS[twins.index(record)]} listed under it"
        return f"{record.label} ({record.code}, {record.country}{which})"
    return f"{record.kind} {record.code} ({record.country}): {record.label}"


_ORDINALS = ("first", "second", "third", "fourth")


def _with_code(question: str, record: naming.Named) -> str:
    question = question.rstrip(" ?¿!.")
    if record.kind == "indicator":
        return f"{question}, indicator “{record.label}” under {record.code}?"
    return f"{question} ({record.kind} {record.code})?"
