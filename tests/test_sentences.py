"""Every sentence of a report as evidence: split, cited to its own page, with its figures."""

from __future__ import annotations

import pytest

from indexing.parse import parse_pages
from indexing.pdftext import read_pdf
from indexing.samples import SEED_FILE, fictional_file
from indexing.sentences import report_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("It rose to 1.5 million. Then it fell.", ["It rose to 1.5 million.", "Then it fell."]),
        (
            "Partners (e.g. ILO and FAO) joined. More came.",
            ["Partners (e.g. ILO and FAO) joined.", "More came."],
        ),
        ("See No. 5 of the plan. It held.", ["See No. 5 of the plan.", "It held."]),
        ("Led by J. Smith in Mexico. Done.", ["Led by J. Smith in Mexico.", "Done."]),
        ("In 2023. 561 women obtained orders.", ["In 2023.", "561 women obtained orders."]),
        (
            "The #EsLoJusto campaign ran. “It worked,” she said.",
            ["The #EsLoJusto campaign ran.", "“It worked,” she said."],
        ),
        (
            "a budget of USD 1 ,482,310.50, and 64%. Next.",
            ["a budget of USD 1 ,482,310.50, and 64%.", "Next."],
        ),
    ],
)
def test_split_sentences(text, sentences):
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def _pages(sample_dir, name):
    pdf = read_pdf(sample_dir / name)
    return parse_pages(name, pdf.pages), [" ".join(p.split()) for p in pdf.pages]


@pytest.mark.parametrize("name", [SEED_FILE] + [fictional_file(i) for i in range(4)])
def test_each_note_sentence_and_figure_is_cited_to_the_page_that_prints_it(sample_dir, name):
    report, pages = _pages(sample_dir, name)
    notes = [s for s in report_sentences(report) if s.source == "note"]
    assert notes
    for sentence in notes:
        opening = " ".join(sentence.text.split()[:4])
        assert opening in pages[sentence.page - 1], (sentence.page, opening)
        for figure in sentence.figures:
            # The print itself, on the page the figure is cited to (line breaks aside).
            assert figure.text.split()[-1] in pages[figure.page - 1], (figure.text, figure.page)
            assert sentence.text[figure.start : figure.end] == figure.text


def test_a_sentence_over_a_page_break_keeps_both_pages(sample_dir):
    spanning = []
    for index in range(4):
        report, _ = _pages(sample_dir, fictional_file(index))
        spanning += [s for s in report_sentences(report) if len(s.pages) == 2]
    assert spanning, "the samples should have a note sentence running over a page break"
    for sentence in spanning:
        assert sentence.page == sentence.pages[0] and sentence.pages[1] == sentence.page + 1


def test_a_note_sentence_over_a_page_break_is_never_also_page_text_in_halves(sample_dir):
    halves = 0
    for index in range(4):
        report, _ = _pages(sample_dir, fictional_file(index))
        sentences = report_sentences(report)
        spanning = [s.text for s in sentences if s.source == "note" and len(s.pages) == 2]
        for sentence in (s for s in sentences if s.source == "page"):
            halves += any(sentence.text in note for note in spanning)
    assert halves == 0


def test_sample_notes_state_figures_in_the_prints_the_portal_uses(sample_dir):
    kinds, prints = set(), []
    for index in range(4):
        report, _ = _pages(sample_dir, fictional_file(index))
        for sentence in report_sentences(report):
            kinds |= {f.kind for f in sentence.figures}
            prints += [f.text for f in sentence.figures]
    assert {"money", "foreign", "percent", "count", "ratio"} <= kinds
    assert any(" ," in p for p in prints)  # USD 1 ,482,310.50
    assert any(p.endswith("M USD") for p in prints)
    assert any(p.endswith(" mil") for p in prints)
    assert any("," in p and p.endswith("%") for p in prints)  # a decimal comma
    assert any(p.endswith("percent") for p in prints)


def test_page_text_of_another_layout_is_split_too():
    from indexing.records import Report

    report = Report(
        file="minutes.pdf",
        pages=[
            "Minutes of the retreat.\n\nThe team raised USD 45,000 for the shelter. It met twice."
        ],
    )
    sentences = report_sentences(report)
    # "It met twice." is too short to be evidence on its own.
    assert [s.text for s in sentences] == [
        "Minutes of the retreat.",
        "The team raised USD 45,000 for the shelter.",
    ]
    assert [(f.text, f.kind) for f in sentences[1].figures] == [("USD 45,000", "money")]
    assert {(s.source, s.page) for s in sentences} == {("page", 1)}
