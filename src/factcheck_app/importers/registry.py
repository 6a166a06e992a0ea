"""Pick the reader for a file by its content, not only its name.

Analysts receive files with wrong or missing extensions all the time: a Word file
mailed as "article.txt", a saved page called "story", a PDF renamed ".docx". So the
bytes decide: PDF and ZIP signatures, the OLE signature of encrypted and old Office
files, known binary formats (refused by name), and for text, whether it is an HTML page.
The extension only separates Markdown from plain text, and helps recognise an HTML
fragment saved as .html.

Readers live in one module per format and are imported only when a file of that format
arrives: trafilatura, pypdf and python-docx cost hundreds of milliseconds to import, and
the application must start without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from factcheck_app.domain.articles import ArticleDraft, title_from_text
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.archive import OLE_SIGNATURE, ZIP_SIGNATURE, describe_archive, describe_ole
from factcheck_app.importers.safe_files import read_regular_file
from factcheck_app.importers.structure import MAX_ARTICLE_CHARS
from factcheck_app.importers.text import bom_encoding, looks_binary

# The largest article file read (and the most pasted text accepted). Only regular files
# are read, their size checked before reading and the read capped (see safe_files).
MAX_IMPORT_BYTES = 50 * 1024 * 1024

# ArticleDraft.format → how the analyst calls it (properties dialog, CLI listings).
FORMAT_LABELS = {
    "text": "Plain text",
    "markdown": "Markdown",
    "docx": "Word document",
    "html": "Web page",
    "pdf": "PDF",
    "paste": "Pasted text",
}

# format → what the analyst calls such a file
_DESCRIPTIONS = {
    "text": "a text file",
    "markdown": "a Markdown file",
    "docx": "a Word document",
    "html": "a web page",
    "mhtml": "a web archive",
    "pdf": "a PDF",
}

# What the import dialog offers, per format. The reader is still chosen by the file's
# content; these names only let the analyst see and pick the files.
FILE_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Plain text", ("*.txt", "*.text")),
    ("Markdown", ("*.md", "*.markdown", "*.mdown", "*.mkd")),
    ("Word documents", ("*.docx", "*.docm")),
    ("Web pages", ("*.html", "*.htm", "*.xhtml", "*.shtml", "*.mhtml", "*.mht")),
    ("PDF documents", ("*.pdf",)),
)
ARTICLE_FILE_PATTERNS = tuple(pattern for _label, patterns in FILE_PATTERNS for pattern in patterns)

_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})

# Formats that are recognised only to say plainly what they are.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"SQLite format 3\x00", "a database file"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"OggS", "an audio or video file"),
    (b"ID3", "an MP3 audio file"),
    (b"{\\rtf", "a Rich Text (RTF) document; save it as .docx or .txt"),
)

_LEADING_NOISE = re.compile(r"^(?:\s+|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|body|article|main|h[1-6]|meta|title|section|table)[\s>/]", re.IGNORECASE)
# A MIME message (header lines, possibly folded) that declares itself: a saved .mhtml page.
_MHTML = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n|[ \t][^\n]*\r?\n)*?mime-version:", re.IGNORECASE)


def read_article_file(path: Path, *, title: str | None = None, url: str = "") -> ArticleDraft:
    """Read ``path`` into a draft, or raise ImportRefused naming the file and the problem."""
    name = path.name
    data = read_regular_file(
        path,
        MAX_IMPORT_BYTES,
        what="an article file",
        error=ImportRefused,
        too_large=lambda size: _size_message(name, size),
    )
    return draft_from_bytes(data, name, title=title, url=url)


def draft_from_bytes(data: bytes, name: str, *, title: str | None = None, url: str = "") -> ArticleDraft:
    """A draft from a file's bytes (dropped, downloaded or read), whatever its format."""
    _check_size(name, len(data))
    if not data.strip():
        raise ImportRefused(f"{name} is empty: there is no text to check.")
    description = "an article"
    try:
        format = detect_format(data, name)
        description = _DESCRIPTIONS[format]
        draft = _reader(format)(data, name)
    except ImportRefused:
        raise
    except Exception as error:
        # NOTE: the readers refuse every problem they know of with a clear message; a
        # parser failing in a way nobody foresaw on a hostile file must still end as one
        # message naming the file, never as a traceback or a half-read article.
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise ImportRefused(f"{name} could not be read as {description} ({reason}).") from error
    if not draft.text.strip():
        raise ImportRefused(f"{name} is empty: there is no text to check.")
    if len(draft.text) > MAX_ARTICLE_CHARS:
        raise ImportRefused(
            f"{name} is too large to be an article: its text is longer than {MAX_ARTICLE_CHARS:,} characters."
        )
    stem = Path(name).stem or "Untitled article"
    return replace(
        draft,
        title=(title or "").strip() or draft.title or title_from_text(draft.text, stem),
        url=url.strip() or draft.url,
        original_name=name,
    )


def draft_from_text(text: str, *, title: str | None = None, name: str = "Pasted text") -> ArticleDraft:
    """A draft from pasted text: kept as plain text, hard wrapping undone."""
    from factcheck_app.importers.text import plain_draft

    if len(text) > MAX_IMPORT_BYTES:
        raise ImportRefused(
            f"The clipboard text is too large to be an article (the limit is {MAX_IMPORT_BYTES // 1024 // 1024} MB)."
        )
    draft = plain_draft(text, "paste")
    if not draft.text.strip():
        raise ImportRefused("The clipboard holds no text to import.")
    return replace(draft, title=(title or "").strip() or title_from_text(draft.text, name), original_name=name)


def _reader(format: str) -> Callable[[bytes, str], ArticleDraft]:
    """The reader function for ``format``, imported now.

    NOTE: plain ``import`` statements inside the function (not importlib with strings) so
    PyInstaller's analysis still finds every reader module for the bundle.
    """
    if format == "pdf":
        from factcheck_app.importers.pdf import read_pdf

        return read_pdf
    if format == "docx":
        from factcheck_app.importers.word import read_docx

        return read_docx
    if format == "html":
        from factcheck_app.importers.webpage import read_html

        return read_html
    if format == "mhtml":
        from factcheck_app.importers.webpage import read_mhtml

        return read_mhtml
    if format == "markdown":
        from factcheck_app.importers.markdown import read_markdown

        return read_markdown
    from factcheck_app.importers.text import read_text

    return read_text


def detect_format(data: bytes, name: str) -> str:
    """The reader for ``data``: "pdf", "docx", "html", "mhtml", "markdown" or "text".

    Raises ImportRefused, naming the file and what it is, for anything else.
    """
    if _is_pdf(data):
        return "pdf"
    if data.startswith(ZIP_SIGNATURE) or data.startswith(b"PK\x05\x06"):
        from factcheck_app.importers.archive import is_word_archive, open_zip

        wordish = Path(name).suffix.lower() in (".docx", ".docm", ".dotx", ".dotm")
        what = "Word file" if wordish else "ZIP archive"
        archive = open_zip(data, name, what)
        if is_word_archive(archive, name, what):
            return "docx"
        raise ImportRefused(f"{name} is {describe_archive(archive, name, what)}.")
    if data.startswith(OLE_SIGNATURE):
        raise ImportRefused(f"{name} is {describe_ole(data)}.")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ImportRefused(f"{name} is not a supported article format ({kind}).")
    if bom_encoding(data) is None and looks_binary(data):
        raise ImportRefused(f"{name} is not a supported article format (it contains binary data, not text).")
    suffix = Path(name).suffix.lower()
    head = _text_head(data)
    if _MHTML.match(data[:2048]) and b"multipart/related" in data[:8192].lower():
        return "mhtml"
    if _HTML_START.match(head) or (suffix in _HTML_SUFFIXES and _HTML_TAGS.search(head)):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within the first KB (allowed by the spec) of a file ending like a PDF.

    NOTE: a text article that merely mentions "%PDF-" near its start must stay text.
    """
    position = data.find(b"%PDF-", 0, 1024)
    if position < 0:
        return False
    return not data[:position].strip() or b"%%EOF" in data[-4096:]


def _text_head(data: bytes) -> str:
    """The start of a text file with BOM, blank lines, comments and XML declaration skipped."""
    encoding = bom_encoding(data) or "latin-1"
    head = data[:8192].decode(encoding, errors="ignore").lstrip("\ufeff")
    noise = _LEADING_NOISE.match(head)
    assert noise is not None  # the pattern matches the empty string: never None
    return head[noise.end() :]


def _size_message(name: str, size: int) -> str:
    return (
        f"{name} is too large to be an article ({size / 1024 / 1024:.0f} MB; "
        f"the limit is {MAX_IMPORT_BYTES // 1024 // 1024} MB)."
    )


def _check_size(name: str, size: int) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportRefused(_size_message(name, size))
