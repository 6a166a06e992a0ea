"""Importing articles into a project."""

from __future__ import annotations

from pathlib import Path

from factcheck_app.importers.registry import read_article_file
from factcheck_app.services.edits import ImportArticle


def import_article_edit(path: str | Path, *, title: str | None = None, url: str = "") -> ImportArticle:
    """Read the file now (slow, may fail) and return the edit that stores it (fast)."""
    return ImportArticle(read_article_file(Path(path), title=title, url=url))
