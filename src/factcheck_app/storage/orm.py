"""Typed ORM tables. Rows never leave the storage/services layers: the GUI gets snapshots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date as _Date
from sqlalchemy import DateTime as _DateTime
from sqlalchemy import Dialect, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from factcheck_app.storage.validation import install_tolerant_reading

install_tolerant_reading()  # text that is not UTF-8 reads with U+FFFD instead of stopping the read


class Base(DeclarativeBase):
    pass


def _tolerant(convert: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if convert is None:  # the driver already hands over dates (PostgreSQL): nothing can fail
        return None

    def process(value: Any) -> Any:
        try:
            return convert(value)
        except (ValueError, TypeError):
            return value  # not a date: storage.validation reports it, the loaders stand in for it

    return process


class Date(TypeDecorator[date]):
    """A date column whose damaged values (text that is not a date, a number…) are read as they
    are instead of stopping the whole query; the repositories check the type of what they get."""

    impl = _Date
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        return _tolerant(self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype))


class DateTime(TypeDecorator[datetime]):
    """A date-and-time column read like ``Date`` above."""

    impl = _DateTime
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        return _tolerant(self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype))


def _as_text(value: Any) -> Any:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


class SmallText(TypeDecorator[str]):
    """Text of the small tables (settings, verdicts, tags) that code reads directly: bytes stored
    there (another tool's write) arrive as text, so a list of tags never meets a ``bytes``."""

    impl: type[String] = Text
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        return _as_text


class SmallString(SmallText):
    impl = String
    cache_ok = True


def next_version(version: Any) -> int:
    """The next row version; a damaged one (text, bytes) starts again at 1 instead of failing the edit."""
    return (version if type(version) is int else 0) + 1


VERSIONED: dict[str, Any] = {"version_id_generator": next_version}


# NOTE: every table with its own integer id hands each id out once. Without AUTOINCREMENT
# SQLite gives a new row the largest id plus one, so deleting the newest claim let the next
# one take its id: undoing the delete then failed, and the history (kept by entity and id)
# showed the deleted claim's entries as the new one's. PostgreSQL's sequences never go back.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class SettingRow(Base):
    """Per-project settings (key → text), e.g. the verdict scale's name."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(SmallString(100), primary_key=True)
    value: Mapped[str] = mapped_column(SmallText, default="")


class VerdictRow(Base):
    __tablename__ = "verdicts"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(SmallString(100), unique=True)
    rating_value: Mapped[int] = mapped_column(Integer)
    colour: Mapped[str] = mapped_column(SmallString(9))
    description: Mapped[str] = mapped_column(SmallText, default="")
    position: Mapped[int] = mapped_column(Integer)


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    original_name: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(20), default="text", server_default="text")
    site_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    structure: Mapped[str] = mapped_column(Text, default="", server_default="")  # JSON: blocks and pages
    revision_of: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL", name="fk_articles_revision_of"), nullable=True, index=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version, **VERSIONED}


class TagRow(Base):
    __tablename__ = "tags"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(SmallString(80), unique=True)
    colour: Mapped[str] = mapped_column(SmallString(9), default="")


class ClaimTagRow(Base):
    __tablename__ = "claim_tags"
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    tag: Mapped[TagRow] = relationship(lazy="joined")


class SourceRow(Base):
    __tablename__ = "sources"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str] = mapped_column(Text, default="")
    accessed: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    kind: Mapped[str] = mapped_column(String(40), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version, **VERSIONED}


class ClaimSourceRow(Base):
    __tablename__ = "claim_sources"
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    excerpt: Mapped[str] = mapped_column(Text, default="", server_default="")
    location: Mapped[str] = mapped_column(Text, default="", server_default="")
    stance: Mapped[str] = mapped_column(String(20), default="", server_default="")
    source: Mapped[SourceRow] = relationship(lazy="joined")


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str | None] = mapped_column(
        ForeignKey("verdicts.label", onupdate="CASCADE", ondelete="SET NULL"), nullable=True
    )
    rationale: Mapped[str] = mapped_column(Text, default="")
    anchor_state: Mapped[str] = mapped_column(String(20), default="anchored", server_default="anchored")
    # How re-anchoring found the claim (0008): similarity 0..1 (NULL: never re-anchored) and method.
    anchor_similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    anchor_method: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # The quote its verdict was checked against, while a new version has changed its words.
    checked_wording: Mapped[str] = mapped_column(Text, default="", server_default="")
    restated: Mapped[str] = mapped_column(Text, default="", server_default="")
    claimant: Mapped[str] = mapped_column(Text, default="", server_default="")
    claim_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    assignee: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    tag_links: Mapped[list[ClaimTagRow]] = relationship(
        order_by=ClaimTagRow.position, cascade="all, delete-orphan", lazy="selectin"
    )
    source_links: Mapped[list[ClaimSourceRow]] = relationship(
        order_by=ClaimSourceRow.position, cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version, **VERSIONED}


class HistoryRow(Base):
    """Append-only log: one row per changed thing per edit, holding its state after the edit.

    The state before is the previous row of the same thing, so nothing is stored twice.
    """

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    analyst: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(Text)  # JSON of the thing after the edit; "null" once deleted


class AttachmentRow(Base):
    """A file kept inside the project; its name is only a label, the content is addressed by hash."""

    __tablename__ = "attachments"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200))
