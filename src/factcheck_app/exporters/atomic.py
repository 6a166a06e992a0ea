"""Writing an export so that it is either complete or not there at all.

Shared by every exporter (Word report, open formats, project archives): the file is
written under a temporary name beside the target, fsynced, then moved into place with
``os.replace``; on any error the temporary file goes and an old file is left as it was.
Errors become one plain sentence for the analyst.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from factcheck_app.domain.errors import FactcheckError


def check_target(path: Path, what: str = "export") -> None:
    """Refuse at once a target that can never be written (a folder, a missing folder)."""
    if path.is_dir():
        raise FactcheckError(f"“{path}” is a folder. Choose a file name for the {what}.")
    if not path.parent.is_dir():
        raise FactcheckError(f"Cannot save the {what}: the folder “{path.parent}” does not exist.")


@contextmanager
def atomic_output(path: Path, what: str = "export") -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` only when the ``with`` block ends without error.

    The temporary file is opened first, so an unwritable folder is reported before any
    (possibly long) work; it sits beside the target so ``os.replace`` is atomic.
    """
    path = Path(path)
    check_target(path, what)
    temporary = path.with_name(f".~{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, before os.replace
    except OSError as exc:
        raise FactcheckError(cannot_write_message(exc, path, what)) from exc
    try:
        with stream:
            try:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as exc:
                raise FactcheckError(cannot_write_message(exc, path, what)) from exc
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise FactcheckError(cannot_replace_message(exc, path, what)) from exc
    except BaseException:
        # NOTE: if even this fails there is nothing more to do; the original error is the one to show.
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def cannot_write_message(exc: OSError, path: Path, what: str = "export") -> str:
    folder = path.parent
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot save the {what} in “{folder}”: you may not write in this folder. Choose another folder."
    if exc.errno == errno.ENOSPC:
        return f"Cannot save the {what} in “{folder}”: the disk is full."
    return f"Cannot save the {what} as “{path}”: {exc.strerror or exc}."


def cannot_replace_message(exc: OSError, path: Path, what: str = "export") -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot replace “{path.name}”: it is open in another program (Word?) or read-only. "
            "Close it, or choose another file name, and try again."
        )
    return f"Cannot save the {what} as “{path}”: {exc.strerror or exc}."
