"""Answers from everything the reports say: figures stated in progress notes, passages that
answer, and no refusal before the text has been searched (on the real sample corpus)."""

from __future__ import annotations

import re

import pytest

from app.answering import Answerer
from eval.score import has_figure
from indexing.samples import SEED_FILE, fictional_file, fictional_report
from indexing.store import open_store


def note_says(index: int, pattern: str) -> str:
    """A figure as the generator printed it in report ``index``'s progress notes: what the
    answer must give, found here by its own words rather than by the code under test."""
    notes = " ".join(n.text for n in fictional_report(index)[0].narratives)
    match = re.search(pattern, notes)
    assert match, pattern
    return match.group(1)


KENYA, COLOMBIA, BANGLADESH, JORDAN = 0, 1, 2, 3


@pytest.mark.parametrize(
    ("question", "index", "pattern"),
    [
        ("What was the Kenya office's delivery rate in 2023?", KENYA, r"delivery rate was (\d+%)"),
        (
            "Kenya: what was the delivery rate the year before?",
            KENYA,
            r"delivery rate was \d+%, compared to (\d+%)",
        ),
        (
            "How much money did the Colombia CO manage in 2023?",
            COLOMBIA,
            r"managed a budget of (USD [\d ,.]+\d)",
        ),
        (
            "How many women obtained protection orders in Bangladesh in the first half of 2023?",
            BANGLADESH,
            r"(\d+) women obtained protection orders",
        ),
        (
            "What share of the side events in Kenya were led by young women?",
            KENYA,
            r"and (\d+,\d%) of the side events",
        ),
        (
            "How big was the audience of Kenya's media campaign on political participation?",
            KENYA,
            r"audience of (\d+ mil) people",
        ),
        (
            "How much did the Austrian Development Agency contribute in Jordan?",
            JORDAN,
            r"contributed (EUR [\d,]+)",
        ),
    ],
)
def test_a_figure_stated_only_in_a_note_is_answered_from_the_note(
    answerer, page_text, question, index, pattern
):
    printed = note_says(index, pattern)
    answer = answerer.ask(question)
    assert answer.found, answer.answer
    fact = answer.facts[0]
    assert (fact.display, fact.source) == (printed, "note")
    assert "stated in the progress note" in answer.answer and "not a table figure" in answer.answer
    citation = answer.citations[0]
    assert (citation.file, citation.highlight) == (fictional_file(index), printed)
    # The quote is the note's sentence verbatim, on the page cited, with the figure in it.
    assert printed in citation.quote
    assert citation.quote[:60] in page_text(citation.file, citation.page)


def test_figures_from_several_offices_stand_side_by_side_never_added(answerer):
    answer = answerer.ask("How many women obtained protection orders in the first six months?")
    countries = {fact.subject for fact in answer.facts}
    assert len(answer.facts) >= 2 and len(countries) == len(answer.facts)
    assert all(fact.source == "note" for fact in answer.facts)
    assert "Together" not in answer.answer and "total" not in answer.answer.lower()


def test_a_table_figure_still_answers_where_the_table_holds_it(answerer):
    answer = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    assert answer.facts[0].source == "table" and "$2.27 M" in answer.answer
    assert "stated in the progress note" not in answer.answer


def test_a_code_named_question_about_what_only_the_note_says_is_answered_from_the_note(
    answerer,
):
    printed = note_says(KENYA, r"helped mobilize ([\d.]+M USD)")
    answer = answerer.ask(
        "KEN_D_1.3: how much money did the office help raise from public and private partners "
        "for the economic empowerment portfolio?"
    )
    assert answer.facts[0].display == printed and answer.facts[0].source == "note"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Which campaign informed domestic workers about labour rights and social security?",
            "#EsLoJusto",
        ),
        ("Who did UN Women work with on the #EsLoJusto campaign?", "RCO, ILO and FAO"),
        ("What law was proposed for the national care strategy?", "National Care System"),
    ],
)
def test_the_seed_note_answers_what_no_table_holds(answerer, question, expected):
    answer = answerer.ask(question)
    assert answer.found and expected in answer.answer, answer.answer
    assert (answer.citations[0].file, answer.citations[0].page) == (SEED_FILE, 11)
    assert answer.citations[0].section == "Outcome MEX_D_2.1 progress note"
    assert "UNAIDS" not in answer.answer  # not the outcome's UN partners field


def test_a_passage_answer_quotes_the_sentence_that_answers_not_the_opening(answerer):
    answer = answerer.ask("Who did UN Women work with on the #EsLoJusto campaign?")
    assert "This outcome has achieved substantial progress" not in answer.answer


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # Table routes find nothing, the text is searched, and nothing states it.
        ("How much did the Iztapalapa childcare pilot cost?", "no table figure or sentence"),
        ("How many dignity kits were handed out in Kenya?", "no table figure or sentence"),
        ("What fund did the county assembly approve for women farmers in Kenya?", "no passage"),
        # The reason that really applies.
        ("How many women were reached in Peru?", "no report for Peru is indexed"),
        ("What was the shortfall on output MEX_D_2.1.9?", "no outcome or output MEX_D_2.1.9"),
    ],
)
def test_a_refusal_comes_after_the_text_was_searched_with_the_reason_that_applies(
    answerer, question, reason
):
    answer = answerer.ask(question)
    assert not answer.found and reason in answer.answer, answer.answer
    assert "funding partner" not in answer.answer
    assert not has_figure(answer.answer)  # a refusal names near misses, never a figure


def test_a_summary_request_gives_a_briefing_card_with_every_line_cited(answerer, page_text):
    answer = answerer.ask("Give me a summary of Mexico's progress on care for a donor briefing")
    assert answer.found and "funding partner" not in answer.answer.split(":")[0]
    text = answer.answer
    # Said back first when the outcome was found by its topic ("care").
    card = text.split("\n", 1)[1] if text.startswith("Reading this as") else text
    assert card.startswith("Mexico's economic empowerment outcome (MEX_D_2.1)")
    for line in (
        "- Budget: planned $166.39 K; actual $218.16 K",
        "- Funding partners: core UN Women $14,958",
    ):
        assert line in text
    assert "- Milestones in " in text and "National Care System" in text
    # Every figure of the card is a fact cited to a page that prints it.
    for fact in answer.facts:
        if fact.unit == "USD":
            assert fact.display in page_text(fact.file, fact.page), fact


def test_a_pdf_of_another_layout_answers_from_its_sentences(tmp_path, embedder):
    from fpdf import FPDF

    from indexing.pipeline import index_paths

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines = [
        "Annual review of the Lakeside shelter programme.",
        "",
        "The Lakeside shelter served 1,250 women in 2023, compared to 980 in 2022.",
        "Its hotline answered 7,400 calls, and 62% of callers were referred to legal aid.",
    ]
    for number, line in enumerate(lines):
        pdf.text(20, 20 + 8 * number, line)
    path = tmp_path / "review.pdf"
    pdf.output(str(path))
    store = open_store(tmp_path / "store")
    index_paths([path], store, embedder=embedder)
    answerer = Answerer(store, embedder=embedder)
    answer = answerer.ask("How many women did the Lakeside shelter serve?")
    assert answer.facts[0].display == "1,250" and answer.facts[0].source == "page"
    assert "stated in the text of review.pdf, page 1" in answer.answer
    earlier = answerer.ask("How many women did the Lakeside shelter serve the year before?")
    assert earlier.facts[0].display == "980"
    share = answerer.ask("What share of hotline callers were referred to legal aid?")
    assert share.facts[0].display == "62%"


@pytest.fixture(scope="module")
def every_layout(eval_store, embedder):
    """An answerer over the corpus `make eval` builds (the samples and the other layouts)."""
    return Answerer(open_store(eval_store), embedder=embedder)


@pytest.mark.parametrize(
    "question",
    [
        # Norway funds nothing in the ECA report; its note states other donors' figures and
        # counts about the same outcome, none of which is Norway's.
        "How much did Norway give to the Europe and Central Asia office's economic "
        "empowerment work?",
        "What did the Government of Norway provide for women's economic empowerment in "
        "Europe and Central Asia?",
    ],
)
def test_a_donor_the_sentence_does_not_name_is_not_given_its_figure(every_layout, question):
    answer = every_layout.ask(question)
    assert answer.answer.startswith("Not in the indexed reports"), answer.answer
    assert "Norway" in answer.answer


def test_a_donor_the_sentence_names_is_given_its_figure(every_layout):
    answer = every_layout.ask(
        "How much did Norway provide to Bangladesh to open two additional one-stop centres?"
    )
    # The figure first, then what it is, whose and when, in the answer's own words.
    assert answer.answer.startswith(
        "US$ 99,570 (funding mobilised, Government of Norway; 2023): stated in the progress note"
    )
    assert "Government of Norway" in answer.citations[0].quote
