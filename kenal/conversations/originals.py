"""Keeping original exports without holding them in memory: hashed and written in chunks.

`kenal.accounts.services.upload_store` takes the whole file as bytes, which a 1,000,000-message export
(about 100 MB) would hold in memory twice. This writes the same kind of `Upload` row, chunk by chunk.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.core.files import File

from kenal.accounts.models import Upload

CHUNK = 1 << 20


def upload_store_stream(
    *, workspace, name: str, chunks: Iterable[bytes], user=None, content_type: str = ""
) -> Upload:
    """Store a file given as chunks; the same bytes are stored once per workspace, as upload_store does."""
    digest = hashlib.sha256()
    size = 0
    handle, temp_name = tempfile.mkstemp(prefix="kenal-upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        sha256 = digest.hexdigest()
        existing = Upload.objects.filter(workspace=workspace, sha256=sha256).first()
        if existing:
            return existing
        upload = Upload(
            workspace=workspace,
            original_name=name[:255],
            content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=size,
            sha256=sha256,
            uploaded_by=user if user is not None and getattr(user, "is_authenticated", False) else None,
        )
        with open(temp_name, "rb") as source:
            upload.file.save(f"{workspace.pk}/{sha256[:16]}-{name[-80:]}", File(source), save=False)
        upload.save()
        return upload
    finally:
        os.unlink(temp_name)


def file_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def keep_original(*, workspace, user, path: Path, name: str) -> Upload:
    """Store the export as it came (a folder is zipped, in a temporary file), so that it can be parsed again."""
    path = Path(path)
    if not path.is_dir():
        return upload_store_stream(workspace=workspace, name=name, chunks=file_chunks(path), user=user)
    with tempfile.TemporaryDirectory(prefix="kenal-zip-") as folder:
        archive_path = Path(folder) / f"{name}.zip"
        with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in sorted(path.rglob("*")):
                if item.is_file():
                    archive.write(item, item.relative_to(path).as_posix())
        return upload_store_stream(
            workspace=workspace, name=f"{name}.zip", chunks=file_chunks(archive_path), user=user
        )
