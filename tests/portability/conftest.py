"""A person with a full life in Kenal, for erasure, export and merge tests: Sekar, in chats, promises and work."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

ONE_TO_ONE = (
    "02/03/26 09.15 - Sekar Ayuningtyas: Mbak, kelengkeng untuk acara sudah dipesan?\n"
    "02/03/26 09.20 - Alice: Sudah bu, besok jam 10 saya kirim\n"
    "02/03/26 09.21 - Sekar Ayuningtyas: Nomor saya yang baru 0813-7777-4242 ya\n"
)
GROUP = (
    "02/03/26 10.00 - Hendra Wijaya: Rapat jam 2 ya\n"
    "02/03/26 10.01 - Sekar Ayuningtyas: Saya bawa durian montong\n"
    "02/03/26 10.02 - Alice: Siap, terima kasih Sekar Ayuningtyas\n"
    "02/03/26 10.03 - Hendra Wijaya: Siap\n"
)
CONTACTS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sekar Ayuningtyas\r\nTEL;TYPE=CELL:0813-7777-4242\r\n"
    "EMAIL:sekar.ayu@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hendra Wijaya\r\nTEL;TYPE=CELL:0812-5555-0101\r\nEND:VCARD\r\n"
)
# What must be gone after Sekar's erasure, in every table and file.
TRACES = [
    "Sekar Ayuningtyas",
    "+6281377774242",
    "081377774242",
    "0813-7777-4242",
    "sekar.ayu@example.com",
    "kelengkeng",
    "durian montong",
]


@pytest.fixture
def kenal_home(settings, tmp_path):
    """A KENAL_HOME of the test's own, so files left by other tests can't be mistaken for traces."""
    home = tmp_path / "kenal-home"
    (home / "uploads").mkdir(parents=True)
    settings.KENAL_HOME = home
    settings.MEDIA_ROOT = home / "uploads"
    return home


@pytest.fixture
def sekar_world(workspace, alice, now, tmp_path, kenal_home):
    """Sekar and Hendra, imported from a phone's contacts, in a one-to-one and a group chat, with a full profile."""
    from kenal.agenda.selectors import keep_in_touch_key
    from kenal.agenda.services import agenda_mark_done
    from kenal.commitments.models import Commitment
    from kenal.commitments.services import commitment_create
    from kenal.conversations.importer import chats_import
    from kenal.engagements.services import engagement_create
    from kenal.lib.chats.scan import ChatExport
    from kenal.network.services import favour_record, gift_record, referral_create
    from kenal.people import services
    from kenal.people.models import Person
    from kenal.people.vcard import vcard_import

    contacts = tmp_path / "contacts.vcf"
    contacts.write_text(CONTACTS, encoding="utf-8")
    vcard_import(workspace=workspace, user=alice, path=contacts)
    sekar = Person.objects.get(workspace=workspace, full_name="Sekar Ayuningtyas")
    hendra = Person.objects.get(workspace=workspace, full_name="Hendra Wijaya")
    services.person_update(person=sekar, user=alice, stage="client", city="Bandung")
    services.family_member_add(person=sekar, relation="child", name="Raka Ayuningtyas", birth_year=2016)
    services.fact_add(person=sekar, category="food", value="kelengkeng")
    services.life_event_add(
        person=sekar, kind="trip", title="Sekar Ayuningtyas ke Bali", happened_on=date(2026, 2, 1)
    )
    services.note_add(person=sekar, author=alice, body="Sekar Ayuningtyas suka dipanggil Bu Sekar")
    services.note_add(person=hendra, author=alice, body="Teman kuliah Sekar Ayuningtyas", visibility="shared")
    services.person_photo_set(
        person=sekar, name="sekar.jpg", content=b"\xff\xd8\xff photo bytes", content_type="image/jpeg"
    )
    services.activity_add(
        workspace=workspace, user=alice, people=[sekar], kind="meeting", title="Kopi", happened_at=now
    )
    services.activity_add(
        workspace=workspace,
        user=alice,
        people=[sekar, hendra],
        kind="meeting",
        title="Rapat bertiga",
        body="Sekar Ayuningtyas memimpin",
        happened_at=now,
    )
    services.person_link_add(from_person=hendra, to_person=sekar, kind="colleague")
    alice.me_names = "Alice"
    alice.save(update_fields=["me_names"])
    zone = ZoneInfo("Asia/Jakarta")
    for name, text in (
        ("WhatsApp Chat with Sekar Ayuningtyas.txt", ONE_TO_ONE),
        ("WhatsApp Chat with Tim Launching.txt", GROUP),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        chats_import(
            export=ChatExport(source="whatsapp", path=path, tz=zone), workspace=workspace, user=alice
        )
    promise = commitment_create(
        workspace=workspace,
        user=alice,
        person=sekar,
        what="Sekar Ayuningtyas kirim brief",
        debtor_kind=Commitment.Debtor.CONTACT,
    )
    engagement = engagement_create(workspace=workspace, user=alice, title="Launching produk", person=sekar)
    referral_create(workspace=workspace, user=alice, introducer=hendra, introduced=sekar)
    favour_record(
        workspace=workspace, user=alice, person=sekar, direction="given", description="Pinjam proyektor"
    )
    gift_record(workspace=workspace, person=sekar, title="Kelengkeng sekeranjang")
    agenda_mark_done(user=alice, key=keep_in_touch_key(sekar.pk, now))
    return {"sekar": sekar, "hendra": hendra, "promise": promise, "engagement": engagement}
