"""The pieces the chat shows, built from real answers: page images, charts, briefings,
example questions."""

from __future__ import annotations

import io
import os
import re

import pytest
from docx.shared import Inches

from app.answering import Answerer, Scope
from app.briefing import Briefing
from app.charts import chart_for
from app.documents import edition_groups, edition_label
from app.examples import example_questions
from app.pages import MAX_PIXELS, MAX_WIDTH, MIN_DPI, quote_fragments, render_page
from app.uploads import index_uploads
from indexing.samples import SEED_FILE, build_samples, fictional_file
from indexing.store import open_store
from tests.hostile import FONT, raw_pdf


def amber_pixels(png: bytes) -> int:
    """Pixels of the quote's outline (amber)."""
    from PIL import Image

    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=10_000_000)
    return sum(n for n, (r, g, b) in colours if r > 200 and 100 < g < 140 and b < 30)


def figure_pixels(png: bytes) -> int:
    """Pixels of the stated figure's outline (red)."""
    from PIL import Image

    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=10_000_000)
    return sum(n for n, (r, g, b) in colours if r > 180 and g < 70 and b < 30)


def test_a_citation_shows_a_crop_around_its_quote_sharp_enough_to_read(answerer, sample_dir):
    from PIL import Image

    answer = answerer.ask("How many women were reached with labour-rights information in 2021?")
    citation = answer.citations[0]
    image = render_page(sample_dir / citation.file, citation.page, citation.quote)
    assert image.marked and not image.whole
    left, bottom, right, top = image.box
    page_width, page_height = page_size(sample_dir / citation.file, citation.page)
    assert 0 <= left < right <= page_width and 0 <= bottom < top <= page_height
    assert (right - left) * (top - bottom) < page_width * page_height / 3, "a crop, not the page"
    # The picture has as many pixels as its piece of page at the dpi it says, and that is
    # at least 150 dpi: 8-pt print stands 16 px high or more.
    assert image.dpi >= MIN_DPI
    png = Image.open(io.BytesIO(image.png))
    assert png.size == (image.width, image.height)
    assert abs(image.width - (right - left) / 72 * image.dpi) <= 2
    assert abs(image.height - (top - bottom) / 72 * image.dpi) <= 2
    assert image.width <= MAX_WIDTH, "never scaled down by the chat"
    assert amber_pixels(image.png) > 0


def test_a_phones_crop_is_at_most_the_narrow_width_and_marks_the_figure(answerer, sample_dir):
    from app.pages import NARROW_WIDTH

    answer = answerer.ask("What was the Kenya office's delivery rate in 2023?")
    citation = answer.citations[0]
    assert citation.highlight == "78%"
    path = sample_dir / citation.file
    wide = render_page(path, citation.page, citation.quote, citation.highlight)
    narrow = render_page(path, citation.page, citation.quote, citation.highlight, narrow=True)
    assert narrow.marked and not narrow.whole and narrow.dpi >= MIN_DPI
    left, bottom, right, top = narrow.box
    assert right - left <= NARROW_WIDTH < wide.box[2] - wide.box[0]
    assert top - bottom < wide.box[3] - wide.box[1], "the figure's lines, not the quote's all"
    # The figure's mark (amber) is in the picture: the crop is around the figure.
    assert amber_pixels(narrow.png) > 0


def test_the_whole_page_is_drawn_on_request_with_the_quote_marked(sample_dir):
    image = render_page(sample_dir / SEED_FILE, 5, "Shortfall: $2.27 M", whole=True)
    assert image.whole and image.marked
    assert image.box == (0.0, 0.0, *page_size(sample_dir / SEED_FILE, 5))
    assert image.dpi >= MIN_DPI
    assert amber_pixels(image.png) > 0


def test_a_stated_figure_is_marked_inside_its_quote_on_the_page(answerer, sample_dir):
    answer = answerer.ask(
        "How many women obtained protection orders in Bangladesh in the same period the year "
        "before?"
    )
    citation = answer.citations[0]
    assert citation.highlight and citation.highlight in citation.quote
    path = sample_dir / citation.file
    marked = render_page(path, citation.page, citation.quote, citation.highlight)
    plain = render_page(path, citation.page, citation.quote)
    assert marked.marked and figure_pixels(marked.png) > 0 and figure_pixels(plain.png) == 0


def test_quote_that_is_not_on_the_page_shows_the_whole_page_unmarked(sample_dir):
    image = render_page(sample_dir / SEED_FILE, 1, "Shortfall: $9.99 M")
    assert not image.marked and image.whole
    assert amber_pixels(image.png) == 0


def page_size(path, page: int) -> tuple[float, float]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return document[page - 1].get_size()
    finally:
        document.close()


def tiny_pdf(side: int, text: str, at: tuple[int, int]) -> bytes:
    """A one-page PDF, written by hand: a ``side`` × ``side`` point page printing ``text``."""
    content = f"BT /F1 12 Tf {at[0]} {at[1]} Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        FONT,
    ]
    return raw_pdf(objects)


DRAW_GIANT_PAGE = """
import re, sys
from pathlib import Path
from app.pages import render_page
crop = render_page(sys.argv[1], 1, "Shortfall: $2.27 M", "$2.27 M")
whole = render_page(sys.argv[1], 1, "Shortfall: $2.27 M", whole=True)
print(crop.width, crop.height, crop.dpi, crop.marked, whole.width, whole.height,
      int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) // 1024)
"""


def test_a_page_claiming_200_inches_square_is_drawn_under_the_pixel_budget(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    giant = tmp_path / "giant.pdf"
    giant.write_bytes(tiny_pdf(14_400, "Shortfall: $2.27 M", at=(7_000, 7_000)))
    assert giant.stat().st_size < 1_000
    # In a process of its own, so its peak memory (VmHWM: this program's, not the forking
    # test's) is the drawing's. At 150 dpi the whole page would be 30,000 px square: 2.7 GB.
    done = subprocess.run(
        [sys.executable, "-c", DRAW_GIANT_PAGE, str(giant)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    width, height, dpi, marked, whole_width, whole_height, peak_mb = done.stdout.split()
    assert marked == "True" and float(dpi) >= MIN_DPI, "the crop around the quote stays sharp"
    assert int(width) * int(height) <= MAX_PIXELS
    assert int(whole_width) * int(whole_height) <= MAX_PIXELS
    assert int(peak_mb) < 400


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("garbage", "the PDF renderer could not draw it (PdfiumError)"),
        ("truncated", "the PDF renderer could not draw it (PdfiumError)"),
        ("fewer pages", "the file has 1 pages, not a page 5"),
        ("deleted", "the cited file is no longer there"),
        ("a FIFO", "the cited path is no longer a regular file"),
        ("a folder", "the cited path is no longer a regular file"),
    ],
)
def test_a_cited_file_that_cannot_be_drawn_says_why(sample_dir, tmp_path, damage, reason):
    from app.pages import PageNotDrawn

    path = tmp_path / "report.pdf"
    data = (sample_dir / SEED_FILE).read_bytes()
    path.write_bytes(
        {
            "garbage": b"this is no longer a PDF",
            "truncated": data[: len(data) // 3],
            "fewer pages": tiny_pdf(600, "Shortfall: $2.27 M", at=(100, 100)),
            "deleted": b"",
            "a FIFO": b"",
            "a folder": b"",
        }[damage]
    )
    if damage in ("deleted", "a FIFO", "a folder"):
        path.unlink()
    if damage == "a FIFO":  # opening it would wait for a writer for ever
        os.mkfifo(path)
    elif damage == "a folder":
        path.mkdir()
    with pytest.raises(PageNotDrawn) as error:
        render_page(path, 5, "Shortfall: $2.27 M")
    assert str(error.value) == reason


def test_a_quote_is_shown_as_itself_with_its_figure_marked():
    from app.display import quote_markdown, shown

    markdown = quote_markdown("Costs were $2.27 M and $3.07 M (see *note*: [1]).", "$3.07 M")
    assert ":orange-background[**\\$3.07 M**]" in markdown
    assert "\\$2.27 M" in markdown and "\\*note\\*" in markdown  # no LaTeX, no emphasis
    assert shown(markdown.replace(":orange-background[**", "").replace("**]", "")) == (
        "> Costs were $2.27 M and $3.07 M (see *note*: [1])."
    )


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


def test_the_word_briefing_embeds_each_chart_under_its_source_line(answerer):
    from docx import Document
    from PIL import Image

    budget = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    partners = answerer.ask("Who are the UN partners on the Mexico outcome?")
    chart = chart_for(budget, answerer.catalog())
    briefing = Briefing()
    briefing.add(budget, chart)
    briefing.add(partners, chart_for(partners, answerer.catalog()))  # no chart
    document = Document(io.BytesIO(briefing.to_docx()))
    paragraphs = document.paragraphs
    source = f"Chart: {chart.title}. Source: {chart.source}"
    assert chart.source.startswith("mexico_seed_pages.pdf, pages ")
    (at,) = [i for i, p in enumerate(paragraphs) if p.text == source]
    # The picture is the paragraph under the source line, and the only one in the file.
    pictures = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert pictures == [at + 1]
    (part,) = [r for r in document.part.rels.values() if "image" in r.reltype]
    picture = Image.open(io.BytesIO(part.target_part.blob))
    assert picture.format == "PNG" and picture.size[0] >= 1000
    assert document.inline_shapes[0].width == Inches(6)


def test_the_markdown_briefing_is_a_zip_with_its_charts_beside_it(answerer):
    import zipfile

    from PIL import Image

    budget = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    indicator = answerer.ask("How many women were reached with labour-rights information in 2021?")
    briefing = Briefing()
    for answer in (budget, indicator):
        briefing.add(answer, chart_for(answer, answerer.catalog()))
    archive = zipfile.ZipFile(io.BytesIO(briefing.to_markdown_zip()))
    assert sorted(archive.namelist()) == [
        "briefing.md",
        "charts/chart-1.png",
        "charts/chart-2.png",
    ]
    markdown = archive.read("briefing.md").decode()
    for number, answer in enumerate((budget, indicator), start=1):
        chart = briefing.charts[answer.question]
        line = f"Chart: {chart.title}. Source: {chart.source}"
        link = f"![{chart.title}](charts/chart-{number}.png)"
        assert f"{line}\n\n{link}" in markdown
        assert Image.open(io.BytesIO(archive.read(f"charts/chart-{number}.png"))).format == "PNG"
    # The preview (no files beside it) names the charts' sources without links.
    assert "Chart: " in briefing.to_markdown() and "](charts/" not in briefing.to_markdown()


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


def test_a_briefing_item_is_a_paragraph_with_every_figure_numbered_to_its_source(answerer):
    from app.briefing import prose

    budget = answerer.ask("What was the shortfall on output MEX_D_2.1.1?")
    listing = answerer.ask("Give me a summary of output MEX_D_2.1.1")
    assert any(line.startswith("- ") for line in listing.answer.splitlines()), listing.answer
    briefing = Briefing()
    briefing.add(budget)
    briefing.add(listing)
    markdown = briefing.to_markdown()
    paragraph = prose(budget, 1)
    assert "\n" not in paragraph and "Reading this as" not in paragraph
    # Each figure is followed by the number of the citation that quotes it.
    for fact in budget.facts:
        (number,) = re.findall(re.escape(fact.display) + r" \[1\.(\d+)\]", paragraph)
        assert fact.display in budget.citations[int(number) - 1].quote
    assert paragraph in markdown
    listed = prose(listing, 2)
    # One paragraph: no line breaks, no bullets opening its sentences.
    assert "\n" not in listed and not re.search(r"(?:^|[.:] )- ", listed)
    assert listed.endswith((".", ".”"))
    assert listed in markdown
    # The numbers are the sources listed under the item.
    assert f"[1.1] {budget.citations[0].where()} — " in markdown


@pytest.mark.parametrize(
    ("question", "charted"),
    [
        ("What was the shortfall on output MEX_D_2.1.1?", True),
        ("Which output in Colombia has the largest shortfall?", True),
        ("What is the total planned budget across all outcomes?", False),
    ],
)
def test_a_budget_chart_is_drawn_only_for_the_one_outcome_the_answer_is_about(
    answerer, question, charted
):
    answer = answerer.ask(question)
    assert answer.found, answer.answer
    chart = chart_for(answer, answerer.catalog())
    assert (chart is not None) is charted, answer.answer
    if charted:
        codes = {f.subject for f in answer.facts if f.subject}
        outcome = chart.title.split()[2].rstrip(":")
        assert all(code.startswith(outcome) for code in codes), (chart.title, codes)
