"""Saved web pages (.html, .htm): the article body and its metadata, nothing else.

A saved news page is 5 % article and 95 % navigation, ads, cookie banners, scripts,
"related stories" boxes and footers. Telling them apart is trafilatura's job (a kept,
benchmarked library), not hand-written rules: it is run with tables, without comments,
links or images, and its XML-like tree gives headings, paragraphs, lists, quotes and
tables as blocks.

NOTE: two passes. ``favor_precision`` decides whether and where there is an article: on
a page of navigation only it finds nothing (the balanced mode would return the menu). But
it drops the headline and standfirst of the common ``<article><header>…</header>``
markup, and those carry the claims analysts check first; so the headings and paragraphs
the balanced mode finds *before* the first paragraph both agree on are put back in front.
If the headline is still missing (an ``<h1>`` outside the article element), the page's
title becomes the top heading.

Nothing is ever fetched: trafilatura is handed a string (it only downloads when given a
URL to ``fetch_url``), images are not extracted, and lxml's HTML parser never resolves
external entities or loads iframes.

NOTE: trafilatura's time grows with the number of elements (≈ 0.1 ms each per pass, more
for deeply nested or link-heavy markup): a 16 MB saved page took minutes. So the page is
trimmed with lxml first (``_trimmed``): scripts, styles, comments, SVG, embedded frames
and ``data:`` URIs go; on a large page (over ``LARGE_PAGE_ELEMENTS`` elements) navigation,
asides, footers and form controls go too, and only the precise pass runs, in
trafilatura's fast mode (the page's title stands in for a headline it misses). What is
left must stay under ``MAX_EXTRACT_ELEMENTS`` and ``MAX_EXTRACT_BYTES``, or the page is
refused with a message naming the limit; within them extraction takes a few seconds.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import ImportRefused
from factcheck_app.importers.quiet import quiet_parsers
from factcheck_app.importers.safe_files import format_size
from factcheck_app.importers.structure import ArticleBuilder, clean_inline
from factcheck_app.importers.text import bom_encoding, decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# Saved pages: what trafilatura is given, at most (after trimming, see the module's NOTE).
MAX_EXTRACT_BYTES = 8 * 1024 * 1024
MAX_EXTRACT_ELEMENTS = 40_000
LARGE_PAGE_ELEMENTS = 10_000
MAX_PARSE_ELEMENTS = 200_000  # elements held while trimming (scripts, styles and the like not counted)
_MAX_JSON_LD_CHARS = 256 * 1024  # structured metadata (author, date) is kept if this small
MAX_PARSE_ATTRIBUTES = 500_000  # each costs ~250 bytes once parsed
_UNWANTED_ATTRIBUTES = "//@*[string-length(.) > 65536 or starts-with(normalize-space(.), 'data:')]"

# Never article text, on any page.
_REMOVED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "source",
        "track",
        "map",
    }
)
# Page furniture, removed from large pages only (trafilatura finds it itself on normal ones).
_LARGE_PAGE_REMOVED = ("nav", "aside", "footer", "button", "select", "input", "textarea", "option", "dialog", "menu")
_LARGE_PAGE_UNWRAPPED = ("span", "font")
_KEPT_TAG = "factcheck-kept-json-ld"

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_HEADING_LEVEL = re.compile(r"^h([1-6])$")


def decode_html(data: bytes, name: str) -> str:
    """The page as text: BOM, then valid UTF-8, then the page's own ``<meta charset>``, then detection.

    NOTE: valid UTF-8 beats the declaration because CMSs often serve UTF-8 under a stale
    ``charset=iso-8859-1``; multi-byte UTF-8 sequences are vanishingly unlikely in real
    single-byte text. As browsers do, "iso-8859-1" and "ascii" are read as windows-1252.
    """
    if bom_encoding(data) is not None:
        return decode_text(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        encoding = _WHATWG_ALIASES.get(encoding, encoding)
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a lying or unknown declaration: detect instead
    return decode_text(data, name)


def read_html(data: bytes, name: str) -> ArticleDraft:
    """The article in a saved web page, or ImportRefused if the page holds none."""
    return read_html_text(decode_html(data, name), name)


def read_mhtml(data: bytes, name: str) -> ArticleDraft:
    """A web archive (.mht, .mhtml: "Save page as… single file"): its HTML part is the page."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                charset = part.get_content_charset() or ""
                try:
                    page = payload.decode(charset) if charset else decode_html(payload, name)
                except (LookupError, UnicodeDecodeError):
                    page = decode_html(payload, name)
                return read_html_text(page, name)
    raise ImportRefused(f"{name} is a web archive without a web page in it.")


def read_html_text(page: str, name: str) -> ArticleDraft:
    """The article in an HTML page given as text (never a URL: nothing is fetched)."""
    trimmed, large = _trimmed(page, name)
    precise = _extract(trimmed, name, favor_precision=True, fast=large)
    body = _blocks(precise.body) if precise is not None and precise.body is not None else []
    if not body:
        raise ImportRefused(
            f"{name} has no article text that could be found: the page holds only navigation, "
            "scripts or other page furniture (pages that build their text with JavaScript must be "
            "saved after they have loaded, or copied and pasted)."
        )
    found = body
    if not large:
        balanced = _extract(trimmed, name, favor_precision=False, fast=False)
        found = _top_matter(balanced, body) + body
    title = _metadata(precise, "title")
    builder = ArticleBuilder()
    if title and not any(_same_words(title, text) for text, _, _ in found[:3]):
        builder.add(title, "heading", 1)
    for text, kind, level in found:
        builder.add(text, kind, level)
    text, blocks = builder.build()
    saved_from = _SAVED_FROM.search(page[:2048])
    return ArticleDraft(
        title=title or builder.first_heading(),
        text=text,
        url=_metadata(precise, "url") or (saved_from.group(1) if saved_from else ""),
        author=_metadata(precise, "author"),
        published=_date(_metadata(precise, "date")),
        format="html",
        site_name=_metadata(precise, "sitename"),
        blocks=blocks,
    )


def _trimmed(page: str, name: str) -> tuple[str, bool]:
    """(the page without what is never article text, whether it is a large page).

    The page is parsed by lxml in 1 MB pieces; scripts, styles and the like are dropped
    as they end, so the tree never holds them, and parsing stops with ImportRefused past
    ``MAX_PARSE_ELEMENTS`` elements or ``MAX_PARSE_ATTRIBUTES`` attributes (counted as
    each element starts), which bounds the memory the tree takes. Inline ``data:`` images
    and huge attribute values are dropped next. The trimmed page must then fit
    ``MAX_EXTRACT_ELEMENTS`` and ``MAX_EXTRACT_BYTES``.
    """
    from lxml import etree, html

    parser = etree.HTMLPullParser(events=("start", "end"), remove_comments=True, remove_pis=True, no_network=True)
    kept = skipped = attributes = 0

    def too_large(elements: int, size: int) -> ImportRefused:
        return ImportRefused(
            f"{name} is too large a web page to find the article in: without its scripts, styles and "
            f"page furniture it still has {elements:,} elements and {format_size(size)} of text and markup "
            f"(the limits are {MAX_EXTRACT_ELEMENTS:,} elements and {format_size(MAX_EXTRACT_BYTES)}). "
            "Save only the article (the browser's reader view, then Save as), or copy and paste its text."
        )

    def handle() -> None:
        nonlocal kept, skipped, attributes
        for event, element in parser.read_events():
            tag = element.tag
            if event == "start":
                if tag in _REMOVED:
                    skipped += 1
                elif skipped == 0:
                    kept += 1
                    if kept > MAX_PARSE_ELEMENTS:
                        raise ImportRefused(
                            f"{name} is too large a web page to find the article in: besides scripts and "
                            f"styles it has more than {MAX_PARSE_ELEMENTS:,} elements, the limit (an article "
                            "page has a few thousand). Save only the article (the browser's reader view, "
                            "then Save as), or copy and paste its text."
                        )
                attributes += len(element.attrib)
                if attributes > MAX_PARSE_ATTRIBUTES:
                    raise ImportRefused(
                        f"{name} is too large a web page to find the article in: it has more than "
                        f"{MAX_PARSE_ATTRIBUTES:,} attributes, the limit (an article page has a few thousand). "
                        "Save only the article (the browser's reader view, then Save as), or copy and paste its text."
                    )
            elif tag in _REMOVED:
                skipped -= 1
                if tag == "script" and _json_ld(element):
                    continue
                _remove_keeping_tail(element)

    step = 1024 * 1024
    try:
        for offset in range(0, len(page), step):
            parser.feed(page[offset : offset + step])
            handle()
        tree = parser.close()
        handle()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError) as error:
        raise ImportRefused(f"{name} is not a web page that can be read ({_reason(error)}).") from error
    if tree is None:
        raise ImportRefused(f"{name} is empty: there is no text to check.")
    for value in tree.xpath(_UNWANTED_ATTRIBUTES):  # inline images, huge values: never article text
        parent = value.getparent()
        if parent is not None and value.attrname in parent.attrib:
            del parent.attrib[value.attrname]
    large = kept > LARGE_PAGE_ELEMENTS or len(page) > MAX_EXTRACT_BYTES
    if large:
        etree.strip_elements(tree, *_LARGE_PAGE_REMOVED, with_tail=False)
        etree.strip_tags(tree, *_LARGE_PAGE_UNWRAPPED)
        for element in tree.xpath("//*[@style]"):
            del element.attrib["style"]
    elements = int(tree.xpath("count(//*)"))
    trimmed = html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    size = len(trimmed.encode("utf-8", errors="surrogatepass"))
    if elements > MAX_EXTRACT_ELEMENTS or size > MAX_EXTRACT_BYTES:
        raise too_large(elements, size)
    return trimmed, large


def _json_ld(script: Any) -> bool:
    """Structured metadata (author, dates) that trafilatura reads, if small enough to keep."""
    kind = (script.get("type") or "").strip().lower()
    return kind == "application/ld+json" and len(script.text or "") <= _MAX_JSON_LD_CHARS


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _extract(page: str, name: str, *, favor_precision: bool, fast: bool) -> Any:
    from trafilatura import bare_extraction

    with quiet_parsers():
        try:
            return bare_extraction(
                page,
                fast=fast,
                favor_precision=favor_precision,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                include_formatting=False,
                with_metadata=True,
                deduplicate=False,
                # Dates only from markup (meta tags, <time>, the URL): a guess from a
                # "© 2025" footer must not become the publication date.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except (ValueError, TypeError, LookupError, RecursionError) as error:
            raise ImportRefused(f"{name} is not a web page that can be read ({_reason(error)}).") from error


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _top_matter(balanced: Any, body: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Headline and standfirst: what the balanced extraction finds before the precise body.

    Only headings and paragraphs before the first block both extractions agree on are
    taken, and only when such a common block exists, so the precise extraction still
    decides where the article is.
    """
    if balanced is None or balanced.body is None:
        return []
    leading: list[tuple[str, str, int]] = []
    for block in _blocks(balanced.body):
        if block[0] == body[0][0]:
            return [item for item in leading if item[1] in ("heading", "paragraph")]
        leading.append(block)
    return []


def _metadata(document: Any, field: str) -> str:
    value = getattr(document, field, None)
    return " ".join(str(value).split()) if value else ""


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _blocks(body: Any) -> list[tuple[str, str, int]]:
    """Trafilatura's tree (head/p/list/quote/table/code) as (text, kind, level), in order."""
    found: list[tuple[str, str, int]] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            level = _HEADING_LEVEL.match(element.get("rend") or "")
            found.append((_inline_text(element), "heading", int(level.group(1)) if level else 2))
        elif tag == "list":
            found.extend((_inline_text(item), "list", 0) for item in element if item.tag == "item")
        elif tag == "quote":
            found.append((_inline_text(element), "quote", 0))
        elif tag == "table":
            found.append((_table_text(element), "table", 0))
        elif tag not in ("graphic", "fw", "note"):
            found.append((_inline_text(element), "paragraph", 0))
    return [(text, kind, level) for text, kind, level in found if text]


def _inline_text(element: Any) -> str:
    """The element's text with ``<lb/>`` as line breaks and whitespace collapsed."""
    out: list[str] = []

    def collect(node: Any) -> None:
        if node.tag == "lb":
            out.append("\n")
        elif node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                collect(child)
            if child.tail:
                out.append(child.tail)

    collect(element)
    return clean_inline("".join(out))


def _table_text(table: Any) -> str:
    rows: list[str] = []
    for row in table.iter("row"):
        cells = [" ".join(_inline_text(cell).split()) for cell in row if cell.tag == "cell"]
        line = " | ".join(cell for cell in cells if cell)
        if line:
            rows.append(line)
    return "\n".join(rows)
