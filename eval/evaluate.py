"""Run the gold questions against resultsqa and the naive baseline, in one run.

`resultsqa eval` / `make eval`: builds the sample corpus in a temporary folder, indexes it
for both systems, asks every gold question of each, prints a side-by-side table and writes
eval/report.md (`--json` prints the figures instead).

With RESULTSQA_CHROMA_URL set, both systems index into that server, each in collections of
their own named ``resultsqa_eval_<random>`` / ``naive_rag_eval_<random>``, deleted at the
end: the samples never mix with the team's index.
"""

from __future__ import annotations

import contextlib
import json
import re
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexing import settings
from indexing.errors import UsageError

from . import reading
from .score import citation_right, reciprocal_rank, score_answer

GOLD = Path(__file__).with_name("gold.json")
WORDINGS = Path(__file__).with_name("wordings.json")
DIALOGUES = Path(__file__).with_name("dialogues.json")
REPORT = Path(__file__).with_name("report.md")

# ask(question) -> (answer text, citations [(file, page)], ranked passages [(file, pages)])
# The ranking comes as a function, called after the clock stops: latency is the answer's
# alone, not the answer plus a second retrieval made only for scoring.
Ranked = list[tuple[str, list[int]]]
AskFn = Callable[[str], tuple[str, list[tuple[str, int]], Callable[[], Ranked]]]


@dataclass
class SystemResult:
    name: str
    rows: list[dict] = field(default_factory=list)

    # For an LLM arm: question → the synthesis verdict of its answer.
    drafts: dict[str, dict] = field(default_factory=dict)
    # The same system on the other wordings of the gold questions, and on follow-ups.
    wordings: SystemResult | None = None
    dialogues: SystemResult | None = None

    def metrics(self) -> dict:
        answered = [r for r in self.rows]
        cited = [r for r in self.rows if r["citation_right"] is not None]
        narrative = [r for r in self.rows if r["type"] == "narrative"]
        latencies = [r["ms"] for r in self.rows]
        return {
            "answer_accuracy": _share(r["right"] for r in answered),
            "citation_accuracy": _share(r["citation_right"] for r in cited),
            "recall_at_5": _share(r["rr"] > 0 for r in narrative),
            "mrr": round(statistics.fmean(r["rr"] for r in narrative), 4) if narrative else 0.0,
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(_percentile(latencies, 0.95), 1),
        } | (self.draft_metrics() if self.drafts else {})

    def draft_metrics(self) -> dict:
        verdicts = [self.drafts[r["question"]] for r in self.rows if r["question"] in self.drafts]
        return {"drafts_kept": _share(v["used"] for v in verdicts)}

    def refusals(self) -> dict[str, int]:
        """Why drafts were not kept, with figures and names generalised, most common first."""
        counts: dict[str, int] = {}
        for verdict in self.drafts.values():
            if not verdict["used"]:
                reason = re.sub(r"“[^”]*”|\[\d+\]|\$[\d.,]+ ?[KM]?", "…", verdict["reason"])
                counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def by_set(self) -> dict[str, tuple[float, int]]:
        """Answer accuracy (and count) of the questions written beside the code and of those
        kept unseen until it was done: a score tuned to is not a measurement."""
        sets = {
            "written beside the code": lambda r: not r["held_out"],
            "held out": lambda r: r["held_out"],
            # Other offices' layouts and report editions (ids layout-*, edition-*).
            "other layouts and editions, seen": lambda r: _layouts(r) and not r["held_out"],
            "other layouts and editions, held out": lambda r: _layouts(r) and r["held_out"],
        }
        return {
            name: (
                _share(r["right"] for r in self.rows if chosen(r)),
                sum(1 for r in self.rows if chosen(r)),
            )
            for name, chosen in sets.items()
        }

    def by_type(self) -> dict[str, float]:
        types: dict[str, list[bool]] = {}
        for row in self.rows:
            types.setdefault(row["type"], []).append(row["right"])
        return {name: _share(values) for name, values in sorted(types.items())}

    def misses(self) -> list[dict]:
        return [r for r in self.rows if not r["right"] or r["citation_right"] is False]


LAYOUTS = "other layouts and editions"


def _layouts(row: dict) -> bool:
    return row["id"].startswith(("layout-", "edition-"))


def _share(values) -> float:
    values = list(values)
    return round(sum(1 for v in values if v) / len(values), 4) if values else 0.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load_gold(path: Path = GOLD) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def load_wordings(path: Path = WORDINGS) -> list[dict]:
    """Each gold question asked in other words; ``unseen`` ones were kept untouched."""
    return json.loads(path.read_text(encoding="utf-8"))["wordings"]


def load_dialogues(path: Path = DIALOGUES) -> list[dict]:
    """Two-turn conversations, scored on the second answer."""
    return [
        {**d, "question": " ⏎ ".join(d["turns"]), "type": "dialogue"}
        for d in json.loads(path.read_text(encoding="utf-8"))
    ]


def _add(result: SystemResult, more: SystemResult) -> None:
    """One system's answers on a second index, counted with the first's."""
    result.rows += more.rows
    result.drafts.update(more.drafts)


def run_system(name: str, ask: AskFn, questions: list[dict]) -> SystemResult:
    ask(questions[0]["question"])  # warm: model, catalog and store loaded before timing
    result = SystemResult(name)
    for question in questions:
        started = time.perf_counter()
        if "turns" in question:
            text, citations, rank = ask(question["turns"])
        else:
            text, citations, rank = ask(question["question"])
        elapsed = (time.perf_counter() - started) * 1000
        ranked = rank() if question["type"] == "narrative" else []
        language = question.get("style") if question.get("style") in ("es", "fr") else "en"
        verdict = score_answer(question["expect"], text, language)
        result.rows.append(
            {
                "id": question["id"],
                "type": question["type"],
                "held_out": bool(question.get("held_out")),
                "style": question.get("style", ""),
                "unseen": bool(question.get("unseen")),
                "question": question["question"],
                "expected": question["expect"],
                "where": f"{question.get('file', '-')} p. {question.get('pages', '-')}",
                "answer": text,
                "citations": citations[:3],
                "right": verdict.right,
                "why": verdict.why,
                "citation_right": citation_right(question, citations),
                "rr": reciprocal_rank(question, ranked) if question["type"] == "narrative" else 0.0,
                "ms": elapsed,
            }
        )
    return result


def resultsqa_system(store, synthesizer=None, drafts: dict | None = None) -> AskFn:
    """resultsqa; with ``synthesizer``, its answers rewritten by the LLM and each verdict
    kept in ``drafts``."""
    from app.answering import Answerer

    answerer = Answerer(store)

    def ask(question: str | list[str]):
        if isinstance(question, list):  # a conversation: the last turn's answer
            previous = None
            for turn in question:
                answer = answerer.ask(turn, previous=previous)
                previous = answer.query
            return answer.answer, [(c.file, c.page) for c in answer.citations], list
        answer = answerer.ask(question)
        if synthesizer is not None:
            answer = synthesizer.rewrite(answer)
            drafts[question] = answer.synthesis
        citations = [(c.file, c.page) for c in answer.citations]
        return answer.answer, citations, lambda: answerer.rank_passages(question)

    return ask


def naive_system(naive) -> AskFn:
    def ask(question: str | list[str]):
        if isinstance(question, list):
            # No conversation of its own: it is given every turn at once, the most it
            # could make of a follow-up.
            question = " ".join(question)
        text, citations, ranked = naive.ask(question)  # its answer is its retrieval
        return text, citations, lambda: ranked

    return ask


def evaluate(
    work: Path | None = None,
    systems: tuple[str, ...] = ("resultsqa", "naive_rag"),  # or "resultsqa_llm"
    store: Path | None = None,
    samples: Path | None = None,
    every: int = 1,
) -> dict:
    """Ask the gold questions of each system; ``store`` is an index already built.

    ``every`` > 1 asks every ``every``-th question of each set (gold, other wordings,
    follow-ups, blind sets): a quick run of every path, which the report says it is. The
    scores of record are those of a full run (``make eval``)."""
    from app.synthesis import Synthesizer
    from indexing.pipeline import index_paths
    from indexing.samples import build_samples
    from indexing.store import open_store, server_client

    from .naive import NaiveRAG
    from .portal import build_portal

    synthesizer = None
    if "resultsqa_llm" in systems:  # before any indexing, so a missing setting fails at once
        synthesizer = Synthesizer.from_env()
        if synthesizer is None:
            raise UsageError("--llm needs RESULTSQA_LLM_URL (and RESULTSQA_LLM_MODEL) set")
    work = Path(work or tempfile.mkdtemp(prefix="resultsqa-eval-"))
    if samples is None:
        samples = work / "samples"
        build_samples(samples, variants=True)
    # The portal-style reports are an index of their own: the other sets' questions (how
    # many reports, Jordan's notes) were written for the sample corpus alone.
    portal = work / "portal"
    build_portal(portal)
    gold = load_gold()[::every]
    questions = [q for q in gold if not q["type"].startswith("note_")]
    on_portal = [q for q in gold if q["type"].startswith("note_")]
    results: dict[str, SystemResult] = {}
    # On a server, every collection this run makes is its own and goes when the run ends.
    run_name = f"eval_{uuid.uuid4().hex[:10]}"
    server = settings.chroma_url()
    with contextlib.ExitStack() as cleanup:
        if "resultsqa" in systems or synthesizer is not None:
            if store is None:
                index = open_store(work / "store", f"resultsqa_{run_name}")
                if index.remote:
                    cleanup.callback(index.drop)
                index_paths([samples], index)
            else:
                index = open_store(store)
            portal_index = open_store(work / "portal_store", f"resultsqa_portal_{run_name}")
            if portal_index.remote:
                cleanup.callback(portal_index.drop)
            index_paths([portal], portal_index)
        if "resultsqa" in systems:
            results["resultsqa"] = _with_rewordings(
                run_system("resultsqa", resultsqa_system(index), questions),
                resultsqa_system(index),
                every,
            )
            _add(
                results["resultsqa"],
                run_system("resultsqa", resultsqa_system(portal_index), on_portal),
            )
        if synthesizer is not None:
            drafts: dict[str, dict] = {}
            ask = resultsqa_system(index, synthesizer, drafts)
            results["resultsqa_llm"] = run_system("resultsqa_llm", ask, questions)
            ask = resultsqa_system(portal_index, synthesizer, drafts)
            _add(results["resultsqa_llm"], run_system("resultsqa_llm", ask, on_portal))
            results["resultsqa_llm"].drafts = drafts
        blind: dict[str, dict] = {}
        if "resultsqa" in systems:
            from app.answering import Answerer

            answerer = Answerer(index)
            blind["resultsqa"] = {
                label: reading.run(answerer, sets, unseen=flag, every=every)
                for label, sets, flag in reading.GROUPS
            }
        if "naive_rag" in systems:

            def naive_index(name: str, folder: Path) -> NaiveRAG:
                """The baseline's own index of ``folder``: in the run's server, or on disk."""
                if server:
                    built = NaiveRAG(
                        None, client=server_client(server), collection=f"{name}_{run_name}"
                    )
                    cleanup.callback(built.drop)
                else:
                    built = NaiveRAG(work / name.removesuffix("_rag"))
                built.index(folder)
                return built

            naive = naive_index("naive_rag", samples)
            results["naive_rag"] = _with_rewordings(
                run_system("naive_rag", naive_system(naive), questions),
                naive_system(naive),
                every,
            )
            naive_portal = naive_index("naive_portal", portal)
            _add(
                results["naive_rag"],
                run_system("naive_rag", naive_system(naive_portal), on_portal),
            )

            def naive_turns(turns: list[str]):
                # No conversation of its own: every turn at once, as for the dialogues.
                return reading.Plain(naive.ask(" ".join(turns))[0])

            blind["naive_rag"] = {
                label: reading.run(None, sets, unseen=flag, ask=naive_turns, every=every)
                for label, sets, flag in reading.GROUPS
            }
    from . import facts

    alike = facts.model_alike()
    return {
        "questions": len(gold),
        "every": every,
        "results": results,
        "server": server,
        "reading": blind,
        # The figure-fact reader on hand-annotated sentences: the sets read while it was
        # built, and the third kept unseen.
        "facts": {
            "seen": facts.run(facts.SETS, alike)["summary"],
            # each unseen set on its row: each is another annotator's conventions
            **{
                f"{label}: {name.removesuffix('_unseen')}": facts.run((name,), alike)["summary"]
                for label, names in (("read", facts.READ_APART), ("unseen", facts.UNSEEN))
                for name in names
            },
        },
        # Two annotators of the unseen set against each other: the ceiling of any reader.
        "facts_agreement": {name: facts.agreement(name, alike) for name in facts.SECOND},
    }


def _with_rewordings(result: SystemResult, ask: AskFn, every: int = 1) -> SystemResult:
    """The same system on the other wordings and on the follow-up dialogues."""
    result.wordings = run_system(result.name, ask, load_wordings()[::every])
    result.dialogues = run_system(result.name, ask, load_dialogues()[::every])
    return result


def wording_metrics(result: SystemResult) -> dict:
    """Answer accuracy of the other wordings, seen and unseen apart, by style."""
    rows = result.wordings.rows if result.wordings else []
    out = {}
    for seen, label in ((False, "seen"), (True, "unseen")):
        mine = [r for r in rows if r["unseen"] is seen]
        out[label] = {"all": _share(r["right"] for r in mine), "count": len(mine)} | {
            style: _share(r["right"] for r in mine if r["style"] == style)
            for style in sorted({r["style"] for r in mine})
        }
        if any(_layouts(r) for r in mine):
            out[label][LAYOUTS] = _share(r["right"] for r in mine if _layouts(r))
    if result.dialogues:
        out["dialogues"] = {
            "all": _share(r["right"] for r in result.dialogues.rows),
            "count": len(result.dialogues.rows),
        }
    return out


def reading_table(outcome: dict) -> str:
    """The blind sets (eval/questions): answer accuracy of each system and, for resultsqa,
    how often the interpretation matched, seen and unseen apart, by set and by style."""
    blind = outcome.get("reading") or {}
    if not blind:
        return ""
    names = list(blind)
    lines = [
        "| blind sets (eval/questions) | "
        + " | ".join(f"{n} answer" for n in names)
        + " | resultsqa reading |",
        "|---" * (len(names) + 2) + "|",
    ]
    first = blind[names[0]]
    for label, _, _ in reading.GROUPS:
        for key in ("all", "by_set", "by_style"):
            groups = ["all"] if key == "all" else list(first[label]["summary"][key])
            for group in groups:
                cells = []
                for name in names:
                    summary = blind[name][label]["summary"]
                    value = summary["answer"] if key == "all" else summary[key][group]["answer"]
                    cells.append(str(value))
                ours = blind.get("resultsqa", {}).get(label, {}).get("summary", {})
                read = (
                    ours.get("reading", "-")
                    if key == "all"
                    else ours.get(key, {}).get(group, {}).get("reading", "-")
                )
                count = (
                    first[label]["summary"]["count"]
                    if key == "all"
                    else first[label]["summary"][key][group]["count"]
                )
                lines.append(
                    f"| {label}: {group} ({count}) | " + " | ".join(cells) + f" | {read} |"
                )
    ours = blind.get("resultsqa")
    if ours:
        labels = [label for label, _, _ in reading.GROUPS]
        lines += [
            "",
            "| resultsqa reading, field by field | " + " | ".join(labels) + " |",
            "|---" * (len(labels) + 1) + "|",
        ]
        for field in reading.FIELDS:
            lines.append(
                f"| {field} | "
                + " | ".join(str(ours[label]["summary"]["fields"][field]) for label in labels)
                + " |"
            )
    return "\n".join(lines)


def to_json(outcome: dict) -> dict:
    blind = {
        name: {label: run["summary"] for label, run in runs.items()}
        for name, runs in (outcome.get("reading") or {}).items()
    }
    return {
        "reading": blind,
        "facts": outcome.get("facts", {}),
        "facts_agreement": outcome.get("facts_agreement", {}),
        "questions": outcome["questions"],
        "every": outcome.get("every", 1),
        "store": outcome.get("server") or "embedded (temporary folder)",
        "systems": {name: result.metrics() for name, result in outcome["results"].items()},
        "rewordings": {
            name: wording_metrics(result)
            for name, result in outcome["results"].items()
            if result.wordings
        },
    }


def side_by_side(outcome: dict) -> str:
    results = outcome["results"]
    names = list(results)
    metrics = {name: results[name].metrics() for name in names}
    lines = ["| measure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    keys = ["answer_accuracy", "citation_accuracy", "recall_at_5", "mrr", "p50_ms", "p95_ms"]
    if any("drafts_kept" in m for m in metrics.values()):
        keys.append("drafts_kept")
    for key in keys:
        lines.append(
            f"| {key} | " + " | ".join(str(metrics[n].get(key, "-")) for n in names) + " |"
        )
    lines += [
        "",
        "| answer accuracy by set | " + " | ".join(names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for label in results[names[0]].by_set():
        count = results[names[0]].by_set()[label][1]
        lines.append(
            f"| {label} ({count}) | "
            + " | ".join(str(results[n].by_set()[label][0]) for n in names)
            + " |"
        )
    worded = [n for n in names if results[n].wordings]
    if worded:
        metrics = {n: wording_metrics(results[n]) for n in worded}
        lines += [
            "",
            "| other wordings: answer accuracy | " + " | ".join(worded) + " |",
            "|---" * (len(worded) + 1) + "|",
        ]
        for label in ("seen", "unseen"):
            first = metrics[worded[0]][label]
            for style in ["all"] + [k for k in first if k not in ("all", "count")]:
                count = (
                    first["count"]
                    if style == "all"
                    else sum(
                        1
                        for r in results[worded[0]].wordings.rows
                        if (_layouts(r) if style == LAYOUTS else r["style"] == style)
                        and r["unseen"] is (label == "unseen")
                    )
                )
                lines.append(
                    f"| {label}: {style} ({count}) | "
                    + " | ".join(str(metrics[n][label].get(style, "-")) for n in worded)
                    + " |"
                )
        if "dialogues" in metrics[worded[0]]:
            lines.append(
                f"| follow-up dialogues, second answer ({metrics[worded[0]]['dialogues']['count']})"
                " | " + " | ".join(str(metrics[n]["dialogues"]["all"]) for n in worded) + " |"
            )
    types = sorted({t for n in names for t in results[n].by_type()})
    lines += [
        "",
        "| answer accuracy by type | " + " | ".join(names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for kind in types:
        count = sum(1 for r in results[names[0]].rows if r["type"] == kind)
        lines.append(
            f"| {kind} ({count}) | "
            + " | ".join(str(results[n].by_type().get(kind, "-")) for n in names)
            + " |"
        )
    return "\n".join(lines)


def _ordinal(number: int) -> str:
    ending = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{ending}"


def report_markdown(outcome: dict, command: str = "make eval") -> str:
    lines = [
        "# Evaluation: resultsqa against a naive llama-index RAG",
        "",
        f"Command: `{command}`  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}  ",
        *(
            [
                f"**A quick run: every {_ordinal(outcome['every'])} question of each set; the "
                "scores "
                "of record are a full run's (`make eval`).**  "
            ]
            if outcome.get("every", 1) > 1
            else []
        ),
        f"Questions: {outcome['questions']} (eval/gold.json, read by hand from the sample PDFs; "
        "the note_* types ask about the portal-style notes of eval/portal.py and are scored on "
        "the figure and the year in the answer's own words, outside its quotes)  ",
        "Store: "
        + (
            f"the Chroma server at {outcome['server']}, in collections of this run's own, "
            "deleted after"
            if outcome.get("server")
            else "embedded, in a temporary folder"
        ),
        "",
        side_by_side(outcome),
        "",
        "Scoring (eval/score.py): amounts within the report's print rounding, counts exact, "
        "names and phrases after normalising; an unanswerable question is right only when "
        "the answer says so and gives no figure. Citation accuracy: some citation names the "
        "right file and a page holding the fact. recall@5 and MRR: over the narrative "
        "questions, whether the expected passage is among the top 5 retrieved. Latency: per "
        "question, warm.",
    ]
    table = reading_table(outcome)
    if table:
        lines += [
            "",
            "## Reading questions: the blind sets",
            "",
            "Written by separate sessions that saw only the sample PDFs' text, a persona and a "
            "list of styles (eval/questions, eval/reading.py). An answer is scored on the figure "
            "in its own words, not inside a quote of the report; the baseline's answer is the "
            "retrieved text itself, scored as if it were its own words. A question its writer "
            "marked ambiguous is right when asked back with its candidates. Reading: every field "
            "of the interpretation (countries, years, records, partners, measure, operation) as "
            "the writer expected. seen: the sets' two thirds read while the code was written; "
            "dev: their unseen third, whose first run is kept in eval/reading-first-run.md and "
            "which was read afterwards; fresh: the sets written after that (wordings2, "
            "conversations2), unseen until their first run (also kept in "
            "eval/reading-first-run.md); final: the sets written after that (wordings3, "
            "conversations3), likewise, and fourth (wordings4a, wordings4b, conversations4) and "
            "fifth (wordings5a, wordings5b, conversations5) and sixth (wordings6a, wordings6b, "
            "conversations6); seventh: the sets written last (wordings7a, wordings7b, "
            "conversations7), unread until their first run after the last change to the "
            "reading.",
            "",
            table,
        ]
    if outcome.get("facts"):
        lines += ["", "## Figure facts: what each stated figure counts, whose, when, its role", ""]
        lines += [
            "Sentences in the portal's style, each figure annotated by hand (what it counts "
            "and its head noun, its owner, its time, its role) by sessions that read real "
            "outcome pages of open.unwomen.org and never saw the code (eval/facts, "
            "eval/facts.py): 240 by one session, then 90 by each of eight more, each written "
            'after the run of the one before. "seen" are the sets read: facts_a and facts_b '
            "while the reader was built, facts_c … facts_g after their first runs, which are "
            "in eval/facts-first-run.md as they came, and facts_i and facts_j (each on its own "
            "row) after theirs; the unseen rows, facts_h and facts_k, were never read (facts_i, "
            "facts_j and facts_k were written under eval/facts/GUIDE.md). A field "
            "is right when it says what the annotator said (counts: the head noun among its "
            "words, or the same meaning); all: every field of a figure right.",
            "",
            "| set | sentences | figures | found | counts | owner | time | role | all |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for label, summary in outcome["facts"].items():
            lines.append(
                f"| {label} | {summary['sentences']} | {summary['figures']} | "
                + " | ".join(
                    str(summary[k]) for k in ("found", "counts", "owner", "time", "role", "all")
                )
                + " |"
            )
    for name, agreed in outcome.get("facts_agreement", {}).items():
        lines += [
            "",
            f"A second session annotated {name}'s figures without seeing the first's "
            "annotations, given only the sentences, the prints and eval/facts/GUIDE.md. How "
            "often the two agree is the ceiling of any reader scored against one of them; "
            "the reader is then scored on the fields both agree on (all: on the figures whose "
            "every field they agree on).",
            "",
            "| compared | figures | counts | owner | time | role | all |",
            "|---|---|---|---|---|---|---|",
        ]
        for label, key in (("two annotators", "annotators"), ("reader, agreed", "reader")):
            row = agreed[key]
            lines.append(
                f"| {label} | {row['figures']} | "
                + " | ".join(str(row[k]) for k in ("counts", "owner", "time", "role", "all"))
                + " |"
            )
    for name, result in outcome["results"].items():
        if result.drafts:
            lines += ["", f"## Drafts not kept: {name}", ""]
            lines += [f"- {count} × {reason}" for reason, count in result.refusals().items()]
            lines += [] if result.refusals() else ["- none"]
    for name, result in outcome["results"].items():
        misses = result.misses()
        if result.wordings:
            # Unseen wordings are counted above, never listed: listed, they would be seen.
            misses += [r for r in result.wordings.misses() if not r["unseen"]]
        if result.dialogues:
            misses += result.dialogues.misses()
        runs = (outcome.get("reading") or {}).get(name, {})
        for seen in filter(None, (runs.get("seen"), runs.get("dev"))):
            misses += [
                {
                    "id": row["id"],
                    "type": row["set"],
                    "question": row["question"],
                    "expected": row["expect"],
                    "where": "-",
                    "why": row["why"],
                    "right": False,
                    "citations": [],
                    "answer": row["answer"],
                }
                for row in seen["rows"]
                if not row["right"]
            ]
        lines += ["", f"## Misses: {name} ({len(misses)})", ""]
        for row in misses:
            got = " ".join(row["answer"].split())
            got = got if len(got) <= 240 else got[:239] + "…"
            problem = row["why"] if not row["right"] else "wrong citation"
            lines.append(
                f"- **{row['id']}** ({row['type']}) {row['question']}  \n"
                f"  expected {json.dumps(row['expected'], ensure_ascii=False)} at "
                f"{row['where']}; {problem}; cited {row['citations']}  \n"
                f"  got: {got}"
            )
    return "\n".join(lines) + "\n"


def main(as_json: bool = False, out: Path = REPORT, llm: bool = False, every: int = 1) -> dict:
    systems = ("resultsqa", "resultsqa_llm", "naive_rag") if llm else ("resultsqa", "naive_rag")
    outcome = evaluate(systems=systems, every=every)
    out.write_text(report_markdown(outcome), encoding="utf-8")
    summary = to_json(outcome)
    if as_json:
        print(json.dumps(summary, indent=2))
    else:
        print(side_by_side(outcome))
        table = reading_table(outcome)
        if table:
            print("\n" + table)
        print(f"\nReport with every miss: {out}")
    return summary


if __name__ == "__main__":
    import sys

    main(as_json="--json" in sys.argv)
