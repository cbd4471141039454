"""One interpretation per question: records named by topic, measures and operations read by
meaning, asking back when two readings are close, follow-ups that operate on the last
answer, derived quantities worked out from the printed lines, and the collection itself.

Every test asks the real answering engine over the corpus `make eval` builds (the samples
and the reports in other layouts), with the real model and the exemplar bank as shipped.
"""

from __future__ import annotations

import json

import pytest

from app.answering import Answerer
from app.answering.intent import Guess
from app.answering.intent_reading import _close
from app.answering.reading import interpret
from indexing.store import open_store
from tests.commands import run


@pytest.fixture(scope="module")
def answerer(eval_store, embedder):
    return Answerer(open_store(eval_store), embedder=embedder)


@pytest.fixture(scope="module")
def reading(answerer):
    search = answerer.search()
    return lambda question, previous=None: interpret(question, search, previous)


def converse(answerer, *turns):
    previous, answer = None, None
    for turn in turns:
        answer = answerer.ask(turn, previous=previous)
        previous = answer.query
    return answer


# -- records named by what they are about ------------------------------------------------
@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("planned budget for the domestic workers output in Kenya", "KEN_D_1.3.3"),
        ("shortfall on the Nairobi entrepreneurs output", "KEN_D_1.3.1"),
        ("actual budget of the humanitarian coordination output in Jordan", "JOR_D_1.3.2"),
        ("expenses of the statistics output in Timor-Leste", "TLS_D_1.1.2"),
        ("Kenya's political participation outcome planned budget", "KEN_D_2.3"),
        ("colombia WEE outcome - what's still left to raise vs the planned bdgt?", "COL_D_2.1"),
    ],
)
def test_a_record_named_by_its_topic_is_found_by_meaning(reading, question, code):
    q = reading(question)
    assert q.codes == [code]
    (record,) = q.records
    assert record.how == "meaning" and record.score >= 0.45


def test_two_close_outputs_are_asked_back_never_guessed(answerer):
    # Both Bangladesh outputs report on "cooperatives led by women": the figure depends on
    # which one is meant.
    answer = answerer.ask(
        "What was the funding gap on Bangladesh's output about women's cooperatives?"
    )
    assert answer.ask_back and not answer.found and not answer.facts
    assert {c.code for c in answer.choices} == {"BGD_D_1.3.1", "BGD_D_1.3.2"}
    assert "1. " in answer.answer and "2. " in answer.answer
    chosen = answerer.ask("2", previous=answer.query)  # the reply picks one
    assert chosen.found and "BGD_D_1.3.2" in chosen.answer and "$64.45 K" in chosen.answer


def test_an_unknown_abbreviation_is_asked_back_with_the_names_it_is_near(answerer):
    answer = answerer.ask("How much did UNFT give to Kenya?")
    assert answer.ask_back.startswith("What does “UNFT” stand for?")
    assert [c.label for c in answer.choices] == ["UN Trust Fund to End Violence against Women"]
    assert not answer.facts
    # Nothing it could stand for: the reports never name it, which is said, not asked.
    nothing_near = answerer.ask("How much did XQZW give to Kenya?")
    assert not nothing_near.ask_back and not nothing_near.found
    assert "never mention “XQZW”" in nothing_near.answer


def test_two_table_measures_nearly_as_likely_for_a_named_record_are_asked_back(answerer):
    answer = answerer.ask("what about the money on KEN_D_1.3.1")
    assert answer.ask_back == "Which figure do you mean?"
    assert len(answer.choices) == 2 and not answer.facts
    picked = answerer.ask(answer.choices[0].question, previous=answer.query)
    assert picked.found and "KEN_D_1.3.1" in picked.answer


@pytest.mark.parametrize(
    ("first", "second", "asked"),
    [
        (Guess("expenses", 0.39, "budget", 0.31), True, True),
        (Guess("expenses", 0.60, "budget", 0.20), True, False),  # one reading stands out
        (Guess("expenses", 0.30, "narrative", 0.28), True, False),  # a passage is no rival
        (Guess("expenses", 0.22, "budget", 0.20), True, False),  # neither is likely enough
    ],
)
def test_the_measure_is_asked_back_only_between_two_likely_table_figures(first, second, asked):
    assert _close(first) is asked


def test_a_wrong_guess_would_be_worse_than_asking_so_choices_carry_their_record(answerer):
    answer = answerer.ask(
        "What was the funding gap on Bangladesh's output about women's cooperatives?"
    )
    data = answer.to_json()
    assert data["ask_back"] and [c["code"] for c in data["choices"]]
    assert all(c["record"] for c in data["choices"])


# -- measures and operations by meaning -------------------------------------------------
@pytest.mark.parametrize(
    ("question", "measure", "operation"),
    [
        ("How much less than planned did KEN_D_1.3 get?", "shortfall", "difference"),
        ("what is still left to raise for KEN_D_1.3?", "shortfall", "difference"),
        ("How much money was lacking for MEX_D_2.1.1?", "shortfall", "value"),
        ("Who funds UN Women's work in Jordan?", "funding_partners", "list"),
        ("Which offices do the indexed reports cover?", "none", "collection"),
        ("give me a briefing paragraph on Kenya's money and results", "none", "summary"),
        (
            "Of the money KEN_D_1.3.1 actually received, how much was left unspent?",
            "expenses",
            "difference",
        ),
    ],
)
def test_the_measure_and_operation_are_read_by_meaning(reading, question, measure, operation):
    q = reading(question)
    assert (q.measure or "none", q.operation) == (measure, operation)


def test_a_quantity_asked_is_never_read_as_a_passage_or_a_briefing(reading):
    q = reading(
        "Kenya national dialogue: what share of the civil society side events were run by "
        "young women?"
    )
    assert q.measure == "stated_figure" and q.operation == "value"


# -- derived quantities, worked out from the printed lines and said so ------------------
@pytest.mark.parametrize(
    ("question", "figure", "pieces"),
    [
        (
            "How much less than planned did Kenya's women's economic empowerment outcome "
            "actually receive?",
            "$1.09 M",
            ["$3.42 M", "$2.33 M"],
        ),
        (
            "Of the money KEN_D_1.3.1 actually received, how much was left unspent?",
            "$46.46 K",
            ["$450.73 K", "$404.27 K"],
        ),
        (
            "How much more did MEX_D_2.1.3 spend than its actual budget?",
            "$119.61 K",
            ["$600.36 K", "$480.75 K"],
        ),
        (
            "How much more did the Australians give than the Canadians to KEN_D_2.3?",
            "$146,593",
            ["$481,300", "$334,707"],
        ),
        (
            "Which of Jordan's three outcomes has the largest gap between planned and actual "
            "budget?",
            "$0.31 M",
            ["$2.08 M", "$1.77 M"],
        ),
    ],
)
def test_a_derived_figure_is_worked_out_from_the_printed_lines_and_cites_both(
    answerer, question, figure, pieces
):
    answer = answerer.ask(question)
    assert figure in answer.answer and "worked out" in answer.answer
    quotes = " ".join(c.quote for c in answer.citations)
    assert all(piece in quotes for piece in pieces)
    assert any(f.source == "computed" for f in answer.facts) or "worked out" in answer.answer


def test_how_far_a_result_is_from_its_milestone_is_worked_out_from_the_row(answerer):
    answer = answerer.ask("KE coops at outcome level - how far off the 2023 milestone were they?")
    assert "100 short of the milestone" in answer.answer


def test_a_change_across_editions_is_worked_out(answerer):
    answer = answerer.ask("BR - UNTF EVAW contribution 2021 vs 2023, diff?")
    assert "up by $872,430" in answer.answer


def test_a_figure_told_in_two_years_notes_is_read_for_each_year(answerer):
    answer = answerer.ask(
        "How did the number of Bahia women candidates who completed the leadership academy "
        "change between 2022 and 2023?"
    )
    assert "3,440" in answer.answer and "3,288" in answer.answer and "-152" in answer.answer


# -- abbreviations, people and partners as staff type them ------------------------------
@pytest.mark.parametrize(
    ("question", "countries", "partners"),
    [
        ("KE planned budget 2023", ["KEN"], []),
        ("MX: # laws adopted to advance GE (CO indicator), tgt 2025?", ["MEX"], []),
        ("UN partners on the CO WEE outcome?", ["COL"], []),
        (
            "How much did the Swedes put into Colombia's work on ending violence?",
            ["COL"],
            ["Government of Sweden"],
        ),
        (
            "How much did the Koreans put into Jordan's humanitarian / WPS outcome?",
            ["JOR"],
            ["Korea International Cooperation Agency (KOICA)"],
        ),
        (
            "KE: UNTF EVAW $ in KEN_D_1.3 vs KEN_D_2.3?",
            ["KEN"],
            ["UN Trust Fund to End Violence against Women"],
        ),
    ],
)
def test_abbreviations_and_peoples_names_are_read(reading, question, countries, partners):
    q = reading(question)
    assert q.iso3s == countries
    assert q.partners == partners


def test_jargon_and_shorthand_are_spelled_out_and_said_back(reading):
    q = reading("JO HA: # cluster coordinators trained in Amman, tgt vs result?")
    spelled = dict(q.spelled_out)
    assert spelled["HA"] == "humanitarian action" and spelled["tgt"] == "target"
    assert "humanitarian" in q.topic


# -- follow-ups that operate on the last answer -----------------------------------------
def test_who_else_sets_aside_the_partner_just_named(answerer):
    answer = converse(
        answerer,
        "How much did Australia give to Kenya's women's leadership outcome?",
        "who else funds it?",
    )
    assert "Government of Canada" in answer.answer
    assert "UN Trust Fund to End Violence against Women" in answer.answer
    assert "Government of Australia $" not in answer.answer
    assert answer.interpretation["excluded_partners"] == ["Government of Australia"]


def test_the_other_output_is_the_one_beside_the_last_answer(answerer):
    answer = converse(
        answerer, "What's the shortfall on BGD_D_2.1.1?", "what about the other output?"
    )
    assert "BGD_D_2.1.2" in answer.answer and "$875.53 K" in answer.answer


def test_which_of_them_ranks_the_items_just_listed(answerer):
    answer = converse(
        answerer,
        "What outcomes does the Jordan report cover?",
        "Which one has the largest actual budget?",
    )
    assert "JOR_D_1.3" in answer.answer and "$1.77 M" in answer.answer
    assert "just listed" in answer.answer


def test_a_briefing_on_it_is_about_the_record_just_given(answerer):
    answer = converse(
        answerer,
        "What's the code of Bangladesh's outcome on ending violence against women?",
        "give me a briefing paragraph on it",
    )
    assert "BGD_D_2.1" in answer.answer and "BGD_D_1.3" not in answer.answer
    assert "$3.00 M" in answer.answer


def test_a_follow_up_naming_another_record_by_topic_asks_about_that_record(answerer):
    answer = converse(
        answerer,
        "shortfall for MEX_D_2.1.2?",
        "what about the output on the care strategy at national and local level?",
    )
    assert "MEX_D_2.1.3" in answer.answer and "$69.98 K" in answer.answer


def test_the_sidebar_scope_wins_over_an_inherited_country(answerer):
    from app.answering import Scope

    first = answerer.ask("What was the planned budget of Kenya's economic empowerment outcome?")
    answer = answerer.ask("and the actual budget?", Scope(iso3s=["COL"]), previous=first.query)
    assert answer.interpretation["scope_from"]["iso3s"] == "sidebar"
    assert "COL_D_" in answer.answer and "KEN_D_" not in answer.answer
    # Colombia's own line, not a sum nor money a note says was mobilised.
    assert "$487.14 K" in answer.answer and "10.4M" not in answer.answer


# -- the collection itself ---------------------------------------------------------------
def test_collection_questions_are_answered_from_the_catalog(answerer):
    answer = answerer.ask("Which offices do the indexed reports cover?")
    for office in ("Kenya", "Mexico", "Europe and Central Asia Regional Office", "Moldova"):
        assert office in answer.answer
    brazil = answerer.ask("which years do we have for Brazil?")
    assert "2021" in brazil.answer and "2023" in brazil.answer and "Kenya" not in brazil.answer


# -- the CLI says it back, numbers the choices, and --json carries the reading ----------
def test_ask_json_carries_the_interpretation_and_the_choices(eval_store):
    result = run(
        "ask",
        "--json",
        "--store",
        str(eval_store),
        "What was the funding gap on Bangladesh's output about women's cooperatives?",
    )
    data = json.loads(result.stdout)
    assert data["ask_back"].startswith("Which output do you mean?")
    assert [c["code"] for c in data["choices"]] == ["BGD_D_1.3.1", "BGD_D_1.3.2"] or sorted(
        c["code"] for c in data["choices"]
    ) == ["BGD_D_1.3.1", "BGD_D_1.3.2"]
    reading = run("ask", "--json", "--store", str(eval_store), "KE planned budget 2023")
    interpretation = json.loads(reading.stdout)["interpretation"]
    assert interpretation["measure"] == "planned_budget"
    assert interpretation["countries"] == ["Kenya"] and interpretation["years"] == [2023]


def test_the_cli_numbers_the_choices_and_takes_a_number_in_a_conversation(eval_store):
    result = run(
        "ask",
        "-",
        "--conversation",
        "--store",
        str(eval_store),
        input="What was the funding gap on Bangladesh's output about women's cooperatives?\n1\n",
    )
    asked, answered = result.stdout.strip().splitlines()[:2]
    assert "1. output BGD_D_1.3" in asked and "2. output BGD_D_1.3" in asked
    assert "shortfall" in answered and "BGD_D_1.3." in answered


def test_the_collection_is_asked_by_part_of_the_world(answerer):
    africa = answerer.ask("Quels rapports concernent un pays d'Afrique ?")
    assert "sample_kenya.pdf" in africa.answer and "sample_jordan.pdf" not in africa.answer
    middle_east = answerer.ask("Is there a report for a country in the Middle East?")
    assert (
        "sample_jordan.pdf" in middle_east.answer and "sample_kenya.pdf" not in middle_east.answer
    )


@pytest.mark.parametrize(
    ("question", "code"),
    [
        (
            "# women candidates trained in KE, output 2.3.2, 2023 result vs milestone?",
            "KEN_D_2.3.2",
        ),
        ("KE 1.3 core $?", "KEN_D_1.3"),
    ],
)
def test_a_code_typed_without_its_office_is_read_in_the_country_named(reading, question, code):
    assert reading(question).codes == [code]


def test_a_nickname_for_a_donor_country_names_its_government(reading):
    assert reading("How much did the Aussies give to the Kenya leadership outcome?").partners == [
        "Government of Australia"
    ]


def test_their_points_at_every_record_the_last_answer_listed(answerer):
    answer = converse(
        answerer,
        "What are the outputs under Kenya's economic empowerment outcome?",
        "what are their shortfalls?",
        "Which of them is the largest?",
    )
    assert "KEN_D_1.3.2" in answer.answer and "$511.91 K" in answer.answer


def test_a_year_the_notes_do_not_cover_is_refused_not_answered_from_another(answerer):
    answer = answerer.ask(
        "What does Mexico's 2023 progress note say about the General Law of the National Care "
        "System?"
    )
    assert not answer.found and "2022 only, not for 2023" in answer.answer
    before = converse(
        answerer,
        "How many women obtained protection orders in BD in the first six months of 2023?",
        "and same period the yr before?",
    )
    assert "327" in before.answer  # told in the 2023 note, compared with


# -- which figure of a sentence, and which sentences ----------------------------------------
def own_words(answer) -> str:
    """The answer less what it quotes: where a figure must stand to count as given."""
    import re

    return re.sub(r"“[^”]*”", " ", answer.answer)


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        # The thing asked ("what audience") is no money measure, whatever "EU-funded" says.
        (
            "Which audience did the EU-funded Brazil media campaign reach in 2022?",
            "11 mil",
            "131,000",
        ),
        # "60 of them were elected" counts part of the 2,371 who completed the academy.
        ("How many Zaatari academy graduates were elected to the councils in 2023?", "60", "2,371"),
        (
            "How many Zaatari women candidates completed the leadership academy in 2023?",
            "2,371",
            "60",
        ),
        # "50 out of 190 seats, up from 15": the 50 is compared, not the 190 seats in all.
        (
            "How many more council seats do Zaatari's women hold than after the last vote?",
            "35",
            "175",
        ),
    ],
)
def test_the_figure_of_a_sentence_is_the_one_asked_about(answerer, question, given, not_given):
    answer = answerer.ask(question)
    assert given in own_words(answer)
    assert not_given not in own_words(answer)


@pytest.mark.parametrize(
    "question",
    [
        # "481 women survivors … through one-stop centres": the figure counts survivors.
        "How many one-stop centres are operating in Bangladesh altogether?",
        # "46 out of 92 seats": the sentence says nothing of the age asked about.
        "How many of the women elected to Kisumu's municipal councils in 2023 were under 35?",
        # The note states money mobilised, no share of the budget by sub-region.
        "What share of the ECA office's 2023 budget went to Central Asia as opposed to the "
        "Western Balkans?",
    ],
)
def test_a_figure_that_counts_something_else_is_not_given(answerer, question):
    answer = answerer.ask(question)
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How much did Sweden give to Bangladesh?", {"money", "foreign"}),
        ("How much of the budget did Moldova deliver in 2023?", {"money", "foreign", "percent"}),
        ("What share of the ECA office's 2023 budget went to Central Asia?", {"percent", "ratio"}),
    ],
)
def test_how_a_question_asks_says_which_kind_of_figure_answers(reading, question, kinds):
    assert reading(question).asks == kinds


@pytest.mark.parametrize(
    ("question", "partner"),
    [
        ("Combien le gouvernement japonais a-t-il apporté en Moldavie en 2023 ?", "USD 899,000"),
        ("¿Cuánto aportó el gobierno sueco en Bangladesh?", "Sweden"),
    ],
)
def test_a_donor_named_by_its_spanish_or_french_adjective_is_found(answerer, question, partner):
    assert partner in answerer.ask(question).answer


def test_a_word_shaped_like_an_adjective_names_no_country_the_reports_never_name(reading):
    q = reading("¿Cuántas mujeres indígenas participaron en Colombia?")
    assert q.iso3s == ["COL"] and not q.partners


@pytest.mark.parametrize(
    ("question", "aggregate"),
    [
        ("¿Cuál de los socios financiadores aporta más al resultado ECA_D_1.1?", "largest"),
        ("How much did the MPTF put into ECA_D_1.1? ¿Quién más lo financia?", ""),
    ],
)
def test_which_does_most_is_read_in_spanish_and_french(reading, question, aggregate):
    assert reading(question.split("? ")[-1]).aggregate == aggregate


def test_two_parts_of_the_world_joined_by_or_are_both_read(reading):
    q = reading("Which reports cover South or South-East Asia?")
    assert set(q.regions) == {"Southern Asia", "South-eastern Asia"}


def test_a_why_question_is_answered_by_the_sentence_that_gives_the_reason(answerer):
    answer = answerer.ask("Why did work with political parties in Kenya go slower than planned?")
    assert "because the reform of the party law was postponed" in answer.answer
    assert not answer.choices  # "planned" says what about, not which budget line


def test_a_why_question_no_sentence_answers_is_refused_with_the_closest(answerer):
    answer = answerer.ask("Why did the ECA regional office's delivery rate drop in 2023?")
    assert not answer.found and "says why" in answer.answer and "ECA_D_1.1" in answer.answer


def test_a_total_over_the_outputs_of_an_outcome_named_by_topic_is_worked_out(answerer):
    answer = answerer.ask(
        "In Timor-Leste, what is the total planned budget of the two outputs of the violence "
        "against women outcome?"
    )
    assert "$1,415,130" in answer.answer


def test_a_share_printed_two_ways_is_given_both_ways(answerer):
    answer = answerer.ask("How many seats do women hold in Kisumu's municipal councils?")
    assert "46 out of 92 (50 percent)" in own_words(answer)


def test_one_statement_reported_under_several_parents_is_never_answered_for_one(answerer):
    # Printed under the outcome ("(outcome level, Colombia)") and under its output: which
    # is meant, the question does not say.
    asked = answerer.ask(
        "What was the 2023 result for women entrepreneurs who accessed credit through partner "
        "banks in Colombia?"
    )
    assert {c.code for c in asked.choices} == {"COL_D_2.1", "COL_D_2.1.1"}
    every = answerer.ask(
        "Kenya - how many women-led cooperatives had access to new markets in 2023?"
    )
    assert all(f in own_words(every) for f in ("124", "142"))


def test_a_donor_named_by_the_sentence_answers_with_half_the_question_framed_by_its_note(
    answerer,
):
    answer = answerer.ask("TL CO EVAW progress note 2022 - how much did Japan contribute?")
    assert "USD 835,000" in own_words(answer)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("MX: which agencies did UNW work w/ on #EsLoJusto?", "the RCO, ILO and FAO"),
        ("Which municipality piloted the care model in Mexico?", "Iztapalapa"),
    ],
)
def test_the_kind_of_name_asked_for_need_not_be_in_the_sentence_that_names_it(
    answerer, question, named
):
    assert named in answerer.ask(question).answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # "deliver results" says which output; an output's money has no result row.
        (
            "ECA: the output about staff having the skills and support to deliver results, "
            "what's its shortfall?",
            "$541.97 K",
        ),
        # The outcome named by topic is what the topic words are about: its table total.
        (
            "Moldova - total other resources (non-core) behind the rural women's income "
            "security outcome?",
            "$2,279,615",
        ),
    ],
)
def test_a_record_named_by_topic_is_answered_from_its_table_row(answerer, question, given):
    assert given in own_words(answerer.ask(question))


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How many women in Mombasa received seed grants?", "Mombasa"),
        ("¿Cuántas mujeres mediadoras se desplegaron en el Chocó en 2023?", "Chocó"),
        # An acronym whose words the reports never use ("practices" alone names another).
        ("What did the FGM output in Kenya spend?", "FGM (female genital mutilation"),
    ],
)
def test_a_place_no_report_mentions_is_refused_not_answered_from_another(answerer, question, name):
    answer = answerer.ask(question)
    assert not answer.found and f"“{name}" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many women in Nairobi received seed grants?",  # a place the notes name
        "How much did the Multi Partner Trust Fnd give ECA?",  # a slip, not a name
        "¿Qué municipio de la Ciudad de México piloteó el modelo de cuidado?",  # "Ciudad"
    ],
)
def test_names_the_reports_use_and_everyday_nouns_of_a_name_are_not_refused(answerer, question):
    assert answerer.ask(question).found


def test_a_donor_only_the_notes_name_is_answered_with_its_own_amount_alone(answerer):
    answer = answerer.ask("How much did Spotlight put into Bangladesh?")
    assert "2.8M USD" in own_words(answer) and "99,570" not in own_words(answer)


def test_who_else_after_a_figure_a_note_states_gives_the_other_donors_figure(answerer):
    answer = converse(
        answerer,
        "Which donor gave EUR 231,000 to the livelihoods programme in Colombia in 2023?",
        "And who else contributed to that programme, and how much?",
    )
    assert "US$ 621,290" in own_words(answer) and "231,000" not in own_words(answer)


def test_a_row_asked_of_an_output_named_by_topic_gives_its_indicators_rows(answerer):
    answer = answerer.ask(
        "How far off its 2023 milestone was the Kenya output on Nairobi entrepreneurs?"
    )
    assert "KEN_D_1.3.1" in answer.answer and "19 short of the milestone" in answer.answer


def test_a_difference_asked_in_words_leaves_them_out_of_the_topic(answerer):
    answer = answerer.ask("What is still left to raise for Jordan's humanitarian outcome?")
    assert "JOR_D_1.3" in answer.answer and "shortfall $0.31 M" in answer.answer


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("What share of its planned budget did MEX_D_2.1.1 receive?", "26%"),
        ("What share of the planned budget of KEN_D_1.3 was not funded?", "32%"),
    ],
)
def test_a_share_of_the_planned_budget_is_worked_out_from_the_printed_lines(
    answerer, question, share
):
    answer = answerer.ask(question)
    assert share in answer.answer and "worked out from the two printed lines" in answer.answer


def test_a_share_of_the_budget_delivered_is_the_notes_delivery_rate(answerer):
    answer = answerer.ask("What share of its budget did the Moldova office deliver in 2023?")
    assert "89%" in own_words(answer)


def test_one_output_named_by_code_is_never_ranked(reading):
    q = reading("Quel a été le déficit de financement de l'extrant BGD_D_2.1.1 ?")
    assert q.operation == "value" and q.measure == "shortfall"


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué logró el programa de cuidados en México?",
        "Qu'a accompli le programme de soins au Mexique ?",
    ],
)
def test_what_was_achieved_in_spanish_or_french_is_read_as_in_english(answerer, question):
    assert "Iztapalapa" in answerer.ask(question).answer


@pytest.mark.parametrize(
    "turns",
    [
        ("What is the actual budget of each output of Colombia's economic empowerment outcome?",),
        (
            "What was the actual budget of Colombia's economic empowerment outcome?",
            "break it down by output",
        ),
    ],
)
def test_every_output_of_an_outcome_named_by_topic_is_given(answerer, turns):
    answer = converse(answerer, *turns)
    assert "COL_D_2.1.1" in answer.answer and "COL_D_2.1.2" in answer.answer
    assert "actual budget $437.54 K" in answer.answer


@pytest.mark.parametrize(
    ("turns", "given"),
    [
        (
            (
                "How much did KOICA put into Bangladesh's WEE outcome?",
                "and the MPTF Office?",
                "how much more is that?",
            ),
            "$29,238 more",
        ),
        (
            (
                "How much did Australia give to Kenya's women's leadership outcome?",
                "and Canada?",
                "how much bigger is the Australian contribution?",
            ),
            "$146,593 more",
        ),
    ],
)
def test_how_much_more_after_two_answers_works_out_their_difference(answerer, turns, given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and "worked out from the figures" in answer.answer
    assert len(answer.citations) == 2  # each figure where the last two answers cited it


def test_why_after_a_row_is_answered_by_the_note_that_gives_the_reason(answerer):
    answer = converse(
        answerer,
        "What's the 2025 target for women mediators under Colombia's Cauca peacebuilders output?",
        "2023 result?",
        "why so low?",
    )
    assert "delayed by insecurity" in answer.answer


def test_both_for_another_country_asks_the_same_figures_there(answerer):
    answer = converse(answerer, "KE WEE outcome: planned & actual bdgt?", "both for BD pls")
    assert "$835.11 K" in answer.answer and "$501.76 K" in answer.answer


def test_a_year_the_new_country_has_no_report_for_is_not_inherited(answerer):
    answer = converse(
        answerer,
        "quick stat for a post: how many women got protection orders in BD in H1 2023?",
        "¿y en Timor-Leste?",
    )
    assert "601" in own_words(answer) and "not in its reports" in answer.answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        ("¿Quién financia el efecto MEX_D_2.1 y con cuánto?", "$203,202"),
        ("Qui finance le résultat KEN_D_2.3 ?", "$606,754"),
        (
            "cuántos hogares encabezados por mujeres recibieron pagos de dinero por trabajo en "
            "Colombia y por qué monto total?",
            "$1.7 million",
        ),
    ],
)
def test_who_funds_and_how_much_in_spanish_and_french(answerer, question, given):
    assert given in own_words(answerer.ask(question))


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # The donor stays when only the place changes.
        (
            (
                "How much did Japan contribute in Kenya per the 2023 WEE progress note?",
                "and in BD?",
            ),
            "USD 189,000",
            "13.2M",
        ),
        # Another donor named: its figure, not the last one's again.
        (
            (
                "How much did Sweden provide for new one-stop centres in Timor-Leste?",
                "and what did the Spotlight Initiative commit on top?",
            ),
            "6.3M USD",
            "565,000",
        ),
    ],
)
def test_a_follow_up_changes_only_what_it_names(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in own_words(answer) and not_given not in own_words(answer)


def test_the_outcome_after_an_output_is_the_one_above_it(answerer):
    answer = converse(
        answerer,
        "How much is planned for TL's two EVAW outputs?",
        "and the outcome's overall planned budget?",
    )
    assert not answer.found and "no outcome-level planned budget for TLS_D_1.1" in answer.answer


def test_a_count_asked_is_never_read_as_a_money_line(reading):
    q = reading(
        "En México, producto MEX_D_2.1.1: ¿cuántos productos de conocimiento sobre uso del tiempo "
        "y trabajo de cuidados no remunerado se reportaron en 2022?"
    )
    assert q.measure not in ("expenses", "planned_budget", "actual_budget", "shortfall")


@pytest.mark.parametrize(
    ("question", "given"),
    [
        (
            "Kenya : quelle est la contribution du Fonds d'affectation spéciale des Nations Unies "
            "pour l'élimination de la violence à l'égard des femmes à l'effet KEN_D_2.3 ?",
            "$606,754",
        ),
        (
            "Bangladesh : valeur de référence et cible 2025 pour les survivantes ayant accédé aux "
            "services essentiels (niveau effet) ?",
            "(2019): 8",
        ),
    ],
)
def test_official_french_names_and_two_rows_asked_together(answerer, question, given):
    assert given in answerer.ask(question).answer


def test_the_difference_between_two_donors_is_worked_out(answerer):
    answer = answerer.ask(
        "Moldova WEE outcome: difference between what the EU and KOICA contributed?"
    )
    assert "$331,645 more" in answer.answer


@pytest.mark.parametrize(
    ("turns", "given"),
    [
        (("spotlight initiative commitment in bangladesh?",), "2.8M USD"),
        (("what did Spotlight pledge for Colombia's survivor services for 2024-25?",), "5.7M USD"),
        (("Jordan WEE outcome: non-core total?", "split by partner?"), "$621,481"),
    ],
)
def test_commitments_and_funders_by_partner(answerer, turns, given):
    assert given in own_words(converse(answerer, *turns))


@pytest.mark.parametrize(
    ("turns", "given"),
    [
        # Two donors of the list just given: about that outcome, their difference.
        (
            (
                "Funding partners for Jordan's humanitarian outcome JOR_D_1.3?",
                "how much more did Norway put in than KOICA?",
            ),
            "$468,722 more",
        ),
        # A donor named after another question: the place stays, the topic is the donor.
        (
            (
                "What budget did the Kenya CO manage in 2023 and what was its delivery rate?",
                "and how much did Japan contribute?",
            ),
            "USD 428,000",
        ),
    ],
)
def test_a_follow_up_that_names_a_donor_keeps_the_place(answerer, turns, given):
    assert given in own_words(converse(answerer, *turns))


def test_a_donor_country_a_note_names_is_no_place_of_that_report(reading):
    q = reading("how much did Norway put in?")
    assert q.iso3s == [] and q.places == set()


def test_a_figure_for_one_of_many_is_said_to_be_no_total(answerer):
    answer = answerer.ask("How much did the Government of Sweden contribute in Bangladesh?")
    assert "US 1,500 each (a figure for one of many, not a total)" in own_words(answer)


def test_a_count_asked_of_an_output_is_its_indicators_reported_row(answerer):
    answer = answerer.ask(
        "Under Kenya's output on women candidates in Kisumu, how many political parties had "
        "gender quotas in their internal rules in 2023?"
    )
    assert "KEN_D_2.3.2" in answer.answer and "reported result: 136" in answer.answer


def test_two_neighbouring_sentences_that_hold_the_question_between_them_are_quoted(answerer):
    answer = answerer.ask("What came of the Iztapalapa pilot in Mexico?")
    assert answer.found and "Iztapalapa" in answer.answer and "pilot" in answer.answer
    assert {c.page for c in answer.citations} == {11}


def test_a_rate_two_notes_state_differently_is_given_from_both(answerer):
    answer = answerer.ask("MD CO delivery rate 2023?")
    assert "89%" in own_words(answer) and "94%" in own_words(answer)
    assert len({c.quote for c in answer.citations}) == 2


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (
            (
                "what outputs does Kenya's WEE outcome have?",
                "What's the planned budget on KEN_D_1.3.1?",
                "and the second output?",
            ),
            "$1.35 M",
        ),
        (
            (
                "What outputs sit under Colombia's humanitarian and peacebuilding outcome?",
                "planned budget of the first one?",
                "and the second?",
            ),
            "$134.16 K",
        ),
    ],
)
def test_an_ordinal_takes_the_record_at_that_place(answerer, turns, expected):
    assert expected in converse(answerer, *turns).answer


def test_the_outputs_of_an_outcome_named_by_topic_are_listed(answerer):
    answer = answerer.ask(
        "What outputs sit under Colombia's humanitarian and peacebuilding outcome?"
    )
    assert "COL_D_1.2.1" in answer.answer and "COL_D_1.2.2" in answer.answer
    assert "COL_D_2.1" not in answer.answer


def test_how_much_bigger_after_another_edition_is_worked_out_across_both(answerer):
    answer = converse(
        answerer,
        "how much did the UN Trust Fund give Brazil in the 2021 report?",
        "and in the 2023 one? how much bigger is that",
    )
    assert "$872,430" in own_words(answer) and "$2,156,587" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The glossary reads "hogares encabezados por mujeres", "dinero por trabajo".
        (
            "¿A cuántos hogares encabezados por mujeres llegaron los salarios de dinero por "
            "trabajo en Jordania?",
            "6,735",
        ),
        (
            "Combien d'appels la ligne d'assistance nationale du Timor-Leste a-t-elle reçus ?",
            "28,435",
        ),
        (
            "¿Cuál era el presupuesto planificado del resultado BRA_D_1.3 en el informe de 2021?",
            "$1.16 M",
        ),
    ],
)
def test_spanish_and_french_content_words_reach_the_english_notes(answerer, question, expected):
    assert expected in own_words(answerer.ask(question))


def test_a_word_the_lexicon_reads_itself_is_never_swapped_by_the_glossary():
    from app.resolve import _glossary

    spanish = {pattern.pattern for pattern, _ in _glossary("es")}
    translated = {english for _, english in _glossary("es")}
    assert not any("productos" in p and "de" not in p for p in spanish)  # a level word
    assert not any(p.endswith("(?<![a-z])alcance(?![a-z])") for p in spanish)
    assert "households" in translated and "seed grants" in translated


def test_two_words_typed_as_one_are_read_apart(reading):
    q = reading(
        "How much of the planned bdgt for COL's humanitarian & peacebuilding outcome was never "
        "funded?"
    )
    assert ("peacebuilding", "peace building") in q.corrections and q.codes == ["COL_D_1.2"]


def test_a_noun_and_its_verb_are_one_word_to_search():
    from app.catalog import tokens

    assert tokens("the delivery rate")[0] == tokens("the office delivered")[1]


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # A follow-up's own words name another measure than the one carried over.
        (
            (
                "What's the 2025 target for women-led cooperatives reaching new markets under "
                "JOR_D_2.1.2?",
                "and what did they actually reach in 2023?",
            ),
            "reported result",
            "sets no 2023 target",
        ),
        # One record pointed at: its own line, never a sum of what lies below it.
        (
            ("planned budget for KEN_D_1.3?", "and its actual budget?"),
            "$2.33 M",
            "Total",
        ),
        (
            ("which Bangladesh EVAW output has the bigger planned budget?", "its actual budget?"),
            "$645.36 K",
            "Total",
        ),
        # "le plus" after the funders: the largest, whatever the French reads like.
        (("Who funds COL_D_1.2?", "et lequel a donné le plus ?"), "$103,700", "least"),
        (("Who funds COL_D_1.2?", "¿y cuál aportó más?"), "$103,700", "menos"),
        # The same indicator, as the other output prints it.
        (
            (
                "How many parties had gender quotas in 2023 under BRA_D_1.3.3?",
                "and the other output?",
            ),
            "BRA_D_1.3.2",
            "BRA_D_1.3.3",
        ),
    ],
)
def test_follow_ups_read_their_own_words_against_the_last_answer(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("turns", "given"),
    [
        # Which way one indicator's result went between the two years just given.
        (
            (
                "2023 result for SP 6.11.1 cooperatives with access to new markets, outcome level, "
                "Moldova?",
                "and in 2022?",
                "did it rise or fall?",
            ),
            "Down by 3",
        ),
        # The two figures just given, added, to their own precision.
        (
            ("Planned budget for TLS_D_1.1.1?", "and for TLS_D_1.1.2?", "what's that together?"),
            "$1,415.13 K",
        ),
        # The two figures a quoted sentence compares, their difference worked out.
        (
            (
                "What did the Jordan note say about dignity kits?",
                "how many more than the year before?",
            ),
            "732",
        ),
    ],
)
def test_an_operation_on_the_figures_just_given_is_worked_out(answerer, turns, given):
    answer = converse(answerer, *turns)
    assert given in own_words(answer) and "worked out" in answer.answer


def test_both_after_two_records_asks_each_ones_own_line(answerer):
    answer = converse(
        answerer,
        "Planned budget for BGD_D_2.1?",
        "and the econ empowerment one?",
        "actual budgets for both pls",
    )
    assert "$1.35 M" in answer.answer and "$501.76 K" in answer.answer


def test_each_after_a_list_asks_each_listed_records_line(answerer):
    answer = converse(
        answerer, "actual budgets of the BD econ empowerment outputs?", "and expenses for each?"
    )
    assert "$288.21 K" in answer.answer and "$77.43 K" in answer.answer
    assert "BGD_D_2.1." not in answer.answer  # the outputs listed, not every one in Bangladesh


def test_a_topic_after_a_briefing_asks_what_the_notes_say_of_it(answerer):
    answer = converse(
        answerer, "Brief me on Jordan's humanitarian outcome", "what about the dignity kits?"
    )
    assert "4,498 dignity kits" in answer.answer and "Budget:" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Of the 1,122 women and girls the Zaatari safe spaces served, how many were refugees?",
        "How many of the women elected in Bahia in 2021 were Afro-Brazilian?",
    ],
)
def test_a_part_of_a_group_no_sentence_tells_is_refused(answerer, question):
    answer = answerer.ask(question)
    assert "Not in the indexed reports" in answer.answer
    assert "1,122" not in own_words(answer) and "24" not in own_words(answer)


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        # A budget line is the tables' own; money a note says was mobilised is not that line.
        ("actual budgets of the BD economic empowerment outputs?", "$410.50 K", "36.6M"),
        # Two things asked, stated in the two halves of one sentence.
        (
            "TL organisational effectiveness outcome: agreements signed and other resources "
            "mobilised in 2022?",
            "26",
            "US$ 812,000,",
        ),
        # One word the question is about, which one sentence holds.
        ("What does the Timor-Leste note say about the helpline?", "28,435", "Not in the"),
        # "how many days quicker": a comparative asks the difference.
        ("BD: how many days quicker is it now from a report to a first hearing?", "68", "Not in"),
    ],
)
def test_figures_asked_are_read_from_the_right_part_of_the_text(
    answerer, question, given, not_given
):
    answer = answerer.ask(question)
    assert given in answer.answer and not_given not in own_words(answer)


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # The follow-up's own word ("sales") picks the sentence; the topic before is context.
        (
            (
                "What does the ECA office's note say about seed grants for Istanbul entrepreneurs?",
                "and how much did their sales rise?",
            ),
            "33 percent",
            "238",
        ),
        # A share of one partner's money in the non-core total, worked out.
        (
            ("Who funds RD_D_1.2?", "what share of the non-core is the EU's?"),
            "57%",
            "Not in",
        ),
        # What the note says, asked of the note: not the funding table's amount.
        (
            (
                "Who funds COL_D_3.2?",
                "the progress note mentions Australia as well - how much does it say came from "
                "them?",
            ),
            "US$ 840,470",
            "$277,876 in non-core",
        ),
        # "the year before" moved the year back: that year's note, not its look back.
        (
            (
                "How many seats do women hold in Bahia's councils according to Brazil's 2023 note?",
                "and the year before?",
            ),
            "25 out of 99",
            "(the earlier figure",
        ),
    ],
)
def test_what_a_follow_up_names_itself_decides_where_to_read(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in own_words(answer) and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # A money verb names no budget line: the note's mobilised sum answers.
        (
            "Under KEN_D_1.3, what sum did the office help mobilise through agreements with "
            "public and private partners?",
            "23.8M USD",
        ),
        # "how many of the sessions did UN Women back": the group itself is asked.
        (
            "How many of the formal sessions of Kenya's national dialogue did UN Women back with "
            "gender-parity delegations?",
            "7 out of 14",
        ),
        # "narrowest" ranks as "smallest".
        ("Among the MEX_D_2.1 outputs, which one has the narrowest funding gap?", "$69.98 K"),
    ],
)
def test_words_near_a_reading_do_not_take_it_over(answerer, question, given):
    assert given in own_words(answerer.ask(question))


def test_a_ranking_whose_direction_meaning_cannot_tell_is_asked_back(reading):
    from app.answering.intent_reading import _ask_direction

    q = reading("Who funds COL_D_1.2?")
    _ask_direction(q)
    assert q.ask_back == "The largest or the smallest?"
    assert [c.question for c in q.choices][0].endswith("the largest?")
    assert reading(q.choices[1].question).aggregate == "smallest"


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # One record's two figures from two answers, each by the measure it was asked for.
        (
            (
                "What did KEN_D_2.3.2 report in 2023 for parties with gender quotas?",
                "and its 2025 target?",
                "how far is 2023 from the target?",
            ),
            "is 129 more than 136",
            "114",
        ),
        (
            (
                "2023 result for SP 2.9.2 donors contributing other resources, ECA office?",
                "and 2022?",
                "so it dropped by how much?",
            ),
            "Down by 60",
            "Not in",
        ),
        # "split by partner" lays the answer out; it names no record about partnerships.
        (("How much non-core does ECA_D_1.1 have?", "split by partner"), "$483,117", "ECA_O_2"),
        # A pointer at the sentence just quoted: that sentence answers who.
        (
            (
                "What did the Kenya note say about credit lines for Nairobi entrepreneurs?",
                "and the seed grants?",
                "who financed those?",
            ),
            "European Union",
            "repayment",
        ),
    ],
)
def test_a_follow_up_works_on_what_the_last_answers_gave(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        # A reason asked of a named record's figures: the notes, never a ranking.
        (
            "Why did MEX_D_2.1's actual budget end up higher than its planned budget?",
            "Not in the indexed reports",
            "largest",
        ),
        ("Key messages on Moldova's RD_D_1.2 for a press note, please.", "Budget:", "Not in"),
        # A figure asked, and the years it is for: no collection answer.
        (
            "How much has Spotlight committed to Colombia, and for which years?",
            "5.7M USD",
            "indexed for",
        ),
        ("MD - Japan $ for the Cahul programme in 2023?", "US$ 795,000 (", "Not in"),
        (
            "Who gives the other-resources money for Colombia's rural women income outcome?",
            "$463,123",
            "US$ 257",
        ),
        # One partner, two outcomes: the difference between its two amounts.
        (
            "How much more did Norway give to Jordan's political participation outcome than to its "
            "humanitarian one?",
            "$34,600 more",
            "Not in",
        ),
        # No table holds a donor's yearly amounts: each year's note, and the change.
        (
            "Brazil 2023 edition: how much did Japan's contribution rise from 2022 to 2023?",
            "+USD 59,000",
            "21.3M USD, ",
        ),
        ("How many outcomes does the Jordan report cover?", "3 outcomes", "Not in"),
        # A figure counting another thing ("two partner banks") is no count of credit lines.
        ("How many credit lines did the guarantee facility open in Nairobi?", "Not in", "two ("),
    ],
)
def test_what_is_asked_is_what_is_answered(answerer, question, given, not_given):
    answer = answerer.ask(question)
    assert given in answer.answer and not_given not in answer.answer


def test_a_one_letter_slip_from_one_partners_short_name_is_read_as_it(answerer):
    answer = answerer.ask("KOIKA funding in Jordan: which outcomes and how much in total?")
    assert "“KOIKA” read as “KOICA”" in answer.answer
    assert "$624,899" in answer.answer and "$621,481" in answer.answer


def test_a_row_asked_after_an_indicators_row_is_that_indicators(answerer):
    answer = converse(
        answerer,
        "Target for police & health workers trained under TL's EVAW outcome?",
        "2022 result?",
        "how far below the milestone is that?",
    )
    assert "81 short of the milestone" in answer.answer


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        # A note's count of people trained is no target.
        ("Target for police & health workers trained under TL's EVAW outcome?", "655", "996"),
        # "UN Women" says nothing of who was counted.
        (
            "Of the police officers and health workers trained in Colombia in 2023, how many were "
            "women?",
            "Not in the indexed reports",
            "1,194 (",
        ),
        # A year's line is no quarter's figure.
        (
            "Can I get the quarterly breakdown of expenses for BGD_D_2.1.2?",
            "not by quarter or month",
            "$512.64 K",
        ),
    ],
)
def test_a_figure_of_another_kind_is_never_given_for_the_one_asked(
    answerer, question, given, not_given
):
    answer = answerer.ask(question)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # The target of one year less the result reported in another.
        (
            "jordan: how many more humanitarian response plans with gender analysis are still "
            "needed after 2023 to hit the 2025 target?",
            "298 still to go",
        ),
        (
            "¿Cuánto le falta a Colombia para llegar a la meta 2025 de sobrevivientes de violencia "
            "que acceden a servicios esenciales (nivel efecto), según el resultado 2023?",
            "512 still to go",
        ),
        # One indicator's reported result in two years.
        (
            "How many more women-led cooperatives got access to new markets in 2023 than in 2022 "
            "under BGD_D_1.3.1?",
            "up by 72",
        ),
    ],
)
def test_two_years_of_one_indicator_are_worked_out_from_its_rows(answerer, question, given):
    assert given in answerer.ask(question).answer


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # No word ranks anything: the funders of the record, not the largest of something.
        (
            ("BD EVAW outcome - planned vs actual bdgt?", "who's the non-core donor on it?"),
            "Government of Australia $1,277,931",
            "shortfall",
        ),
        # The sentence holding most of what the follow-up says itself.
        (
            (
                "How many women and girls did the Cauca safe spaces serve in 2023?",
                "And the cash-for-work wages - how many households did they reach?",
            ),
            "8,148",
            "3,552 (",
        ),
    ],
)
def test_a_follow_up_asks_what_its_own_words_say(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        ("what is MEX_D_2.1.3 about?", "care strategy at the national and local level", "$"),
        (
            "What's the Zaatari crisis-affected areas output in Jordan about?",
            "Output JOR_D_1.3.1 (Jordan): Women and girls in crisis-affected areas",
            "impact",
        ),
    ],
)
def test_what_a_record_is_about_is_its_own_statement(answerer, question, given, not_given):
    answer = answerer.ask(question)
    assert given in answer.answer and not_given not in answer.answer


def test_a_briefing_on_an_output_is_that_outputs_card(answerer):
    answer = converse(
        answerer,
        "What's the Zaatari crisis-affected areas output in Jordan about?",
        "give me a briefing paragraph on it with the key numbers",
    )
    assert answer.answer.startswith("Reading this as") and "Output JOR_D_1.3.1 of" in answer.answer
    assert "planned $1.48 M, actual $1.37 M" in answer.answer
    assert "JOR_D_1.3.2" not in answer.answer  # the other output's lines are not its own


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # "its outputs" after an outcome: the outputs under it, ranked.
        (
            (
                "Bangladesh EVAW outcome planned vs actual budget pls",
                "ok and which of its outputs has the bigger funding gap?",
            ),
            "$949.08 K",
            "has the largest gap between planned and actual budget under",
        ),
        # The same indicator, printed under another SP label by the other output.
        (
            (
                "staff trained on results-based mgmt in Europe & Central Asia, ECA_O_2.1, 2023?",
                "and under the other output?",
            ),
            "reported result: 287",
            "ECA_O_2.1)",
        ),
        # "the other two outputs": all of them, beside the last one.
        (
            ("JOR_D_2.1.1 shortfall?", "compare w/ the other two outputs under that outcome"),
            "$114.37 K",
            "Which other output",
        ),
        # The increase between the two figures of the sentence just quoted.
        (
            (
                "Jordan, seats held by women in the Zaatari councils after the 2023 elections",
                "whats the increase",
            ),
            "an increase of 35",
            "Not in",
        ),
        # Another donor named in French: its figure in the same sentence.
        (
            (
                "How much did Norway give for the one-stop centres in Bangladesh?",
                "Et l'Initiative Spotlight, elle s'est engagée à hauteur de combien ?",
            ),
            "2.8M USD",
            "an increase",
        ),
    ],
)
def test_a_follow_up_on_the_records_and_sentences_just_given(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        (
            "Moldova, Cahul rural women producers output: how much did spending overshoot the "
            "actual budget?",
            "$16.18 K",
        ),
        (
            "by how much did the average monthly income of cooperative members go up in Moldova "
            "(in US$)?",
            "US$ 140",
        ),
        (
            "Koreans in Jordan: which outcome gets more from them, the humanitarian one or the "
            "economic empowerment one?",
            "$621,481",
        ),
    ],
)
def test_derived_and_sourced_figures_are_worked_out_or_read_where_asked(answerer, question, given):
    assert given in own_words(answerer.ask(question))


def test_a_part_of_a_group_a_note_counts_is_never_a_table_row(answerer):
    answer = answerer.ask(
        "Of the 996 people UN Women trained in Timor-Leste, how many were police officers and "
        "how many health workers?"
    )
    assert "Not in the indexed reports" in answer.answer and "157" not in answer.answer


@pytest.mark.parametrize(
    ("question", "given", "not_given"),
    [
        # What is counted picks the indicator, not the words describing where it sits.
        (
            "In Jordan, under the output on humanitarian coordination integrating gender "
            "analysis, by how much did the number of women mediators fall below the 2023 "
            "milestone?",
            "161 short of the milestone",
            "response plans",
        ),
        (
            "BD GBV services output (Dhaka/Cox's Bazar): # police & health wkrs trained in 2023 - "
            "milestone met or not?",
            "police officers and health workers",
            "community members",
        ),
        # A two-letter code typed in lower case, and "CO" beside it the country office.
        (
            "mx CO, the WEE evidence/knowledge output (2.1.1): what's the shortfall?",
            "$2.27 M",
            "COL_D",
        ),
        # A region named in Spanish.
        (
            "¿Cuál es la meta para 2025 de mujeres capacitadas en habilidades digitales y "
            "financieras en el producto de productoras rurales de los Balcanes Occidentales?",
            "810",
            "BGD_D",
        ),
        # Splits the tables never print.
        (
            "How was the EU contribution to Colombia's humanitarian / peacebuilding outcome split "
            "between Cauca and Bogotá?",
            "not split between places",
            "$103,700",
        ),
        (
            "Can you break down the $3.07M planned budget of MEX_D_2.1.1 by donor?",
            "not broken down by donor",
            "$203,202",
        ),
    ],
)
def test_the_record_place_and_split_asked_are_the_ones_answered(
    answerer, question, given, not_given
):
    answer = answerer.ask(question)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("turns", "given", "not_given"),
    [
        # A figure the question names that neither answer gave: not their difference.
        (
            (
                "In Bangladesh, the output about the labour ministry and domestic workers' "
                "inspection — planned budget?",
                "expenses?",
                "and how much less than planned did they actually get",
            ),
            "shortfall $64.45 K",
            "worked out from the figures of the last two answers",
        ),
        # Two things a note counts in one year are not one thing to compare.
        (
            (
                "How many survivors accessed one-stop centre services in Bangladesh in 2023?",
                "and protection orders?",
                "how many more is that than the year before",
            ),
            "an increase of 234",
            "Down by",
        ),
        # A sum adds one kind of figure of two records, never a plan and a spend.
        (
            (
                "TLS_D_1.1.1 planned vs actual",
                "expenses?",
                "combined expenses of both outputs under that EVAW outcome?",
            ),
            "$866,250",
            "come to",
        ),
        # A part of an output's budget from a donor: the tables list donors per outcome.
        (
            ("JOR_D_1.3.2 actual budget?", "how much of that came from Norway?"),
            "not broken down by donor",
            "$1,093,621",
        ),
        # A donor alone is asked of the place the conversation is in.
        (
            (
                "give me a short briefing on Jordan's women's political participation outcome",
                "how much did the swedes give?",
            ),
            "USD 167,000",
            "Colombia",
        ),
        # The donor named now, not the one before; its pledge for later years still counts.
        (
            (
                "Give me the headline numbers from Bangladesh's 2023 note on ending violence "
                "against women.",
                "how much did Norway give?",
                "and what did the Spotlight Initiative commit?",
            ),
            "2.8M USD",
            "US$ 99,570 (",
        ),
    ],
)
def test_the_last_answers_are_used_only_for_what_they_can_answer(answerer, turns, given, not_given):
    answer = converse(answerer, *turns)
    assert given in answer.answer and not_given not in answer.answer


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # Two acronyms joined by a slash, each read.
        ("Jordan WPS/HA outcome: how much more did Norway contribute than KOICA?", "$468,722 more"),
        ("is the colombia WPS/HA outcome flagged as humanitarian scope?", "COL_D_1.2): Yes"),
        # "above planned … by how much": the gap worked out.
        (
            "ECA regional office, rural women income outcome: actual came in above planned - by "
            "how much?",
            "exceeded the planned one by $0.36 M",
        ),
        # A slip for a people's name, read as it and said so.
        ("how much did the Norweigan govt give to JOR_D_1.3?", "“Norweigan” read as “Norwegian”"),
    ],
)
def test_abbreviations_slips_and_comparisons_are_read(answerer, question, given):
    assert given in answerer.ask(question).answer


def test_the_outputs_under_that_outcome_after_an_output_are_its_siblings(answerer):
    answer = converse(
        answerer,
        "jordan, shortfall on JOR_D_2.1.1?",
        "and across all 3 outputs under that outcome, total?",
    )
    assert "$783,570" in answer.answer
