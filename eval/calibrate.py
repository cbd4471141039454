"""Calibrating the reading's thresholds on the seen part of the blind sets.

`python -m eval.calibrate [--store DIR]` asks the seen questions of eval/questions once for
each setting of a grid and prints the answer accuracy, the interpretation accuracy and the
records' accuracy of each: the thresholds in app/answering/naming.py (ACCEPT, CLOSE) and
app/answering/intent_reading.py (TAKE, OVERRIDE, TAKE_OPERATION) are the best of these.
The unseen part is never read here.
"""

from __future__ import annotations

import argparse
import json
import os

GRID = {
    "naming.ACCEPT": (0.40, 0.45, 0.50),
    "naming.CLOSE": (0.04, 0.06, 0.08),
    "intent_reading.TAKE": (0.30, 0.35, 0.45),
    "intent_reading.OVERRIDE": (0.6, 0.7, 0.8),
    "intent_reading.TAKE_OPERATION": (0.35, 0.40, 0.55),
}


def main() -> None:  # pragma: no cover - a developer's tool, run by hand
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from app.answering import Answerer, intent_reading, naming
    from indexing.store import open_store

    from . import reading

    parser = argparse.ArgumentParser()
    parser.add_argument("--store")
    parser.add_argument("--only", action="append", help="a key of GRID to vary alone")
    args = parser.parse_args()
    modules = {"naming": naming, "intent_reading": intent_reading}
    answerer = Answerer(open_store(args.store) if args.store else open_store())
    keys = args.only or list(GRID)
    baseline = {key: getattr(modules[key.split(".")[0]], key.split(".")[1]) for key in GRID}
    # One key at a time around the current setting: the grid's full product is too slow to
    # be worth it, and the keys interact little.
    for key in keys:
        for value in GRID[key]:
            setting = dict(baseline, **{key: value})
            for name, number in setting.items():
                module, attribute = name.split(".")
                setattr(modules[module], attribute, number)
            summary = reading.run(answerer)["summary"]
            print(
                json.dumps(
                    {
                        key: value,
                        "answer": summary["answer"],
                        "reading": summary["reading"],
                        "records": summary["fields"]["records"],
                        "measure": summary["fields"]["measure"],
                        "operation": summary["fields"]["operation"],
                    }
                ),
                flush=True,
            )
    for name, number in baseline.items():
        module, attribute = name.split(".")
        setattr(modules[module], attribute, number)


if __name__ == "__main__":
    main()
