"""What the open exports publish of a claim, and a light value holding just that.

A whole ``Claim`` (anchor, evidence, review fields: a frozen dataclass of 25 fields, one
``Evidence`` and ``Source`` per citation) cost about 30 µs a claim to build from its row,
most of a 100,000-claim export. The exports read only the fields named in ``PublishedClaim``;
``ClaimToPublish`` carries exactly those as a named tuple, built from a row whose values the
storage layer has found sound (a damaged row still becomes a whole ``Claim``, with the
validation layer's stand-ins). Every ``Claim`` is a ``PublishedClaim`` too, so the exporters
take either.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple, Protocol

from factcheck_app.domain.sources import Source


class AnchorFields(Protocol):
    """Where a claim sits: what the exports read of an ``Anchor``."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def exact(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def suffix(self) -> str: ...


class PublishedClaim(Protocol):
    """The fields of a claim that ClaimReview, Web Annotation and CSV publish."""

    @property
    def id(self) -> int: ...
    @property
    def article_id(self) -> int: ...
    @property
    def anchor(self) -> AnchorFields: ...
    @property
    def quote(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def verdict(self) -> str | None: ...
    @property
    def rationale(self) -> str: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def created_by(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def anchor_state(self) -> str: ...
    @property
    def restated(self) -> str: ...
    @property
    def claimant(self) -> str: ...
    @property
    def claim_date(self) -> date | None: ...


class AnchorToPublish(NamedTuple):
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class ClaimToPublish(NamedTuple):
    """A claim as the exports publish it (see the module's docstring)."""

    id: int
    article_id: int
    anchor: AnchorToPublish
    tags: tuple[str, ...]
    verdict: str | None
    rationale: str
    sources: tuple[Source, ...]
    created_by: str
    created_at: datetime
    updated_at: datetime
    anchor_state: str
    restated: str
    claimant: str
    claim_date: date | None

    @property
    def quote(self) -> str:
        return self.anchor.exact
