"""The reader is picked by the file's content, not its name; heavy parsers load only when needed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importer_helpers import ARTICLE, ARTICLES, fixtures

from factcheck_app.importers.registry import detect_format, draft_from_bytes, read_article_file


@pytest.mark.parametrize(
    ("fixture", "renamed", "format"),
    [
        ("bridge.docx", "article.txt", "docx"),
        ("bridge.pdf", "article.docx", "pdf"),
        ("bridge.html", "article.txt", "html"),
        ("bridge.html", "article", "html"),
        ("bridge.mhtml", "article.html", "html"),
    ],
)
def test_renamed_file_imports_by_its_content(tmp_path: Path, fixture: str, renamed: str, format: str) -> None:
    """A Word file called .txt is read as Word, a PDF called .docx as PDF, a saved page called .txt as HTML."""
    path = tmp_path / renamed
    shutil.copyfile(ARTICLES / fixture, path)
    draft = read_article_file(path)
    assert draft.format == format
    assert draft.original_name == renamed
    assert ARTICLE.paragraphs()[0] in draft.text


def test_markdown_is_chosen_by_extension() -> None:
    """Markdown is plain text that says so by its name: .md gets headings, .txt keeps the marks."""
    data = b"# Bridge\n\nText of the story.\n"
    assert detect_format(data, "story.md") == "markdown"
    assert detect_format(data, "story.txt") == "text"


@pytest.mark.parametrize(
    "start",
    [
        b"<!DOCTYPE html>\n<html>",
        b"\xef\xbb\xbf  <html lang='en'>",
        b"<!-- saved from url=(0042)https://www.millbrook-herald.example/ -->\n<html>",
        b"<?xml version='1.0'?>\n<!DOCTYPE html><html xmlns='http://www.w3.org/1999/xhtml'>",
    ],
    ids=["doctype", "bom-and-spaces", "saved-from-comment", "xhtml"],
)
def test_text_that_starts_like_a_page_is_html(start: bytes) -> None:
    """Whatever the extension, text starting with a doctype or <html> (after BOM, comments, XML declaration) is HTML."""
    assert detect_format(start + b"<body><p>Story</p></body></html>", "story.txt") == "html"


def test_html_fragment_needs_an_html_name() -> None:
    """A fragment of tags is HTML when named .html, text when named .txt."""
    data = b"<p>The council said the bridge would close.</p>\n"
    assert detect_format(data, "fragment.html") == "html"
    assert detect_format(data, "fragment.txt") == "text"


def test_plain_text_mentioning_html_stays_text() -> None:
    """Text that merely talks about <html> in its body is not a web page."""
    draft = draft_from_bytes(b"How to write a page\nStart the file with <html> and end it with </html>.\n", "note.txt")
    assert draft.format == "text"


def test_importing_the_registry_loads_no_parser() -> None:
    """trafilatura, pypdf, python-docx and charset-normalizer load only when a file needs them."""
    code = (
        "import sys\n"
        "import factcheck_app.importers.registry\n"
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'docx', 'charset_normalizer', 'lxml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_utf8_text_needs_no_charset_detection() -> None:
    """A UTF-8 article never loads charset-normalizer (it costs start-up time and seconds on big files)."""
    code = (
        "import sys\n"
        "from factcheck_app.importers.registry import draft_from_bytes\n"
        f"draft_from_bytes({fixtures.article_plain_text().encode()!r}, 'a.txt')\n"
        "print('charset_normalizer' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
