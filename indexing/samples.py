"""Build the bundled sample corpus: the real seed pages as a PDF, and fictional reports.

The fictional reports follow the Transparency Portal layout line for line (the same
headings, label/value order, tables and noise as the seed), with figures drawn from a seeded
random generator, so the same index always gives the same PDF. Every fictional page says
"Sample data: fictional figures". ``fictional_report`` returns the records it printed, which
the tests compare with what the parser reads back from the PDF.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from .parse import wrapped_offsets
from .records import (
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
from .sample_notes import note_paragraphs

SEED_TEXT = Path(__file__).parent / "sample_data" / "seed_MEX_D_2.1.txt"
SEED_FILE = "mexico_seed_pages.pdf"
# Where the seed text's pages are taken to start (1-based line numbers). Chosen so that
# tables run on over page breaks: inside a statement, between rows, after a header.
SEED_PAGE_STARTS = [1, 41, 89, 199, 286, 394, 474, 612, 697, 766, 809]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES_PER_PAGE = 46
SAMPLE_MARKER = "Sample data: fictional figures"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)

TABLE_HEADER_WITH_PARENT = "OUTCOME STATEMENT INDICATOR STATEMENT YEAR BMTS REPORTED RESULT"
TABLE_HEADER = "INDICATOR STATEMENT YEAR BMTS REPORTED RESULT"


# -- layout lines --------------------------------------------------------------------------
@dataclass
class PrintLine:
    """A line as the page shows it: plain text, or a table row in three columns."""

    text: str = ""
    cells: tuple[str, str, str] | None = None
    size: float = 9


def seed_pages() -> list[str]:
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    bounds = [start - 1 for start in SEED_PAGE_STARTS] + [len(lines)]
    return ["\n".join(lines[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def render_pdf(pages: list[list[PrintLine]], path: Path) -> None:
    """Write pages of lines to a PDF whose text layer reads back in the same order."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    for page in pages:
        pdf.add_page()
        y = 14.0
        # Long pages (the seed's) are set tighter so that they fit on A4.
        step = min(9 * 0.62, 275 / max(len(page), 1))
        for line in page:
            pdf.set_font("DejaVu", size=min(line.size, step / 0.62 * line.size / 9))
            if line.cells:
                year_kind, planned, reported = line.cells
                pdf.text(105, y, year_kind)
                if planned:
                    pdf.text(150, y, planned)
                if reported:
                    pdf.text(178, y, reported)
            else:
                # A blank line is a lone space so the extractor returns an empty line for it.
                pdf.text(12, y, line.text or " ")
            y += step
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def seed_print_pages() -> list[list[PrintLine]]:
    pages = []
    for text in seed_pages():
        page = []
        for raw in text.split("\n"):
            page.append(PrintLine(text=raw.strip(), size=5 if len(raw) > 110 else 9))
        pages.append(page)
    return pages


# -- fictional content ---------------------------------------------------------------------
COUNTRIES = [
    ("KEN", "Kenya", "Nairobi", "Kisumu"),
    ("COL", "Colombia", "Bogotá", "Cauca"),
    ("BGD", "Bangladesh", "Dhaka", "Cox's Bazar"),
    ("JOR", "Jordan", "Amman", "Zaatari"),
    ("NPL", "Nepal", "Kathmandu", "Karnali"),
    ("SEN", "Senegal", "Dakar", "Kolda"),
    ("GTM", "Guatemala", "Guatemala City", "Alta Verapaz"),
    ("MAR", "Morocco", "Rabat", "Souss-Massa"),
]

THEMES = [
    {
        "topic": "violence",
        "statement": "By {end}, women and girls in {country} live a life free from all forms of "
        "violence, supported by survivor-centred services and prevention programmes.",
        "area": "Ending violence against women and girls",
        "output": [
            "Service providers in {city} and {region} deliver quality, survivor-centred "
            "essential services to women and girls who experience violence.",
            "Communities, faith leaders and young people in {region} challenge harmful "
            "social norms that condone violence against women.",
            "National statistics office produces and publishes data on the prevalence of "
            "violence against women.",
        ],
        "indicators": [
            "Number of women survivors of violence who accessed essential services "
            "supported by UN Women",
            "Number of community members reached with prevention campaigns on violence "
            "against women",
            "Number of police officers and health workers trained on survivor-centred response",
            "National action plan on ending violence against women is adopted",
        ],
    },
    {
        "topic": "leadership",
        "statement": "By {end}, women in {country} participate fully and lead in decision "
        "making at national and local levels.",
        "area": "Women's leadership and political participation",
        "output": [
            "Women candidates and elected women in {region} have the skills and networks "
            "to run for office and lead effectively.",
            "The electoral management body adopts gender-responsive electoral regulations "
            "and procedures.",
            "Political parties adopt and implement gender quotas in their internal rules.",
        ],
        "indicators": [
            "Number of women candidates trained in campaign skills and leadership",
            "Proportion of seats held by women in local councils (%)",
            "Number of political parties with gender quotas in their internal rules",
            "Gender-responsive electoral regulations are adopted",
        ],
    },
    {
        "topic": "economy",
        "statement": "By {end}, women in {country}, especially rural women, have income "
        "security, decent work and economic autonomy.",
        "area": "Women's economic empowerment",
        "output": [
            "Rural women producers in {region} adopt climate-resilient agricultural "
            "practices and access markets.",
            "Women entrepreneurs in {city} access finance, digital skills and business "
            "development services.",
            "The labour ministry integrates decent work standards for domestic workers "
            "into its inspection system.",
        ],
        "indicators": [
            "Number of rural women farmers using climate-resilient agricultural practices",
            "Number of women entrepreneurs who accessed credit through partner banks",
            "Number of women trained in digital and financial skills",
            "Number of cooperatives led by women with access to new markets",
        ],
    },
    {
        "topic": "humanitarian",
        "statement": "By {end}, women and girls in {country} contribute to and benefit from "
        "gender-responsive humanitarian action, disaster risk reduction and peace building.",
        "area": "Women, peace and security, humanitarian action and disaster risk reduction",
        "output": [
            "Women and girls in crisis-affected areas of {region} access livelihoods, "
            "protection and safe spaces.",
            "Humanitarian coordination mechanisms integrate gender analysis into needs "
            "assessments and response plans.",
            "Women peacebuilders in {region} take part in local peace and mediation processes.",
        ],
        "indicators": [
            "Number of women and girls reached with livelihood support in crisis settings",
            "Number of humanitarian response plans that include gender analysis",
            "Number of women mediators trained and deployed in local peace processes",
            "Number of safe spaces for women and girls operating in camps",
        ],
    },
]

DONORS = [
    "Government of Norway",
    "European Union",
    "Government of Sweden",
    "Korea International Cooperation Agency (KOICA)",
    "Multi-Partner Trust Fund Office",
    "UN Trust Fund to End Violence against Women",
    "Government of Canada",
    "Government of Australia",
]
UN_PARTNERS = ["FAO", "ILO", "IOM", "UNDP", "UNFPA", "UNHCR", "UNICEF", "WFP", "WHO"]
FUNCTIONS = [
    "Advocacy, communications and social mobilization",
    "Capacity development and technical assistance",
    "Coordination and Partnerships",
    "Direct support and service delivery",
    "Integrated policy advice and thought leadership",
]
ORG_OUTPUTS = [
    "Norms, laws, policies and institutions",
    "Financing for gender equality",
    "Access to services, goods and resources",
    "Social norms, attitudes and behaviours",
    "Women's voice, leadership and agency",
]


def money_text(amount: float) -> str:
    """Display an amount the way the portal does: $3.07 M, $804.98 K, $950."""
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.2f} M"
    if amount >= 1_000:
        return f"${amount / 1_000:.2f} K"
    return f"${amount:,.0f}"


def wrap(text: str, width: int = 46) -> list[str]:
    return textwrap.wrap(text, width=width, break_on_hyphens=False)


@dataclass
class _Builder:
    """Collects printed lines and the records they show, in one pass."""

    lines: list[PrintLine] = field(default_factory=list)
    # (record, attribute or None, line index) to fill in pages after pagination
    anchors: list[tuple[object, str | None, int]] = field(default_factory=list)

    def add(self, text: str = "", anchor=None, **kw) -> None:
        """``anchor`` is a record, or (record, what) where what is an attribute or a row."""
        if anchor is not None:
            record, what = anchor if isinstance(anchor, tuple) else (anchor, None)
            self.anchors.append((record, what, len(self.lines)))
        self.lines.append(PrintLine(text=text, **kw))

    def block(self, text: str, anchor=None, width: int = 46) -> None:
        for line in wrap(text, width):
            self.add(line, anchor)
        self.add()


def fictional_file(index: int) -> str:
    return fictional_spec(index).file


@lru_cache(maxsize=1)
def _more_offices() -> list[tuple[str, str]]:
    """(ISO3, name) of countries beyond ``COUNTRIES``, for corpora the size of the portal."""
    import pycountry

    taken = {iso3 for iso3, *_ in COUNTRIES} | {"MEX"}
    return [
        (c.alpha_3, getattr(c, "common_name", None) or c.name)
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_3)
        if c.alpha_3 not in taken
    ][: OFFICES - len(COUNTRIES)]


# A corpus beyond the first eight reports is the portal's shape: this many offices, each
# with yearly editions of its report (2023, 2022, …), as `make bench` indexes.
OFFICES = 125


@dataclass(frozen=True)
class Spec:
    """What one fictional report prints: the seed's layout, or one of its variants
    (``indexing.sample_variants``): another code prefix, an office header, outcomes without
    RESOURCES or indicator tables, ``_O_`` outcomes, SP-coded indicators, notes of several
    data years, another plan period."""

    file: str
    seed: str  # the random generator's; editions of one report share it
    prefix: str  # of the codes: a country's ISO3, a region's (ECA), an office's (RD)
    country: str
    city: str
    region: str
    header: str = ""  # the office as the page header names it
    plan_period: str = "2022-2025"
    data_years: tuple[int, ...] = (2023,)  # a note for each; the tables show the last
    # Per outcome: (D or O, has RESOURCES, has indicator tables). None: the seed's own
    # choice of 2 or 3 development outcomes with every section.
    outcomes: tuple[tuple[str, bool, bool], ...] | None = None
    sp_codes: bool = False  # indicators led by a Strategic Plan code
    themes: int = 2


def fictional_spec(index: int) -> Spec:
    if index < len(COUNTRIES):
        iso3, country, city, region = COUNTRIES[index]
        return Spec(
            f"sample_{country.lower()}.pdf",
            f"resultsqa-sample-{index}",
            iso3,
            country,
            city,
            region,
            themes=2 + index % 2,
        )
    # Further reports: other offices, and earlier editions of every office's report, so
    # that no two are copies of one report (``indexing.pipeline``: same office, plan
    # period and data year).
    others = _more_offices()
    position = index - len(COUNTRIES)
    office = position % OFFICES
    year = 2023 - position // OFFICES
    if office < len(COUNTRIES):
        iso3, country, city, region = COUNTRIES[office]
        year -= 1  # its 2023 edition is one of the first eight
    else:
        iso3, country = others[office - len(COUNTRIES)]
        city, region = "the capital", "the northern provinces"
    slug = re.sub(r"[^a-z]+", "-", country.lower()).strip("-")
    return Spec(
        f"sample_{slug}_{year}.pdf",
        f"resultsqa-sample-{index}",
        iso3,
        country,
        city,
        region,
        plan_period="2022-2025" if year >= 2020 else "2018-2021",
        data_years=(year,),
        themes=2 + index % 2,
    )


# Editions of one report print the same plan, and the later one more results and a
# larger budget.
def _scale(year: int) -> float:
    return max(0.2, 1.0 + (year - 2023) * 0.2)  # never nothing, however old the edition


ORG_STATEMENT = (
    "UN Women's {country} office is an effective and efficient organisation that delivers "
    "its programmes on time, manages its resources transparently and is accountable to "
    "the women and girls it serves."
)
ORG_THEME = {
    "topic": "effectiveness",
    "statement": ORG_STATEMENT,
    "area": "Organizational effectiveness and efficiency",
    "output": [
        "The {country} office plans, delivers and reports on its programmes on time.",
        "The {country} office mobilises resources from a broad base of partners.",
        "Staff of the {country} office have the skills and support to deliver results.",
    ],
    "indicators": [
        "Number of partnership agreements signed with new partners",
        "Number of audit recommendations closed on time",
        "Number of staff trained on results-based management",
        "Number of donors contributing other resources to the office",
    ],
}


def fictional_report(index: int) -> tuple[Report, list[list[PrintLine]]]:
    """The records of fictional report ``index`` and the pages that print them."""
    return spec_report(fictional_spec(index))


def spec_report(spec: Spec) -> tuple[Report, list[list[PrintLine]]]:
    """The records of the report ``spec`` describes and the pages that print them."""
    country, city, region = spec.country, spec.city, spec.region
    rng = random.Random(spec.seed)
    data_year = spec.data_years[-1]
    report = Report(file=spec.file, pages=[], data_year=data_year, sample=True)
    report.office = spec.header
    report.data_years = sorted(set(spec.data_years))
    b = _Builder()
    if spec.header:
        b.add(spec.header)
        b.add()
    layout = spec.outcomes or tuple(("D", True, True) for _ in range(spec.themes))
    themes = rng.sample(THEMES, k=sum(1 for kind, *_ in layout if kind == "D"))
    themes_left = iter(themes)
    for number, (kind, with_resources, with_indicators) in enumerate(layout, start=1):
        org = kind == "O"
        theme = ORG_THEME if org else next(themes_left)
        fill = {"country": country, "city": city, "region": region, "end": 2025}
        code = (
            f"{spec.prefix}_O_{number}" if org else f"{spec.prefix}_D_{number}.{rng.randint(1, 3)}"
        )
        outcome = Outcome(code=code, iati_id=f"XM-DAC-41146-{code}", plan_period=spec.plan_period)
        outcome.data_year = data_year
        outcome.statement = theme["statement"].format(**fill)
        outcome.description = (
            f"UN Women works with government, civil society and UN partners in {country} so "
            f"that {outcome.statement[9].lower()}{outcome.statement[10:]}"
        )
        outcome.impact_areas = [theme["area"]]
        outcome.organizational_outputs = rng.sample(ORG_OUTPUTS, k=2)
        outcome.un_partners = sorted(rng.sample(UN_PARTNERS, k=rng.randint(2, 4)))
        outcome.humanitarian_scope = "Yes" if theme["topic"] == "humanitarian" else "No"
        outcome.un_system_functions = rng.sample(FUNCTIONS, k=2)
        report.outcomes.append(outcome)

        b.add(f"OUTCOME {code} {outcome.iati_id}", outcome)
        b.add()
        b.block(outcome.statement, (outcome, "statement_page"), width=88)
        b.add("OUTCOME DETAILS")
        b.add()
        b.add("SDG alignment")
        b.add()
        # List items stand on one line each, however long, as in the portal's layout.
        b.add("Impact areas")
        b.add()
        b.add(theme["area"])
        b.add()
        b.add("Organizational outputs")
        b.add()
        for item in outcome.organizational_outputs:
            b.add(item)
            b.add()
        b.add("Policy Marker")
        b.add()
        b.add("Outcome Description")
        b.add()
        b.block(outcome.description, (outcome, "description_page"), width=88)
        b.add("UN Partners", (outcome, "un_partners_page"))
        for partner in outcome.un_partners:
            b.add(partner)
            b.add()
        b.add("Home Our reach")
        b.add("https://open.unwomen.org/en")
        b.add()
        b.add("GENDER EQUALITY")
        b.add()
        b.add("Humanitarian Scope")
        b.add(outcome.humanitarian_scope)
        b.add()
        b.add("UN System Function")
        for function in outcome.un_system_functions:
            b.add(function)
            b.add()

        # Outputs first, so that the outcome's budget can be printed as their total.
        outputs = []
        chosen = rng.sample(theme["output"], k=2 + rng.randint(0, 1)) if with_indicators else []
        for out_number, statement in enumerate(chosen, start=1):
            planned = rng.randint(12, 320) * 5_000 + rng.randint(0, 999) * 10
            actual = int(planned * rng.uniform(0.35, 0.98)) // 10 * 10
            expenses = int(actual * rng.uniform(0.7, 1.08)) // 10 * 10
            if _scale(data_year) != 1:
                planned, actual, expenses = (
                    int(amount * _scale(data_year)) // 10 * 10
                    for amount in (planned, actual, expenses)
                )
            output = Output(
                code=f"{code}.{out_number}",
                outcome_code=code,
                statement=statement.format(**fill),
            )
            output.planned = Money.parse(money_text(planned), 0)
            output.actual = Money.parse(money_text(actual), 0)
            output.shortfall = Money.parse(money_text(planned - actual), 0)
            output.expenses = Money.parse(money_text(expenses), 0)
            outputs.append((output, actual))
        core = rng.randint(10, 90) * 1_000 + rng.randint(0, 999)
        actual_total = sum(actual for _, actual in outputs)
        donors = rng.sample(DONORS, k=rng.randint(1, 3))
        shares = [rng.uniform(1, 3) for _ in donors]
        remaining = max(actual_total - core, 10_000)
        amounts = [int(remaining * share / sum(shares)) for share in shares]
        amounts[-1] = remaining - sum(amounts[:-1])
        outcome.funding = [FundingEntry("UN Women", Money.parse(f"${core:,}", 0), True)] + [
            FundingEntry(donor, Money.parse(f"${amount:,}", 0), False)
            for donor, amount in zip(donors, amounts, strict=True)
        ]
        outcome.total_non_core = Money.parse(f"${sum(amounts):,}", 0)
        outcome.actual = Money.parse(money_text(core + sum(amounts)), 0)
        planned_total = sum(output.planned.amount for output, _ in outputs) * rng.uniform(0.5, 1)
        outcome.planned = Money.parse(money_text(round(planned_total, -1)), 0)
        if with_resources:
            _resources(b, outcome)
        else:
            outcome.planned = outcome.actual = outcome.total_non_core = None
            outcome.funding = []
        if not with_indicators:
            outcome.plan_period = ""  # printed with the indicator tables only
        else:
            _indicator_tables(b, rng, report, spec, theme, outcome, outputs)
        _notes(b, rng, report, spec, theme, outcome, number, fill)

    pages = _paginate(b, report)
    return report, pages


def _resources(b: _Builder, outcome: Outcome) -> None:
    b.add("RESOURCES")
    b.add()
    b.add(outcome.planned.text, (outcome, "planned"))
    b.add("Planned Budget")
    b.add()
    b.add(outcome.actual.text, (outcome, "actual"))
    b.add("Actual Budget")
    b.add()
    for label in ("PLANNED BUDGET", "ACTUAL BUDGET AND SHORTFALL", "EXPENSES"):
        b.add(label)
        b.add()
    b.add("Funding Partners")
    b.add()
    b.add("Regular resources (Core):")
    b.add()
    b.add("Other resources (Non-Core)/ Funding Partners:")
    b.add()
    b.add("TOTAL OTHER RESOURCES (NON-CORE)")
    b.add(outcome.total_non_core.text, (outcome, "total_non_core"))
    b.add()
    for entry in outcome.funding:
        b.add(entry.partner)
        b.add(entry.money.text, (entry, "money"))
        b.add()
    b.add("https://open.unwomen.org/en/partners/un-women")
    b.add()


def _indicator_tables(b, rng, report, spec: Spec, theme, outcome, outputs) -> None:
    country = spec.country
    code = outcome.code
    b.add(f"OUTCOME INDICATOR AND RESULTS PLAN PERIOD : {outcome.plan_period}")
    b.add()
    b.add(f"OUTCOME {code}")
    b.add()
    b.add("B - Baseline  M - Milestones  T - Target")
    b.add()

    pool = list(theme["indicators"])
    rng.shuffle(pool)
    for ordinal in range(1, 3):
        statement = f"{pool[ordinal - 1]} (outcome level, {country})"
        header = TABLE_HEADER_WITH_PARENT if ordinal == 1 else TABLE_HEADER
        parent_statement = outcome.statement if ordinal == 1 else None
        _indicator(
            b, rng, report, outcome, outcome, ordinal, statement, header, parent_statement, spec
        )

    b.add("OUTPUT INDICATOR AND RESULTS")
    b.add()
    for output, _ in outputs:
        report.outputs.append(output)
        b.add(f"OUTPUT {output.code}", output)
        b.add()
        statements = rng.sample(theme["indicators"], k=2 + rng.randint(0, 1))
        for ordinal, statement in enumerate(statements, start=1):
            header = TABLE_HEADER_WITH_PARENT if ordinal == 1 else TABLE_HEADER
            parent_statement = output.statement if ordinal == 1 else None
            _indicator(
                b,
                rng,
                report,
                outcome,
                output,
                ordinal,
                statement,
                header,
                parent_statement,
                spec,
            )
            if ordinal == 1:
                # Budget lines stand between the indicator tables, as in the real reports.
                b.add("Planned Budget:")
                b.add(output.planned.text, (output, "planned"))
                b.add()
                b.add("OUTPUT STATEMENT")
                b.add()
                b.add("Actual Budget and Shortfall:")
                b.add(output.actual.text, (output, "actual"))
                b.add()
                b.add(f"Shortfall: {output.shortfall.text}", (output, "shortfall"))
            if ordinal == 2:
                b.add("Expenses:")
                b.add(output.expenses.text, (output, "expenses"))
                b.add()
                b.add("OUTPUT STATEMENT")
                b.add()


def _notes(b, rng, report, spec: Spec, theme, outcome, number: int, fill: dict) -> None:
    """The outcome's progress notes: one per data year, each under its "showing data of"."""
    paragraph = 0
    for year in spec.data_years:
        b.add(f"SHOWING DATA OF : {year}")
        b.add()
        b.add("STRATEGIC NOTE OUTCOME PROGRESS NOTE")
        b.add()
        b.block(outcome.statement, width=120)
        seed = spec.seed.replace("-sample-", "-note-") + f"-{number}"
        if year != 2023:
            seed += f"-{year}"
        # The note's own figures come from a generator of their own, so that the tables'
        # figures stay what they were before the notes grew.
        note_rng = random.Random(seed)
        # The seed layout's notes draw from the tables' generator, as they always did;
        # other years' notes (and other editions) from their own.
        figures = rng if year == spec.data_years[-1] == 2023 else note_rng
        numbers = {
            "n1": figures.randint(300, 4000),
            "n2": figures.randint(2000, 40000),
            "n3": figures.randint(5, 60),
        }
        note_fill = {**fill, **numbers, "year": year, "donor": note_rng.choice(DONORS)}
        paragraphs = note_paragraphs(theme["topic"], number == 1, note_fill, note_rng)
        for text in paragraphs:
            paragraph += 1
            narrative = Narrative(
                outcome_code=outcome.code, paragraph=paragraph, text=text, data_year=year
            )
            report.narratives.append(narrative)
            lines = wrap(narrative.text, 120)
            for line, offset in zip(lines, wrapped_offsets(lines), strict=True):
                b.add(line, (narrative, offset), size=7)
            b.add()


def _indicator(
    b, rng, report, outcome, parent, ordinal, statement, header, parent_statement, spec: Spec
):
    if spec.sp_codes:
        # Strategic Plan codes lead some offices' statements: "SP 3.8.1: Number of …".
        statement = f"SP {rng.randint(1, 6)}.{rng.randint(1, 15)}.{ordinal}: {statement}"
    indicator = Indicator(
        parent_code=parent.code,
        parent_kind="outcome" if parent is outcome else "output",
        outcome_code=outcome.code,
        statement=statement,
        ordinal=ordinal,
        data_year=spec.data_years[-1],
    )
    report.indicators.append(indicator)
    b.add(header)
    b.add()
    if parent_statement:
        b.block(parent_statement, (parent, "statement_page") if parent is not outcome else None)
    b.block(statement, indicator)
    # Yes/no indicators are the ones about something being adopted; the rest are counts,
    # some of them with milestones still to be determined.
    style = "boolean" if "adopted" in statement else rng.choice(["count", "count", "count", "tbd"])
    base_year = rng.choice([2019, 2020, 2021])
    baseline = (
        str(rng.randint(0, 40)) if style == "count" else ("No" if style == "boolean" else "TBD")
    )
    rows = [(base_year, "Baseline", baseline, "N/A")]
    level = rng.randint(20, 400)
    for year in (2022, 2023, 2024):
        if style == "count":
            planned = str(level)
            reported = str(int(level * rng.uniform(0.5, 1.4))) if year <= 2023 else ""
            level = int(level * rng.uniform(1.2, 1.6))
        elif style == "boolean":
            planned = "TRUE" if year >= 2023 else "-"
            reported = rng.choice(["TRUE", "FALSE"]) if year <= 2023 else "-"
        else:
            planned = "TBD"
            reported = str(rng.randint(0, 30)) if year <= 2023 else "-"
        if year > spec.data_years[-1]:  # an earlier edition: not reported yet
            reported = "" if style == "count" else "-"
        rows.append((year, "Milestone", planned, reported))
    target = str(level) if style == "count" else ("Yes" if style == "boolean" else "TBD")
    rows.append((2025, "Target", target, "-"))
    for year, kind, planned, reported in rows:
        line = f"{year} ({kind}) {planned}" + (f" {reported}" if reported else "")
        row = IndicatorRow(year, kind, Value.parse(planned), Value.parse(reported), 0, line)
        indicator.rows.append(row)
        b.add(line, (indicator, row), cells=(f"{year} ({kind})", planned, reported))
        b.add()


def _paginate(b: _Builder, report: Report) -> list[list[PrintLine]]:
    body = LINES_PER_PAGE - 2
    chunks = [b.lines[i : i + body] for i in range(0, len(b.lines), body)]
    page_of_line = [i // body + 1 for i in range(len(b.lines))]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        marker = PrintLine(text=SAMPLE_MARKER, size=7)
        counter = PrintLine(text=f"{number}/{len(chunks)}", size=7)
        pages.append([marker, *chunk, counter])
    _fill_pages(b, page_of_line)
    return pages


def _fill_pages(b: _Builder, page_of_line: list[int]) -> None:
    for record, attribute, index in b.anchors:
        page = page_of_line[index]
        if isinstance(attribute, int):  # a line of a paragraph, by where it starts
            if page not in record.pages:
                record.pages.append(page)
                record.page_offsets.append(attribute)
        elif isinstance(attribute, IndicatorRow):
            rows = record.rows
            rows[rows.index(attribute)] = IndicatorRow(**{**attribute.__dict__, "page": page})
            _touch(record, page)
        elif attribute is None:
            _touch(record, page)
        elif attribute.endswith("_page"):
            if not getattr(record, attribute):
                setattr(record, attribute, page)
        else:
            money = getattr(record, attribute)
            setattr(record, attribute, Money(money.text, money.amount, page, money.tolerance))
            if hasattr(record, "pages"):
                _touch(record, page)


def _touch(record, page: int) -> None:
    if page not in record.pages:
        record.pages.append(page)


def build_samples(
    folder: Path, count: int = 4, include_seed: bool = True, variants: bool = False
) -> list[Path]:
    """Write the seed PDF, ``count`` fictional reports and, with ``variants``, the reports
    in other offices' layouts (``indexing.sample_variants``) into ``folder``; return their
    paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if include_seed:
        path = folder / SEED_FILE
        render_pdf(seed_print_pages(), path)
        written.append(path)
    specs = [fictional_spec(index) for index in range(count)]
    if variants:
        from .sample_variants import VARIANTS

        specs += VARIANTS
    for spec in specs:
        _, pages = spec_report(spec)
        path = folder / spec.file
        render_pdf(pages, path)
        written.append(path)
    return written
