"""Whole command against whole command: `kenal commitments extract` vs dateparser.search_dates alone.

Run: .venv/bin/python bench/bench_extract_commands.py [--messages 1000000]

Both commands read the same thread file (the format of shared/eval/COMMITMENTS.md) in their own process,
and their wall-clock times, start-up included, are compared as a ratio.

Measured (.venv/bin/python bench/bench_extract_commands.py; 2 vCPUs, one session):
    messages: 1,000,000 (98 MB of threads)
    kenal commitments extract:              26.2 s
    dateparser.search_dates, every one:    555.8 s
    ratio: kenal commitments extract is 21.2x faster, whole command against whole command
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_threads(path: Path, count: int) -> int:
    from bench.bench_extract import ZONE, generate

    total = 0
    with path.open("w", encoding="utf-8") as out:
        for thread_id, messages in generate(count):
            rows = [{"at": m.at.isoformat(), "from": m.sender, "text": m.text} for m in messages]
            total += len(rows)
            out.write(
                json.dumps({"id": thread_id, "timezone": ZONE, "messages": rows}, ensure_ascii=False) + "\n"
            )
    return total


def dateparser_baseline(path: str) -> None:
    """The baseline command: dateparser.search_dates over every message, relative to its time."""
    from datetime import datetime

    from dateparser.search import search_dates

    warnings.simplefilter("ignore")
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            for message in json.loads(line)["messages"]:
                base = datetime.fromisoformat(message["at"]).replace(tzinfo=None)
                search_dates(
                    message["text"],
                    languages=["id", "en"],
                    settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
                )


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--baseline", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        dateparser_baseline(args.baseline)
        return
    folder = Path(tempfile.mkdtemp(prefix="kenal-bench-"))
    threads = folder / "threads.jsonl"
    total = write_threads(threads, args.messages)
    env = {**os.environ, "KENAL_HOME": str(folder / "home")}
    kenal = Path(sys.executable).with_name("kenal")
    ours = timed([str(kenal), "commitments", "extract", str(threads), "-o", str(folder / "out.jsonl")], env)
    theirs = timed([sys.executable, __file__, "--baseline", str(threads)], env)
    print(f"messages: {total:,} ({threads.stat().st_size / 1e6:.0f} MB of threads)")
    print(f"kenal commitments extract:          {ours:8.1f} s")
    print(f"dateparser.search_dates, every one: {theirs:8.1f} s")
    print(
        f"ratio: kenal commitments extract is {theirs / ours:.1f}x faster, whole command against whole command"
    )


if __name__ == "__main__":
    main()
