"""Suggested claims kept in the project, so an article opens with its suggestions at once.

Finding the sentences of a 20,000-word article worth checking takes about half a second
(pysbd's sentence splitting most of it): too long to wait for each time the article is
opened. The suggestions are worked out once, after the article is imported, and kept in
one row per article with what they were made from: the SHA-256 of the article's text and
the model's version (``domain.suggestions.model_version``). A row whose text or model is not
the article's and the app's today is stale, never shown, and is replaced when the
suggestions are worked out again. Deleting an article deletes its row (ON DELETE CASCADE).

Why a table in the project and not a file beside it: the suggestions travel with the
project (a copy, a team database on a server: an analyst opening an article another one
imported finds them too), they go when their article goes, and a read-only or moved file
has no stale neighbour. Only the offsets, scores, reasons and claimants are kept; the
sentence, its explanation and the claim date are made again from the article on reading.

NOTE: this is derived data, not an edit: writing it is no undo step, leaves no history and
does not count as a change for backups (the edit counter is not raised).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from factcheck_app.domain.suggestions import FEATURES_BY_NAME, Suggestion, explain
from factcheck_app.storage.orm import Base, DateTime

#: The layout of ``payload``; a row in another layout is stale.
PAYLOAD_FORMAT = 1


class SuggestionCacheRow(Base):
    """The suggestions of one article, as the model ``model_version`` found them in the text
    whose SHA-256 is ``text_hash``."""

    __tablename__ = "suggestion_cache"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64))
    model_version: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # JSON, see ``encode``
    computed_at: Mapped[datetime] = mapped_column(DateTime)


def encode(suggestions: list[Suggestion]) -> str:
    """The suggestions in their order, as compact JSON: offsets, score, reasons, claimant, quote."""
    rows = [[s.start, s.end, s.score, list(s.reasons), s.claimant, s.quote_start, s.quote_end] for s in suggestions]
    return json.dumps({"format": PAYLOAD_FORMAT, "suggestions": rows}, ensure_ascii=False, separators=(",", ":"))


def decode(payload: str, text: str, article_date: date | None) -> list[Suggestion] | None:
    """The suggestions stored in ``payload`` for ``text``; None when the payload cannot be
    trusted (another layout, offsets outside the text, unknown reasons): then it is made again."""
    try:
        data: Any = json.loads(payload)
        if not isinstance(data, dict) or data.get("format") != PAYLOAD_FORMAT:
            return None
        found = []
        for start, end, score, reasons, claimant, quote_start, quote_end in data["suggestions"]:
            if not (
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= len(text)
                and isinstance(score, int | float)
                and isinstance(claimant, str)
                and all(isinstance(r, str) and r in FEATURES_BY_NAME for r in reasons)
                and _quote_inside(quote_start, quote_end, start, end)
            ):
                return None
            found.append(
                Suggestion(
                    start=start,
                    end=end,
                    text=text[start:end],
                    score=float(score),
                    reasons=tuple(reasons),
                    explanation=explain(tuple(reasons), claimant),
                    claimant=claimant,
                    claim_date=article_date if claimant else None,
                    quote_start=quote_start,
                    quote_end=quote_end,
                )
            )
    except (ValueError, TypeError, KeyError):
        return None
    return found


def _quote_inside(quote_start: object, quote_end: object, start: int, end: int) -> bool:
    if quote_start is None and quote_end is None:
        return True
    return type(quote_start) is int and type(quote_end) is int and start <= quote_start < quote_end <= end


def read_payload(session: Session, article_id: int, text_hash: str, model_version: str) -> str | None:
    """The stored payload of the article when it was made from this text by this model."""
    row = session.execute(
        select(SuggestionCacheRow.text_hash, SuggestionCacheRow.model_version, SuggestionCacheRow.payload).where(
            SuggestionCacheRow.article_id == article_id
        )
    ).first()
    if row is None or row.text_hash != text_hash or row.model_version != model_version:
        return None
    return row.payload if isinstance(row.payload, str) else None


def stored_key(session: Session, article_id: int) -> tuple[str, str] | None:
    """(text hash, model version) of the article's stored suggestions, if any."""
    row = session.execute(
        select(SuggestionCacheRow.text_hash, SuggestionCacheRow.model_version).where(
            SuggestionCacheRow.article_id == article_id
        )
    ).first()
    return (row.text_hash, row.model_version) if row is not None else None


def write_payload(
    session: Session, article_id: int, text_hash: str, model_version: str, payload: str, now: datetime
) -> None:
    """Put the article's suggestions in place of what was stored for it (in the caller's transaction)."""
    session.execute(delete(SuggestionCacheRow).where(SuggestionCacheRow.article_id == article_id))
    session.add(
        SuggestionCacheRow(
            article_id=article_id,
            text_hash=text_hash,
            model_version=model_version,
            payload=payload,
            computed_at=now,
        )
    )
    session.flush()
