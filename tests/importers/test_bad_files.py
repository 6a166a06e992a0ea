"""Every kind of bad input gets one clear message naming the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_helpers import BAD

from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers import registry
from factcheck_app.importers.registry import draft_from_bytes, read_article_file
from factcheck_app.importers.safe_zip import SafeZip

# fixture in tests/data/bad → what the message must say
EXPECTED = {
    "empty.txt": "is empty: there is no text to check",
    "blank.txt": "is empty: there is no text to check",
    "junk.bin": "is not a supported article format (it contains binary data, not text)",
    "photo.txt": "is not a supported article format (a PNG image)",
    "invalid-utf8.txt": "the text is damaged",
    "truncated.docx": "is a damaged or truncated Word file",
    "damaged-xml.docx": "is a damaged Word file",
    "blank.docx": "is empty: the Word file has no text to check",
    "photos.docx": "is a ZIP archive but not a Word document",
    "story.odt": "is an OpenDocument text (.odt)",
    "zip-bomb.docx": "is refused as a possible zip bomb: word/document.xml would expand 1,029 times",
    "zip-bomb-many-parts.docx": "would expand to 278 MB",
    "encrypted.docx": "is a password-protected (encrypted) Office document",
    "legacy.doc": "is an old Word document (.doc)",
    "encrypted.pdf": "is password-protected",
    "scanned.pdf": "has no text layer (it is probably a scanned image); run OCR",
    "truncated.pdf": "is a damaged or truncated PDF",
    "nav-only.html": "has no article text that could be found",
    "notes.rtf": "is not a supported article format (a Rich Text (RTF) document",
}


def test_every_bad_fixture_has_an_expected_message() -> None:
    """The table above covers exactly the files in tests/data/bad (subfolders belong to other readers)."""
    assert sorted(path.name for path in BAD.iterdir() if path.is_file()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_its_reason(name: str) -> None:
    """The refusal names the file and says what is wrong with it, in one line."""
    with pytest.raises(ImportRefused) as refused:
        read_article_file(BAD / name)
    message = str(refused.value)
    assert message.startswith(name)
    assert EXPECTED[name] in message
    assert "\n" not in message and "Traceback" not in message


def test_zip_bomb_is_refused_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bomb is refused from the ZIP directory alone: no member is ever decompressed."""
    import zipfile

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    monkeypatch.setattr(SafeZip, "stream", no_reading)
    for name in ("zip-bomb.docx", "zip-bomb-many-parts.docx"):
        with pytest.raises(ImportRefused, match="zip bomb"):
            read_article_file(BAD / name)


def test_oversized_file_is_refused_by_its_size(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A file over the limit is refused from its size, before it is read."""
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 1000)
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 2000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(ImportRefused, match=r"huge.pdf is too large to be an article \(0 MB; the limit is 0 MB\)"):
        read_article_file(path)


def test_oversized_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dropped or pasted bytes over the limit are refused the same way."""
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 1000)
    with pytest.raises(ImportRefused, match=r"dropped\.txt is too large"):
        draft_from_bytes(b"word " * 1000, "dropped.txt")


def test_folder_is_refused(tmp_path: Path) -> None:
    """Choosing a folder gets a plain message."""
    with pytest.raises(ImportRefused, match="is a folder"):
        read_article_file(tmp_path)


def test_unexpected_parser_failure_is_one_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a parser fail in a way nobody foresaw, the analyst still gets one message naming the file."""
    from factcheck_app.importers import pdf

    def broken(data: bytes, name: str) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(pdf, "read_pdf", broken)
    with pytest.raises(ImportRefused, match=r"^x.pdf could not be read as a PDF \(list index out of range\)\.$"):
        draft_from_bytes(b"%PDF-1.7\n%%EOF\n", "x.pdf")
