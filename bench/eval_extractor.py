"""Score the promise extractor on the shared development set and on Kenal's own labelled threads.

    .venv/bin/python bench/eval_extractor.py [--show-errors tune]

`bench/eval/threads-tune.jsonl` may be looked at while changing the rules; `threads-holdout.jsonl` is
written by someone who had not seen the extractor's mistakes and is only scored, never tuned on: its
figure is the honest estimate of how the extractor does on threads it has never seen.
Uses the scorer in ../shared/eval/ (the task definition is COMMITMENTS.md there).

Last run (2026-12-03):
dev      threads=90 commitments=74 precision=1.0 recall=1.0 f1=1.0 due_accuracy=1.0 vague_accuracy=1.0
tune     threads=64 commitments=57 precision=1.0 recall=1.0 f1=1.0 due_accuracy=0.982 vague_accuracy=1.0
holdout  threads=36 commitments=33 precision=1.0 recall=1.0 f1=1.0 due_accuracy=0.97 vague_accuracy=1.0
Before this session's rule changes: tune f1=0.956 (28 new threads), holdout f1=0.985 due_accuracy=0.97.
"""

import argparse
import importlib.util
import io
import json
import sys
from pathlib import Path

from kenal.lib.promises import predict_lines

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent / "shared" / "eval" / "score_commitments.py"
SETS = {
    "dev": HERE.parent.parent / "shared" / "eval" / "commitments-dev.jsonl",
    "tune": HERE / "eval" / "threads-tune.jsonl",
    "holdout": HERE / "eval" / "threads-holdout.jsonl",
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_commitments", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(path: Path, scorer) -> tuple[dict, list[str]]:
    with open(path, encoding="utf-8") as source:
        predictions = list(predict_lines(source, str(path), io.StringIO()))
    predicted = {row["id"]: row for row in map(json.loads, predictions)}
    return scorer.score(scorer.load(path), predicted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", choices=["dev", "tune"], action="append", default=[])
    args = parser.parse_args()
    scorer = _scorer()
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name}: {path} is missing", file=sys.stderr)
            continue
        figures, errors = evaluate(path, scorer)
        print(f"{name:8} " + " ".join(f"{key}={value}" for key, value in figures.items()))
        if name in args.show_errors:
            for line in errors:
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
