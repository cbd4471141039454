"""The sample PDFs read back, through pypdf and the parser, as the records printed in them."""

from __future__ import annotations

import pytest

from indexing.parse import parse_pages
from indexing.pdftext import read_pdf
from indexing.sample_variants import VARIANTS
from indexing.samples import SEED_FILE, fictional_file, fictional_report, seed_pages, spec_report

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
    assert_same_records(report, truth)


@pytest.mark.parametrize("spec", VARIANTS, ids=lambda spec: spec.file)
def test_every_layout_variant_parses_to_the_generators_truth(variant_dir, spec):
    truth, _ = spec_report(spec)
    report, _ = parsed(variant_dir, spec.file)
    assert_same_records(report, truth)
    assert report.office == spec.header.removeprefix("UN Women ")
    assert report.office_code == spec.prefix
    assert report.plan_period == spec.plan_period
    assert report.data_years == sorted(spec.data_years)


def assert_same_records(report, truth):
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
        assert got.label == want.label
        assert got.rows == want.rows
        assert got.pages == want.pages
    assert [
        (n.outcome_code, n.paragraph, n.text, n.pages, n.page_offsets, n.data_year)
        for n in report.narratives
    ] == [
        (n.outcome_code, n.paragraph, n.text, n.pages, n.page_offsets, n.data_year)
        for n in truth.narratives
    ]
    # Tables and budgets are dated by the latest year the report shows.
    for record in [*report.outcomes, *report.outputs, *report.indicators]:
        assert record.data_year == truth.data_year


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


@pytest.mark.parametrize(
    "name, iso3, office, codes",
    [
        ("sample_timor-leste.pdf", "TLS", "Timor-Leste Country Office", ["TLS_D_1.", "TLS_O_2"]),
        (
            "sample_europe_central_asia.pdf",
            "",
            "Europe and Central Asia Regional Office",
            ["ECA_D_1.", "ECA_O_2"],
        ),
        ("sample_moldova.pdf", "MDA", "Moldova Country Office", ["RD_D_1.", "RD_O_2"]),
        ("sample_brazil_2023.pdf", "BRA", "", ["BRA_D_1."]),
    ],
)
def test_a_report_knows_its_office_and_country_whatever_its_codes(
    variant_dir, name, iso3, office, codes
):
    report, _ = parsed(variant_dir, name)
    assert (report.iso3, report.office) == (iso3, office)
    assert [o.code[: len(c)] for o, c in zip(report.outcomes, codes, strict=True)] == codes


def test_sp_coded_indicators_keep_their_code_as_label(variant_dir):
    report, _ = parsed(variant_dir, "sample_europe_central_asia.pdf")
    labels = [indicator.label for indicator in report.indicators]
    assert labels and all(label.startswith("SP ") for label in labels)
    first = report.indicators[0]
    assert first.statement.startswith(first.label + ": ")


def test_seed_without_its_resources_block_keeps_details_tables_and_note(seed_text):
    lines = seed_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "RESOURCES")
    end = next(i for i, line in enumerate(lines) if "PLAN PERIOD" in line)
    report = parse_pages("seed", ["\n".join(lines[:start] + lines[end:])])
    whole = parse_pages("seed", [seed_text])
    (outcome,) = report.outcomes
    assert outcome.planned is None and outcome.funding == []
    assert outcome.un_system_functions == whole.outcomes[0].un_system_functions
    assert outcome.plan_period == "2020-2025"
    assert [i.statement for i in report.indicators] == [i.statement for i in whole.indicators]
    assert [n.text for n in report.narratives] == [n.text for n in whole.narratives]


def test_notes_of_several_years_keep_their_own_year(seed_text):
    note = seed_text.index("SHOWING DATA OF")
    extra = (
        "\nSHOWING DATA OF : 2023\n\nSTRATEGIC NOTE OUTCOME PROGRESS NOTE\n\n"
        "In 2023 the care system law was adopted by the Senate of the Republic.\n"
    )
    report = parse_pages("seed", [seed_text[:note] + seed_text[note:] + extra])
    assert [(n.data_year, n.text[:7]) for n in report.narratives] == [
        (2022, "This ou"),
        (2023, "In 2023"),
    ]
    assert report.data_year == 2023 and report.data_years == [2022, 2023]
    assert report.outcomes[0].data_year == 2023
