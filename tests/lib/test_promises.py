"""The promise extractor, its replies and its command line (pure, no database)."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kenal.lib.promise_cues import is_acknowledgement
from kenal.lib.promises import Commitment, Message, extract, extract_file, main, promise_title, suggest_reply
from kenal.lib.timeexpr import NO_DUE, resolve
from tests.lib.promise_cases import CASES

JAKARTA = ZoneInfo("Asia/Jakarta")


def thread(*lines: tuple[str, str, str]) -> list[Message]:
    return [Message(datetime.fromisoformat(at), sender, text) for at, sender, text in lines]


def found(messages: list[Message], zone: str = "Asia/Jakarta") -> list[tuple]:
    return [(c.message, c.debtor, c.due.value, c.due.precision) for c in extract(messages, zone)]


@pytest.mark.parametrize(("name", "zone", "lines", "expected"), CASES, ids=[case[0] for case in CASES])
def test_invented_threads_are_labelled_as_expected(name, zone, lines, expected):
    assert found(thread(*lines), zone) == expected


def test_oke_accepts_a_request_and_inherits_its_deadline():
    messages = thread(
        ("2026-03-02T23:40:00+07:00", "them", "mbak tolong kirim file-nya besok ya"),
        ("2026-03-03T00:05:00+07:00", "me", "oke mbak"),
    )
    assert found(messages) == [(1, "me", "2026-03-03", "day")]  # resolved from the request's own date


@pytest.mark.parametrize("reply", ["siap kak", "noted", "baik pak", "sure", "will do", "on it", "ok, noted"])
def test_acceptance_words_take_on_the_request(reply):
    messages = thread(
        ("2026-03-02T10:00:00+07:00", "them", "Please send the brief by Friday."),
        ("2026-03-02T10:05:00+07:00", "me", reply),
    )
    assert found(messages) == [(1, "me", "2026-03-06", "day")]


def test_oke_after_a_report_is_not_a_promise():
    messages = thread(
        ("2026-03-02T10:00:00+07:00", "me", "Kak, file-nya udah sy upload ya"),
        ("2026-03-02T10:05:00+07:00", "them", "oke mas makasih"),
    )
    assert found(messages) == []


def test_oke_to_a_counter_proposal_is_not_a_second_promise():
    messages = thread(
        ("2026-03-02T10:00:00+07:00", "them", "kirim hari ini ya mas"),
        ("2026-03-02T10:05:00+07:00", "me", "bisa besok jam 10?"),
        ("2026-03-02T10:06:00+07:00", "them", "oke"),
    )
    assert found(messages) == [(1, "me", "2026-03-03T10:00", "minute")]


@pytest.mark.parametrize("text", ["sudah saya kirim ya kak", "I've sent it already", "udah sy transfer td"])
def test_reports_of_done_things_are_not_promises(text):
    assert found(thread(("2026-03-02T10:00:00+07:00", "me", text))) == []


@pytest.mark.parametrize(
    "text",
    [
        "maaf kak, belum bisa minggu ini",
        "Sorry, I can't take this on.",
        "Unfortunately we're fully booked, so I'll have to pass.",
    ],
)
def test_refusals_are_not_promises(text):
    messages = thread(
        ("2026-03-02T10:00:00+07:00", "them", "Bisa bantu bikin video minggu ini?"),
        ("2026-03-02T10:05:00+07:00", "me", text),
    )
    assert found(messages) == []


@pytest.mark.parametrize(
    "text",
    [
        "Makasih banyak ya kak 🙏",
        "Selamat pagi Bu, sehat selalu",
        "kapan-kapan ngopi yuk",
        "Could you send the invoice tomorrow?",
    ],
)
def test_thanks_greetings_pleasantries_and_requests_are_not_promises(text):
    assert found(thread(("2026-03-02T10:00:00+07:00", "them", text))) == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("sy kirim besok ya", ("2026-03-03", "day")),
        ("I'll send it tomorrow at 1 PM", ("2026-03-03T13:00", "minute")),
        ("nanti saya kabari", (None, "none")),
        ("Let me check and get back to you", (None, "none")),
        ("Proposal akan kami kirimkan hari Jumat", ("2026-03-06", "day")),
        ("bsk sy kirim jam 3 sore", ("2026-03-03T15:00", "minute")),
    ],
)
def test_first_person_future_is_a_promise_of_the_sender(text, due):
    assert found(thread(("2026-03-02T10:00:00+07:00", "them", text))) == [(0, "them", *due)]


def test_a_clause_that_is_busy_does_not_lend_its_time():
    messages = thread(
        ("2026-03-02T10:00:00+07:00", "them", "mas revisi kirim bsk ya"),
        ("2026-03-02T10:05:00+07:00", "me", "bsk sy lg di luar kota kak, Rabu gpp?"),
    )
    assert found(messages) == [(1, "me", "2026-03-04", "day")]


def test_language_follows_the_message():
    english = extract(thread(("2026-03-02T10:00:00+07:00", "me", "I'll send it tomorrow.")), "Asia/Jakarta")
    mixed = extract(
        thread(("2026-03-02T10:00:00+07:00", "me", "Noted kak, I'll send besok ya")), "Asia/Jakarta"
    )
    assert english[0].language == "en" and mixed[0].language == "id"


def commitment(text: str, language: str, debtor: str = "me") -> Commitment:
    made = datetime(2026, 3, 2, 10, 0, tzinfo=JAKARTA)
    return Commitment(1, debtor, resolve(text, made, JAKARTA), "kirim file", language, made)


def test_reply_for_a_day_promise_proposes_13_00_in_indonesian():
    assert (
        suggest_reply(commitment("besok", "id"))
        == "Oke, saya kirim besok paling lambat jam 13.00 ya, apakah oke?"
    )


def test_reply_for_a_day_promise_proposes_1_pm_in_english():
    expected = "Sure — I'll send it tomorrow by 1 PM at the latest, is that okay?"
    assert suggest_reply(commitment("tomorrow", "en")) == expected


def test_reply_for_a_week_promise_proposes_the_friday():
    assert "hari Jumat, 13 Maret paling lambat jam 13.00" in suggest_reply(commitment("minggu depan", "id"))


def test_reply_for_a_promise_without_time_proposes_the_next_working_day():
    made = datetime(2026, 3, 6, 10, 0, tzinfo=JAKARTA)  # a Friday
    vague = Commitment(1, "me", NO_DUE, "nanti sy kabari", "id", made)
    assert (
        suggest_reply(vague) == "Oke, saya kabari hari Senin, 9 Maret paling lambat jam 13.00 ya, apakah oke?"
    )


def test_reply_for_a_client_promise_asks_them_to_confirm():
    assert suggest_reply(commitment("besok", "en", debtor="them")).startswith(
        "Great — so I can expect it tomorrow"
    )


def test_reply_never_proposes_a_time_already_passed():
    made = datetime(2026, 3, 2, 18, 0, tzinfo=JAKARTA)
    tonight = Commitment(1, "me", resolve("tonight", made, JAKARTA), "send it", "en", made)
    assert "today by 9 PM" in suggest_reply(tonight)


def write_lines(path, rows):
    path.write_text("\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n")


GOOD = {
    "id": "t1",
    "timezone": "Asia/Jakarta",
    "messages": [
        {"at": "2026-03-02T10:00:00+07:00", "from": "them", "text": "tolong kirim besok ya"},
        {"at": "2026-03-02T10:01:00+07:00", "from": "me", "text": "siap kak"},
    ],
}


def test_extract_file_writes_one_line_per_thread(tmp_path):
    write_lines(tmp_path / "in.jsonl", [GOOD, {**GOOD, "id": "t2"}])
    assert extract_file(tmp_path / "in.jsonl", tmp_path / "out.jsonl") == 2
    first = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert first["id"] == "t1"
    assert first["commitments"][0] | {"reply": ""} == {
        "message": 1,
        "debtor": "me",
        "due": "2026-03-03",
        "precision": "day",
        "vague": True,
        "what": "Kirim",
        "language": "id",
        "reply": "",
    }


def test_bad_lines_are_reported_by_file_and_line_and_the_rest_still_run(tmp_path, capsys):
    broken_time = {**GOOD, "id": "t3", "messages": [{"at": "yesterday", "from": "me", "text": "x"}]}
    write_lines(tmp_path / "in.jsonl", ["{not json", GOOD, {"id": "t2"}, broken_time])
    assert main([str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 0
    errors = capsys.readouterr().err
    assert f"{tmp_path / 'in.jsonl'}:1: " in errors
    assert f"{tmp_path / 'in.jsonl'}:3: missing key 'messages'" in errors
    assert f"{tmp_path / 'in.jsonl'}:4: " in errors and "Traceback" not in errors
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["t1"]


def test_missing_input_file_is_a_clear_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 1
    assert "nope.jsonl: No such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("besok jam 1 siang saya kirim", "Kirim"),
        ("Ok, I'll email it to you tomorrow at 1 PM the latest.", "Email it to you"),
        ("Siap kak, proposal revisi sy kirim paling lambat Jumat ya kak", "Proposal revisi sy kirim"),
        (
            "Salinan NPWP akan kami kirimkan melalui email paling lambat tanggal 31 Agustus 2026.",
            "Salinan NPWP akan kami kirimkan melalui email",
        ),
        ("we'll get back to you next week", "Get back to you"),
        ("Telepon Bu Yuna", "Telepon Bu Yuna"),
    ],
)
def test_a_promise_title_keeps_no_time_word_that_will_be_wrong_tomorrow(text, title):
    assert promise_title(text) == title


def test_a_bare_promise_takes_its_title_from_the_request_it_answers():
    found = extract(
        [
            Message(
                datetime(2026, 3, 2, 9, 0, tzinfo=JAKARTA), "them", "Mas, tolong kirim press release-nya ya"
            ),
            Message(datetime(2026, 3, 2, 9, 5, tzinfo=JAKARTA), "me", "besok jam 1 siang saya kirim"),
        ],
        JAKARTA,
    )
    assert [(c.what, c.due.value) for c in found] == [("Kirim press release-nya", "2026-03-03T13:00")]


@pytest.mark.parametrize(
    "text",
    [
        "Oke Mbak ditunggu",
        "Sip, makasih kak 🙏",
        "Thanks so much!",
        "👍",
        "noted pak",
        "Siap, ditunggu kabarnya ya",
    ],
)
def test_an_acknowledgement_asks_nothing_back(text):
    assert is_acknowledgement(text)


@pytest.mark.parametrize(
    "text",
    [
        "Oke, tapi bisa dikirim besok?",
        "Makasih mbak, btw invoice-nya sudah dikirim?",
        "Oke ditunggu, sekalian kirim logo ya",
        "Tolong cek lagi ya",
    ],
)
def test_a_message_that_asks_or_says_more_is_not_an_acknowledgement(text):
    assert not is_acknowledgement(text)
