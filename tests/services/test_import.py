"""Importing articles: encodings handled, bad input refused with the project unchanged."""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from pathlib import Path

import pytest

from db_state import table_rows
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers import registry
from factcheck_app.services.articles import import_article_edit


def _state(project) -> tuple[str | None, object]:  # type: ignore[no-untyped-def]
    """The SQLite file's bytes (with its WAL) when there is a file, and every row of every table."""
    path = project.location.path
    file_digest = None
    if path is not None:
        digest = hashlib.sha256(path.read_bytes())
        wal = Path(str(path) + "-wal")
        if wal.exists():
            digest.update(wal.read_bytes())
        file_digest = digest.hexdigest()
    return file_digest, table_rows(project)


def test_import_real_article_keeps_text(project, coalition_article: Path) -> None:  # type: ignore[no-untyped-def]
    """The long news article imports with its curly quotes intact."""
    edit = import_article_edit(coalition_article)
    project.apply(edit)
    article = project.article(edit.article_id)
    assert "“coalition of the willing”" in article.text
    assert article.original_name == "coalition-desk.txt"
    assert article.title.startswith("Military chiefs from some 30 countries")


def test_coalition_article_has_the_wording_the_tests_rely_on(coalition_article: Path) -> None:
    """Other tests select, count and replace these phrases: a rewrite of the article must keep them."""
    from shared_data import US_QUOTE

    text = coalition_article.read_text(encoding="utf-8")
    assert 8_000 <= len(text) <= 12_000 and text.endswith("\n") and "\n\n" not in text
    once = (
        US_QUOTE,
        "has so far declined to commit to supporting",
        "Kremlin spokesman Dmitry Peskov told reporters",
        "Europe has embarked on a militarisation of itself",
        "On Tuesday, Trump and Putin held a phone conversation, agreeing on an initial step toward peace in Ukraine",
        "Northwood military base",
        "“coalition of the willing”",
    )
    assert {phrase: text.count(phrase) for phrase in once} == dict.fromkeys(once, 1)
    assert text.count("Kremlin") == 2  # tests/cli: "occurs 2 times", --occurrence 2
    assert "Peskov said" not in text  # revision tests create it by replacement
    assert text.startswith("Military chiefs from some 30 countries")


@pytest.mark.parametrize(
    "encoded",
    [
        "Der Bürgermeister sagte: „Wir bauen.“ – Kosten: 5 €.\n".encode(),
        codecs.BOM_UTF8 + "Der Bürgermeister sagte: „Wir bauen.“ – Kosten: 5 €.\n".encode(),
        "Der Bürgermeister sagte: „Wir bauen.“ – Kosten: 5 €.\n".encode("utf-16"),
        "Der Bürgermeister sagte: „Wir bauen.“ – Kosten: 5 €.\r\n".encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "cp1252-crlf"],
)
def test_encodings_decode_to_the_same_text(project, tmp_path: Path, encoded: bytes) -> None:  # type: ignore[no-untyped-def]
    """UTF-8 (with or without BOM), UTF-16 and cp1252 give the same canonical text."""
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    edit = import_article_edit(path)
    project.apply(edit)
    assert project.article(edit.article_id).text == "Der Bürgermeister sagte: „Wir bauen.“ – Kosten: 5 €.\n"


def _docx_like_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
        ("blank.txt", lambda p: p.write_bytes(b"  \n\n \t\n"), "empty"),
        ("junk.txt", lambda p: p.write_bytes(bytes(range(256)) * 64), "binary"),
        ("photo.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "PNG image"),
        ("report.docx", _docx_like_zip, "ZIP archive but not a Word document"),
        ("paper.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "damaged or truncated PDF"),
        ("bad.txt", lambda p: p.write_bytes(b"\xef\xbb\xbfabc \xff\xfe\xfd broken"), "damaged"),
    ],
    ids=["empty", "blank", "binary", "png", "zip-not-word", "pdf-truncated", "bad-utf8-bom"],
)
def test_bad_input_is_refused_and_project_unchanged(project, tmp_path: Path, name, write, message) -> None:  # type: ignore[no-untyped-def]
    """Each kind of bad file gets a clear message naming it; the project is untouched."""
    path = tmp_path / name
    write(path)
    before = _state(project)
    with pytest.raises(ImportRefused, match=message) as caught:
        project.apply(import_article_edit(path))
    assert name in str(caught.value)
    assert _state(project) == before
    assert project.articles() == []


@pytest.mark.parametrize("name", ["bridge.docx", "bridge.html", "bridge.pdf", "bridge.md"])
def test_import_each_format_stores_its_text(project, name: str) -> None:  # type: ignore[no-untyped-def]
    """Word, web page, PDF and Markdown articles import into a project with their text and title."""
    path = Path(__file__).resolve().parent.parent / "data" / "articles" / name
    edit = import_article_edit(path)
    project.apply(edit)
    article = project.article(edit.article_id)
    assert "“entirely predictable”" in article.text
    assert article.title == "Millbrook delays Eastgate bridge repairs as cost estimate doubles"
    assert article.original_name == name


def test_huge_file_is_refused_before_reading(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A file over the size limit is refused by its size, not read into memory."""
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 1024)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(ImportRefused, match="too large"):
        import_article_edit(path)
    assert project.articles() == []


def test_missing_file_is_named(tmp_path: Path) -> None:
    """A path that does not exist gets a plain message."""
    with pytest.raises(ImportRefused, match="does not exist"):
        import_article_edit(tmp_path / "nowhere.txt")
