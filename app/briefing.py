"""A briefing: answers a user collected, exported as Markdown (a zip with the charts beside
it) or Word (the charts embedded), each figure cited and each chart under its source."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .answering.model import Answer
from .charts import Chart

CHART_WIDTH_INCHES = 6.0


def copy_text(answer: Answer) -> str:
    """An answer as a writer pastes it: its text, then its sources numbered as it cites
    them (each marked when it is a fictional sample)."""
    lines = [answer.answer]
    if answer.citations:
        lines += ["", "Sources:"]
        lines += [
            f"[{number}] {c.where()} — {c.section}: “{c.quote}”"
            for number, c in enumerate(answer.citations, start=1)
        ]
    return "\n".join(lines)


BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


def prose(answer: Answer, number: int) -> str:
    """The answer as a paragraph a writer pastes: its lines as sentences (a list's items
    too, after the line that opens it), without the chat's "Reading this as" line, each
    figure it states followed by the source it stands on, numbered as the briefing lists
    them ("$2.27 M [1.1]")."""
    from .answering.translate import translate

    reading = tuple({translate("Reading this as", lang) for lang in ("en", "es", "fr")})
    lines = [line.strip() for line in answer.answer.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(reading)]
    sentences: list[str] = []

    for line in lines:
        # A list's items are sentences of the paragraph, after the line that opens it.
        line = BULLET.sub("", line)
        sentences.append(line if line.endswith(ENDS) else f"{line}.")
    return _footnoted(" ".join(sentences), answer, number)


# A line that ends so needs no full stop added (a quote closes its own sentence).
ENDS = (".", "?", "!", ":", "…", ".”", "?”", "!”", "…”", '."')


def _figure(display: str) -> re.Pattern:
    """``display`` as a figure of its own: not "20" inside "2023", nor "7" in "$3.07 M"."""
    return re.compile(r"(?<![\w.,])" + re.escape(display) + r"(?![\w%]|[.,]\d)")


def _footnoted(text: str, answer: Answer, number: int) -> str:
    """``text`` with each stated figure followed by its citation's number, once."""
    cursor = 0
    for fact in answer.facts:
        if not fact.file or not fact.display:
            continue
        index = _citation_of(fact, answer.citations)
        if index is None:
            continue
        pattern = _figure(fact.display)
        found = pattern.search(text, cursor) or pattern.search(text)
        if found is None:
            continue
        end = found.end()
        marker = f" [{number}.{index}]"
        if text.startswith(marker, end):
            continue
        text = text[:end] + marker + text[end:]
        cursor = end + len(marker)
    return text


def _citation_of(fact, citations: list) -> int | None:
    """The 1-based number of the citation a figure stands on: the one quoting it on its
    page, else the first of its page."""
    same_page = [
        i for i, c in enumerate(citations, start=1) if c.file == fact.file and c.page == fact.page
    ]
    if not same_page:
        return None
    # Of a page's citations, the one that quotes the figure, and of those the one that
    # shares most words with what the figure is of (two indicators' rows can both say "0").
    about = set(re.findall(r"\w+", f"{fact.what} {fact.subject}".lower()))

    def fit(i: int) -> tuple[int, int]:
        quoted = citations[i - 1]
        quotes = quoted.highlight == fact.display or bool(
            _figure(fact.display).search(quoted.quote)
        )
        return int(quotes), len(about & set(re.findall(r"\w+", quoted.quote.lower())))

    return max(same_page, key=lambda i: (fit(i), -i))


@dataclass
class Briefing:
    items: list[Answer] = field(default_factory=list)
    # The chart shown with an answer, by its question (an answer is in a briefing once).
    charts: dict[str, Chart] = field(default_factory=dict)

    def add(self, answer: Answer, chart: Chart | None = None) -> None:
        if not self.holds(answer):
            self.items.append(answer)
            if chart is not None:
                self.charts[answer.question] = chart

    def holds(self, answer: Answer) -> bool:
        return any(item.question == answer.question for item in self.items)

    def remove(self, index: int) -> None:
        item = self.items.pop(index)
        self.charts.pop(item.question, None)

    def move(self, index: int, step: int) -> None:
        """Move item ``index`` up (step -1) or down (step 1); ends stay put."""
        target = index + step
        if 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]

    def chart_file(self, number: int) -> str:
        """Where item ``number``'s chart stands beside the Markdown in the zip."""
        return f"charts/chart-{number}.png"

    def to_markdown(self, title: str = "Briefing", images: bool = False) -> str:
        """The briefing as Markdown; with ``images``, each chart is linked as the file
        ``chart_file`` names (what ``to_markdown_zip`` puts beside it)."""
        lines = [f"# {title}", ""]
        for number, item in enumerate(self.items, start=1):
            lines += [f"## {number}. {item.question}", "", prose(item, number), ""]
            if item.facts:
                lines += ["| what | subject | year | value | source |", "|---|---|---|--:|---|"]
                for fact in item.facts:
                    lines.append(
                        f"| {fact.what} | {fact.subject} | {fact.year or ''} | "
                        f"{fact.display} | {fact.where()} |"
                    )
                lines.append("")
            chart = self.charts.get(item.question)
            if chart is not None:
                lines += [f"Chart: {chart.title}. Source: {chart.source}", ""]
                if images:
                    lines += [f"![{chart.title}]({self.chart_file(number)})", ""]
            for index, citation in enumerate(item.citations, start=1):
                lines.append(
                    f"[{number}.{index}] {citation.where()} — "
                    f"{citation.section}: “{citation.quote}”"
                )
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def to_markdown_zip(self, title: str = "Briefing") -> bytes:
        """``briefing.md`` with its charts as PNG files beside it, in a zip."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("briefing.md", self.to_markdown(title, images=True))
            for number, item in enumerate(self.items, start=1):
                chart = self.charts.get(item.question)
                if chart is not None:
                    archive.writestr(self.chart_file(number), chart.png())
        return buffer.getvalue()

    def to_docx(self, title: str = "Briefing") -> bytes:
        from docx import Document
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        document = Document()
        document.add_heading(title, level=0)
        for number, item in enumerate(self.items, start=1):
            document.add_heading(f"{number}. {item.question}", level=1)
            document.add_paragraph(prose(item, number))
            if item.facts:
                table = document.add_table(rows=1, cols=5)
                table.style = "Table Grid"
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                for cell, name in zip(
                    table.rows[0].cells, ("what", "subject", "year", "value", "source"), strict=True
                ):
                    cell.text = name
                for fact in item.facts:
                    cells = table.add_row().cells
                    values = (
                        fact.what,
                        fact.subject,
                        str(fact.year or ""),
                        fact.display,
                        fact.where(),
                    )
                    for cell, value in zip(cells, values, strict=True):
                        cell.text = value
                    if isinstance(fact.value, int | float):
                        cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            chart = self.charts.get(item.question)
            if chart is not None:
                document.add_paragraph(f"Chart: {chart.title}. Source: {chart.source}")
                document.add_picture(io.BytesIO(chart.png()), width=Inches(CHART_WIDTH_INCHES))
            for index, citation in enumerate(item.citations, start=1):
                document.add_paragraph(
                    f"[{number}.{index}] {citation.where()} — "
                    f"{citation.section}: “{citation.quote}”",
                    style="List Bullet",
                )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
