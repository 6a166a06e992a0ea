"""Sources: what a verdict rests on (a web page, a document, a statement)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.links import clean_link

SOURCE_KINDS = ("primary document", "official statement", "dataset", "expert", "news report", "other")
SUPPORTS, CONTRADICTS, CONTEXT = "supports", "contradicts", "context"
STANCES = (SUPPORTS, CONTRADICTS, CONTEXT)


@dataclass(frozen=True, slots=True)
class Source:
    """An entry of the project's sources library; one source can serve many claims."""

    id: int | None
    url: str
    title: str = ""
    publisher: str = ""
    accessed: date | None = None
    note: str = ""
    author: str = ""
    published: date | None = None
    kind: str = ""  # one of SOURCE_KINDS, or "" when not said
    # The stored row's version (optimistic concurrency); two sources with the same content are equal.
    version: int = field(default=0, compare=False)

    @property
    def display_title(self) -> str:
        return self.title or self.url or "(untitled source)"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one source shows about one claim."""

    source: Source
    excerpt: str = ""  # the quoted passage of the source
    location: str = ""  # where in the source: "p. 4", "table 2", "00:12:30"
    stance: str = ""  # supports | contradicts | context, or "" when not said


def validate_evidence(excerpt: str, location: str, stance: str) -> tuple[str, str, str]:
    stance = stance.strip().lower()
    if stance and stance not in STANCES:
        raise InvalidInput(f"“{stance}” is not a stance; use one of: {', '.join(STANCES)}.")
    return excerpt.strip(), " ".join(location.split()), stance


def validate_source(source: Source) -> Source:
    """Clean a source typed by the analyst; refuse one a reader could not follow."""
    url = source.url.strip()
    title = " ".join(source.title.split())
    if not url and not title:
        raise InvalidInput("A source needs a URL or a title.")
    url = clean_link(url)
    kind = source.kind.strip().lower()
    if kind and kind not in SOURCE_KINDS:
        raise InvalidInput(f"“{source.kind}” is not a kind of source; use one of: {', '.join(SOURCE_KINDS)}.")
    return replace(
        source,
        url=url,
        title=title,
        publisher=source.publisher.strip(),
        note=source.note.strip(),
        author=" ".join(source.author.split()),
        kind=kind,
    )
