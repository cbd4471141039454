"""The sample PDFs read back, through pypdf and the parser, as the records printed in them."""

from __future__ import annotations

import pytest

from indexing.parse import parse_pages
from indexing.pdftext import read_pdf
from indexing.samples import SEED_FILE, fictional_file, fictional_report, seed_pages

FICTIONAL = range(4)


def parsed(sample_dir, name):
    pdf = read_pdf(sample_dir / name)
    return parse_pages(name, pdf.pages), pdf.pages


def money_view(money):
    return None if money is None else (money.text, money.amount, money.page)


@pytest.mark.parametrize("index", FICTIONAL)
def test_fictional_report_parses_to_the_generators_truth(sample_dir, index):
    truth, _ = fictional_report(index)
    report, _ = parsed(sample_dir, fictional_file(index))
    assert report.sample and report.data_year == truth.data_year
    assert report.warnings == []
    assert [o.code for o in report.outcomes] == [o.code for o in truth.outcomes]
    for got, want in zip(report.outcomes, truth.outcomes, strict=True):
        for attribute in (
            "iati_id",
            "statement",
            "description",
            "impact_areas",
            "un_partners",
            "humanitarian_scope",
            "un_system_functions",
            "plan_period",
            "organizational_outputs",
        ):
            assert getattr(got, attribute) == getattr(want, attribute), attribute
        for attribute in ("planned", "actual", "total_non_core"):
            assert money_view(getattr(got, attribute)) == money_view(getattr(want, attribute))
        assert [(e.partner, money_view(e.money), e.core) for e in got.funding] == [
            (e.partner, money_view(e.money), e.core) for e in want.funding
        ]
        assert got.statement_page == want.statement_page
        assert got.un_partners_page == want.un_partners_page
    assert [o.code for o in report.outputs] == [o.code for o in truth.outputs]
    for got, want in zip(report.outputs, truth.outputs, strict=True):
        assert got.statement == want.statement
        assert got.outcome_code == want.outcome_code
        for attribute in ("planned", "actual", "shortfall", "expenses"):
            assert money_view(getattr(got, attribute)) == money_view(getattr(want, attribute))
    assert len(report.indicators) == len(truth.indicators)
    for got, want in zip(report.indicators, truth.indicators, strict=True):
        assert (got.parent_code, got.parent_kind, got.outcome_code, got.statement, got.ordinal) == (
            want.parent_code,
            want.parent_kind,
            want.outcome_code,
            want.statement,
            want.ordinal,
        )
        assert got.rows == want.rows
        assert got.pages == want.pages
    assert [
        (n.outcome_code, n.paragraph, n.text, n.pages, n.page_offsets) for n in report.narratives
    ] == [(n.outcome_code, n.paragraph, n.text, n.pages, n.page_offsets) for n in truth.narratives]


def test_some_sample_tables_run_on_over_a_page_break(sample_dir):
    split = 0
    for index in FICTIONAL:
        report, _ = parsed(sample_dir, fictional_file(index))
        split += sum(1 for indicator in report.indicators if len(indicator.pages) > 1)
    assert split >= 3


def test_seed_pdf_parses_like_the_seed_text(sample_dir, seed_text):
    from_text = parse_pages("seed", [seed_text])
    from_pdf, pages = parsed(sample_dir, SEED_FILE)
    assert len(pages) == len(seed_pages())
    assert not from_pdf.sample
    assert [o.code for o in from_pdf.outputs] == [o.code for o in from_text.outputs]
    for got, want in zip(from_pdf.outputs, from_text.outputs, strict=True):
        assert [m.text for m in (got.planned, got.actual, got.shortfall, got.expenses)] == [
            m.text for m in (want.planned, want.actual, want.shortfall, want.expenses)
        ]
    assert [(i.parent_code, i.statement) for i in from_pdf.indicators] == [
        (i.parent_code, i.statement) for i in from_text.indicators
    ]
    for got, want in zip(from_pdf.indicators, from_text.indicators, strict=True):
        assert [(r.year, r.kind, r.planned, r.reported) for r in got.rows] == [
            (r.year, r.kind, r.planned, r.reported) for r in want.rows
        ]
    assert [n.text for n in from_pdf.narratives] == [n.text for n in from_text.narratives]
    assert from_pdf.outcomes[0].un_partners == ["UNAIDS", "UNDP", "UNFPA", "UNICEF"]


@pytest.mark.parametrize("name", [SEED_FILE] + [fictional_file(i) for i in FICTIONAL])
def test_every_figure_is_cited_to_a_page_that_prints_it(sample_dir, name):
    report, pages = parsed(sample_dir, name)
    checked = 0
    for outcome in report.outcomes:
        for money in [outcome.planned, outcome.actual, outcome.total_non_core]:
            assert money.text in pages[money.page - 1]
            checked += 1
        for entry in outcome.funding:
            assert entry.partner in pages[entry.money.page - 1]
            assert entry.money.text in pages[entry.money.page - 1]
    for output in report.outputs:
        for money in (output.planned, output.actual, output.shortfall, output.expenses):
            assert money.text in pages[money.page - 1]
            checked += 1
    for indicator in report.indicators:
        for row in indicator.rows:
            assert row.line in " ".join(pages[row.page - 1].split())
            checked += 1
    assert checked > 40
