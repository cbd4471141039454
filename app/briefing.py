"""A briefing: answers a user collected, exported as Markdown or Word, each figure cited."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from .answering.model import Answer


@dataclass
class Briefing:
    items: list[Answer] = field(default_factory=list)

    def add(self, answer: Answer) -> None:
        if all(item.question != answer.question for item in self.items):
            self.items.append(answer)

    def remove(self, index: int) -> None:
        del self.items[index]

    def move(self, index: int, step: int) -> None:
        """Move item ``index`` up (step -1) or down (step 1); ends stay put."""
        target = index + step
        if 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]

    def to_markdown(self, title: str = "Briefing") -> str:
        lines = [f"# {title}", ""]
        for number, item in enumerate(self.items, start=1):
            lines += [f"## {number}. {item.question}", "", item.answer, ""]
            if item.facts:
                lines += ["| what | subject | year | value | source |", "|---|---|---|---|---|"]
                for fact in item.facts:
                    source = f"{fact.file}, p. {fact.page}" if fact.file else "computed"
                    lines.append(
                        f"| {fact.what} | {fact.subject} | {fact.year or ''} | "
                        f"{fact.display} | {source} |"
                    )
                lines.append("")
            for index, citation in enumerate(item.citations, start=1):
                lines.append(
                    f"[{number}.{index}] {citation.file}, page {citation.page} — "
                    f"{citation.section}: “{citation.quote}”"
                )
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def to_docx(self, title: str = "Briefing") -> bytes:
        from docx import Document

        document = Document()
        document.add_heading(title, level=0)
        for number, item in enumerate(self.items, start=1):
            document.add_heading(f"{number}. {item.question}", level=1)
            for line in item.answer.splitlines():
                document.add_paragraph(line)
            if item.facts:
                table = document.add_table(rows=1, cols=5)
                table.style = "Table Grid"
                for cell, name in zip(
                    table.rows[0].cells, ("what", "subject", "year", "value", "source"), strict=True
                ):
                    cell.text = name
                for fact in item.facts:
                    cells = table.add_row().cells
                    source = f"{fact.file}, p. {fact.page}" if fact.file else "computed"
                    values = (fact.what, fact.subject, str(fact.year or ""), fact.display, source)
                    for cell, value in zip(cells, values, strict=True):
                        cell.text = value
            for index, citation in enumerate(item.citations, start=1):
                document.add_paragraph(
                    f"[{number}.{index}] {citation.file}, page {citation.page} — "
                    f"{citation.section}: “{citation.quote}”",
                    style="List Bullet",
                )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
