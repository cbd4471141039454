"""How well each stated figure's facts are read: what it counts, whose it is, when, and its
role, against sentences annotated by hand.

The sentences (``eval/facts/``) were written by a session that read real outcome and progress
pages of open.unwomen.org and wrote its own in their style, structure and print habits, and
annotated every figure: its print, what it counts (and the head noun), its owner, its time as
the sentence states it, its role and, for "7 out of 20", the share. That session never saw
the code. ``facts_a`` and ``facts_b`` were read while the reader was built; ``facts_c`` was
the third kept unseen until its first run (``eval/facts-first-run.md``) and read after it;
``facts_d`` was written by another session after that run, kept unseen until its own (also in
``eval/facts-first-run.md``) and read after it; ``facts_e`` was written by a third session,
given a stricter guide to what an owner is (the donor, partner, organisation or group the
figure belongs to; not UN Women or its programme, and not a place where the work happened),
kept unseen until its first run and read after it; ``facts_f`` was written by a fourth
session with the same brief as the third's, kept unseen until its first run and read after
it; so was ``facts_g``, by a fifth session with that brief; ``facts_h``, by a sixth, and
``facts_i``, by a seventh given ``eval/facts/GUIDE.md`` as its brief, are kept unseen: only
their summaries are reported.

A figure is found when the reader states a figure of the same print (or value); then:
- counts: the annotated head noun is a word of what the reader says the figure counts, or the
  two phrases mean nearly the same (MiniLM cosine ≥ ``ALIKE``);
- owner: both empty, or the reader's owner (or the place it reads the figure in, which it
  keeps apart) shares a word with the annotated one;
- time: the same year or period, or both "not stated" (the reader's "");
- role: the same role ("value" is the reader's ""); a ratio annotated as one figure ("43 of
  the 120", a value, or a part of a whole stated before it) that the reader reads as a part
  and its whole is the same reading in another notation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from indexing.figures import stated_figures

FOLDER = Path(__file__).parent / "facts"
SETS = ("facts_a", "facts_b", "facts_c", "facts_d", "facts_e", "facts_f", "facts_g")
# Sets never read, each on its own row (each is another annotator's conventions).
UNSEEN: tuple[str, ...] = ("facts_h_unseen", "facts_k_unseen")
# Read after their first runs but kept apart from SETS, on their own rows: facts_i's owner
# misses gave the rule for findings (a body's reported figures are its own).
READ_APART: tuple[str, ...] = ("facts_i_unseen", "facts_j_unseen")
# A second annotation of a set's figures, by another session that saw only the sentences, the
# prints and eval/facts/GUIDE.md: how far two people agree is the ceiling of any reader.
SECOND = {
    "facts_h_unseen": "facts_h_unseen.second",
    "facts_i_unseen": "facts_i_unseen.second",
    "facts_j_unseen": "facts_j_unseen.second",
    "facts_k_unseen": "facts_k_unseen.second",
}
FIELDS = ("found", "counts", "owner", "time", "role")
RATIO_PRINT = re.compile(r"\d\s+(?:of the|out of|of|in(?: every)?)\s+\d", re.IGNORECASE)
ALIKE = 0.6


def load(name: str) -> list[dict]:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def _words(text: str) -> set[str]:
    """Words as their Snowball stems: "allocated" and "allocation", "savings" and "saved"
    are one word."""
    stem = _stemmer().stemWord
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 1}


def _print_key(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def _match(annotated: dict, read: list) -> object | None:
    want = _print_key(annotated["print"])
    for figure in read:
        if _print_key(figure.text) == want:
            return figure
    # The same number inside a longer or shorter print ("USD 2,4 million" / "2,4 million").
    digits = re.sub(r"\D", "", want)
    for figure in read:
        if digits and re.sub(r"\D", "", _print_key(figure.text)) == digits:
            return figure
    # A print the reader splits or words differently: "four years" (4), "10 to 19" (its
    # first end, 10), "3 of the 4" (3): the reader's figure of the same first value.
    told = stated_figures(annotated["print"])
    for figure in read:
        if told and figure.value == told[0].value:
            return figure
    return None


def _time(text: str) -> str:
    text = text.strip().lower()
    if text in ("", "not stated", "none"):
        return ""
    text = re.sub(r"\b((?:19|20)(\d\d))/(\d\d)\b", r"\1-20\3", text)  # "2022/23"
    years = re.findall(r"(?:19|20)\d\d", text)
    if "before" in text or "previous" in text or "last year" in text:
        return "year before"
    if len(years) >= 2:
        return f"{years[0]}-{years[-1]}"
    return years[0] if years else text


def _same_time(want: str, got: str) -> bool:
    """The same year, period or "not stated"; a time told in words ("the last quarter")
    matches words that share most of it."""
    one, other = _time(want), _time(got)
    if one == other:
        return True
    if re.search(r"\d", one + other) or not one or not other:
        return False
    a, b = _words(one) - {"the", "of", "in"}, _words(other) - {"the", "of", "in"}
    return len(a & b) * 2 >= max(len(a), len(b))


def field_verdicts(annotated: dict, figure, alike: Callable[[str, str], float] | None) -> dict:
    if figure is None:
        return {name: False for name in FIELDS}
    head = annotated.get("head", "").lower()
    counts = figure.counts or ""
    counted = bool(head) and bool(_words(head) & _words(counts))
    if not counted and counts and alike is not None:
        counted = alike(annotated.get("counts", ""), counts) >= ALIKE
    if not annotated.get("counts") and not counts:
        counted = True
    owner_want, owner_got = annotated.get("owner", ""), figure.owner or ""
    # The reader keeps where a figure stands apart from whose it is; an annotator who named
    # the place as its owner (the "partner, office, group or place") is matched by it.
    place = getattr(figure, "place", "") or ""
    owner = (not owner_want and not owner_got) or bool(
        _words(owner_want) & (_words(owner_got) | _words(place))
    )
    # The reader's "total" (a total whose parts the sentence states) and "whole" (the 20 of
    # "7 out of 20") are both the annotators' "whole".
    read_role = {"": "value", "total": "whole"}.get(figure.role, figure.role)
    role = read_role == annotated.get("role", "value")
    # "43 of the 120 seats" annotated as one figure (the GUIDE's ratio, a value) and read as
    # two (43 a part of its whole, 120): one reading in two notations.
    ratio = getattr(figure, "kind", "") == "ratio"
    if read_role == "part" and RATIO_PRINT.search(annotated["print"]) and not ratio:
        role = annotated.get("role", "value") in ("value", "part")
    return {
        "found": True,
        "counts": counted,
        "owner": owner,
        "time": _same_time(annotated.get("time", ""), figure.time or ""),
        "role": role,
    }


def run(names=SETS, alike: Callable[[str, str], float] | None = None) -> dict:
    """Score the reader on the named sets: per field, and every field right per figure."""
    rows = []
    for name in names:
        for item in load(name):
            read = stated_figures(item["sentence"])
            for annotated in item["figures"]:
                figure = _match(annotated, read)
                verdicts = field_verdicts(annotated, figure, alike)
                rows.append(
                    {
                        "set": name,
                        "id": item["id"],
                        "sentence": item["sentence"],
                        "print": annotated["print"],
                        "expected": {
                            k: annotated.get(k, "")
                            for k in ("counts", "head", "owner", "time", "role")
                        },
                        "read": {
                            "counts": getattr(figure, "counts", None),
                            "owner": getattr(figure, "owner", None),
                            "place": getattr(figure, "place", None),
                            "time": getattr(figure, "time", None),
                            "role": getattr(figure, "role", None) or ("value" if figure else None),
                        },
                        **verdicts,
                        "all": all(verdicts.values()),
                    }
                )
    count = len(rows)
    summary = {
        name: round(sum(r[name] for r in rows) / count, 3) if count else 0.0
        for name in (*FIELDS, "all")
    }
    summary["figures"] = count
    summary["sentences"] = len({(r["set"], r["id"]) for r in rows})
    return {"summary": summary, "rows": rows}


def model_alike() -> Callable[[str, str], float]:
    """Cosine similarity of two phrases by the bundled MiniLM."""
    import numpy as np

    from indexing.embed import get_embedder

    embedder = get_embedder()

    def alike(one: str, other: str) -> float:
        if not one or not other:
            return 0.0
        a, b = (np.asarray(v, dtype=float) for v in embedder.embed([one, other]))
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))

    return alike


def _as_read(annotated: dict):
    """An annotation in the reader's terms, to be scored as if it were read."""
    from types import SimpleNamespace

    return SimpleNamespace(
        counts=annotated.get("counts", ""),
        owner=annotated.get("owner", ""),
        place="",
        time=_time(annotated.get("time", "")),
        role={"value": ""}.get(annotated.get("role", "value"), annotated.get("role", "")),
    )


def agreement(name: str, alike: Callable[[str, str], float] | None = None) -> dict:
    """Two annotators of one set against each other, and the reader on what they agree on.

    A field agrees when either annotation, scored as if it were read, matches the other (the
    scorer's tests are not symmetric: a head noun among the other's words). "reader, agreed"
    scores the reader only on the fields both annotators agree on; its "all" only on figures
    whose every field they agree on."""
    first = {item["id"]: item for item in load(name)}
    second = {item["id"]: item for item in load(SECOND[name])}
    fields = FIELDS[1:]
    tally = {key: {f: [0, 0] for f in (*fields, "all")} for key in ("annotators", "reader")}
    for key, item in first.items():
        read = stated_figures(item["sentence"])
        for one, other in zip(item["figures"], second[key]["figures"], strict=True):
            there = field_verdicts(one, _as_read(other), alike)
            back = field_verdicts(other, _as_read(one), alike)
            agreed = {f: there[f] or back[f] for f in fields}
            reader = field_verdicts(one, _match(one, read), alike)
            for f in fields:
                tally["annotators"][f][0] += agreed[f]
                tally["annotators"][f][1] += 1
                if agreed[f]:
                    tally["reader"][f][0] += reader[f]
                    tally["reader"][f][1] += 1
            tally["annotators"]["all"][0] += all(agreed.values())
            tally["annotators"]["all"][1] += 1
            if all(agreed.values()):
                tally["reader"]["all"][0] += all(reader[f] for f in fields)
                tally["reader"]["all"][1] += 1
    return {
        key: {
            **{f: round(right / count, 3) if count else 0.0 for f, (right, count) in row.items()},
            "figures": row["all"][1],
        }
        for key, row in tally.items()
    }
