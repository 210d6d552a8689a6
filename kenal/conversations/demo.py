"""Demo conversations from the stories, imported through the real WhatsApp importer.

Each chat is written as an Indonesian Android export ("02/03/26 09.15 - Nama: pesan") with times counted
back from today, so the demo stays fresh, and then goes through `chats_import` like any upload. Ratna Sari
asks for a press release "besok", gets a vague "oke bu", and her last messages still wait for a reply.
Loading twice adds nothing: a chat already in the workspace is left alone.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from kenal.conversations.importer import chats_import, run_finish
from kenal.conversations.models import Conversation, ImportRun, Source
from kenal.lib.chats.scan import ChatExport

ME = "Sari"
ENCRYPTED = (
    "Pesan dan panggilan dienkripsi secara end-to-end. Tidak seorang pun di luar chat ini yang dapat "
    "membaca atau mendengarkannya."
)

# person's full name -> [(working days back, "HH:MM", sender or None for me, text)]
CHATS: dict[str, list[tuple[int, str, str | None, str]]] = {
    "Bambang Wijaya": [
        (
            16,
            "09:05",
            "Bambang Wijaya",
            "Selamat pagi Mbak Sari. Untuk pameran wayang di kantor dinas bulan depan, "
            "apakah publikasinya bisa dibantu?",
        ),
        (
            16,
            "09:32",
            None,
            "Selamat pagi Pak Bambang. Tentu bisa, Pak. Proposalnya saya kirim lusa jam 14.00.",
        ),
        (14, "13:58", None, "Pak, proposal sudah saya kirim lewat email sesuai janji."),
        (14, "13:58", None, "<Media tidak disertakan>"),
        (
            13,
            "08:30",
            "Bambang Wijaya",
            "Terima kasih, tepat waktu. Tokoh Bima jadi maskotnya ya, saya suka.",
        ),
        (13, "08:47", None, "Siap, Pak. Bima yang jujur dan teguh, cocok untuk pesan keterbukaan informasi."),
    ],
    "Lars Eriksen": [
        (
            9,
            "14:10",
            "Lars Eriksen",
            "Hi Sari! Quick one: the staging site still shows the old logo on mobile.",
        ),
        (9, "14:11", "Lars Eriksen", "<Media tidak disertakan>"),
        (
            9,
            "14:40",
            None,
            "Hi Lars, thanks for the screenshot. I'll fix it today and send you a link by 17:00 WIB.",
        ),
        (9, "16:52", None, "Done: the new logo is live on staging. Could you check it on your phone?"),
        (
            8,
            "15:20",
            "Lars Eriksen",
            "Looks great, tusen takk! Next: could we add a Norwegian version of the contact page?",
        ),
        (
            8,
            "15:46",
            None,
            "Yes. That is outside the current scope, so I'll send a short quote tomorrow by 10:00.",
        ),
        (7, "09:30", None, "Quote sent to your email: two days of work. Let me know if that works for you."),
        (6, "14:05", "Lars Eriksen", "Approved, go ahead 👍\nPlease keep the footer as it is."),
        (6, "14:20", None, "Great, I'll start tomorrow and share the first draft on Friday."),
    ],
    "Yuna Kristina": [
        (
            6,
            "19:30",
            "Yuna Kristina",
            "Mbak, maaf aku nggak bisa ikut jemputan minggu ini. Raka demam tinggi, dokter curiga DB.",
        ),
        (
            6,
            "19:41",
            None,
            "Ya ampun Yuna, semoga Raka cepat sembuh ya. Jemputan biar aku yang atur, "
            "kabari kalau perlu apa-apa.",
        ),
        (5, "07:10", "Yuna Kristina", "Raka dirawat di RS, trombositnya turun 😢"),
        (5, "07:14", None, "Aku mampir sore ini ya, bawa buah."),
        (3, "18:20", "Yuna Kristina", "Alhamdulillah Raka sudah boleh pulang. Makasih banyak ya Mbak 🙏"),
        (3, "18:26", None, "Syukurlah! Salam buat Raka ❤️"),
    ],
    "Ratna Sari": [
        (
            4,
            "08:05",
            "Ratna Sari",
            "Pagi Mbak Sari. Untuk peluncuran produk minggu depan, tolong siapkan press "
            "release ya. Saya perlu besok.",
        ),
        (4, "08:06", "Ratna Sari", "Sekalian daftar media yang diundang:\n1. Kompas\n2. Tempo\n3. Detik"),
        (4, "11:47", None, "oke bu"),
        (
            3,
            "09:02",
            "Ratna Sari",
            "Mbak, press release-nya jadi jam berapa? Direksi mau review sebelum makan siang.",
        ),
        (3, "15:30", None, "Siap bu, sedang saya finalkan"),
        (3, "16:58", None, "<Media tidak disertakan>"),
        (2, "08:15", "Ratna Sari", "Sudah saya baca. Kutipan CEO masih kurang kuat, tolong direvisi ya."),
        (2, "08:16", "Ratna Sari", "Daftar medianya juga belum ada. Saya tunggu kabarnya jam berapa."),
    ],
}


def working_day_back(today: date, count: int) -> date:
    """The date `count` weekdays before today: demo replies land in office hours whatever day it is."""
    day = today
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def export_text(lines: list[tuple[int, str, str | None, str]], *, today: date, tz, first_day: int) -> str:
    """The chat as an Indonesian Android WhatsApp export, dated back from today."""
    start = datetime.combine(working_day_back(today, first_day), time(0, 0))
    rows = [f"{start:%d/%m/%y} 00.00 - {ENCRYPTED}"]
    for days_back, clock, sender, text in lines:
        moment = datetime.combine(working_day_back(today, days_back), time.fromisoformat(clock))
        rows.append(f"{moment:%d/%m/%y %H.%M} - {sender or ME}: {text}")
    return "\n".join(rows) + "\n"


def load(*, workspace, user) -> None:
    """Import the demo chats that the workspace does not have yet, for the demo people that exist."""
    from kenal.people.models import Person

    tz = workspace.tz
    today = timezone.now().astimezone(tz).date()
    people = set(
        Person.objects.filter(workspace=workspace, full_name__in=list(CHATS)).values_list(
            "full_name", flat=True
        )
    )
    run = None
    with tempfile.TemporaryDirectory(prefix="kenal-demo-") as folder:
        for name, lines in CHATS.items():
            file_name = f"WhatsApp Chat with {name}.txt"
            path = Path(folder) / file_name
            export = ChatExport(source="whatsapp", path=path, tz=tz, name=file_name, fmt="dmy")
            key = export.thread_key
            if (
                name not in people
                or Conversation.objects.filter(
                    workspace=workspace, source=Source.WHATSAPP, thread_key=key
                ).exists()
            ):
                continue
            if run is None:
                run = ImportRun.objects.create(
                    workspace=workspace, user=user, source=Source.WHATSAPP, status=ImportRun.Status.RUNNING
                )
            path.write_text(
                export_text(lines, today=today, tz=tz, first_day=max(row[0] for row in lines)),
                encoding="utf-8",
            )
            chats_import(export=export, workspace=workspace, user=user, me=[ME], run=run)
    if run is not None:
        run_finish(run=run)
