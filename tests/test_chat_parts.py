"""The pieces the chat shows, built from real answers: page images, charts, briefings,
example questions."""

from __future__ import annotations

import io

import pytest

from app.answering import Answerer, Scope
from app.briefing import Briefing
from app.charts import chart_for
from app.documents import edition_groups, edition_label
from app.examples import example_questions
from app.pages import quote_fragments, render_page
from app.uploads import index_uploads
from indexing.samples import SEED_FILE, build_samples, fictional_file
from indexing.store import open_store


def test_cited_page_renders_with_the_quote_marked(answerer, sample_dir):
    from PIL import Image

    answer = answerer.ask("How many women were reached with labour-rights information in 2021?")
    citation = answer.citations[0]
    png, marked = render_page(sample_dir / citation.file, citation.page, citation.quote)
    assert marked
    image = Image.open(io.BytesIO(png))
    assert image.size[0] > 800
    # The highlight is drawn in amber: some pixels must be that colour.
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert any(r > 200 and 100 < g < 140 and b < 30 for _, (r, g, b) in colours)


def test_a_stated_figure_is_marked_inside_its_quote_on_the_page(answerer, sample_dir):
    from PIL import Image

    answer = answerer.ask(
        "How many women obtained protection orders in Bangladesh in the same period the year "
        "before?"
    )
    citation = answer.citations[0]
    assert citation.highlight and citation.highlight in citation.quote

    def figure_pixels(png: bytes) -> int:
        colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1_000_000)
        return sum(n for n, (r, g, b) in colours if r > 180 and g < 70 and b < 30)

    path = sample_dir / citation.file
    marked_png, marked = render_page(path, citation.page, citation.quote, citation.highlight)
    plain_png, _ = render_page(path, citation.page, citation.quote)
    assert marked and figure_pixels(marked_png) > 0 and figure_pixels(plain_png) == 0


def test_a_quote_is_shown_as_itself_with_its_figure_marked():
    from app.display import quote_markdown, shown

    markdown = quote_markdown("Costs were $2.27 M and $3.07 M (see *note*: [1]).", "$3.07 M")
    assert ":orange-background[**\\$3.07 M**]" in markdown
    assert "\\$2.27 M" in markdown and "\\*note\\*" in markdown  # no LaTeX, no emphasis
    assert shown(markdown.replace(":orange-background[**", "").replace("**]", "")) == (
        "> Costs were $2.27 M and $3.07 M (see *note*: [1])."
    )


def test_quote_that_is_not_on_the_page_is_not_marked(sample_dir):
    _, marked = render_page(sample_dir / SEED_FILE, 1, "Shortfall: $9.99 M")
    assert not marked


def test_quote_fragments_try_the_table_row_first():
    fragments = quote_fragments("Number of women with improved access … 2021 (Milestone) 100 59")
    assert fragments[0] == "2021 (Milestone) 100 59"


def test_budget_answer_charts_the_outcomes_outputs(answerer):
    answer = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    chart = chart_for(answer, answerer.catalog())
    assert chart.kind == "budget"
    assert chart.source.startswith(SEED_FILE)
    values = {(r["output"], r["measure"]): r["amount"] for r in chart.rows}
    assert values[("MEX_D_2.1.1", "planned")] == 3_070_000
    assert values[("MEX_D_2.1.3", "expenses")] == 600_360
    assert len(values) == 9
    spec = chart.altair().to_dict()
    assert spec["mark"]["type"] == "bar"
    assert "Source: mexico_seed_pages.pdf" in spec["title"]["subtitle"]


def test_indicator_answer_charts_milestones_against_results(answerer):
    answer = answerer.ask("How many women were reached with labour-rights information in 2021?")
    chart = chart_for(answer, answerer.catalog())
    assert chart.kind == "indicator"
    points = {(r["year"], r["series"]): r["value"] for r in chart.rows}
    assert points[(2021, "milestone / target")] == 100
    assert points[(2021, "reported result")] == 59
    assert points[(2025, "milestone / target")] == 320
    assert (2022, "reported result") not in points  # "-" is not a zero


def test_answers_without_figures_get_no_chart(answerer):
    answer = answerer.ask("Who are the UN partners on the Mexico outcome?")
    assert chart_for(answer, answerer.catalog()) is None


def test_scope_applies_where_the_question_names_nothing(answerer):
    question = "Which output has the largest shortfall?"
    everywhere = answerer.ask(question)
    in_kenya = answerer.ask(question, Scope(iso3s=["KEN"]))
    assert "MEX_D_2.1.1" in everywhere.answer
    assert "KEN_D_" in in_kenya.answer and "MEX_" not in in_kenya.answer


def test_briefing_exports_figures_and_citations(answerer):
    from docx import Document

    briefing = Briefing()
    first = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    second = answerer.ask("Who are the UN partners on the Mexico outcome?")
    briefing.add(first)
    briefing.add(second)
    briefing.add(first)  # twice is once
    briefing.move(1, -1)
    assert [i.question for i in briefing.items] == [second.question, first.question]
    markdown = briefing.to_markdown()
    assert "## 2. What was the shortfall on output MEX_D_2.1.1?" in markdown
    assert "| shortfall | MEX_D_2.1.1 | 2022 | $2.27 M | mexico_seed_pages.pdf, p. 5 |" in markdown
    assert (
        "mexico_seed_pages.pdf, page 5 — Output MEX_D_2.1.1 budget: “Shortfall: $2.27 M”"
        in markdown
    )
    document = Document(io.BytesIO(briefing.to_docx()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "$2.27 M" in cells and "mexico_seed_pages.pdf, p. 5" in cells
    assert "“Shortfall: $2.27 M”" in text
    briefing.remove(0)
    assert [i.question for i in briefing.items] == [first.question]


def test_example_questions_are_answered_from_what_is_indexed(answerer):
    questions = example_questions(answerer.catalog())
    assert len(questions) == 5
    for question in questions:
        answer = answerer.ask(question)
        assert answer.found, (question, answer.answer)
        assert answer.citations


def test_questions_are_answered_while_an_upload_is_indexed(
    indexed_store, embedder, tmp_path, sample_dir
):
    """The chat's situation: sessions ask while another session's upload is indexed."""
    import shutil
    import threading

    store_path = tmp_path / "store"
    shutil.copytree(indexed_store, store_path)
    answerer = Answerer(open_store(store_path), embedder=embedder)
    extra = tmp_path / "extra"
    build_samples(extra, count=6, include_seed=False)
    uploads = [(fictional_file(i), (extra / fictional_file(i)).read_bytes()) for i in (4, 5)]
    results = []
    writer = threading.Thread(
        target=lambda: results.extend(
            index_uploads(uploads, answerer.store, folder=tmp_path / "uploads")
        )
    )
    answers = []

    def ask_repeatedly():
        for _ in range(5):
            answers.append(answerer.ask("What was the shortfall on output MEX_D_2.1.1?"))

    readers = [threading.Thread(target=ask_repeatedly) for _ in range(3)]
    writer.start()
    for reader in readers:
        reader.start()
    for thread in [writer, *readers]:
        thread.join(timeout=600)
    assert [r.status for r in results] == ["indexed", "indexed"]
    assert len(answers) == 15
    assert all("shortfall $2.27 M" in a.answer and a.citations[0].page == 5 for a in answers)
    assert answerer.store.status()["documents"] == 7


def doc(file: str, **metadata) -> dict:
    return {"file": file, **metadata}


KENYA = {"office": "Kenya", "office_code": "KEN", "plan_period": "2022-2025"}
ECA = {"office": "Europe and Central Asia Regional Office", "office_code": "ECA"}


@pytest.mark.parametrize(
    ("files", "groups"),
    [
        pytest.param(
            [
                doc("ken21.pdf", **KENYA, data_years="2021"),
                doc("ken23.pdf", **KENYA, data_years="2023"),
            ],
            [("Kenya · plan 2022-2025 · editions: 2021, 2023", ["ken21.pdf", "ken23.pdf"])],
            id="one office and plan, two data years",
        ),
        pytest.param(
            [doc("b.pdf", **KENYA, data_years="2023"), doc("a.pdf", **KENYA, data_years="2021")],
            [("Kenya · plan 2022-2025 · editions: 2021, 2023", ["a.pdf", "b.pdf"])],
            id="oldest edition first whatever the order given",
        ),
        pytest.param(
            [
                doc("eca.pdf", **ECA, plan_period="2022-2025", data_years="2021,2022"),
                doc("eca23.pdf", **ECA, plan_period="2022-2025", data_years="2023"),
            ],
            [
                (
                    "Europe and Central Asia Regional Office · plan 2022-2025 · "
                    "editions: 2022, 2023",
                    ["eca.pdf", "eca23.pdf"],
                )
            ],
            id="a regional office, one edition covering two years",
        ),
        pytest.param(
            [
                doc("old.pdf", **{**KENYA, "plan_period": "2018-2021"}, data_years="2021"),
                doc("new.pdf", **KENYA, data_years="2023"),
            ],
            [],
            id="different plan periods are different documents",
        ),
        pytest.param(
            [doc("a.pdf", **KENYA, data_years="2023"), doc("b.pdf", **KENYA, data_years="2023")],
            [],
            id="same data years are copies, not editions",
        ),
        pytest.param(
            [
                doc("a.pdf", **KENYA, data_years="2021"),
                doc("b.pdf", **KENYA, data_years="2023"),
                doc("c.pdf", **KENYA, data_years="2023"),
            ],
            [("Kenya · plan 2022-2025 · editions: 2021, 2023", ["a.pdf", "b.pdf", "c.pdf"])],
            id="a copy of one edition stands in its group",
        ),
        pytest.param(
            [
                doc("ken.pdf", **KENYA, data_years="2021"),
                doc(
                    "col.pdf",
                    office="Colombia",
                    office_code="COL",
                    plan_period="2022-2025",
                    data_years="2023",
                ),
            ],
            [],
            id="different offices",
        ),
        pytest.param(
            [
                doc("a.pdf", office="Kenya", office_code="KEN", plan_period="", data_years="2021"),
                doc("b.pdf", office="Kenya", office_code="KEN", plan_period="", data_years="2023"),
            ],
            [("Kenya · editions: 2021, 2023", ["a.pdf", "b.pdf"])],
            id="no plan period stated on either",
        ),
        pytest.param(
            [
                doc("a.pdf", iso3="KEN", country="Kenya", data_year=2021),
                doc("b.pdf", iso3="KEN", country="Kenya", data_year=2023),
            ],
            [("Kenya · editions: 2021, 2023", ["a.pdf", "b.pdf"])],
            id="an index written before the office fields: country and data year",
        ),
        pytest.param(
            [
                doc("a.pdf", **KENYA, data_years="", data_year=2021),
                doc("b.pdf", **KENYA, data_years="2023", data_year=2023),
            ],
            [("Kenya · plan 2022-2025 · editions: 2021, 2023", ["a.pdf", "b.pdf"])],
            id="empty data years fall back to the data year",
        ),
        pytest.param(
            [
                doc("a.pdf", iso3="", country="", data_year=2021),
                doc("b.pdf", iso3="", country="", data_year=2023),
            ],
            [],
            id="no office known",
        ),
        pytest.param(
            [
                doc("a.pdf", iso3="KEN", country="Kenya", data_year=0),
                doc("b.pdf", iso3="KEN", country="Kenya", data_year=2023),
            ],
            [],
            id="no data year known",
        ),
        pytest.param(
            [
                doc("a.pdf", office="Kenya", office_code="KEN", iso3="XXX", data_years="2021"),
                doc("b.pdf", office="Kenya", office_code="KEN", iso3="YYY", data_years="2023"),
            ],
            [("Kenya · editions: 2021, 2023", ["a.pdf", "b.pdf"])],
            id="the office code wins over the country",
        ),
        pytest.param([], [], id="nothing indexed"),
    ],
)
def test_documents_of_one_office_and_plan_with_different_data_years_are_editions(files, groups):
    found = edition_groups(files)
    assert [(g.heading, [d["file"] for d in g.files]) for g in found] == groups


def test_an_edition_is_named_by_the_latest_year_it_shows():
    assert edition_label({"data_years": "2023,2021"}) == "2023"
    assert edition_label({"data_years": "2022,2023", "data_year": 2023}) == "2023"
    assert edition_label({"data_year": 2022}) == "2022"
    assert edition_label({"data_year": 0}) == ""
