def test_it_saves_language_and_my_chat_names(alice_client, alice):
    response = alice_client.post(
        "/accounts/settings/", {"language": "en", "me_names": "Alice\nAlice W", "me_phones": "+628111"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "en"
    assert alice.me_names == "Alice\nAlice W"


def test_the_language_setting_wins_over_the_browser(alice_client, alice):
    alice.language = "en"
    alice.save()
    response = alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="id")
    assert b'<html lang="en">' in response.content


def test_the_browser_language_is_used_without_a_setting(alice_client):
    assert b'<html lang="en">' in alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="en").content
    assert b'<html lang="id">' in alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="id").content


def test_switching_language_is_remembered_on_the_account(alice_client, alice):
    response = alice_client.post("/accounts/language/", {"language": "en", "next": "/people/"})
    assert response.url == "/people/"
    alice.refresh_from_db()
    assert alice.language == "en"


def test_switching_language_never_redirects_off_site(alice_client):
    response = alice_client.post("/accounts/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


def test_indonesian_pages_speak_indonesian(alice_client):
    body = alice_client.get("/people/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Orang" in body
    assert "Hari ini" in body
    assert "Impor kontak" in body


def test_the_person_page_speaks_indonesian(alice_client, person):
    body = alice_client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    for words in ("Yang disukai", "Linimasa", "teman", "Keluarga", "Hapus orang"):
        assert words in body, words


def test_switching_language_never_leaves_the_site(alice_client):
    for target in ("/\\evil.com", "//evil.com", "https://evil.com"):
        response = alice_client.post("/accounts/language/", {"language": "en", "next": target})
        assert response["Location"] == "/", target
    assert (
        alice_client.post("/accounts/language/", {"language": "en", "next": "/people/"})["Location"]
        == "/people/"
    )
