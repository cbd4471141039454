"""Questions as people type them: the interpretation, typing errors, other languages,
partner aliases, follow-ups, and refusals that give the reason that applies."""

from __future__ import annotations

import json

import pytest

from app.answering import Answerer
from app.answering.reading import interpret
from app.catalog import catalog_for
from app.resolve import resolve
from eval.score import has_figure
from indexing.samples import SEED_FILE
from indexing.store import open_store
from tests.commands import run


@pytest.fixture(scope="module")
def catalog(indexed_store):
    return catalog_for(open_store(indexed_store))


@pytest.fixture(scope="module")
def reading(indexed_store, embedder):
    """The whole reading of a question: the lexicon, the classifier and the records."""
    search = Answerer(open_store(indexed_store), embedder).search()
    return lambda question: interpret(question, search)


@pytest.mark.parametrize(
    ("question", "figure", "codes", "countries"),
    [
        ("What was the shortfall on output MEX_D_2.1.1?", "shortfall", ["MEX_D_2.1.1"], []),
        # One slip of the keys on a figure word or a country.
        ("What was the shorfall on ouput MEX_D_2.1.1?", "shortfall", ["MEX_D_2.1.1"], []),
        ("planed budget of the Kenia office", "planned", [], ["KEN"]),
        # Another word for the same figure; a comparative.
        ("How much money was lacking for MEX_D_2.1.1?", "shortfall", ["MEX_D_2.1.1"], []),
        (
            "What was the starting value of the indicator under MEX_D_2.1?",
            "baseline",
            ["MEX_D_2.1"],
            [],
        ),
        # Spanish and French: the same reading.
        (
            "¿Cuál fue el presupuesto planificado del resultado MEX_D_2.1?",
            "planned",
            ["MEX_D_2.1"],
            [],
        ),
        ("Quel est le déficit de l'extrant MEX_D_2.1.1 ?", "shortfall", ["MEX_D_2.1.1"], []),
        ("¿Cuánto gastó Kenia?", "expenses", [], ["KEN"]),
        ("Quel est le budget prévu du Mexique ?", "planned", [], ["MEX"]),
    ],
)
def test_a_question_is_read_into_what_it_asks_and_about_what(
    reading, question, figure, codes, countries
):
    q = reading(question)
    assert q.figure == figure, q.figures
    assert q.codes == codes and q.iso3s == countries


@pytest.mark.parametrize(
    ("question", "aggregate", "status"),
    [
        ("Which output had the larger gap, MEX_D_2.1.1 or MEX_D_2.1.2?", "largest", ""),
        ("Which Mexico output is the worst-funded?", "largest", ""),
        ("sum of the outputs' planned budgets under MEX_D_2.1", "total", ""),
        ("compare planned and actual budgets across countries", "compare", ""),
        ("Which targets slipped in 2023?", "", "missed"),
        ("which milestones weren't reached in 2022?", "", "missed"),
        ("¿Qué hitos no se cumplieron en 2023?", "", "missed"),
    ],
)
def test_the_operation_is_read_from_comparatives_and_verbs(reading, question, aggregate, status):
    q = reading(question)
    assert q.aggregate == aggregate
    if status:
        assert q.status == status


def test_a_figure_set_aside_is_not_the_one_asked(catalog):
    q = resolve("How much was budgeted (planned, not actual) for KEN_D_2.3?", catalog)
    assert q.figures[0] == "planned" and "actual" not in q.figures


def test_a_wrong_code_is_never_corrected_into_a_right_one(answerer):
    answer = answerer.ask("What was the shortfall on output MEX_D_2.1.9?")
    assert not answer.found
    assert "no outcome or output MEX_D_2.1.9" in answer.answer
    assert "MEX_D_2.1.1" in answer.alternatives  # offered as "did you mean", not answered
    assert not has_figure(answer.answer.split("Closest")[0])


@pytest.mark.parametrize(
    ("question", "partner"),
    [
        ("How much did the MPTF put into the Mexico outcome?", "Multi-Partner Trust Fund Office"),
        ("How much did KOICA give to BGD_D_1.3?", "Korea International Cooperation Agency (KOICA)"),
        ("How much did Norway fund in Jordan?", "Government of Norway"),
        ("¿Cuánto aportó Noruega en Jordania?", "Government of Norway"),
        ("How much did the EU contribute in Colombia?", "European Union"),
    ],
)
def test_partners_are_found_as_people_name_them(catalog, question, partner):
    assert partner in resolve(question, catalog).partners


def test_a_country_without_a_report_named_by_its_adjective_is_refused(answerer):
    answer = answerer.ask("How many Nepali women farmers adopted drought-tolerant seeds?")
    assert not answer.found and "Nepal" in answer.answer


# -- follow-ups ----------------------------------------------------------------------------
def converse(answerer, *turns):
    previous, answer = None, None
    for turn in turns:
        answer = answerer.ask(turn, previous=previous)
        previous = answer.query
    return answer


def test_a_follow_up_takes_the_subject_and_what_was_asked_from_the_question_before(answerer):
    answer = converse(
        answerer, "What was the shortfall on output MEX_D_2.1.1?", "and output MEX_D_2.1.2?"
    )
    assert "$182.48 K" in answer.answer
    assert answer.answer.startswith("Reading this as: shortfall · MEX_D_2.1.2")
    assert "from the previous question" in answer.answer.splitlines()[0]
    assert answer.interpretation["inherited"] and answer.interpretation["codes"] == ["MEX_D_2.1.2"]


def test_a_follow_up_on_a_year_and_on_a_country(answerer):
    year = converse(
        answerer,
        "How many women were reached with labour-rights information in 2021?",
        "and in 2022?",
    )
    # The same indicator for 2022: its row sets a milestone and reports no result yet.
    assert "2022" in year.answer.splitlines()[0] and "from the previous question" in year.answer
    assert "no reported result for 2022" in year.answer and not year.found
    country = converse(
        answerer, "What was the Kenya office's delivery rate in 2023?", "what about Colombia?"
    )
    assert country.facts[0].subject.startswith("COL_D_") and country.facts[0].source == "note"


def test_a_standalone_question_never_inherits(answerer):
    answer = converse(
        answerer,
        "What was the shortfall on output MEX_D_2.1.1?",
        "What is the planned budget of output MEX_D_2.1.2?",
    )
    assert not answer.answer.startswith("Reading this as")
    assert answer.interpretation["inherited"] == []


def test_the_ask_command_goes_on_from_the_line_before_with_conversation(indexed_store):
    lines = "What was the shortfall on output MEX_D_2.1.1?\nand the planned budget?\n"
    talk = run("ask", "-", "--conversation", "--json", input=lines, store=indexed_store)
    alone = run("ask", "-", "--json", input=lines, store=indexed_store)
    second = json.loads(talk.stdout.splitlines()[1])
    assert "$3.07 M" in second["answer"] and second["interpretation"]["inherited"]
    assert json.loads(alone.stdout.splitlines()[1])["interpretation"]["inherited"] == []


# -- refusals: each with the reason that really applies --------------------------------------
@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What was the shortfall on output KEN_D_9.9.9?", "no outcome or output KEN_D_9.9.9"),
        ("What is the planned budget in Peru?", "no report for Peru is indexed"),
        (
            "How much did the Government of Canada contribute in Jordan?",
            "Government of Canada funds no outcome in Jordan",
        ),
        ("How many dignity kits were handed out in Kenya?", "no table figure or sentence"),
        ("Why was the bridge in Kisumu closed?", "no passage that answers this"),
    ],
)
def test_each_refusal_gives_the_reason_that_applies(answerer, question, reason):
    answer = answerer.ask(question)
    assert not answer.found and reason in answer.answer, answer.answer


def test_an_empty_index_says_how_to_add_reports(tmp_path, embedder):
    answer = Answerer(open_store(tmp_path / "empty"), embedder=embedder).ask(
        "What was the shortfall?"
    )
    assert not answer.found and "nothing is indexed yet" in answer.answer


# -- complete lists and honest totals ------------------------------------------------------
def test_who_funds_lists_every_partner_core_and_non_core(answerer, catalog):
    answer = answerer.ask("Who funds UN Women's work in Jordan?")
    jordan = [e for e in catalog.of("outcome") if e.iso3 == "JOR"]
    for entry in jordan:
        for funding in entry.record.funding:
            assert f"{funding.partner} {funding.money.text}" in answer.answer


def test_a_list_of_milestones_holds_every_one_in_its_figures(answerer, catalog):
    answer = answerer.ask("Which milestones were missed in 2023?")
    missed = sum(
        1
        for e in catalog.of("indicator")
        for row in e.record.rows
        if row.year == 2023 and row.kind != "Baseline" and row.met() is False
    )
    assert answer.answer.startswith(f"{missed} milestones missed in 2023")
    assert sum(1 for f in answer.facts if f.what.startswith("reported")) == missed
    if missed > 25:
        assert "all" in own_lines(answer)[-1]


def test_a_comparison_covers_every_outcome_in_scope(answerer, catalog):
    answer = answerer.ask("compare planned and actual budgets across countries")
    for entry in catalog.of("outcome"):
        assert f"({entry.record.code})" in answer.answer


def test_a_total_says_exactly_what_it_adds(answerer):
    answer = answerer.ask("How much did Norway fund in Jordan in total?")
    last = own_lines(answer)[-1]
    assert last.startswith("Together: $2,221,842 from Government of Norway to 2 outcomes")
    assert "JOR_D_1.3, JOR_D_3.1" in last


# -- other languages -----------------------------------------------------------------------
def test_a_spanish_question_is_answered_in_spanish_with_the_figures_as_printed(answerer):
    answer = answerer.ask("¿Cuál fue el presupuesto planificado del resultado MEX_D_2.1?")
    assert "presupuesto planificado $166.39 K" in answer.answer
    assert (answer.citations[0].file, answer.citations[0].page) == (SEED_FILE, 2)


def test_a_french_question_is_refused_in_french_for_the_reason_that_applies(answerer):
    answer = answerer.ask("Quel est le déficit au Pérou ?")
    assert answer.answer.startswith("Absent des rapports indexés") and "Peru" in answer.answer


def own_lines(answer) -> list[str]:
    """The answer's lines but the one naming the fictional samples it draws on (last)."""
    return [line for line in answer.answer.splitlines() if not line.startswith("Fictional sample:")]
