"""Every ZIP file we open (.docx, .docm, project archives) goes through here.

A ZIP file's table of contents says how large each member is, but nothing makes it true:
a zip bomb declares a few kilobytes and inflates to gigabytes, and ``zipfile`` itself,
asked to ``read()`` a member whole, inflates everything the compressed data holds in one
call before cutting it to the declared size. So members are never read with
``zipfile``. The table of contents is parsed by ``zipfile`` (after its size and entry
count are checked from the end record, so it cannot itself be a bomb), then each member's
compressed bytes are inflated here, 64 kB at a time, while counting what actually comes
out. Reading stops as soon as any limit is passed:

- the total inflated bytes of all members together;
- the inflated bytes of any one member;
- the compression ratio of a member (inflated / compressed bytes read so far), once it
  has produced more than a small amount (small members may compress as well as they like);
- the size the table of contents declares for the member (a member that inflates
  beyond it is a bomb trick, whatever the limits);
- the number of members.

Declared sizes are checked first as well: a file that admits to being a bomb is refused
before a byte is inflated. Only "stored" and "deflated" members are read (all that Word,
LibreOffice and Factcheck App write); encrypted members are refused.

Callers get ``UnsafeZip`` with its kind and a detail clause ("it expands to more than
200 MB"), and word the message for the analyst ("story.docx is refused as a possible zip
bomb: it expands to more than 200 MB.").
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from factcheck_app.importers.safe_files import format_size

CHUNK_BYTES = 64 * 1024
# A member of the table of contents takes 46 bytes plus its name and extra fields; a
# directory larger than this many bytes per allowed member is refused before parsing.
_DIRECTORY_BYTES_PER_MEMBER = 1024

_END_RECORD = struct.Struct("<4s4H2LH")
_END_RECORD_64_LOCATOR = struct.Struct("<4sLQL")
_END_RECORD_64 = struct.Struct("<4sQ2H2L4Q")
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a ZIP file may expand to; every value is checked on the bytes actually inflated."""

    total_bytes: int  # all members together
    member_bytes: int  # any one member
    ratio: int  # inflated / compressed, for members past ``ratio_from`` bytes
    ratio_from: int
    members: int


# UnsafeZip.kind
BOMB = "bomb"  # a limit was passed: a possible zip bomb
DAMAGED = "damaged"  # a member is damaged, cut short, or uses a method we do not read
ENCRYPTED = "encrypted"  # password-protected members
NOT_A_ZIP = "not a zip"  # no readable table of contents: not a ZIP file, or truncated
TOO_LARGE = "too large"  # a member is larger than the caller's limit for that member
OVERSIZED = "oversized"  # the declared sizes are over the limits (honest, or a bomb that says so)


class UnsafeZip(Exception):
    """A ZIP file that is refused: ``kind`` says why (BOMB, OVERSIZED, DAMAGED, ENCRYPTED, NOT_A_ZIP, TOO_LARGE)
    and ``detail`` is a clause for the analyst ("it expands to more than 200 MB")."""

    def __init__(self, detail: str, *, kind: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.kind = kind

    @property
    def bomb(self) -> bool:
        return self.kind == BOMB


def _damaged(detail: str) -> UnsafeZip:
    return UnsafeZip(detail, kind=DAMAGED)


def _bomb(detail: str) -> UnsafeZip:
    return UnsafeZip(detail, kind=BOMB)


def _not_a_zip() -> UnsafeZip:
    return UnsafeZip(
        "it is not a ZIP file, or a damaged or truncated one (its table of contents is missing)", kind=NOT_A_ZIP
    )


def _encrypted() -> UnsafeZip:
    return UnsafeZip("it is password-protected", kind=ENCRYPTED)


def _directory_extent(stream: BinaryIO) -> tuple[int, int] | None:
    """(members, bytes) of the table of contents as the end record gives them; None if not found."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    tail_start = max(0, size - (_END_RECORD.size + 65535))
    stream.seek(tail_start)
    tail = stream.read()
    position = tail.rfind(b"PK\x05\x06")
    if position < 0 or len(tail) - position < _END_RECORD.size:
        return None
    record = _END_RECORD.unpack_from(tail, position)
    members, directory_bytes = record[4], record[5]
    if members == 0xFFFF or directory_bytes == 0xFFFFFFFF or record[6] == 0xFFFFFFFF:
        locator_at = position - _END_RECORD_64_LOCATOR.size
        if locator_at < 0:
            return members, directory_bytes
        locator = _END_RECORD_64_LOCATOR.unpack_from(tail, locator_at)
        if locator[0] != b"PK\x06\x07":
            return members, directory_bytes
        stream.seek(locator[2])
        raw = stream.read(_END_RECORD_64.size)
        if len(raw) == _END_RECORD_64.size and raw[:4] == b"PK\x06\x06":
            record64 = _END_RECORD_64.unpack(raw)
            members, directory_bytes = record64[7], record64[8]
    return members, directory_bytes


class SafeZip:
    """A ZIP file whose members are read only through limits measured while inflating.

    ``source`` is the file's bytes or an open binary file (seekable); the caller keeps a
    file open for as long as the SafeZip is used.
    """

    def __init__(self, source: bytes | BinaryIO, limits: ZipLimits) -> None:
        self.limits = limits
        self._stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        try:
            extent = _directory_extent(self._stream)
        except (OSError, ValueError, struct.error) as error:
            raise _not_a_zip() from error
        if extent is not None:
            members, directory_bytes = extent
            if members > limits.members or directory_bytes > limits.members * _DIRECTORY_BYTES_PER_MEMBER:
                shown = max(members, directory_bytes // _DIRECTORY_BYTES_PER_MEMBER)
                raise _bomb(f"it holds {shown:,} files or more (the limit is {limits.members:,})")
        try:
            self._stream.seek(0)
            self._zip = zipfile.ZipFile(self._stream)
            self.members: list[zipfile.ZipInfo] = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise _not_a_zip() from error
        self._by_name = {member.filename: member for member in self.members}
        self._measured: dict[int, int] = {}  # id(member) → bytes it inflated to
        self._measured_total = 0
        self._check_directory()

    # -- the table of contents (declared sizes: cheap, checked first) ------------------

    def _check_directory(self) -> None:
        limits = self.limits
        if len(self.members) > limits.members:
            raise _bomb(f"it holds {len(self.members):,} files (the limit is {limits.members:,})")
        for member in self.members:
            if member.flag_bits & 0x1:
                raise _encrypted()
        for member in self.members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > limits.ratio_from and ratio > limits.ratio:
                raise _bomb(f"{member.filename} would expand {ratio:,.0f} times (to {format_size(member.file_size)})")
        # Declared sizes over the limits: too large, whether or not it is a bomb.
        total = sum(member.file_size for member in self.members)
        if total > limits.total_bytes:
            raise UnsafeZip(
                f"it would expand to {format_size(total)} (the limit is {format_size(limits.total_bytes)})",
                kind=OVERSIZED,
            )
        for member in self.members:
            if member.file_size > limits.member_bytes:
                raise UnsafeZip(
                    f"{member.filename} would expand to {format_size(member.file_size)} "
                    f"(the limit for one file is {format_size(limits.member_bytes)})",
                    kind=OVERSIZED,
                )

    def names(self) -> set[str]:
        return set(self._by_name)

    def get(self, name: str) -> zipfile.ZipInfo | None:
        """The member called ``name`` (the last one, if the name is used twice, as zipfile does)."""
        return self._by_name.get(name)

    # -- inflating, measured ------------------------------------------------------------

    def _compressed(self, member: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's compressed bytes, in chunks, from just after its local header."""
        stream = self._stream
        stream.seek(member.header_offset)
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise _damaged(f"{member.filename} is damaged (its header is missing)")
        fields = _LOCAL_HEADER.unpack(header)
        name_length, extra_length = fields[10], fields[11]
        stream.seek(member.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        left = member.compress_size
        while left > 0:
            chunk = stream.read(min(CHUNK_BYTES, left))
            if not chunk:
                raise _damaged(f"{member.filename} is cut short")
            left -= len(chunk)
            yield chunk

    def stream(self, member: zipfile.ZipInfo, *, limit: int | None = None) -> Iterator[bytes]:
        """The member's bytes, inflated in chunks of at most 64 kB, every limit checked as they come.

        ``limit`` lowers the per-member limit for this read (the refusal then says the
        member is larger than ``limit``, not that it is a bomb).
        """
        limits = self.limits
        if member.flag_bits & 0x1:
            raise _encrypted()
        if member.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
        elif member.compress_type == zipfile.ZIP_STORED:
            inflater = None
        else:
            raise _damaged(
                f"{member.filename} uses a compression method Factcheck App does not read "
                f"(method {member.compress_type}; Word and Factcheck App use “deflate”)"
            )
        key = id(member)
        others = self._measured_total - self._measured.get(key, 0)
        produced = consumed = crc = 0

        def checked(out: bytes) -> bytes:
            nonlocal produced, crc
            produced += len(out)
            if others + produced > limits.total_bytes:
                raise _bomb(f"it expands to more than {format_size(limits.total_bytes)}")
            if produced > limits.member_bytes:
                raise _bomb(f"{member.filename} expands to more than {format_size(limits.member_bytes)}")
            if produced > limits.ratio_from and produced > limits.ratio * max(consumed, 1):
                raise _bomb(f"{member.filename} expands more than {limits.ratio:,} times")
            if produced > member.file_size:
                raise _bomb(
                    f"{member.filename} expands beyond the {format_size(member.file_size)} "
                    "its table of contents declares"
                )
            if limit is not None and produced > limit:
                raise UnsafeZip(f"{member.filename} is larger than {format_size(limit)}", kind=TOO_LARGE)
            crc = zlib.crc32(out, crc)
            return out

        try:
            for raw in self._compressed(member):
                if inflater is None:
                    consumed += len(raw)
                    yield checked(raw)
                    continue
                pending = raw
                while True:
                    before = len(pending)
                    out = inflater.decompress(pending, CHUNK_BYTES)
                    pending = inflater.unconsumed_tail
                    consumed += before - len(pending)
                    if out:
                        yield checked(out)
                    if inflater.eof or (not pending and len(out) < CHUNK_BYTES):
                        break
                if inflater.eof:
                    break
        except zlib.error as error:
            raise _damaged(f"{member.filename} is damaged ({error})") from error
        except (OSError, ValueError) as error:
            raise _damaged(f"{member.filename} cannot be read ({error})") from error
        if inflater is not None and not inflater.eof:
            raise _damaged(f"{member.filename} is cut short")
        if produced != member.file_size:
            raise _damaged(f"{member.filename} is damaged (its size does not match the table of contents)")
        if crc != member.CRC:
            raise _damaged(f"{member.filename} is damaged (its checksum does not match)")
        self._measured_total += produced - self._measured.get(key, 0)
        self._measured[key] = produced

    def read(self, member: zipfile.ZipInfo, *, limit: int | None = None) -> bytes:
        """The whole member, read through ``stream`` (so never more than the limits)."""
        return b"".join(self.stream(member, limit=limit))

    def verify(self) -> None:
        """Inflate every member once, keeping nothing: afterwards ``zipfile`` (or a library
        built on it, like python-docx) can read any member without inflating more than
        was measured here."""
        for member in self.members:
            for _chunk in self.stream(member):
                pass

    def close(self) -> None:
        self._zip.close()
