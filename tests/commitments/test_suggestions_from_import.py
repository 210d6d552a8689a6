import json

from django.core.management import call_command

from kenal.commitments.models import Suggestion

CHAT = """02/03/26 09.15 - Ratna Sari: Mas, press release-nya bisa dikirim besok ya?
02/03/26 09.16 - Alice: oke
02/03/26 09.20 - Ratna Sari: Makasih
"""


def test_importing_a_chat_queues_its_promises_for_review_once(alice, person, tmp_path, capsys):
    alice.me_names = "Alice"
    alice.save()
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    call_command("import", "whatsapp", str(path), "--user", "alice@example.com", "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["new"] == 3
    suggestion = Suggestion.objects.get()
    assert suggestion.debtor == "me"
    assert suggestion.state == "pending"
    assert suggestion.due_precision == "day"
    assert suggestion.due_at.astimezone(alice.current_workspace.tz).date().isoformat() == "2026-03-03"
    assert "besok" in suggestion.reply and "13.00" in suggestion.reply
    call_command("import", "whatsapp", str(path), "--user", "alice@example.com", "--json")
    assert Suggestion.objects.count() == 1
