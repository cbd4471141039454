"""Records → chunks: the text that is embedded, and flat metadata Chroma can filter on.

Each chunk also carries its record as JSON (``record``), so the answering step reads the
exact figures back from the store rather than from the embedded text.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

from .countries import country_name
from .records import Indicator, Money, Outcome, Output, Report, to_dict
from .sentences import Sentence, report_sentences

PAGE_HEAD_WORDS = 24


@dataclass
class Chunk:
    id: str
    text: str  # stored in full, and what lexical search reads
    metadata: dict
    # What the embedding is made from, when not ``text``: an indicator's bare statement, so
    # that the same statement under several outputs or in several reports is embedded once.
    embed_text: str | None = None

    @property
    def to_embed(self) -> str:
        return self.embed_text or self.text


def _amount(money: Money | None) -> dict:
    return {} if money is None else {"amount": money.amount}


def document_metadata(report: Report, sha256: str, path: str) -> dict:
    """A document's entry. Its identity as a report is office, plan period and (latest)
    data year, with its outcomes; ``sha256`` is the version of it that is indexed."""
    iso3 = report.iso3
    country = country_name(iso3) if iso3 else ""
    return {
        "doc_id": sha256[:16],
        "sha256": sha256,
        "version": sha256[:12],
        "file": report.file,
        "path": path,
        "iso3": iso3,
        "country": country,
        "office": report.office or country or report.office_code,
        "office_code": report.office_code,
        "plan_period": report.plan_period,
        "data_year": report.data_year or 0,
        "data_years": ",".join(str(year) for year in report.data_years),
        "sample": report.sample,
        "results_report": report.is_results_report,
        "page_count": len(report.pages),
        "outcomes": ",".join(o.code for o in report.outcomes),
    }


# Results reports began with the strategic plans of the 2010s; none shows data from before.
FIRST_DATA_YEAR = 2000


def year_doubt(document: dict, this_year: int | None = None) -> str:
    """Why ``document``'s data year can't be what it claims, or "": a year still to come, one
    before any results report, or one outside its plan period (a year past the plan's last
    is allowed: a plan's last report can come the year after). Such an edition is indexed
    and flagged, and answers only when its year is asked for."""
    year = int(document.get("data_year") or 0)
    if not year:
        return ""
    this_year = this_year or time.gmtime().tm_year
    if year > this_year:
        return f"its data year {year} is still to come"
    if year < FIRST_DATA_YEAR:
        return f"its data year {year} is before any results report"
    period = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", document.get("plan_period") or "")
    if period and not int(period.group(1)) <= year <= int(period.group(2)) + 1:
        return f"its data year {year} is outside its plan period {period.group(0).strip()}"
    return ""


def build_chunks(report: Report, sha256: str, path: str) -> list[Chunk]:
    doc = document_metadata(report, sha256, path)
    base = {
        key: doc[key]
        for key in (
            "doc_id",
            "file",
            "path",
            "iso3",
            "country",
            "office",
            "office_code",
            "data_year",
            "sample",
        )
    }
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}

    def add(
        key: str, kind: str, text: str, pages: list[int], record, embed_text=None, **extra
    ) -> None:
        pages = sorted({page for page in pages if page}) or [1]
        metadata = {
            **base,
            "kind": kind,
            "pages": pages,
            "page": pages[0],
            "outcome_code": "",
            "output_code": "",
            **{k: v for k, v in extra.items() if v is not None},
        }
        if getattr(record, "data_year", None):  # a file can show several years' data
            metadata["data_year"] = record.data_year
        elif getattr(record, "source", "") == "note":
            # A note under no "showing data of" line: its year is not stated, and the
            # report's year is no guess to make for it.
            metadata.pop("data_year", None)
        # A code printed twice in one file must not make two chunks share an id.
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        if record is not None:
            metadata["record"] = json.dumps(to_dict(record), ensure_ascii=False)
        chunks.append(Chunk(f"{doc['doc_id']}:{key}", text, metadata, embed_text))

    # How texts name the report's place: its country, else its office (a regional one).
    country = doc["country"] or doc["office"]
    for outcome in report.outcomes:
        _outcome_chunks(add, outcome, country)
    for output in report.outputs:
        _output_chunk(add, output, country)
    for indicator in report.indicators:
        _indicator_chunk(add, indicator, country)
    # Progress notes are stored sentence by sentence (each with its paragraph, position and
    # page): what answers quote and cite, so a paragraph needs no chunk of its own.
    for number, sentence in enumerate(report_sentences(report), start=1):
        _sentence_chunk(add, number, sentence)
    # Every page's whole text, so nothing the parser did not recognise is lost; lexical
    # search reads all of it. In a results report the records already carry the page's
    # content by meaning, so the page's vector is made from its opening words only (cheap);
    # in a PDF of another layout the page text is all there is, so it gets a full one.
    for number, text in enumerate(report.pages, start=1):
        body = " ".join(text.split())
        if body:
            head = " ".join(body.split()[:PAGE_HEAD_WORDS]) if report.is_results_report else None
            add(f"page:{number}", "page", body, [number], None, embed_text=head)
    return chunks


def _outcome_chunks(add, outcome: Outcome, country: str) -> None:
    # The outcome is found by meaning through its statement; its budget and funding blocks
    # are read by code and words, so they share the statement's vector (embedded once).
    common = {"outcome_code": outcome.code, "embed_text": outcome.statement or outcome.code}
    details = [
        f"Outcome {outcome.code} ({country}): {outcome.statement}",
        f"Description: {outcome.description}" if outcome.description else "",
        f"Impact areas: {', '.join(outcome.impact_areas)}" if outcome.impact_areas else "",
        f"UN partners: {', '.join(outcome.un_partners)}" if outcome.un_partners else "",
        f"Humanitarian scope: {outcome.humanitarian_scope}" if outcome.humanitarian_scope else "",
    ]
    add(
        f"outcome:{outcome.code}",
        "outcome",
        "\n".join(part for part in details if part),
        [outcome.statement_page, outcome.description_page, outcome.un_partners_page],
        outcome,
        un_partners=outcome.un_partners or None,
        **common,
    )
    money_pages = [m.page for m in (outcome.planned, outcome.actual) if m]
    add(
        f"outcome_budget:{outcome.code}",
        "outcome_budget",
        f"Budget of outcome {outcome.code} ({country}), {outcome.statement}: planned "
        f"{outcome.planned.text if outcome.planned else 'not given'}, actual "
        f"{outcome.actual.text if outcome.actual else 'not given'}",
        money_pages,
        outcome,
        planned=_amount(outcome.planned).get("amount"),
        actual=_amount(outcome.actual).get("amount"),
        **common,
    )
    if outcome.funding:
        lines = [
            f"{e.partner} ({'core' if e.core else 'non-core'}) {e.money.text}"
            for e in outcome.funding
        ]
        add(
            f"funding:{outcome.code}",
            "funding",
            f"Funding partners of outcome {outcome.code} ({country}): " + "; ".join(lines),
            [e.money.page for e in outcome.funding],
            outcome,
            partners=[e.partner for e in outcome.funding],
            core=sum(e.money.amount for e in outcome.core),
            non_core=outcome.total_non_core.amount if outcome.total_non_core else None,
            **common,
        )


def _output_chunk(add, output: Output, country: str) -> None:
    figures = ", ".join(
        f"{label} {money.text}"
        for label, money in (
            ("planned", output.planned),
            ("actual", output.actual),
            ("shortfall", output.shortfall),
            ("expenses", output.expenses),
        )
        if money
    )
    pages = [output.statement_page] + [
        m.page for m in (output.planned, output.actual, output.shortfall, output.expenses) if m
    ]
    add(
        f"output:{output.code}",
        "output",
        f"Output {output.code} ({country}): {output.statement}. Budget: {figures}",
        pages,
        output,
        embed_text=output.statement or output.code,
        outcome_code=output.outcome_code,
        output_code=output.code,
        planned=_amount(output.planned).get("amount"),
        actual=_amount(output.actual).get("amount"),
        shortfall=_amount(output.shortfall).get("amount"),
        expenses=_amount(output.expenses).get("amount"),
    )


def _indicator_chunk(add, indicator: Indicator, country: str) -> None:
    numbers = {}
    for row in indicator.rows:
        if row.kind == "Baseline" and row.planned.number is not None:
            numbers["baseline"] = row.planned.number
        elif row.kind == "Target" and row.planned.number is not None:
            numbers["target"] = row.planned.number
        elif row.kind == "Milestone" and row.year:
            if row.planned.number is not None:
                numbers[f"milestone_{row.year}"] = row.planned.number
            if row.reported.number is not None:
                numbers[f"result_{row.year}"] = row.reported.number
    add(
        f"indicator:{indicator.parent_code}:{indicator.ordinal}",
        "indicator",
        f"Indicator of {indicator.parent_kind} {indicator.parent_code} ({country}): "
        f"{indicator.statement}",
        indicator.pages,
        indicator,
        embed_text=indicator.statement,
        outcome_code=indicator.outcome_code,
        output_code=indicator.parent_code if indicator.parent_kind == "output" else "",
        label=indicator.label or None,
        **numbers,
    )


def _sentence_chunk(add, number: int, sentence: Sentence) -> None:
    kinds = {figure.kind for figure in sentence.figures}
    add(
        f"sentence:{number}",
        "sentence",
        sentence.text,
        sentence.pages,
        sentence,
        outcome_code=sentence.outcome_code,
        source=sentence.source,
        # What kinds of figure it states, for a filter: "how much" wants money.
        states_money=bool(kinds & {"money", "foreign"}),
        states_percent="percent" in kinds,
        states_count=bool(kinds & {"count", "ratio"}),
    )
