"""Specs for reading a typed quick-add line, without the database."""

import pytest

from kenal.lib.quickadd import parse


@pytest.mark.parametrize(
    ("line", "salutation", "name", "stage", "met_where"),
    [
        (
            "Bu Yuna Kristina – klien – kenal di: Jakarta Fair",
            "Bu",
            "Yuna Kristina",
            "client",
            "Jakarta Fair",
        ),
        ("Bapak Hendra; teman; ketemu di: nikahan Rina", "Pak", "Hendra", "friend", "nikahan Rina"),
        (
            "Mrs Lee – stage: former client; met at: Singapore Expo",
            "Ms",
            "Lee",
            "former_client",
            "Singapore Expo",
        ),
        ("Bang Togar – Calon Klien", "Bang", "Togar", "prospect", ""),
        ("Dik Sekar – tahap: mitra", "Dik", "Sekar", "partner", ""),
        ("Ratna Sari", "", "Ratna Sari", "", ""),
    ],
)
def test_it_reads_the_name_stage_and_how_we_met(line, salutation, name, stage, met_where):
    parsed = parse(line)
    assert (parsed.salutation, parsed.name, parsed.stage, parsed.met_where) == (
        salutation,
        name,
        stage,
        met_where,
    )
    assert parsed.notes == []


def test_an_unknown_stage_word_stays_a_note():
    parsed = parse("Pak Budi – tahap: entah")
    assert parsed.stage == "" and parsed.notes == ["tahap: entah"]
