from decimal import Decimal

from django.core.management import call_command

from kenal.conversations.selectors import fairness
from kenal.engagements.services import engagement_create
from kenal.people.services import person_create

CHAT = """02/03/26 09.00 - {client}: Halo, bisa dibantu?
02/03/26 {reply} - Alice: Bisa, saya cek ya
"""


def test_reply_times_stand_beside_what_each_client_is_worth(alice, workspace, tmp_path, capsys):
    alice.me_names = "Alice"
    alice.save()
    big = person_create(workspace=workspace, full_name="Klien Besar")
    small = person_create(workspace=workspace, full_name="Klien Kecil")
    engagement_create(workspace=workspace, title="Kampanye besar", person=big, fee=Decimal("90000000"))
    engagement_create(workspace=workspace, title="Logo", person=small, fee=Decimal("2000000"))
    for client, reply in ((big, "09.05"), (small, "11.00")):
        path = tmp_path / f"{client.pk}.txt"
        path.write_text(CHAT.format(client=client.full_name, reply=reply), encoding="utf-8")
        call_command("import", "whatsapp", str(path), "--user", "alice@example.com", "--json")
    rows = fairness(workspace=workspace)
    assert [row["person"] for row in rows] == ["Klien Besar", "Klien Kecil"]
    assert rows[0]["worth"] == Decimal("90000000")
    assert rows[1]["worth"] == Decimal("2000000")
