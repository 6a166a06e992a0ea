"""ZIP and OLE containers: what is inside, and whether it is safe to open.

A .docx is a ZIP archive; so are OpenDocument files, Excel workbooks, e-books and zip
bombs. Before python-docx reads a byte we look at the ZIP directory only: a member that
claims to inflate to gigabytes, or a tiny member with an absurd compression ratio, is
refused there. ``zipfile`` never returns more than a member's declared size, so checking
the declared sizes is enough.

Word files saved with a password are not ZIP archives at all but OLE compound files
holding an ``EncryptedPackage`` stream; old .doc files are OLE files too.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from factcheck_app.domain.errors import ImportRefused

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 2 * 1024 * 1024  # small members may compress as well as they like
MAX_MEMBERS = 10_000

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

# What zipfile raises on damaged members: CRC and header errors, unsupported or
# encrypted compression methods (RuntimeError, NotImplementedError), bad deflate data.
_MEMBER_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error)

_WORD_CONTENT_TYPES = (
    b"wordprocessingml.document.main+xml",
    b"wordprocessingml.template.main+xml",
    b"ms-word.document.macroenabled.main+xml",
    b"ms-word.template.macroenabledtemplate.main+xml",
)


def open_zip(data: bytes, name: str, what: str = "ZIP archive") -> zipfile.ZipFile:
    """The archive's directory, checked against zip bombs; ImportRefused if damaged or unsafe."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRefused(f"{name} is a damaged or truncated {what} (its table of contents is missing).") from error
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(f"{name} is not a safe {what}: it holds {len(members):,} files.")
    total = 0
    for member in members:
        total += member.file_size
        if member.flag_bits & 0x1:
            raise ImportRefused(f"{name} is a password-protected {what}.")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ImportRefused(
                f"{name} is not a safe {what}: {member.filename} would expand {ratio:,.0f} times "
                f"(to {member.file_size / 1024 / 1024:,.0f} MB); it looks like a zip bomb."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            f"{name} is not a safe {what}: it would expand to {total / 1024 / 1024:,.0f} MB "
            f"(the limit is {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB); it looks like a zip bomb."
        )
    return archive


def is_word_archive(archive: zipfile.ZipFile) -> bool:
    """A WordprocessingML package (.docx, .docm, .dotx): has the main document part."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return True
    if "[Content_Types].xml" not in names:
        return False
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > 1024 * 1024:
        return False
    try:
        types = archive.read(info).lower()
    except _MEMBER_ERRORS:
        return False
    return any(content_type in types for content_type in _WORD_CONTENT_TYPES)


def describe_archive(archive: zipfile.ZipFile) -> str:
    """What a non-Word ZIP archive most likely is, in the analyst's words."""
    names = set(archive.namelist())
    mimetype = b""
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        try:
            mimetype = archive.read("mimetype").strip()
        except _MEMBER_ERRORS:
            mimetype = b""
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
