"""A briefing: answers a user collected, exported as Markdown (a zip with the charts beside
it) or Word (the charts embedded), each figure cited and each chart under its source."""

from __future__ import annotations

import io
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
            lines += [f"## {number}. {item.question}", "", item.answer, ""]
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
            for line in item.answer.splitlines():
                document.add_paragraph(line)
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
