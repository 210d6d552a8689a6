"""Peak memory of reading hostile exports: a zip bomb, 200 KB of deep Telegram nesting, a 200 MB line.

Run: .venv/bin/python bench/bench_hostile.py [--tree PATH]
Each case scans the file (the dry run, where the memory goes) in a child process capped at 2 GB of address
space, and reports the child's peak RSS; --tree runs the same cases against another checkout (a baseline).
The target is under 300 MB for any file.

Last run (2026-12-03, 2 shared cores), peak RSS of the child, this tree vs the tree before issue 12:
  200 KB of deep Telegram nesting    28 MB (message 2 refused at depth 64)  vs  over the 2 GB cap (MemoryError)
  200 MB single WhatsApp line        27 MB (text cut at 65,536 characters)  vs  651 MB
  zip bomb, 398 KB -> one 400 MB line 24 MB (refused: 1,029 times packed)   vs  1,631 MB
  200 MB Telegram text string        24 MB (cut as read, then at 65,536 characters; both messages kept)
  1,000,000 WhatsApp senders (35 MB) 36 MB (10,000 senders listed, the rest noted)
  2,000,000 Telegram ids (180 MB)    63 MB (ids remembered for the dry run's repeat count: at most 500,000)
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAP = 2 * 1024**3
CHILD = """
import sys, json, resource
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from zoneinfo import ZoneInfo
try:
    from kenal.lib.chats.scan import ChatExport, scan_file
    report = scan_file(ChatExport(source=sys.argv[2], path=Path(sys.argv[3]), tz=ZoneInfo("Asia/Jakarta")))
except ImportError:  # a checkout from before the scan stage: its dry run walked the parser like this
    from types import SimpleNamespace
    from kenal.lib.chats import Malformed, parse
    report = SimpleNamespace(messages=0, malformed=[])
    for item in parse(sys.argv[2], Path(sys.argv[3]), tz=ZoneInfo("Asia/Jakarta")):
        if isinstance(item, Malformed):
            report.malformed.append({"message": item.message})
        else:
            report.messages += 1
problems = report.malformed + getattr(report, "notes", [])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"peak RSS {peak:.0f} MB:", json.dumps({"messages": report.messages, "first problem": problems[0]["message"][:100] if problems else None}))
"""


def zip_bomb(folder: Path) -> Path:
    """One chat line followed by 400 MB of one character with no newline, deflated to about 400 KB."""
    path = folder / "WhatsApp Chat with Bomb.zip"
    chunk = b"a" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("WhatsApp Chat with Bomb.txt", "w", force_zip64=True) as member:
            member.write(b"02/03/26 09.15 - Bomb: ")
            for _ in range(400):
                member.write(chunk)
    return path


def deep_telegram(folder: Path) -> Path:
    path = folder / "result.json"
    good = {"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna", "text": "Halo"}
    deep = (
        '{"id": 2, "type": "message", "date_unixtime": "1772416900", "text": ' + "[" * 100_000 + "]" * 100_000
    )
    path.write_text('{"name": "R", "id": 5, "messages": [' + json.dumps(good) + ", " + deep + "}]}")
    return path


def telegram_long_text(folder: Path) -> Path:
    """One Telegram message whose text is a single 200 MB JSON string, then a normal one."""
    path = folder / "long" / "result.json"
    path.parent.mkdir()
    with open(path, "wb") as out:
        out.write(b'{"name": "R", "id": 5, "messages": [{"id": 1, "type": "message", ')
        out.write(b'"date_unixtime": "1772416800", "from": "Ratna", "text": "')
        for _ in range(200):
            out.write(b"c" * (1 << 20))
        out.write(b'"}, {"id": 2, "type": "message", "date_unixtime": "1772416900", "from": "Ratna", ')
        out.write(b'"text": "oke"}]}')
    return path


def many_senders(folder: Path) -> Path:
    """A WhatsApp export of 1,000,000 messages, each from a different sender (a report listing them all)."""
    path = folder / "WhatsApp Chat with Many.txt"
    with open(path, "w", encoding="utf-8") as out:
        for number in range(1_000_000):
            out.write(f"02/03/26 09.15 - Sender {number}: oke\n")
    return path


def many_ids(folder: Path) -> Path:
    """A Telegram export of 2,000,000 short messages with distinct ids (a set of every id seen)."""
    path = folder / "ids" / "result.json"
    path.parent.mkdir()
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"name": "R", "id": 5, "messages": [')
        out.write(
            ", ".join(
                f'{{"id": {number}, "type": "message", "date_unixtime": "1772416800", "from": "R", "text": "x"}}'
                for number in range(2_000_000)
            )
        )
        out.write("]}")
    return path


def long_line(folder: Path) -> Path:
    path = folder / "WhatsApp Chat with Line.txt"
    with open(path, "wb") as out:
        out.write(b"02/03/26 09.15 - Line: ")
        for _ in range(200):
            out.write(b"b" * (1 << 20))
        out.write(b"\n02/03/26 09.16 - Line: oke\n")
    return path


def measure(tree: Path, source: str, path: Path) -> str:
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tree), source, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=cap,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )
    return (
        done.stdout.strip()
        or f"failed past the {CAP // 1024**3} GB cap: " + done.stderr.strip().splitlines()[-1][:120]
    )


def main(argv=None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--tree", type=Path, default=ROOT)
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kenal-hostile-") as folder:
        folder = Path(folder)
        cases = [
            ("200 KB of deep Telegram nesting", "telegram", deep_telegram(folder)),
            ("200 MB single WhatsApp line", "whatsapp", long_line(folder)),
            ("zip bomb (one 400 MB line)", "whatsapp", zip_bomb(folder)),
            ("200 MB Telegram text string", "telegram", telegram_long_text(folder)),
            ("1,000,000 WhatsApp senders", "whatsapp", many_senders(folder)),
            ("2,000,000 Telegram message ids", "telegram", many_ids(folder)),
        ]
        for label, source, path in cases:
            print(
                f"{label} ({path.stat().st_size / 1024:,.0f} KB): {measure(args.tree, source, path)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
