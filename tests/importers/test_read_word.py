"""Word articles: paragraphs, headings and tables in reading order, core properties as metadata."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts

from factcheck_app.importers.registry import read_article_file


def test_docx_metadata_comes_from_core_properties() -> None:
    """Title and author are read from the core properties; the file's created date is not
    the publication date, so it is left for the analyst to enter."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    assert (draft.format, draft.title, draft.author, draft.published) == (
        "docx",
        ARTICLE.headline,
        ARTICLE.author,
        None,
    )
    assert_well_formed(draft)


def _save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def test_template_date_is_not_a_publication_date(tmp_path: Path) -> None:
    """python-docx's template says "created 2013-12-23"; that is not when the article appeared."""
    document = docx.Document()
    document.add_paragraph("The council approved the budget on Tuesday.")
    draft = read_article_file(_save(document, tmp_path / "plain.docx"))
    assert docx.Document(str(tmp_path / "plain.docx")).core_properties.created.year == 2013
    assert draft.published is None
    assert draft.author == ""


def test_created_and_modified_dates_are_not_publication_dates(tmp_path: Path) -> None:
    """Even a plausible created/modified date only says when the file was written."""
    document = docx.Document()
    document.add_paragraph("The council approved the budget on Tuesday.")
    document.core_properties.created = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
    document.core_properties.modified = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
    assert read_article_file(_save(document, tmp_path / "dated.docx")).published is None


def test_word_publish_date_property_is_the_publication_date(tmp_path: Path) -> None:
    """Word's "Publish Date" document property (cover page properties) is real publication metadata."""
    document = docx.Document()
    document.add_paragraph("The council approved the budget on Tuesday.")
    blob = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<CoverPageProperties xmlns="http://schemas.microsoft.com/office/2006/coverPageProps">'
        b"<PublishDate>2025-03-14T00:00:00</PublishDate><Abstract/><CompanyAddress/></CoverPageProperties>"
    )
    part = Part(PackURI("/customXml/item2.xml"), "application/xml", blob, document.part.package)
    document.part.relate_to(part, RT.CUSTOM_XML)
    assert read_article_file(_save(document, tmp_path / "cover.docx")).published == date(2025, 3, 14)


def test_custom_published_property_is_the_publication_date(tmp_path: Path) -> None:
    """A custom document property named "Publication date" (as newsroom systems write it) is used."""
    document = docx.Document()
    document.add_paragraph("The council approved the budget on Tuesday.")
    blob = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Desk"><vt:lpwstr>Metro</vt:lpwstr></property>'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Publication date">'
        b"<vt:filetime>2025-02-28T06:00:00Z</vt:filetime></property></Properties>"
    )
    package = document.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        blob,
        package,
    )
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
    assert read_article_file(_save(document, tmp_path / "custom.docx")).published == date(2025, 2, 28)


def test_docx_headings_keep_their_levels() -> None:
    """The Title style is a level-1 heading and Heading 2 paragraphs are level-2 headings."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    headings = [(draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"]
    assert headings == [(ARTICLE.headline, 1), ("What the survey found", 2), ("What happens next", 2)]


def test_docx_paragraphs_are_whole() -> None:
    """Every paragraph of the article is one paragraph block."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    paragraphs = block_texts(draft, "paragraph")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in paragraphs


def test_docx_table_is_read_in_place() -> None:
    """The table's rows come between the paragraphs around it, cells separated by " | "."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    rows = "\n".join(f"{label} | {value}" for label, value in ARTICLE.table)
    assert block_texts(draft, "table") == [rows]
    assert draft.text.index("structures of this age.") < draft.text.index(rows) < draft.text.index("What happens next")


def test_docx_shows_tracked_changes_as_word_does() -> None:
    """A tracked insertion is part of the text; a tracked deletion is not."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    assert "will start eighteen months later" in draft.text
    assert "begin" not in draft.text.split("What the survey found")[0]


def test_macro_enabled_document_imports_its_text() -> None:
    """A .docm imports the same text as the .docx; its macro part is never touched."""
    docm = read_article_file(ARTICLES / "bridge-macro.docm")
    docx = read_article_file(ARTICLES / "bridge.docx")
    assert (docm.format, docm.text, docm.blocks) == ("docx", docx.text, docx.blocks)
