"""Secrets kept at rest (mailbox passwords, app secrets), encrypted with a key derived from the secret key."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["InvalidToken", "seal", "unseal"]


def _fernet(secret_key: str, purpose: str) -> Fernet:
    # One key per purpose: a sealed mailbox password can't be opened as anything else.
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"kenal:{purpose}".encode()).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: str, *, secret_key: str, purpose: str) -> str:
    """`value` encrypted and authenticated, as text safe to store."""
    return _fernet(secret_key, purpose).encrypt(value.encode()).decode("ascii")


def unseal(token: str, *, secret_key: str, purpose: str) -> str:
    """The value `seal` encrypted; InvalidToken when the secret key changed or the text was altered."""
    return _fernet(secret_key, purpose).decrypt(token.encode("ascii")).decode()
