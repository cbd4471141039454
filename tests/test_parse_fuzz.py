"""The parser under mutated input: it never raises, and it never invents a figure.

Mutations of the real seed text and of sample pages: lines dropped, repeated, swapped,
truncated, noise inserted, pages split anywhere. Whatever comes out, every amount and every
indicator row in the records must be text that stood in the input.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexing.parse import parse_pages
from indexing.sample_variants import VARIANTS
from indexing.samples import fictional_report, spec_report

NOISE = [
    "19/40",
    "https://open.unwomen.org/en",
    "Home Our reach",
    "OUTPUT STATEMENT",
    "",
    "Planned Budget:",
    "Shortfall: ",
    "$",
    "(Milestone)",
    "2021 (Milestone) 100",
    "OUTPUT MEX_D_9.9.9",
    "INDICATOR STATEMENT YEAR BMTS REPORTED RESULT",
    "STRATEGIC NOTE OUTCOME PROGRESS NOTE",
    "TOTAL OTHER RESOURCES (NON-CORE)",
    "SHOWING DATA OF : 2021",
    "RESOURCES",
    "OUTCOME DETAILS",
    "OUTCOME ECA_O_5",
    "OUTCOME RD_D_1.1 XM-DAC-41146-RD_D_1.1",
    "OUTCOME INDICATOR AND RESULTS PLAN PERIOD : 2017-2023",
    "SP 3.8.1: Number of laws",
]


def printed_text(pages) -> str:
    return "\n".join(
        line.text if line.cells is None else " ".join(c for c in line.cells if c)
        for page in pages
        for line in page
    )


@pytest.fixture(scope="module")
def sources(seed_text):
    # The seed, a sample in its layout, and samples in the other layouts offices print.
    texts = [seed_text, printed_text(fictional_report(2)[1])]
    texts += [printed_text(spec_report(spec)[1]) for spec in VARIANTS[:3] + VARIANTS[-1:]]
    return [text.splitlines() for text in texts]


@st.composite
def mutated(draw, sources):
    lines = list(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(0, 25))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "noise"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines.insert(at, draw(st.sampled_from(NOISE)))
    breaks = sorted(draw(st.lists(st.integers(0, len(lines)), max_size=6)))
    bounds = [0, *breaks, len(lines)]
    return ["\n".join(lines[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def figures_of(report):
    for outcome in report.outcomes:
        for money in (outcome.planned, outcome.actual, outcome.total_non_core):
            if money:
                yield money.text, money.page
        for entry in outcome.funding:
            yield entry.money.text, entry.money.page
    for output in report.outputs:
        for money in (output.planned, output.actual, output.shortfall, output.expenses):
            if money:
                yield money.text, money.page
    for indicator in report.indicators:
        for row in indicator.rows:
            yield row.line, row.page


def test_mutated_reports_parse_without_error_or_invented_figures(sources):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(sources))
    def check(pages):
        report = parse_pages("fuzz.pdf", pages)
        for text, page in figures_of(report):
            assert 1 <= page <= len(pages)
            assert text in " ".join(pages[page - 1].split()), (text, page)
        # A record is dated only by a year the input shows.
        shown = {int(y) for y in re.findall(r"SHOWING DATA OF\s*:\s*(\d{4})", "\n".join(pages))}
        records = [*report.outcomes, *report.outputs, *report.indicators, *report.narratives]
        assert {record.data_year for record in records} <= shown | {None}

    check()
