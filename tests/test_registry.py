"""The registry is filled at start-up by each app's ready(), and a wrong registration fails loudly."""

import pytest
from django.apps import apps

from kenal.lib import registry


def test_each_app_registers_what_it_adds_to_the_others():
    from kenal.capture.views import conversation_page_block
    from kenal.commitments.selectors import agenda_promises, promises_in_messages
    from kenal.commitments.services import (
        promises_follow_handover,
        suggestions_from_messages,
        suggestions_reread,
    )
    from kenal.conversations.cli import add_import_parsers as chat_parsers
    from kenal.conversations.selectors import agenda_waiting_replies
    from kenal.engagements.selectors import agenda_engagement_dates
    from kenal.engagements.services import engagements_follow_handover
    from kenal.network.views import person_page_block as network_block
    from kenal.people.cli import add_import_parsers as vcard_parsers
    from kenal.people.selectors import agenda_handovers
    from kenal.portability.cli import add_import_parsers as archive_parsers

    assert set(registry.hooks("agenda_provider")) == {
        agenda_promises,
        agenda_waiting_replies,
        agenda_engagement_dates,
        agenda_handovers,
    }
    # In the layers' order: promises first, then the engagements the person is the client contact of.
    assert registry.hooks("after_handover") == (promises_follow_handover, engagements_follow_handover)
    assert registry.hooks("after_import") == (suggestions_from_messages,)
    assert registry.hooks("conversation_reread") == (suggestions_reread,)
    assert registry.hooks("import_parsers") == (vcard_parsers, chat_parsers, archive_parsers)
    assert network_block in registry.hooks("person_page_block")
    assert registry.hooks("conversation_page_block") == (conversation_page_block,)
    assert registry.hooks("message_marks") == (promises_in_messages,)


def test_demo_loaders_run_in_the_apps_layer_order():
    # An app may register several (commitments: the personal demo's promises, then the team workspace).
    apps_in_order = list(
        dict.fromkeys(hook.__module__.split(".")[1] for hook in registry.hooks("demo_loader"))
    )
    assert apps_in_order == ["people", "conversations", "commitments", "agenda", "engagements", "network"]


def test_a_misspelled_hook_kind_fails_loudly():
    with pytest.raises(LookupError, match="agenda_providers"):
        registry.register("agenda_providers", lambda **kwargs: [])
    with pytest.raises(LookupError):
        registry.hooks("person_page_blocks")


def test_a_misspelled_registration_fails_at_start_up(monkeypatch):
    """ready() imports the hook it registers, so a wrong name stops Django from starting."""
    from kenal.engagements import selectors

    config = apps.get_app_config("engagements")
    monkeypatch.delattr(selectors, "agenda_engagement_dates")
    with pytest.raises(AttributeError, match="agenda_engagement_dates"):
        config.ready()


def test_something_that_cannot_be_called_is_refused():
    with pytest.raises(TypeError, match="callable"):
        registry.register("demo_loader", "kenal.people.demo.load")


def test_registering_again_keeps_one_hook():
    before = registry.hooks("demo_loader")
    apps.get_app_config("people").ready()
    assert registry.hooks("demo_loader") == before
