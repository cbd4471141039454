"""Questions as donors and communications staff ask them, answered from the sample corpus."""

from __future__ import annotations

import re

import pytest

from indexing.samples import SEED_FILE, fictional_report


def assert_cited(answer, page_text):
    assert answer.citations, answer.answer
    for citation in answer.citations:
        text = page_text(citation.file, citation.page)
        for figure in re.findall(
            r"\$[\d.,]+(?: [KM])?|\b\d{4} \((?:Milestone|Target|Baseline)\)"
            r"[^…]*$",
            citation.quote,
        ):
            assert figure.strip() in text, (citation, figure)


@pytest.mark.parametrize(
    ("question", "expected", "file", "page"),
    [
        ("What was the shortfall on output MEX_D_2.1.1?", ["$2.27 M"], SEED_FILE, 5),
        ("How big was the funding gap for mex_d_2.1.2?", ["$182.48 K"], SEED_FILE, 9),
        ("What were the expenses of MEX_D_2.1.3?", ["$600.36 K"], SEED_FILE, 8),
        ("What is the planned budget of output MEX_D_2.1.1?", ["$3.07 M"], SEED_FILE, 5),
        ("What was the actual budget of MEX_D_2.1.3?", ["$480.75 K"], SEED_FILE, 8),
        ("What was the planned budget of the care outcome in Mexico?", ["$166.39 K"], SEED_FILE, 2),
        (
            "How much did the Multi-Partner Trust Fund Office contribute to the Mexico care "
            "outcome?",
            ["$203,202"],
            SEED_FILE,
            2,
        ),
        (
            "What are the core and non-core resources of MEX_D_2.1?",
            ["$14,958", "$203,202"],
            SEED_FILE,
            2,
        ),
        (
            "Who are the UN partners on the Mexico outcome?",
            ["UNAIDS", "UNDP", "UNFPA", "UNICEF"],
            SEED_FILE,
            1,
        ),
        (
            "How many women were reached with labour-rights information in 2021, against the "
            "milestone?",
            ["milestone: 100", "reported result: 59", "not met"],
            SEED_FILE,
            9,
        ),
        (
            "What is the 2025 target for the number of women with improved access to "
            "information on labor rights?",
            ["320"],
            SEED_FILE,
            9,
        ),
        (
            "What was the baseline for programmes designed for women's economic empowerment "
            "under MEX_D_2.1.1?",
            ["baseline (2019): 0"],
            SEED_FILE,
            5,
        ),
        ("Which output has the largest shortfall?", ["MEX_D_2.1.1", "$2.27 M"], SEED_FILE, 5),
        ("What did the care-system work achieve in 2022?", ["National Care System"], SEED_FILE, 11),
        (
            "What happened with the domestic workers campaign in Mexico?",
            ["#EsLoJusto"],
            SEED_FILE,
            11,
        ),
        (
            "Did Mexico meet its 2021 milestone on programmes for women's economic empowerment?",
            ["2021 milestone: 2", "reported result: 7", "milestone met"],
            SEED_FILE,
            5,
        ),
    ],
)
def test_seed_questions_get_the_reports_figure_and_page(
    answerer, page_text, question, expected, file, page
):
    answer = answerer.ask(question)
    assert answer.found, answer.answer
    for text in expected:
        assert text in answer.answer
    assert (file, page) in {(c.file, c.page) for c in answer.citations}
    assert_cited(answer, page_text)


def test_target_for_a_year_the_report_does_not_set_says_so(answerer):
    answer = answerer.ask(
        "What is the 2030 target for the number of women with improved "
        "access to information on labor rights?"
    )
    assert "the report sets no 2030 target" in answer.answer
    assert "2025 target: 320" in answer.answer


def test_total_planned_budget_of_outputs_under_an_outcome(answerer):
    answer = answerer.ask("What is the total planned budget of the outputs under MEX_D_2.1?")
    (total,) = [f for f in answer.facts if f.what == "total planned"]
    assert total.value == 3_070_000 + 550_730 + 551_060
    assert len(answer.citations) == 3


def test_milestone_with_no_planned_value_is_not_called_met_or_missed(answerer):
    answer = answerer.ask(
        "What was the 2023 result for the number of partners with increased "
        "capacities to promote gender responsive legislation in Mexico?"
    )
    assert "reported result: 4" in answer.answer
    assert "not given in the report" in answer.answer  # the milestone is "-", never 0
    assert "met or missed cannot be said" in answer.answer
    # The same statement stands under MEX_D_2.1.1 and MEX_D_2.1.3, with the same 2023 row:
    # either reading gives the figure, so both are given rather than asked back.
    assert "output MEX_D_2.1.1" in answer.answer and "output MEX_D_2.1.3" in answer.answer
    assert not answer.ask_back


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_fictional_output_shortfalls_come_from_the_printed_figures(answerer, page_text, index):
    truth, _ = fictional_report(index)
    for output in truth.outputs:
        answer = answerer.ask(f"What was the shortfall on output {output.code}?")
        assert output.shortfall.text in answer.answer
        assert {(truth.file, output.shortfall.page)} <= {(c.file, c.page) for c in answer.citations}
        assert_cited(answer, page_text)


@pytest.mark.parametrize("index", [0, 3])
def test_fictional_partner_contributions(answerer, index):
    truth, _ = fictional_report(index)
    outcome = truth.outcomes[0]
    donor = outcome.non_core[0]
    answer = answerer.ask(f"How much did {donor.partner} contribute to {outcome.code}?")
    assert donor.money.text in answer.answer
    assert answer.citations[0].page == donor.money.page


def test_missed_milestones_in_a_year_are_listed_with_their_rows(answerer):
    answer = answerer.ask("Which milestones were missed in 2023 in Kenya?")
    truth, _ = fictional_report(0)
    expected = [
        (i.parent_code, r.planned.raw, r.reported.raw)
        for i in truth.indicators
        for r in i.rows
        if r.year == 2023 and r.kind == "Milestone" and r.met() is False
    ]
    assert expected
    for code, planned, reported in expected:
        assert re.search(
            rf"{re.escape(code)} .*2023 milestone {re.escape(planned)}, "
            rf"reported {re.escape(reported)}",
            answer.answer,
        )
    assert "MEX_" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What was the shortfall on output MEX_D_9.9.9?",
        "What is the gender pay gap in Peru?",
        "How much did the Government of Germany contribute in Kenya?",
        "Why was the prevalence survey delayed in Kenya?",
    ],
)
def test_questions_the_reports_cannot_answer_say_so_without_a_figure(answerer, question):
    answer = answerer.ask(question)
    assert not answer.found
    assert answer.answer.startswith("Not in the indexed reports")
    assert not answer.facts
    assert not re.search(r"\$\d|\b\d{3,}\b", answer.answer)


def test_unknown_code_offers_the_closest_codes(answerer):
    answer = answerer.ask("What was the shortfall on output MEX_D_2.1.4?")
    assert not answer.found
    assert "MEX_D_2.1.1" in answer.alternatives or "MEX_D_2.1.3" in answer.alternatives


def test_a_question_longer_than_the_cap_is_refused_in_a_sentence(answerer, monkeypatch):
    pasted = "What was the delivery rate of the Kenya office in 2023? " * 100  # 5,700 characters
    answer = answerer.ask(pasted)
    assert not answer.found and not answer.citations
    assert f"{len(pasted):,} characters long" in answer.answer and "2,000" in answer.answer
    monkeypatch.setenv("RESULTSQA_MAX_QUESTION_CHARS", "10000")
    assert "characters long" not in answerer.ask(pasted).answer  # read when the cap allows


def test_an_indicator_is_named_and_quoted_whole_not_cut_mid_phrase(answerer):
    answer = answerer.ask("How many women were reached with labour-rights information in 2021?")
    named = re.search(r"Indicator “([^”]+)”", answer.answer)
    assert named, answer.answer
    catalog = answerer.catalog()
    statements = {e.record.statement for e in catalog.of("indicator")}
    assert named[1] in statements and not named[1].endswith("…")
    quote = next(c.quote for c in answer.citations if c.section.startswith("Indicator table"))
    assert quote.startswith(named[1] + " … ")
