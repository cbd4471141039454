"""The figure a question asks about: each stated figure tied to what it counts, whose it is,
when and its role; evidence from report text only; years from the page; names for name
questions; the office from a bare header (issue 21). Answers run on the evaluation's index
of the portal-style reports of ``eval/portal.py`` (real PDFs, a real index)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.answering import Answerer
from eval.portal import build_portal, load_reports, report_pages
from eval.score import QUOTED, score_answer, year_shown
from indexing.figures import stated_figures
from indexing.parse import page_furniture, parse_pages
from indexing.pdftext import read_pdf
from indexing.samples import render_pdf
from indexing.sentences import report_sentences
from indexing.store import open_store


def facts(sentence: str) -> dict[str, tuple[str, str, str, str]]:
    return {f.text: (f.counts, f.owner, f.time, f.role) for f in stated_figures(sentence)}


# -- figure facts, read at index time ------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "figure", "counts", "owner", "time", "role"),
    [
        # Several figures in one sentence: each counts its own noun.
        (
            "Of the 1,240 participants, 720 were women and 85 were community leaders who now "
            "act as champions.",
            "85",
            "community leaders who now act as champions",
            "",
            "",
            "part",
        ),
        (
            "Of the 1,240 participants, 720 were women and 85 were community leaders.",
            "1,240",
            "participants",
            "",
            "",
            "total",
        ),
        (
            "The association grew from 450 to 1,300 members across all 9 districts.",
            "450",
            "members",
            "",
            "",
            "earlier",
        ),
        (
            "In 2021 the office managed a budget of USD 2,4 million and mobilized USD 300,000 "
            "from the Government of Japan.",
            "USD 300,000",
            "funding mobilized",  # a donor's money is its funding
            "Government of Japan",
            "2021",
            "",
        ),
        (
            "In 2021 the office managed a budget of USD 2,4 million and mobilized USD 300,000 "
            "from the Government of Japan.",
            "USD 2,4 million",
            "budget",
            "",
            "2021",
            "",
        ),
        (
            "The women-led cooperatives generated USD 45,000 in sales in 2024 alone.",
            "USD 45,000",
            "sales",
            "",
            "2024",
            "",
        ),
        (
            "In 2022, 84 market vendors (42 women and 42 men) in Baucau municipality were "
            "trained on financial literacy.",
            "84",
            "market vendors",
            "",  # where they are is its place (below), not whose they are
            "2022",
            "total",
        ),
        (
            "The delivery rate was 78%, compared to 66% in 2022.",
            "66%",
            "delivery rate",
            "",
            "2022",
            "earlier",
        ),
        (
            "In 2023, each of the 640 women heads of household received a cash transfer of "
            "USD 95 for protection and food.",
            "USD 95",
            "cash transfer",
            "",
            "2023",
            "per_unit",
        ),
        (
            "Between 2018 and 2020, 3,612 child marriages were annulled and 2,455 girls "
            "re-enrolled in school.",
            "2,455",
            "girls",
            "",
            "2018-2020",
            "",
        ),
        (
            "Some 410 women mediators between 18 and 60 years of age strengthened their skills "
            "in 2022.",
            "60",
            "age, upper bound",
            "",
            "",
            "other",
        ),
        # A share told again in parentheses counts what its count does, in the same role.
        (
            "In 2023, 14 out of 20 (70 percent) partner municipalities adopted local action "
            "plans, up from 6 in 2021.",
            "70 percent",
            "share of partner municipalities",
            "",
            "2023",
            "",
        ),
        (
            "In 2022, 2,400 women completed the course, and 1,100 of them, or 46 percent, "
            "found jobs.",
            "46 percent",
            "share of women found jobs",
            "",
            "2022",
            "part",
        ),
        # "of which" after money: a share of the money.
        (
            "In 2022, the fund disbursed grants totalling USD 820,000, nearly 45 percent of "
            "which went to rural organizations.",
            "45 percent",
            "share of grants went to rural organizations",
            "",
            "2022",
            "part",
        ),
        # A part and its whole told by the whole's noun.
        (
            "In 2022, the office spent USD 1,200,000 of its approved budget of USD 1,500,000.",
            "USD 1,200,000",
            "approved budget spent",
            "",
            "2022",
            "part",
        ),
        # A level to reach by a later year is a target; the level now is said of the noun
        # before the comma.
        (
            "In 2023, the Ministry committed to lowering the pay gap, currently 18 percent, to "
            "10 percent by 2027.",
            "10 percent",
            "pay gap",
            "",
            "2027",
            "target",
        ),
        (
            "In 2023, the Ministry committed to lowering the pay gap, currently 18 percent, to "
            "10 percent by 2027.",
            "18 percent",
            "pay gap",
            "",
            "2023",
            "",
        ),
        # A change told after a figure is of its time, not of the time compared with.
        (
            "In 2022, some 900 women in Mopti attended the clinics, an increase of 20% over the "
            "same period of 2021.",
            "20%",
            "",
            "",  # Mopti is where (its place), not whose
            "2022",
            "",
        ),
        # Each grant's money is the donor's that the total names.
        (
            "In 2021, forty cooperatives received grants averaging USD 2,000 each, totalling "
            "USD 80,000, funded by the Government of Sweden.",
            "USD 2,000",
            "",
            "Government of Sweden",
            "2021",
            "per_unit",
        ),
        (
            "In 2021, forty cooperatives received grants averaging USD 2,000 each, totalling "
            "USD 80,000, funded by the Government of Sweden.",
            "USD 80,000",
            "grants",
            "Government of Sweden",
            "2021",
            "",
        ),
        # "by A to B": B is the index, A the change.
        (
            "The national gender index of Moldova improved by 3.1 points to 71.2 in 2023.",
            "71.2",
            "national gender index of moldova",
            "Moldova",
            "2023",
            "",
        ),
        # A range of counts is a frame of its clause's time.
        (
            "Youth councils, with 8 to 12 members each, were set up in 2022.",
            "8",
            "members",
            "",
            "2022",
            "other",
        ),
        # The donor whose money it is, named before it as a country.
        (
            "Norway's contribution of USD 640,000 funded shelters in three provinces.",
            "USD 640,000",
            "",
            "Norway",
            "",
            "",
        ),
        # Money whose own word is the verb that moved it: the verb and what it was for.
        (
            "The provincial budget earmarked IDR 6 billion for shelters and survivor services in "
            "2023, up from IDR 2.5 billion in 2021.",
            "IDR 6 billion",
            "earmarked funds for shelters and survivor services",
            "",
            "2023",
            "",
        ),
        (
            "The Agence Française de Développement committed EUR 1,8 million to the follow-up "
            "phase of the gender statistics programme.",
            "EUR 1,8 million",
            "committed funds to the follow-up phase of the gender statistics programme",
            "Agence Française de Développement",
            "",
            "",
        ),
        (
            "The European Union contributed EUR 5 million to the regional programme, of which "
            "EUR 1.8 million was allocated to the Western Balkans component.",
            "EUR 1.8 million",
            "funds allocated to the Western Balkans component",
            "European Union",
            "",
            "part",
        ),
        # A change told after a count is a change in what the count counts.
        (
            "In 2023 the national hotline registered 9,418 calls, a 22 percent increase "
            "compared with the previous year.",
            "22 percent",
            "increase in calls",
            "",
            "2023",
            "",
        ),
        # "1 in 4 women": a ratio, as "7 out of 20" is.
        (
            "In 2022, 1 in 4 households surveyed received cash transfers.",
            "1 in 4",
            "households",
            "",
            "2022",
            "",
        ),
        # The comma of "9,130" breaks no clause; "restraining orders" is no verb.
        (
            "The number of restraining orders issued by the police rose from 9,130 in 2019 to "
            "12,045 in 2022.",
            "12,045",
            "restraining orders",
            "",
            "2022",
            "",
        ),
        # A participle after a possessive qualifies the noun.
        (
            "The outcome's planned budget for 2023 stood at $3.26M.",
            "$3.26M",
            "outcome's planned budget",
            "",
            "2023",
            "",
        ),
        # Money with its participle after it, past the donor that moved it.
        (
            "Of the USD 2.6 million allocated by the UN Trust Fund to grantees in Central Asia, "
            "70 percent went to small organizations.",
            "USD 2.6 million",
            "funding allocated to grantees in Central Asia",
            "UN Trust Fund",
            "",
            "total",
        ),
        # Time told per day on an activity, and the same time of another group.
        (
            "Women spend an average of 4.6 hours per day on unpaid care and domestic work, "
            "compared with 1.9 hours for men.",
            "1.9",
            "time spent on unpaid care and domestic work per day",
            "",
            "",
            "",
        ),
        # "grew by 14 percent …, to KES 3.8 billion": the amount of what grew.
        (
            "The city government increased its budget for community care centres by 30 per "
            "cent, to MXN 420 million.",
            "MXN 420 million",
            "budget for community care centres",
            "",
            "",
            "",
        ),
        # A resolution's number is no money ("SCR" in "UNSCR" is no rupee) and counts nothing;
        # money a ministry tagged is said by the verb that moved it, which a question asks.
        (
            "The plan on UNSCR 1325 was costed at 38.4M USD, and the Ministry of Finance tagged "
            "9 mil USD in the annual budget.",
            "1325",
            "",
            "",
            "",
            "other",
        ),
        (
            "The plan on UNSCR 1325 was costed at 38.4M USD, and the Ministry of Finance tagged "
            "9 mil USD in the annual budget.",
            "9 mil USD",
            "tagged funds in the annual budget",
            "Ministry of Finance",
            "",
            "",
        ),
        (
            "The office increased its delivery rate, an increase of 26% over 2022.",
            "26%",
            "",
            "",
            "",
            "",
        ),
    ],
)
def test_each_stated_figure_knows_what_it_counts_whose_it_is_when_and_its_role(
    sentence, figure, counts, owner, time, role
):
    read = facts(sentence)
    assert figure in read, read
    got_counts, got_owner, got_time, got_role = read[figure]
    if counts:
        assert got_counts == counts
    assert (got_owner, got_time, got_role) == (owner, time, role)


@pytest.mark.parametrize(
    ("sentence", "figure", "owner"),
    [
        (
            "According to the Ministry of Interior, 28 women were killed by partners in 2022, "
            "and the police issued 36,400 protection orders.",
            "28",
            "Ministry of Interior",
        ),
        # The clause after the frame has a doer of its own: not the ministry's figure.
        (
            "According to the Ministry of Interior, 28 women were killed by partners in 2022, "
            "and the police issued 36,400 protection orders.",
            "36,400",
            "",
        ),
        (
            "The Statistics Office reported that 59 per cent of married women had been "
            "subjected to violence in 2019.",
            "59 per cent",
            "Statistics Office",
        ),
        (
            "INEGI's 2021 ENDIREH survey found that 70.1 per cent of women …",
            "70.1 per cent",
            "INEGI",
        ),
        (
            "The 2021 survey, run by Statistics Indonesia, found that 1 in 4 women had "
            "experienced violence.",
            "1 in 4",
            "Statistics Indonesia",
        ),
        # What a document is about is not who states it.
        (
            "An analysis of Hurricane Beryl's impact found that 44 per cent of affected "
            "households were headed by women.",
            "44 per cent",
            "",
        ),
    ],
)
def test_a_finding_is_the_body_that_states_it(sentence, figure, owner):
    assert facts(sentence)[figure][1] == owner


@pytest.mark.parametrize(
    ("sentence", "figure", "owner", "place"),
    [
        ("In 2022, 84 market vendors in Baucau municipality were trained.", "84", "", "Baucau"),
        ("In Dnipro, UN Women distributed 6,400 dignity kits.", "6,400", "", "Dnipro"),
        (
            "AUD 1.5 million from the Government of Australia supports centres in Jordan.",
            "AUD 1.5 million",
            "Government of Australia",
            "Jordan",
        ),
    ],
)
def test_where_a_figure_stands_is_kept_apart_from_whose_it_is(sentence, figure, owner, place):
    read = {f.text: f for f in stated_figures(sentence)}
    assert read[figure].owner == owner
    assert read[figure].place.startswith(place) if place else read[figure].place == ""


@pytest.mark.parametrize(
    ("sentence", "ratio", "share", "counts"),
    [
        ("UN Women supported 7 out of 20 side events.", "7 out of 20", "35%", "side events"),
        ("One in four women had experienced violence.", "One in four", "25%", "women"),
        (
            "The law reserves one in every three places for women.",
            "one in every three",
            "33%",
            "places",
        ),
        ("one out of 5 girls left school", "one out of 5", "20%", "girls"),
    ],
)
def test_a_ratio_carries_the_share_it_is(sentence, ratio, share, counts):
    (read,) = [f for f in stated_figures(sentence) if f.kind == "ratio"]
    assert (read.text, read.equivalent) == (ratio, share) and read.counts.startswith(counts)


@pytest.mark.parametrize("sentence", ["one of the 12 centres", "In 2022 one woman won a seat."])
def test_one_alone_is_no_figure(sentence):
    assert [f.text for f in stated_figures(sentence) if f.text.lower() == "one"] == []


def test_figure_facts_are_stored_with_the_sentence(portal_store, embedder):
    store = open_store(portal_store)
    answerer = Answerer(store, embedder=embedder)
    sentences = [
        e
        for e in answerer.search().of("sentence")
        if "171 of which ended in a conviction" in e.record.text
    ]
    assert sentences, "the Malawi note's sentence is indexed"
    stored = {f.text: f for f in sentences[0].record.figures}
    assert stored["171"].role == "part" and stored["171"].counts.startswith("cases")
    assert stored["226"].counts == "cases"
    # What Chroma holds is what the catalog read: the record's JSON carries the facts.
    got = store.records.get(ids=[sentences[0].id], include=["metadatas"])
    record = json.loads(got["metadatas"][0]["record"])
    assert {f["text"]: f["counts"] for f in record["figures"]}["226"] == "cases"


# -- picking the figure asked --------------------------------------------------------------
@pytest.fixture(scope="module")
def portal(portal_store, embedder) -> Answerer:
    return Answerer(open_store(portal_store), embedder=embedder)


def own_words(answer) -> str:
    return QUOTED.sub(" ", answer.answer)


@pytest.mark.parametrize(
    ("question", "figure", "not_figure"),
    [
        # A part of a total: the part, not the total or the figure compared with.
        (
            "Malawi, 2021: of the survivors helped at the one-stop centres, how many were girls "
            "under 18?",
            "412",
            "3,418",
        ),
        (
            "How many Syrian refugee women took part in cash-for-work at the Oasis centres in "
            "Jordan in 2023?",
            "1,963",
            "2,874",
        ),
        # What is counted is the noun after the figure, not the figure before it.
        (
            "How many loans to women did the microfinance institutions trained by UN Women "
            "Jordan issue in 2024?",
            "9,870",
            "14",
        ),
        (
            "How many of the GBV cases heard by mobile courts in Dedza and Nkhata Bay, Malawi, "
            "ended in a conviction in 2021?",
            "171",
            "226",
        ),
    ],
)
def test_the_figure_that_counts_what_is_asked_is_given_not_its_neighbour(
    portal, question, figure, not_figure
):
    answer = portal.ask(question)
    said = own_words(answer)
    assert re.search(rf"(?<![\d,]){re.escape(figure)}(?!\d|,\d)", said), answer.answer
    assert not re.search(rf"(?<![\d,]){re.escape(not_figure)}(?![\d,])", said.split(":")[0])


def test_the_answer_says_what_the_figure_counts_and_when_before_the_quote(portal):
    answer = portal.ask(
        "How many Syrian refugee women took part in cash-for-work at the Oasis centres in "
        "Jordan in 2023?"
    )
    line = next(line for line in answer.answer.splitlines() if "stated in" in line)
    assert line.lower().startswith("1,963 (syrian refugees; 2023)")


def test_a_sentence_about_something_else_gives_no_figure(portal):
    # The only sentence with "women" and "obtained" is about licences, not protection orders.
    answer = portal.ask(
        "How many women obtained protection orders in Jordan's host communities in 2024?"
    )
    assert "47" not in own_words(answer)


# -- years from the page -------------------------------------------------------------------
def test_a_note_under_no_year_line_says_year_not_stated(portal):
    answer = portal.ask("How many women's cooperatives in Nepal obtained crop-loss insurance?")
    said = own_words(answer)
    assert "year not stated" in said
    assert not re.search(r"\b20\d\d\b", said.split(":")[0])
    assert all(f.year is None for f in answer.facts if f.source == "note")


def test_an_undated_note_is_not_answered_for_a_year_asked(portal):
    answer = portal.ask(
        "How many women's cooperatives in Nepal obtained crop-loss insurance in 2024?"
    )
    assert "Twenty-four" not in own_words(answer)


def test_a_year_no_report_in_scope_covers_is_refused_naming_the_years_covered(portal):
    answer = portal.ask("How many GBV survivors did the one-stop centres in Malawi assist in 2023?")
    assert not answer.found
    for year in ("2020", "2021", "2022"):
        assert year in answer.answer
    assert "3,418" not in answer.answer


def test_a_funding_table_by_year_gives_each_amount_its_column(portal):
    answerer = portal
    outcome = next(e for e in answerer.search().of("outcome") if e.record.code == "JOR_D_2.1")
    by_year = {(f.partner, f.year): f.money.text for f in outcome.record.funding}
    assert by_year[("Government of Japan", 2023)] == "$59,000"
    assert by_year[("Government of Japan", 2024)] == "$120,000"
    assert ("European Union", 2024) not in by_year  # "-": nothing that year
    answer = answerer.ask(
        "How much did the Government of Japan give to Jordan's JOR_D_2.1 in 2023?"
    )
    assert "$59,000" in answer.answer and "$120,000" not in answer.answer
    assert "2023" in answer.answer
    refused = answerer.ask("How much did the Government of Japan give to JOR_D_2.1 in 2022?")
    assert not refused.found and "2023" in refused.answer and "2024" in refused.answer


# -- names answer name questions, two parts each answered --------------------------------
@pytest.mark.parametrize(
    ("question", "name"),
    [
        (
            "Which donor co-financed the community dialogues on child marriage in Mangochi, "
            "Malawi?",
            "Embassy of Ireland",
        ),
        (
            "Which youth groups led the 16 Days of Activism campaign in Malawi in 2022?",
            "Tiwale Youth Forum",
        ),
        ("Which district in Malawi piloted the customary land certification scheme?", "Zomba"),
    ],
)
def test_a_name_question_is_answered_by_the_sentence_that_names_one(portal, question, name):
    answer = portal.ask(question)
    assert answer.found and name in answer.answer


def test_a_two_part_question_answers_each_part_with_its_citation(portal):
    answer = portal.ask(
        "How many trainees of Georgia's Women's Political Academy were elected in 2021, and "
        "who funded the academy?"
    )
    assert "121" in own_words(answer)
    assert "Government of Norway" in answer.answer
    assert len({(c.file, c.page, c.quote) for c in answer.citations}) >= 2
    assert len(answer.interpretation["parts"]) == 2


# -- evidence is report text only ----------------------------------------------------------
def framed(report: dict, header: str) -> list[list]:
    """A report's pages with a printed header line naming an office and a count on each."""
    from indexing.samples import PrintLine

    pages = report_pages(report)
    return [[PrintLine(header, size=7), *page] for page in pages]


def test_page_headers_footers_and_menus_are_never_quoted(tmp_path, embedder):
    report = load_reports()[0]
    header = "UN Women Multi-Country Office for Southern Africa 12 out of 13"
    path = tmp_path / "portal_framed.pdf"
    render_pdf(framed(report, header), path)
    pages = read_pdf(path).pages
    assert _key(header) in page_furniture(pages)
    parsed = parse_pages(path.name, pages)
    sentences = report_sentences(parsed)
    texts = " ".join(s.text for s in sentences)
    assert "Multi-Country Office" not in texts
    assert "open.unwomen.org" not in texts and "UN Women – Open Data" not in texts
    assert all("12 out of 13" not in f.text for s in sentences for f in s.figures)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text)


# -- the office from the header -----------------------------------------------------------
def test_a_report_with_RD_codes_and_a_bare_country_header_is_that_countrys(tmp_path):
    report = dict(load_reports()[0])
    report["header"], report["country"], report["prefix"] = "Kenya", "Kenya", "RD"
    report["outcomes"] = [
        {**o, "code": "RD_D_1." + str(i + 1)} for i, o in enumerate(report["outcomes"])
    ]
    path = tmp_path / "kenya_rd.pdf"
    render_pdf(report_pages(report), path)
    parsed = parse_pages(path.name, read_pdf(path).pages)
    assert parsed.office == "Kenya"
    assert parsed.iso3 == "KEN"
    assert {o.code for o in parsed.outcomes} == {"RD_D_1.1", "RD_D_1.2"}


# -- scoring -------------------------------------------------------------------------------
def test_the_scorer_reads_figures_and_years_in_the_answers_own_words_only():
    expect = {"figures": ["412"], "year": "2021", "own_words": True}
    quoted_only = "3,418 (survivors; 2021): stated in …: “… and 412 of them were girls …”"
    assert not score_answer(expect, quoted_only).right
    assert score_answer(expect, "412 (girls; 2021): stated in …: “…”").right
    assert not score_answer(expect, "412 (girls; year not stated): “in 2021 …”").right
    assert year_shown("85 (leaders; year not stated)", "not stated")
    assert not year_shown("85 (leaders; 2021)", "not stated")


def test_the_portal_reports_render_with_the_notes_as_written(tmp_path):
    paths = build_portal(tmp_path)
    assert len(paths) == len(load_reports()) >= 5
    text = " ".join(read_pdf(Path(paths[0])).pages)
    first = load_reports()[0]["outcomes"][0]["notes"][0]["paragraphs"][0]
    assert " ".join(first.split()[:8]) in " ".join(text.split())
