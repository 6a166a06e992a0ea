"""Word articles (.docx, .docm, .dotx): paragraphs, headings and tables in reading order.

python-docx opens the package (relationships, content types, core properties); the body
is then walked directly in document order, because python-docx's ``Paragraph.text`` skips
tracked insertions, content controls and smart tags, which newsroom files are full of.
What counts as text is what Word shows: deleted and moved-away revisions, field codes,
text boxes (usually pull quotes that repeat the body) and headers/footers are left out.
Macros in a .docm are never run: only the XML is read.

Files from others may be zip bombs or XML built to exhaust memory, so every part is read
through ``SafeZip`` (sizes measured while inflating, see ``safe_zip.py``), python-docx is
given a small package rebuilt from checked parts (styles and properties only), and the
document itself is streamed, one paragraph or table at a time (``_read_body``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from datetime import date
from typing import Any

from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.archive import is_word_archive, open_zip, zip_refusal
from factcheck_app.importers.safe_zip import SafeZip, UnsafeZip
from factcheck_app.importers.structure import MAX_ARTICLE_CHARS, ArticleBuilder

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

_BODY = f"{_W}body"

# What python-docx is given to parse (styles, properties, relationships): each part at most
# this large. A real styles.xml is well under 1 MB.
MAX_XML_PART_BYTES = 16 * 1024 * 1024
# The main document is streamed; these bound the time and memory it can take. A 300-page
# report has a few hundred thousand elements; its largest table a few thousand.
MAX_DOCUMENT_ELEMENTS = 1_000_000
MAX_BLOCK_ELEMENTS = 250_000
MAX_BLOCKS = 300_000  # paragraphs and tables at the top level of the body (empty ones too)
_MAX_PACKAGE_PARTS = 200
# End tags the streaming reader listens for: what can be a top-level element of the body.
_BLOCK_TAGS = (_P, _TBL, _SDT, _BODY, *(f"{_W}{tag}" for tag in ("customXml", "ins", "moveTo", "smartTag")))

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_OFFICE_DOCUMENT = _RELATIONSHIPS + "officeDocument"
_PACKAGE_RELATIONSHIPS = frozenset(
    {
        _RT_OFFICE_DOCUMENT,
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        _RELATIONSHIPS + "custom-properties",
    }
)
_DOCUMENT_RELATIONSHIPS = frozenset({_RELATIONSHIPS + "styles", _RELATIONSHIPS + "customXml"})
_STUB_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
)

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
    try:
        if not is_word_archive(archive, name, "Word file"):
            from factcheck_app.importers.archive import describe_archive

            raise ImportRefused(f"{name} is {describe_archive(archive, name, 'Word file')}.")
        try:
            main_name, package = _checked_package(archive)
            styles, properties = _package_info(package)
            builder = ArticleBuilder()
            _read_body(archive, main_name, builder, styles)
        except UnsafeZip as error:
            raise zip_refusal(error, name, "Word file") from error
        except _Refused as error:
            raise ImportRefused(f"{name} {error}") from error
        except (KeyError, ValueError, OSError, EOFError, zlib.error, RuntimeError, AttributeError) as error:
            raise ImportRefused(f"{name} is a damaged Word file ({_reason(error)}).") from error
    finally:
        archive.close()
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


class _Refused(Exception):
    """A refusal worded without the file's name (read_docx puts it in front)."""


def _reason(error: BaseException) -> str:
    text = str(error).strip().strip("\"'")
    return text[:120] if text else type(error).__name__


def _xml_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _rels_name(part: str) -> str:
    """Where the relationships of ``part`` live ("" is the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _checked_package(archive: SafeZip) -> tuple[str, bytes]:
    """(main document part name, a small Word package for python-docx), built from checked bytes.

    NOTE: python-docx reads every part a package relates with zipfile's ``read()``, which
    inflates a part's compressed data all at once whatever size the file declares, and
    parses every XML part it knows (headers, footers, numbering…) into memory. So it is
    never given the analyst's file: it gets a new package holding only what is used here
    (content types, styles, core and custom properties, custom XML), each part read
    through ``SafeZip`` under ``MAX_XML_PART_BYTES``, and a stub main document. The real
    document.xml is streamed by ``_read_body``; images and other parts are never inflated.
    """
    from lxml import etree

    parser = _xml_parser()
    parts: dict[str, bytes] = {}

    def read(part: str) -> bytes | None:
        member = archive.get(part)
        return None if member is None else archive.read(member, limit=MAX_XML_PART_BYTES)

    def filtered(source: str, keep: frozenset[str] | None) -> list[tuple[str, str]]:
        """Keep the relationships of ``source`` whose type is in ``keep`` (all if None) and
        whose target is in the file; store the filtered list; return [(type, target)]."""
        raw = read(_rels_name(source))
        if raw is None:
            return []
        root = etree.fromstring(raw, parser)
        kept: list[tuple[str, str]] = []
        for relationship in list(root):
            kind = relationship.get("Type") or ""
            target = relationship.get("Target") or ""
            if relationship.get("TargetMode") == "External":
                root.remove(relationship)
                continue
            resolved = (
                target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
            )
            resolved = posixpath.normpath(resolved)
            if (keep is not None and kind not in keep) or archive.get(resolved) is None:
                root.remove(relationship)
                continue
            kept.append((kind, resolved))
        parts[_rels_name(source)] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return kept

    types = read("[Content_Types].xml")
    if types is None:
        raise _Refused("is not a Word file that can be opened.")
    parts["[Content_Types].xml"] = types
    related = filtered("", _PACKAGE_RELATIONSHIPS)
    main = next((target for kind, target in related if kind == _RT_OFFICE_DOCUMENT), None)
    if main is None:
        raise _Refused("is not a Word file that can be opened.")
    parts[main] = _STUB_DOCUMENT
    queue = [target for kind, target in related if kind != _RT_OFFICE_DOCUMENT]
    queue += [target for _kind, target in filtered(main, _DOCUMENT_RELATIONSHIPS)]
    while queue:
        part = queue.pop(0)
        if part in parts:
            continue
        if len(parts) > _MAX_PACKAGE_PARTS:
            raise _Refused(f"is not a Word file that can be read: it relates more than {_MAX_PACKAGE_PARTS} parts.")
        data = read(part)
        if data is None:
            continue
        parts[part] = data
        queue += [target for _kind, target in filtered(part, None)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for part, data in parts.items():
            package.writestr(part, data)
    return main, out.getvalue()


def _package_info(package_bytes: bytes) -> tuple[dict[str, tuple[str, int]], dict[str, Any]]:
    """(style id → (kind, level), core properties) of the checked package."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import parse_xml
    from docx.package import Package
    from lxml import etree

    try:
        package = Package.open(io.BytesIO(package_bytes))
        main = package.main_document_part
    except PackageNotFoundError as error:
        raise _Refused("is not a Word file that can be opened.") from error
    except (etree.XMLSyntaxError, zipfile.BadZipFile) as error:
        raise _Refused(f"is a damaged Word file ({_reason(error)}).") from error
    if main.content_type not in _WORD_MAIN_TYPES:
        raise _Refused(f"is not a Word document (its main part is {main.content_type}).")
    try:
        styles = _styles(main, RT.STYLES, parse_xml)
    except etree.XMLSyntaxError as error:
        raise _Refused(f"is a damaged Word file ({_reason(error)}).") from error
    return styles, _core_properties(package, RT.CORE_PROPERTIES)


def _read_body(archive: SafeZip, main_name: str, builder: ArticleBuilder, styles: dict[str, tuple[str, int]]) -> None:
    """Stream the main document part into ``builder``, one body element (paragraph, table) at a time.

    Each top-level element of the body is read as soon as it is complete and then
    dropped, so memory follows the largest paragraph or table, not the document. Elements
    are counted on the bytes as they arrive (every start tag opens with "<"), so a part
    full of tiny empty elements is refused in C time, before Python sees each of them.
    """
    from lxml import etree

    member = archive.get(main_name)
    if member is None:
        raise _Refused("is a damaged Word file (its main document is missing).")
    parser = etree.XMLPullParser(
        events=("end",),
        tag=_BLOCK_TAGS,
        remove_blank_text=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    found_body = False
    elements = in_block = blocks = 0

    def handle() -> bool:
        """Read the complete top-level elements; True if at least one was read."""
        nonlocal found_body, blocks
        done = False
        for _event, element in parser.read_events():
            parent = element.getparent()
            if element.tag == _BODY and parent is not None and parent.getparent() is None:
                found_body = True
                continue
            if parent is None or parent.tag != _BODY or parent.getparent() is None:
                continue  # nested: read with its top-level element
            if parent.getparent().getparent() is not None:
                continue
            blocks += 1
            if blocks > MAX_BLOCKS:
                raise _Refused(f"is refused: it has more than {MAX_BLOCKS:,} paragraphs and tables.")
            _visit(element, builder, styles)
            if builder.length > MAX_ARTICLE_CHARS:
                raise _Refused(f"is refused: its text is longer than {MAX_ARTICLE_CHARS:,} characters.")
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
            done = True
        return done

    try:
        for chunk in archive.stream(member):
            tags = chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            elements += tags
            in_block += tags
            if elements > MAX_DOCUMENT_ELEMENTS:
                raise _Refused(
                    f"is refused: its text has more than {MAX_DOCUMENT_ELEMENTS:,} XML elements "
                    "(far beyond an article; it may be built to exhaust memory)."
                )
            if in_block > MAX_BLOCK_ELEMENTS:
                raise _Refused(f"is refused: one paragraph or table has more than {MAX_BLOCK_ELEMENTS:,} XML elements.")
            parser.feed(chunk)
            if handle():
                in_block = 0
        parser.close()
        handle()
    except etree.XMLSyntaxError as error:
        raise _Refused(f"is a damaged Word file ({_reason(error)}).") from error
    if not found_body:
        raise _Refused("is a damaged Word file (the document has no body).")


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
    """Add the container's paragraphs and tables to ``builder`` in document order."""
    for child in container:
        _visit(child, builder, styles)


def _visit(child: Any, builder: ArticleBuilder, styles: dict[str, tuple[str, int]]) -> None:
    """Add one body element (paragraph, table, content control, container) to ``builder``."""
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
