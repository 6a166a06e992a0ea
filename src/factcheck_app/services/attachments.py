"""Attached files: read safely on the way in, out of the project only when the analyst asks.

``read_file_to_attach`` reads what the analyst chose: regular files only (a FIFO or a
device such as /dev/zero is refused before it is opened), at most ``MAX_ATTACHMENT_BYTES``,
read with a hard cap so a file that grows meanwhile cannot exceed it.

``save_attachment`` is the explicit export. ``viewing_copy`` writes a copy to a private
temporary folder (owner-only) so the system viewer can open it; nothing else ever writes
an attachment outside the project.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factcheck_app.domain.attachments import MAX_ATTACHMENT_BYTES, check_size, digest, safe_file_name
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.importers.safe_files import format_size, read_regular_file
from factcheck_app.services.project import Project

_VIEWING_DIR: Path | None = None


def _size_refusal(size: int, name: str) -> str:
    return f"{name} is too large to attach ({format_size(size)}; the limit is {format_size(MAX_ATTACHMENT_BYTES)})."


def read_file_to_attach(path: str | Path) -> bytes:
    """The bytes of a file to attach; InvalidInput (one line naming it) if it cannot be attached.

    Only regular files are read, their size checked before reading and the read capped at
    the limit (see importers/safe_files.py); an empty file is refused too.
    """
    path = Path(path)
    name = safe_file_name(path.name)
    data = read_regular_file(
        path,
        MAX_ATTACHMENT_BYTES,
        what="a file to attach",
        error=InvalidInput,
        too_large=lambda size: _size_refusal(size, name),
    )
    check_size(len(data), name)
    return data


def _checked_data(project: Project, attachment_id: int) -> tuple[str, bytes]:
    attachment = next((a for a in project.attachments() if a.id == attachment_id), None)
    if attachment is None:
        raise FactcheckError("That file is no longer attached.")
    data = project.attachment_data(attachment_id)
    if not isinstance(data, bytes) or digest(data) != attachment.sha256:
        from factcheck_app.domain.damage import REPAIR_ADVICE
        from factcheck_app.domain.errors import DamagedData

        raise DamagedData(
            f"The attached file {attachment.name} is damaged (attachments #{attachment_id}, column data: "
            f"its content does not match its checksum). {REPAIR_ADVICE}.",
            table="attachments",
            row_id=attachment_id,
            column="data",
        )
    return attachment.name, data


def save_attachment(project: Project, attachment_id: int, target: str | Path) -> Path:
    """Write an attached file where the analyst chose (atomic: a failure leaves no partial file)."""
    _name, data = _checked_data(project, attachment_id)
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise FactcheckError(f"Cannot save {target.name}: {error.strerror or error}.") from error
    return target


def viewing_copy(project: Project, attachment_id: int) -> Path:
    """A copy to open in the system viewer, in a private folder removed when the app exits."""
    global _VIEWING_DIR
    name, data = _checked_data(project, attachment_id)
    if _VIEWING_DIR is None or not _VIEWING_DIR.exists():
        _VIEWING_DIR = Path(tempfile.mkdtemp(prefix="factcheck-view-"))  # mode 0700
        import atexit
        import shutil

        atexit.register(shutil.rmtree, _VIEWING_DIR, True)
    folder = _VIEWING_DIR / str(attachment_id)
    folder.mkdir(exist_ok=True)
    path = folder / safe_file_name(name)
    path.write_bytes(data)
    if os.name == "posix":
        path.chmod(0o600)
    return path
