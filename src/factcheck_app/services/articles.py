"""Importing articles into a project."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.domain.articles import Article, ArticleDraft
from factcheck_app.importers.registry import read_article_file
from factcheck_app.services.edits import ImportArticle, ImportRevision


def read_article(path: str | Path) -> ArticleDraft:
    """Read one article file (slow part of an import; safe to run off the GUI thread)."""
    return read_article_file(Path(path))


def import_article_edit(path: str | Path, *, title: str | None = None, url: str = "") -> ImportArticle:
    """Read the file now (slow, may fail) and return the edit that stores it (fast)."""
    return ImportArticle(read_article_file(Path(path), title=title, url=url))


def import_revision_edit(
    old_article_id: int, path: str | Path, *, title: str | None = None, url: str = ""
) -> ImportRevision:
    """Read a new version of an article; applying the edit re-anchors its claims.

    The new version keeps the article's title unless ``title`` is given.
    """
    return ImportRevision(old_article_id, read_article_file(Path(path), url=url), title=title)


def latest_versions(articles: list[Article]) -> list[Article]:
    """Articles not superseded by a newer version: what the analyst works on."""
    superseded = {a.revision_of for a in articles if a.revision_of is not None}
    return [a for a in articles if a.id not in superseded]


def version_chain(articles: list[Article], article_id: int) -> list[Article]:
    """Every version of an article, oldest first."""
    by_id = {a.id: a for a in articles}
    chain = [by_id[article_id]]
    while chain[0].revision_of is not None and chain[0].revision_of in by_id:
        chain.insert(0, by_id[chain[0].revision_of])
    return chain
