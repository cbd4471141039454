"""Reports laid out like a browser's print of portal outcome pages, around progress notes in
the portal's style, for the evaluation of figures read from notes.

The notes (``eval/portal/reports.json``) were written by a session that read real outcome
pages of open.unwomen.org and wrote its own in their style and density (the figures are made
up); the questions on them (``eval/portal/questions.json``) by the same session, blind to
the code. The pages carry what a print carries: a date and title at the top of each page, the
page's link and counter at the bottom, the site's menu; two offices' codes carry a prefix
that is no country, and one of them is headed by the bare country name. One outcome prints
its funding partners with a column per year. Notes under no "showing data of" line have no
year.
"""

from __future__ import annotations

import json
from pathlib import Path

from indexing.samples import LINES_PER_PAGE, PrintLine, render_pdf, wrap

FOLDER = Path(__file__).parent / "portal"
REPORTS = FOLDER / "reports.json"
QUESTIONS = FOLDER / "questions.json"
PRINTED = "12/3/26, 10:15 AM"
# The one outcome printed with a funding table by year: (file, outcome code) → rows.
FUNDING_BY_YEAR = {
    ("portal_jordan.pdf", "JOR_D_2.1"): (
        (2023, 2024),
        [
            ("Government of Japan", ("$59,000", "$120,000")),
            ("European Union", ("$210,500", "-")),
            ("Government of Norway", ("-", "$75,250")),
        ],
    )
}


def load_reports(path: Path = REPORTS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["reports"]


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def report_lines(report: dict) -> list[PrintLine]:
    """The body of one report, in the portal's order: header, then per outcome its heading,
    statement, details, resources (where printed) and progress notes."""
    lines: list[PrintLine] = []

    def add(text: str = "", size: float = 9) -> None:
        lines.append(PrintLine(text=text, size=size))

    add(report["header"])
    add()
    for outcome in report["outcomes"]:
        code = outcome["code"]
        add(f"OUTCOME {code} XM-DAC-41146-{code}")
        add()
        for line in wrap(outcome["statement"], 88):
            add(line)
        add()
        add("OUTCOME DETAILS")
        add()
        add("Impact areas")
        add()
        add("Governance and participation in public life")
        add()
        add("UN Partners")
        add("UNDP")
        add()
        add("Home Our reach")
        add("https://open.unwomen.org/en")
        add()
        table = FUNDING_BY_YEAR.get((report["file"], code))
        if table:
            years, rows = table
            add("RESOURCES")
            add()
            add("Funding Partners")
            add()
            add("Other resources (Non-Core)/ Funding Partners:")
            add()
            add(" ".join(str(y) for y in years))
            for partner, cells in rows:
                add(partner)
                add(" ".join(cells))
                add()
        for note in outcome["notes"]:
            if note["year"]:
                add(f"SHOWING DATA OF : {note['year']}")
                add()
            add("STRATEGIC NOTE OUTCOME PROGRESS NOTE")
            add()
            for line in wrap(outcome["statement"], 120):
                add(line, 7)
            add()
            for paragraph in note["paragraphs"]:
                for line in wrap(paragraph, 120):
                    add(line, 7)
                add()
    return lines


def report_pages(report: dict) -> list[list[PrintLine]]:
    """The body cut into pages, each framed as a browser prints it."""
    body = report_lines(report)
    size = LINES_PER_PAGE - 3
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    title = f"{report['country']} | UN Women – Open Data"
    link = f"https://open.unwomen.org/en/our-reach/{report['prefix']}"
    return [
        [
            PrintLine(f"{PRINTED} {title}", size=7),
            *chunk,
            PrintLine(f"{link} {number}/{len(chunks)}", size=7),
        ]
        for number, chunk in enumerate(chunks, start=1)
    ]


def build_portal(folder: Path) -> list[Path]:
    """Write the portal-style reports into ``folder``; return their paths."""
    written = []
    for report in load_reports():
        path = folder / report["file"]
        render_pdf(report_pages(report), path)
        written.append(path)
    return written
