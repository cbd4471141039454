"""Funding from the parsed tables: what a partner contributed, core and non-core resources, and
an outcome's details (UN partners, impact areas, humanitarian scope)."""

from __future__ import annotations

from decimal import Decimal

from indexing.records import Outcome

from ..catalog import tokens
from ..resolve import Query
from ..vocabulary import PERCENT
from . import naming
from .budgets import required_outcomes
from .compose import Miss, Reply, outcome_name, scope_words, year_note
from .model import Answer, Fact
from .search import Search

MONEY_TOPIC = {"funding", "funds", "fund", "money", "contribution", "contributions", "donor"}


def contribution(q: Query, s: Search) -> Answer:
    # The partner picks the outcomes; the question's topic only breaks a tie between
    # several outcomes the same partner funds.
    outcomes = s.outcomes_for(q, topic=False)
    if not q.partners and q.measure == "funding_partners" and (q.codes or q.iso3s):
        return core(q, s)  # "Who funds COL_D_3.2?": list them
    if not q.partners:
        partners = sorted({f.partner for e in outcomes for f in e.record.funding})
        raise Miss(
            "the indexed reports name no such funding partner",
            [f"Funding partners in scope: {', '.join(partners)}"] if partners else [],
        )
    entries = [(e, f) for e in outcomes for f in e.record.funding if f.partner in q.partners]
    entries = by_year_column(q, entries)
    partner_words = set(tokens(" ".join(q.partners)))
    topic = [w for w in q.topic if not set(tokens(w)) <= partner_words]
    # Words every funding line uses ("funding") tell no outcome apart.
    topic = [w for w in topic if w.lower() not in MONEY_TOPIC]
    # "more to its political participation outcome than to …", "which gets more, the
    # humanitarian one or the economic empowerment one?": both, side by side.
    two_asked = len(entries) == 2 and (
        q.operation == "difference" or q.aggregate in ("largest", "smallest", "compare")
    )
    if (
        len({e.id for e, _ in entries}) > 1
        and topic
        and naming.specific(topic, s.catalog)
        and not two_asked  # "more to its political participation outcome than to …": both
    ):
        funded = list({e.id: e for e, _ in entries}.values())
        ranked = s.rank("outcome", q, funded, text=" ".join(topic))
        if ranked and ranked[0][2] > 0:
            entries = [(e, f) for e, f in entries if e.id == ranked[0][0].id]
    if not entries:
        where = scope_words(q) or " in the indexed reports"
        raise Miss(
            f"{', '.join(q.partners)} funds no outcome{where}",
            [
                f"{e.record.code}: {', '.join(f.partner for f in e.record.funding)}"
                for e in outcomes[:5]
            ],
            specific=True,
        )
    reply = Reply()
    for entry, funding in entries:
        kind = "core (regular resources)" if funding.core else "non-core (other resources)"
        when = (
            f" in {funding.year} (the funding table's {funding.year} column)"
            if funding.year
            else year_note(entry)
        )
        reply.lines.append(
            f"{funding.partner} contributed {funding.money.text} in {kind} to "
            f"{outcome_name(entry.record, entry.country)}{when}."
        )
        reply.money(
            entry,
            "contribution",
            f"{funding.partner} → {entry.record.code}",
            funding.money,
            f"Outcome {entry.record.code} funding partners",
            f"{funding.partner} {funding.money.text}",
        )
    if len(entries) == 1 and q.asks and q.asks <= PERCENT:
        _share_of_funding(reply, *entries[0])
    partners = {f.partner for _, f in entries}
    if len(entries) == 2 and (two_asked or q.operation == "difference"):
        (one_entry, first), (other_entry, second) = sorted(
            entries, key=lambda pair: -pair[1].money.amount
        )
        gap = first.money.exact - second.money.exact
        if len(partners) == 2:
            said = f"{first.partner} gave ${gap:,.0f} more than {second.partner}"
            what = f"{first.partner} − {second.partner}"
        else:  # one partner, two outcomes
            said = (
                f"{first.partner} gave ${gap:,.0f} more to {one_entry.record.code} than to "
                f"{other_entry.record.code}"
            )
            what = f"{one_entry.record.code} − {other_entry.record.code}"
        reply.lines.append(
            f"{said} ({first.money.text} against {second.money.text}; worked out from the two "
            "printed amounts)."
        )
        reply.total("difference between contributions", what, gap)
        return reply.answer(q.text)
    if len(entries) > 1:
        total = sum((f.money.exact for _, f in entries), Decimal(0))
        codes = sorted({e.record.code for e, _ in entries})
        partners = " and ".join(sorted({f.partner for _, f in entries}))
        reply.lines.append(
            f"Together: ${total:,.0f} from {partners} to {len(codes)} outcome"
            f"{'s' if len(codes) != 1 else ''} ({', '.join(codes)}), the sum of the "
            f"{len(entries)} amounts above as printed."
        )
        reply.total("total contribution", ", ".join(codes), total)
    return reply.answer(q.text)


def by_year_column(q: Query, entries: list) -> list:
    """Of a funding table printed with a column per year, the amounts of the years asked
    (all of them when none is): an amount printed under 2023 is 2023's, whatever year the
    report shows data for."""
    dated = [(e, f) for e, f in entries if f.year is not None]
    if not dated or not q.years:
        return entries
    kept = [(e, f) for e, f in entries if f.year is None or f.year in q.years]
    if not kept:
        years = ", ".join(str(y) for y in sorted({f.year for _, f in dated}))
        raise Miss(
            f"the funding table prints amounts for {years} only, not for "
            + ", ".join(str(y) for y in q.years),
            specific=True,
        )
    return kept


def _share_of_funding(reply: Reply, entry, funding) -> None:
    """ "What share of the non-core comes from the EU?": the partner's amount over the
    total of its kind (non-core: the printed total, else the sum of the printed amounts)."""
    outcome = entry.record
    if funding.core:
        amounts, kind = [f.money.amount for f in outcome.core], "core (regular resources)"
        total = sum(amounts)
    else:
        kind = "non-core (other resources)"
        printed = outcome.total_non_core
        total = printed.amount if printed else sum(f.money.amount for f in outcome.non_core)
    if not total:
        return
    share = 100 * funding.money.amount / total
    reply.lines.append(
        f"That is {share:.0f}% of the {kind} of {outcome.code}, ${total:,.0f} in all "
        "(worked out from the printed amounts)."
    )
    reply.facts.append(
        Fact(
            "share of funding",
            f"{funding.partner} → {outcome.code}",
            f"{share:.0f}%",
            round(share, 1),
            "percent",
            None,
            "",
            0,
            source="computed",
        )
    )


def core(q: Query, s: Search) -> Answer:
    outcomes = required_outcomes(q, s)
    reply = Reply()
    if q.excluded_partners:
        return _others(q, outcomes)
    printed = [e for e in outcomes if e.record.funding or e.record.total_non_core]
    if not printed:
        codes = ", ".join(e.record.code for e in outcomes[:5])
        raise Miss(
            f"the report prints no funding partners for {codes} (its page has no RESOURCES "
            "section)",
            specific=True,
        )
    for entry in printed:
        outcome: Outcome = entry.record
        section = f"Outcome {outcome.code} funding partners"
        core_text = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.core) or "none listed"
        non_core = ", ".join(f"{f.partner} {f.money.text}" for f in outcome.non_core)
        total = outcome.total_non_core.text if outcome.total_non_core else "not given"
        reply.lines.append(
            f"{_title(outcome_name(outcome, entry.country))}: core (regular resources): "
            f"{core_text}; "
            f"non-core (other resources): total {total}"
            + (f" ({non_core})" if non_core else "")
            + f"{year_note(entry)}."
        )
        reply.funders(entry)
        if outcome.total_non_core:
            reply.money(
                entry,
                "total non-core",
                outcome.code,
                outcome.total_non_core,
                section,
                f"TOTAL OTHER RESOURCES (NON-CORE) {outcome.total_non_core.text}",
            )
    return reply.answer(q.text)


FIELD_LABELS = {
    "un_partners": "UN partners",
    "impact_areas": "impact areas",
    "humanitarian_scope": "humanitarian scope",
}


def outcome_field(q: Query, s: Search, name: str) -> Answer:
    outcomes = required_outcomes(q, s)
    reply = Reply()
    label = FIELD_LABELS[name]
    for entry in outcomes:
        outcome: Outcome = entry.record
        value = getattr(outcome, name)
        shown = ", ".join(value) if isinstance(value, list) else value
        page = outcome.un_partners_page if name == "un_partners" else outcome.details_page
        if not shown:
            reply.lines.append(f"Outcome {outcome.code}: the report lists no {label}.")
            continue
        reply.lines.append(
            f"{label[0].upper()}{label[1:]} of {outcome_name(outcome, entry.country)}: {shown}."
        )
        reply.facts.append(Fact(label, outcome.code, shown, shown, "names", None, entry.file, page))
        reply.cite(entry, page, f"Outcome {outcome.code} details", f"{label}: {shown}")
    return reply.answer(q.text)


def _title(text: str) -> str:
    return text[0].upper() + text[1:]


def _others(q: Query, outcomes) -> Answer:
    """ "Who else funds it?": every partner of the outcomes but those named before."""
    reply = Reply()
    besides = ", ".join(q.excluded_partners)
    for entry in outcomes:
        outcome: Outcome = entry.record
        others = [f for f in outcome.funding if f.partner not in q.excluded_partners]
        name = _title(outcome_name(outcome, entry.country))
        if not others:
            reply.lines.append(f"{name}: no funding partner besides {besides}{year_note(entry)}.")
            continue
        listed = ", ".join(
            f"{f.partner} {f.money.text} ({'core' if f.core else 'non-core'})" for f in others
        )
        reply.lines.append(f"{name}, besides {besides}: {listed}{year_note(entry)}.")
        section = f"Outcome {outcome.code} funding partners"
        for funding in others:
            reply.money(
                entry,
                "core" if funding.core else "non-core",
                f"{funding.partner} → {outcome.code}",
                funding.money,
                section,
                f"{funding.partner} {funding.money.text}",
            )
    return reply.answer(q.text)


def rank_partners(q: Query, s: Search) -> Answer:
    """The partner that gave the most (or least) to the outcomes in scope; over the partners
    the last answer listed when the question asks "which of them"."""
    outcomes = required_outcomes(q, s)
    allowed = set(q.over_previous)
    pairs = [
        (entry, funding)
        for entry in outcomes
        for funding in entry.record.funding
        if (not allowed or funding.partner in allowed)
        and funding.partner not in q.excluded_partners
    ]
    if not pairs:
        raise Miss("no funding partner with an amount in scope")
    reverse = q.aggregate != "smallest"
    pairs.sort(key=lambda pair: pair[1].money.amount, reverse=reverse)
    entry, best = pairs[0]
    word = "most" if reverse else "least"
    reply = Reply()
    among = f" of the {len(pairs)} listed" if allowed else ""
    reply.lines.append(
        f"{best.partner} gave the {word}{among}: {best.money.text} "
        f"({'core' if best.core else 'non-core'}) to "
        f"{outcome_name(entry.record, entry.country)}{year_note(entry)}."
    )
    if len(pairs) > 1:
        rest = ", ".join(f"{f.partner} {f.money.text}" for _, f in pairs[1:5])
        reply.lines.append(f"Then: {rest}.")
    for entry, funding in pairs[:5]:
        reply.money(
            entry,
            "contribution",
            f"{funding.partner} → {entry.record.code}",
            funding.money,
            f"Outcome {entry.record.code} funding partners",
            f"{funding.partner} {funding.money.text}",
        )
    return reply.answer(q.text)


def total_funding(q: Query, s: Search) -> Answer:
    """Core or non-core resources added up across the outcomes in scope: each outcome's
    printed total (non-core) or its core lines, summed as printed and said so; one outcome's
    own printed total when the scope holds one."""
    outcomes = required_outcomes(q, s)
    if len(outcomes) == 1:
        return core(q, s)  # one outcome: its partners and its printed total
    core_asked = q.measure == "core"
    reply = Reply()
    amounts = []
    for entry in outcomes:
        outcome: Outcome = entry.record
        section = f"Outcome {outcome.code} funding partners"
        if core_asked:
            for funding in outcome.core:
                amounts.append((entry, funding.money))
                reply.money(
                    entry,
                    "core",
                    f"{funding.partner} → {outcome.code}",
                    funding.money,
                    section,
                    f"{funding.partner} {funding.money.text}",
                )
        elif outcome.total_non_core:
            amounts.append((entry, outcome.total_non_core))
            reply.money(
                entry,
                "total non-core",
                outcome.code,
                outcome.total_non_core,
                section,
                f"TOTAL OTHER RESOURCES (NON-CORE) {outcome.total_non_core.text}",
            )
    if not amounts:
        what = "core resources" if core_asked else "non-core (other) resources"
        raise Miss(f"the reports in scope print no {what}", specific=True)
    what = "core (regular) resources" if core_asked else "non-core (other) resources"
    if len({e.id for e, _ in amounts}) == 1 and len(amounts) == 1:
        entry, money = amounts[0]
        reply.lines.append(
            f"{_title(outcome_name(entry.record, entry.country))}: total {what} "
            f"{money.text}{year_note(entry)}."
        )
        return reply.answer(q.text)
    total = sum((money.exact for _, money in amounts), Decimal(0))
    items = ", ".join(f"{e.record.code} {money.text}" for e, money in amounts)
    reply.lines.append(
        f"Total {what}{scope_words(q, s.catalog)}: ${total:,.0f} (the sum of {items}, as printed)."
    )
    reply.total(f"total {'core' if core_asked else 'non-core'}", items, total)
    return reply.answer(q.text)
