"""Speed of Kenal's promise extractor against `dateparser.search_dates` alone, on the same messages.

Run: .venv/bin/python bench/bench_extract.py [--quick] [--messages N] [--sample N]

The extractor runs over every message; dateparser is timed over a deterministic sample (every k-th
message) and extrapolated per message, because over 1,000,000 messages it would take about half an hour.

Results, full run (.venv/bin/python bench/bench_extract.py; Python 3.11.7, 2 vCPUs, one process):
    messages: 1,000,000 in 249,758 threads (seed 20260302)
    extractor over all 1,000,000: 32.8 s, 32.8 µs/message, 100,989 commitments
    dateparser.search_dates over a sample of 20,000 (every 50th message): 14.2 s, 712 µs/message
    dateparser extrapolated to 1,000,000: 712 s
    ratio: the extractor is 21.7x faster than dateparser.search_dates alone
An earlier full run gave 29.5 µs and 894 µs/message (30.3x): dateparser's figure moves most between runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kenal.lib.promises import Message, extract

ZONE = "Asia/Jakarta"
TZ = ZoneInfo(ZONE)
SEED = 20260302
NAMES = ["kak", "mas", "mbak", "pak", "bu", "bro", "sis", ""]
THINGS = [
    "invoice",
    "desain logo",
    "press release",
    "proposal",
    "foto produk",
    "draft caption",
    "kontrak",
    "media list",
    "the deck",
    "the quote",
    "the wireframes",
    "revisi banner",
    "laporan",
    "video teaser",
]
CHATTER = [
    "haha iya {n}",
    "wkwk",
    "mantap 👍",
    "lagi di jalan nih",
    "makasih {n} 🙏",
    "sama2 {n}",
    "siapa yg dateng td?",
    "seru banget acaranya",
    "Good morning! How was the weekend?",
    "lol that's hilarious",
    "thanks so much!",
    "udah makan belum {n}?",
    "otw kantor",
    "hujan deres bgt di sini",
    "semoga lancar ya {n}",
    "amin 🙏",
    "Nice, love it",
    "cakep bgt {n} hasilnya",
    "hehe santai aja",
    "Happy birthday! 🎉",
    "gimana kabarnya {n}?",
    "mantul",
    "sip sip",
    "ok noted",
    "That's great news",
    "anaknya udah sekolah {n}?",
    "wah keren",
]
TIMED = [
    "{thing} sy kirim besok ya {n}",
    "bsk jam 3 sore sy kirim {thing}-nya",
    "I'll send {thing} tomorrow at 1 PM",
    "tolong kirim {thing} hari Jumat ya {n}",
    "Could you send {thing} by end of day?",
    "siap {n}",
    "nanti sy kabari ya {n}",
    "{thing} minggu depan ya {n}",
    "dalam 1 jam sy kirim ya",
    "sudah sy kirim {thing} via email ya {n}",
    "maaf {n}, belum bisa minggu ini",
    "bisa besok jam 10 {n}?",
    "Will do, I'll share {thing} next week.",
    "akhir bulan ya {n}, lg nunggu vendor",
    "tgl 15 sy transfer ya",
    "rapat besok jam 9 pagi di kantor ya",
    "Selamat pagi Bapak, proposal akan kami kirimkan pukul 13.00 WIB",
]


def generate(count: int, seed: int = SEED) -> list[tuple[str, list[Message]]]:
    """`count` messages in threads of 2-6, about one in five with a time or a promise cue."""
    rng = random.Random(seed)
    threads, made = [], 0
    start = datetime(2026, 1, 5, 8, 0, tzinfo=TZ)
    while made < count:
        size = min(rng.randint(2, 6), count - made)
        at = start + timedelta(minutes=rng.randint(0, 500_000))
        messages = []
        for position in range(size):
            pool = TIMED if rng.random() < 0.2 else CHATTER
            text = rng.choice(pool).format(n=rng.choice(NAMES), thing=rng.choice(THINGS)).strip()
            messages.append(Message(at, "them" if position % 2 == 0 else "me", text))
            at += timedelta(minutes=rng.randint(1, 90))
        threads.append((f"b{len(threads)}", messages))
        made += size
    return threads


def all_messages(threads: list[tuple[str, list[Message]]]) -> Iterator[Message]:
    for _thread_id, messages in threads:
        yield from messages


def time_extractor(threads: list[tuple[str, list[Message]]]) -> tuple[float, int]:
    """Seconds to extract over every thread, and the commitments found."""
    begin = time.perf_counter()
    found = sum(len(extract(messages, ZONE)) for _thread_id, messages in threads)
    return time.perf_counter() - begin, found


def time_dateparser(sample: list[Message]) -> float:
    """Seconds for dateparser.search_dates over the sample, relative to each message's time."""
    from dateparser.search import search_dates

    warnings.simplefilter("ignore")
    search_dates("warm up besok", languages=["id", "en"])
    begin = time.perf_counter()
    for message in sample:
        search_dates(
            message.text,
            languages=["id", "en"],
            settings={"RELATIVE_BASE": message.at.replace(tzinfo=None), "PREFER_DATES_FROM": "future"},
        )
    return time.perf_counter() - begin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 messages, dateparser on 2,000")
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000, help="messages timed with dateparser")
    args = parser.parse_args(argv)
    count, sample_size = (20_000, 2_000) if args.quick else (args.messages, min(args.sample, args.messages))

    threads = generate(count)
    messages = list(all_messages(threads))
    step = max(1, len(messages) // sample_size)
    sample = messages[::step][:sample_size]

    extract_seconds, found = time_extractor(threads)
    parse_seconds = time_dateparser(sample)
    per_extract = extract_seconds / len(messages)
    per_parse = parse_seconds / len(sample)
    print(f"messages: {len(messages):,} in {len(threads):,} threads (seed {SEED})")
    print(
        f"extractor over all {len(messages):,}: {extract_seconds:.1f} s, "
        f"{per_extract * 1e6:.1f} µs/message, {found:,} commitments"
    )
    print(
        f"dateparser.search_dates over a sample of {len(sample):,} (every {step}th message): "
        f"{parse_seconds:.1f} s, {per_parse * 1e6:.0f} µs/message"
    )
    print(f"dateparser extrapolated to {len(messages):,}: {per_parse * len(messages):.0f} s")
    print(f"ratio: the extractor is {per_parse / per_extract:.1f}x faster than dateparser.search_dates alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
