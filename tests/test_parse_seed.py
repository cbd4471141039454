"""The real seed pages must parse to every figure they hold."""

from __future__ import annotations

import pytest

from indexing.parse import clean_lines, parse_pages
from indexing.records import Money, Value
from tests.conftest import SEED, SHARED_SEED


@pytest.fixture(scope="module")
def seed(seed_text):
    return parse_pages("seed.txt", [seed_text])


def test_bundled_seed_copy_matches_shared_seed():
    if not SHARED_SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_outcome_identity_and_details(seed):
    (outcome,) = seed.outcomes
    assert outcome.code == "MEX_D_2.1"
    assert outcome.iati_id == "XM-DAC-41146-MEX_D_2.1"
    assert outcome.statement.startswith("By 2025, the population in conditions of greatest")
    assert outcome.statement.endswith("a comprehensive quality care system.")
    assert outcome.impact_areas == ["Women’s economic empowerment"]
    assert outcome.organizational_outputs == [
        "Norms, laws, policies and institutions",
        "Financing for gender equality",
        "Access to services, goods and resources",
    ]
    assert outcome.un_partners == ["UNAIDS", "UNDP", "UNFPA", "UNICEF"]
    assert outcome.humanitarian_scope == "No"
    assert outcome.un_system_functions[0] == "Advocacy, communications and social mobilization"
    assert len(outcome.un_system_functions) == 4
    assert outcome.description.startswith("Women, especially in vulnerable situations")
    assert outcome.plan_period == "2020-2025"
    assert seed.iso3 == "MEX"
    assert seed.data_year == 2022
    assert not seed.sample


def test_seed_outcome_budget_and_funding(seed):
    (outcome,) = seed.outcomes
    assert (outcome.planned.text, outcome.planned.amount) == ("$166.39 K", 166_390)
    assert (outcome.actual.text, outcome.actual.amount) == ("$218.16 K", 218_160)
    assert [(e.partner, e.money.amount) for e in outcome.core] == [("UN Women", 14_958)]
    assert [(e.partner, e.money.amount) for e in outcome.non_core] == [
        ("Multi-Partner Trust Fund Office", 203_202)
    ]
    assert outcome.total_non_core.amount == 203_202
    # Core plus non-core is the actual budget, to the report's rounding.
    assert outcome.actual.matches(sum(e.money.amount for e in outcome.funding))
    assert seed.warnings == []


@pytest.mark.parametrize(
    ("code", "planned", "actual", "shortfall", "expenses"),
    [
        (
            "MEX_D_2.1.1",
            ("$3.07 M", 3_070_000),
            ("$804.98 K", 804_980),
            ("$2.27 M", 2_270_000),
            ("$772.24 K", 772_240),
        ),
        (
            "MEX_D_2.1.3",
            ("$550.73 K", 550_730),
            ("$480.75 K", 480_750),
            ("$69.98 K", 69_980),
            ("$600.36 K", 600_360),
        ),
        (
            "MEX_D_2.1.2",
            ("$551.06 K", 551_060),
            ("$368.58 K", 368_580),
            ("$182.48 K", 182_480),
            ("$390.35 K", 390_350),
        ),
    ],
)
def test_seed_output_budgets(seed, code, planned, actual, shortfall, expenses):
    output = seed.output(code)
    assert output.outcome_code == "MEX_D_2.1"
    for money, (text, amount) in zip(
        (output.planned, output.actual, output.shortfall, output.expenses),
        (planned, actual, shortfall, expenses),
        strict=True,
    ):
        assert (money.text, money.amount) == (text, amount)


def test_seed_output_statements(seed):
    assert seed.output("MEX_D_2.1.1").statement.startswith("Public, private and civil society")
    assert seed.output("MEX_D_2.1.2").statement.startswith("Women in vulnerable situations and")
    assert seed.output("MEX_D_2.1.2").statement.endswith("/ returnees)")
    assert [o.code for o in seed.outputs] == ["MEX_D_2.1.1", "MEX_D_2.1.3", "MEX_D_2.1.2"]


def test_seed_indicator_counts_per_parent(seed):
    counts = {}
    for indicator in seed.indicators:
        counts[indicator.parent_code] = counts.get(indicator.parent_code, 0) + 1
    assert counts == {"MEX_D_2.1": 14, "MEX_D_2.1.1": 14, "MEX_D_2.1.3": 5, "MEX_D_2.1.2": 6}
    assert all(i.parent_kind == "outcome" for i in seed.indicators if i.parent_code == "MEX_D_2.1")


def test_seed_labour_rights_indicator(seed):
    (indicator,) = [
        i
        for i in seed.indicators
        if i.statement.startswith("Number of women with improved access to information")
    ]
    assert indicator.parent_code == "MEX_D_2.1.2"
    assert indicator.statement.endswith("integrated social protection systems.")
    milestone = indicator.row("Milestone", 2021)
    assert milestone.planned.number == 100
    assert milestone.reported.number == 59
    assert milestone.met() is False
    assert indicator.row("Target", 2025).planned.number == 320
    assert indicator.row("Target", 2025).reported.kind == "none"
    baseline = indicator.row("Baseline")
    assert (baseline.year, baseline.planned.number, baseline.reported.raw) == (2018, 0, "N/A")
    assert indicator.row("Milestone", 2024).reported.raw == ""


@pytest.mark.parametrize(
    ("parent", "statement_start", "year", "kind", "planned", "reported"),
    [
        ("MEX_D_2.1", "SP 3.8.1:", 2021, "Milestone", "1", "2"),
        ("MEX_D_2.1", "SP 3.8.1:", 2019, "Baseline", "1", "N/A"),
        ("MEX_D_2.1", "SDG 5.1.1:", None, "Baseline", "-", "N/A"),
        ("MEX_D_2.1", "Number of countries that incorporate", 2023, "Milestone", "-", "TRUE"),
        ("MEX_D_2.1", "Number of countries that incorporate", 2025, "Target", "Yes", "-"),
        ("MEX_D_2.1.1", "Number of programmes/policies designed", 2021, "Milestone", "2", "7"),
        ("MEX_D_2.1.1", "2.1.1c # of capacity development", 2013, "Baseline", "2", "N/A"),
        ("MEX_D_2.1.1", "# of women trained to develop", 2018, "Baseline", "160", "N/A"),
        (
            "MEX_D_2.1.1",
            "Number of partners that have increased capacities to promote",
            2025,
            "Baseline",
            "TBD",
            "N/A",
        ),
        (
            "MEX_D_2.1.3",
            "Number of partners that have increased capacities to promote",
            2022,
            "Baseline",
            "0",
            "N/A",
        ),
        ("MEX_D_2.1.3", "2.1.3a #", 2023, "Milestone", "4", "0"),
        ("MEX_D_2.1.2", "Number of employers with improved", 2020, "Milestone", "TBD", "0"),
        ("MEX_D_2.1.2", "Number of thematic interagency", 2022, "Milestone", "-", "6"),
    ],
)
def test_seed_indicator_rows(seed, parent, statement_start, year, kind, planned, reported):
    (indicator,) = [
        i
        for i in seed.indicators
        if i.parent_code == parent and i.statement.startswith(statement_start)
    ]
    row = indicator.row(kind, year)
    assert (row.planned.raw, row.reported.raw) == (planned, reported)


def test_same_statement_under_two_outputs_is_two_indicators(seed):
    matches = [
        i
        for i in seed.indicators
        if i.statement.startswith("Number of partners that have increased capacities to promote")
    ]
    assert {i.parent_code for i in matches} == {"MEX_D_2.1.1", "MEX_D_2.1.3"}
    baselines = {i.parent_code: i.row("Baseline").planned.raw for i in matches}
    assert baselines == {"MEX_D_2.1.1": "TBD", "MEX_D_2.1.3": "0"}


def test_seed_progress_note(seed):
    (note,) = seed.narratives
    assert note.outcome_code == "MEX_D_2.1"
    assert note.text.startswith("This outcome has achieved substantial progress in 2022.")
    assert "#EsLoJusto" in note.text
    assert "General Law of the National Care System" in note.text


def test_seed_noise_is_dropped(seed_text):
    lines, year, _ = clean_lines([seed_text])
    texts = {line.text for line in lines}
    assert "19/40" not in texts
    assert not any(text.startswith("https://") for text in texts)
    assert "Home Our reach" not in texts
    assert year == 2022


@pytest.mark.parametrize(
    ("raw", "kind", "number", "flag"),
    [
        ("100", "number", 100, None),
        ("1,250", "number", 1250, None),
        ("12.5%", "number", 12.5, None),
        ("-", "none", None, None),
        ("N/A", "none", None, None),
        ("", "none", None, None),
        ("TBD", "tbd", None, None),
        ("TRUE", "boolean", None, True),
        ("No", "boolean", None, False),
    ],
)
def test_values_keep_raw_text_and_never_turn_missing_into_zero(raw, kind, number, flag):
    value = Value.parse(raw)
    assert (value.raw, value.kind, value.number, value.flag) == (raw, kind, number, flag)


@pytest.mark.parametrize(
    ("text", "amount", "tolerance"),
    [
        ("$3.07 M", 3_070_000, 5_000),
        ("$804.98 K", 804_980, 5),
        ("$203,202", 203_202, 0),
        ("$ 950", 950, 0),
    ],
)
def test_money_keeps_display_text_and_rounding(text, amount, tolerance):
    money = Money.parse(text, page=3)
    assert (money.amount, money.tolerance, money.page) == (amount, tolerance, 3)
    assert money.matches(amount + tolerance) and not money.matches(amount + tolerance + 10)
