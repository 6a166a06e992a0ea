"""Attached files: a safe display name and the limits a project accepts.

The stored name is only a label shown to the analyst and used when the file is saved
or opened; it never becomes a path inside the project (files are addressed by SHA-256),
and it is cleaned so that it cannot climb out of a folder when written.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from factcheck_app.domain.errors import InvalidInput

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
_FORBIDDEN = set('<>:"/\\|?*')


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    source_id: int
    sha256: str
    name: str
    media_type: str
    size: int
    added_at: datetime
    added_by: str


# File systems limit a name in bytes (255 on ext4, NTFS counts UTF-16 units): 120 characters of
# Greek or emoji are 240–480 bytes. 200 leaves room for the ".partial" and "(2)" a save may add.
MAX_NAME_BYTES = 200


def safe_file_name(name: str) -> str:
    """A plain file name: no folders, no control characters, no leading dots, ≤ 120 characters
    and ≤ 200 bytes of UTF-8 (cut inside the stem, never through a character or the extension)."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = "".join("_" if (ch in _FORBIDDEN or unicodedata.category(ch).startswith("C")) else ch for ch in name)
    cleaned = cleaned.strip().lstrip(".").strip()
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or len(suffix) > 10 or not stem:
        stem, dot, suffix = cleaned, "", ""
    ending = dot + suffix
    stem = stem[: 120 - len(ending)]
    while stem and len((stem + ending).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    cleaned = (stem.rstrip() + ending) if stem.strip() else ""
    return cleaned or "attachment" + ending


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_size(size: int, name: str) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(
            f"{name} is too large to attach ({size / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB)."
        )
    if size == 0:
        raise InvalidInput(f"{name} is empty: there is nothing to attach.")
