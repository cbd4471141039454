"""How questions are read, measured on wordings written blind to the code.

``eval/questions/`` holds four sets written by separate sessions that saw only the sample
PDFs' text, a persona and a list of styles (never the code, the lexicon or other wordings):

- ``interp_a`` and ``interp_b``: single questions, each with its expected interpretation
  (countries, years, records, partners, measure, operation) and expected answer;
- ``wordings``: single questions in the proportions people type them (abbreviations, topics
  instead of codes, derived quantities, Spanish and French), with expected answers;
- ``conversations``: two to four turns, the last operating on the answer before.

Each set's ``<name>_unseen.json`` third was kept unread until the code was done, and its
first run is kept in ``eval/reading-first-run.md``; after it, that third was used as
development data ("dev"). ``wordings2`` and ``conversations2``, written afterwards by new
sessions in the same way, were all unseen ("fresh") until their first run, and so were
``wordings3`` and ``conversations3`` ("final") and ``wordings4a``, ``wordings4b`` and
``conversations4`` ("fourth") and ``wordings5a``, ``wordings5b`` and ``conversations5`` ("fifth").
``wordings6a``, ``wordings6b`` and ``conversations6`` ("sixth"), likewise;
``wordings7a``, ``wordings7b`` and ``conversations7`` ("seventh"), written last, were kept
unread until their first run after the last change to the reading.

An answer is scored on its own words: a figure counts only where the answer states it,
not inside a quote of the report (“…”). A question its writer marked ambiguous counts as
right when it is asked back with its candidates among the choices, or when every
candidate's figure is given.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

from .score import score_answer

QUESTIONS = Path(__file__).with_name("questions")
SETS = ("interp_a", "interp_b", "wordings", "conversations")
# Written after the first run on the unseen thirds of SETS (which then became development
# data): all unseen until their first run (reading-first-run.md), read afterwards.
FRESH = ("wordings2", "conversations2")
# Written by new sessions in the same way, and kept unread by the developer until their
# first run (reading-first-run.md), read afterwards.
FINAL = ("wordings3", "conversations3")
# Written after that by new sessions in the same way; read after their first run.
FOURTH = ("wordings4a", "wordings4b", "conversations4")
# Written at the start of the next session by three new sessions that saw only the reports'
# text, a persona and a style list, and kept unread by the developer until their first run;
# read afterwards.
FIFTH = ("wordings5a", "wordings5b", "conversations5")
# Written in that session, after the fifth sets' first run, in the same way, and kept unread
# until their first run; read afterwards.
SIXTH = ("wordings6a", "wordings6b", "conversations6")
# Written after the sixth sets' first run in the same way, and kept unread until their first
# run after the session's last change to the reading: the last measurement.
SEVENTH = ("wordings7a", "wordings7b", "conversations7")
# The ways the sets are run: (label, sets, which file of each).
GROUPS = (
    ("seen", SETS, False),
    ("dev", SETS, True),  # the first unseen third, spent at its first run (reading-first-run.md)
    ("fresh", FRESH, True),  # spent at its first run too
    ("final", FINAL, True),  # and this
    ("fourth", FOURTH, True),  # and this
    ("fifth", FIFTH, True),  # and this
    ("sixth", SIXTH, True),  # and this
    ("seventh", SEVENTH, True),
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
FIELDS = ("countries", "years", "records", "partners", "measure", "operation")


def load(name: str, unseen: bool = False) -> list[dict]:
    path = QUESTIONS / f"{name}{'_unseen' if unseen else ''}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def own_words(text: str) -> str:
    """The answer less what it quotes from the reports."""
    return QUOTED.sub(" ", text)


def language_of(item: dict) -> str:
    return {"spanish": "es", "french": "fr"}.get(item.get("style", ""), "en")


def score(item: dict, answer) -> tuple[bool, str]:
    """Whether ``answer`` is right for ``item``: figures in its own words, names anywhere."""
    expect = dict(item.get("expect") or {})
    if item.get("ambiguous") or (item.get("interpretation") or {}).get("ambiguous"):
        wanted = _codes(item)
        choices = getattr(answer, "choices", [])
        offered = {c.code for c in choices} | {
            code for c in choices for code in re.findall(r"[A-Z]{2,4}_[DO]_[\d.]+", c.question)
        }
        if choices and (not wanted or len(wanted & offered) >= min(2, len(wanted))):
            return True, ""
    figures = {k: v for k, v in expect.items() if k in ("money", "figures", "numbers")}
    names = {k: v for k, v in expect.items() if k not in ("money", "figures", "numbers")}
    if figures:
        verdict = score_answer(figures, own_words(answer.answer), language_of(item))
        if not verdict.right:
            return False, verdict.why
    if names or not figures:
        verdict = score_answer(names or expect, answer.answer, language_of(item))
        if not verdict.right:
            return False, verdict.why
    return True, ""


def _codes(item: dict) -> set[str]:
    records = (item.get("interpretation") or {}).get("records") or []
    return {str(r).split("/")[0].strip() for r in records if str(r).strip()}


def interpretation_verdict(item: dict, q, answer, catalog) -> dict[str, bool]:
    """Field by field: whether the reading matches what the question's writer expected."""
    expected = item.get("interpretation") or {}
    out = {}
    if "countries" in expected:
        want = {_plain(c) for c in expected["countries"]}
        got = {_plain(catalog.countries.get(i, i)) for i in q.iso3s}
        got |= {_plain(c) for c in q.unknown_countries}
        # A code names its office: KEN_D_1.3 is Kenya's.
        offices = {
            d.get("office_code"): d.get("country") or d.get("office")
            for d in catalog.documents.values()
        }
        got |= {_plain(offices.get(code.split("_")[0], "")) for code in q.codes} - {""}
        out["countries"] = _same_places(want, got)
    if "years" in expected:
        out["years"] = {int(y) for y in expected["years"]} == set(q.years)
    if "records" in expected:
        want = _codes(item)
        got = set(q.codes) | {r.code for r in q.records}
        if expected.get("ambiguous") or item.get("ambiguous"):
            offered = {c.code for c in q.choices}
            out["records"] = bool(q.choices) and len(want & offered) >= min(2, len(want))
        else:
            out["records"] = want == got or (not want and not q.records)
    if "partners" in expected:
        want = {_plain(p) for p in expected["partners"]}
        got = {_plain(p) for p in [*q.partners, *q.excluded_partners, *q.over_previous]}
        out["partners"] = want <= got if want else not q.partners
    if "measure" in expected:
        out["measure"] = _measure(expected["measure"]) == _measure(q.measure)
    if "operation" in expected:
        out["operation"] = expected["operation"] == _operation(q.operation)
    return out


def _plain(text: str) -> str:
    return re.sub(
        r"[^a-z]",
        "",
        str(text).lower().replace("regional office", "").replace("country office", ""),
    )


def _same_places(want: set[str], got: set[str]) -> bool:
    if len(want) != len(got):
        return False
    return all(any(w in g or g in w for g in got) for w in want)


def _measure(label: str) -> str:
    return label or "none"


def _operation(label: str) -> str:
    return label.split("_")[0] if label.startswith(("ranking_", "status_")) else label


class Plain:
    """A system's answer that is only text (the naive baseline): nothing asked back, no
    reading to compare."""

    def __init__(self, text: str):
        self.answer, self.choices, self.query, self.interpretation = text, [], None, {}


def conversing(answerer):
    """resultsqa asked turn by turn, each going on from the one before."""

    def ask(turns: list[str]):
        previous, answer = None, None
        for turn in turns:
            answer = answerer.ask(turn, previous=previous)
            previous = answer.query
        return answer

    return ask


def run(answerer=None, names=SETS, unseen: bool = False, ask=None, every: int = 1) -> dict:
    """Ask every question of the sets (every ``every``-th: a quick run); the rows and the
    accuracies. ``ask(turns)`` answers a conversation's turns (default: ``answerer`` turn by
    turn)."""
    rows = []
    ask = ask or conversing(answerer)
    catalog = answerer.search().catalog if answerer is not None else None
    for name in names:
        for item in load(name, unseen)[::every]:
            started = time.perf_counter()
            turns = item.get("turns") or [item["question"]]
            answer = ask(turns)
            ms = (time.perf_counter() - started) * 1000
            right, why = score(item, answer)
            try:
                fields = interpretation_verdict(item, answer.query, answer, catalog)
            except AttributeError:  # a system with no reading to compare
                fields = {}
            rows.append(
                {
                    "set": name,
                    "id": item["id"],
                    "style": item.get("style", ""),
                    "question": " → ".join(turns),
                    "right": right,
                    "why": why,
                    "fields": fields,
                    "read": all(fields.values()) if fields else None,
                    "answer": answer.answer,
                    "interpretation": getattr(answer, "interpretation", {}),
                    "expected": item.get("interpretation"),
                    "expect": item.get("expect"),
                    "ms": ms,
                }
            )
    return {"rows": rows, "summary": summary(rows)}


def summary(rows: list[dict]) -> dict:
    def share(values) -> float:
        values = list(values)
        return round(sum(bool(v) for v in values) / len(values), 3) if values else 0.0

    out = {
        "count": len(rows),
        "answer": share(r["right"] for r in rows),
        "reading": share(r["read"] for r in rows if r["read"] is not None),
        "fields": {
            field: share(r["fields"][field] for r in rows if field in r["fields"])
            for field in FIELDS
        },
        "p50_ms": round(statistics.median(r["ms"] for r in rows), 1) if rows else 0.0,
    }
    for key in ("set", "style"):
        groups = sorted({r[key] for r in rows})
        out[f"by_{key}"] = {
            g: {
                "count": sum(r[key] == g for r in rows),
                "answer": share(r["right"] for r in rows if r[key] == g),
                "reading": share(r["read"] for r in rows if r[key] == g and r["read"] is not None),
            }
            for g in groups
        }
    return out


def main() -> None:  # pragma: no cover - a developer's loop over the seen sets
    import argparse
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from app.answering import Answerer
    from indexing.store import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--store")
    parser.add_argument("--set", action="append")
    parser.add_argument("--out", default="/tmp/reading.json")
    args = parser.parse_args()
    answerer = Answerer(open_store(args.store) if args.store else open_store())
    result = run(answerer, tuple(args.set or SETS), unseen=False)
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(json.dumps(result["summary"], indent=1))


if __name__ == "__main__":
    main()
