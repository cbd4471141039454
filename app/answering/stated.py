"""Figures stated in the reports' prose: the sentence that states a figure of the kind asked
about the question's subject, quoted verbatim with the figure marked.

A stated figure is never made a table fact: the answer says it is stated in the progress
note (or the report's text), quotes the sentence, and cites its page. Figures from
different sentences are never added, compared or converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from indexing.facts import head_phrase
from indexing.figures import INCREMENT, Stated, clauses_without_figures, noun_after, per_unit

from ..catalog import Entry, Rows, tokens, union
from ..resolve import ANY, Query
from ..vocabulary import GENERIC_PARTNER_WORDS
from .compose import Miss, Reply, named_outcome, quoted, where
from .model import Answer, Fact
from .search import MIN_WEIGHTED, Search, sentence_answers

GENERIC_PARTNER = set(GENERIC_PARTNER_WORDS.split()) | {"of", "the", "to", "for"}

# The agency's own name: its "Women" says nothing of who was counted.
AGENCY = re.compile(r"\bUN[ -]Women\b", re.IGNORECASE)
# What joins two things asked in one question.
COORDINATION = re.compile(r"\s(?:and|&|y|e|et|as well as|plus)\s")
# Lines the tables print that a note states only in their own words: budget lines, and an
# indicator's baseline, milestone and target ("Target for police trained?" is no count of
# people trained).
TABLE_LINES = {
    "planned_budget",
    "actual_budget",
    "expenses",
    "shortfall",
    "baseline",
    "milestone",
    "target",
}
# Another sentence is shown beside the best when it fits nearly as well (another office's
# figure for the same thing, when no country is named): never added to it.
ALSO_WITHIN = 0.05
# "60 of them were elected": a figure that counts part of the one before it.
SUBSET = re.compile(r"\s*(?:of (?:them|these|those|whom|which)|among them)\b", re.IGNORECASE)
MOST = 3
# "How many one-stop centres": a figure whose noun ("481 women survivors") shares no word with
# what is counted and is this far apart in meaning counts something else. Measured on the
# eval sets' pairs: "centres"/"women survivors" 0.13, "women"/"seats" 0.34.
COUNTS_APART = 0.25


@dataclass
class Found:
    entry: Entry
    figure: Stated
    share: float  # of the question's topic words the sentence holds (its note's framing too)
    own: float  # of them in the sentence's own words
    similarity: float
    earlier: bool = False  # the figure is one the sentence compares with
    of_year: bool = False  # the figure is of the year asked (its clause's, or its note's)
    ties: list = field(default_factory=list)  # figures of the sentence that fit as well
    compared: bool = False  # a change is asked, and the sentence states the figure before

    @property
    def support(self) -> float:
        # A question after the earlier figure ("before the elections") is best answered by
        # a sentence that states a comparison; one after a year, by that year's figure.
        # A note of the very year asked outweighs the next year's look back at it.
        return (
            self.share
            + self.own / 2
            + self.similarity / 4
            + self.earlier / 2
            + self.of_year * 0.75
            + self.compared / 2
        )


def sentences_in_scope(q: Query, s: Search, strict_years: bool) -> Rows:
    """The sentences of the countries, codes and years the question names.

    A year keeps the sentences of reports showing that year's data, and those that name it
    ("compared to 59% in 2022"); with ``strict_years`` off, all are kept when none does.
    """
    entries = s.scoped("sentence", q)
    if not q.years:
        return entries
    # A report of the next year tells the year before ("compared to … the year before").
    years = set(q.years) | ({y + 1 for y in q.years} if q.earlier else set())
    kind = s.catalog.kind("sentence")
    rows = entries.rows
    of_year = np.isin(kind.data_years[rows], list(years))
    named = union([kind.year_rows[str(y)] for y in q.years if str(y) in kind.year_rows])
    of_year |= np.isin(rows, named)
    if of_year.any() or strict_years:
        return Rows(kind.entries, rows[of_year])
    return entries


def stating(q: Query, s: Search, asked) -> Rows:
    """The sentences in scope (:func:`sentences_in_scope`, years strictly) that state a
    figure of a kind in ``asked``."""
    kind = s.catalog.kind("sentence")
    allowed = union([kind.figure_rows[f] for f in asked if f in kind.figure_rows])
    entries = sentences_in_scope(q, s, strict_years=True)
    return Rows(kind.entries, entries.rows[np.isin(entries.rows, allowed)])


def stated_figure(q: Query, s: Search) -> tuple[Answer, float]:
    """The best sentence(s) stating a figure of the asked kind; and how well they fit."""
    asked = q.asks or ANY
    words = q.topic
    if not words and q.partners:
        # "What did the Swedish government pay for?": sentences that name the partner.
        words = [w for p in q.partners for w in p.split() if w.lower() not in GENERIC_PARTNER]
    wanted = set(tokens(" ".join(words)))
    if not wanted:
        raise Miss("the question names nothing a sentence could be matched by")
    # The donor asked about picks its clause of a sentence naming several ("of which US$
    # 812,000 came from the Government of Japan"), whether or not it is a topic word.
    donors = set(
        tokens(
            " ".join(
                w
                for name in [*q.partners, *q.unknown_countries]
                for w in name.split()
                if w.lower() not in GENERIC_PARTNER
            )
        )
    )
    candidates = stating(q, s, asked)
    # A line the tables print (an actual budget, expenses) is stated by a note only in its
    # own words ("managed a budget of USD 4 ,194,032"): money a note says was mobilised or
    # paid is not that line.
    line_words = set(tokens(" ".join(q.figures))) if q.measure in TABLE_LINES else set()
    if not line_words & set(tokens(q.read)):
        line_words = set()  # the line read from a verb ("what did it mobilise?"), not named
    # Sentences are whole, so the whole question is the better probe of their meaning.
    ranked = s.rank("sentence", q, candidates, text=" ".join(words), meaning=q.meaning)
    found: list[Found] = []
    shares = s.sentence_shares(q, wanted, [e for e, _, _ in ranked])
    for entry, similarity, _ in ranked:
        share, own, weighted = shares[entry.id]
        shared = s.shared(wanted, entry, q.alike)
        # The donor asked about (a partner, a country with no report of its own, a name the
        # sentence holds), named by the sentence (sentence_shares requires the first two),
        # with half of what the question says: its money is the one asked.
        names_held = bool(q.named) and set(tokens(" ".join(q.named))) <= set(
            s.catalog.token_set(entry)
        )  # "Spotlight": a donor the notes name, though no funding table does
        by_partner = (
            bool(q.partners or q.unknown_countries or names_held)
            and "money" in asked
            and share >= 0.5
            and weighted >= MIN_WEIGHTED
        )
        if (
            not sentence_answers(similarity, share, shared, len(wanted), weighted)
            and not by_partner
            and not _says_what_follows_up(q, s, entry)
        ):
            continue
        if line_words and not line_words & set(s.catalog.token_set(entry)):
            continue
        if q.part and not set(q.part) <= set(tokens(AGENCY.sub(" ", entry.record.text))):
            continue  # "how many of them were refugees?": a sentence that never says so
        if q.counted and not _within_bounds(q, entry.record):
            continue  # "how many … under 35": a sentence that says nothing of 35
        scores: dict[int, float] = {}
        figure = pick_figure(
            entry, q, asked, wanted | donors, lambda a, b: _alike(s, q, a, b), scores
        )
        if figure is not None:
            earlier = q.earlier and figure.role == "earlier"
            year = figure.year or entry.meta.get("data_year")
            of_year = bool(q.years) and year in q.years
            item = Found(entry, figure, share, own, similarity, earlier, of_year)
            item.ties = tied(entry, figure, scores)
            # "how many more than the year before?": a sentence that states both figures.
            item.compared = q.operation in ("difference", "change") and any(
                f.role == "earlier" and comparable(f.kind, figure.kind)
                for f in entry.record.figures
                if f is not figure
            )
            found.append(item)
    if not found:
        raise Miss(
            "no table figure or sentence of the indexed reports states that",
            [where(e) for e, _, _ in ranked[:3]],
        )
    found = _holding_own_words(q, s, found, lambda f: f.entry)
    found.sort(key=lambda f: -f.support)
    best = found[0]
    # Another office's figure for the same thing stands beside the best one only when it is
    # about as close, and about whatever the question names that the best one holds.
    named = q.named & set(s.catalog.token_set(best.entry))
    chosen = [best]
    for other in found[1:]:
        if len(chosen) == MOST or other.support < best.support - ALSO_WITHIN:
            break
        outcomes = {c.entry.meta.get("outcome_code") for c in chosen}
        if other.entry.meta.get("outcome_code") not in outcomes and named <= set(
            s.catalog.token_set(other.entry)
        ):
            chosen.append(other)
    reply = Reply()
    for item in chosen:
        _state(reply, item, s, q)
    # Weighed against a table answer by what the sentence itself says.
    return reply.answer(q.text), best.own


def _says_what_follows_up(q: Query, s: Search, entry: Entry) -> bool:
    """A follow-up's own words, all held by a sentence of the record the conversation is
    on ("and their sales?" after a note's sentence on Istanbul's seed grants)."""
    if not q.own_topic or "topic" not in q.inherited:
        return False
    own = set(tokens(" ".join(q.own_topic)))
    code = entry.record.outcome_code
    on_record = not q.codes or any(c == code or c.startswith(code + ".") for c in q.codes)
    return bool(own) and own <= set(s.catalog.token_set(entry)) and on_record


def _holding_own_words(q: Query, s: Search, items: list, entry_of) -> list:
    """ "… seed grants in Istanbul? — and by how much did their sales go up?": of what
    answers, what holds a word the follow-up says itself (the topic before is its context),
    when anything does."""
    if not q.own_topic or "topic" not in q.inherited:
        return items
    own = set(tokens(" ".join(q.own_topic)))
    held = {id(i): len(own & set(s.catalog.token_set(entry_of(i)))) for i in items}
    most = max(held.values(), default=0)
    # What holds the most of them ("cash-for-work wages … households": the households).
    return [i for i in items if held[id(i)] == most] if most else items


def _alike(s: Search, q: Query, one: str, other: str) -> float:
    return float(np.dot(s.vector(q, one), s.vector(q, other)))


def _increment(phrase: str) -> bool:
    return phrase.split(" ", 1)[0] in INCREMENT


def _within_bounds(q: Query, sentence) -> bool:
    values = {f.value for f in sentence.figures} | {f.whole for f in sentence.figures}
    return all(bound in values for bound in q.bounds)


def pick_figure(
    entry: Entry,
    q: Query,
    asked: set[str],
    wanted: set[str],
    alike=None,
    scores: dict[int, float] | None = None,
) -> Stated | None:
    """The figure of a sentence that answers: of the asked kind, in the clause about the
    question's subject, of the asked year, the earlier one when the question asks for it,
    and counting what the question counts (``alike(a, b)``: how close two phrases mean)."""
    sentence = entry.record
    data_year = entry.meta.get("data_year") or None
    in_question = set(q.given)
    # A place picks the sentence (which office, which region); the other words its figure.
    wanted = wanted - q.places
    for group in q.alike:  # "the Danes": the clause that says "the Danish Government"
        if wanted & group:
            wanted = wanted | group
    # Words of a clause that states no figure frame them all alike: they tell none apart
    # ("ahead of the 2023 local elections" is not the "elected" of "60 of them were elected").
    # Only a word the question shares with such a clause as printed, and no figure's clause
    # prints: "elections" frames both figures, though "elected" shares its stem.
    framing = set(_words(" ".join(clauses_without_figures(sentence.text, sentence.figures))))
    framing -= set(_words(" ".join(f.clause for f in sentence.figures)))
    wanted = wanted - {stem for word in q.topic if word.lower() in framing for stem in tokens(word)}
    best, best_score = None, float("-inf")
    scores = {} if scores is None else scores
    donors = {w for p in [*q.partners, *q.unknown_countries] for w in tokens(p)} - set(
        tokens(" ".join(GENERIC_PARTNER))
    )
    for index, figure in enumerate(sentence.figures):
        if figure.kind not in asked or figure.value in q.excluded_figures:
            continue
        counted_words = [w for w in q.counted.split() if w not in INCREMENT]
        if figure.role == "other" and not counted_words:
            continue  # "the first six months", "aged 15 to 24": the frame, not a result
        if figure.role == "target" and q.measure != "target":
            continue  # "aiming to reach 5,000": a plan, not what was reached
        clause = figure.clause
        if figure.role in ("earlier", "part") or SUBSET.match(sentence.text[figure.end :]):
            # "compared to 59% in 2022" is about what the figure before it is about; so is
            # "60 of them were elected", of the 2,371 candidates before it, and more narrowly.
            before = [f for f in sentence.figures[:index] if comparable(f.kind, figure.kind)]
            totals = [f for f in before if f.role == "total"]
            if totals or before:
                # A part is about what its total is about ("of whom 704 were Dalit women").
                clause = (totals or before)[-1].clause + " " + clause
        score = float(len(wanted & set(tokens(clause))))
        # What the figure counts, read at index time ("community leaders who act as
        # champions"), tells apart figures that share a clause.
        # Its noun phrase only: what was done is in the clause, counted above.
        counts = set(tokens(head_phrase(figure.counts)))
        score += 1.5 * len(wanted & counts)
        owner = set(tokens(figure.owner or figure.place))
        if donors and owner:
            score += 2 if donors & owner else -2  # the donor asked, or another one
        if q.part and figure.role == "part":
            score += 1
        elif q.part and figure.role == "total":
            score -= 2  # "how many … were among the …": the part, not the group it is of
        elif figure.role == "part":
            score -= 0.5  # a part shares its total's clause; asked for no part, the total
        # "how many more than the year before?": an increment of what was asked before,
        # which "more" alone does not name.
        what = " ".join(counted_words)
        # The 15 of "11 out of 15" counts what its ratio does, and is held to it as well.
        if what and figure.kind in ("count", "ratio"):
            noun = figure.counts or noun_after(sentence.text[figure.end :])
            if (
                _increment(noun)
                and not _increment(q.counted)
                and q.operation not in ("difference", "change")
            ):
                continue  # "two more centres" is not how many centres there are
            counted = set(tokens(q.counted))
            shared_words = set(tokens(noun)) & counted
            if noun and shared_words:
                # The counted noun is what tells figures of one sentence apart: the more of
                # what the question counts it names, the better ("Syrian refugees" over
                # "women" for "Syrian refugee women", "Dalit women" over "elected women
                # representatives" for "Dalit women").
                score += 2 + 4 * len(shared_words) / len(counted)
            elif (
                noun
                and alike is not None
                and alike(q.counted, noun) < COUNTS_APART
                # A part is described by its total's clause too ("2,371 women candidates
                # from Zaatari completed the leadership academy, and 60 of them …").
                # So is a figure asked as a part ("of the cooperatives supported, how many
                # signed contracts?") whose clause tells what the part did.
                and not ((figure.role == "part" or q.part) and counted & set(tokens(clause)))
            ):
                continue
            elif noun and figure.word:
                # "a guarantee facility with two partner banks": a count in words, of
                # something the question does not name, describes; it is not what is counted.
                continue
        if what and figure.kind in ("count", "ratio"):
            # "How many women obtained protection orders?" is not answered by a sentence on
            # licences that women obtained: most of what is counted must be in the sentence.
            content = _content_words(q.counted)
            missing = {w for w in content if not _held(w, sentence.text)}
            if (
                len(missing) >= 2  # one word may be a synonym ("vacancies": staff positions)
                and len(missing) * 2 >= len(content)
                # "women business owners" are the note's "women entrepreneurs": by meaning.
                and not (alike and figure.counts and alike(q.counted, figure.counts) >= SAME_THING)
            ):
                continue
        if figure.value in {float(v) for v in in_question}:
            if q.part:
                continue  # "of the 996 people trained, how many …": the whole is no part
            score -= 5  # "in the first six months": the question's own condition
        if q.years:
            if figure.year in q.years:
                score += 3
            elif (
                q.earlier
                and figure.role == "earlier"
                and (figure.year is None or figure.year < max(q.years))
            ):
                pass  # "the year before 2023": 2023 is where the question looks back from
            elif data_year in q.years and figure.year and figure.year > max(q.years):
                pass  # "committed 2.8M USD for 2024-2025" in the 2023 note: a pledge it tells
            elif figure.year is not None or data_year not in q.years:
                score -= 3
        if figure.role == "earlier":
            # "how many more than the year before": the later figure, the earlier beside it.
            # A note of the very year asked compares with the year before that one.
            of_asked_year = q.years_back and data_year in q.years
            wanted_earlier = q.earlier and q.operation != "difference" and not of_asked_year
            score += 2 if wanted_earlier else -2
        elif figure.role == "whole":
            score -= 1  # the 190 of "50 out of 190": how many there are in all
        elif q.operation in ("difference", "change") and any(
            f.role == "earlier" and comparable(f.kind, figure.kind) for f in sentence.figures
        ):
            score += 2  # "how big was the increase?": a figure the sentence says it grew from
        if figure.word:
            score -= 0.5
        if figure.kind in q.asks_first:
            # "What share of … wages …": a share, whatever the clause of the wages holds;
            # "the budget … next to its delivery rate": the budget.
            score += 10
        if figure.kind == "percent" and "count" not in asked:
            score += 0.5  # "what share": the percentage before "4 out of 9"
        scores[index] = score
        if score > best_score:
            best, best_score = figure, score
    return best


# Words rarer than this (Zipf frequency, ``wordfreq``) say what is counted; commoner ones
# ("people", "took", "part", "now") are any sentence's.
CONTENT_ZIPF = 5.0


# How close in meaning what a question counts and what a figure counts must be to be the
# same thing said in other words ("women business owners" / "women entrepreneurs").
SAME_THING = 0.5


def _noun_phrase(phrase: str) -> str:
    """What a question counts, less the verb after it: "people joined the community" →
    people."""
    from indexing.figures import IRREGULAR

    words = []
    for word in phrase.split():
        if words and (re.fullmatch(r"[a-z-]+ed", word) or word in IRREGULAR):
            break
        words.append(word)
    return " ".join(words)


def _held(word: str, text: str) -> bool:
    """Whether a sentence holds a word, or the word as a slip of the keys spelled it
    ("seets": seats)."""
    from rapidfuzz import fuzz

    if set(tokens(word)) & set(tokens(text)):
        return True
    return any(
        fuzz.ratio(word, other) >= 80
        for other in re.findall(r"[a-z]+", text.lower())
        if len(other) > 3
    )


def _content_words(phrase: str) -> list[str]:
    from wordfreq import zipf_frequency

    return [
        w for w in re.findall(r"[a-z]+", phrase.lower()) if zipf_frequency(w, "en") < CONTENT_ZIPF
    ]


def tied(entry: Entry, best: Stated, scores: dict[int, float]) -> list[Stated]:
    """Other figures of the sentence that fit the question exactly as well as the one
    picked, of its kind and counting something else: the answer gives each with what it
    counts rather than choose between them."""
    figures_ = entry.record.figures
    top = max(scores.values(), default=None)
    return [
        figures_[i]
        for i, score in scores.items()
        if score == top
        and figures_[i] is not best
        and figures_[i].kind == best.kind
        and figures_[i].role not in ("earlier", "whole", "total")
        and figures_[i].counts
        and figures_[i].counts != best.counts
    ]


def printed(text: str) -> str:
    """A figure as the sentence prints it, less the space a PDF's text puts into it ("USD 2
    ,846,415.74"): the quote keeps it as it came."""
    return re.sub(r"(?<=\d) (?=,\d{3})", "", text)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def comparable(one: str, other: str) -> bool:
    """Whether two figures' kinds can be set side by side: "50 out of 190 seats, up from 15"
    compares the 50 with the 15."""
    return one == other or {one, other} == {"count", "ratio"}


def companions(q: Query, sentence, figure: Stated) -> list[tuple[str, Stated]]:
    """Other figures of the same sentence the answer states in its own words: the one the
    figure is compared with ("78%, compared with 66% in 2022"), and a figure of each other
    kind the question asks for ("how many calls … and what share were referred")."""
    figures_ = list(sentence.figures)
    index = next((i for i, f in enumerate(figures_) if f is figure or f == figure), None)
    if index is None:
        return []
    out: list[tuple[str, Stated]] = []
    # "the first six months": a figure in words is the period, not a compared figure.
    same = [
        f
        for f in figures_
        if comparable(f.kind, figure.kind) and f is not figure and f != figure and not f.word
    ]
    if figure.role != "earlier":
        earlier = [f for f in same if f.role == "earlier"]
        if earlier:
            nearest = min(earlier, key=lambda f: abs(f.start - figure.start))
            out.append(("compared with", nearest))
    else:
        later = [f for f in same if f.role not in ("earlier", "whole")]
        if later:
            nearest = min(later, key=lambda f: abs(f.start - figure.start))
            out.append(("against", nearest))
    if figure.kind == "ratio":
        # "46 out of 92 seats (50 percent)": the same share, printed both ways.
        beside = [
            f
            for f in figures_
            if f.kind == "percent"
            and 0 <= f.start - figure.end <= 60
            and sentence.text[figure.end : f.start].rstrip().endswith("(")
            and not any(figure.end <= g.start < f.start for g in figures_)
        ]
        if beside:
            out.insert(0, ("", beside[0]))
    if figure.kind == "percent":
        # "(50 percent)" after "46 out of 92 seats": the share printed both ways.
        before = [
            f
            for f in figures_
            if f.kind == "ratio"
            and 0 <= figure.start - f.end <= 60
            and sentence.text[f.end : figure.start].rstrip().endswith("(")
            and not any(f.end <= g.start < figure.start for g in figures_)
        ]
        if before:
            out.insert(0, ("", before[0]))
    covered = {figure.kind} | {f.kind for _, f in out}
    used = [figure] + [f for _, f in out]
    groups = list(q.asked_groups)
    if figure.kind in {k for g in groups for k in g}:
        # The first way of asking that fits is answered by the figure itself.
        groups.remove(next(g for g in groups if figure.kind in g))
    for group in groups:
        if covered & set(group) and not any(
            f.kind in group and all(f is not u for u in used) and f.role not in ("whole", "earlier")
            for f in figures_
        ):
            continue
        fresh = [f for f in figures_ if all(f is not u for u in used) and not f.word]
        others = [f for f in fresh if f.kind in group and f.role not in ("whole", "earlier")]
        others = others or [f for f in fresh if f.kind in group and f.role != "whole"]
        if others:
            other = others[0]
            out.append(("and", other))
            used.append(other)
            covered |= set(group)
            # "rose from US$ 108 to US$ 186": the figure it grew from, beside it.
            earlier = [f for f in figures_ if f.kind == other.kind and f.role == "earlier"]
            if earlier and other.role != "earlier":
                out.append(
                    ("up from" if other.value > earlier[0].value else "down from", earlier[0])
                )
    both = _other_half(
        q, sentence.text, figure, figures_, [f for f in figures_ if all(f is not u for u in used)]
    )
    if both is not None:
        out.append(("and", both))
    return out


def _other_half(
    q: Query, text: str, figure: Stated, every: list[Stated], rest: list[Stated]
) -> Stated | None:
    """ "new partnership agreements signed and other resources mobilised": two things asked
    that the sentence states in two parts, each holding words of the question the other
    does not; the figure of the other part."""
    # The question joins the two ("… signed and … mobilised"): words on each side of it.
    asked = q.meaning if "topic" in q.inherited else q.read  # "et en Jordanie ?": and before
    # "in Dedza and Nkhata Bay": names joined by "and" are one place, not two things asked.
    joins = [m for m in COORDINATION.finditer(asked) if not _between_names(asked, m)]
    cuts = [0] + [p for m in joins for p in (m.start(), m.end())] + [len(asked)]
    sides = [set(tokens(asked[a:b])) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    if len(sides) < 2:
        return None
    mine = set(tokens(_part(text, every, figure)))
    for other in rest:
        if other.word or other.role in ("whole", "earlier") or other.value in q.excluded_figures:
            continue
        theirs = set(tokens(_part(text, every, other)))
        if any(
            (a & mine) - theirs and (b & theirs) - mine
            for i, a in enumerate(sides)
            for j, b in enumerate(sides)
            if i != j
        ):
            return other
    return None


def _between_names(text: str, match: re.Match) -> bool:
    before = re.search(r"(\S+)\s*$", text[: match.start()])
    after = re.match(r"\s*(\S+)", text[match.end() :])
    return bool(before and after and before.group(1)[:1].isupper() and after.group(1)[:1].isupper())


def _part(text: str, every: list[Stated], figure: Stated) -> str:
    """The words of a sentence that go with one of its figures: from where the figure before
    it ends to where the next one starts, cut at the last "and", comma or semicolon between
    them ("signed 26 new partnership agreements | and mobilised 33.9M USD")."""
    spoken = sorted((f for f in every if not f.word), key=lambda f: f.start)
    before = [f for f in spoken if f.end <= figure.start]
    after = [f for f in spoken if f.start >= figure.end]
    start, end = 0, len(text)
    if before:
        gap = text[before[-1].end : figure.start]
        cut = max(gap.rfind(" and "), gap.rfind(","), gap.rfind(";"))
        start = before[-1].end + (cut if cut >= 0 else 0)
    if after:
        gap = text[figure.end : after[0].start]
        cut = max(gap.rfind(" and "), gap.rfind(","), gap.rfind(";"))
        end = figure.end + (cut if cut >= 0 else len(gap))
    return text[start:end]


def own_words(figure: Stated, data_year: int | None) -> str:
    """What a stated figure is, whose and when, in the answer's own words: "(community
    leaders who act as champions; 2021)", "(sales; year not stated)". The year is the one
    its clause states, else its note's; never guessed."""
    what = figure.counts
    whose = figure.owner or figure.place  # "(market vendors, Baucau municipality; 2022)"
    if whose and whose.lower() not in what.lower():
        what = f"{what}, {whose}" if what else whose
    if figure.time == "year before":
        when = f"the year before {data_year}" if data_year else "the year before; year not stated"
    elif figure.time:
        when = figure.time
    elif figure.year:
        when = str(figure.year)
    elif data_year:
        when = str(data_year)
    else:
        when = "year not stated"
    return f"({what}; {when})" if what else f"({when})"


def _change(q: Query, figure: Stated, pairs: list[tuple[str, Stated]]) -> str:
    """The change between a figure and the one it is compared with, when it is asked."""
    if q.operation not in ("difference", "change"):
        return ""
    other = next((f for how, f in pairs if how in ("compared with", "against")), None)
    if other is None or figure.kind not in ("count", "ratio", "percent", "money", "foreign"):
        return ""
    later, earlier = (figure, other) if figure.role != "earlier" else (other, figure)
    change = later.value - earlier.value
    unit = " percentage points" if figure.kind == "percent" else ""
    word = "an increase" if change > 0 else "a fall"
    amount = f"{abs(change):,.10g}"
    if figure.kind in ("money", "foreign") and figure.currency:
        # "US$ 140": money in the currency, and the way, the sentence prints it.
        prefix = re.match(r"^[^\d]*", printed(figure.text)).group(0)
        amount = f"{prefix}{amount}" if prefix.strip() else f"{amount} {figure.currency}"
    return f", {word} of {amount}{unit} (worked out from the two figures)"


def _state(reply: Reply, found: Found, s: Search, q: Query) -> None:
    entry, figure = found.entry, found.figure
    sentence = entry.record
    year = figure.year or entry.meta.get("data_year") or None
    if sentence.source == "note":
        place = "the progress note of " + named_outcome(
            s.catalog, entry.file, sentence.outcome_code, entry.country
        )
        section = f"Outcome {sentence.outcome_code} progress note"
    else:
        place = f"the text of {entry.file}, page {figure.page or sentence.page}"
        section = "Page text"
    data = entry.meta.get("data_year")
    when = f", report showing data for {data}" if data else ""
    role = " (the earlier figure it compares with)" if figure.role == "earlier" else ""
    each = per_unit(sentence.text, figure)
    if each:
        role += f" {each} (a figure for one of many, not a total)"
    pairs = companions(q, sentence, figure)
    printed_share = any(how == "" and other.kind == "percent" for how, other in pairs)
    if figure.equivalent and figure.kind == "ratio" and not printed_share:
        # "7 out of 20" asked as a share: the share it is, worked out and said so.
        role = f" ({figure.equivalent}, worked out){role}"
    # The same figure printed another way stands right after it ("46 out of 92 (50
    # percent)"); the figures it is compared with or asked beside it, after what it is.
    same = "".join(f" ({printed(other.text)})" for how, other in pairs if not how)
    beside = "".join(
        f", {how} {printed(other.text)}"
        + (f" in {other.year}" if other.year and how != "and" else "")
        for how, other in pairs
        if how
    )
    change = _change(q, figure, pairs)
    shown = {id(figure)} | {id(f) for _, f in pairs}
    for other in found.ties:
        if id(other) not in shown:
            # Two figures fit the question alike: both, each with what it counts.
            beside += f", and {printed(other.text)} {own_words(other, data)}"
    reply.lines.append(
        f"{printed(figure.text)}{same}{role} {own_words(figure, data)}{beside}{change}: stated in "
        f"{place}{when}, not a table figure: “{quoted(sentence.text, figure.text)}”"
    )
    unit = figure.currency if figure.kind in ("money", "foreign") else figure.kind
    reply.facts.append(
        Fact(
            f"stated in the {'progress note' if sentence.source == 'note' else 'report text'}",
            sentence.outcome_code or entry.file,
            figure.text,
            figure.value,
            unit,
            year,
            entry.file,
            figure.page or sentence.page,
            source=sentence.source,
        )
    )
    reply.cite(entry, figure.page or sentence.page, section, sentence.text, figure.text)
