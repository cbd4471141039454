"""Questions about the collection itself — which offices, countries, years and documents are
indexed — answered from the catalog's documents, each cited to its file."""

from __future__ import annotations

from ..catalog import code_under
from .compose import Miss, Reply
from .model import Answer, Fact


def collection(q, s) -> Answer:
    """The indexed reports in the question's scope: office, plan period, the years of data
    each shows, its outcomes, and whether it is a fictional sample."""
    documents = list(s.catalog.documents.values())
    if q.regions:
        documents = [d for d in documents if _in_regions(d, q.regions)]
    if q.iso3s:
        documents = [
            d for d in documents if d.get("iso3") in q.iso3s or d.get("office_code") in q.iso3s
        ]
    if not documents:
        raise Miss("no indexed report is in that scope", [], specific=bool(q.iso3s))
    offices: dict[str, list[dict]] = {}
    for document in documents:
        offices.setdefault(document.get("office") or document.get("file"), []).append(document)
    reply = Reply()
    years = sorted({y for d in documents for y in _years(d)})
    reply.lines.append(
        f"{len(documents)} report{'s' if len(documents) != 1 else ''} indexed"
        f"{_scope(q, s)}, from {len(offices)} office{'s' if len(offices) != 1 else ''}"
        + (f", with data for {_span(years)}" if years else "")
        + ":"
    )
    for office, held in sorted(offices.items()):
        held.sort(key=lambda d: d.get("data_year") or 0)
        editions = "; ".join(_document(d) for d in held)
        reply.lines.append(f"- {office}: {editions}.")
        for document in held:
            shown = ", ".join(str(y) for y in _years(document)) or "not stated"
            reply.facts.append(
                Fact(
                    "report indexed",
                    office,
                    shown,
                    shown,
                    "years",
                    document.get("data_year") or None,
                    document["file"],
                    1,
                    source="catalog",
                )
            )
            reply.citations.append(_citation(document))
    return reply.answer(q.text)


def _in_regions(document: dict, regions: list[str]) -> bool:
    """Whether a report's country lies in one of ``regions`` (countryinfo's regions and
    subregions); a regional office's report is in the region its name says."""
    from functools import lru_cache

    @lru_cache(maxsize=256)
    def where(iso3: str) -> tuple[str, str]:
        from countryinfo import CountryInfo

        try:
            info = CountryInfo(iso3)
            return info.region() or "", info.subregion() or ""
        except Exception:  # no data for it
            return "", ""

    iso3 = document.get("iso3") or ""
    if iso3:
        region, subregion = where(iso3)
        return any(r.lower() in (region.lower(), subregion.lower()) for r in regions)
    office = str(document.get("office") or "").lower()
    return any(r.lower() in office for r in regions)


def _years(document: dict) -> list[int]:
    raw = str(document.get("data_years") or document.get("data_year") or "")
    return sorted({int(y) for y in raw.split(",") if y.strip().isdigit() and int(y)})


def _span(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


def _document(document: dict) -> str:
    years = ", ".join(str(y) for y in _years(document)) or "no year stated"
    plan = f"plan {document['plan_period']}, " if document.get("plan_period") else ""
    sample = " — fictional sample" if document.get("sample") else ""
    outcomes = [o for o in str(document.get("outcomes") or "").split(",") if o]
    held = f", {len(outcomes)} outcome{'s' if len(outcomes) != 1 else ''}: {', '.join(outcomes)}"
    held = held if outcomes else ""
    return f"{document['file']} ({plan}data for {years}{held}){sample}"


def _scope(q, s) -> str:
    if q.regions and not q.iso3s:
        return " for " + ", ".join(q.regions)
    if not q.iso3s:
        return ""
    names = sorted({s.catalog.countries.get(i, i) for i in q.iso3s})
    return " for " + ", ".join(names)


def _citation(document: dict):
    from .model import Citation

    years = ", ".join(str(y) for y in _years(document))
    return Citation(
        document["file"],
        1,
        "Indexed report",
        f"{document.get('office', '')}, plan {document.get('plan_period', '')}, data for {years}",
    )


def codes(q, s) -> Answer:
    """The code of the outcome or output a question describes ("what's the code of
    Bangladesh's outcome on ending violence?"), with its statement, cited to its page; every
    outcome in scope when the description names none."""
    named = [s.catalog.entry(r.id) for r in q.records if r.kind in ("outcome", "output")]
    named = [e for e in named if e is not None]
    if q.level == "output" and named and all(e.kind == "outcome" for e in named):
        # "What outputs sit under the humanitarian outcome?": the outputs of that outcome.
        named = [
            e
            for e in s.scoped("output", q)
            if any(e.file == o.file and code_under(e.record.code, o.record.code) for o in named)
        ]
    # "what is MEX_D_2.1.3 about?": the records named by their codes, of either kind.
    coded = [
        e
        for kind in ((q.level,) if q.level in ("outcome", "output") else ("outcome", "output"))
        for e in s.scoped(kind, q)
        if e.record.code in q.codes
    ]
    entries = named or coded or list(s.scoped(q.level or "outcome", q))
    if not entries:
        raise Miss("no outcome or output in that scope")
    reply = Reply()
    for entry in entries[:12]:
        record = entry.record
        page = getattr(record, "statement_page", 0) or entry.meta.get("page", 1)
        reply.lines.append(
            f"{entry.kind.title()} {record.code} ({entry.country}): {record.statement}"
        )
        reply.cite(entry, page, f"{entry.kind.title()} {record.code}", record.statement)
    return reply.answer(q.text)
