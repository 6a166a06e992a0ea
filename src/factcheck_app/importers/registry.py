"""Pick the reader for a file by its content, not only its name.

Only plain text is supported in this version; other formats (Word, PDF, saved web
pages) are recognised by their signature so the analyst is told plainly what is
not yet supported instead of seeing garbage imported as text.
"""

from __future__ import annotations

from pathlib import Path

from factcheck_app.domain.articles import ArticleDraft, normalise_text, title_from_text
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.text import decode_text

MAX_IMPORT_BYTES = 50 * 1024 * 1024

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (Word, OpenDocument or similar)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "a database file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
)


def read_article_file(path: Path, *, title: str | None = None, url: str = "") -> ArticleDraft:
    """Read ``path`` into a draft, or raise ImportRefused naming the file and the problem."""
    name = path.name
    try:
        if path.is_dir():
            raise ImportRefused(f"{name} is a folder; choose an article file.")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(
                f"{name} is too large to be an article ({size / 1024 / 1024:.0f} MB; "
                f"the limit is {MAX_IMPORT_BYTES // 1024 // 1024} MB)."
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ImportRefused(f"{name} does not exist.") from error
    except OSError as error:
        raise ImportRefused(f"{name} cannot be read: {error.strerror or error}.") from error
    return draft_from_bytes(data, name, title=title, url=url)


def draft_from_bytes(data: bytes, name: str, *, title: str | None = None, url: str = "") -> ArticleDraft:
    if not data.strip():
        raise ImportRefused(f"{name} is empty: there is no text to check.")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ImportRefused(f"{name} is {kind}; this version imports plain-text articles (.txt, .md) only.")
    text = normalise_text(decode_text(data, name))
    if not text.strip():
        raise ImportRefused(f"{name} is empty: there is no text to check.")
    stem = Path(name).stem or "Untitled article"
    return ArticleDraft(
        title=(title or "").strip() or title_from_text(text, stem),
        text=text,
        url=url.strip(),
        original_name=name,
    )


def draft_from_text(text: str, *, title: str | None = None, name: str = "Pasted text") -> ArticleDraft:
    text = normalise_text(text)
    if not text.strip():
        raise ImportRefused("The clipboard holds no text to import.")
    return ArticleDraft(title=(title or "").strip() or title_from_text(text, name), text=text, original_name=name)
