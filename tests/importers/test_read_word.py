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


# -- files built to exhaust memory or time ------------------------------------------


def _hostile():  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety" / "hostile"))
    import make_hostile

    return make_hostile


def test_python_docx_only_sees_a_package_rebuilt_from_checked_parts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """python-docx inflates parts with zipfile's read(): it is handed styles and properties
    (re-stored, uncompressed) and a stub document, never the file itself or its images."""
    import io
    import zipfile

    from docx.package import Package

    seen: list[set[str]] = []
    real_open = Package.open.__func__  # type: ignore[attr-defined]

    def spying_open(cls, stream):  # type: ignore[no-untyped-def]
        with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as package:
            assert all(info.compress_type == zipfile.ZIP_STORED for info in package.infolist())
            assert b"<w:body/>" in package.read("word/document.xml")
            seen.append(set(package.namelist()))
        stream.seek(0)
        return real_open(cls, stream)

    monkeypatch.setattr(Package, "open", classmethod(spying_open))
    draft = read_article_file(ARTICLES / "bridge.docx")
    assert draft.title == ARTICLE.headline and ARTICLE.paragraphs()[0] in draft.text
    [names] = seen
    assert "word/styles.xml" in names and "docProps/core.xml" in names
    assert not any(name.startswith(("word/media", "docProps/thumbnail", "word/theme")) for name in names)


def test_word_file_that_lies_about_its_size_is_refused_while_inflating(tmp_path: Path) -> None:
    """word/document.xml declares 40 kB and inflates to 2 GB: refused after 64 kB, with the reason."""
    import pytest

    from factcheck_app.domain.errors import ImportRefused

    bomb = _hostile().lying_docx_bomb(tmp_path / "report.docx", 2 * 1024**3)
    with pytest.raises(ImportRefused) as refused:
        read_article_file(bomb)
    assert str(refused.value) == (
        "report.docx is refused as a possible zip bomb: word/document.xml expands beyond the 39 kB "
        "its table of contents declares."
    )


def test_document_is_streamed_with_element_limits(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Too many paragraphs, elements in all or in one paragraph, or characters: refused, naming the limit."""
    import pytest

    from factcheck_app.domain.errors import ImportRefused
    from factcheck_app.importers import word

    path = _hostile().tiny_elements_docx(tmp_path / "empty.docx", paragraphs=20_000)
    monkeypatch.setattr(word, "MAX_BLOCKS", 10_000)
    with pytest.raises(
        ImportRefused, match=r"^empty\.docx is refused: it has more than 10,000 paragraphs and tables\.$"
    ):
        read_article_file(path)
    monkeypatch.setattr(word, "MAX_DOCUMENT_ELEMENTS", 5_000)
    with pytest.raises(ImportRefused, match=r"its text has more than 5,000 XML elements"):
        read_article_file(path)
    document = docx.Document()
    paragraph = document.add_paragraph()
    for number in range(3_000):
        paragraph.add_run(f"word{number} ")
    big = _save(document, tmp_path / "one-paragraph.docx")
    monkeypatch.setattr(word, "MAX_DOCUMENT_ELEMENTS", 1_000_000)
    monkeypatch.setattr(word, "MAX_BLOCK_ELEMENTS", 2_000)
    with pytest.raises(ImportRefused, match=r"one paragraph or table has more than 2,000 XML elements"):
        read_article_file(big)
    monkeypatch.setattr(word, "MAX_BLOCK_ELEMENTS", 250_000)
    monkeypatch.setattr(word, "MAX_ARTICLE_CHARS", 1_000)
    with pytest.raises(ImportRefused, match=r"its text is longer than 1,000 characters"):
        read_article_file(big)
