"""Sums and differences an answer works out are exact: the amounts as printed, added in
decimal arithmetic, never rounded through floating point (issue 23)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.answering import Answerer
from indexing.pipeline import index_paths
from indexing.records import Money
from indexing.samples import render_pdf, seed_print_pages
from indexing.store import open_store

HUGE = "$9,999,999,999,999,999"


@pytest.fixture(scope="module")
def huge(tmp_path_factory, embedder) -> Answerer:
    """The seed report with its three outputs' planned budgets printed as $9,999,999,999,
    999,999, $1 and $1: a total floating point gives as 10,000,000,000,000,000."""
    pages = seed_print_pages()
    changed = 0
    for page in pages:
        for line in page:
            for old, new in (("$3.07 M", HUGE), ("$550.73 K", "$1"), ("$551.06 K", "$1")):
                if line.text == old:
                    line.text = new
                    changed += 1
    assert changed == 3
    folder = tmp_path_factory.mktemp("huge")
    render_pdf(pages, folder / "mexico_huge.pdf")
    store = open_store(folder / "store")
    summary = index_paths([folder / "mexico_huge.pdf"], store, embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed"]
    return Answerer(store, embedder=embedder)


def test_a_printed_amount_is_kept_exact_past_fifteen_digits():
    money = Money.parse(HUGE, page=5)
    assert money is not None
    assert money.exact == Decimal("9999999999999999")
    assert float(money.exact) != money.exact  # what a float would have made of it


def test_a_total_of_huge_amounts_is_the_exact_sum_of_what_is_printed(huge):
    answer = huge.ask("What is the total planned budget of the outputs under MEX_D_2.1?")
    assert "$10,000,000,000,000,001" in answer.answer, answer.answer
    assert "$10,000,000,000,000,000" not in answer.answer
    (total,) = [f for f in answer.facts if f.source == "computed"]
    assert total.display == "$10,000,000,000,000,001"
