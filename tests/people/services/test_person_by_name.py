"""person_by_name: the one lookup of a typed name, exact, and clear when it is ambiguous."""

import pytest
from django.core.exceptions import ValidationError

from kenal.people.selectors import person_by_name
from kenal.people.services import person_save


def test_it_finds_the_exact_full_name_in_any_case(person, workspace):
    assert person_by_name(workspace=workspace, name="  yuna KRISTINA ") == person


def test_it_does_not_guess_from_part_of_a_name(person, workspace):
    with pytest.raises(ValidationError) as refused:
        person_by_name(workspace=workspace, name="Yuna")
    assert refused.value.code == "missing"


def test_it_says_when_a_name_is_ambiguous(alice, person, workspace):
    person_save(workspace=workspace, user=alice, full_name="Yuna Kristina")
    with pytest.raises(ValidationError) as refused:
        person_by_name(workspace=workspace, name="Yuna Kristina")
    assert refused.value.code == "ambiguous" and "Yuna Kristina" in refused.value.messages[0]


def test_it_never_finds_a_person_of_another_workspace(charlie, person):
    with pytest.raises(ValidationError):
        person_by_name(workspace=charlie.current_workspace, name="Yuna Kristina")


def test_the_promise_form_refuses_part_of_a_name(alice_client, person):
    response = alice_client.post(
        "/promises/new/", {"person": "Yuna", "what": "x", "debtor": "me"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and "Nobody called Yuna yet" in response.content.decode()
