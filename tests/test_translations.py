"""Every catalogue is complete in Indonesian, and its compiled .mo says what the .po says."""

from pathlib import Path

import polib
import pytest

CATALOGUES = sorted(
    Path(__file__).resolve().parents[1].joinpath("kenal").glob("**/locale/id/LC_MESSAGES/django.po")
)


def test_there_is_a_catalogue_for_the_foundation_and_each_app():
    folders = {path.parts[-5] for path in CATALOGUES}
    assert {
        "kenal",
        "conversations",
        "commitments",
        "agenda",
        "engagements",
        "network",
        "capture",
        "portability",
    } <= folders


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-5])
def test_every_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-5])
def test_the_compiled_catalogue_is_up_to_date(path):
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(path.with_suffix(".mo")))}
    stale = [
        entry.msgid
        for entry in polib.pofile(str(path)).translated_entries()
        if not entry.msgid_plural and compiled.get(entry.msgid) != entry.msgstr
    ]
    assert stale == []
