"""Typed records parsed from a results report.

Every figure keeps the text it was printed as, the number read from it, and the page it
stands on, so that an answer can quote and cite it without re-reading the PDF.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

ROW_KINDS = ("Baseline", "Milestone", "Target")

_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")


@dataclass(frozen=True)
class Money:
    """An amount in USD as printed: ``$3.07 M`` is 3,070,000 give or take 5,000."""

    text: str
    amount: float
    page: int
    # Half the last printed digit: the uncertainty the rounding in the report leaves.
    tolerance: float = 0.0

    @classmethod
    def parse(cls, text: str, page: int) -> Money | None:
        """The amount ``text`` prints, if it is one (``indexing.figures.printed_money``)."""
        from .figures import printed_money

        text = " ".join(text.split())
        read = printed_money(text)
        if read is None:
            return None
        amount, tolerance = read
        return cls(text=text, amount=amount, page=page, tolerance=tolerance)

    def matches(self, amount: float) -> bool:
        return abs(self.amount - amount) <= self.tolerance + 0.5

    @property
    def exact(self) -> Decimal:
        """The amount as printed, in decimal arithmetic, for the sums and differences an
        answer works out: ``amount`` is a float, which rounds past 15 digits."""
        from .figures import printed_amount

        value = printed_amount(self.text)
        return value if value is not None else Decimal(str(self.amount))


@dataclass(frozen=True)
class Value:
    """One cell of an indicator table, kept raw and parsed.

    ``kind`` is number, boolean, tbd, none (``-``, ``N/A`` or a blank cell) or text; a value
    that is not a number never gets one, so "-" and TBD are never read as 0.
    """

    raw: str
    kind: str
    number: float | None = None
    flag: bool | None = None

    @classmethod
    def parse(cls, raw: str | None) -> Value:
        raw = (raw or "").strip()
        upper = raw.upper()
        if raw in ("", "-", "–") or upper == "N/A":
            return cls(raw=raw, kind="none")
        if upper in ("TRUE", "YES"):
            return cls(raw=raw, kind="boolean", flag=True)
        if upper in ("FALSE", "NO"):
            return cls(raw=raw, kind="boolean", flag=False)
        if upper == "TBD":
            return cls(raw=raw, kind="tbd")
        if _NUMBER.match(raw):
            return cls(raw=raw, kind="number", number=float(raw.rstrip("%").replace(",", "")))
        return cls(raw=raw, kind="text")

    @property
    def present(self) -> bool:
        return self.kind in ("number", "boolean", "text")

    def display(self) -> str:
        """The value for a sentence: a missing value is said to be missing, never 0."""
        if self.kind == "none":
            return "not given in the report" if self.raw != "N/A" else "N/A"
        if self.kind == "tbd":
            return "TBD (to be determined)"
        return self.raw


@dataclass(frozen=True)
class IndicatorRow:
    year: int | None
    kind: str  # one of ROW_KINDS
    planned: Value
    reported: Value
    page: int
    line: str

    def met(self) -> bool | None:
        """Whether a milestone or target was met; None when the report does not let us say."""
        planned, reported = self.planned, self.reported
        if planned.kind == "number" and reported.kind == "number":
            return reported.number >= planned.number
        if planned.kind == "boolean" and reported.kind == "boolean":
            return reported.flag or not planned.flag
        if planned.kind == "boolean" and reported.kind == "number" and planned.flag:
            return reported.number > 0
        return None


@dataclass
class Indicator:
    parent_code: str
    parent_kind: str  # "outcome" or "output"
    outcome_code: str
    statement: str
    rows: list[IndicatorRow] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    ordinal: int = 0  # position among the parent's indicators, to tell repeated statements apart
    data_year: int | None = None  # the "SHOWING DATA OF" year it was printed under

    @property
    def label(self) -> str:
        """The code an indicator is printed with (``SP 3.8.1``, ``2.1.1c``), if any."""
        match = re.match(
            r"^((?:SDG|SP)(?: Indicator)? \d+(?:\.\w+)+|\d+\.\d+\.\d+[a-z]):", self.statement
        ) or re.match(r"^(\d+\.\d+\.\d+[a-z]) ", self.statement)
        return match.group(1) if match else ""

    def row(self, kind: str, year: int | None = None) -> IndicatorRow | None:
        for row in self.rows:
            if row.kind == kind and (year is None or row.year == year):
                return row
        return None


@dataclass
class FundingEntry:
    partner: str
    money: Money
    core: bool
    # The year column it is printed under, where the funding table has one per year; None
    # where the table prints one amount (of the year the report shows data for).
    year: int | None = None


@dataclass
class Outcome:
    code: str
    iati_id: str = ""
    statement: str = ""
    statement_page: int = 0
    description: str = ""
    description_page: int = 0
    sdg_alignment: list[str] = field(default_factory=list)
    impact_areas: list[str] = field(default_factory=list)
    organizational_outputs: list[str] = field(default_factory=list)
    policy_marker: str = ""
    un_partners: list[str] = field(default_factory=list)
    un_partners_page: int = 0
    humanitarian_scope: str = ""
    un_system_functions: list[str] = field(default_factory=list)
    details_page: int = 0
    planned: Money | None = None
    actual: Money | None = None
    funding: list[FundingEntry] = field(default_factory=list)
    total_non_core: Money | None = None
    plan_period: str = ""
    pages: list[int] = field(default_factory=list)
    data_year: int | None = None

    @property
    def core(self) -> list[FundingEntry]:
        return [entry for entry in self.funding if entry.core]

    @property
    def non_core(self) -> list[FundingEntry]:
        return [entry for entry in self.funding if not entry.core]


@dataclass
class Output:
    code: str
    outcome_code: str
    statement: str = ""
    statement_page: int = 0
    planned: Money | None = None
    actual: Money | None = None
    shortfall: Money | None = None
    expenses: Money | None = None
    pages: list[int] = field(default_factory=list)
    data_year: int | None = None


@dataclass
class Narrative:
    """One paragraph of an outcome's progress note."""

    outcome_code: str
    paragraph: int
    text: str
    pages: list[int] = field(default_factory=list)
    # Where in ``text`` each of ``pages`` begins, so a sentence is cited to its own page
    # when a paragraph runs over a page break.
    page_offsets: list[int] = field(default_factory=list)
    data_year: int | None = None  # a file can hold notes of several years

    def page_at(self, offset: int) -> int:
        """The page the character at ``offset`` stands on."""
        page = self.pages[0] if self.pages else 1
        for start, number in zip(self.page_offsets, self.pages, strict=False):
            if start <= offset:
                page = number
        return page


@dataclass
class Report:
    """Everything parsed from one report file."""

    file: str
    pages: list[str]
    outcomes: list[Outcome] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    data_year: int | None = None  # the latest year the report shows data of
    sample: bool = False
    warnings: list[str] = field(default_factory=list)
    office: str = ""  # as the report's header names it, when it does
    data_years: list[int] = field(default_factory=list)

    @property
    def office_code(self) -> str:
        """The prefix most of its codes carry: a country's ISO3, a region's, an office's."""
        codes = [outcome.code.split("_")[0] for outcome in self.outcomes]
        return max(sorted(set(codes)), key=codes.count) if codes else ""

    @property
    def iso3(self) -> str:
        """The country the report is about: the header's office when it names a country
        (Kenya's pages print codes like RD_D_1.1), else the codes' prefix when it is one."""
        from .countries import country_in, is_country

        return country_in(self.office) or (self.office_code if is_country(self.office_code) else "")

    @property
    def plan_period(self) -> str:
        periods = [outcome.plan_period for outcome in self.outcomes if outcome.plan_period]
        return max(sorted(set(periods)), key=periods.count) if periods else ""

    @property
    def is_results_report(self) -> bool:
        return bool(self.outcomes)

    def output(self, code: str) -> Output | None:
        return next((output for output in self.outputs if output.code == code), None)


def to_dict(record: Any) -> dict:
    return asdict(record)


def money_from_dict(data: dict | None) -> Money | None:
    return Money(**data) if data else None


def value_from_dict(data: dict) -> Value:
    return Value(**data)


def row_from_dict(data: dict) -> IndicatorRow:
    return IndicatorRow(
        year=data["year"],
        kind=data["kind"],
        planned=value_from_dict(data["planned"]),
        reported=value_from_dict(data["reported"]),
        page=data["page"],
        line=data["line"],
    )


def outcome_from_dict(data: dict) -> Outcome:
    data = dict(data)
    data["planned"] = money_from_dict(data.get("planned"))
    data["actual"] = money_from_dict(data.get("actual"))
    data["total_non_core"] = money_from_dict(data.get("total_non_core"))
    data["funding"] = [
        FundingEntry(
            partner=f["partner"], money=Money(**f["money"]), core=f["core"], year=f.get("year")
        )
        for f in data.get("funding", [])
    ]
    return Outcome(**data)


def output_from_dict(data: dict) -> Output:
    data = dict(data)
    for key in ("planned", "actual", "shortfall", "expenses"):
        data[key] = money_from_dict(data.get(key))
    return Output(**data)


def indicator_from_dict(data: dict) -> Indicator:
    data = dict(data)
    data["rows"] = [row_from_dict(row) for row in data.get("rows", [])]
    return Indicator(**data)
