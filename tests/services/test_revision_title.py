"""A new version of an article keeps the article's title unless the analyst gives one."""

from __future__ import annotations

from pathlib import Path

import docx

from factcheck_app.services.articles import import_revision_edit
from factcheck_app.services.edits import UpdateArticleMetadata


def _new_version(tmp_path: Path, article_text: str) -> Path:
    path = tmp_path / "tram-v2.txt"
    path.write_text("UPDATED 18:40 with the mayor's reply.\n" + article_text, encoding="utf-8")
    return path


def test_new_version_keeps_the_title(imported, tmp_path: Path, article_text: str) -> None:  # type: ignore[no-untyped-def]
    """The new text's first line ("UPDATED 18:40 …") does not become the article's title."""
    project, article = imported
    revision = import_revision_edit(article.id, _new_version(tmp_path, article_text))
    project.apply(revision)
    assert project.article(revision.article_id).title == article.title
    assert "UPDATED" not in revision.text


def test_new_version_keeps_a_title_the_analyst_corrected(imported, tmp_path: Path, article_text: str) -> None:  # type: ignore[no-untyped-def]
    """A title fixed in Article properties survives the next version, even of a Word file with its own title."""
    project, article = imported
    project.apply(UpdateArticleMetadata(article.id, title="Tram line: the mayor's promises"))
    document = docx.Document()
    document.core_properties.title = "tram_final_v3_EDITED"
    for line in article_text.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "tram-v2.docx"
    document.save(str(path))
    revision = import_revision_edit(article.id, path)
    project.apply(revision)
    assert project.article(revision.article_id).title == "Tram line: the mayor's promises"


def test_analyst_can_give_the_new_version_a_title(imported, tmp_path: Path, article_text: str) -> None:  # type: ignore[no-untyped-def]
    """A title given on import is used for the new version only; undo leaves the old one as it was."""
    project, article = imported
    revision = import_revision_edit(article.id, _new_version(tmp_path, article_text), title="  Tram line  delayed ")
    project.apply(revision)
    assert project.article(revision.article_id).title == "Tram line delayed"
    assert project.article(article.id).title == article.title
    assert revision.text == "Import new version of “Tram line delayed”"
    project.revert(revision)
    assert [a.id for a in project.articles()] == [article.id]
