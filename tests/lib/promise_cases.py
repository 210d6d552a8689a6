"""Invented, hand-labelled threads for the promise extractor (none copied from the eval set).

Each case: (name, timezone, [(at, from, text), ...], [(message, debtor, due, precision), ...]).
"""

J, M, P = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

CASES = [
    (
        "acceptance_inherits_request_deadline",
        J,
        [
            ("2026-04-06T10:00:00+07:00", "them", "Kak, tolong kirim invoice-nya lusa ya"),
            ("2026-04-06T10:05:00+07:00", "me", "oke kak"),
        ],
        [(1, "me", "2026-04-08", "day")],
    ),
    (
        "acceptance_without_deadline_is_none",
        J,
        [
            ("2026-04-06T10:00:00+07:00", "them", "mas tolong ganti warna tombolnya jadi hijau"),
            ("2026-04-06T10:02:00+07:00", "me", "siap mas"),
        ],
        [(1, "me", None, "none")],
    ),
    (
        "own_time_beats_inherited",
        J,
        [
            ("2026-04-07T09:00:00+07:00", "them", "Bisa kirim katalog hari ini?"),
            ("2026-04-07T09:10:00+07:00", "me", "Bisa kak, jam 4 sore sy kirim"),
        ],
        [(1, "me", "2026-04-07T16:00", "minute")],
    ),
    (
        "english_will_with_weekday_and_time",
        "Europe/Oslo",
        [
            ("2026-04-08T12:00:00+02:00", "them", "Can you send the invoice?"),
            ("2026-04-08T12:30:00+02:00", "me", "Absolutely, I will send it Friday at 9am."),
        ],
        [(1, "me", "2026-04-10T09:00", "minute")],
    ),
    (
        "counter_proposal_question_is_the_promise",
        J,
        [
            ("2026-04-08T08:00:00+07:00", "them", "Mbak, mockup kirim siang ini ya"),
            ("2026-04-08T08:20:00+07:00", "me", "Siang ini sy ada shooting kak, gimana kalau besok jam 11?"),
            ("2026-04-08T08:25:00+07:00", "them", "boleh mbak"),
        ],
        [(1, "me", "2026-04-09T11:00", "minute")],
    ),
    (
        "done_report_is_not_a_promise",
        J,
        [
            ("2026-04-09T13:00:00+07:00", "me", "Pak, kontraknya sudah sy kirim ke email ya"),
            ("2026-04-09T13:20:00+07:00", "them", "Oke mas, terima kasih"),
        ],
        [],
    ),
    (
        "refusal_is_not_a_promise",
        J,
        [
            ("2026-04-09T13:00:00+07:00", "them", "Mas bisa bantu desain undangan minggu ini?"),
            ("2026-04-09T13:20:00+07:00", "me", "Wah maaf kak, minggu ini belum bisa, lagi pegang 3 project"),
        ],
        [],
    ),
    (
        "social_pleasantry_is_not_a_promise",
        J,
        [
            ("2026-04-10T19:00:00+07:00", "them", "Makasih ya mbak, kapan-kapan makan bareng yuk"),
            ("2026-04-10T19:05:00+07:00", "me", "Boleh kak, kapan2 ya 😄"),
        ],
        [],
    ),
    (
        "client_promises_payment_next_week",
        J,
        [
            ("2026-04-13T10:00:00+07:00", "me", "Bu, mau follow up pembayaran termin 2 ya"),
            ("2026-04-13T10:30:00+07:00", "them", "Iya mbak, pekan depan kami transfer ya"),
        ],
        [(1, "them", "2026-W17", "week")],
    ),
    (
        "client_promises_next_month",
        J,
        [
            ("2026-04-13T10:00:00+07:00", "me", "Hi Tom, any update on the retainer?"),
            ("2026-04-13T10:30:00+07:00", "them", "We will sign it next month, budget opens in May."),
        ],
        [(1, "them", "2026-05", "month")],
    ),
    (
        "within_minutes_is_a_minute",
        J,
        [
            ("2026-04-14T15:00:00+07:00", "them", "Can you resend the link? It expired."),
            ("2026-04-14T15:02:00+07:00", "me", "Sure, I'll resend it within 15 minutes."),
        ],
        [(1, "me", "2026-04-14T15:17", "minute")],
    ),
    (
        "jam_lagi_is_a_minute",
        J,
        [
            ("2026-04-14T15:00:00+07:00", "them", "mbak file PSD-nya bisa dikirim?"),
            ("2026-04-14T15:01:00+07:00", "me", "bisa kak, 2 jam lagi ya sy kirim"),
        ],
        [(1, "me", "2026-04-14T17:01", "minute")],
    ),
    (
        "tanggal_next_month_rollover",
        M,
        [
            ("2026-04-20T09:00:00+08:00", "them", "Kak, kapan bisa ketemu buat tanda tangan kontrak?"),
            ("2026-04-20T09:10:00+08:00", "me", "Tanggal 5 ya kak, sy ke kantor kakak"),
        ],
        [(1, "me", "2026-05-05", "day")],
    ),
    (
        "sunday_capitalised_is_a_day",
        J,
        [
            ("2026-04-15T09:00:00+07:00", "them", "mas album fotonya jadi kapan?"),
            ("2026-04-15T09:10:00+07:00", "me", "Minggu sy antar ke rumah ya kak"),
        ],
        [(1, "me", "2026-04-19", "day")],
    ),
    (
        "minggu_ini_is_a_week",
        J,
        [
            ("2026-04-15T09:00:00+07:00", "them", "mas album fotonya jadi kapan?"),
            ("2026-04-15T09:10:00+07:00", "me", "minggu ini kelar kak, nanti sy kabari"),
        ],
        [(1, "me", "2026-W16", "week")],
    ),
    (
        "greeting_only_thread_has_nothing",
        J,
        [
            ("2026-04-16T07:00:00+07:00", "me", "Selamat pagi Pak Budi, semoga sehat selalu"),
            ("2026-04-16T07:30:00+07:00", "them", "Pagi mbak, aamiin, sama2"),
        ],
        [],
    ),
    (
        "request_alone_is_not_a_promise",
        J,
        [
            ("2026-04-16T07:00:00+07:00", "them", "Could you send the final logo files by Thursday?"),
        ],
        [],
    ),
    (
        "eod_answer_is_a_day",
        "Australia/Sydney",
        [
            ("2026-04-16T09:00:00+10:00", "them", "When can we get the analytics report?"),
            ("2026-04-16T09:05:00+10:00", "me", "By COB today."),
        ],
        [(1, "me", "2026-04-16", "day")],
    ),
    (
        "end_of_month_promise",
        J,
        [
            ("2026-02-10T09:00:00+07:00", "them", "Kapan laporan keuangannya siap?"),
            ("2026-02-10T09:20:00+07:00", "me", "Akhir bulan sy kirim pak"),
        ],
        [(1, "me", "2026-02-28", "day")],
    ),
    (
        "explicit_date_with_wita",
        M,
        [
            ("2026-04-01T09:00:00+08:00", "me", "Bu, kapan bisa kami presentasikan desainnya?"),
            (
                "2026-04-01T09:30:00+08:00",
                "them",
                "Baik Bu, berkas revisi akan kami serahkan tanggal 8 April pukul 14.00 WITA",
            ),
        ],
        [(1, "them", "2026-04-08T14:00", "minute")],
    ),
    (
        "wib_time_in_makassar_thread_is_converted",
        M,
        [
            ("2026-04-01T09:00:00+08:00", "them", "Mohon berkasnya dikirim hari ini"),
            ("2026-04-01T09:30:00+08:00", "me", "Baik Bu, akan kami kirim pukul 13.00 WIB"),
        ],
        [(1, "me", "2026-04-01T14:00", "minute")],
    ),
    (
        "let_me_check_is_none",
        J,
        [
            ("2026-04-21T20:00:00+07:00", "them", "Mas, emailnya bounce terus, kenapa ya?"),
            ("2026-04-21T20:05:00+07:00", "me", "Let me check ya kak, nanti sy kabari"),
        ],
        [(1, "me", None, "none")],
    ),
    (
        "thanks_after_promise_is_not_another",
        J,
        [
            ("2026-04-22T10:00:00+07:00", "them", "Pak, penawarannya dikirim kapan?"),
            ("2026-04-22T10:10:00+07:00", "me", "Besok pagi saya kirim Pak"),
            ("2026-04-22T10:11:00+07:00", "them", "Oke Pak, ditunggu"),
            ("2026-04-22T10:12:00+07:00", "me", "Siap Pak"),
        ],
        [(1, "me", "2026-04-23", "day")],
    ),
    (
        "two_promises_in_two_messages",
        "Europe/Oslo",
        [
            ("2026-04-23T10:00:00+02:00", "them", "Could you share the deck and the budget sheet?"),
            ("2026-04-23T10:10:00+02:00", "me", "I'll share the deck this afternoon."),
            ("2026-04-23T10:11:00+02:00", "me", "The budget sheet tomorrow by 10:30."),
        ],
        [(1, "me", "2026-04-23", "day"), (2, "me", "2026-04-24T10:30", "minute")],
    ),
    (
        "past_clock_time_rolls_to_tomorrow",
        J,
        [
            ("2026-04-23T16:00:00+07:00", "them", "mbak, caption bisa dikirim?"),
            ("2026-04-23T16:05:00+07:00", "me", "bisa kak, jam 9 pagi sy kirim ya"),
        ],
        [(1, "me", "2026-04-24T09:00", "minute")],
    ),
    (
        "them_will_confirm_is_none",
        J,
        [
            ("2026-04-24T11:00:00+07:00", "me", "Kak, jadi ambil paket yang mana?"),
            ("2026-04-24T11:30:00+07:00", "them", "Nanti kami konfirmasi ya kak, masih rapat"),
        ],
        [(1, "them", None, "none")],
    ),
]

CASES += [
    (
        "ntar_slang_is_nanti",
        J,
        [
            ("2026-05-04T10:00:00+07:00", "them", "kak link gdrive-nya mana ya?"),
            ("2026-05-04T10:01:00+07:00", "me", "ntar sy kirimin kak, lg di jalan"),
        ],
        [(1, "me", None, "none")],
    ),
    (
        "passive_reply_with_time",
        J,
        [
            ("2026-05-04T10:00:00+07:00", "them", "Mas, kapan invoice-nya dikirim?"),
            ("2026-05-04T10:10:00+07:00", "me", "Besok dikirim ya kak"),
        ],
        [(1, "me", "2026-05-05", "day")],
    ),
    (
        "besok_besok_is_not_tomorrow",
        J,
        [
            ("2026-05-04T10:00:00+07:00", "them", "Mbak, kapan2 bikin workshop bareng yuk"),
            ("2026-05-04T10:10:00+07:00", "me", "Wah seru kak, besok2 kita atur ya"),
        ],
        [],
    ),
    (
        "will_send_without_pronoun",
        "Australia/Sydney",
        [
            ("2026-05-05T09:00:00+10:00", "them", "Can you send me the updated quote?"),
            ("2026-05-05T09:03:00+10:00", "me", "Will send by 3pm today"),
        ],
        [(1, "me", "2026-05-05T15:00", "minute")],
    ),
    (
        "youll_get_it_is_a_promise",
        "Europe/Oslo",
        [
            ("2026-05-05T09:00:00+02:00", "them", "Where are the final exports?"),
            ("2026-05-05T09:03:00+02:00", "me", "You'll get them first thing Monday."),
        ],
        [(1, "me", "2026-05-11", "day")],
    ),
    (
        "ill_be_away_is_not_a_promise",
        "Europe/Oslo",
        [
            ("2026-05-05T09:00:00+02:00", "me", "Heads up: I'll be away next week, back on the 18th."),
            ("2026-05-05T09:03:00+02:00", "them", "Thanks for letting me know, enjoy!"),
        ],
        [],
    ),
    (
        "diusahakan_is_a_promise",
        J,
        [
            ("2026-05-06T14:00:00+07:00", "them", "Pak, bisa selesai Jumat?"),
            ("2026-05-06T14:10:00+07:00", "me", "Diusahakan Jumat ya Pak"),
        ],
        [(1, "me", "2026-05-08", "day")],
    ),
    (
        "client_asks_me_and_i_ask_back_without_time",
        J,
        [
            ("2026-05-06T14:00:00+07:00", "them", "Mbak, tolong bikinin 3 opsi logo ya, deadline Senin"),
            ("2026-05-06T14:10:00+07:00", "me", "Boleh tau warna yang disukai apa kak?"),
        ],
        [],
    ),
    (
        "them_accepts_my_request",
        J,
        [
            ("2026-05-07T09:00:00+07:00", "me", "Pak, mohon transfer DP-nya paling lambat besok ya"),
            ("2026-05-07T09:30:00+07:00", "them", "Baik mas"),
        ],
        [(1, "them", "2026-05-08", "day")],
    ),
    (
        "questions_and_thanks_only",
        "Europe/Oslo",
        [
            ("2026-05-07T09:00:00+02:00", "them", "Did you get my email about the new domain?"),
            ("2026-05-07T09:30:00+02:00", "me", "Yes, got it, thanks! Looks good."),
        ],
        [],
    ),
    (
        "english_counter_proposal_with_how_about",
        "Europe/Oslo",
        [
            ("2026-05-07T09:00:00+02:00", "them", "Could you join a call today at 2?"),
            ("2026-05-07T09:10:00+02:00", "me", "Today is packed, how about tomorrow at 11:00?"),
        ],
        [(1, "me", "2026-05-08T11:00", "minute")],
    ),
    (
        "pukul_colon_time",
        J,
        [
            ("2026-05-08T08:00:00+07:00", "them", "Mohon materi rapat dikirim sebelum rapat siang ini."),
            ("2026-05-08T08:15:00+07:00", "me", "Baik Pak, akan saya kirim pukul 11:30."),
        ],
        [(1, "me", "2026-05-08T11:30", "minute")],
    ),
    (
        "in_days_is_a_day",
        "Europe/Oslo",
        [
            ("2026-05-08T08:00:00+02:00", "them", "How long until the audit is done?"),
            ("2026-05-08T08:15:00+02:00", "me", "I'll send the full report in 3 days."),
        ],
        [(1, "me", "2026-05-11", "day")],
    ),
]

CASES += [
    (
        "gabisa_clause_does_not_lend_its_time",
        J,
        [
            ("2026-06-03T10:00:00+07:00", "them", "Kak, revisi poster bisa hari ini?"),
            ("2026-06-03T10:10:00+07:00", "me", "Waduh hari ini gabisa kak, besok pagi ya"),
        ],
        [(1, "me", "2026-06-04", "day")],
    ),
    (
        "sore_ini_at_the_start_is_a_time_not_a_greeting",
        J,
        [
            ("2026-06-03T10:00:00+07:00", "me", "Mas, jangan lupa transfer DP ya"),
            ("2026-06-03T10:10:00+07:00", "them", "Iya mbak, sore ini sy transfer"),
        ],
        [(1, "them", "2026-06-03", "day")],
    ),
    (
        "at_a_bare_hour_is_a_clock_time",
        "Europe/Oslo",
        [
            ("2026-06-03T10:00:00+02:00", "them", "hi! can you do a quick fix tonight?"),
            ("2026-06-03T10:10:00+02:00", "me", "Yep, I'll push it tonight by 9."),
        ],
        [(1, "me", "2026-06-03T21:00", "minute")],
    ),
    (
        "asking_for_feedback_is_no_promise_by_its_sender",
        J,
        [
            (
                "2026-05-04T10:00:00+07:00",
                "me",
                "Here is the second draft of the brochure. Let me know if that works for you.",
            ),
            ("2026-05-04T10:01:00+07:00", "me", "Ini juga versi bahasa Indonesianya, kabari ya kalau cocok"),
        ],
        [],
    ),
    (
        "kabari_lagi_is_again_not_busy",
        J,
        [
            ("2026-05-05T13:00:00+07:00", "them", "Mas, error di halaman login udah ketemu penyebabnya?"),
            ("2026-05-05T13:20:00+07:00", "me", "Masih ditelusuri kak, besok sy kabari lagi ya"),
        ],
        [(1, "me", "2026-05-06", "day")],
    ),
    (
        "jadi_confirms_a_plan_that_was_asked_about",
        J,
        [
            ("2026-05-06T08:00:00+07:00", "them", "Mbak, sampel kainnya jadi dikirim hari ini kan?"),
            ("2026-05-06T08:10:00+07:00", "me", "Jadi kak, siang ini ya"),
        ],
        [(1, "me", "2026-05-06", "day")],
    ),
    (
        "already_there_at_a_time_to_come_is_a_plan_on_the_day_asked",
        J,
        [
            ("2026-05-06T20:00:00+07:00", "them", "Pak, besok jadi survei lokasi jam 9?"),
            ("2026-05-06T20:15:00+07:00", "me", "Jadi Bu, jam 9 sy sudah di lokasi"),
        ],
        [(1, "me", "2026-05-07T09:00", "minute")],
    ),
]
