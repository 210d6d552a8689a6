from zoneinfo import ZoneInfo

from kenal.accounts.models import Upload
from kenal.commitments.models import Suggestion
from kenal.conversations.importer import chats_import
from kenal.conversations.models import Conversation, ImportFile, Message, UnmatchedSender
from kenal.lib.chats.scan import ChatExport, scan_file

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_it_imports_messages_and_keeps_system_lines_apart(imported, workspace):
    assert imported.messages == 7
    assert imported.system == 1
    assert imported.new == 7
    assert imported.duplicates == 0
    assert imported.first_at == "2026-03-02T09:15"
    assert imported.last_at == "2026-03-03T08:30"
    assert imported.participants == {"Yuna Kristina": 4, "Alice": 2, "Pak Joko": 1}
    assert Message.objects.filter(workspace=workspace).exclude(kind="system").count() == 7


def test_it_keeps_two_identical_messages_in_one_minute(imported, workspace):
    assert Message.objects.filter(workspace=workspace, text="Oke bu, besok jam 10").count() == 2


def test_it_matches_senders_and_marks_my_messages(imported, workspace, person):
    assert Message.objects.filter(sender="Yuna Kristina", person=person).count() == 4
    assert set(Message.objects.filter(sender="Alice").values_list("direction", flat=True)) == {"me"}
    assert UnmatchedSender.objects.get(workspace=workspace).name == "Pak Joko"
    person.refresh_from_db()
    assert person.last_contact_at is not None


def test_it_joins_multi_line_messages(imported):
    assert Message.objects.get(text__startswith="Susunan").text == "Susunan acara:\n2. Sambutan 11.00"


def test_reimporting_the_same_export_adds_nothing(imported, workspace, alice, chat_file):
    again = chats_import(
        export=ChatExport(source="whatsapp", path=chat_file, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert again.new == 0
    assert again.duplicates == 7
    assert Message.objects.filter(workspace=workspace).count() == 8
    assert Conversation.objects.filter(workspace=workspace).count() == 1
    assert Upload.objects.filter(workspace=workspace).count() == 1


def test_a_newer_overlapping_export_stores_only_new_messages(imported, workspace, alice, chat_file):
    chat_file.write_text(
        chat_file.read_text() + "03/03/26 09.00 - Alice: Sudah bu, terlampir\n", encoding="utf-8"
    )
    again = chats_import(
        export=ChatExport(source="whatsapp", path=chat_file, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert (again.new, again.duplicates) == (1, 7)
    assert Conversation.objects.get(workspace=workspace).message_count == 8


def test_a_dry_run_writes_nothing(db, chat_file):
    report = scan_file(ChatExport(source="whatsapp", path=chat_file, tz=JAKARTA))
    assert report.messages == 7
    assert Message.objects.count() == 0
    assert Upload.objects.count() == 0


def test_unreadable_lines_are_reported_with_their_number(db, tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("hello there\nnot a chat\n", encoding="utf-8")
    report = scan_file(ChatExport(source="whatsapp", path=path, tz=JAKARTA))
    assert report.malformed and report.malformed[0]["line"] >= 1


def test_telegram_and_email_import(workspace, alice, tmp_path, now):
    telegram = tmp_path / "result.json"
    telegram.write_text(
        '{"name": "Ratna", "type": "personal_chat", "id": 42, "messages": ['
        '{"id": 1, "type": "message", "date": "2026-03-02T09:00:00", "date_unixtime": "1772416800",'
        ' "from": "Ratna Sari", "from_id": "user1", "text": ["Halo ", {"type": "bold", "text": "mbak"}]}]}',
        encoding="utf-8",
    )
    report = chats_import(
        export=ChatExport(source="telegram", path=telegram, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert report.new == 1
    mail = tmp_path / "one.eml"
    mail.write_text(
        "From: Ratna <ratna@example.com>\nTo: alice@example.com\nSubject: Rilis\n"
        "Message-ID: <a1@example.com>\nDate: Mon, 2 Mar 2026 09:00:00 +0700\n\nHalo mbak\n",
        encoding="utf-8",
    )
    report = chats_import(
        export=ChatExport(source="email", path=mail, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert report.new == 1
    again = chats_import(
        export=ChatExport(source="email", path=mail, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert again.duplicates == 1


def test_telegram_and_email_conversations_take_the_chat_name_and_subject(workspace, alice, tmp_path, now):
    telegram = tmp_path / "result.json"
    telegram.write_text(
        '{"name": "Tim Peluncuran", "type": "private_group", "id": 77, "messages": ['
        '{"id": 1, "type": "message", "date_unixtime": "1772416800", "from": "Ratna Sari", "text": "Halo"},'
        '{"id": 2, "type": "message", "date_unixtime": "1772416900", "from": "Budi", "text": "Siap"}]}',
        encoding="utf-8",
    )
    chats_import(
        export=ChatExport(source="telegram", path=telegram, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert Conversation.objects.get(source="telegram").title == "Tim Peluncuran"
    mail = tmp_path / "thread.mbox"
    mail.write_text(
        "From ratna@example.com Mon Mar  2 09:00:00 2026\nFrom: Ratna <ratna@example.com>\nTo: alice@example.com\n"
        "Subject: Rilis pers peluncuran\nMessage-ID: <r1@example.com>\nDate: Mon, 2 Mar 2026 09:00:00 +0700\n\n"
        "Mbak, rilisnya besok ya\n\n"
        "From alice@example.com Mon Mar  2 10:00:00 2026\nFrom: Alice <alice@example.com>\nTo: ratna@example.com\n"
        "Subject: Re: RE: Rilis pers peluncuran\nMessage-ID: <r2@example.com>\nIn-Reply-To: <r1@example.com>\n"
        "References: <r1@example.com>\nDate: Mon, 2 Mar 2026 10:00:00 +0700\n\nOke bu\n",
        encoding="utf-8",
    )
    chats_import(
        export=ChatExport(source="email", path=mail, tz=JAKARTA),
        workspace=workspace,
        user=alice,
        me=["alice@example.com"],
    )
    thread = Conversation.objects.get(source="email")
    assert thread.title == "Rilis pers peluncuran"
    assert thread.message_count == 2


def test_parsers_carry_the_chat_title_and_subject(tmp_path):
    from kenal.lib.chats import parse_mail, parse_telegram
    from kenal.lib.chats.base import make_message

    path = tmp_path / "result.json"
    path.write_text(
        '{"name": "Lars", "id": 5, "messages": [{"id": 1, "type": "message", '
        '"date_unixtime": "1772416800", "from": "Lars", "text": "Hi"}]}',
        encoding="utf-8",
    )
    [message] = list(parse_telegram(path, tz=JAKARTA))
    assert (message.chat_title, message.subject) == ("Lars", "")
    mail = tmp_path / "one.eml"
    mail.write_text(
        "From: Lars <lars@example.no>\nSubject: Quote\n for the  contact page\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0700\n\nHi\n",
        encoding="utf-8",
    )
    [email] = list(parse_mail(mail, tz=JAKARTA))
    assert email.subject == "Quote for the contact page"
    assert make_message(1, message.at, "A", "b", "text", False, False).chat_title == ""


def test_subject_titles_drop_reply_and_forward_prefixes():
    from kenal.lib.chats.scan import subject_title

    assert subject_title("Re: Fwd: RE[2]: Balas: Rilis pers") == "Rilis pers"
    assert subject_title("Review: draft") == "Review: draft"


def test_an_email_folder_is_kept_as_one_zip_and_imports_once(workspace, alice, tmp_path, now):
    folder = tmp_path / "mail"
    folder.mkdir()
    for number in (1, 2):
        (folder / f"{number}.eml").write_text(
            f"From: Ratna <ratna@example.com>\nTo: alice@example.com\nSubject: Rilis {number}\n"
            f"Message-ID: <m{number}@example.com>\nDate: Mon, 2 Mar 2026 0{number}:00:00 +0700\n\nHalo {number}\n",
            encoding="utf-8",
        )
    report = chats_import(
        export=ChatExport(source="email", path=folder, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert report.new == 2
    [upload] = Upload.objects.filter(workspace=workspace)
    assert upload.original_name == "mail.zip" and upload.size > 0
    again = chats_import(
        export=ChatExport(source="email", path=folder, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert again.duplicates == 2 and Upload.objects.filter(workspace=workspace).count() == 1


def test_refreshing_statistics_is_safe_on_every_database(db):
    from kenal.conversations.importer import refresh_statistics

    refresh_statistics()  # a no-op on SQLite; on PostgreSQL it ANALYZEs only a table mostly newer than its stats


def test_promises_of_a_new_chat_are_suggested_with_the_person_its_file_names(
    workspace, alice, person, tmp_path, now
):
    # The client writes from a number Kenal does not know; only the export's name says who it is.
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_text(
        "02/03/26 09.15 - +62 811 0000 999: Mbak, rilisnya kapan ya?\n"
        "02/03/26 10.15 - Alice: Besok jam 10 saya kirim draftnya ya bu\n",
        encoding="utf-8",
    )
    chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=JAKARTA),
        workspace=workspace,
        user=alice,
        me=["Alice"],
    )
    [suggestion] = Suggestion.objects.filter(workspace=workspace)
    assert suggestion.person_id == person.pk


def test_a_file_with_nul_bytes_imports_completely_with_a_note(workspace, alice, person, tmp_path, now):
    # PostgreSQL refuses NUL in text: one such byte used to abort the whole import there.
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_bytes(
        b"02/03/26 09.15 - Yuna Kristina: Halo\x00 mbak\n"
        b"02/03/26 09.16 - Alice: Oke\x00\x01 bu\n"
        b"02/03/26 09.17 - Yuna Kristina: Makasih\n"
    )
    report = chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=JAKARTA),
        workspace=workspace,
        user=alice,
        me=["Alice"],
    )
    assert report.new == 3
    assert list(
        Message.objects.filter(workspace=workspace).order_by("line").values_list("text", flat=True)
    ) == [
        "Halo mbak",
        "Oke bu",
        "Makasih",
    ]
    [import_file] = ImportFile.objects.filter(workspace=workspace)
    assert [note["line"] for note in import_file.notes] == [1, 2]


def test_a_one_to_one_indonesian_export_without_me_knows_my_messages_by_its_name(
    workspace, alice, tmp_path, now
):
    path = tmp_path / "Chat WhatsApp dengan Bu Ratna.txt"
    path.write_text(
        "02/03/26 09.15 - Bu Ratna: Mbak, rilisnya kapan ya?\n"
        "02/03/26 10.15 - Sari: Besok jam 10 saya kirim draftnya ya bu\n",
        encoding="utf-8",
    )
    report = chats_import(
        export=ChatExport(source="whatsapp", path=path, tz=JAKARTA), workspace=workspace, user=alice
    )
    assert report.as_json()["me"] == "Sari"
    assert dict(Message.objects.values_list("sender", "direction")) == {"Bu Ratna": "them", "Sari": "me"}
    assert list(Suggestion.objects.values_list("debtor", flat=True)) == ["me"]
    assert not UnmatchedSender.objects.filter(name="Sari").exists()


def _chat_from(tmp_path, sender: str):
    path = tmp_path / "WhatsApp Chat with Tim Rilis.txt"
    path.write_text(
        f"02/03/26 09.15 - {sender}: Mbak, rilisnya kapan ya?\n02/03/26 10.15 - Sari: Besok ya bu\n"
        "02/03/26 10.16 - Pak Joko: Siap\n",
        encoding="utf-8",
    )
    return ChatExport(source="whatsapp", path=path, tz=JAKARTA)


def test_bu_ratna_in_a_chat_is_the_person_kenal_addresses_as_bu_ratna(workspace, alice, tmp_path, now):
    from kenal.people.models import Person

    ratna = Person.objects.create(workspace=workspace, full_name="Ratna Sari", salutation="Bu")
    for sender in ("Bu Ratna", "Ibu Ratna"):
        chats_import(export=_chat_from(tmp_path, sender), workspace=workspace, user=alice, me=["Sari"])
        assert Message.objects.get(sender=sender).person_id == ratna.pk


def test_two_people_addressed_alike_are_asked_about_never_guessed(workspace, alice, tmp_path, now):
    from kenal.people.models import Person

    Person.objects.create(workspace=workspace, full_name="Ratna Sari", salutation="Bu")
    Person.objects.create(workspace=workspace, full_name="Ratna Dewi", salutation="Bu")
    chats_import(export=_chat_from(tmp_path, "Bu Ratna"), workspace=workspace, user=alice, me=["Sari"])
    assert Message.objects.get(sender="Bu Ratna").person_id is None
    assert UnmatchedSender.objects.filter(workspace=workspace, name="Bu Ratna").exists()
