"""ZIP files are read only through limits measured while inflating, never from declared sizes."""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from factcheck_app.importers import safe_zip
from factcheck_app.importers.safe_zip import (
    BOMB,
    DAMAGED,
    ENCRYPTED,
    NOT_A_ZIP,
    OVERSIZED,
    TOO_LARGE,
    SafeZip,
    UnsafeZip,
    ZipLimits,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety" / "hostile"))

import make_hostile

LIMITS = ZipLimits(total_bytes=10 * 1024**2, member_bytes=4 * 1024**2, ratio=100, ratio_from=1024**2, members=50)


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def lying(tmp_path: Path, inflate_to: int, declared: int) -> bytes:
    """A ZIP whose one member declares ``declared`` bytes and inflates to ``inflate_to``."""
    block = make_hostile.prose(__import__("random").Random(2), 256 * 1024).encode()
    content = make_hostile.Repeated(b"", block, inflate_to // len(block))
    path = make_hostile.write_zip(
        tmp_path / "lying.zip", [make_hostile.Member("story.txt", content, declared_size=declared, crc=0)]
    )
    return path.read_bytes()


def refusal(data: bytes, member: str | None = None, limits: ZipLimits = LIMITS) -> UnsafeZip:
    with pytest.raises(UnsafeZip) as caught:
        archive = SafeZip(data, limits)
        targets = [archive.get(member)] if member else archive.members
        for target in targets:
            assert target is not None
            archive.read(target)
    return caught.value


def test_honest_zip_is_read() -> None:
    data = zip_of({"a.txt": b"claim " * 1000, "b.txt": b""})
    archive = SafeZip(data, LIMITS)
    assert archive.read(archive.get("a.txt")) == b"claim " * 1000  # type: ignore[arg-type]
    archive.verify()
    stored = SafeZip(zip_of({"a.txt": b"xyz"}, zipfile.ZIP_STORED), LIMITS)
    assert stored.read(stored.members[0]) == b"xyz"


def test_member_inflating_past_its_declared_size_is_stopped_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Declares 1 kB, inflates to 64 MB: refused after the first chunk, never inflated further."""
    produced: list[int] = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: object) -> None:
            self._inner = real(*args)  # type: ignore[arg-type]

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._inner.decompress(data, max_length)
            produced.append(len(out))
            return out

        def __getattr__(self, name: str) -> object:
            return getattr(self._inner, name)

    monkeypatch.setattr(safe_zip.zlib, "decompressobj", Counting)
    error = refusal(lying(tmp_path, 64 * 1024**2, 1024))
    assert error.kind == BOMB
    assert error.detail == "story.txt expands beyond the 1 kB its table of contents declares"
    assert sum(produced) <= safe_zip.CHUNK_BYTES


def test_limits_are_measured_not_declared(tmp_path: Path) -> None:
    """A member that declares a size over the limit is refused from the directory; one that lies, while inflating."""
    honest = refusal(lying(tmp_path, 8 * 1024**2, 8 * 1024**2 - 2))
    assert honest.kind == OVERSIZED and "would expand to 8 MB (the limit for one file is 4 MB)" in honest.detail
    # The directory passed (here: limits lowered once it was read): inflating is measured anyway.
    archive = SafeZip(lying(tmp_path, 8 * 1024**2, 8 * 1024**2), ZipLimits(10**9, 10**9, 100, 1024**2, 5))
    archive.limits = ZipLimits(total_bytes=6 * 1024**2, member_bytes=10**9, ratio=100, ratio_from=1024**2, members=5)
    with pytest.raises(UnsafeZip, match=r"^it expands to more than 6 MB$"):
        archive.read(archive.members[0])
    archive.limits = ZipLimits(total_bytes=10**9, member_bytes=5 * 1024**2, ratio=100, ratio_from=1024**2, members=5)
    with pytest.raises(UnsafeZip, match=r"^story\.txt expands to more than 5 MB$"):
        archive.read(archive.members[0])


def test_ratio_is_measured_while_inflating(tmp_path: Path) -> None:
    data = b"A" * (3 * 1024**2)
    archive = zip_of({"zeros.txt": data})
    info = zipfile.ZipFile(io.BytesIO(archive)).infolist()[0]
    assert info.file_size / info.compress_size > 100
    error = refusal(archive)
    assert error.kind == BOMB and "would expand" in error.detail  # declared honestly: refused from the directory
    lax = ZipLimits(total_bytes=10**9, member_bytes=10**9, ratio=10**6, ratio_from=1, members=5)
    zipped = SafeZip(archive, lax)
    strict = ZipLimits(total_bytes=10**9, member_bytes=10**9, ratio=100, ratio_from=1024**2, members=5)
    zipped.limits = strict
    with pytest.raises(UnsafeZip, match="expands more than 100 times"):
        zipped.read(zipped.members[0])


def test_total_counts_every_member() -> None:
    members = {f"part{n}.bin": bytes(range(256)) * 4096 for n in range(4)}  # 1 MB each, honest
    limits = ZipLimits(total_bytes=3 * 1024**2 + 10, member_bytes=10**9, ratio=10**6, ratio_from=1, members=10)
    data = zip_of(members)
    with pytest.raises(UnsafeZip, match=r"it would expand to 4 MB \(the limit is 3 MB\)") as caught:
        SafeZip(data, limits)
    assert caught.value.kind == OVERSIZED


def test_too_many_members_are_refused_before_zipfile_reads_the_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    data = zip_of({f"{n}.txt": b"" for n in range(60)})
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("the directory was parsed"))
    error = refusal(data)
    assert error.kind == BOMB and "60 files or more (the limit is 50)" in error.detail


def test_damaged_and_unsupported_members() -> None:
    assert refusal(b"not a zip at all").kind == NOT_A_ZIP
    data = bytearray(zip_of({"a.txt": b"claim " * 100}, zipfile.ZIP_STORED))
    data[data.index(b"claim") + 3] ^= 0xFF
    assert refusal(bytes(data)).detail == "a.txt is damaged (its checksum does not match)"
    bz = zip_of({"a.txt": b"claim"}, zipfile.ZIP_BZIP2)
    error = refusal(bz)
    assert error.kind == DAMAGED and "compression method" in error.detail
    encrypted = bytearray(zip_of({"a.txt": b"claim"}))
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):
        position = encrypted.index(signature) + (6 if signature == b"PK\x03\x04" else 8)
        encrypted[position] |= 0x1
    assert refusal(bytes(encrypted)).kind == ENCRYPTED


def test_a_read_can_have_its_own_limit() -> None:
    archive = SafeZip(zip_of({"manifest.json": b"{}" * 1000}), LIMITS)
    with pytest.raises(UnsafeZip) as caught:
        archive.read(archive.members[0], limit=100)
    assert caught.value.kind == TOO_LARGE and caught.value.detail == "manifest.json is larger than 100 bytes"
