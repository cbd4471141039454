"""Charts for answers a person would rather look at than read. No Streamlit here: the
chat draws what these functions return."""

from __future__ import annotations

from dataclasses import dataclass

from .answering.model import SAMPLE_MARK, Answer
from .catalog import Catalog, Entry

EXPORT_WIDTH, EXPORT_HEIGHT = 520, 260  # the exported picture's plot, in CSS pixels


@dataclass
class Chart:
    title: str
    source: str  # "file, pages …": every chart says where its figures come from
    rows: list[dict]
    kind: str  # "budget" or "indicator"

    def png(self, scale: float = 2.0) -> bytes:
        """The chart as a PNG, drawn here (vl-convert: no browser, no network), its title
        and source line included; ``scale`` 2 prints sharp at 6 inches wide."""
        import vl_convert

        spec = self.altair().properties(width=EXPORT_WIDTH, height=EXPORT_HEIGHT).to_dict()
        return vl_convert.vegalite_to_png(spec, scale=scale)

    def altair(self):
        import altair as alt

        data = alt.Data(values=self.rows)
        if self.kind == "budget":
            return (
                alt.Chart(data, title=alt.Title(self.title, subtitle=f"Source: {self.source}"))
                .mark_bar()
                .encode(
                    x=alt.X("output:N", title="Output"),
                    xOffset=alt.XOffset("measure:N", sort=["planned", "actual", "expenses"]),
                    y=alt.Y("amount:Q", title="USD", axis=alt.Axis(format="$,.0f")),
                    color=alt.Color(
                        "measure:N", sort=["planned", "actual", "expenses"], title=None
                    ),
                    tooltip=["output:N", "measure:N", "display:N"],
                )
            )
        return (
            alt.Chart(data, title=alt.Title(self.title, subtitle=f"Source: {self.source}"))
            .mark_line(point=True)
            .encode(
                x=alt.X("year:O", title="Year"),
                y=alt.Y("value:Q", title="Value"),
                color=alt.Color("series:N", title=None),
                tooltip=["year:O", "series:N", "display:N"]
                + (["cited:N"] if self.kind == "editions" else []),
            )
        )


def chart_for(answer: Answer, catalog: Catalog) -> Chart | None:
    """A chart for a budget or an indicator answer, or for a figure across a report's
    editions; None when a chart would not help. A chart of an answer drawn from a fictional
    sample says so in its source line."""
    chart = _chart_for(answer, catalog)
    if chart is not None and any(c.sample for c in (*answer.facts, *answer.citations)):
        chart.source += SAMPLE_MARK
    return chart


def _chart_for(answer: Answer, catalog: Catalog) -> Chart | None:
    across = editions_chart(answer, catalog)
    if across is not None:
        return across
    entries = [e for e in map(catalog.entry, answer.records) if e is not None]
    indicator = next((e for e in entries if e.kind == "indicator"), None)
    if indicator is not None and len({e.id for e in entries if e.kind == "indicator"}) == 1:
        return indicator_chart(indicator)
    budgets = [e for e in entries if e.kind in ("output", "outcome")]
    budget_facts = {"planned", "actual", "shortfall", "expenses"}
    # One outcome's outputs, the one the answer is about: an answer across outcomes or
    # reports gets no chart rather than a chart of only the first of them.
    outcomes = {(e.file, getattr(e.record, "outcome_code", None) or e.record.code) for e in budgets}
    if len(outcomes) == 1 and any(f.what in budget_facts for f in answer.facts):
        ((file, outcome_code),) = outcomes
        return budget_chart(catalog, file, outcome_code)
    return None


def budget_chart(catalog: Catalog, file: str, outcome_code: str) -> Chart | None:
    outputs = [
        e for e in catalog.of("output") if e.file == file and e.record.outcome_code == outcome_code
    ]
    rows, pages = [], set()
    for entry in outputs:
        for measure in ("planned", "actual", "expenses"):
            money = getattr(entry.record, measure)
            if money is not None:
                rows.append(
                    {
                        "output": entry.record.code,
                        "measure": measure,
                        "amount": money.amount,
                        "display": money.text,
                    }
                )
                pages.add(money.page)
    if not rows:
        return None
    return Chart(
        title=f"Outputs of {outcome_code}: planned, actual and expenses",
        source=f"{file}, pages {', '.join(map(str, sorted(pages)))}",
        rows=rows,
        kind="budget",
    )


def indicator_chart(entry: Entry) -> Chart | None:
    indicator = entry.record
    rows, pages = [], set()
    for row in indicator.rows:
        if row.year is None:
            continue
        series = {
            "Baseline": "baseline",
            "Milestone": "milestone / target",
            "Target": "milestone / target",
        }[row.kind]
        if row.planned.number is not None:
            rows.append(
                {
                    "year": row.year,
                    "series": series,
                    "value": row.planned.number,
                    "display": row.planned.raw,
                }
            )
            pages.add(row.page)
        if row.kind != "Baseline" and row.reported.number is not None:
            rows.append(
                {
                    "year": row.year,
                    "series": "reported result",
                    "value": row.reported.number,
                    "display": row.reported.raw,
                }
            )
            pages.add(row.page)
    if len(rows) < 2:
        return None
    title = (
        indicator.statement
        if len(indicator.statement) <= 80
        else (indicator.statement[:79].rsplit(" ", 1)[0] + "…")
    )
    return Chart(
        title=title,
        source=f"{entry.file}, pages {', '.join(map(str, sorted(pages)))}",
        rows=rows,
        kind="indicator",
    )


def editions_chart(answer: Answer, catalog: Catalog) -> Chart | None:
    """A line through a figure's value in each edition of a report that the answer cites,
    one point per edition, each point with the file and page it stands on."""
    by_file = {d["file"]: d for d in catalog.documents.values()}
    rows, sources = [], []
    for fact in answer.facts:
        document = by_file.get(fact.file)
        if (
            document is None
            or document["doc_id"] not in catalog.editions
            or not isinstance(fact.value, int | float)
        ):
            continue
        year = document.get("data_year")
        cited = f"{fact.file} p. {fact.page}"
        rows.append(
            {
                "year": year,
                "series": f"{fact.what} · {fact.subject}",
                "value": fact.value,
                "display": fact.display,
                "cited": cited,
            }
        )
        sources.append(f"{year}: {cited}")
    series_years = {}
    for row in rows:
        series_years.setdefault(row["series"], set()).add(row["year"])
    if not any(len(years) > 1 for years in series_years.values()):
        return None
    rows = [row for row in rows if len(series_years[row["series"]]) > 1]
    first = rows[0]["series"].split(" · ")
    return Chart(
        title=f"{first[0].replace('_', ' ').capitalize()} of {first[-1]}, edition by edition",
        source="; ".join(dict.fromkeys(sources)),
        rows=rows,
        kind="editions",
    )
