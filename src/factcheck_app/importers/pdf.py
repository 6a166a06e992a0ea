"""PDF articles: the text layer, re-flowed into paragraphs, with the page of every character.

A PDF holds positioned lines, not paragraphs. Quoting a claim needs the sentence whole,
even when it crosses a line or a page, so lines are joined back into paragraphs:

- pypdf gives each run of text with its position and font size; a new paragraph starts
  where the vertical gap grows beyond the usual line spacing, where a line is indented
  after one that ended a sentence, where a bullet starts, or where the font size
  changes (larger text is a heading). Without positions (or across a page break) a
  short line that ends a sentence closes its paragraph.
- Page furniture is dropped: page numbers ("3", "Page 3 of 9") and running headers or
  footers that repeat on most pages, so they never split a sentence at a page break.
- A word split by a hyphen at a line end ("exam-" / "ple") is re-joined as "example"
  when the next line continues in lower case, unless the document itself spells the
  hyphenated form elsewhere ("well-known"); "Anglo-" / "Saxon" keeps its hyphen.

Each page's part of the text is recorded as a ``PageSpan`` (labelled with the printed page
label when the PDF defines one), so a claim can cite "p. 2". A PDF without a text layer
(a scan) is refused: OCR is a separate step the analyst must choose.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from factcheck_app.domain.articles import ArticleDraft, PageSpan
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.quiet import quiet_parsers
from factcheck_app.importers.structure import BLOCK_SEPARATOR, ArticleBuilder, clean_inline

_TERMINAL = re.compile(r"[.!?:…][\"'”’»)\]]*$")
_BULLET = re.compile(r"^(?:[•◦▪●■–—*-]|\d{1,3}[.)]|\(?[a-z][.)])\s")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?"
    r"(?:\s*(?:of|/|von|de|di)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_FILE_NAME_TITLE = re.compile(r"\.(?:docx?|pdf|rtf|odt|txt|indd|pages|html?)$|^untitled\b", re.IGNORECASE)
_WORD_AT_END = re.compile(r"(\w+)-$")
_WORD_AT_START = re.compile(r"^(\w+)")

MIN_TEXT_CHARACTERS = 20  # fewer letters and digits than this in the whole file: no text layer
HEADING_SIZE_RATIO = 1.15  # a line this much larger than the body text is a heading


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    x: float | None = None
    y: float | None = None
    size: float = 0.0


def read_pdf(data: bytes, name: str) -> ArticleDraft:
    """The article in a PDF's text layer, or ImportRefused naming the file and the problem."""
    tail = data[-4096:]
    if b"%%EOF" not in tail:
        raise ImportRefused(f"{name} is a damaged or truncated PDF (its end is missing); download or export it again.")
    with quiet_parsers() as complaints:
        reader = _open(data, name)
        try:
            page_count = len(reader.pages)
            pages = [_page_lines(page, number) for number, page in enumerate(reader.pages)]
            labels = _page_labels(reader, page_count)
            metadata = _metadata(reader)
        except ImportRefused:
            raise
        except Exception as error:
            # NOTE: pypdf raises a zoo of exception types on hostile or broken files
            # (KeyError, struct.error, zlib.error, RecursionError…); any of them means the
            # same thing to the analyst, and a partial article must never be imported.
            raise ImportRefused(f"{name} is a damaged PDF ({_reason(error)}).") from error
    if page_count == 0:
        raise ImportRefused(f"{name} is a PDF without pages.")
    if any(record.name == "pypdf.filters" and "decompressing" in record.getMessage() for record in complaints):
        # pypdf skips a compressed stream it cannot inflate and carries on: part of the
        # text would silently be missing.
        raise ImportRefused(f"{name} is a damaged PDF (part of its content cannot be decompressed).")
    if sum(char.isalnum() for lines in pages for line in lines for char in line.text) < MIN_TEXT_CHARACTERS:
        raise ImportRefused(
            f"{name} has no text layer (it is probably a scanned image); run OCR on it first, "
            "for example with your scanner software or ocrmypdf."
        )
    pages = _drop_page_furniture(pages)
    text, blocks, starts = _reflow(pages)
    if not text.strip():
        raise ImportRefused(f"{name} has no article text: its pages hold only page numbers or headers.")
    spans = _page_spans(starts, labels, len(text))
    title = metadata.get("title", "") or _first_heading(text, blocks)
    return ArticleDraft(
        title=title,
        text=text,
        author=metadata.get("author", ""),
        published=metadata.get("published"),
        format="pdf",
        blocks=blocks,
        pages=spans,
    )


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:120] if text else type(error).__name__


def _open(data: bytes, name: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Many PDFs are "encrypted" only to restrict printing, with an empty
                # password for reading: those open without asking anything.
                opened = reader.decrypt("")
            except DependencyError as error:
                raise ImportRefused(
                    f"{name} is encrypted with a method this installation cannot open (AES needs the "
                    "'cryptography' package); print it to a new PDF and import that."
                ) from error
            if not opened:
                raise ImportRefused(
                    f"{name} is password-protected; open it with its password and save or print an "
                    "unprotected copy, then import that."
                )
        return reader
    except ImportRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as error:
        raise ImportRefused(f"{name} is a damaged PDF ({_reason(error)}).") from error


def _page_labels(reader: Any, page_count: int) -> list[str]:
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # noqa: BLE001 - a broken /PageLabels tree must not refuse the article
        labels = []
    if len(labels) != page_count or not all(labels):
        labels = [str(number + 1) for number in range(page_count)]
    return labels


def _metadata(reader: Any) -> dict[str, Any]:
    """Title and author from the document information, and the publication date if the file has one.

    NOTE: the file's dates are never used as the publication date: ``/CreationDate`` and
    ``/ModDate`` in the document information, and XMP's ``xmp:CreateDate``,
    ``xmp:ModifyDate`` and ``xmp:MetadataDate``, say when the *PDF* was produced or saved.
    A reporter who prints a 2019 article to PDF today gets today's date there, which the
    report would then show as a confident, wrong publication date. The date comes only
    from fields that mean "published" (see ``_publication_date``); otherwise the analyst
    enters it, as for Word files.
    """
    try:
        info = reader.metadata
    except Exception:  # noqa: BLE001 - metadata is optional; a broken dictionary is ignored
        info = None
    found: dict[str, Any] = {"title": "", "author": ""}
    if info is not None:
        for field in ("title", "author"):
            try:
                value = " ".join(str(getattr(info, field) or "").split())
            except Exception:  # noqa: BLE001
                value = ""
            found[field] = value
    title = found["title"].removeprefix("Microsoft Word - ")
    found["title"] = "" if _FILE_NAME_TITLE.search(title) else title
    found["published"] = _publication_date(reader, info)
    return found


# XMP properties that explicitly mean "published". PRISM (the publishing industry's
# metadata, written by newsroom and journal systems) names its namespace by version
# (.../basic/2.0/, .../basic/3.0/ …); Dublin Core's ``dcterms:issued`` is "date of formal
# issuance (e.g., publication)".
_PRISM_NAMESPACE = "http://prismstandard.org/namespaces/"
_DCTERMS_ISSUED = "{http://purl.org/dc/terms/}issued"
_RDF_LI = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
# Custom document information entries (as newsroom systems add them) whose name, lower-cased
# without spaces, dashes and underscores, means "publication date" (as in the Word importer).
_PUBLISHED_ENTRY_NAMES = frozenset({"published", "publishdate", "publisheddate", "publicationdate", "datepublished"})
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})(\d{2})(?:$|[\d+\-Zz'])")
MAX_XMP_BYTES = 1 << 20  # a larger metadata stream is not metadata worth reading


def _publication_date(reader: Any, info: Any) -> date | None:
    """The date the PDF records as its publication date, or None.

    NOTE: deliberately narrow. Used: XMP ``prism:publicationDate`` and ``dcterms:issued``,
    and a custom information entry named like "Published" / "PublicationDate". Not used:
    ``dc:date`` (XMP defines it as a date "something interesting happened to the resource",
    and PDF producers often fill it with the date the file was made), nor PRISM's
    ``coverDate`` (a magazine's cover date is often weeks after it went on sale). A date
    must be a whole day: "2019" or "2019-05" alone is not a publication date to cite.
    """
    dates = [found for text in _xmp_publication_dates(reader) if (found := _date_of(text)) is not None]
    if dates:
        return min(dates)  # one per platform (print, web…): the article was published on the first
    if info is not None:
        try:
            entries = [(str(key), info[key]) for key in info]
        except Exception:  # noqa: BLE001 - a broken dictionary has no usable entries
            entries = []
        for key, value in entries:
            if re.sub(r"[\W_]+", "", key.lower()) in _PUBLISHED_ENTRY_NAMES:
                found = _date_of(str(value) if isinstance(value, str) else "")
                if found is not None:
                    return found
    return None


def _xmp_publication_dates(reader: Any) -> list[str]:
    """The values of the XMP packet's publication-date properties, in document order."""
    from lxml import etree

    try:
        stream = reader.root_object.get("/Metadata")
        data = stream.get_object().get_data() if stream is not None else b""
    except Exception:  # noqa: BLE001 - a broken metadata stream is ignored like a missing one
        return []
    if not isinstance(data, bytes) or not data or len(data) > MAX_XMP_BYTES:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_pis=True)
    try:
        root = etree.fromstring(data.strip(), parser)
    except (etree.XMLSyntaxError, ValueError, TypeError):
        return []

    def wanted(name: object) -> bool:
        name = str(name)
        if name == _DCTERMS_ISSUED:
            return True
        namespace, _, local = name.removeprefix("{").partition("}")
        return namespace.startswith(_PRISM_NAMESPACE) and local == "publicationDate"

    values: list[str] = []
    for element in root.iter(etree.Element):
        values.extend(value for name, value in element.attrib.items() if wanted(name))
        if wanted(element.tag):
            items = [item.text or "" for item in element.iter(_RDF_LI)]  # PRISM 2.1+: one per platform
            values.extend(items or [element.text or ""])
    return values


def _date_of(text: str) -> date | None:
    """``2019-05-03``, ``2019-05-03T07:30:00Z`` or a PDF date ``D:20190503…`` as a date; else None."""
    match = _ISO_DATE.match(text or "") or _PDF_DATE.match(text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _page_lines(page: Any, number: int) -> list[_Line]:
    """The page's text lines, with position and font size where pypdf reports them."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        chunks.append((text, x, y, float(font_size or 0) * (scale or 1.0)))

    plain = page.extract_text(visitor_text=visit) or ""
    lines: list[_Line] = []
    current: _Line | None = None
    pieces: list[str] = []

    def finish() -> None:
        nonlocal current
        if current is not None:
            current.text = _clean_line("".join(pieces))
            if current.text:
                lines.append(current)
        current = None
        pieces.clear()

    for text, x, y, size in chunks:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                finish()
            if current is None:
                current = _Line("", number)
            if part.strip():
                if current.y is None:
                    current.x, current.y = x, y
                current.size = max(current.size, round(size, 1))
            pieces.append(part)
    finish()
    if _squash("".join(line.text for line in lines)) != _squash(plain):
        # NOTE: the visitor missed or reordered text (some producers and form XObjects do
        # this); trust the plain extraction and fall back to text-only paragraph rules.
        lines = [_Line(cleaned, number) for cleaned in (_clean_line(line) for line in plain.split("\n")) if cleaned]
    return lines


def _clean_line(text: str) -> str:
    return clean_inline(unicodedata.normalize("NFC", text)).replace("\n", " ")


def _squash(text: str) -> str:
    return "".join(_clean_line(text).split())


def _drop_page_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page numbers and running headers/footers from the top and bottom of pages."""
    body_size = _body_size(pages)
    edge_counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_furniture_key(line.text) for line in lines[:2] + lines[-2:]}
        edge_counts.update(edges)
    repeated = {
        key
        for key, count in edge_counts.items()
        if len(pages) >= 2 and count >= max(2, math.ceil(len(pages) * 0.5)) and any(ch.isalpha() for ch in key)
    }

    def furniture(line: _Line) -> bool:
        if _PAGE_NUMBER.match(line.text):
            return True
        larger = body_size and line.size > body_size * HEADING_SIZE_RATIO
        return _furniture_key(line.text) in repeated and not larger

    cleaned: list[list[_Line]] = []
    for lines in pages:
        lines = list(lines)
        for _ in range(2):
            if lines and furniture(lines[0]):
                lines.pop(0)
            if lines and furniture(lines[-1]):
                lines.pop()
        cleaned.append(lines)
    return cleaned


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _body_size(pages: list[list[_Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _reflow(pages: list[list[_Line]]) -> tuple[str, tuple[Any, ...], list[int | None]]:
    """(text, blocks, offset where each page's text starts or None for an empty page)."""
    body_size = _body_size(pages)
    heading_sizes = sorted(
        {line.size for lines in pages for line in lines if body_size and line.size > body_size * HEADING_SIZE_RATIO},
        reverse=True,
    )
    heading_level = {size: min(index + 1, 6) for index, size in enumerate(heading_sizes)}
    spacing = _line_spacing(pages, body_size)
    widths = sorted(len(line.text) for lines in pages for line in lines if not body_size or line.size == body_size)
    full_width = widths[int(len(widths) * 0.9)] if widths else 0
    margins = _left_margins(pages, body_size)
    vocabulary = _hyphenated_words(pages)

    builder = ArticleBuilder()
    starts: list[int | None] = [None] * len(pages)
    block: list[_Line] = []

    def kind_of(line: _Line) -> tuple[str, int]:
        if line.size in heading_level:
            return "heading", heading_level[line.size]
        if _BULLET.match(line.text):
            return "list", 0
        return "paragraph", 0

    def flush() -> None:
        if not block:
            return
        kind, level = kind_of(block[0])
        text = block[0].text
        page_offsets = [(block[0].page, 0)]
        for previous, line in itertools.pairwise(block):
            text = _join(text, line.text, vocabulary)
            if line.page != previous.page:
                page_offsets.append((line.page, len(text) - len(line.text)))
        start = builder.length + (len(BLOCK_SEPARATOR) if not builder.empty else 0)
        builder.add(text, kind, level)
        for page, offset in page_offsets:
            if starts[page] is None:
                starts[page] = start + offset
        block.clear()

    previous: _Line | None = None
    for lines in pages:
        for line in lines:
            if previous is not None and _starts_block(previous, line, kind_of, spacing, full_width, margins):
                flush()
            block.append(line)
            previous = line
    flush()
    text, blocks = builder.build()
    return text, blocks, starts


def _starts_block(
    previous: _Line,
    line: _Line,
    kind_of: Any,
    spacing: float | None,
    full_width: int,
    margins: dict[int, float],
) -> bool:
    """Does ``line`` begin a new paragraph or heading rather than continue ``previous``?"""
    previous_kind, previous_level = kind_of(previous)
    kind, level = kind_of(line)
    if kind == "heading" or previous_kind == "heading":
        if kind == previous_kind and level == previous_level and line.page == previous.page:
            gap = _gap(previous, line)
            return gap is None or gap > max(line.size, previous.size) * 1.8
        return True
    if kind == "list":
        return True
    if line.size and previous.size and abs(line.size - previous.size) > 0.1 * max(line.size, previous.size):
        return True  # a standfirst, byline or caption set in another size
    ends_sentence = bool(_TERMINAL.search(previous.text))
    if line.page == previous.page:
        gap = _gap(previous, line)
        if gap is not None and spacing:
            if gap > spacing * 1.35:
                return True
            if gap < -spacing and ends_sentence:  # the next column: a paragraph ends there only after a sentence
                return True
    margin = margins.get(line.page)
    indented = margin is not None and line.x is not None and line.x > margin + line.size * 0.8
    if ends_sentence and indented and line.size:  # a first-line indent after a finished sentence
        return True
    short = full_width and len(previous.text) < full_width * 0.7
    return bool(ends_sentence and short)


def _gap(previous: _Line, line: _Line) -> float | None:
    if previous.y is None or line.y is None:
        return None
    return previous.y - line.y


def _line_spacing(pages: list[list[_Line]], body_size: float) -> float | None:
    """The usual distance between two lines of body text (the median gap)."""
    gaps = []
    for lines in pages:
        for previous, line in itertools.pairwise(lines):
            gap = _gap(previous, line)
            if gap is not None and gap > 0 and previous.size == line.size == body_size:
                gaps.append(gap)
    return statistics.median(gaps) if gaps else None


def _left_margins(pages: list[list[_Line]], body_size: float) -> dict[int, float]:
    """The most common left edge of body lines on each page."""
    margins: dict[int, float] = {}
    for number, lines in enumerate(pages):
        edges = Counter(round(line.x) for line in lines if line.x is not None and line.size == body_size)
        if edges:
            margins[number] = float(edges.most_common(1)[0][0])
    return margins


def _hyphenated_words(pages: list[list[_Line]]) -> set[str]:
    """Hyphenated compounds the document spells inside a line ("well-known")."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(word.lower() for word in re.findall(r"\w+-\w+", line.text))
    return words


def _join(text: str, following: str, hyphenated: set[str]) -> str:
    """Append the next line of a paragraph, undoing soft hyphenation at the line end."""
    if text.endswith("\u00ad"):
        return text[:-1] + following
    left = _WORD_AT_END.search(text)
    if left:
        right = _WORD_AT_START.match(following)
        if right and right.group(1)[0].islower() and not left.group(1)[-1].isdigit():
            compound = f"{left.group(1)}-{right.group(1)}".lower()
            if compound in hyphenated:
                return text + following
            return text[:-1] + following
        return text + following  # "Anglo-" + "Saxon", "COVID-" + "19": a real hyphen
    if text.endswith(("—", "/")) and not text[-2:-1].isspace():
        return text + following  # an em dash or slash at the line end joins its words
    return text + " " + following


def _first_heading(text: str, blocks: tuple[Any, ...]) -> str:
    for block in blocks:
        if block.kind == "heading":
            return " ".join(text[block.start : block.end].split())
    return ""


def _page_spans(starts: list[int | None], labels: list[str], length: int) -> tuple[PageSpan, ...]:
    """Contiguous spans covering the text; an empty page gets an empty span where it falls."""
    filled: list[int] = []
    following = length
    for start in reversed(starts):
        following = start if start is not None else following
        filled.append(following)
    filled.reverse()
    if filled:
        filled[0] = 0
    spans = []
    for index, start in enumerate(filled):
        end = filled[index + 1] if index + 1 < len(filled) else length
        spans.append(PageSpan(start=start, end=max(start, end), label=labels[index]))
    return tuple(spans)
