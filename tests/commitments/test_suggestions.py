from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from kenal.commitments.models import Commitment, Suggestion
from kenal.commitments.services import suggestion_accept, suggestion_dismiss, suggestions_from_messages

from .conftest import JAKARTA


def test_an_oke_to_a_request_becomes_a_vague_suggestion_with_a_reply(workspace, press_release_chat, person):
    assert suggestions_from_messages(workspace=workspace, messages=press_release_chat) == 1
    suggestion = Suggestion.objects.get()
    assert suggestion.source_message == press_release_chat[1] and suggestion.debtor == "me"
    assert suggestion.person == person and suggestion.state == "pending"
    assert suggestion.due_precision == "day" and suggestion.vague
    assert suggestion.due_at.astimezone(JAKARTA).date().isoformat() == "2026-03-03"
    assert suggestion.reply and "13" in suggestion.reply


def test_the_request_before_the_new_batch_is_read_as_context(workspace, chat):
    chat([("them", "09:15", "tolong kirim penawaran besok jam 1 siang ya")])
    batch = chat([("me", "09:20", "siap bu")])
    assert suggestions_from_messages(workspace=workspace, messages=batch) == 1
    suggestion = Suggestion.objects.get()
    assert suggestion.due_precision == "minute" and not suggestion.vague and suggestion.reply == ""
    assert suggestion.due_at == datetime(2026, 3, 3, 13, tzinfo=JAKARTA)


def test_a_reimport_never_suggests_again(workspace, press_release_chat, alice):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion_dismiss(suggestion=Suggestion.objects.get(), user=alice)
    assert suggestions_from_messages(workspace=workspace, messages=press_release_chat) == 0
    assert Suggestion.objects.count() == 1 and Suggestion.objects.get().state == "dismissed"


def test_chit_chat_suggests_nothing(workspace, chat):
    batch = chat([("them", "10:00", "halo mbak, apa kabar?"), ("me", "10:01", "baik, makasih!")])
    assert suggestions_from_messages(workspace=workspace, messages=batch) == 0


def test_messages_of_another_workspace_are_ignored(charlie, press_release_chat):
    assert suggestions_from_messages(workspace=charlie.current_workspace, messages=press_release_chat) == 0


def test_accepting_puts_it_in_the_ledger_linked_to_the_message(workspace, press_release_chat, alice):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    suggestion = Suggestion.objects.get()
    promise = suggestion_accept(suggestion=suggestion, user=alice)
    assert promise.source == "message" and promise.source_message == press_release_chat[1]
    assert promise.debtor_user == alice and promise.due_precision == "day"
    assert suggestion.state == "accepted" and suggestion.commitment == promise
    with pytest.raises(ValidationError):
        suggestion_accept(suggestion=suggestion, user=alice)


def test_accepting_with_edits_uses_them(workspace, press_release_chat, alice):
    suggestions_from_messages(workspace=workspace, messages=press_release_chat)
    due = datetime(2026, 3, 3, 13, tzinfo=JAKARTA)
    promise = suggestion_accept(
        suggestion=Suggestion.objects.get(),
        user=alice,
        what="Email press release",
        due_at=due,
        due_precision="minute",
    )
    assert (promise.what, promise.due_at, promise.due_precision) == ("Email press release", due, "minute")


def test_their_promise_is_owed_to_me(workspace, chat, alice):
    batch = chat([("me", "09:00", "bisa kirim datanya?"), ("them", "09:05", "oke saya kirim besok jam 10")])
    suggestions_from_messages(workspace=workspace, messages=batch)
    promise = suggestion_accept(suggestion=Suggestion.objects.get(), user=alice)
    assert promise.debtor_kind == Commitment.Debtor.CONTACT and promise.creditor_user == alice
