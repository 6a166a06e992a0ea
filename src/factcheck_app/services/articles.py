"""Importing articles into a project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_app.domain.articles import Article, ArticleDraft
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.links import clean_link
from factcheck_app.importers.registry import read_article_file
from factcheck_app.services.edits import DeleteArticle, ImportArticle, ImportRevision, revision_family

if TYPE_CHECKING:
    from factcheck_app.services.project import Project


def read_article(path: str | Path) -> ArticleDraft:
    """Read one article file (slow part of an import; safe to run off the GUI thread)."""
    return read_article_file(Path(path))


def import_article_edit(path: str | Path, *, title: str | None = None, url: str = "") -> ImportArticle:
    """Read the file now (slow, may fail) and return the edit that stores it (fast)."""
    return ImportArticle(read_article_file(Path(path), title=title, url=clean_link(url)))


def import_revision_edit(
    old_article_id: int, path: str | Path, *, title: str | None = None, url: str = ""
) -> ImportRevision:
    """Read a new version of an article; applying the edit re-anchors its claims.

    The new version keeps the article's title unless ``title`` is given.
    """
    return ImportRevision(old_article_id, read_article_file(Path(path), url=clean_link(url)), title=title)


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


@dataclass(frozen=True, slots=True)
class ArticleDeletion:
    """What deleting an article takes with it, for the confirmation and the edit itself."""

    article: Article  # the version the analyst chose
    versions: tuple[Article, ...]  # every version that goes (the whole revision chain), oldest first
    claims: tuple[Claim, ...]  # every claim on any of them

    @property
    def claim_count(self) -> int:
        return len(self.claims)

    @property
    def question(self) -> str:
        """'Delete “Tram line delayed” and its 7 claims?' (with the versions, when there are several)."""
        title = self.article.title
        count = self.claim_count
        text = f"Delete “{title}” and its {count} claim{'s' if count != 1 else ''}?" if count else f"Delete “{title}”?"
        if len(self.versions) > 1:
            text += f" All {len(self.versions)} versions of the article go."
        return text

    def edit(self) -> DeleteArticle:
        """The edit that deletes exactly this: refused if claims were added meanwhile (team
        projects), or if the article or one of its claims was changed since it was read here."""
        return DeleteArticle(
            self.article.id, confirmed_claims=[c.id for c in self.claims], title=self.article.title
        ).based_on(*self.versions, *self.claims)


def article_deletion(project: Project, article_id: int) -> ArticleDeletion:
    """The versions and claims that deleting ``article_id`` would remove (nothing is changed)."""
    articles = project.articles()
    by_id = {a.id: a for a in articles}
    article = project.article(article_id)  # NotFound when it is gone
    family = revision_family({a.id: a.revision_of for a in articles}, article_id)
    versions = tuple(by_id[i] for i in family if i in by_id)
    claims = tuple(claim for version in versions for claim in project.claims(version.id))
    return ArticleDeletion(article, versions, claims)
