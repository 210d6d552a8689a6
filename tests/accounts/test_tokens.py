from kenal.accounts.models import ApiToken


def test_it_creates_a_token_and_shows_it_once(alice_client, alice):
    response = alice_client.post("/accounts/settings/tokens/", {"name": "laptop"}, follow=True)
    token = ApiToken.objects.get(user=alice)
    body = response.content.decode()
    assert token.prefix in body
    key = body.split(token.prefix, 1)[1].split("<", 1)[0]
    assert ApiToken.hash_key(token.prefix + key) == token.key_hash
    assert key not in alice_client.get("/accounts/settings/").content.decode()


def test_tokens_are_stored_hashed(alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert token.key_hash != alice_token
    assert alice_token not in str(ApiToken.objects.values_list())


def test_a_revoked_token_no_longer_opens_the_api(alice_client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert alice_client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {alice_token}").status_code == 200
    alice_client.post(f"/accounts/settings/tokens/{token.pk}/revoke/")
    assert alice_client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {alice_token}").status_code == 401


def test_it_checks_ownership_of_the_token_to_revoke(charlie_client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert charlie_client.post(f"/accounts/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_requires_post(alice_client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    assert alice_client.get(f"/accounts/settings/tokens/{token.pk}/revoke/").status_code == 405
