"""The evaluation: its scorer, and resultsqa's accuracy on the gold questions as a floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval.evaluate import (
    evaluate,
    load_dialogues,
    load_gold,
    load_wordings,
    resultsqa_system,
    run_system,
    side_by_side,
)
from eval.score import citation_right, reciprocal_rank, score_answer
from indexing.figures import stated_figures
from indexing.store import open_store
from tests.commands import environment
from tests.llm_server import faithful, llm_server


@pytest.mark.parametrize(
    ("expect", "text", "right"),
    [
        ({"money": ["$3.07 M"]}, "planned 3,070,000 is written $3.07 M here", True),
        ({"money": ["$3.07 M"]}, "the sum was $3,072,000", True),  # within the print's rounding
        ({"money": ["$3.07 M"]}, "the sum was $3,080,000", False),
        ({"money": ["$4,171,790"]}, "Total: $4,171,790 (sum)", True),
        ({"money": ["$203,202"]}, "$203,201", False),  # exact amounts are exact
        ({"numbers": [320]}, "2025 target: 320.", True),
        ({"numbers": [1019]}, "target 1,019", True),
        ({"numbers": [1]}, "output MEX_D_2.1.1 only", False),  # digits inside a code
        ({"numbers": [46.46]}, "exceeded the expenses by $46.46 K", True),  # as money
        ({"numbers": [6.3]}, "committed a further 6.3M USD", True),
        ({"numbers": [6]}, "output 6th", False),
        ({"numbers": [1090000]}, "shortfall $1.09 M (planned minus actual)", True),
        ({"numbers": [1100000]}, "shortfall $1.09 M (planned minus actual)", False),
        ({"numbers": [51770]}, "exceeded the planned one by $51.77 K", True),
        ({"phrases": ["not met"]}, "Milestone NOT   met (59 against 100)", True),
        ({"phrases": ["milestone met"]}, "milestone not met", False),
        ({"names": ["UNDP"]}, "partners: UNDP, UNICEF", True),
        ({"unanswerable": True}, "Not in the indexed reports: no report for Peru.", True),
        ({"unanswerable": True}, "Not in the indexed reports. Closest: notes, page 7.", True),
        ({"unanswerable": True}, "Not in the indexed reports, but maybe $2.27 M.", False),
        ({"unanswerable": True}, "Shortfall: $2.27 M", False),
        # Figures stated in notes: the print, or the same value of the same kind.
        ({"figures": ["USD 1 ,482,310.50"]}, "a budget of USD 1 ,482,310.50, and", True),
        ({"figures": ["USD 1 ,482,310.50"]}, "a budget of USD 1,482,310.50", True),
        ({"figures": ["42.6M USD"]}, "mobilised $42.6 million", True),
        ({"figures": ["41,7%"]}, "41.7% of side events", True),
        ({"figures": ["41,7%"]}, "41.7 women", False),  # a share is not a count
        ({"figures": ["7 mil"]}, "wages of $0.7 million", False),  # not inside a longer figure
        ({"figures": ["EUR 250,000"]}, "US$ 250,000", False),  # never another currency
        # An expected amount written as a note prints it, not as a table amount.
        ({"money": ["EUR 231,000"]}, "ADA contributed EUR 231,000", True),
        ({"money": ["EUR 231,000"]}, "ADA contributed US$ 231,000", False),
    ],
)
def test_scorer(expect, text, right):
    assert score_answer(expect, text).right is right


def test_citation_and_rank_scoring():
    question = {"expect": {"money": ["$1"]}, "file": "a.pdf", "pages": [5, 6]}
    assert citation_right(question, [("b.pdf", 5), ("a.pdf", 6)]) is True
    assert citation_right(question, [("a.pdf", 7)]) is False
    assert citation_right({"expect": {"unanswerable": True}}, []) is None
    assert reciprocal_rank(question, [("a.pdf", [1]), ("a.pdf", [4, 5])]) == 0.5
    assert reciprocal_rank(question, [("b.pdf", [5])]) == 0.0


def test_gold_set_covers_what_donors_ask():
    questions = load_gold()
    assert len(questions) >= 80
    assert len({q["id"] for q in questions}) == len(questions)
    types = {q["type"] for q in questions}
    assert {
        "budget",
        "partner",
        "core",
        "result",
        "target",
        "met",
        "compare",
        "total",
        "narrative",
        "unanswerable",
    } <= types
    for question in questions:
        if not question["expect"].get("unanswerable"):
            assert question["file"] and question["pages"], question["id"]
    # Figures and facts told only in progress notes, and note-like questions nothing answers.
    assert sum(q["type"] == "stated" for q in questions) >= 60
    assert sum(q["type"] == "stated_unanswerable" for q in questions) >= 10


def test_resultsqa_answers_the_gold_questions(eval_store, embedder):
    store = open_store(eval_store)
    # The questions on notes in the portal's style have a floor of their own (below).
    gold = [q for q in load_gold() if not q["type"].startswith("note_")]
    result = run_system("resultsqa", resultsqa_system(store), gold)
    metrics = result.metrics()
    misses = [(r["id"], r["why"], r["answer"][:160]) for r in result.misses()]
    assert metrics["answer_accuracy"] >= 0.95, misses
    assert metrics["citation_accuracy"] >= 0.95, misses
    assert metrics["recall_at_5"] >= 0.9
    # The floor holds for the note questions on their own, not only in the average.
    notes = run_system(
        "resultsqa",
        resultsqa_system(store),
        [q for q in load_gold() if q["type"] in ("stated", "stated_unanswerable")],
    ).metrics()
    assert notes["answer_accuracy"] >= 0.95 and notes["citation_accuracy"] >= 0.95, misses


def test_resultsqa_answers_questions_on_notes_in_the_portals_style(portal_store, embedder):
    portal = [q for q in load_gold() if q["type"].startswith("note_")]
    assert len(portal) >= 60
    assert all(q["expect"].get("own_words") for q in portal)
    assert {q["type"] for q in portal} >= {
        "note_stated",
        "note_name",
        "note_two_part",
        "note_undated",
        "note_uncovered_year",
    }
    result = run_system("resultsqa", resultsqa_system(open_store(portal_store)), portal)
    # Measured at 0.80 when these questions were added (issue 21); the floor keeps it there.
    assert result.metrics()["answer_accuracy"] >= 0.78, [
        (r["id"], r["why"]) for r in result.misses()
    ]


def test_the_figure_fact_reader_holds_on_the_annotated_sentences():
    from eval import facts

    summary = facts.run(facts.SETS)["summary"]
    assert summary["sentences"] >= 600 and summary["figures"] >= 1400
    # Without the model's help on meaning, on the sets read (five annotators' conventions).
    assert summary["found"] >= 0.97 and summary["role"] >= 0.95 and summary["time"] >= 0.93
    assert summary["counts"] >= 0.87 and summary["owner"] >= 0.88


@pytest.mark.parametrize(("role", "right"), [("value", True), ("part", True), ("whole", False)])
def test_a_ratio_annotated_as_one_figure_is_matched_by_its_two_numbers_read_apart(role, right):
    from eval import facts

    sentence = "In 2022 women won 43 of the 120 seats in the Assembly."
    read = stated_figures(sentence)
    # The reader says 43 is a part of 120; the GUIDE's annotator says "43 of the 120" is one
    # figure, the value: one reading, two notations. A part is a part in either.
    assert [(f.text, f.role) for f in read] == [("43", "part"), ("120", "total")]
    annotated = {"print": "43 of the 120", "head": "seats", "counts": "seats", "role": role}
    figure = facts._match(annotated, read)
    assert facts.field_verdicts(annotated, figure, None)["role"] is right


def test_two_annotators_are_compared_field_by_field_and_the_reader_on_what_they_agree(
    tmp_path, monkeypatch
):
    from eval import facts

    sentence = "In 2023 the Government of Japan contributed USD 300,000 and 85 leaders joined."
    money = {"print": "USD 300,000", "counts": "contribution", "head": "contribution"}
    leaders = {"print": "85", "counts": "leaders who joined", "head": "leaders", "owner": ""}
    first = [
        {
            "id": "x-1",
            "sentence": sentence,
            "figures": [
                {**money, "owner": "Government of Japan", "time": "2023", "role": "value"},
                {**leaders, "time": "2023", "role": "value"},
            ],
        }
    ]
    second = [
        {
            "id": "x-1",
            "figures": [
                {**money, "owner": "", "time": "2023", "role": "value"},  # owner differs
                {**leaders, "time": "not stated", "role": "value"},  # time differs
            ],
        }
    ]
    (tmp_path / "one.json").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps(second), encoding="utf-8")
    monkeypatch.setattr(facts, "FOLDER", tmp_path)
    monkeypatch.setattr(facts, "SECOND", {"one": "two"})
    result = facts.agreement("one")
    assert result["annotators"] == {
        "counts": 1.0,
        "owner": 0.5,
        "time": 0.5,
        "role": 1.0,
        "all": 0.0,
        "figures": 2,
    }
    # The reader is scored on the agreed fields only: none of the two figures is agreed whole.
    assert result["reader"]["figures"] == 0
    read = {f.text: f for f in stated_figures(sentence)}
    assert result["reader"]["owner"] == (1.0 if read["85"].owner == "" else 0.0)
    assert result["reader"]["time"] == (1.0 if read["USD 300,000"].time == "2023" else 0.0)


def test_resultsqa_answers_the_other_wordings_and_the_follow_ups(eval_store, embedder):
    store = open_store(eval_store)
    wordings = load_wordings()
    # Three or more other wordings of each question they cover (the questions on other
    # layouts and editions have none yet).
    covered = {w["of"] for w in wordings}
    assert covered <= {q["id"] for q in load_gold()} and len(covered) >= 200
    assert len(wordings) >= 3 * len(covered)
    assert {"conversational", "typo", "variant", "es", "fr"} == {w["style"] for w in wordings}
    # The floor holds on the wordings seen while the code was written; the unseen ones are
    # reported by `make eval`, not tuned to.
    seen = run_system(
        "resultsqa", resultsqa_system(store), [w for w in wordings if not w["unseen"]]
    )
    misses = [(r["id"], r["why"]) for r in seen.misses()][:20]
    assert seen.metrics()["answer_accuracy"] >= 0.95, misses
    dialogues = load_dialogues()
    assert len(dialogues) >= 20
    talk = run_system("resultsqa", resultsqa_system(store), dialogues)
    assert talk.metrics()["answer_accuracy"] >= 0.9, [(r["id"], r["why"]) for r in talk.misses()]


def test_resultsqa_reads_the_blind_sets_seen_while_the_code_was_written(eval_store, embedder):
    from app.answering import Answerer
    from eval import reading

    sets = {name: reading.load(name) for name in reading.SETS}
    unseen = {name: reading.load(name, unseen=True) for name in reading.SETS}
    # At least 300 questions with their expected interpretation, 150 blind wordings and 40
    # conversations, a third of each kept unseen.
    assert len(sets["interp_a"] + sets["interp_b"] + unseen["interp_a"] + unseen["interp_b"]) >= 300
    assert len(sets["wordings"] + unseen["wordings"]) >= 150
    assert len(sets["conversations"] + unseen["conversations"]) >= 40
    assert all("interpretation" in item for item in sets["interp_a"] + sets["interp_b"])
    result = reading.run(Answerer(open_store(eval_store), embedder=embedder))
    summary = result["summary"]
    misses = [(r["id"], r["why"]) for r in result["rows"] if not r["right"]][:20]
    # Floors on the seen part only: the unseen part is reported by `make eval`, not tuned to.
    assert summary["answer"] >= 0.84, misses
    assert summary["by_set"]["wordings"]["answer"] >= 0.9, misses
    assert summary["by_set"]["conversations"]["answer"] >= 0.88, misses
    assert summary["fields"]["measure"] >= 0.8 and summary["fields"]["countries"] >= 0.9


def test_the_answer_is_scored_on_its_own_words_not_on_a_quote():
    from eval.reading import own_words, score

    class Said:
        choices: list = []

        def __init__(self, text):
            self.answer = text

    item = {"expect": {"figures": ["78%"]}, "style": "plain"}
    assert score(item, Said("78%: stated in the note: “the rate was 78%”"))[0]
    assert not score(item, Said("The note says: “the rate was 78%, up from 66%”"))[0]
    assert own_words("a “b” c") == "a   c"


def test_eval_command_compares_both_systems(tmp_path):
    out = tmp_path / "report.md"
    result = subprocess.run(
        # Every path of the command, on every 4th question of each set: the scores of record
        # are make eval's, and test_resultsqa_answers_the_gold_questions holds every gold one.
        [
            str(Path(sys.executable).with_name("resultsqa")),
            "eval",
            "--json",
            "--out",
            str(out),
            "--every",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["questions"] == len(load_gold()[::4]) and summary["every"] == 4
    systems = summary["systems"]
    assert set(systems) == {"resultsqa", "naive_rag"}
    for metrics in systems.values():
        assert set(metrics) == {
            "answer_accuracy",
            "citation_accuracy",
            "recall_at_5",
            "mrr",
            "p50_ms",
            "p95_ms",
        }
        assert all(
            0 <= metrics[k] <= 1
            for k in ("answer_accuracy", "citation_accuracy", "recall_at_5", "mrr")
        )
    assert systems["resultsqa"]["answer_accuracy"] > systems["naive_rag"]["answer_accuracy"]
    report = out.read_text()
    assert "| answer_accuracy |" in report and "## Misses: naive_rag" in report
    assert "| unseen: all (" in report and "| follow-up dialogues" in report
    assert set(summary["rewordings"]["resultsqa"]) == {"seen", "unseen", "dialogues"}
    blind = summary["reading"]
    assert set(blind) == {"resultsqa", "naive_rag"}
    assert blind["resultsqa"]["fresh"]["count"] > 0 and "fields" in blind["resultsqa"]["seen"]
    assert blind["resultsqa"]["seen"]["answer"] > blind["naive_rag"]["seen"]["answer"]
    assert "## Reading questions: the blind sets" in report
    assert "A quick run: every 4th question of each set" in report


@pytest.mark.parametrize(
    ("reply", "kept"),
    [(faithful, "all found"), (lambda request: "The shortfall was $9.9 M [1].", "none")],
    ids=["faithful", "inventive"],
)
def test_the_llm_arm_keeps_faithful_drafts_and_no_invented_figure(
    eval_store, monkeypatch, reply, kept
):
    questions = load_gold()[::3]
    with llm_server(reply) as server:
        monkeypatch.setenv("RESULTSQA_LLM_URL", server.url)
        monkeypatch.setenv("RESULTSQA_LLM_MODEL", "briefing-model")
        # Every 3rd question: each kind of question and of answer is among them.
        outcome = evaluate(systems=("resultsqa", "resultsqa_llm"), store=eval_store, every=3)
    llm = outcome["results"]["resultsqa_llm"]
    metrics = llm.metrics()
    # Kept or not, every answer is as right as the grounded one.
    assert metrics["answer_accuracy"] >= 0.95
    assert (
        metrics["answer_accuracy"] == outcome["results"]["resultsqa"].metrics()["answer_accuracy"]
    )
    found = sum(1 for q in questions if not q["expect"].get("unanswerable"))
    if kept == "all found":
        assert metrics["drafts_kept"] >= found / len(questions) - 0.05
    else:
        assert metrics["drafts_kept"] == 0.0
        assert "the draft gives …, which the cited reports do not state" in llm.refusals()
    assert "drafts_kept" in side_by_side(outcome)
