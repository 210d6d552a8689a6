"""Who is "me" in an imported chat: settings, the chats imported before, and the user's own answer."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kenal.commitments.models import Suggestion
from kenal.commitments.services import suggestion_dismiss
from kenal.conversations import services
from kenal.conversations.models import Conversation, ImportRun, Message, ReplyTime, UnmatchedSender
from kenal.conversations.selectors import me_in_other_chats

# A chat whose file name names nobody: who is me cannot be read from it.
RATNA = (
    "02/03/26 09.15 - Bu Ratna: tolong kirim penawaran besok jam 1 siang ya\n"
    "02/03/26 09.20 - Sari: siap bu\n"
    "02/03/26 10.00 - Bu Ratna: makasih mbak\n"
    "02/03/26 10.30 - Sari: sama-sama bu\n"
)
GROUP = (
    "03/03/26 08.00 - Pak Budi: pagi semua\n"
    "03/03/26 08.05 - Sari: pagi pak\n"
    "03/03/26 08.10 - Bu Ratna: pagi\n"
)


def cli_import(tmp_path, name, text, *args):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import", "whatsapp", str(path), "--user", "alice@example.com", "--json", *args, stdout=out)
    return json.loads(out.getvalue().splitlines()[-1])


def directions(**filters):
    return dict(Message.objects.filter(**filters).values_list("sender", "direction").distinct())


def test_the_users_phone_number_in_settings_says_who_is_me(alice, tmp_path, now):
    alice.me_phones = "0812-1111-2222"
    alice.save(update_fields=["me_phones"])
    chat = RATNA.replace("Sari:", "+62 812-1111-2222:")
    report = cli_import(tmp_path, "chat.txt", chat)
    assert report["me"] == "+62 812-1111-2222"
    assert directions() == {"Bu Ratna": "them", "+62 812-1111-2222": "me"}
    assert Conversation.objects.get().me == "+62 812-1111-2222"


def test_the_sender_taken_as_me_in_earlier_imports_is_me_in_the_next(alice, tmp_path, now):
    first = cli_import(tmp_path, "WhatsApp Chat with Bu Ratna.txt", RATNA)
    assert first["me"] == "Sari"
    report = cli_import(tmp_path, "proyek.txt", GROUP)
    assert report["me"] == "Sari"
    group = Conversation.objects.get(thread_key__contains="proyek")
    assert group.me == "Sari" and directions(conversation=group)["Sari"] == "me"


def test_without_records_the_one_sender_common_to_the_other_chats_is_me(workspace):
    for key, names in (("a", ["Sari", "Bu Ratna"]), ("b", ["Pak Budi", "Sari"]), ("c", ["Sari", "Dina"])):
        Conversation.objects.create(
            workspace=workspace, source="whatsapp", title=key, thread_key=key, participants=names
        )
    assert me_in_other_chats(workspace=workspace) == ["Sari"]
    Conversation.objects.filter(thread_key="c").update(participants=["Bu Ratna", "Dina"])
    assert me_in_other_chats(workspace=workspace) == []  # nobody is in every chat: nothing is guessed


def test_an_unknown_me_is_reported_as_null(alice, tmp_path, now):
    report = cli_import(tmp_path, "chat.txt", RATNA)
    assert report["me"] is None and Conversation.objects.get().me == ""
    assert set(directions().values()) == {"them"}


@pytest.fixture
def unknown_me(alice, tmp_path, now):
    cli_import(tmp_path, "chat.txt", RATNA)
    return Conversation.objects.get()


def test_changing_who_is_me_reads_the_chat_again(unknown_me, alice, workspace):
    before = set(Suggestion.objects.values_list("debtor", "source_message__sender"))
    assert ("me", "Sari") not in before
    changed = services.conversation_me_set(conversation=unknown_me, sender="Sari")
    assert changed == 2 and directions() == {"Bu Ratna": "them", "Sari": "me"}
    # Reply times now tell my replies from theirs.
    assert set(ReplyTime.objects.exclude(seconds=None).values_list("side", flat=True)) == {"me", "them"}
    # "siap bu" is my promise now, with its clock time.
    mine = Suggestion.objects.get(debtor="me")
    assert mine.source_message.text == "siap bu" and mine.due_precision == "minute"
    assert UnmatchedSender.objects.get(name="Sari").status == "me"
    assert unknown_me.__class__.objects.get(pk=unknown_me.pk).me == "Sari"


def test_decided_suggestions_stay_as_decided_when_me_changes(unknown_me, alice):
    services.conversation_me_set(conversation=unknown_me, sender="Sari")
    suggestion_dismiss(suggestion=Suggestion.objects.get(debtor="me"), user=alice)
    services.conversation_me_set(conversation=unknown_me, sender="Bu Ratna")
    services.conversation_me_set(conversation=unknown_me, sender="Sari")
    dismissed = Suggestion.objects.get(source_message__text="siap bu")
    assert dismissed.state == "dismissed" and dismissed.debtor == "me"
    # The sender who is no longer me waits in the review, matched to nobody.
    assert directions() == {"Bu Ratna": "them", "Sari": "me"}
    assert UnmatchedSender.objects.get(name="Bu Ratna").status == "open"


def test_a_sender_who_did_not_write_in_the_chat_is_refused(unknown_me):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.conversation_me_set(conversation=unknown_me, sender="Orang Lain")
    assert set(directions().values()) == {"them"}


def finished_upload(workspace, alice, text=RATNA):
    run = services.import_upload_start(
        workspace=workspace, user=alice, source="whatsapp", name="chat.txt", chunks=[text.encode()], me=[]
    )
    while services.import_run_step(run=run):
        run.refresh_from_db()
        if run.status == ImportRun.Status.DONE:
            break
    return run


def test_the_web_import_asks_which_sender_is_you_and_reads_the_chat_again(
    alice_client, alice, workspace, now
):
    run = finished_upload(workspace, alice)
    page = alice_client.get(f"/conversations/import/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Which sender is you?" in page and 'value="Sari"' in page and "None of these" in page
    chat = Conversation.objects.get()
    response = alice_client.post(
        f"/conversations/import/{run.pk}/me/", {"conversation": chat.pk, "me": "Sari"}
    )
    assert response.status_code == 302 and directions()["Sari"] == "me"
    page = alice_client.get(f"/conversations/import/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Which sender is you?" not in page


def test_an_answer_without_a_choice_asks_again(alice_client, alice, workspace, now):
    run = finished_upload(workspace, alice)
    chat = Conversation.objects.get()
    response = alice_client.post(
        f"/conversations/import/{run.pk}/me/",
        {"conversation": chat.pk},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert "Choose which sender is you, or none of these." in body and "Which sender is you?" in body


def test_none_of_these_leaves_the_chat_as_read_and_is_not_asked_again(alice_client, alice, workspace, now):
    run = finished_upload(workspace, alice)
    chat = Conversation.objects.get()
    alice_client.post(f"/conversations/import/{run.pk}/me/", {"conversation": chat.pk, "me": ""})
    page = alice_client.get(f"/conversations/import/{run.pk}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Pengirim mana yang Anda?" not in page and set(directions().values()) == {"them"}


def test_the_sender_review_offers_this_is_me(alice_client, alice, workspace, unknown_me):
    page = alice_client.get("/conversations/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This is me" in page
    sari = UnmatchedSender.objects.get(name="Sari")
    response = alice_client.post(f"/conversations/review/{sari.pk}/", {"action": "me"})
    assert response.status_code == 302 and directions()["Sari"] == "me"
    page = alice_client.get("/conversations/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sari" not in page.split("<h1>")[1]


def test_an_outsider_cannot_answer_for_a_run(charlie_client, alice, workspace, now):
    run = finished_upload(workspace, alice)
    chat = Conversation.objects.get()
    response = charlie_client.post(
        f"/conversations/import/{run.pk}/me/", {"conversation": chat.pk, "me": "Sari"}
    )
    assert response.status_code == 404 and set(directions().values()) == {"them"}
    sari = UnmatchedSender.objects.get(name="Sari")
    assert charlie_client.post(f"/conversations/review/{sari.pk}/", {"action": "me"}).status_code == 404


def test_chats_imported_before_keep_who_was_me_in_their_messages(alice, tmp_path, now):
    from importlib import import_module

    from django.apps import apps

    cli_import(tmp_path, "chat.txt", RATNA, "--me", "Sari")
    Conversation.objects.update(me="")
    import_module("kenal.conversations.migrations.0008_conversation_me").me_from_messages(apps, None)
    assert Conversation.objects.get().me == "Sari"


def test_the_command_line_changes_who_is_me(unknown_me, capsys):
    call_command("conversation", "me", str(unknown_me.pk), "Sari", "--user", "alice@example.com", "--json")
    assert json.loads(capsys.readouterr().out) == {"conversation": unknown_me.pk, "me": "Sari", "changed": 2}
    assert directions()["Sari"] == "me"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="its senders are: Bu Ratna, Sari"):
        call_command("conversation", "me", str(unknown_me.pk), "Budi", "--user", "alice@example.com")
    with pytest.raises(CommandError, match="No conversation"):
        call_command("conversation", "me", "999999", "Sari", "--user", "alice@example.com")


def test_the_command_line_cannot_reach_another_workspaces_chat(unknown_me, charlie):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No conversation"):
        call_command("conversation", "me", str(unknown_me.pk), "Sari", "--user", charlie.email)
    assert set(directions().values()) == {"them"}


def test_this_is_me_beside_a_known_me_keeps_both(alice, tmp_path, now, alice_client):
    cli_import(tmp_path, "proyek.txt", GROUP.replace("Bu Ratna:", "+62 812-9999-0000:"), "--me", "Sari")
    second = UnmatchedSender.objects.get(name="+62 812-9999-0000")
    alice_client.post(f"/conversations/review/{second.pk}/", {"action": "me"})
    assert directions() == {"Pak Budi": "them", "Sari": "me", "+62 812-9999-0000": "me"}
    assert Conversation.objects.get().me == "Sari"
