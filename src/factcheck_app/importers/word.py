"""Word articles (.docx, .docm, .dotx): paragraphs, headings and tables in reading order.

python-docx opens the package (relationships, content types, core properties); the body
is then walked directly in document order, because python-docx's ``Paragraph.text`` skips
tracked insertions, content controls and smart tags, which newsroom files are full of.
What counts as text is what Word shows: deleted and moved-away revisions, field codes,
text boxes (usually pull quotes that repeat the body) and headers/footers are left out.
Macros in a .docm are never run: only the XML is read.
"""

from __future__ import annotations

import io
import re
import zlib
from datetime import date
from typing import Any

from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.archive import is_word_archive, open_zip
from factcheck_app.importers.structure import ArticleBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _PTAB, _BR, _CR = (f"{_W}{tag}" for tag in ("t", "tab", "ptab", "br", "cr"))
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_VAL = f"{_W}val"

# Subtrees whose text Word does not show as part of the paragraph.
_HIDDEN = frozenset(
    f"{_W}{tag}"
    for tag in ("del", "moveFrom", "txbxContent", "instrText", "delText", "pPr", "rPr", "footnoteReference", "sym")
) | {f"{_MC}Fallback"}
# Containers whose children are ordinary body content.
_TRANSPARENT = frozenset(f"{_W}{tag}" for tag in ("customXml", "ins", "moveTo", "smartTag", "sdtContent", "body"))

_HEADING_NAME = re.compile(r"^heading\s*(\d)$")

# python-docx writes this as the author of every document it creates from its template.
_PLACEHOLDER_AUTHORS = frozenset({"python-docx"})

_WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def read_docx(data: bytes, name: str) -> ArticleDraft:
    """The article in a Word file, or ImportRefused naming the file and the problem."""
    archive = open_zip(data, name, "Word file")
    if not is_word_archive(archive):
        from factcheck_app.importers.archive import describe_archive

        raise ImportRefused(f"{name} is {describe_archive(archive)}.")
    try:
        body, styles, properties = _open_package(data)
    except ImportRefused as error:
        raise ImportRefused(f"{name} {error}") from error
    except (KeyError, ValueError, OSError, EOFError, zlib.error, RuntimeError, AttributeError) as error:
        raise ImportRefused(f"{name} is a damaged Word file ({_reason(error)}).") from error
    builder = ArticleBuilder()
    _walk(body, builder, styles)
    text, blocks = builder.build()
    if not text:
        raise ImportRefused(f"{name} is empty: the Word file has no text to check.")
    title = properties.get("title", "") or builder.first_heading()
    return ArticleDraft(
        title=title,
        text=text,
        author=properties.get("author", ""),
        published=properties.get("published"),
        format="docx",
        blocks=blocks,
    )


def _reason(error: BaseException) -> str:
    text = str(error).strip().strip("\"'")
    return text[:120] if text else type(error).__name__


def _open_package(data: bytes) -> tuple[Any, dict[str, tuple[str, int]], dict[str, Any]]:
    """(body element, style id → (kind, level), core properties) of a Word package."""
    import zipfile

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import parse_xml
    from docx.package import Package
    from lxml import etree

    try:
        package = Package.open(io.BytesIO(data))
        main = package.main_document_part
    except PackageNotFoundError as error:
        raise ImportRefused("is not a Word file that can be opened.") from error
    except (etree.XMLSyntaxError, zipfile.BadZipFile) as error:
        raise ImportRefused(f"is a damaged Word file ({_reason(error)}).") from error
    if main.content_type not in _WORD_MAIN_TYPES:
        raise ImportRefused(f"is not a Word document (its main part is {main.content_type}).")
    try:
        element = getattr(main, "element", None)
        root = element if element is not None else parse_xml(main.blob)
        body = root.find(f"{_W}body")
        if body is None:
            raise ImportRefused("is a damaged Word file (the document has no body).")
        styles = _styles(main, RT.STYLES, parse_xml)
    except etree.XMLSyntaxError as error:
        raise ImportRefused(f"is a damaged Word file ({_reason(error)}).") from error
    return body, styles, _core_properties(package, RT.CORE_PROPERTIES)


def _styles(main: Any, reltype: str, parse_xml: Any) -> dict[str, tuple[str, int]]:
    """Paragraph style id → ("heading", level) / ("list", 0) / ("quote", 0) / ("paragraph", 0)."""
    try:
        part = main.part_related_by(reltype)
    except KeyError:
        return {}
    element = getattr(part, "element", None)
    root = element if element is not None else parse_xml(part.blob)
    raw: dict[str, tuple[str, str, int | None]] = {}
    for style in root.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId") or ""
        name_element = style.find(f"{_W}name")
        based_on = style.find(f"{_W}basedOn")
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        raw[style_id] = (
            (name_element.get(_VAL) or "") if name_element is not None else "",
            (based_on.get(_VAL) or "") if based_on is not None else "",
            _int(outline.get(_VAL)) if outline is not None else None,
        )
    resolved: dict[str, tuple[str, int]] = {}
    for style_id in raw:
        resolved[style_id] = _style_kind(style_id, raw)
    return resolved


def _style_kind(style_id: str, raw: dict[str, tuple[str, str, int | None]]) -> tuple[str, int]:
    seen: set[str] = set()
    current = style_id
    while current in raw and current not in seen:
        seen.add(current)
        name, based_on, outline = raw[current]
        lowered = " ".join(name.lower().split())
        match = _HEADING_NAME.match(lowered)
        if match and match.group(1) != "0":
            return "heading", int(match.group(1))
        if lowered == "title":
            return "heading", 1
        if outline is not None and 0 <= outline < 9:
            return "heading", outline + 1
        if lowered in ("quote", "intense quote"):
            return "quote", 0
        if lowered.startswith("list"):
            return "list", 0
        current = based_on
    return "paragraph", 0


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _core_properties(package: Any, reltype: str) -> dict[str, Any]:
    """Title, author and publication date, if the file records them.

    NOTE: python-docx invents default core properties when a file has none ("Word
    Document", modified now), so they are read only when the package really has them.

    NOTE: the core properties' ``created``/``modified`` dates are never used as the
    publication date. They say when the *file* was made or last saved, and a document
    made from a template keeps the template's date (python-docx's own template says
    2013-12-23; Word's and LibreOffice's templates carry theirs), so they would show a
    confident, wrong date in the report. The date comes only from fields that mean
    "published" (see ``_publication_date``); otherwise the analyst enters it.
    """
    try:
        part = package.part_related_by(reltype)
        core = part.core_properties
        title = (core.title or "").strip()
        author = (core.author or "").strip()
    except (KeyError, AttributeError, ValueError, TypeError):
        title = author = ""
    if author.lower() in _PLACEHOLDER_AUTHORS:
        author = ""
    return {
        "title": " ".join(title.split()),
        "author": " ".join(author.split()),
        "published": _publication_date(package),
    }


# Word's "Publish Date" document property (Insert ▸ Quick Parts ▸ Document Property),
# kept in a custom XML part of the package.
_COVER_PAGE_PUBLISH_DATE = "{http://schemas.microsoft.com/office/2006/coverPageProps}PublishDate"
_CUSTOM_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
_CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
# Custom document properties (File ▸ Properties ▸ Custom; set by newsroom systems) whose
# name, lower-cased without spaces, dashes and underscores, means "publication date".
_PUBLISHED_PROPERTY_NAMES = frozenset({"published", "publishdate", "publisheddate", "publicationdate", "datepublished"})
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def _publication_date(package: Any) -> date | None:
    """The date the package records as the publication date: Word's Publish Date, or a
    custom property named like "Published"/"Publication date"; None when it has neither."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        parts = list(package.iter_parts())
    except (KeyError, AttributeError, ValueError, TypeError):
        return None
    for part in parts:
        content_type = getattr(part, "content_type", "")
        partname = str(getattr(part, "partname", ""))
        if content_type == _CUSTOM_PROPERTIES_TYPE:
            candidates = _custom_property_dates(part, parser)
        elif partname.lower().startswith("/customxml/item") and not partname.lower().startswith("/customxml/itemprops"):
            candidates = [element.text or "" for element in _parsed(part, parser).iter(_COVER_PAGE_PUBLISH_DATE)]
        else:
            continue
        for text in candidates:
            found = _iso_date(text)
            if found is not None:
                return found
    return None


def _custom_property_dates(part: Any, parser: Any) -> list[str]:
    values: list[str] = []
    for prop in _parsed(part, parser).iter(_CUSTOM_PROPERTY):
        name = re.sub(r"[\s_\-]+", "", (prop.get("name") or "").lower())
        if name in _PUBLISHED_PROPERTY_NAMES:
            values.extend(child.text or "" for child in prop)
    return values


def _parsed(part: Any, parser: Any) -> Any:
    """The XML root of ``part``, or an empty element if it is not well-formed XML."""
    from lxml import etree

    try:
        return etree.fromstring(part.blob, parser)
    except (etree.XMLSyntaxError, ValueError, TypeError, AttributeError):
        return etree.Element("empty")


def _iso_date(text: str) -> date | None:
    """``2025-03-14`` or ``2025-03-14T07:30:00Z`` as a date; anything else is None."""
    match = _ISO_DATE.match(text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _walk(container: Any, builder: ArticleBuilder, styles: dict[str, tuple[str, int]]) -> None:
    """Add the body's paragraphs and tables to ``builder`` in document order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            kind, level = _paragraph_kind(child, styles)
            builder.add(_text_of(child), kind, level)
        elif tag == _TBL:
            builder.add(_table_text(child), "table")
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _walk(content, builder, styles)
        elif tag in _TRANSPARENT:
            _walk(child, builder, styles)


def _paragraph_kind(paragraph: Any, styles: dict[str, tuple[str, int]]) -> tuple[str, int]:
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return "paragraph", 0
    outline = properties.find(f"{_W}outlineLvl")
    level = _int(outline.get(_VAL)) if outline is not None else None
    if level is not None and 0 <= level < 9:
        return "heading", level + 1
    style = properties.find(f"{_W}pStyle")
    kind, level = styles.get(style.get(_VAL) or "", ("paragraph", 0)) if style is not None else ("paragraph", 0)
    if kind == "paragraph" and properties.find(f"{_W}numPr") is not None:
        return "list", 0
    return kind, level


def _text_of(element: Any) -> str:
    """The visible text of a paragraph: runs, hyperlinks, insertions, field results."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out)


def _collect(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        else:
            _collect(child, out)


def _table_text(table: Any) -> str:
    """One line per row, cells separated by " | "; nested tables flattened into their cell."""
    rows: list[str] = []
    for row in _children(table, _TR):
        cells = [" ".join(_cell_paragraphs(cell)) for cell in _children(row, _TC)]
        line = " | ".join(" ".join(cell.split()) for cell in cells if cell.strip())
        if line:
            rows.append(line)
    return "\n".join(rows)


def _children(element: Any, tag: str) -> list[Any]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    found: list[Any] = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(_children(content, tag))
        elif child.tag == f"{_W}customXml":
            found.extend(_children(child, tag))
    return found


def _cell_paragraphs(cell: Any) -> list[str]:
    texts: list[str] = []
    for paragraph in cell.iter(_P):
        if any(ancestor.tag in _HIDDEN for ancestor in paragraph.iterancestors()):
            continue
        text = _text_of(paragraph).strip()
        if text:
            texts.append(text)
    return texts
