"""Files from others are read only if they are regular files, never past a limit."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from factcheck_app.domain.errors import ImportRefused, InvalidInput
from factcheck_app.importers import registry
from factcheck_app.importers.registry import read_article_file
from factcheck_app.importers.safe_files import format_size, read_capped, read_regular_file

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev devices are POSIX")


@posix_only
def test_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: it must never be opened."""
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with pytest.raises(ImportRefused) as refused:
        read_article_file(fifo)
    assert str(refused.value) == (
        f"story.txt ({fifo}) is a named pipe (FIFO), not an article file: only regular files are read."
    )


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str, tmp_path: Path) -> None:
    """Endless devices (and a link to one) are refused from their stat, not read until memory runs out."""
    link = tmp_path / "article.txt"
    link.symlink_to(device)
    for path in (Path(device), link):
        with pytest.raises(ImportRefused, match=r"is a device, not an article file: only regular files are read\.$"):
            read_article_file(path)


def test_missing_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match=r"^gone\.txt does not exist\.$"):
        read_article_file(tmp_path / "gone.txt")
    with pytest.raises(ImportRefused, match=r"is a folder, not an article file\.$"):
        read_article_file(tmp_path)


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the limit is refused from its size: it is never opened."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 1000)
    monkeypatch.setattr(os, "open", lambda *args, **kwargs: pytest.fail("the file was opened"))
    with pytest.raises(ImportRefused, match=r"big\.txt is too large to be an article"):
        read_article_file(path)


def test_a_file_that_grows_while_read_is_cut_at_the_limit() -> None:
    """The read asks for limit + 1 bytes at most; more than the limit is refused, whatever stat said."""

    class Growing(io.BytesIO):
        asked: list[int] = []

        def read(self, size: int | None = -1) -> bytes:
            self.asked.append(-1 if size is None else size)
            return super().read(size)

    stream = Growing(b"x" * 5000)
    with pytest.raises(InvalidInput, match="grew"):
        read_capped(stream, 1000, "live.log", error=InvalidInput, too_large=lambda size: "live.log grew")
    assert stream.asked == [1001]
    assert read_capped(Growing(b"x" * 1000), 1000, "ok.txt", error=InvalidInput, too_large=str) == b"x" * 1000


def test_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"claim")
    assert read_regular_file(path, 5) == b"claim"
    with pytest.raises(InvalidInput, match=r"a\.txt is too large to be a file \(5 bytes; the limit is 4 bytes\)"):
        read_regular_file(path, 4)


def test_sizes_read_as_analysts_say_them() -> None:
    assert [format_size(n) for n in (1000, 12 * 1024, 278 * 1024**2, 3 * 1024**3 // 2)] == [
        "1000 bytes",
        "12 kB",
        "278 MB",
        "1.5 GB",
    ]
