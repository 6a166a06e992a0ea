"""Reading a file someone else chose: regular files only, and never more than a limit.

Whatever the analyst picks (an article, an archive, a file to attach, a logo) may not be
a file at all: a named pipe (FIFO) blocks the reader forever, ``/dev/zero`` and
``/dev/urandom`` never end, a folder cannot be read. So the path is checked with
``stat`` before it is opened, and only regular files are accepted; its size is checked
against the caller's limit before a byte is read. The file is then opened without
blocking (a FIFO swapped in after the check cannot hang the open), checked again on the
open handle, and read with a hard cap of *limit + 1* bytes, so a file that grows while it
is read, or whose size lies, can never make us hold more than the limit.

Only the standard library is used: the registry imports this before any parser.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from factcheck_app.domain.errors import InvalidInput

ErrorFactory = Callable[[str], Exception]


def format_size(count: int) -> str:
    """A byte count as an analyst reads it: "1000 bytes", "12 kB", "278 MB", "1.5 GB"."""
    for unit, scale, digits in (("GB", 1024**3, 1), ("MB", 1024**2, 0), ("kB", 1024, 0)):
        if count >= scale:
            return f"{count / scale:,.{digits}f} {unit}"
    return f"{count} bytes"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in plain words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _refusal(path: Path, kind: str, what: str) -> str:
    if kind == "a folder":
        return f"{path.name or path} is a folder, not {what}."
    return f"{path.name or path} ({path}) is {kind}, not {what}: only regular files are read."


def _os_error(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return f"{path.name or path} does not exist."
    return f"{path.name or path} cannot be read: {error.strerror or error}."


def check_regular_file(
    path: str | os.PathLike[str], *, what: str = "a file", error: ErrorFactory = InvalidInput
) -> int:
    """The size of ``path`` if it is a regular file; ``error(message)`` raised otherwise.

    Nothing is opened: a FIFO or a device is refused from its ``stat`` alone.
    """
    path = Path(path)
    try:
        status = os.stat(path)
    except OSError as failure:
        raise error(_os_error(path, failure)) from failure
    kind = _kind(status.st_mode)
    if kind is not None:
        raise error(_refusal(path, kind, what))
    return status.st_size


def open_regular_file(
    path: str | os.PathLike[str],
    limit: int,
    *,
    what: str = "a file",
    error: ErrorFactory = InvalidInput,
    too_large: Callable[[int], str] | None = None,
) -> BinaryIO:
    """``path`` opened for reading, once it is known to be a regular file of at most ``limit`` bytes.

    ``too_large(size)`` words the refusal of a file over the limit (a default names the
    size and the limit). The caller must still read with a cap: the file may grow.
    """
    path = Path(path)

    def oversized(size: int) -> Exception:
        if too_large is not None:
            return error(too_large(size))
        return error(f"{path.name} is too large to be {what} ({format_size(size)}; the limit is {format_size(limit)}).")

    size = check_regular_file(path, what=what, error=error)
    if size > limit:
        raise oversized(size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as failure:
        raise error(_os_error(path, failure)) from failure
    try:
        status = os.fstat(descriptor)  # what was opened, which may not be what was checked
        kind = _kind(status.st_mode)
        if kind is not None:
            raise error(_refusal(path, kind, what))
        if status.st_size > limit:
            raise oversized(status.st_size)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_capped(
    stream: BinaryIO, limit: int, name: str, *, error: ErrorFactory, too_large: Callable[[int], str]
) -> bytes:
    """At most ``limit`` bytes from ``stream``; ``error(too_large(n))`` if there are more."""
    try:
        data = stream.read(limit + 1)
    except OSError as failure:
        raise error(f"{name} cannot be read: {failure.strerror or failure}.") from failure
    if len(data) > limit:
        raise error(too_large(len(data)))
    return data


def read_regular_file(
    path: str | os.PathLike[str],
    limit: int,
    *,
    what: str = "a file",
    error: ErrorFactory = InvalidInput,
    too_large: Callable[[int], str] | None = None,
) -> bytes:
    """The bytes of ``path``: a regular file of at most ``limit`` bytes, read with a hard cap.

    FIFOs, devices, sockets and folders are refused before they are opened, with
    ``error(message)`` naming the file; so are files over the limit.
    """
    path = Path(path)

    def grown(size: int) -> str:
        if too_large is not None:
            return too_large(size)
        return (
            f"{path.name} is too large to be {what} (it grew past the limit of {format_size(limit)} while being read)."
        )

    with open_regular_file(path, limit, what=what, error=error, too_large=too_large) as stream:
        return read_capped(stream, limit, path.name, error=error, too_large=grown)
