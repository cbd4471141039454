"""Read the Transparency Portal results-report layout out of page texts.

The input is what a PDF text extractor returns, one string per page (see
``../shared/DOMAIN.md``): section headings, label/value pairs whose order the page layout
scrambles a little, indicator tables whose rows read ``YEAR (KIND) PLANNED REPORTED`` and
which run on over page breaks, and navigation noise. The parser is a single pass over the
lines of all pages with a small state machine; every record notes the pages it came from.
Text it does not understand is not lost: the page texts are indexed as chunks as well.

Offices print more than one layout: outcomes without a RESOURCES block or without indicator
tables, organisational-effectiveness (``_O_``) and regional codes (``ECA_D_1.1``, ``RD_O_1``),
several "SHOWING DATA OF" years in one file. So no section relies on which one follows it:
every section ends where any other section, or the next outcome, begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import (
    ROW_KINDS,
    FundingEntry,
    Indicator,
    IndicatorRow,
    Money,
    Narrative,
    Outcome,
    Output,
    Report,
    Value,
)

SAMPLE_MARKER = "Sample data: fictional figures"

# An office prefix (a country's ISO3, a region such as ECA, or an office's own two letters
# such as RD), D for development results or O for organisational effectiveness, a number.
CODE = r"[A-Z0-9]{2,4}_[DO]_\d+(?:\.\d+)*"
OUTCOME_HEADING = re.compile(rf"^OUTCOME ({CODE})\s+(XM-DAC-\d+-\S+)$")
OUTCOME_TABLE_HEADING = re.compile(rf"^OUTCOME ({CODE})$")
OUTPUT_HEADING = re.compile(rf"^OUTPUT ({CODE})$")
ROW = re.compile(rf"^(?:(\d{{4}})\s+)?\(({'|'.join(ROW_KINDS)})\)(?:\s+(.*))?$")
SHOWING = re.compile(r"^SHOWING DATA OF\s*:\s*(\d{4})$")
PLAN_PERIOD = re.compile(
    r"^OUTCOME INDICATOR AND RESULTS\s+PLAN PERIOD\s*:\s*(\d{4})\s*[-–]\s*(\d{4})$"
)
SHORTFALL = re.compile(r"^Shortfall:\s*(\$.*)$")
# A funding table printed with a column per year: its header, and a row of its cells.
YEAR_COLUMNS = re.compile(r"^(?:(?:19|20)\d\d\s+)+(?:19|20)\d\d$")
AMOUNT_CELL = re.compile(r"\$[\d,.]+(?:\s?[KMB]\b)?|(?<!\S)-(?!\S)")
AMOUNT_CELLS = re.compile(r"^(?:(?:\$[\d,.]+(?:\s?[KMB]\b)?|-)\s*)+$")
# The office a report is about, from its header: "Europe and Central Asia Regional Office",
# "UN Women Kenya Country Office". Needed where the code's prefix is not a country.
OFFICE = re.compile(
    r"^(?:UN[ -]Women\s+)?(?P<name>[A-Z][\w ,.'’()&-]*?\b"
    r"(?:Country|Regional|Multi-Country|Liaison|Programme|Sub-Regional) Office)\b",
    re.IGNORECASE,
)
TABLE_HEADER_WITH_PARENT = "OUTCOME STATEMENT INDICATOR STATEMENT YEAR BMTS REPORTED RESULT"
TABLE_HEADER = "INDICATOR STATEMENT YEAR BMTS REPORTED RESULT"
PROGRESS_NOTE = "STRATEGIC NOTE OUTCOME PROGRESS NOTE"
OUTPUT_BUDGET_LABELS = ("Planned Budget:", "Actual Budget and Shortfall:", "Expenses:")
SECTION_TITLES = {
    "OUTCOME DETAILS",
    "RESOURCES",
    "OUTPUT INDICATOR AND RESULTS",
    TABLE_HEADER,
    TABLE_HEADER_WITH_PARENT,
    PROGRESS_NOTE,
    *OUTPUT_BUDGET_LABELS,
}
SECTION_PATTERNS = (OUTCOME_HEADING, OUTCOME_TABLE_HEADING, OUTPUT_HEADING, PLAN_PERIOD, SHORTFALL)


def starts_section(text: str) -> bool:
    """Whether a line opens a section (or an outcome): where any other section ends."""
    return text in SECTION_TITLES or any(pattern.match(text) for pattern in SECTION_PATTERNS)


# Site navigation left in the text; it also marks where a list in OUTCOME DETAILS ends.
NAVIGATION = [
    re.compile(r"^https?://\S+$"),
    re.compile(r"^Home\b.*\bOur reach$"),
]
NOISE = NAVIGATION + [
    re.compile(r"^\d+\s*/\s*\d+$"),  # page counter
    # What a browser prints around each page: a link with the page counter, "Page 3 of 12",
    # the date and time it was printed.
    re.compile(r"^https?://\S+\s+\d+\s*/\s*\d+$"),
    re.compile(r"^page\s+\d+\s+(?:of|/)\s*\d+$", re.IGNORECASE),
    re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b.*$"),
    re.compile(r"^B - Baseline\s+M - Milestones\s+T - Target$"),
    re.compile(r"^OUTPUT STATEMENT$"),
    re.compile(rf"^{re.escape(SAMPLE_MARKER)}.*$"),
]

DETAIL_LABELS = {
    "SDG alignment": "sdg_alignment",
    "Impact areas": "impact_areas",
    "Organizational outputs": "organizational_outputs",
    "Policy Marker": "policy_marker",
    "Outcome Description": "description",
    "UN Partners": "un_partners",
    "Humanitarian Scope": "humanitarian_scope",
    "UN System Function": "un_system_functions",
}
TEXT_DETAILS = {"policy_marker", "description", "humanitarian_scope"}
RESOURCE_LABELS = {
    "PLANNED BUDGET",
    "ACTUAL BUDGET AND SHORTFALL",
    "EXPENSES",
    "Funding Partners",
    "Regular resources (Core):",
    "Other resources (Non-Core)/ Funding Partners:",
}
# Regular (core) resources are UN Women's own; the layout does not keep the entries under
# their headings, so the core entry is recognised by name.
CORE_PARTNERS = {"UN Women"}


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str  # stripped; "" for a blank line
    after_navigation: bool = False  # site navigation was dropped just before this one
    # The "SHOWING DATA OF" year above this line within its outcome (None before the first).
    year: int | None = None


def clean_lines(pages: list[str]) -> tuple[list[Line], int | None, bool]:
    """Lines of all pages with layout noise removed; also the (latest) data year and the
    sample flag.

    Each line keeps the data year shown above it. A year shown just before an outcome's
    heading is that outcome's; otherwise a new outcome starts with none, so that one
    outcome's notes do not date the next outcome's tables.
    """
    lines: list[Line] = []
    years: list[int] = []
    sample = False
    year: int | None = None
    fresh = False  # a year was shown and no text has followed it yet
    noted = False  # a progress note has started since the year was shown
    furniture = page_furniture(pages)
    for number, text in enumerate(pages, start=1):
        dropped = False
        for raw in text.splitlines():
            stripped = " ".join(raw.split())
            showing = SHOWING.match(stripped)
            if showing:
                year, fresh, noted = int(showing.group(1)), True, False
                years.append(year)
                continue
            if stripped == PROGRESS_NOTE:
                # A second note under one "showing data of" line has a year of its own that
                # the page does not print: none, rather than the first note's.
                if noted:
                    year = None
                noted = True
            if stripped.startswith(SAMPLE_MARKER):
                sample = True
            if _furniture_key(stripped) in furniture or any(
                pattern.match(stripped) for pattern in NOISE
            ):
                dropped = dropped or any(pattern.match(stripped) for pattern in NAVIGATION)
                continue
            if stripped:
                if OUTCOME_HEADING.match(stripped) and not fresh:
                    year, noted = None, False
                fresh = False
            lines.append(Line(number, stripped, dropped, year))
            if stripped:
                dropped = False
    return lines, max(years) if years else None, sample


# A page's first and last lines are where a header or footer stands.
EDGE_LINES = 2


def _furniture_key(text: str) -> str:
    # Page numbers and dates change from page to page; the header around them does not.
    return re.sub(r"\d+", "#", text)


def page_furniture(pages: list[str]) -> set[str]:
    """Headers and footers: lines at the top or bottom of most pages (numbers aside), such
    as "UN Women Multi-Country Office for the Caribbean 12/13". They are the page's frame,
    never a report's statement. Section titles and table headers repeat too, but open what
    follows; they are kept."""
    if len(pages) < 3:
        return set()
    seen: dict[str, int] = {}
    for text in pages:
        kept = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        edges = {_furniture_key(line) for line in kept[:EDGE_LINES] + kept[-EDGE_LINES:]}
        for key in edges:
            seen[key] = seen.get(key, 0) + 1
    least = max(3, (len(pages) * 3 + 4) // 5)  # three pages in five, and at least three

    def kept(key: str) -> bool:
        # What opens a section, a table's row or an amount is the report's own, however
        # often it stands at a page's edge.
        line = key.replace("#", "2000")
        return bool(starts_section(line) or SHOWING.match(line) or ROW.match(line) or "$" in line)

    return {key for key, count in seen.items() if count >= least and not kept(key)}


def office_name(lines: list[Line] | list[str]) -> str:
    """The office named in the report's header, before its first outcome, if any: a line
    naming an office ("UN Women Kenya Country Office"), else a line that is a country's
    name and nothing more ("Kenya"), as some offices' headers print it."""
    bare = ""
    for line in lines:
        text = line.text if isinstance(line, Line) else line
        if OUTCOME_HEADING.match(text):
            return bare
        match = OFFICE.match(text)
        if match:
            return " ".join(match.group("name").split())
        if not bare and 0 < len(text.split()) <= 4 and text[:1].isupper():
            from .countries import country_in

            if country_in(text):
                bare = text
    return ""  # no outcome heading: not a results report, so no header to read


def header_lines(pages: list[str]) -> list[str]:
    """Every line as printed, headers and footers included: where the office is named."""
    return [" ".join(raw.split()) for text in pages for raw in text.splitlines()]


def join_wrapped(parts: list[str]) -> str:
    """Join lines a statement was wrapped over, mending words split at a hyphen."""
    return _join(parts)[0]


def wrapped_offsets(parts: list[str]) -> list[int]:
    """Where each line starts in the text ``join_wrapped`` makes of them."""
    return _join(parts)[1]


def _join(parts: list[str]) -> tuple[str, list[int]]:
    text, offsets = "", []
    for part in parts:
        if text and not (text.endswith("-") and not text.endswith(" -")):
            text += " "
        offsets.append(len(text))
        text += part
    return text, offsets


def parse_row(line: Line) -> IndicatorRow | None:
    match = ROW.match(line.text)
    if not match:
        return None
    year, kind, rest = match.groups()
    cells = (rest or "").split()
    planned = cells[0] if cells else ""
    reported = " ".join(cells[1:]) if len(cells) > 1 else ""
    return IndicatorRow(
        year=int(year) if year else None,
        kind=kind,
        planned=Value.parse(planned),
        reported=Value.parse(reported),
        page=line.page,
        line=line.text,
    )


class _Parser:
    def __init__(self, file: str, pages: list[str]):
        self.lines, data_year, sample = clean_lines(pages)
        self.report = Report(file=file, pages=pages, data_year=data_year, sample=sample)
        self.report.office = office_name(header_lines(pages))
        self.i = 0
        self.outcome: Outcome | None = None
        self.output: Output | None = None
        self.ordinals: dict[str, int] = {}
        self.paragraphs: dict[str, int] = {}  # an outcome's notes of several years, numbered on

    # -- cursor helpers -------------------------------------------------------------------
    def peek(self) -> Line | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def next_text_line(self) -> Line | None:
        """Advance past blanks to the next non-blank line and return it (consumed)."""
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if line.text:
                return line
        return None

    def blocks_until(self, stop) -> list[list[Line]]:
        """Blank-separated blocks of lines, up to (not including) the first line ``stop`` takes."""
        blocks: list[list[Line]] = []
        current: list[Line] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.text and stop(line):
                break
            self.i += 1
            if current and line.year != current[-1].year:  # another year's text begins
                blocks.append(current)
                current = []
            if not line.text:
                if current:
                    blocks.append(current)
                    current = []
            else:
                current.append(line)
        if current:
            blocks.append(current)
        return blocks

    # -- sections -------------------------------------------------------------------------
    def run(self) -> Report:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text
            if not text:
                self.i += 1
                continue
            if match := OUTCOME_HEADING.match(text):
                self.i += 1
                self.start_outcome(match.group(1), match.group(2), line)
            elif (match := OUTCOME_TABLE_HEADING.match(text)) and not self.known(match.group(1)):
                # An outcome whose page begins at its tables: start it here, with no statement.
                self.i += 1
                self.outcome = Outcome(code=match.group(1), pages=[line.page], data_year=line.year)
                self.output = None
                self.report.outcomes.append(self.outcome)
            elif text == "OUTCOME DETAILS" and self.outcome:
                self.i += 1
                self.details()
            elif text == "RESOURCES" and self.outcome:
                self.i += 1
                self.resources()
            elif match := PLAN_PERIOD.match(text):
                self.i += 1
                if self.outcome:
                    self.outcome.plan_period = f"{match.group(1)}-{match.group(2)}"
                self.output = None
            elif OUTCOME_TABLE_HEADING.match(text) or text == "OUTPUT INDICATOR AND RESULTS":
                self.i += 1
            elif match := OUTPUT_HEADING.match(text):
                self.i += 1
                self.start_output(match.group(1), line)
            elif text in (TABLE_HEADER, TABLE_HEADER_WITH_PARENT):
                self.i += 1
                self.table(with_parent=text == TABLE_HEADER_WITH_PARENT)
            elif text in OUTPUT_BUDGET_LABELS:
                self.i += 1
                self.output_budget(text)
            elif match := SHORTFALL.match(text):
                self.i += 1
                if self.output:
                    self.output.shortfall = Money.parse(match.group(1), line.page)
                    self.touch(self.output, line.page)
            elif text == PROGRESS_NOTE and self.outcome:
                self.i += 1
                self.progress_note()
            else:
                self.i += 1  # not understood here; the page chunks keep it
        self.date_records()
        self.check_sums()
        return self.report

    def known(self, code: str) -> bool:
        return any(outcome.code == code for outcome in self.report.outcomes)

    def date_records(self) -> None:
        """Every record's data year: the one shown above it, else the report's latest. A
        progress note under no "showing data of" line keeps none: its year is not stated,
        and an answer must not guess it."""
        report = self.report
        years = {n.data_year for n in report.narratives} | {report.data_year}
        report.data_years = sorted(year for year in years if year)
        records = [*report.outcomes, *report.outputs, *report.indicators]
        for record in records:
            if record.data_year is None:
                record.data_year = report.data_year

    def touch(self, record, page: int) -> None:
        if page not in record.pages:
            record.pages.append(page)

    def start_outcome(self, code: str, iati_id: str, heading: Line) -> None:
        self.outcome = Outcome(
            code=code, iati_id=iati_id, pages=[heading.page], data_year=heading.year
        )
        self.output = None
        self.report.outcomes.append(self.outcome)
        blocks = self.blocks_until(lambda line: starts_section(line.text))
        if blocks:
            self.outcome.statement = join_wrapped([line.text for line in blocks[0]])
            self.outcome.statement_page = blocks[0][0].page

    def details(self) -> None:
        outcome = self.outcome
        outcome.details_page = self.lines[self.i - 1].page
        field_name = None
        closed = False  # a list ends where site navigation interrupts it
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if starts_section(line.text):
                return
            self.i += 1
            if not line.text:
                continue
            self.touch(outcome, line.page)
            if line.text in DETAIL_LABELS:
                field_name = DETAIL_LABELS[line.text]
                closed = False
                continue
            if field_name is None:
                continue
            if line.after_navigation and field_name not in TEXT_DETAILS:
                closed = True
            if closed:
                continue
            if field_name in TEXT_DETAILS:
                current = getattr(outcome, field_name)
                setattr(
                    outcome,
                    field_name,
                    join_wrapped([current, line.text]) if current else line.text,
                )
                if field_name == "description" and not outcome.description_page:
                    outcome.description_page = line.page
            else:
                getattr(outcome, field_name).append(line.text)
                if field_name == "un_partners" and not outcome.un_partners_page:
                    outcome.un_partners_page = line.page

    def resources(self) -> None:
        outcome = self.outcome
        pending: Money | None = None  # an amount printed before its label
        awaiting_total = False
        partner: str | None = None
        columns: list[int] = []  # a funding table's year columns ("2023 2024"), if any
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text
            if starts_section(text):
                return
            self.i += 1
            if not text:
                continue
            if YEAR_COLUMNS.match(text):
                columns = [int(year) for year in text.split()]
                continue
            if columns and partner and AMOUNT_CELLS.match(text):
                # One amount per year column, "-" where the partner gave nothing that year.
                for year, cell in zip(columns, AMOUNT_CELL.findall(text), strict=False):
                    money = Money.parse(cell, line.page)
                    if money:
                        self.touch(outcome, line.page)
                        outcome.funding.append(
                            FundingEntry(partner, money, partner in CORE_PARTNERS, year)
                        )
                partner = None
                continue
            if columns and awaiting_total and AMOUNT_CELLS.match(text):
                # The total of each year's column: the latest year's is the outcome's.
                totals = [Money.parse(c, line.page) for c in AMOUNT_CELL.findall(text)]
                outcome.total_non_core = next((m for m in reversed(totals) if m), None)
                awaiting_total = False
                continue
            money = Money.parse(text, line.page)
            if money:
                self.touch(outcome, line.page)
                if awaiting_total:
                    outcome.total_non_core = money
                    awaiting_total = False
                elif partner:
                    outcome.funding.append(
                        FundingEntry(partner=partner, money=money, core=partner in CORE_PARTNERS)
                    )
                    partner = None
                else:
                    pending = money
                continue
            if text == "Planned Budget" and pending:
                outcome.planned, pending = pending, None
            elif text == "Actual Budget" and pending:
                outcome.actual, pending = pending, None
            elif text == "TOTAL OTHER RESOURCES (NON-CORE)":
                awaiting_total = True
            elif text in RESOURCE_LABELS:
                continue
            else:
                partner = text

    def start_output(self, code: str, heading: Line) -> None:
        outcome_code = self.outcome.code if self.outcome else code.rsplit(".", 1)[0]
        existing = self.report.output(code)
        if existing:
            self.output = existing
            return
        self.output = Output(
            code=code, outcome_code=outcome_code, pages=[heading.page], data_year=heading.year
        )
        self.report.outputs.append(self.output)

    def output_budget(self, label: str) -> None:
        line = self.next_text_line()
        money = Money.parse(line.text, line.page) if line else None
        if money is None:
            if line:
                self.i -= 1  # not an amount: let the main loop read it
            return
        if self.output is None:
            self.report.warnings.append(f"page {line.page}: '{label}' outside any output")
            return
        attribute = {"Planned Budget:": "planned", "Expenses:": "expenses"}.get(label, "actual")
        setattr(self.output, attribute, money)
        self.touch(self.output, line.page)

    def table(self, with_parent: bool) -> None:
        blocks = self.blocks_until(lambda line: bool(ROW.match(line.text)) or self.ends_table(line))
        if not blocks or not ROW.match(self.peek().text if self.peek() else ""):
            return  # a header with no rows after it: nothing to record
        parent_block = None
        if with_parent and len(blocks) >= 2:
            parent_block, blocks = blocks[0], blocks[1:]
        statement_lines = [line for block in blocks for line in block]
        if parent_block and self.output and not self.output.statement:
            self.output.statement = join_wrapped([line.text for line in parent_block])
            self.output.statement_page = parent_block[0].page
        parent = self.output or self.outcome
        if parent is None:
            return
        statement = join_wrapped([line.text for line in statement_lines])
        key = parent.code
        self.ordinals[key] = self.ordinals.get(key, 0) + 1
        indicator = Indicator(
            parent_code=parent.code,
            parent_kind="output" if self.output else "outcome",
            outcome_code=self.outcome.code if self.outcome else parent.code,
            statement=statement,
            ordinal=self.ordinals[key],
            data_year=(statement_lines or [self.peek()])[0].year,
        )
        for line in statement_lines:
            self.touch(indicator, line.page)
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.text:
                self.i += 1
                continue
            row = parse_row(line)
            if row is None:
                break
            self.i += 1
            indicator.rows.append(row)
            self.touch(indicator, line.page)
        self.report.indicators.append(indicator)
        self.touch(parent, indicator.pages[0] if indicator.pages else indicator.rows[0].page)

    def ends_table(self, line: Line) -> bool:
        return starts_section(line.text)

    def progress_note(self) -> None:
        outcome = self.outcome
        blocks = self.blocks_until(lambda line: starts_section(line.text))
        statement = _normalise(outcome.statement)
        for block in blocks:
            text = join_wrapped([line.text for line in block])
            if statement and _normalise(text) == statement:
                continue
            paragraph = self.paragraphs[outcome.code] = self.paragraphs.get(outcome.code, 0) + 1
            narrative = Narrative(
                outcome_code=outcome.code, paragraph=paragraph, text=text, data_year=block[0].year
            )
            offsets = wrapped_offsets([line.text for line in block])
            for line, offset in zip(block, offsets, strict=True):
                if line.page not in narrative.pages:
                    narrative.pages.append(line.page)
                    narrative.page_offsets.append(offset)
            self.report.narratives.append(narrative)

    def check_sums(self) -> None:
        """Flag what does not add up, so a layout change shows instead of a wrong figure."""
        for outcome in self.report.outcomes:
            if outcome.total_non_core and outcome.non_core:
                total = sum(entry.money.amount for entry in outcome.non_core)
                if not outcome.total_non_core.matches(total):
                    self.report.warnings.append(
                        f"{outcome.code}: non-core entries add up to {total:,.0f}, "
                        f"the report's total is {outcome.total_non_core.text}"
                    )


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def parse_pages(file: str, pages: list[str]) -> Report:
    """Parse a report's page texts (index 0 is page 1) into typed records."""
    return _Parser(file, pages).run()
