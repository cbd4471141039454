"""Reading the figures a draft states, and whether the sources state them."""

from __future__ import annotations

import pytest

from app.figures import citation_markers, countries, figures, misattributed, unsupported


@pytest.mark.parametrize(
    ("source", "draft", "supported"),
    [
        # Money, in any of the forms a briefing writer uses.
        ("Shortfall: $330 K", "a shortfall of $330 K", True),
        ("Shortfall: $330 K", "a shortfall of $330.00 K", True),
        ("Shortfall: $330 K", "a shortfall of 330,000", True),
        ("Shortfall: $330 K", "a shortfall of USD 0.33 million", True),
        ("Shortfall: $330 K", "a shortfall of US$330K", True),
        ("Shortfall: $330 K", "a shortfall of $330,400", False),  # more precise than printed
        ("Shortfall: $330 K", "a shortfall of $340 K", False),
        ("Planned: $3.07 M", "planned $3.1 million", True),  # rounded, still two digits
        ("Planned: $3.07 M", "planned $3.07M", True),
        ("Planned: $3.07 M", "planned 3.07 million dollars", True),
        ("Planned: $3.07 M", "planned $3 M", False),  # one digit says too little
        ("Planned: $3.07 M", "planned $3.2 M", False),
        ("Planned: $3.07 M", "planned $30.7 M", False),
        ("UN Women $14,958", "core funds of $15 K", True),
        ("UN Women $14,958", "core funds of $15,000", False),
        ("UN Women $14,958", "core funds of $14,958", True),
        # Counts, percentages and years.
        ("2021 result: 59", "59 women were reached", True),
        ("2021 result: 59", "60 women were reached", False),
        ("2021 result: 59", "59% of women", False),
        ("Coverage: 12%", "coverage of 12 per cent", True),
        ("Coverage: 12%", "coverage of 12 women", False),
        ("2021 milestone: 100", "in 2022", False),
        ("2021 milestone: 100", "in 2021", True),
        ("2021 milestone: 100", "$100", False),
        ("2021 milestone: 100", "fifty women", False),
        ("Target 20", "twenty women", True),
        # Codes are names, checked as names.
        ("output MEX_D_2.1.1: 59", "Output MEX_D_2.1.1 reached 59", True),
        ("output MEX_D_2.1.1: 59", "Output MEX_D_2.1.2 reached 59", False),
        ("indicator SP 3.8.1: 59", "indicator SP 3.8.1 reached 59", True),
    ],
)
def test_a_draft_figure_must_be_one_the_sources_state(source, draft, supported):
    assert (unsupported(draft, [source]) == []) is supported


def test_citation_markers_are_not_figures():
    assert citation_markers("Planned $3.07 M [1], shortfall $2.27 M [2, 3][4;5].") == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert [f.text for f in figures("Planned $3.07 M [1].")] == ["$3.07 M"]


def test_unsupported_names_each_figure_the_sources_lack():
    draft = "Planned $3.07 M [1] against $9.9 M spent, 45% of it in 2023 [2]."
    assert unsupported(draft, ["Planned Budget: $3.07 M", "2022"]) == ["$9.9 M", "45%", "2023"]


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        ("A shortfall of $2.27 M against planned $3.07 M [1].", None),
        ("Shortfall $2.27 M (planned $3.07 M, actual $804.98 K) [1].", None),
        ("Of the $3.07 M planned, $804.98 K was spent [1].", None),
        (
            "A shortfall of $3.07 M [1].",
            "the draft gives $3.07 M as the shortfall; the reports give it as the planned",
        ),
        (
            "The milestone was 59 [1].",
            "the draft gives 59 as the milestone; the reports give it as the reported result",
        ),
        (
            "Core funds were $203,202 [1].",
            "the draft gives $203,202 as the core; the reports give it as the non-core",
        ),
        ("Non-core funds were $203,202 [1].", None),
    ],
)
def test_a_figure_given_under_another_name_is_caught(draft, problem):
    facts = [
        ("shortfall", "$2.27 M"),
        ("planned", "$3.07 M"),
        ("actual", "$804.98 K"),
        ("milestone", "100"),
        ("reported result", "59"),
        ("non-core", "$203,202"),
    ]
    assert misattributed(draft, facts) == ([problem] if problem else [])


def test_other_currencies_and_worked_out_multiples_are_not_the_reports_figures():
    assert unsupported("€3.07 M", ["Planned: $3.07 M"]) == ["€3.07 M"]
    assert unsupported("nearly half the plan", ["Planned: $3.07 M"]) == ["half"]


def test_countries_named_in_a_text():
    assert countries("Shortfalls in Mexico and Kenya, not in Chad.") == {"mexico", "kenya", "chad"}


@pytest.mark.parametrize(
    ("sentence", "text", "value", "kind"),
    [
        # Money, in every print seen on the portal's progress notes.
        (
            "the CO managed a budget of USD 1 ,482,310.50, and",
            "USD 1 ,482,310.50",
            1482310.5,
            "money",
        ),
        (
            "the office helped mobilize 42.6M USD through 21 agreements",
            "42.6M USD",
            42.6e6,
            "money",
        ),
        ("a grant of US$ 75,000 from Japan", "US$ 75,000", 75000, "money"),
        ("grants averaging US 75,000 each", "US 75,000", 75000, "money"),
        ("USD 612,400 was raised", "USD 612,400", 612400, "money"),
        ("wages of $1.2 million reached", "$1.2 million", 1.2e6, "money"),
        ("ADA contributed EUR 250,000 to it", "EUR 250,000", 250000, "foreign"),
        # Shares and counts.
        ("the overall delivery rate was 64%", "64%", 64, "percent"),
        ("41,7% of side events were led by women", "41,7%", 41.7, "percent"),
        ("77 percent of them in camps", "77 percent", 77, "percent"),
        ("repayment stayed above 95 per cent", "95 per cent", 95, "percent"),
        ("an audience of 9 mil people", "9 mil", 9e6, "count"),
        ("312 women obtained protection orders", "312", 312, "count"),
        ("UN Women supported 4 out of 9 formal sessions", "4 out of 9", 4, "ratio"),
        ("12 out of 15 committees (80 percent) are co-chaired", "12 out of 15", 12, "ratio"),
    ],
)
def test_the_prose_reader_reads_each_print_the_portal_uses(sentence, text, value, kind):
    from indexing.figures import stated_figures

    found = {f.text: f for f in stated_figures(sentence)}
    assert text in found, [f.text for f in found.values()]
    figure = found[text]
    assert (figure.value, figure.kind) == (pytest.approx(value), kind)
    assert sentence[figure.start : figure.end] == text  # where it stands, to mark it


def test_a_compared_figure_is_the_earlier_one_and_keeps_its_year():
    from indexing.figures import stated_figures

    sentence = (
        "312 women obtained protection orders in the first six months of the year, compared "
        "to 285 in the same period of the year before; the delivery rate rose from 78% to "
        "91%, against 64% in 2022."
    )
    roles = {f.text: (f.role, f.year) for f in stated_figures(sentence)}
    assert roles["312"] == ("", None)
    assert roles["285"][0] == "earlier"
    assert roles["78%"][0] == "earlier" and roles["91%"][0] == ""
    assert roles["64%"] == ("earlier", 2022)
    assert "2022" not in roles  # a year is not a stated figure


@pytest.mark.parametrize(
    "sentence",
    [
        "SDG 5 and SDG 5.2 are the goals",  # goals are names
        "output MEX_D_2.1.1 and indicator SP 3.8.1",  # codes are names
        "TOP priorities for the US 2023 elections",  # a year after US is a year
    ],
)
def test_names_and_years_are_not_stated_figures(sentence):
    from indexing.figures import stated_figures

    assert stated_figures(sentence) == []


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        (" women survivors of violence in Dhaka accessed shelter", "women survivors"),
        (" seats in the municipal councils", "seats"),
        (" were women", ""),
        (" calls, and 63% of callers", "calls"),
        (" new partnership agreements and mobilised", "new partnership agreements"),
        (" more one-stop centres", "more one-stop centres"),
    ],
)
def test_the_noun_after_a_figure_is_what_it_counts(text, noun):
    from indexing.figures import noun_after

    assert noun_after(text) == noun


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many one-stop centres are operating in Bangladesh?", "one-stop centres"),
        ("How many of the women elected to Kisumu's councils were under 35?", "women elected"),
        ("how many more women mediators would it need?", "more women mediators"),
        (
            "MX - # multi-stakeholder dialogue processes, output 2.1.3",
            "multi-stakeholder dialogue processes",
        ),
        ("What was the planned budget?", ""),
        ("and how many of them got elected?", ""),
    ],
)
def test_a_question_counts_the_noun_after_how_many(question, counted):
    from indexing.figures import counted_in_question

    assert counted_in_question(question) == counted


@pytest.mark.parametrize(
    ("sentence", "figure", "each"),
    [
        (
            "163 women received seed grants averaging US 1,500 each, financed by Sweden.",
            "US 1,500",
            "each",
        ),
        ("Households received USD 300 per household in cash.", "USD 300", "per household"),
        ("The office mobilised USD 300,000 from Japan.", "USD 300,000", ""),
    ],
)
def test_a_figure_for_one_of_many_is_told_by_the_words_after_it(sentence, figure, each):
    from indexing.figures import per_unit, stated_figures

    (found,) = [f for f in stated_figures(sentence) if f.text == figure]
    assert per_unit(sentence, found) == each


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("The balance of places fell to -4,000 women.", [("-4,000", -4000)]),
        ("a change of −12% in 2023", [("−12%", -12), ("2023", 2023)]),
        # Ranges and periods keep their numbers unsigned.
        ("women aged 15-24 and 15 -24", [("15", 15), ("24", 24), ("15", 15), ("24", 24)]),
        ("in 2019-2022 and 2019 -2022", [("2019", 2019), ("2022", 2022)] * 2),
        ("- 4,000 women (a list's dash)", [("4,000", 4000)]),
    ],
)
def test_a_printed_minus_is_kept_and_a_range_is_not_read_as_one(text, printed):
    assert [(f.text, float(f.value)) for f in figures(text)] == printed


def test_a_run_of_text_far_longer_than_a_sentence_is_read_in_pieces_with_every_figure_kept():
    from indexing.figures import MAX_SENTENCE_CHARS, stated_figures

    # A page of tiny print with no full stop: 2,000 clauses, 6,000 figures, 110,000 chars.
    line = " ".join(
        f"and {i + 3000:,} women were trained in district {i % 97} with grants of "
        f"{(i + 1) * 1000:,} each,"
        for i in range(2000)
    )
    read = stated_figures(line)
    assert len(line) > 50 * MAX_SENTENCE_CHARS
    assert [f.text for f in read][:4] == ["3,000", "0", "1,000", "3,001"]
    assert len(read) == 6000
    assert all(line[f.start : f.end] == f.text for f in read)  # offsets into the whole line
    assert [f.start for f in read] == sorted(f.start for f in read)
