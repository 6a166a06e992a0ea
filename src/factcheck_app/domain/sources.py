"""Sources: what a verdict rests on (a web page, a document, a statement)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from factcheck_app.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Source:
    id: int | None
    url: str
    title: str = ""
    publisher: str = ""
    accessed: date | None = None
    note: str = ""

    @property
    def display_title(self) -> str:
        return self.title or self.url or "(untitled source)"


def validate_source(source: Source) -> Source:
    """Clean a source typed by the analyst; refuse one a reader could not follow."""
    url = source.url.strip()
    title = " ".join(source.title.split())
    if not url and not title:
        raise InvalidInput("A source needs a URL or a title.")
    if url:
        if "://" not in url and "." in url.split("/")[0] and " " not in url:
            url = "https://" + url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ftp", "file", "doi") or not (parts.netloc or parts.path):
            raise InvalidInput(f"“{url}” is not a web address (it should start with https://).")
    return replace(source, url=url, title=title, publisher=source.publisher.strip(), note=source.note.strip())
