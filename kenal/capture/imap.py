"""Talking to an IMAP server with imapclient: connect, read a folder by UID, and name what went wrong."""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from kenal.capture.models import Security, SyncError
from kenal.capture.pipeline import RawEmail

TIMEOUT = 60  # seconds: a server that stops answering is a dropped connection, not a hung sync
BATCH_MESSAGES = 500
BATCH_BYTES = 20 * 1024 * 1024  # fetched together at most, so memory stays bounded whatever the mailbox
SENT_NAMES = {"sent", "sent items", "sent mail", "sent messages", "terkirim", "item terkirim"}


class FolderMissing(Exception):
    pass


def classify(error: BaseException, *, logged_in: bool) -> SyncError:
    """The plain-words reason for an error from the network, TLS or the server.

    A network error before login means the server can't be reached; after it, that the connection dropped.
    """
    if isinstance(error, LoginError):
        return SyncError.LOGIN
    if isinstance(error, FolderMissing):
        return SyncError.FOLDER
    if isinstance(error, ssl.SSLCertVerificationError):
        return SyncError.CERTIFICATE
    if isinstance(error, ssl.SSLError):
        return SyncError.TLS
    if isinstance(error, imaplib.IMAP4.abort | OSError):
        return SyncError.DROPPED if logged_in else SyncError.UNREACHABLE
    return SyncError.OTHER


@contextmanager
def connected(*, host: str, port: int, security: str, username: str, password: str) -> Iterator[IMAPClient]:
    """A logged-in client; the connection is closed however the block ends."""
    context = ssl.create_default_context()
    client = IMAPClient(
        host, port=port, ssl=security == Security.SSL, ssl_context=context, timeout=TIMEOUT, use_uid=True
    )
    try:
        client.normalise_times = False  # aware INTERNALDATEs, converted to the workspace's zone later
        if security == Security.STARTTLS:
            client.starttls(context)
        client.login(username, password)
        yield client
    finally:
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - the connection may already be gone; closing is all that is left
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001
                pass


def sent_folders(client: IMAPClient) -> set[str]:
    """The folders the server marks as Sent (RFC 6154), or that are named so."""
    names = set()
    for flags, _delimiter, name in client.list_folders():
        if b"\\Sent" in flags or name.casefold().rsplit("/", 1)[-1].rsplit(".", 1)[-1] in SENT_NAMES:
            names.add(name)
    return names


def select(client: IMAPClient, folder: str) -> int:
    """Open a folder read-only (nothing gets marked as read) and return its UIDVALIDITY."""
    try:
        selected = client.select_folder(folder, readonly=True)
    except IMAPClientError as error:
        if isinstance(error, imaplib.IMAP4.abort):
            raise
        raise FolderMissing(f"{folder}: {error}") from error
    return int(selected[b"UIDVALIDITY"])


def new_uids(client: IMAPClient, *, after_uid: int) -> list[int]:
    """The selected folder's UIDs above `after_uid`, in order."""
    # "n:*" always includes the highest UID, even below n: keep only the new ones.
    return sorted(uid for uid in client.search(["UID", f"{after_uid + 1}:*"]) if uid > after_uid)


def batches(client: IMAPClient, uids: list[int]) -> Iterator[tuple[int, list[RawEmail]]]:
    """(highest UID of the batch, its emails), a bounded number of bytes at a time, in UID order."""
    for start in range(0, len(uids), BATCH_MESSAGES):
        chunk = uids[start : start + BATCH_MESSAGES]
        sizes = client.fetch(chunk, ["RFC822.SIZE"])
        group: list[int] = []
        total = 0
        for uid in chunk:
            size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
            if group and total + size > BATCH_BYTES:
                yield group[-1], _fetch(client, group)
                group, total = [], 0
            group.append(uid)
            total += size
        if group:
            yield group[-1], _fetch(client, group)


def _fetch(client: IMAPClient, uids: list[int]) -> list[RawEmail]:
    # BODY.PEEK leaves the \Seen flag alone; a message deleted meanwhile is simply absent from the answer.
    found = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
    return [
        RawEmail(data=found[uid][b"BODY[]"], received_at=found[uid].get(b"INTERNALDATE"))
        for uid in uids
        if uid in found and found[uid].get(b"BODY[]") is not None
    ]
