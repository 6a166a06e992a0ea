"""Files attached to sources: kept inside the project by hash, out only when asked, checked."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from db_state import plant
from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.attachments import safe_file_name
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.services.archive import export_archive, import_archive
from factcheck_app.services.attachments import save_attachment, viewing_copy
from factcheck_app.services.check import check_project
from factcheck_app.services.edits import AttachFile, CreateClaim, RemoveAttachment
from factcheck_app.services.project import Project


@pytest.fixture
def source_id(imported) -> int:  # type: ignore[no-untyped-def]
    project, article = imported
    edit = CreateClaim(
        article.id,
        anchor_for_quote(article.text, "carry 50,000 passengers a day"),
        sources=[Source(None, "https://example.org/ridership", "Ridership study")],
    )
    project.apply(edit)
    return project.claim(edit.claim_id).sources[0].id


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "ridership study.pdf"
    path.write_bytes(b"%PDF-1.4\n% the study\n" + bytes(range(256)))
    return path


def test_attach_keeps_the_file_inside_by_hash_and_undo_removes_it(imported, source_id: int, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    """The file's bytes live in the project with name, type, size and SHA-256; undo takes them out."""
    project, _ = imported
    edit = AttachFile(source_id, pdf)
    project.apply(edit)
    [attachment] = project.attachments(source_id)
    assert (attachment.name, attachment.media_type, attachment.size) == (
        "ridership study.pdf",
        "application/pdf",
        pdf.stat().st_size,
    )
    assert project.attachment_data(attachment.id) == pdf.read_bytes()
    with pytest.raises(InvalidInput, match="already attached"):
        project.apply(AttachFile(source_id, pdf))
    project.revert(edit)
    assert project.attachments() == []
    remove_target = AttachFile(source_id, pdf)
    project.apply(remove_target)
    removal = RemoveAttachment(remove_target.attachment_id)
    project.apply(removal)
    project.revert(removal)
    assert project.attachment_data(remove_target.attachment_id) == pdf.read_bytes()


def test_files_leave_the_project_only_when_asked(imported, source_id: int, pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save as writes where the analyst chose; the viewing copy is private (0600) under a safe name."""
    project, _ = imported
    edit = AttachFile(source_id, pdf)
    project.apply(edit)
    (tmp_path / "out").mkdir()
    saved = save_attachment(project, edit.attachment_id, tmp_path / "out" / "copy.pdf")
    assert saved.read_bytes() == pdf.read_bytes()
    view = viewing_copy(project, edit.attachment_id)
    assert view.name == "ridership study.pdf" and stat.S_IMODE(view.stat().st_mode) == 0o600
    assert stat.S_IMODE(view.parent.parent.stat().st_mode) == 0o700


def test_hostile_names_cannot_climb_out_of_a_folder() -> None:
    """Path parts, control characters and leading dots are removed from attachment names."""
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("..\\windows\\evil.exe") == "evil.exe"
    assert safe_file_name(".bashrc") == "bashrc"
    assert safe_file_name("a\x00b\nc.pdf") == "a_b_c.pdf"
    assert safe_file_name("") == "attachment"


def test_empty_and_missing_files_are_refused(source_id: int, tmp_path: Path) -> None:
    """An empty or missing file gets a plain message."""
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="empty"):
        AttachFile(source_id, empty)
    with pytest.raises(InvalidInput, match="does not exist"):
        AttachFile(source_id, tmp_path / "gone.pdf")


def test_check_project_finds_a_damaged_attachment(imported, source_id: int, pdf: Path) -> None:  # type: ignore[no-untyped-def]
    """An attachment whose bytes no longer match its SHA-256 is reported (not repairable: restore a backup)."""
    project, _ = imported
    edit = AttachFile(source_id, pdf)
    project.apply(edit)
    target = project.location.target
    project.close()
    plant(target, "UPDATE attachments SET data = :data WHERE id = :id", data=b"tampered", id=edit.attachment_id)
    with Project.open(target) as reopened:
        report = check_project(reopened)
    assert [p.kind for p in report.problems] == ["attachment"]
    assert "damaged" in report.summary()


def test_attachments_round_trip_through_the_archive(imported, source_id: int, pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export to an archive and import: the same files, names and hashes."""
    project, _ = imported
    project.apply(AttachFile(source_id, pdf))
    copy = import_archive(export_archive(project, tmp_path / "with-files"), tmp_path / "copy.factcheck")
    with Project.open(copy) as restored:
        assert restored.attachments() == project.attachments()
        assert restored.attachment_data(restored.attachments()[0].id) == pdf.read_bytes()


def test_only_regular_files_are_read_to_attach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO or a device is refused before it is opened; a file is read with a cap at the limit."""
    import os

    from factcheck_app.services import attachments

    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match=r"^scan\.pdf \(.*\) is a named pipe \(FIFO\), not a file to attach"):
        attachments.read_file_to_attach(fifo)
    with pytest.raises(InvalidInput, match=r"is a device, not a file to attach"):
        attachments.read_file_to_attach("/dev/zero")
    with pytest.raises(InvalidInput, match=r"is a folder, not a file to attach"):
        attachments.read_file_to_attach(tmp_path)
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    assert attachments.read_file_to_attach(evidence) == b"%PDF-1.4 evidence"
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(InvalidInput, match=r"^evidence\.pdf is too large to attach"):
        attachments.read_file_to_attach(evidence)
    (tmp_path / "empty.pdf").write_bytes(b"")
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(InvalidInput, match="is empty"):
        attachments.read_file_to_attach(tmp_path / "empty.pdf")


@pytest.mark.parametrize("make", [lambda folder: _fifo(folder / "scan.pdf"), lambda folder: Path("/dev/zero")])
def test_attaching_a_pipe_or_a_device_is_refused_at_once(source_id: int, tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    """Files… on a named pipe or /dev/zero: one clear message, no hang, nothing read into memory."""
    import time

    started = time.monotonic()
    with pytest.raises(InvalidInput, match=r"not a|named pipe|device"):
        AttachFile(source_id, make(tmp_path))
    assert time.monotonic() - started < 5


def _fifo(path: Path) -> Path:
    import os

    os.mkfifo(path)
    return path


def test_a_name_of_many_bytes_opens_and_saves(imported, source_id: int, pdf: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A stored name of 120 emoji (480 bytes; an archive or another tool can bring one) opens as a
    viewing copy and saves under a name the file system takes: cut to 200 bytes, extension kept."""
    project, _ = imported
    edit = AttachFile(source_id, pdf)
    project.apply(edit)
    target = project.location.target
    project.close()
    long_name = "📄" * 120 + ".pdf"
    plant(target, "UPDATE attachments SET name = :name WHERE id = :id", name=long_name, id=edit.attachment_id)
    with Project.open(target) as reopened:
        view = viewing_copy(reopened, edit.attachment_id)
        assert view.read_bytes() == pdf.read_bytes()
        assert view.name.endswith(".pdf") and view.name.startswith("📄")
        assert len(view.name.encode("utf-8")) <= 200


def test_names_are_cut_in_bytes_inside_the_stem() -> None:
    name = safe_file_name("Ελληνικά " * 30 + ".docx")
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= 200
    assert safe_file_name("😀" * 120) == "😀" * 50  # no extension: cut at 200 bytes, never inside a character
    assert safe_file_name("report.final.version.pdf") == "report.final.version.pdf"
