"""Answer a question from the indexed records, with the file and page of every figure.

Figures are read from parsed records (via the catalog), never from generated text. When
the reports do not hold what is asked, the answer says so and offers the closest matches.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from indexing.records import Indicator, IndicatorRow, Money, Outcome, Output
from indexing.store import Store

from .catalog import Catalog, Entry, catalog_for, tokens
from .resolve import Query, resolve

MONEY_FIGURES = ("planned", "actual", "shortfall", "expenses")
ROW_FIGURES = ("target", "baseline", "milestone", "result")
LABELS = {
    "planned": "planned budget",
    "actual": "actual budget",
    "shortfall": "shortfall",
    "expenses": "expenses",
}


def money_quote(kind: str, figure: str, money: Money) -> str:
    """The words a figure is printed with, so a reader can find it on the page."""
    if kind == "outcome":
        return f"{money.text} {'Planned' if figure == 'planned' else 'Actual'} Budget"
    return QUOTE_LABELS[figure].format(money.text)


QUOTE_LABELS = {
    "planned": "Planned Budget: {}",
    "actual": "Actual Budget and Shortfall: {}",
    "shortfall": "Shortfall: {}",
    "expenses": "Expenses: {}",
}
# Below these, a search by meaning found nothing that answers the question.
MIN_SIMILARITY = 0.30
NO_LLM = {"used": False, "reason": "no LLM configured (RESULTSQA_LLM_URL is not set)"}
RRF_K = 60


@dataclass
class Citation:
    file: str
    page: int
    section: str
    quote: str


@dataclass
class Fact:
    what: str
    subject: str
    display: str
    value: float | str | None
    unit: str
    year: int | None
    file: str
    page: int


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    found: bool = True
    alternatives: list[str] = field(default_factory=list)
    # Ids of the records the answer stands on, for charts and the page view.
    records: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    # Whether an LLM wrote ``answer`` (app/synthesis.py); if it did, ``grounded`` keeps the
    # answer composed from the records.
    synthesis: dict = field(default_factory=lambda: dict(NO_LLM))
    grounded: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        data["elapsed_ms"] = round(self.elapsed_ms, 1)
        return data


@dataclass
class Scope:
    """Filters the user set (the chat's sidebar), applied where the question names none."""

    iso3s: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


class _Unanswerable(Exception):
    """Raised where composing an answer finds the reports do not hold it."""

    def __init__(self, reason: str, closest: list[str]):
        super().__init__(reason)
        self.reason, self.closest = reason, closest


class _Reply:
    """Collects sentences, facts and citations while an answer is composed."""

    def __init__(self):
        self.lines: list[str] = []
        self.facts: list[Fact] = []
        self.citations: list[Citation] = []
        self.alternatives: list[str] = []
        self.records: list[str] = []

    def cite(self, entry: Entry, page: int, section: str, quote: str) -> None:
        if entry.id not in self.records:
            self.records.append(entry.id)
        citation = Citation(entry.file, int(page or entry.meta.get("page", 1)), section, quote)
        if citation not in self.citations:
            self.citations.append(citation)

    def money(
        self, entry: Entry, what: str, subject: str, money: Money, section: str, quote: str
    ) -> None:
        year = entry.meta.get("data_year") or None
        self.facts.append(
            Fact(what, subject, money.text, money.amount, "USD", year, entry.file, money.page)
        )
        self.cite(entry, money.page, section, quote)

    def row(self, entry: Entry, indicator: Indicator, row: IndicatorRow, what: str, value) -> None:
        self.facts.append(
            Fact(
                what,
                _indicator_name(indicator),
                value.raw or "(blank)",
                value.number if value.number is not None else value.raw,
                "count" if value.kind == "number" else value.kind,
                row.year,
                entry.file,
                row.page,
            )
        )
        self.cite(
            entry,
            row.page,
            f"Indicator table, {indicator.parent_kind} {indicator.parent_code}",
            f"{_short(indicator.statement, 120)} … {row.line}",
        )


class Answerer:
    """Answers questions over one store; keeps the model and the catalog warm between calls."""

    def __init__(self, store: Store, embedder=None):
        self.store = store
        self._embedder = embedder

    @property
    def embedder(self):
        if self._embedder is None:
            from indexing.embed import get_embedder

            self._embedder = get_embedder()
        return self._embedder

    def catalog(self) -> Catalog:
        return catalog_for(self.store)

    def ask(self, question: str, scope: Scope | None = None) -> Answer:
        started = time.perf_counter()
        question = " ".join(question.split())
        catalog = catalog_for(self.store)
        query = resolve(question, catalog)
        if scope:
            query.iso3s = query.iso3s or list(scope.iso3s)
            query.codes = query.codes or list(scope.codes)
            query.years = query.years or list(scope.years)
        try:
            answer = self._route(question, query, catalog)
        except _Unanswerable as unanswerable:
            answer = _not_found(question, unanswerable.reason, unanswerable.closest)
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        return answer

    def rank_passages(self, question: str, k: int = 5) -> list[tuple[str, list[int]]]:
        """The progress-note paragraphs a question retrieves, best first: (file, pages).

        What the narrative answers are chosen from; the evaluation scores its recall.
        """
        catalog = catalog_for(self.store)
        q = resolve(" ".join(question.split()), catalog)
        words = _topic_words(q)
        candidates = self._in_scope(catalog.of("narrative"), q)
        ranked = self._search(
            "narrative", q, catalog, candidates, text=" ".join(words) if words else None
        )
        return [(e.file, list(e.record.pages)) for e, _, _ in ranked[:k]]

    # -- routing --------------------------------------------------------------------------
    def _route(self, question: str, q: Query, catalog: Catalog) -> Answer:
        if not catalog.of("outcome") and not self.store.count():
            return _not_found(question, "nothing is indexed yet; run `resultsqa index PATH`", [])
        if q.unknown_codes and not q.codes:
            close = difflib.get_close_matches(
                q.unknown_codes[0], sorted(catalog.codes), n=3, cutoff=0.6
            )
            return _not_found(
                question,
                f"no outcome or output {', '.join(q.unknown_codes)} in the indexed reports",
                close,
            )
        if q.unknown_countries and not q.iso3s:
            countries = sorted({e.country for e in catalog.of("outcome")})
            return _not_found(
                question,
                f"no report for {', '.join(q.unknown_countries)} is indexed",
                [f"Reports indexed for: {', '.join(countries)}"],
            )
        if q.status:
            return self._milestone_status(question, q, catalog)
        money = [f for f in q.figures if f in MONEY_FIGURES or f == "budget"]
        if q.aggregate and money and not self._indicator_words(q):
            return self._aggregate_budget(question, q, catalog, money[0])
        if q.partners or (q.figure == "contribution" and not self._indicator_words(q)):
            return self._contribution(question, q, catalog)
        if q.figure in ("core", "non_core"):
            return self._core(question, q, catalog)
        if "un_partners" in q.figures and not q.partners:
            return self._outcome_field(question, q, catalog, "un_partners")
        if "impact_areas" in q.figures or "humanitarian" in q.figures:
            field_name = "impact_areas" if "impact_areas" in q.figures else "humanitarian_scope"
            return self._outcome_field(question, q, catalog, field_name)
        if money and not self._indicator_words(q):
            return self._budget(question, q, catalog, money[0])
        if self._indicator_words(q) and not (
            q.narrative and not q.years and "result" not in q.figures[:1]
        ):
            return self._indicator(question, q, catalog)
        return self._narrative(question, q, catalog)

    @staticmethod
    def _indicator_words(q: Query) -> bool:
        return any(f in ROW_FIGURES for f in q.figures)

    # -- scope and search -----------------------------------------------------------------
    def _in_scope(self, entries: list[Entry], q: Query) -> list[Entry]:
        out = entries
        if q.iso3s:
            out = [e for e in out if e.iso3 in q.iso3s]
        if q.codes:
            out = [
                e
                for e in out
                if _codes_of(e) & set(q.codes)
                or any(_code_under(c, code) for c in _codes_of(e) for code in q.codes)
            ]
        return out

    def _vector_for(self, q: Query, text: str) -> list[float]:
        # Kept on the query, not on self: one Answerer serves several chat sessions at once.
        if text not in q.vectors:
            q.vectors[text] = self.embedder.embed_one(text)
        return q.vectors[text]

    def _search(
        self,
        kind: str,
        q: Query,
        catalog: Catalog,
        candidates: list[Entry],
        text: str | None = None,
        n: int = 20,
    ) -> list[tuple[Entry, float, float]]:
        """Rank candidates by meaning and by words, fused (reciprocal rank fusion).

        Returns (entry, dense similarity, lexical score), best first.
        """
        if not candidates:
            return []
        text = text or q.text
        everything = catalog.of(kind)
        position = catalog.position
        rows = np.fromiter(
            (position[e.id] for e in candidates), dtype=np.int64, count=len(candidates)
        )
        similarities = catalog.vectors[kind][rows] @ np.asarray(
            self._vector_for(q, text), dtype=np.float32
        )
        best = np.argsort(-similarities)[: max(n, 40)]
        dense = [(candidates[i].id, float(similarities[i])) for i in best]
        lexical_scores = catalog.lexical[kind].scores(
            text,
            None if len(candidates) == len(everything) else {position[e.id] for e in candidates},
        )
        lexical = sorted(
            ((everything[i].id, s) for i, s in lexical_scores.items()), key=lambda item: -item[1]
        )
        fused: dict[str, float] = {}
        for ranking in (dense, lexical):
            for rank, (entry_id, _) in enumerate(ranking):
                fused[entry_id] = fused.get(entry_id, 0.0) + 1 / (RRF_K + rank)
        similarity = dict(dense)
        lexical_map = dict(lexical)
        ranked = sorted(fused, key=lambda i: -fused[i])
        return [(catalog.by_id[i], similarity.get(i, 0.0), lexical_map.get(i, 0.0)) for i in ranked]

    def _outcomes_for(self, q: Query, catalog: Catalog, topic: bool = True) -> list[Entry]:
        """Outcomes the question is about: by code, else country (and topic), else topic."""
        outcomes = catalog.of("outcome")
        if q.codes:
            return [
                e
                for e in outcomes
                if any(
                    code == e.record.code or _code_under(code, e.record.code) for code in q.codes
                )
            ]
        scoped = self._in_scope(outcomes, q)
        if len(scoped) <= 1 or not topic:
            return scoped
        words = _topic_words(q)
        if not words:
            return scoped
        ranked = self._search("outcome", q, catalog, scoped, text=" ".join(words))
        best = [e for e, sim, lex in ranked if lex > 0 or sim >= MIN_SIMILARITY]
        return best[:1] if best else scoped

    def _required_outcomes(self, q: Query, catalog: Catalog) -> list[Entry]:
        outcomes = self._outcomes_for(q, catalog)
        if not outcomes:
            raise _Unanswerable(
                "no outcome matching that in the indexed reports", _closest_outcomes(catalog, q)
            )
        return outcomes

    # -- answers --------------------------------------------------------------------------
    def _budget(self, question: str, q: Query, catalog: Catalog, figure: str) -> Answer:
        reply = _Reply()
        wants_output = (
            bool(q.codes and any(c.count(".") >= 2 for c in q.codes))
            or ("output" in question.lower() and not q.codes)
            or figure in ("shortfall", "expenses")
        )
        if wants_output:
            outputs = self._outputs_for(q, catalog)
            if not outputs:
                return _not_found(
                    question,
                    "no output matching that in the indexed reports",
                    [e.record.code for e in self._in_scope(catalog.of("output"), q)][:5],
                )
            for entry in outputs[:4]:
                self._output_budget(reply, entry, figure)
        else:
            outcomes = self._required_outcomes(q, catalog)
            for entry in outcomes[:4]:
                self._outcome_budget(reply, entry, figure)
        return _done(question, reply)

    def _outputs_for(self, q: Query, catalog: Catalog) -> list[Entry]:
        outputs = catalog.of("output")
        named = [e for e in outputs if e.record.code in q.codes]
        if named:
            return named
        scoped = self._in_scope(outputs, q)
        words = _topic_words(q)
        if len(scoped) <= 1 or not words:
            return scoped
        ranked = self._search("output", q, catalog, scoped, text=" ".join(words))
        good = [e for e, sim, lex in ranked if lex > 0 or sim >= MIN_SIMILARITY]
        return good[:1] or scoped

    def _output_budget(self, reply: _Reply, entry: Entry, figure: str) -> None:
        output: Output = entry.record
        subject = f"Output {output.code} ({entry.country}, outcome {output.outcome_code})"
        section = f"Output {output.code} budget"
        asked = MONEY_FIGURES if figure == "budget" else (figure,)
        # A shortfall reads better beside the planned and actual budgets it is the gap of.
        beside = {"shortfall": ("planned", "actual"), "actual": ("planned",)}.get(figure, ())
        parts, context = [], []
        for name in (*asked, *beside):
            money = getattr(output, name)
            if money is None:
                if name in asked:
                    parts.append(f"{LABELS[name]}: not given in the report")
                continue
            (parts if name in asked else context).append(
                f"{LABELS[name] if name in asked else name} {money.text}"
            )
            reply.money(
                entry, name, output.code, money, section, money_quote("output", name, money)
            )
        extra = f" ({', '.join(context)})" if context else ""
        reply.lines.append(f"{subject}: {'; '.join(parts)}{extra}{_year_note(entry)}.")

    def _outcome_budget(self, reply: _Reply, entry: Entry, figure: str) -> None:
        outcome: Outcome = entry.record
        subject = f"Outcome {outcome.code} ({entry.country}: {_short(outcome.statement, 90)})"
        section = f"Outcome {outcome.code} resources"
        wanted = (
            ("planned", "actual") if figure in ("budget", "shortfall", "expenses") else (figure,)
        )
        parts = []
        for name in wanted:
            money = getattr(outcome, name, None)
            if money is None:
                parts.append(f"{LABELS[name]}: not given in the report")
                continue
            parts.append(f"{LABELS[name]} {money.text}")
            reply.money(
                entry, name, outcome.code, money, section, money_quote("outcome", name, money)
            )
        if figure in ("shortfall", "expenses"):
            parts.insert(
                0, f"the report gives no outcome-level {LABELS[figure]} (it gives them per output)"
            )
        reply.lines.append(f"{subject}: {'; '.join(parts)}{_year_note(entry)}.")

    def _aggregate_budget(self, question: str, q: Query, catalog: Catalog, figure: str) -> Answer:
        figure = "planned" if figure == "budget" else figure
        lower = question.lower()
        use_outcomes = (
            "outcome" in lower and "output" not in lower and figure in ("planned", "actual")
        )
        kind = "outcome" if use_outcomes else "output"
        if q.codes:
            # "the outputs under MEX_D_2.1": outputs whose code sits under the named outcome.
            entries = [
                e
                for e in catalog.of(kind)
                if any(e.record.code == c or _code_under(e.record.code, c) for c in q.codes)
            ]
        else:
            entries = self._in_scope(catalog.of(kind), q)
        entries = [e for e in entries if getattr(e.record, figure, None) is not None]
        if not entries:
            return _not_found(question, f"no {kind} with a {LABELS[figure]} in scope", [])
        reply = _Reply()
        scope = _scope_words(q)
        if q.aggregate == "total":
            total = sum(getattr(e.record, figure).amount for e in entries)
            items = []
            for entry in entries:
                money = getattr(entry.record, figure)
                items.append(f"{entry.record.code} {money.text}")
                reply.money(
                    entry,
                    figure,
                    entry.record.code,
                    money,
                    f"{kind.title()} {entry.record.code} budget",
                    money_quote(kind, figure, money),
                )
            reply.lines.append(
                f"Total {LABELS[figure]} of the {len(entries)} {kind}s{scope}: "
                f"${total:,.0f} (the sum of {', '.join(items)}, as printed, so to their "
                "rounding)."
            )
            reply.facts.append(
                Fact(
                    f"total {figure}",
                    ", ".join(e.record.code for e in entries),
                    f"${total:,.0f}",
                    total,
                    "USD",
                    None,
                    "",
                    0,
                )
            )
            return _done(question, reply)
        reverse = q.aggregate == "largest"
        ranked = sorted(entries, key=lambda e: getattr(e.record, figure).amount, reverse=reverse)
        best = ranked[0]
        money = getattr(best.record, figure)
        word = "largest" if reverse else "smallest"
        reply.lines.append(
            f"{kind.title()} {best.record.code} ({best.country}) has the {word} "
            f"{LABELS[figure]}{scope}: {money.text}{_year_note(best)}. "
            f"{_short(best.record.statement, 140)}"
        )
        section = f"{kind.title()} {best.record.code} budget"
        reply.money(
            best, figure, best.record.code, money, section, money_quote(kind, figure, money)
        )
        if len(ranked) > 1:
            runners = ", ".join(
                f"{e.record.code} {getattr(e.record, figure).text}" for e in ranked[1:4]
            )
            reply.lines.append(f"Next: {runners} (of {len(ranked)} {kind}s compared).")
        return _done(question, reply)

    def _contribution(self, question: str, q: Query, catalog: Catalog) -> Answer:
        # The partner picks the outcomes; the question's topic only breaks a tie between
        # several outcomes the same partner funds.
        outcomes = self._outcomes_for(q, catalog, topic=False)
        reply = _Reply()
        asks_who = re.search(
            r"\bwho\b|\bwhich (?:donors|partners|funders)\b|\bdonors\b|"
            r"funding partners",
            question,
            re.IGNORECASE,
        )
        if not q.partners and asks_who and (q.codes or q.iso3s):
            return self._core(question, q, catalog)  # "Who funds COL_D_3.2?": list them
        if not q.partners:
            partners = sorted({f.partner for e in outcomes for f in e.record.funding})
            return _not_found(
                question,
                "the indexed reports name no such funding partner",
                [f"Funding partners in scope: {', '.join(partners)}"],
            )
        entries = [(e, f) for e in outcomes for f in e.record.funding if f.partner in q.partners]
        partner_words = set(tokens(" ".join(q.partners)))
        topic = [w for w in _topic_words(q) if not set(tokens(w)) <= partner_words]
        if len({e.id for e, _ in entries}) > 1 and topic:
            funded = list({e.id: e for e, _ in entries}.values())
            ranked = self._search("outcome", q, catalog, funded, text=" ".join(topic))
            if ranked and ranked[0][2] > 0:
                entries = [(e, f) for e, f in entries if e.id == ranked[0][0].id]
        if not entries:
            where = _scope_words(q) or " in the indexed reports"
            return _not_found(
                question,
                f"{', '.join(q.partners)} funds no outcome{where}",
                [
                    f"{e.record.code}: {', '.join(f.partner for f in e.record.funding)}"
                    for e in outcomes[:5]
                ],
            )
        for entry, funding in entries:
            kind = "core (regular resources)" if funding.core else "non-core (other resources)"
            reply.lines.append(
                f"{funding.partner} contributed {funding.money.text} in {kind} to outcome "
                f"{entry.record.code} ({entry.country}: {_short(entry.record.statement, 90)})"
                f"{_year_note(entry)}."
            )
            reply.money(
                entry,
                "contribution",
                f"{funding.partner} → {entry.record.code}",
                funding.money,
                f"Outcome {entry.record.code} funding partners",
                f"{funding.partner} {funding.money.text}",
            )
        if len(entries) > 1:
            total = sum(f.money.amount for _, f in entries)
            reply.lines.append(f"Together: ${total:,.0f} across {len(entries)} outcomes.")
        return _done(question, reply)

    def _core(self, question: str, q: Query, catalog: Catalog) -> Answer:
        outcomes = self._required_outcomes(q, catalog)
        reply = _Reply()
        for entry in outcomes[:4]:
            outcome: Outcome = entry.record
            section = f"Outcome {outcome.code} funding partners"
            core = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.core) or "none listed"
            non_core = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.non_core)
            total = outcome.total_non_core.text if outcome.total_non_core else "not given"
            reply.lines.append(
                f"Outcome {outcome.code} ({entry.country}): core (regular resources): {core}; "
                f"non-core (other resources): total {total}"
                + (f" ({non_core})" if non_core else "")
                + f"{_year_note(entry)}."
            )
            for funding in outcome.funding:
                reply.money(
                    entry,
                    "core" if funding.core else "non-core",
                    f"{funding.partner} → {outcome.code}",
                    funding.money,
                    section,
                    f"{funding.partner} {funding.money.text}",
                )
            if outcome.total_non_core:
                reply.money(
                    entry,
                    "total non-core",
                    outcome.code,
                    outcome.total_non_core,
                    section,
                    f"TOTAL OTHER RESOURCES (NON-CORE) {outcome.total_non_core.text}",
                )
        return _done(question, reply)

    def _outcome_field(self, question: str, q: Query, catalog: Catalog, name: str) -> Answer:
        outcomes = self._required_outcomes(q, catalog)
        reply = _Reply()
        labels = {
            "un_partners": "UN partners",
            "impact_areas": "impact areas",
            "humanitarian_scope": "humanitarian scope",
        }
        for entry in outcomes[:4]:
            outcome: Outcome = entry.record
            value = getattr(outcome, name)
            shown = ", ".join(value) if isinstance(value, list) else value
            page = outcome.un_partners_page if name == "un_partners" else outcome.details_page
            if not shown:
                reply.lines.append(f"Outcome {outcome.code}: the report lists no {labels[name]}.")
                continue
            reply.lines.append(
                f"{labels[name][0].upper()}{labels[name][1:]} of outcome {outcome.code} "
                f"({entry.country}: {_short(outcome.statement, 90)}): {shown}."
            )
            reply.facts.append(
                Fact(labels[name], outcome.code, shown, shown, "names", None, entry.file, page)
            )
            reply.cite(entry, page, f"Outcome {outcome.code} details", f"{labels[name]}: {shown}")
        return _done(question, reply)

    def _indicator(self, question: str, q: Query, catalog: Catalog) -> Answer:
        candidates = self._in_scope(catalog.of("indicator"), q)
        words = _topic_words(q)
        if not candidates:
            return _not_found(question, "no indicator in that scope", [])
        level = re.search(r"\b(outcome|output)[ -]level\b", q.text, re.IGNORECASE)
        if level:
            kind = level.group(1).lower()
            candidates = [e for e in candidates if e.record.parent_kind == kind] or candidates
        if q.codes:
            # "under JOR_D_3.1" names that outcome: its own indicators come before those of
            # the outputs beneath it, when one of them fits.
            own = [e for e in candidates if e.record.parent_code in q.codes]
            if own and len(own) < len(candidates) and words:
                ranked = self._search("indicator", q, catalog, own, text=" ".join(words))
                wanted = set(tokens(" ".join(words)))
                if ranked and _coverage(wanted, catalog.token_set(ranked[0][0])) >= 0.75:
                    candidates = own
        labels = {_label_key(label) for label in INDICATOR_LABEL.findall(q.text)}
        if labels:
            # "SP 3.8.1", "2.1.3a": the code an indicator is printed with names it exactly.
            candidates = [e for e in candidates if _label_key(e.record.label) in labels] or (
                candidates
            )
        if not words and len(candidates) > 1:
            return _not_found(
                question,
                "which indicator? the question names none",
                [_short(e.record.statement, 90) for e in candidates[:5]],
            )
        ranked = self._search("indicator", q, catalog, candidates, text=" ".join(words) or None)
        good = [(e, sim, lex) for e, sim, lex in ranked if sim >= MIN_SIMILARITY or lex >= 2]
        if labels and len(candidates) == 1:
            good = [(candidates[0], 1.0, 1.0)]
        # "How many women did the safe spaces in Cauca serve?" asks for a figure the progress
        # note gives, not an indicator: follow whichever source holds more of the question.
        passage = self._better_passage(
            q, catalog, words, catalog.token_set(good[0][0]) if good else set()
        )
        if passage is not None:
            return self._quote_passages(question, [passage], words)
        if not good:
            return _not_found(
                question,
                "no indicator in the indexed reports matches that",
                [_short(e.record.statement, 90) for e, _, _ in ranked[:3]],
            )
        best, best_sim, _ = good[0]
        reply = _Reply()
        self._indicator_reply(reply, best, q)
        # Equally good candidates (same statement under another output, say) are named.
        best_lex = good[0][2]
        for entry, sim, lex in good[1:4]:
            close = sim >= best_sim - 0.02 and lex >= 0.9 * best_lex
            if _same_statement(entry.record, best.record) or close:
                reply.alternatives.append(
                    f"{entry.record.parent_kind} {entry.record.parent_code}: "
                    f"{_short(entry.record.statement, 90)}"
                )
        if reply.alternatives:
            reply.lines.append("Also matches: " + "; ".join(reply.alternatives) + ".")
        return _done(question, reply)

    def _indicator_fits_better(
        self, q: Query, catalog: Catalog, words: list[str], narratives: list[Entry]
    ) -> bool:
        """Whether an indicator statement holds nearly all of the question, and more of it
        than any progress-note paragraph does."""
        if not words:
            return False
        indicators = self._in_scope(catalog.of("indicator"), q)
        ranked = self._search("indicator", q, catalog, indicators, text=" ".join(words))
        if not ranked:
            return False
        wanted = set(tokens(" ".join(words)))
        best = max(_coverage(wanted, catalog.token_set(e)) for e, _, _ in ranked[:5])
        passages = max((_coverage(wanted, catalog.token_set(e)) for e in narratives), default=0.0)
        return best >= 0.75 and best > passages

    def _better_passage(
        self, q: Query, catalog: Catalog, words: list[str], indicator_words
    ) -> Entry | None:
        """A progress-note paragraph that holds more of the question than the indicator."""
        if q.codes or not words:
            return None
        narratives = self._in_scope(catalog.of("narrative"), q)
        passages, _ = self._passages("narrative", q, catalog, narratives, words)
        if not passages:
            return None
        wanted = set(tokens(" ".join(words)))
        if _coverage(wanted, catalog.token_set(passages[0])) > _coverage(wanted, indicator_words):
            return passages[0]
        return None

    def _indicator_reply(self, reply: _Reply, entry: Entry, q: Query) -> None:
        indicator: Indicator = entry.record
        name = (
            f"Indicator “{_short(indicator.statement, 160)}” ({indicator.parent_kind} "
            f"{indicator.parent_code}, {entry.country})"
        )
        figure = next((f for f in q.figures if f in ROW_FIGURES), "result")
        year = q.year
        parts: list[str] = []
        if figure == "target":
            row = indicator.row("Target", year) or indicator.row("Target")
            if year and row and row.year != year:
                parts.append(f"the report sets no {year} target")
            if row is None:
                parts.append("the report sets no target")
            else:
                parts.append(f"{row.year or ''} target: {row.planned.display()}".strip())
                reply.row(entry, indicator, row, "target", row.planned)
                if row.reported.present:
                    parts.append(f"reported {row.reported.display()}")
        elif figure == "baseline":
            row = indicator.row("Baseline")
            if row is None:
                parts.append("the report gives no baseline")
            else:
                parts.append(
                    f"baseline{f' ({row.year})' if row.year else ''}: {row.planned.display()}"
                )
                reply.row(entry, indicator, row, "baseline", row.planned)
        else:
            row = None
            if year:
                row = indicator.row("Milestone", year) or indicator.row("Target", year)
            else:
                reported = [
                    r for r in indicator.rows if r.kind != "Baseline" and r.reported.present
                ]
                row = reported[-1] if reported else None
            if row is None:
                when = f" for {year}" if year else ""
                years = ", ".join(f"{r.year} {r.kind.lower()}" for r in indicator.rows if r.year)
                parts.append(f"the report gives no milestone or result{when} (rows: {years})")
            else:
                kind = row.kind.lower()
                parts.append(
                    f"{row.year} {kind}: {row.planned.display()}; reported result: "
                    f"{row.reported.display()}"
                )
                reply.row(entry, indicator, row, kind, row.planned)
                reply.row(entry, indicator, row, "reported result", row.reported)
                met = row.met()
                if met is True:
                    parts.append(f"{kind} met")
                elif met is False:
                    parts.append(f"{kind} not met ({row.reported.raw} against {row.planned.raw})")
                elif row.reported.present and not row.planned.present:
                    parts.append(f"no {kind} value was set, so met or missed cannot be said")
        reply.lines.append(f"{name}: {'; '.join(parts)}.")

    def _milestone_status(self, question: str, q: Query, catalog: Catalog) -> Answer:
        indicators = self._in_scope(catalog.of("indicator"), q)
        wanted = q.status
        reply = _Reply()
        found = []
        for entry in indicators:
            for row in entry.record.rows:
                if row.kind == "Baseline" or (q.year and row.year != q.year):
                    continue
                met = row.met()
                if met is None or (met is False) != (wanted == "missed"):
                    continue
                found.append((entry, row))
        when = f" in {q.year}" if q.year else ""
        scope = _scope_words(q)
        if not found:
            reply.lines.append(
                f"No milestones {'missed' if wanted == 'missed' else 'met'}"
                f"{when}{scope} in the indexed reports (of {len(indicators)} "
                "indicators checked; rows without a planned value or a "
                "reported result cannot be judged)."
            )
            return _done(question, reply, found=True)
        reply.lines.append(
            f"{len(found)} milestone{'s' if len(found) != 1 else ''} "
            f"{'missed' if wanted == 'missed' else 'met'}{when}{scope}:"
        )
        for entry, row in found[:25]:
            indicator = entry.record
            reply.lines.append(
                f"- {indicator.parent_kind.title()} {indicator.parent_code} ({entry.country}): "
                f"{_short(indicator.statement, 100)} — {row.year} {row.kind.lower()} "
                f"{row.planned.raw}, reported {row.reported.raw}"
            )
            reply.row(entry, indicator, row, f"{row.kind.lower()} {row.year}", row.planned)
            reply.row(entry, indicator, row, f"reported {row.year}", row.reported)
        if len(found) > 25:
            reply.lines.append(f"… and {len(found) - 25} more.")
        return _done(question, reply)

    def _narrative(self, question: str, q: Query, catalog: Catalog) -> Answer:
        candidates = self._in_scope(catalog.of("narrative"), q)
        if q.years:
            dated = [e for e in candidates if e.meta.get("data_year") in q.years]
            candidates = dated or candidates
        words = _topic_words(q)
        if self._indicator_fits_better(q, catalog, words, candidates):
            # "Were gender-responsive electoral regulations adopted in 2023?" names no figure
            # but is about an indicator's row.
            return self._indicator(question, q, catalog)
        if not words and candidates and (q.iso3s or q.codes):
            # "What did the Mexico office achieve?": the opening of each progress note.
            return self._quote_passages(
                question, [e for e in candidates if e.record.paragraph == 1][:3], []
            )
        good, ranked = self._passages("narrative", q, catalog, candidates, words)
        if good:
            return self._quote_passages(question, good[:2], words)
        # Text the parser did not place (or a PDF of another layout) is still searched.
        pages, _ = self._passages("page", q, catalog, self._in_scope(catalog.of("page"), q), words)
        if pages:
            return self._quote_passages(question, pages[:2], words)
        # Named, not quoted: a not-found answer carries no figures.
        close = [
            f"{e.kind.replace('narrative', 'progress note')} in {e.file}, page {e.meta['page']}"
            for e, _, _ in ranked[:3]
        ]
        return _not_found(question, "the indexed reports hold no passage that answers this", close)

    def _passages(
        self, kind: str, q: Query, catalog: Catalog, candidates: list[Entry], words: list[str]
    ) -> tuple[list[Entry], list]:
        """Passages of ``kind`` that answer: near in meaning and holding the question's words."""
        ranked = self._search(kind, q, catalog, candidates, text=" ".join(words) if words else None)
        wanted = set(tokens(" ".join(words) if words else q.text))
        good = [
            e
            for e, sim, _ in ranked
            if _answers(sim, _coverage(wanted, catalog.token_set(e)), len(wanted))
        ]
        return good, ranked

    def _quote_passages(self, question: str, entries: list[Entry], words: list[str]) -> Answer:
        """Quote the sentences of each passage that answer; progress notes or page text."""
        reply = _Reply()
        for entry in entries:
            quote = _best_sentences(entry.text, words)
            if entry.kind == "narrative":
                code = entry.record.outcome_code
                page = _page_of_quote(entry, quote)
                subject, section = code, f"Outcome {code} progress note"
                heading = f"Outcome {code} ({entry.country}), progress note{_year_note(entry)}"
            else:
                page = entry.meta["page"]
                subject, section = entry.file, "Page text"
                heading = f"{entry.file}, page {page}"
            reply.lines.append(f"{heading}: “{quote}”")
            year = entry.meta.get("data_year") or None
            reply.facts.append(
                Fact("passage", subject, quote, quote, "text", year, entry.file, page)
            )
            reply.cite(entry, page, section, quote)
        return _done(question, reply)


# -- helpers ------------------------------------------------------------------------------
INDICATOR_LABEL = re.compile(
    r"\b(?:SP|SDG(?:\s+Indicator)?)\s*\d+\.\w+\.\d+\b|\b\d+\.\d+\.\d+[a-z]\b", re.IGNORECASE
)


def _label_key(label: str) -> str:
    return re.sub(r"\s+|indicator", "", label.lower())


def _codes_of(entry: Entry) -> set[str]:
    codes = {entry.meta.get("outcome_code", ""), entry.meta.get("output_code", "")}
    record = entry.record
    for attribute in ("code", "parent_code", "outcome_code"):
        if hasattr(record, attribute):
            codes.add(getattr(record, attribute))
    return {c for c in codes if c}


def _code_under(code: str, parent: str) -> bool:
    return code.startswith(parent + ".")


QUESTION_WORDS = set(
    [
        "office",
        "offices",
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
        "did",
        "done",
        "mean",
    ]
)


def _topic_words(q: Query) -> list[str]:
    """The words of the question that say what it is about, not what figure it wants."""
    text = re.sub(r"\b[A-Za-z]{3}_[A-Za-z]_\d+(?:\.\d+)+\b", " ", q.text)
    text = re.sub(r"\bUN Women\b", " ", text, flags=re.IGNORECASE)  # the agency, not a topic
    text = re.sub(r"\b(19|20)\d\d\b", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'\-]+", text)
    countries = set()
    from indexing.countries import country_name

    for iso3 in q.iso3s:
        name = country_name(iso3).lower()
        countries.update(name.split())
        countries.add(name[:5])
    out = []
    for word in words:
        lower = word.lower()
        if lower in QUESTION_WORDS or lower in countries or lower[:5] in countries:
            continue
        if not tokens(lower):
            continue
        out.append(word)
    return out


def _scope_words(q: Query) -> str:
    from indexing.countries import country_name

    parts = []
    if q.codes:
        parts.append("under " + ", ".join(q.codes))
    if q.iso3s:
        parts.append("in " + ", ".join(country_name(i) for i in q.iso3s))
    return (" " + " ".join(parts)) if parts else ""


def _year_note(entry: Entry) -> str:
    year = entry.meta.get("data_year")
    return f" (report showing data for {year})" if year else ""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _same_statement(a: Indicator, b: Indicator) -> bool:
    return tokens(a.statement) == tokens(b.statement)


def _closest_outcomes(catalog: Catalog, q: Query) -> list[str]:
    everything = catalog.of("outcome")
    outcomes = [e for e in everything if e.iso3 in q.iso3s] or everything
    return [
        f"{e.record.code} ({e.country}): {_short(e.record.statement, 80)}" for e in outcomes[:5]
    ]


def _best_sentences(text: str, words: list[str], limit: int = 2) -> str:
    """The sentences of a paragraph that share most words with the question, in order."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z#“\"(])", text) if s.strip()]
    wanted = set(tokens(" ".join(words)))
    if not wanted:
        return " ".join(sentences[:limit])
    scored = [(len(wanted & set(tokens(s))), i) for i, s in enumerate(sentences)]
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
    chosen = [i for overlap, i in best if overlap > 0] or [best[0][1]]
    return " ".join(sentences[i] for i in sorted(chosen))


def _page_of_quote(entry: Entry, quote: str) -> int:
    """The page where the quote's first words stand (a paragraph can span two pages)."""
    pages = entry.record.pages
    if len(pages) == 1:
        return pages[0]
    return (
        pages[0] if entry.record.text.find(quote[:40]) < len(entry.record.text) / 2 else pages[-1]
    )


def _done(question: str, reply: _Reply, found: bool = True) -> Answer:
    return Answer(
        question=question,
        answer="\n".join(reply.lines),
        citations=reply.citations,
        facts=reply.facts,
        found=found,
        alternatives=reply.alternatives,
        records=reply.records,
    )


def _not_found(question: str, reason: str, closest: list[str]) -> Answer:
    text = f"Not in the indexed reports: {reason}."
    if closest:
        text += " Closest matches: " + "; ".join(closest) + "."
    return Answer(question=question, answer=text, found=False, alternatives=list(closest))


def _indicator_name(indicator: Indicator) -> str:
    return f"{indicator.parent_code}: {_short(indicator.statement, 80)}"


def _coverage(wanted: set[str], words) -> float:
    """Share of the question's content words that a passage (text or its words) contains."""
    if isinstance(words, str):
        words = set(tokens(words))
    return len(wanted & set(words)) / len(wanted) if wanted else 0.0


def _answers(similarity: float, coverage: float, words: int) -> bool:
    """Whether a passage answers: close in meaning and sharing the question's words.

    Long paragraphs are embedded by their first 128 word pieces only, so a passage that
    holds nearly every content word of the question counts even when its vector is far.
    """
    if similarity >= 0.6:
        return True
    # One shared word of two ("schools" in "how many schools did UN Women build") is chance.
    enough = coverage * words >= min(2, words) - 0.01
    if similarity >= MIN_SIMILARITY and coverage >= 0.5 and enough:
        return True
    return words >= 2 and coverage >= 0.75
