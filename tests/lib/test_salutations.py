"""Specs for reading Indonesian salutations in contact and sender names."""

from kenal.lib.salutations import address_keys, salutation_and_name, sender_key, split_salutation


def test_it_reads_each_spelling_of_a_salutation_as_the_one_it_means():
    assert split_salutation("Ibu Ratna") == ("bu", "ratna")
    assert split_salutation("Bapak Hendra Wijaya") == ("pak", "hendra wijaya")
    assert split_salutation("Mba Yuna") == ("mbak", "yuna")
    assert split_salutation("Pak.Hendra") == ("pak", "hendra")
    assert split_salutation("Ratna Sari") == ("", "ratna sari")
    assert split_salutation("Bu") == ("", "bu")  # a salutation alone is a name


def test_a_person_answers_to_their_salutation_with_nickname_or_first_name():
    assert address_keys(full_name="Ratna Sari", nickname="", salutation="Bu") == {"bu ratna"}
    assert address_keys(full_name="Yuna Kristina", nickname="Nana", salutation="Mbak") == {
        "mbak nana",
        "mbak yuna",
    }
    assert address_keys(full_name="Ratna Sari", nickname="", salutation="") == set()


def test_a_sender_is_keyed_the_same_way():
    assert sender_key("Ibu Ratna") == sender_key("Bu Ratna") == "bu ratna"
    assert sender_key("Ratna") == ""


def test_a_name_gives_its_salutation_as_kenal_writes_it_and_the_name_without_it():
    assert salutation_and_name("Bapak Hendra Wijaya") == ("Pak", "Hendra Wijaya")
    assert salutation_and_name("Ibu Ratna") == ("Bu", "Ratna")
    assert salutation_and_name("mba Yuna") == ("Mbak", "Yuna")
    assert salutation_and_name("Dek Sekar") == ("Dik", "Sekar")
    assert salutation_and_name("Bang Togar") == ("Bang", "Togar")
    assert salutation_and_name("Pak") == ("", "Pak")
    assert salutation_and_name("Hendra Wijaya") == ("", "Hendra Wijaya")
