import pytest

CHAT = (
    "02/03/26 09.15 - Pesan dan panggilan dienkripsi secara end-to-end.\n"
    "02/03/26 09.15 - Yuna Kristina: Halo mbak, rilisnya kapan ya?\n"
    "02/03/26 09.16 - Yuna Kristina: Ditunggu\n"
    "02/03/26 10.15 - Alice: Oke bu, besok jam 10\n"
    "02/03/26 10.15 - Alice: Oke bu, besok jam 10\n"
    "02/03/26 11.00 - Yuna Kristina: Susunan acara:\n2. Sambutan 11.00\n"
    "03/03/26 08.00 - Pak Joko: <Media tidak disertakan>\n"
    "03/03/26 08.30 - Yuna Kristina: Mbak, sudah ada kabar?\n"
)


@pytest.fixture
def chat_file(tmp_path):
    path = tmp_path / "WhatsApp Chat with Yuna Kristina.txt"
    path.write_text(CHAT, encoding="utf-8")
    return path


@pytest.fixture
def imported(workspace, alice, person, chat_file, now):
    from zoneinfo import ZoneInfo

    from kenal.conversations.importer import chats_import
    from kenal.lib.chats.scan import ChatExport

    alice.me_names = "Alice"
    alice.save(update_fields=["me_names"])
    return chats_import(
        export=ChatExport(source="whatsapp", path=chat_file, tz=ZoneInfo("Asia/Jakarta")),
        workspace=workspace,
        user=alice,
    )
