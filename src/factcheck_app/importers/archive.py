"""ZIP and OLE containers: what is inside, and whether it is safe to open.

A .docx is a ZIP archive; so are OpenDocument files, Excel workbooks, e-books and zip
bombs. Every ZIP is opened through ``safe_zip``: the table of contents is checked first
(a member that admits to inflating to gigabytes, or with an absurd compression ratio, is
refused before a byte is inflated), and every member that is read afterwards is measured
while it inflates, never trusting the sizes the file declares. A Word file's members are
all inflated once, measured, before python-docx reads any of them (see ``word.py``).

Word files saved with a password are not ZIP archives at all but OLE compound files
holding an ``EncryptedPackage`` stream; old .doc files are OLE files too.
"""

from __future__ import annotations

from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.safe_zip import (
    BOMB,
    ENCRYPTED,
    NOT_A_ZIP,
    OVERSIZED,
    TOO_LARGE,
    SafeZip,
    UnsafeZip,
    ZipLimits,
)

# Limits for a Word file (or any ZIP offered as an article). A 300-page report with
# photos inflates to a few tens of MB; python-docx holds every part in memory.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all parts together
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # any one part (document.xml, an image)
MAX_COMPRESSION_RATIO = 100  # Word XML compresses 5-20 times
RATIO_CHECK_FROM_BYTES = 2 * 1024 * 1024  # small members may compress as well as they like
MAX_MEMBERS = 10_000
_SMALL_PART_BYTES = 1024 * 1024  # [Content_Types].xml, mimetype: read only to tell what the file is

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

_WORD_CONTENT_TYPES = (
    b"wordprocessingml.document.main+xml",
    b"wordprocessingml.template.main+xml",
    b"ms-word.document.macroenabled.main+xml",
    b"ms-word.template.macroenabledtemplate.main+xml",
)


def word_limits() -> ZipLimits:
    """The limits above (read when called, so a test can lower them)."""
    return ZipLimits(
        total_bytes=MAX_UNCOMPRESSED_BYTES,
        member_bytes=MAX_MEMBER_BYTES,
        ratio=MAX_COMPRESSION_RATIO,
        ratio_from=RATIO_CHECK_FROM_BYTES,
        members=MAX_MEMBERS,
    )


def zip_refusal(error: UnsafeZip, name: str, what: str) -> ImportRefused:
    """The analyst's message for a refused ZIP: one line naming the file and the reason."""
    if error.kind in (BOMB, OVERSIZED):  # no Word file the analyst would check expands to 200 MB
        return ImportRefused(f"{name} is refused as a possible zip bomb: {error.detail}.")
    if error.kind == ENCRYPTED:
        return ImportRefused(f"{name} is a password-protected {what}.")
    if error.kind == TOO_LARGE:
        return ImportRefused(f"{name} is refused: {error.detail}.")
    if error.kind == NOT_A_ZIP:
        return ImportRefused(f"{name} is a damaged or truncated {what} (its table of contents is missing).")
    return ImportRefused(f"{name} is a damaged {what}: {error.detail}.")


def open_zip(data: bytes, name: str, what: str = "ZIP archive") -> SafeZip:
    """The archive, its table of contents checked against zip bombs; ImportRefused if damaged or unsafe."""
    try:
        return SafeZip(data, word_limits())
    except UnsafeZip as error:
        raise zip_refusal(error, name, what) from error


def _small_part(archive: SafeZip, part: str, name: str, what: str) -> bytes | None:
    """A small member such as [Content_Types].xml; None if missing, too large or damaged.

    A member that turns out to be a bomb is still refused as one.
    """
    member = archive.get(part)
    if member is None or member.file_size > _SMALL_PART_BYTES:
        return None
    try:
        return archive.read(member, limit=_SMALL_PART_BYTES)
    except UnsafeZip as error:
        if error.kind == BOMB:
            raise zip_refusal(error, name, what) from error
        return None


def is_word_archive(archive: SafeZip, name: str = "The file", what: str = "Word file") -> bool:
    """A WordprocessingML package (.docx, .docm, .dotx): has the main document part."""
    names = archive.names()
    if "word/document.xml" in names:
        return True
    types = _small_part(archive, "[Content_Types].xml", name, what)
    if types is None:
        return False
    types = types.lower()
    return any(content_type in types for content_type in _WORD_CONTENT_TYPES)


def describe_archive(archive: SafeZip, name: str = "The file", what: str = "ZIP archive") -> str:
    """What a non-Word ZIP archive most likely is, in the analyst's words."""
    names = archive.names()
    mimetype = (_small_part(archive, "mimetype", name, what) or b"").strip()
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "an OpenDocument text (.odt); save it as .docx in your word processor"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "an OpenDocument file that is not a text document"
    if mimetype == b"application/epub+zip":
        return "an e-book (EPUB)"
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    return "a ZIP archive but not a Word document (it has no word/document.xml)"


def describe_ole(data: bytes) -> str:
    """What an OLE compound file (old Office format or encrypted Office file) holds."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "a password-protected (encrypted) Office document; remove the password in Word and save it again"
    if "WordDocument".encode("utf-16-le") in data:
        return "an old Word document (.doc); save it as .docx in Word"
    if "Workbook".encode("utf-16-le") in data:
        return "an old Excel workbook (.xls)"
    return "an old Office document; save it as .docx"
