"""Scope by arrays: the catalog's indexes pick exactly what a filter over every entry picks.

Warm questions at a thousand reports pick their records by the kinds' indexes (country,
code, year, figure, word) instead of looping over tens of thousands of entries; these tests
hold the indexes to the plain filters they replaced, on the corpus `make eval` builds (with
a report indexed in two editions).
"""

from __future__ import annotations

import pytest

from app.answering.search import Search
from app.answering.stated import sentences_in_scope, stating
from app.catalog import Catalog, catalog_for, code_under, codes_of, tokens
from app.resolve import ANY, Query
from indexing.store import open_store

KINDS = ["outcome", "output", "indicator", "sentence", "page"]
SCOPES = [
    # (countries, codes, years)
    ([], [], []),
    (["KEN"], [], []),
    (["KEN", "MEX"], [], []),
    (["BRA"], [], [2021]),
    (["BRA"], [], []),
    ([], ["MEX_D_2.1"], []),
    ([], ["MEX_D_2.1.1", "KEN_D_1"], []),
    (["KEN"], ["MEX_D_2"], []),
    ([], [], [2023]),
    (["ECA"], [], [2022, 2023]),
    (["NOWHERE"], [], []),
]


@pytest.fixture(scope="module")
def catalog(eval_store) -> Catalog:
    return catalog_for(open_store(eval_store))


def search(catalog: Catalog, years: list[int]) -> Search:
    found = Search(catalog, lambda texts: [[0.0] * 384 for _ in texts])
    found.years = years
    return found


def filtered(catalog: Catalog, kind: str, q: Query, years: list[int]) -> list:
    """The filter the indexes stand for, entry by entry."""
    out = []
    for entry in catalog.current(kind, years):
        if q.iso3s and entry.iso3 not in q.iso3s:
            continue
        codes = codes_of(entry)
        if q.codes and not (
            codes & set(q.codes) or any(code_under(c, code) for c in codes for code in q.codes)
        ):
            continue
        out.append(entry)
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("iso3s", "codes", "years"), SCOPES)
def test_scoped_picks_what_a_filter_over_every_entry_picks(catalog, kind, iso3s, codes, years):
    q = Query(text="", iso3s=iso3s, codes=codes, years=years)
    picked = search(catalog, years).scoped(kind, q)
    expected = filtered(catalog, kind, q, years)
    assert [e.id for e in picked] == [e.id for e in expected]
    assert len(picked) == len(expected)


def test_the_scopes_tested_pick_something_and_tell_editions_apart(catalog):
    q = Query(text="", iso3s=["BRA"])
    latest = {e.meta["file"] for e in search(catalog, []).scoped("output", q)}
    older = {e.meta["file"] for e in search(catalog, [2021]).scoped("output", q)}
    assert latest == {"sample_brazil_2023.pdf"} and older == {"sample_brazil_2021.pdf"}
    assert search(catalog, []).scoped("sentence", Query(text="", codes=["MEX_D_2.1"]))


@pytest.mark.parametrize("years", [[], [2021], [2022], [2023], [2019, 2023]])
@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("earlier", [True, False])
def test_sentences_of_a_year_are_those_of_its_reports_and_those_naming_it(
    catalog, years, strict, earlier
):
    q = Query(text="", years=years, earlier=earlier)
    s = search(catalog, years)
    picked = [e.id for e in sentences_in_scope(q, s, strict_years=strict)]
    every = catalog.current("sentence", years)
    wanted = set(years) | ({y + 1 for y in years} if earlier else set())
    dated = [
        e.id
        for e in every
        if not years or e.meta.get("data_year") in wanted or any(str(y) in e.text for y in years)
    ]
    assert picked == (dated if dated or strict else [e.id for e in every])


@pytest.mark.parametrize("asked", [ANY, {"percent"}, {"number", "money"}, set()])
def test_sentences_stating_a_figure_are_found_by_the_kind_of_figure(catalog, asked):
    q = Query(text="", iso3s=["KEN"], years=[2023])
    s = search(catalog, [2023])
    picked = [e.id for e in stating(q, s, asked)]
    expected = [
        e.id
        for e in sentences_in_scope(q, s, strict_years=True)
        if any(f.kind in asked for f in e.record.figures)
    ]
    assert picked == expected
    if asked:
        assert picked


@pytest.mark.parametrize(
    "words", ["protection orders", "women trained digital skills", "care system", "zzzz"]
)
@pytest.mark.parametrize("kind", ["sentence", "indicator"])
def test_the_best_share_of_words_is_the_largest_any_entry_holds(catalog, kind, words):
    wanted = set(tokens(words))
    s = search(catalog, [])
    entries = s.scoped(kind, Query(text=""))
    expected = max(
        (len(wanted & set(catalog.token_set(e))) / len(wanted) for e in entries), default=0.0
    )
    assert s.best_coverage(kind, wanted, entries) == expected
    assert s.best_coverage(kind, wanted, list(entries)[:7]) == max(
        len(wanted & set(catalog.token_set(e))) / len(wanted) for e in list(entries)[:7]
    )


def test_every_entry_is_found_by_its_id_whatever_its_kind(catalog):
    for kind in KINDS:
        for entry in catalog.of(kind)[:50]:
            assert catalog.entry(entry.id) is entry
    assert catalog.entry("no such id") is None
