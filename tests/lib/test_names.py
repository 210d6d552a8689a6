"""Name keys for finding duplicates: salutations, case, spacing and accents don't count."""

import pytest

from kenal.lib.names import name_key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Pak Hendra Wijaya", "Hendra Wijaya"),
        ("hendra   WIJAYA", "Hendra Wijaya"),
        ("Bu Yuna Kristina", "Yuna Kristina"),
        ("Dr. Ayu Lestari", "Ayu Lestari"),
        ("José Ramos", "Jose Ramos"),
        ("Mbak  Sari", "sari"),
    ],
)
def test_the_same_person_gets_the_same_key(left, right):
    assert name_key(left) == name_key(right)


def test_different_people_get_different_keys():
    assert name_key("Hendra Wijaya") != name_key("Hendra Wijayakusuma")


def test_a_salutation_alone_is_kept_as_the_name():
    assert name_key("Pak") == "pak"
    assert name_key("") == ""
