import pytest

from kenal.lib.sealed import InvalidToken, seal, unseal


def test_a_sealed_value_opens_with_the_same_key_and_purpose():
    token = seal("rahasia", secret_key="k1", purpose="mailbox-password")
    assert "rahasia" not in token
    assert unseal(token, secret_key="k1", purpose="mailbox-password") == "rahasia"


@pytest.mark.parametrize(("key", "purpose"), [("k2", "mailbox-password"), ("k1", "whatsapp-app-secret")])
def test_it_does_not_open_with_another_key_or_purpose(key, purpose):
    token = seal("rahasia", secret_key="k1", purpose="mailbox-password")
    with pytest.raises(InvalidToken):
        unseal(token, secret_key=key, purpose=purpose)
