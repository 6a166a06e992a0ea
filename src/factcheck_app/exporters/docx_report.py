"""Word report: what a newsroom editor reads about the claims checked in a set of articles.

The report has a cover (title, organisation, date, author, logo), a summary of verdicts in
their colours, an overview table whose rows jump to the claim sections, one section per claim
(quote and where it sits, verdict, tags, rationale, sources cited by number), an appendix per
article in which every claim is shaded in its verdict's colour and carries a real Word comment,
and a numbered list of every source once. ``ReportOptions`` chooses the sections, the order
of the claims and the look: the document is written into a Word template whose named styles
("Report Title", "Claim Quote", …) carry the newsroom's fonts and colours.

It takes domain values only (no Qt, no database): the GUI, the CLI and the tests call it
the same way, and it can run on a background worker.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from factcheck_app.domain.anchors import ANCHORED, CHANGED, MOVED, ORPHANED
from factcheck_app.domain.articles import Article, paragraph_spans
from factcheck_app.domain.claims import APPROVED, IN_REVIEW, PUBLISHED, Claim, count_by_verdict
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.links import link_target
from factcheck_app.domain.sources import Evidence, Source
from factcheck_app.domain.verdicts import VerdictScale, colour_of, tint
from factcheck_app.domain.word_diff import DELETE, INSERT, word_diff
from factcheck_app.exporters.atomic import atomic_output, check_target
from factcheck_app.exporters.docx_hyperlink import HyperlinkWriter, add_bookmark, ensure_hyperlink_style
from factcheck_app.importers.archive import word_limits
from factcheck_app.importers.safe_files import read_regular_file
from factcheck_app.importers.safe_zip import NOT_A_ZIP, SafeZip, UnsafeZip

STANCE_WORDS = {"supports": "Supports the claim", "contradicts": "Contradicts the claim", "context": "Context"}
SECTIONS = ("cover", "summary", "overview", "claims", "annotated_article", "sources", "corrections", "agreement")
# The corrections log and the agreement figures are asked for, not in every report.
DEFAULT_SECTIONS = SECTIONS[:-2]
ORDERS = ("article", "verdict", "claimant")

NO_VERDICT_LABEL = "No verdict yet"  # the wording count_by_verdict uses
CHANGED_NOTE = "The quoted words changed in a later version of the article: check the verdict"
ORPHAN_NOTE = "Orphaned: these words are no longer found in the article, so they are neither located nor highlighted"

_GREY = "595959"
_WARNING_RED = "B71C1C"
_WARNING_AMBER = "9A4A00"
_HEADER_FILL = "E7ECF4"
_W_VAL = qn("w:val")

# XML 1.0 refuses these code points; lxml raises on them. Replacing each by one character keeps
# the article offsets valid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_TAB_OR_BREAK = re.compile(r"(\t|\r\n|\n|\r)")

# The styles the report uses, each with the built-in styles that stand in for it when a user's
# template lacks it; where none is there either, a plain style is added (_PLAIN_STYLES) or, for
# the few that need no emphasis, the text stays in Normal.
_PARAGRAPH_STYLES: dict[str, tuple[str, ...]] = {
    "Report Title": ("Title",),
    "Report Subtitle": ("Subtitle",),
    "Report Cover Detail": (),
    "Heading 1": (),
    "Heading 2": (),
    "Claim Quote": ("Intense Quote", "Quote"),
    "Report Label": (),
    "Report Note": (),
    "Report Warning": (),
    "Source Entry": (),
    "Article Text": ("Body Text",),
    "Table Text": ("No Spacing",),
}
_CHARACTER_STYLES: dict[str, tuple[str, ...]] = {"Verdict": ("Strong",)}
_TABLE_STYLES: dict[str, tuple[str, ...]] = {"Report Table": ("Table Grid",)}


@dataclass(frozen=True, slots=True)
class _Plain:
    """A minimal style added to a user's template that lacks ours: emphasis only, fonts from Normal."""

    size_pt: float | None = None
    bold: bool = False
    italic: bool = False
    grey: bool = False
    before_pt: float | None = None
    after_pt: float | None = None
    hanging_cm: float | None = None
    keep_next: bool = False


_PLAIN_STYLES = {
    "Report Title": _Plain(size_pt=24, bold=True, before_pt=0, after_pt=6, keep_next=True),
    "Report Subtitle": _Plain(size_pt=14, grey=True, after_pt=12),
    "Heading 1": _Plain(size_pt=16, bold=True, before_pt=12, after_pt=6, keep_next=True),
    "Heading 2": _Plain(size_pt=13, bold=True, before_pt=12, after_pt=4, keep_next=True),
    "Claim Quote": _Plain(italic=True),
    "Report Label": _Plain(bold=True, before_pt=8, after_pt=2, keep_next=True),
    "Report Note": _Plain(size_pt=9, grey=True, after_pt=3),
    "Report Warning": _Plain(bold=True, before_pt=4, after_pt=4),
    "Source Entry": _Plain(after_pt=3, hanging_cm=0.9),
    "Table Text": _Plain(before_pt=1, after_pt=1),
    "Verdict": _Plain(bold=True),
}

_STATUS = {  # overview table: the claim's place in the article, in an editor's words
    ANCHORED: ("In place", None),
    MOVED: ("Moved", _GREY),
    CHANGED: ("⚠ Changed", _WARNING_AMBER),
    ORPHANED: ("⚠ Orphaned", _WARNING_RED),
}
_ARTICLE_MISSING = "elsewhere"  # the claim's article is not in the report: no state to judge

_ORDER_NOTES = {
    "article": "In the order they appear in the articles.",
    "verdict": "Grouped by verdict, in the order of the verdict scale.",
    "claimant": "Grouped by claimant, in alphabetical order.",
}

_LOGO_BOX = (Cm(5.5), Cm(2.2))  # the largest the cover logo may be (width, height)
_QUOTE_CHARS_IN_OVERVIEW = 110

_WORD_TYPES = {
    # NOTE: a Word template (.dotx) is a .docx whose main part says "template"; python-docx opens
    # only documents, so that one content type is rewritten in memory before opening.
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the report holds and how it looks. The defaults give the full report in house style.

    ``title`` and ``author`` left empty take ``ReportInput.title`` and ``ReportInput.author``.
    ``sections`` names those to include; they always appear in the order of ``SECTIONS``.
    ``order`` sorts the claims: by article and position, by verdict (in the scale's order), or
    by claimant (the article's author where a claim records none). The logo is read only when
    the cover is included; ``include_orphaned=False`` leaves orphaned claims out altogether.
    """

    title: str = ""
    organisation: str = ""
    author: str = ""
    logo_path: Path | None = None  # PNG or JPEG shown on the cover
    template_path: Path | None = None  # None: the bundled resources/templates/report.docx
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    order: str = "article"
    include_orphaned: bool = True

    def __post_init__(self) -> None:
        chosen = (self.sections,) if isinstance(self.sections, str) else tuple(self.sections)
        unknown = [name for name in chosen if name not in SECTIONS]
        if unknown:
            raise InvalidInput(f"“{unknown[0]}” is not a section of the report. Choose from: {', '.join(SECTIONS)}.")
        object.__setattr__(self, "sections", tuple(name for name in SECTIONS if name in chosen))
        if self.order not in ORDERS:
            raise InvalidInput(f"“{self.order}” is not an order for the claims. Choose one of: {', '.join(ORDERS)}.")
        for name in ("logo_path", "template_path"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))

    def includes(self, section: str) -> bool:
        return section in self.sections


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report shows, gathered by the caller (service or CLI) beforehand."""

    title: str
    project_name: str
    author: str
    generated_at: datetime
    scale: VerdictScale
    articles: Sequence[Article]  # in the order the report shows them
    claims: Sequence[Claim]  # claims of those articles; ``options.order`` decides the printed order
    options: ReportOptions = field(default_factory=ReportOptions)
    # Claim id → "Corrected on 2026-05-04 — what changed and why", under the claim's verdict.
    corrections: Mapping[int, str] = field(default_factory=dict)
    corrections_log: Any = None  # exporters.corrections_log.CorrectionsSection, for the "corrections" section
    agreement: Any = None  # services.agreement.AgreementReport, for the "agreement" section


def write_docx_report(report: ReportInput, path: Path) -> None:
    """Write ``report`` as a .docx file at ``path``, replacing it only once fully written.

    Raises FactcheckError with a message for the user when the template or the logo cannot
    be used (before anything is written) or when the file cannot be written.
    """
    path = Path(path)
    check_target(path, "report")
    options = report.options
    logo = _read_logo(options.logo_path) if options.logo_path is not None and options.includes("cover") else None
    document = _open_template(options.template_path)
    with atomic_output(path, "report") as stream:
        _ReportWriter(report, document, logo).build()
        document.save(stream)


# -- template and logo, checked before anything is written ------------------------------


def _open_template(path: Path | None) -> Document:
    """The template as a document with an empty body, its styles, page setup, header and footer kept."""
    if path is None:
        from factcheck_app.resources import resource_path

        try:
            path = resource_path("templates", "report.docx")
        except FileNotFoundError as exc:
            raise FactcheckError(str(exc)) from exc
    path = Path(path)
    if path.is_dir():
        raise FactcheckError(f"The report template “{path}” is a folder. Choose a Word file (.docx or .dotx).")
    if not path.exists():
        raise FactcheckError(f"The report template “{path}” does not exist. Choose another template.")
    data = read_regular_file(path, MAX_TEMPLATE_BYTES, what="a report template", error=FactcheckError)
    not_word = (
        f"“{path.name}” is not a Word document, so it cannot be the report template. "
        "Choose a .docx or .dotx file saved by Word, or the bundled template."
    )
    try:
        package = _as_document_package(data)
    except UnsafeZip as exc:
        if exc.bomb or exc.kind != NOT_A_ZIP:
            raise FactcheckError(f"The report template “{path.name}” is refused: {exc}.") from exc
        raise FactcheckError(not_word) from exc
    try:
        document = docx.Document(io.BytesIO(package))
    except Exception as exc:  # NOTE: python-docx, zipfile and lxml raise a dozen kinds on a foreign file
        raise FactcheckError(not_word) from exc
    body = document.element.body
    final_section = body.sectPr
    for child in list(body):
        if child is not final_section:
            body.remove(child)  # the template's own sample text is not part of the report
    return document


def _as_document_package(data: bytes) -> bytes:
    """``data`` rebuilt from parts read under the Word ZIP limits (measured while inflating), so
    python-docx never inflates a bomb itself; a Word template (.dotx) is relabelled as a document.
    Raises UnsafeZip for a file that is not a ZIP, or is too large or a bomb."""
    package = SafeZip(data, word_limits())
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in package.members:
            if item.is_dir():
                continue
            content = package.read(item)
            if item.filename == "[Content_Types].xml":
                for old, new in _WORD_TYPES.items():
                    content = content.replace(old, new)
            copy.writestr(item.filename, content)
    return rebuilt.getvalue()


MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_LOGO_BYTES = 20 * 1024 * 1024
MAX_LOGO_PIXELS = 40_000_000  # a 100,000 × 100,000 "logo" would be embedded as is otherwise


@dataclass(frozen=True, slots=True)
class _Logo:
    blob: bytes
    width: Emu
    height: Emu


def _read_logo(path: Path) -> _Logo:
    """The cover logo, read and sized to fit the logo box; FactcheckError if it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise FactcheckError(f"The logo “{path}” does not exist. Choose a PNG or JPEG picture, or no logo.")
    if path.is_dir():
        raise FactcheckError(f"The logo “{path}” is a folder. Choose a PNG or JPEG picture.")
    blob = read_regular_file(path, MAX_LOGO_BYTES, what="a logo", error=FactcheckError)
    if not (blob.startswith(b"\x89PNG\r\n\x1a\n") or blob.startswith(b"\xff\xd8\xff")):
        raise FactcheckError(f"The logo “{path.name}” is not a PNG or JPEG picture. Save it as PNG or JPEG.")
    try:
        image = Image.from_blob(blob)
        width_px, height_px = image.px_width, image.px_height
    except Exception as exc:  # NOTE: python-docx's image header parsers raise many kinds on a bad file
        raise FactcheckError(f"The logo “{path.name}” is damaged: it cannot be read as a picture.") from exc
    if width_px <= 0 or height_px <= 0:
        raise FactcheckError(f"The logo “{path.name}” is damaged: it has no size.")
    if width_px * height_px > MAX_LOGO_PIXELS:
        raise FactcheckError(
            f"The logo “{path.name}” is {width_px:,} × {height_px:,} pixels: too large for a report "
            f"(at most {MAX_LOGO_PIXELS // 1_000_000} million pixels). Save a smaller copy."
        )
    box_width, box_height = _LOGO_BOX
    scale = min(box_width / width_px, box_height / height_px)
    return _Logo(blob, Emu(round(width_px * scale)), Emu(round(height_px * scale)))


# -- small pure helpers -------------------------------------------------------------------


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _long_date(value: date) -> str:
    # NOTE: f"{d.day}" rather than "%-d", which Windows' strftime does not know.
    return f"{value.day} {value:%B %Y}"


def _agreement_line(who: str, figures: Any) -> str:
    """'All pairs: 18 of 20 verdicts agree (90.0%); Krippendorff's alpha 0.853.'"""
    if not figures.pairs:
        return f"{who}: no second verdicts yet."
    alpha = f"Krippendorff's alpha {figures.alpha:.3f}" if figures.alpha is not None else figures.alpha_note
    return f"{who}: {figures.agreed} of {figures.pairs} verdicts agree ({figures.percent_agreement:.1f}%); {alpha}."


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalnum())[:3].upper()


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


# Quotation marks a quote or title may already carry at its ends (English, German, French,
# straight), each with its partner; inside a quotation, double marks become single ones.
_OPENING_PARTNER = {"“": "”", '"': '"', "„": "“", "«": "»"}
_CLOSING_PARTNER = {"”": "“", '"': '"', "“": "„", "»": "«"}
_QUOTE_MARKS = frozenset('“”„«»"')
_NESTED = str.maketrans({"“": "‘", "”": "’", "„": "‚", "«": "‹", "»": "›", '"': "'"})


def _quoted(text: str) -> str:
    """``text`` between “ and ”, without doubling marks it already has at its ends.

    “entirely predictable” stays as it is (not ““entirely predictable””); a selection that
    missed one of the pair gets its partner; a quote that begins or ends with a quotation
    that is only part of it (“No,” he said) is wrapped, its own marks made single (“‘No,’ he said”).
    """
    if len(text) < 2:
        return f"“{text}”"
    first, last = text[0], text[-1]
    opens, closes = first in _OPENING_PARTNER, last in _CLOSING_PARTNER
    inner = any(mark in _QUOTE_MARKS for mark in text[1:-1])
    if opens and _closes_at_end(text):
        return text
    if opens and not inner and last not in _QUOTE_MARKS:
        return text + _OPENING_PARTNER[first]
    if closes and not inner and first not in _QUOTE_MARKS:
        return _CLOSING_PARTNER[last] + text
    if opens or closes:
        return f"“{text.translate(_NESTED)}”"
    return f"“{text}”"


def _closes_at_end(text: str) -> bool:
    """Whether the quotation mark opening ``text`` is closed by its last character, and not before."""
    opening, closing = text[0], _OPENING_PARTNER[text[0]]
    if text[-1] != closing:
        return False
    if opening == closing:  # straight quotes do not nest
        return closing not in text[1:-1]
    depth = 0
    for index, char in enumerate(text):
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return index == len(text) - 1
    return False


def _label_twips(text: str, size_pt: float) -> int:
    """How wide ``text`` is set in bold at ``size_pt``, measured generously (twips).

    The advance widths are about those of DejaVu Sans Bold, wider than the fonts a newsroom
    template uses (Calibri, Arial, Georgia), so a column this wide holds the word in any of them.
    """
    ems = sum(
        1.0 if ord(char) >= 0x2000 else 0.35 if char.isspace() else 0.85 if char.isupper() else 0.72 for char in text
    )
    return round(ems * size_pt * 20)


def _shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def _numbers(values: Sequence[int]) -> str:
    """ "1", "1 and 4", "1, 4 and 9" """
    texts = [str(value) for value in values]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def _darken(colour: str, amount: float = 0.35) -> str:
    """``colour`` ("RRGGBB") mixed with black: legible text on the verdict's tint."""
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * (1 - amount)):02X}" for c in channels)


def _source_key(source: Source) -> tuple[str, str, str]:
    """What makes two cited sources the same entry in the numbered list."""
    url = source.url.strip()
    if url:
        return (url, "", "")
    return ("", source.display_title.casefold(), source.publisher.casefold())


# Clark names of the WordprocessingML elements built below, computed once.
_PPR, _PSTYLE, _KEEP_NEXT, _PAGE_BREAK_BEFORE, _NUMPR, _ILVL, _NUMID, _SPACING, _AFTER, _BEFORE, _JC = (
    qn(tag)
    for tag in (
        "w:pPr",
        "w:pStyle",
        "w:keepNext",
        "w:pageBreakBefore",
        "w:numPr",
        "w:ilvl",
        "w:numId",
        "w:spacing",
        "w:after",
        "w:before",
        "w:jc",
    )
)
_R, _RPR, _RSTYLE, _B, _I, _COLOR, _SHD, _FILL, _T, _BR, _TAB = (
    qn(tag) for tag in ("w:r", "w:rPr", "w:rStyle", "w:b", "w:i", "w:color", "w:shd", "w:fill", "w:t", "w:br", "w:tab")
)
_TBL, _TBLPR, _TBLSTYLE, _TBLW, _TBLBORDERS, _TBLLAYOUT, _TBLLOOK, _TBLGRID, _GRIDCOL = (
    qn(tag)
    for tag in (
        "w:tbl",
        "w:tblPr",
        "w:tblStyle",
        "w:tblW",
        "w:tblBorders",
        "w:tblLayout",
        "w:tblLook",
        "w:tblGrid",
        "w:gridCol",
    )
)
_TR, _TRPR, _CANT_SPLIT, _TBL_HEADER, _TC, _TCPR, _TCW, _W, _TYPE = (
    qn(tag) for tag in ("w:tr", "w:trPr", "w:cantSplit", "w:tblHeader", "w:tc", "w:tcPr", "w:tcW", "w:w", "w:type")
)
_SPACE = qn("xml:space")


def _add_run(
    parent: BaseOxmlElement,
    text: str = "",
    *,
    style_id: str | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    fill: str | None = None,
) -> CT_R:
    """Append a ``w:r`` to ``parent``, its properties written in schema order.

    NOTE: python-docx's Run and Font setters find each property's place by probing ~40
    possible successors (about 100 µs per setting) and write text one character at a time.
    Building the few properties we use with lxml's SubElement, which still yields
    python-docx's element classes, is ten times cheaper; a report has tens of thousands of runs.
    """
    r = SubElement(parent, _R)
    if style_id or bold or italic or colour or fill:
        properties = SubElement(r, _RPR)
        if style_id:
            SubElement(properties, _RSTYLE, {_W_VAL: style_id})
        if bold:
            SubElement(properties, _B)
        if italic:
            SubElement(properties, _I)
        if colour:
            SubElement(properties, _COLOR, {_W_VAL: colour})
        if fill:
            # Real-colour shading: highlighting (w:highlight) knows only 16 colours.
            SubElement(properties, _SHD, {_W_VAL: "clear", _COLOR: "auto", _FILL: fill})
    if text:
        _add_text(r, text)
    return r


def _add_marked_run(parent: BaseOxmlElement, text: str, side: int) -> None:
    """A run of a word diff: words only in the checked wording (DELETE) struck through,
    words only in the new one (INSERT) underlined."""
    r = _add_run(parent)
    properties = SubElement(r, _RPR)
    if side == DELETE:
        SubElement(properties, qn("w:strike"))
    else:
        SubElement(properties, qn("w:u"), {_W_VAL: "single"})
    _add_text(r, text)


def _add_text(r: BaseOxmlElement, text: str) -> None:
    """``text`` into the run ``r``: tabs and line ends as w:tab and w:br, the rest as w:t.

    NOTE: python-docx's ``Run.text`` setter does the same one character at a time (~100 µs a run).
    """
    for piece in _TAB_OR_BREAK.split(text) if "\t" in text or "\n" in text or "\r" in text else (text,):
        if piece == "\t":
            SubElement(r, _TAB)
        elif piece in ("\n", "\r\n", "\r"):
            SubElement(r, _BR)
        elif piece:
            t = SubElement(r, _T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")


def _new_paragraph(
    style_id: str | None = None,
    *,
    keep_next: bool = False,
    page_break_before: bool = False,
    list_id: int | None = None,
    space_before_twips: int | None = None,
    space_after_twips: int | None = None,
    align: str | None = None,
) -> CT_P:
    """A ``w:p`` with its properties written in schema order (see _add_run for why)."""
    p = OxmlElement("w:p")
    spacing = space_before_twips is not None or space_after_twips is not None
    if style_id or keep_next or page_break_before or list_id is not None or spacing or align:
        properties = SubElement(p, _PPR)
        if style_id:
            SubElement(properties, _PSTYLE, {_W_VAL: style_id})
        if keep_next:
            SubElement(properties, _KEEP_NEXT)
        if page_break_before:
            SubElement(properties, _PAGE_BREAK_BEFORE)
        if list_id is not None:
            numbering = SubElement(properties, _NUMPR)
            SubElement(numbering, _ILVL, {_W_VAL: "0"})
            SubElement(numbering, _NUMID, {_W_VAL: str(list_id)})
        if spacing:
            space = SubElement(properties, _SPACING)
            if space_before_twips is not None:
                space.set(_BEFORE, str(space_before_twips))
            if space_after_twips is not None:
                space.set(_AFTER, str(space_after_twips))
        if align:
            SubElement(properties, _JC, {_W_VAL: align})
    return p


def _line_break(p: BaseOxmlElement) -> None:
    SubElement(SubElement(p, _R), _BR)


def _field(p: CT_P, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE or NUMPAGES; Word computes its value when it lays out the pages."""
    SubElement(SubElement(p, _R), qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
    code = SubElement(SubElement(p, _R), qn("w:instrText"), {_SPACE: "preserve"})
    code.text = f" {instruction} "
    SubElement(SubElement(p, _R), qn("w:fldChar"), {qn("w:fldCharType"): "separate"})
    _add_run(p, placeholder)
    SubElement(SubElement(p, _R), qn("w:fldChar"), {qn("w:fldCharType"): "end"})


@dataclass(slots=True)
class _ArticleText:
    """An article with its paragraphs located once, so each lookup is a bisection."""

    article: Article
    text: str  # XML-safe, same length as article.text so claim offsets still apply
    spans: list[tuple[int, int]]
    starts: list[int]

    @classmethod
    def of(cls, article: Article) -> _ArticleText:
        spans = paragraph_spans(article.text)
        return cls(article, _xml_safe(article.text), spans, [start for start, _ in spans])

    def paragraph_number(self, offset: int) -> int:
        """1-based number of the paragraph holding ``offset`` (or the one before a blank line)."""
        return max(1, bisect_right(self.starts, offset))


@dataclass(slots=True)
class _Entry:
    """A claim as the report prints it: its number, where it stands, who said it."""

    number: int
    claim: Claim
    state: str  # ANCHORED, MOVED, CHANGED, ORPHANED, or _ARTICLE_MISSING
    claimant: str
    sources: list[tuple[int, Source]] = field(default_factory=list)  # (number in the list, source)

    @property
    def positioned(self) -> bool:
        """True when the claim's offsets hold its quote: it is located and highlighted."""
        return self.state in (ANCHORED, MOVED, CHANGED)


def _claimant(claim: Claim, article: Article | None) -> str:
    """Who made the claim: its own claimant when recorded, else the article's author."""
    return claim.claimant or (article.author if article else "")


def _state(claim: Claim, found: _ArticleText | None) -> str:
    """How the claim sits on its article's text, never trusting offsets that miss the quote."""
    if found is None:
        return _ARTICLE_MISSING
    anchor = claim.anchor
    if claim.anchor_state == ORPHANED or not (anchor.start < anchor.end and anchor.matches(found.article.text)):
        return ORPHANED
    return claim.anchor_state if claim.anchor_state in (MOVED, CHANGED) else ANCHORED


def _plan(report: ReportInput, articles: dict[int, _ArticleText]) -> tuple[list[_Entry], int]:
    """The claims to print, numbered in the chosen order; and how many orphaned ones were left out."""
    options = report.options
    position = {article.id: k for k, article in enumerate(report.articles)}
    rank = {label: k for k, label in enumerate(report.scale.labels)}
    unplaced = len(position)
    kept: list[tuple[tuple, Claim, str, str]] = []
    left_out = 0
    for index, claim in enumerate(report.claims):
        found = articles.get(claim.article_id)
        state = _state(claim, found)
        if state == ORPHANED and not options.include_orphaned:
            left_out += 1
            continue
        # Article order: articles as given, claims by position, orphaned ones (no position) last.
        in_article = (position.get(claim.article_id, unplaced), state == ORPHANED, claim.anchor.start, index)
        claimant = _claimant(claim, found.article if found else None)
        if options.order == "verdict":
            verdict = claim.verdict
            key: tuple = (rank.get(verdict, len(rank)) if verdict is not None else len(rank) + 1, *in_article)
        elif options.order == "claimant":
            key = (not claimant, claimant.casefold(), *in_article)
        else:
            key = in_article
        kept.append((key, claim, state, claimant))
    kept.sort(key=lambda item: item[0])
    entries = [_Entry(number, claim, state, claimant) for number, (_, claim, state, claimant) in enumerate(kept, 1)]
    return entries, left_out


@dataclass(slots=True)
class _ListedSource:
    """One entry of the numbered sources list: the source as first cited, and the claims citing it."""

    number: int
    source: Source
    claims: list[int] = field(default_factory=list)


def _number_sources(entries: Iterable[_Entry]) -> list[_ListedSource]:
    """Number each distinct source once, in the order the report first cites it."""
    listed: dict[tuple[str, str, str], _ListedSource] = {}
    for entry in entries:
        for source in entry.claim.sources:
            key = _source_key(source)
            found = listed.get(key)
            if found is None:
                found = listed[key] = _ListedSource(len(listed) + 1, source)
            if not found.claims or found.claims[-1] != entry.number:
                found.claims.append(entry.number)
            entry.sources.append((found.number, source))
    return list(listed.values())


class _ReportWriter:
    """Builds one report document. Styles, colours and the comments part are looked up once.

    NOTE: python-docx appends a body paragraph by searching the body's children for the final
    ``w:sectPr`` (O(paragraphs) each, so a long report is quadratic), resolves a style by
    scanning the document part's relationships (one per hyperlinked source), and adds a table
    row by copying cells through generic setters. Paragraphs and tables are therefore built as
    elements and put directly before the ``w:sectPr`` we hold, with style ids looked up once;
    comments go through the cached Comments collection, which is what ``Document.add_comment``
    does.
    """

    def __init__(self, report: ReportInput, document: Document, logo: _Logo | None) -> None:
        self.report = report
        self.options = report.options
        self.title = _xml_safe(self.options.title.strip() or report.title)
        self.author = _xml_safe(self.options.author.strip() or report.author)
        self.organisation = _xml_safe(self.options.organisation.strip())
        self.document = document
        self.logo = logo
        self.style_id = self._resolve_styles()
        self.links = HyperlinkWriter(document.part, ensure_hyperlink_style(document))
        self.comments = document.comments
        # Our own comment-id counter: python-docx reads every existing id to pick the next one,
        # which made comments quadratic (25 s of a 2,000-claim report at 10k claims: minutes).
        comments_elm = self.comments._comments_elm
        self._comments_elm = comments_elm
        self._next_comment_id = 1 + max((int(x) for x in comments_elm.xpath("./w:comment/@w:id")), default=-1)
        self._comment_stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._end_of_body = document.element.body.sectPr
        self._numbering_id: int | None = None
        self._bookmark_id = 0
        self._colours: dict[str | None, tuple[str, str]] = {}
        self._written_any = False  # something on the current page, so a new section may need a break
        self.text_width = self._text_width()
        self.articles = {article.id: _ArticleText.of(article) for article in report.articles}
        self.entries, self.left_out = _plan(report, self.articles)
        self.listed_sources = _number_sources(self.entries)
        # Claims to highlight in each article's appendix, and those that cannot be.
        self.highlighted: dict[int, list[_Entry]] = defaultdict(list)
        self.unplaced: dict[int, list[int]] = defaultdict(list)
        for entry in self.entries:
            if entry.positioned:
                self.highlighted[entry.claim.article_id].append(entry)
            elif entry.state == ORPHANED:
                self.unplaced[entry.claim.article_id].append(entry.number)
        for claims in self.highlighted.values():
            claims.sort(key=lambda entry: entry.claim.anchor.start)

    # -- building blocks ---------------------------------------------------------------

    def _resolve_styles(self) -> dict[str, str | None]:
        """Style id for each of our style names: the template's, a built-in stand-in, or a plain one we add.

        NOTE: a newsroom's own template may define only some of our styles. A missing one falls
        back to the template's built-in equivalent (its Title, Subtitle, Intense Quote, Table Grid),
        which carries the newsroom's look; where Word has no equivalent (a label, a note) we add a
        minimal style based on the template's Normal, only bold or small and grey, so the report
        keeps its emphasis in the newsroom's fonts. A table with no style gets plain lines.
        """
        styles = self.document.styles
        found: dict[str, str | None] = {}
        for wanted, kind in (
            (_PARAGRAPH_STYLES, WD_STYLE_TYPE.PARAGRAPH),
            (_CHARACTER_STYLES, WD_STYLE_TYPE.CHARACTER),
            (_TABLE_STYLES, WD_STYLE_TYPE.TABLE),
        ):
            for name, fallbacks in wanted.items():
                found[name] = None
                for candidate in (name, *fallbacks):
                    try:
                        style = styles[candidate]
                    except KeyError:
                        continue
                    if style.type == kind:
                        found[name] = style.style_id
                        break
                if found[name] is None and name in _PLAIN_STYLES:
                    found[name] = self._add_plain_style(name, kind)
        return found

    def _add_plain_style(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        styles = self.document.styles
        try:
            style = styles.add_style(name, kind)
        except ValueError:  # the name is taken by a style of another kind: do without
            return None
        plain = _PLAIN_STYLES[name]
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            with contextlib.suppress(KeyError):
                style.base_style = styles["Normal"]
        font = style.font
        if plain.size_pt:
            font.size = Pt(plain.size_pt)
        font.bold = plain.bold or None
        font.italic = plain.italic or None
        if plain.grey:
            font.color.rgb = RGBColor.from_string(_GREY)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            layout = style.paragraph_format
            if plain.before_pt is not None:
                layout.space_before = Pt(plain.before_pt)
            if plain.after_pt is not None:
                layout.space_after = Pt(plain.after_pt)
            if plain.hanging_cm:
                layout.left_indent, layout.first_line_indent = Cm(plain.hanging_cm), Cm(-plain.hanging_cm)
                layout.tab_stops.add_tab_stop(Cm(plain.hanging_cm))
            layout.keep_with_next = plain.keep_next or None
        return style.style_id

    def _text_width(self) -> int:
        """Width of the text column in twips, from the template's page setup."""
        section = self.document.sections[0]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None or width - left - right <= 0:
            return Cm(16.5).twips
        return Emu(width - left - right).twips

    def paragraph(
        self,
        text: str = "",
        style: str | None = None,
        *,
        keep_next: bool = False,
        page_break_before: bool = False,
        list_id: int | None = None,
        space_before_twips: int | None = None,
        space_after_twips: int | None = None,
        align: str | None = None,
    ) -> CT_P:
        """A new paragraph at the end of the body, holding ``text`` as one plain run."""
        p = _new_paragraph(
            self.style_id[style] if style else None,
            keep_next=keep_next,
            page_break_before=page_break_before,
            list_id=list_id,
            space_before_twips=space_before_twips,
            space_after_twips=space_after_twips,
            align=align,
        )
        self._append(p)
        if text:
            _add_run(p, text)
        return p

    def _append(self, element: BaseOxmlElement) -> None:
        if self._end_of_body is not None:
            self._end_of_body.addprevious(element)
        else:
            self.document.element.body.append(element)
        self._written_any = True

    def heading(self, text: str, *, new_page: bool) -> CT_P:
        """A Heading 1, starting a new page when asked and when the page already holds something."""
        return self.paragraph(text, "Heading 1", page_break_before=new_page and self._written_any)

    def bookmark(self, p: CT_P, name: str) -> None:
        self._bookmark_id += 1
        add_bookmark(p, name, self._bookmark_id)

    def colour(self, label: str | None) -> tuple[str, str]:
        """The verdict's colour for text and its tint for shading, both as "RRGGBB"."""
        found = self._colours.get(label)
        if found is None:
            colour = colour_of(self.report.scale, label)
            found = self._colours[label] = (colour.lstrip("#").upper(), tint(colour).lstrip("#").upper())
        return found

    def add_verdict(self, parent: BaseOxmlElement, label: str | None) -> CT_R:
        """The verdict's label in bold, in its colour ("No verdict yet" in grey)."""
        return _add_run(
            parent,
            _xml_safe(label) if label else NO_VERDICT_LABEL,
            style_id=self.style_id["Verdict"],
            bold=True,
            colour=self.colour(label)[0],
        )

    def add_paragraph_numbering(self) -> int:
        """Add grey paragraph numbers hanging in the left indent; return their abstractNum id.

        NOTE: list numbering rather than a number typed into the text, so a comment on a claim
        that crosses paragraphs covers the claim's words only, and copied text stays clean.
        """
        numbering = self.document.part.numbering_part.element
        used = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = max(used, default=-1) + 1
        numbering.insert_element_before(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/>'
                '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="432" w:hanging="432"/></w:pPr>'
                '<w:rPr><w:color w:val="7F7F7F"/><w:sz w:val="16"/></w:rPr></w:lvl>'
                "</w:abstractNum>"
            ),
            "w:num",
            "w:numIdMacAtCleanup",
        )
        return abstract_id

    def new_paragraph_list(self) -> int:
        """numId of a paragraph numbering that starts again at 1 (one per article)."""
        if self._numbering_id is None:
            self._numbering_id = self.add_paragraph_numbering()
        num = self.document.part.numbering_part.element.add_num(self._numbering_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def table(self, widths: Sequence[int], headings: Sequence[str], aligns: Sequence[str | None]) -> BaseOxmlElement:
        """A table at the end of the body with a heading row that repeats on every page."""
        tbl = OxmlElement("w:tbl")
        properties = SubElement(tbl, _TBLPR)
        style_id = self.style_id["Report Table"]
        if style_id:
            SubElement(properties, _TBLSTYLE, {_W_VAL: style_id})
        SubElement(properties, _TBLW, {_W: str(sum(widths)), _TYPE: "dxa"})
        if not style_id:  # a template with no table style at all: draw the lines ourselves
            borders = SubElement(properties, _TBLBORDERS)
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                SubElement(borders, qn(f"w:{side}"), {_W_VAL: "single", qn("w:sz"): "4", _COLOR: "A6A6A6"})
        SubElement(properties, _TBLLAYOUT, {_TYPE: "fixed"})
        SubElement(properties, _TBLLOOK, {_W_VAL: "04A0", qn("w:firstRow"): "1", qn("w:noVBand"): "1"})
        grid = SubElement(tbl, _TBLGRID)
        for width in widths:
            SubElement(grid, _GRIDCOL, {_W: str(width)})
        self._append(tbl)
        cells = self.table_row(tbl, widths, aligns, header=True)
        for p, heading in zip(cells, headings, strict=True):
            _add_run(p, heading, bold=True)
        return tbl

    def table_row(
        self,
        tbl: BaseOxmlElement,
        widths: Sequence[int],
        aligns: Sequence[str | None],
        *,
        header: bool = False,
        fills: Sequence[str | None] | None = None,
    ) -> list[CT_P]:
        """A row that never splits across pages; returns the (empty) paragraph of each cell."""
        tr = SubElement(tbl, _TR)
        row_properties = SubElement(tr, _TRPR)
        SubElement(row_properties, _CANT_SPLIT)
        if header:
            SubElement(row_properties, _TBL_HEADER)
        style_id = self.style_id["Table Text"]
        paragraphs = []
        for k, (width, align) in enumerate(zip(widths, aligns, strict=True)):
            tc = SubElement(tr, _TC)
            cell_properties = SubElement(tc, _TCPR)
            SubElement(cell_properties, _TCW, {_W: str(width), _TYPE: "dxa"})
            fill = _HEADER_FILL if header else (fills[k] if fills else None)
            if fill:
                SubElement(cell_properties, _SHD, {_W_VAL: "clear", _COLOR: "auto", _FILL: fill})
            p = _new_paragraph(style_id, keep_next=header, align=align)
            tc.append(p)
            paragraphs.append(p)
        return paragraphs

    # -- the report --------------------------------------------------------------------

    def build(self) -> Document:
        options = self.options
        self.write_properties()
        self.write_header_and_footer()
        if options.includes("cover"):
            self.write_cover()
        else:
            self.write_title_line()
        if options.includes("summary"):
            self.write_summary()
        if options.includes("overview"):
            self.write_overview(new_page=not options.includes("summary"))
        if options.includes("claims"):
            self.write_claims()
        if options.includes("annotated_article"):
            for article in self.articles.values():
                self.write_annotated_article(article)
        if options.includes("sources"):
            self.write_sources()
        if options.includes("corrections") and self.report.corrections_log is not None:
            self.write_corrections()
        if options.includes("agreement") and self.report.agreement is not None:
            self.write_agreement()
        return self.document

    def write_corrections(self) -> None:
        """The desk's corrections page: heading, intro, one block per correction (newest first)."""
        section = self.report.corrections_log
        self.paragraph(_xml_safe(section.title), "Heading 1", page_break_before=True, keep_next=True)
        self.paragraph(_xml_safe(section.intro))
        for item in section.items:
            self.paragraph(_xml_safe(item.heading), "Heading 2", keep_next=True)
            for line in item.lines:
                self.paragraph(_xml_safe(line), keep_next=True)

    def write_agreement(self) -> None:
        """How far blind second verdicts agreed: overall, per pair of analysts, and the confusion table."""
        report = self.report.agreement
        overall = report.overall
        self.paragraph("Agreement of second verdicts", "Heading 1", page_break_before=True, keep_next=True)
        self.paragraph(_xml_safe(_agreement_line("All pairs", overall)))
        for (first, second), figures in sorted(report.per_pair.items()):
            self.paragraph(_xml_safe(_agreement_line(f"{first} and {second}", figures)), "Report Note")
        self.paragraph(
            "Krippendorff's alpha is computed on the ordinal line " + _xml_safe(" → ".join(report.line)) + ".",
            "Report Note",
        )

    def write_properties(self) -> None:
        report = self.report
        properties = self.document.core_properties
        properties.title = self.title
        properties.subject = _xml_safe(report.project_name)
        properties.author = self.author
        properties.last_modified_by = self.author
        properties.keywords = "fact-check"
        properties.comments = f"Prepared by {self.organisation}" if self.organisation else ""
        properties.category = "Fact-check report"
        properties.created = report.generated_at
        properties.modified = report.generated_at
        properties.revision = 1

    def write_header_and_footer(self) -> None:
        """The title in the header and "Page X of Y" in the footer, unless the template has its own.

        NOTE: a newsroom template may carry a letterhead in its header or its own page numbers
        in its footer; those are kept. The cover page, when there is one, has neither.
        """
        section = self.document.sections[0]
        header = section.header
        if not header._element.xpath(".//w:t[normalize-space(.)] | .//w:drawing | .//w:pict"):
            first = header.paragraphs[0]
            if first.alignment is None:
                first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _add_run(first._p, f"{self.organisation} · {self.title}" if self.organisation else self.title)
        footer = section.footer
        if not footer._element.xpath(
            ".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple[contains(@w:instr, 'PAGE')]"
        ):
            paragraphs = footer.paragraphs
            line = paragraphs[0] if len(paragraphs) == 1 and not paragraphs[0].text else footer.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p = line._p
            _add_run(p, "Page ")
            _field(p, "PAGE")
            _add_run(p, " of ")
            _field(p, "NUMPAGES")
        if self.options.includes("cover"):
            section.different_first_page_header_footer = True
            section.first_page_header.is_linked_to_previous = False
            section.first_page_footer.is_linked_to_previous = False

    def cover_details(self) -> list[tuple[str, str]]:
        report = self.report
        articles = len(report.articles)
        details = []
        if self.organisation:
            details.append(("Project", _xml_safe(report.project_name)))
        details += [
            ("Date", _long_date(report.generated_at)),
            ("Author", self.author or "—"),
            ("Verdict scale", _xml_safe(report.scale.name)),
            ("Scope", f"{_plural(len(self.entries), 'claim')} in {_plural(articles, 'article')}"),
        ]
        return details

    def write_cover(self) -> None:
        if self.logo is not None:
            p = self.paragraph(space_before_twips=1440, space_after_twips=480)
            run = Run(_add_run(p), Paragraph(p, self.document))
            run.add_picture(io.BytesIO(self.logo.blob), width=self.logo.width, height=self.logo.height)
        self.paragraph(self.title, "Report Title", space_before_twips=None if self.logo else 2880)
        subtitle = self.organisation or _xml_safe(self.report.project_name)
        self.paragraph(subtitle, "Report Subtitle")
        for label, value in self.cover_details():
            line = self.paragraph(style="Report Cover Detail")
            _add_run(line, f"{label}: ", bold=True)
            _add_run(line, value)

    def write_title_line(self) -> None:
        """Without a cover, the report still opens with its title and who made it when."""
        self.paragraph(self.title, "Report Title")
        parts = [self.organisation, _long_date(self.report.generated_at), self.author]
        self.paragraph(" · ".join(part for part in parts if part), "Report Note", space_after_twips=240)

    def write_summary(self) -> None:
        entries = self.entries
        self.heading("Summary", new_page=True)
        n_articles = len(self.report.articles)
        text = f"{_plural(len(entries), 'claim')} checked in {_plural(n_articles, 'article')}."
        changed = sum(entry.state == CHANGED for entry in entries)
        orphaned = sum(entry.state == ORPHANED for entry in entries)
        if changed:
            text += (
                f" The quoted words of {_plural(changed, 'claim')} changed in a later version of the article: "
                f"{'their verdicts need' if changed != 1 else 'its verdict needs'} checking."
            )
        if orphaned:
            text += (
                f" {_plural(orphaned, 'claim')} could not be found at "
                f"{'their' if orphaned != 1 else 'its'} place in the article text and "
                f"{'are' if orphaned != 1 else 'is'} flagged below."
            )
        if self.left_out:
            text += (
                f" {_plural(self.left_out, 'claim')} whose words are no longer in the article "
                f"{'are' if self.left_out != 1 else 'is'} left out of this report."
            )
        self.paragraph(text)

        total = len(entries)
        widths = (Cm(6.6).twips, Cm(2.5).twips, Cm(2.5).twips)
        aligns = (None, "right", "right")
        tbl = self.table(widths, ("Verdict", "Claims", "Share"), aligns)
        for label, count in count_by_verdict((entry.claim for entry in entries), self.report.scale):
            cells = self.table_row(tbl, widths, aligns)
            # "Other" and "No verdict yet" are not on the scale: colour_of gives them grey.
            self.add_verdict(cells[0], label)
            _add_run(cells[1], f"{count:,}")
            _add_run(cells[2], f"{count / total:.0%}")
        cells = self.table_row(tbl, widths, aligns)
        _add_run(cells[0], "Total", bold=True)
        _add_run(cells[1], f"{total:,}", bold=True)
        _add_run(cells[2], "100%" if total else "—", bold=True)

    def write_overview(self, *, new_page: bool) -> None:
        """One row per claim; its number jumps to the claim's section."""
        self.heading("Overview", new_page=new_page)
        if not self.entries:
            _add_run(self.paragraph(), "No claims in this report.", italic=True, colour=_GREY)
            return
        if self.options.includes("claims"):
            self.paragraph("Each claim's number links to its section.", "Report Note")
        widths = self.overview_widths()
        aligns = ("right", None, None, None, None)
        tbl = self.table(widths, ("#", "Claim", "Claimant", "Verdict", "Status"), aligns)
        linked = self.options.includes("claims")
        for entry in self.entries:
            claim = entry.claim
            colour, fill = self.colour(claim.verdict)
            cells = self.table_row(tbl, widths, aligns, fills=(None, None, None, fill, None))
            if linked:
                self.links.add_internal(cells[0], f"claim_{entry.number}", str(entry.number))
            else:
                _add_run(cells[0], str(entry.number))
            _add_run(cells[1], _quoted(_xml_safe(_shorten(claim.quote, _QUOTE_CHARS_IN_OVERVIEW))))
            _add_run(cells[2], _xml_safe(entry.claimant) or "—")
            label = _xml_safe(claim.verdict) if claim.verdict else NO_VERDICT_LABEL
            _add_run(cells[3], label, style_id=self.style_id["Verdict"], bold=True, colour=_darken(colour))
            status, status_colour = _STATUS.get(entry.state, ("—", _GREY))
            _add_run(cells[4], status, bold=entry.state in (CHANGED, ORPHANED), colour=status_colour)

    def overview_widths(self) -> list[int]:
        """Column widths (twips) of the overview: #, claim, claimant, verdict, status.

        NOTE: the table has a fixed layout, so Word breaks a word that is wider than its column
        ("Orphane d"). The status column is made wide enough for its longest label and the
        verdict column for the longest word of a verdict, in the table's font size; the room
        comes out of the claim column, which wraps at spaces anyway.
        """
        widths = [round(self.text_width * share) for share in (0.07, 0.49, 0.16, 0.15, 0.13)]
        size_pt = self._font_size_pt(self.style_id["Table Text"])
        margins = self._cell_margins()
        statuses = [label for label, _colour in _STATUS.values()] + ["Status"]
        verdict_words = [word for label in (*self.report.scale.labels, NO_VERDICT_LABEL) for word in label.split()]
        for column, labels in ((4, statuses), (3, verdict_words)):
            needed = max(_label_twips(label, size_pt) for label in labels) + margins
            spare = widths[1] - round(self.text_width * 0.3)  # the claim column keeps at least 30%
            grow = max(0, min(needed - widths[column], spare))
            widths[column] += grow
            widths[1] -= grow
        return widths

    def _font_size_pt(self, style_id: str | None) -> float:
        """The font size a paragraph style gives (through the styles it is based on, then the defaults)."""
        by_id = {style.style_id: style for style in self.document.styles}
        style = by_id.get(style_id or "") or by_id.get("Normal")
        seen: set[str] = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            if style.font.size is not None:
                return float(style.font.size.pt)
            style = style.base_style
        size = self.document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
        )
        try:
            return int(size.get(_W_VAL)) / 2 if size is not None else 11.0
        except (TypeError, ValueError):
            return 11.0

    def _cell_margins(self) -> int:
        """Left plus right cell margin (twips) of the report's table style; Word's 0.19 cm each by default."""
        style_id = self.style_id["Report Table"]
        total = 0
        for side in ("left", "right"):
            width = 108
            if style_id:
                style = next((s for s in self.document.styles if s.style_id == style_id), None)
                margin = (
                    None
                    if style is None
                    else style.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn(f'w:{side}')}")
                )
                with contextlib.suppress(TypeError, ValueError):
                    width = int(margin.get(qn("w:w"))) if margin is not None else width
            total += width
        return total

    def write_claims(self) -> None:
        self.heading("Claims", new_page=True)
        if not self.entries:
            _add_run(self.paragraph(), "No claims in this report.", italic=True, colour=_GREY)
            return
        self.paragraph(_ORDER_NOTES[self.options.order], "Report Note")
        for entry in self.entries:
            self.write_claim(entry)

    def write_claim(self, entry: _Entry) -> None:
        """One claim's section. NOTE: every paragraph but the last keeps with the next, so a claim
        that fits on a page is never split across two (a longer one breaks where the page ends)."""
        claim = entry.claim
        heading = self.paragraph(f"Claim {entry.number}", "Heading 2", keep_next=True)
        self.bookmark(heading, f"claim_{entry.number}")
        # A quote across paragraphs keeps one line break per paragraph break, not blank lines.
        self.paragraph(
            _quoted(_xml_safe(_BLANK_LINES.sub(chr(10), claim.quote).strip())), "Claim Quote", keep_next=True
        )
        if claim.restated.strip():
            restated = self.paragraph("Claim as checked: ", keep_next=True)
            _add_run(restated, _xml_safe(" ".join(claim.restated.split())), italic=True)
        self.paragraph(self.location(entry), "Report Note", keep_next=True)
        said = self.claimant_line(entry)
        if said:
            self.paragraph(said, "Report Note", keep_next=True)
        if entry.state == CHANGED:
            warning = self.paragraph(style="Report Warning", keep_next=True)
            _add_run(warning, f"⚠ {CHANGED_NOTE}", colour=_WARNING_AMBER)
            if claim.checked_wording:
                self.write_changed_wording(claim)
        elif entry.state == ORPHANED:
            warning = self.paragraph(style="Report Warning", keep_next=True)
            _add_run(warning, f"⚠ {ORPHAN_NOTE}", colour=_WARNING_RED)

        verdict = self.paragraph("Verdict: ", keep_next=True)
        self.add_verdict(verdict, claim.verdict)
        corrected = self.report.corrections.get(claim.id)
        if corrected:
            _add_run(self.paragraph(style="Report Note", keep_next=True), _xml_safe(corrected), italic=True)
        described = self.report.scale.get(claim.verdict)
        if described and described.description:
            _add_run(verdict, f" — {_xml_safe(described.description)}", colour=_GREY)
        if claim.tags:
            _add_run(self.paragraph("Tags: ", keep_next=True), _xml_safe(" · ".join(claim.tags)))

        self.paragraph("Rationale", "Report Label", keep_next=True)
        lines = [line for line in claim.rationale.splitlines() if line.strip()]
        if lines:
            for line in lines:
                self.paragraph(_xml_safe(line), keep_next=True)
        else:
            _add_run(self.paragraph(keep_next=True), "No rationale written yet.", italic=True, colour=_GREY)

        self.paragraph("Sources", "Report Label", keep_next=True)
        if entry.sources:
            evidence = {e.source.id: e for e in claim.evidence}
            for number, source in entry.sources:
                self.write_cited_source(number, source)
                shown = evidence.get(source.id)
                if shown is not None and (shown.stance or shown.excerpt or shown.location):
                    self.write_evidence(shown)
        else:
            _add_run(self.paragraph(keep_next=True), "No sources given.", italic=True, colour=_GREY)

        self.paragraph(self.sign_off(claim), "Report Note")

    def write_changed_wording(self, claim: Claim) -> None:
        """The words the verdict was checked against and the words now, compared word by word."""
        segments = word_diff(claim.checked_wording, claim.quote)
        for label, side in (("Checked wording: ", DELETE), ("Now: ", INSERT)):
            line = self.paragraph(label, "Report Note", keep_next=True)
            for op, text in segments:
                if op == -side:
                    continue
                if op == side:
                    _add_marked_run(line, _xml_safe(text), side)
                else:
                    _add_run(line, _xml_safe(text))

    def location(self, entry: _Entry) -> str:
        claim = entry.claim
        found = self.articles.get(claim.article_id)
        if found is None:
            return f"From article #{claim.article_id} (not included in this report)"
        where = f"From {_quoted(_xml_safe(found.article.title))}"
        if not entry.positioned:
            return where  # NOTE: the stored offsets point at other words: a number would mislead
        first = found.paragraph_number(claim.anchor.start)
        last = found.paragraph_number(claim.anchor.end - 1)
        located = f"{where}, paragraph {first}" if first == last else f"{where}, paragraphs {first}–{last}"
        first_page = found.article.page_at(claim.anchor.start)
        last_page = found.article.page_at(max(claim.anchor.start, claim.anchor.end - 1))
        if first_page is not None:
            pages = f"p. {first_page}" if last_page in (None, first_page) else f"pp. {first_page}–{last_page}"
            located += f" ({pages})"
        return located

    def claimant_line(self, entry: _Entry) -> str:
        """ "Claimant: Ana Ruiz, said 3 March 2025" (or the article's publication date)."""
        found = self.articles.get(entry.claim.article_id)
        said = entry.claim.claim_date
        published = found.article.published if found else None
        parts = [f"Claimant: {_xml_safe(entry.claimant)}"] if entry.claimant else []
        if said:
            parts.append(f"said {_long_date(said)}")
        elif published:
            parts.append(f"published {_long_date(published)}")
        line = ", ".join(parts)
        return line[:1].upper() + line[1:]

    def sign_off(self, claim: Claim) -> str:
        """Who checked the claim and, once reviewed, who approved it."""
        who = claim.updated_by or claim.created_by
        line = f"Checked by {_xml_safe(who)}, " if who else "Last updated "
        line += f"{_long_date(claim.updated_at)}."
        if claim.status in (APPROVED, PUBLISHED) and claim.approved_by:
            line += f" Approved by {_xml_safe(claim.approved_by)}"
            line += f", {_long_date(claim.approved_at)}." if claim.approved_at else "."
        elif claim.status == IN_REVIEW:
            reviewer = f" with {_xml_safe(claim.reviewer)}" if claim.reviewer else ""
            line += f" In review{reviewer}: not yet approved."
        return line

    def source_details(self, source: Source, *, note: bool) -> list[str]:
        return [
            _xml_safe(part)
            for part in (
                source.publisher,
                f"accessed {_long_date(source.accessed)}" if source.accessed else "",
                source.note if note else "",
            )
            if part
        ]

    def write_evidence(self, evidence: Evidence) -> None:
        """What the source shows: its stance (in words a reader scans), the excerpt and where it is."""
        line = self.paragraph(style="Report Note", keep_next=True)
        if evidence.stance:
            colour = {"supports": "2E7D32", "contradicts": "C62828"}.get(evidence.stance, _GREY)
            _add_run(line, STANCE_WORDS.get(evidence.stance, evidence.stance), bold=True, colour=colour)
        if evidence.excerpt:
            _add_run(
                line, (": " if evidence.stance else "") + _quoted(_xml_safe(evidence.excerpt.strip())), italic=True
            )
        if evidence.location:
            _add_run(line, f" ({_xml_safe(evidence.location)})")

    def write_cited_source(self, number: int, source: Source) -> None:
        """A source under a claim: its number in the sources list, then its linked title and details."""
        item = self.paragraph(style="Source Entry", keep_next=True)
        if self.options.includes("sources"):
            self.links.add_internal(item, f"source_{number}", f"[{number}]")
            _add_run(item, "\t")
        else:
            _add_run(item, "•\t")
        title = _xml_safe(source.display_title)
        if link_target(source.url):
            self.links.add_external(item, _xml_safe(source.url), title)
        else:
            _add_run(item, title)
        details = self.source_details(source, note=True)
        if details:
            _add_run(item, " — " + " · ".join(details), colour=_GREY)

    def write_sources(self) -> None:
        """Every source once, numbered as the claims cite it, with its address and the claims citing it."""
        self.heading("Sources", new_page=True)
        if not self.listed_sources:
            _add_run(self.paragraph(), "No sources are cited in this report.", italic=True, colour=_GREY)
            return
        linked = self.options.includes("claims")
        for listed in self.listed_sources:
            source = listed.source
            item = self.paragraph(style="Source Entry")
            _add_run(item, f"[{listed.number}]\t")
            self.bookmark(item, f"source_{listed.number}")
            _add_run(item, _xml_safe(source.display_title), bold=True)
            details = self.source_details(source, note=False)
            if details:
                _add_run(item, " — " + " · ".join(details))
            if source.url:
                _line_break(item)
                url = _xml_safe(source.url)
                if link_target(source.url):
                    self.links.add_external(item, url, url)
                else:  # not a web address (javascript:, file:, …): shown, never clickable
                    _add_run(item, f"{url} (not a web link)", colour=_GREY)
            _line_break(item)
            _add_run(item, "Cited in claim " if len(listed.claims) == 1 else "Cited in claims ", colour=_GREY)
            for k, number in enumerate(listed.claims):
                if k:
                    _add_run(item, " and " if k == len(listed.claims) - 1 else ", ", colour=_GREY)
                if linked:
                    self.links.add_internal(item, f"claim_{number}", str(number))
                else:
                    _add_run(item, str(number), colour=_GREY)

    def write_annotated_article(self, found: _ArticleText) -> None:
        article = found.article
        self.heading(f"Annotated article: {_xml_safe(article.title)}", new_page=True)
        details = [
            f"By {_xml_safe(article.author)}" if article.author else "",
            f"published {_long_date(article.published)}" if article.published else "",
        ]
        meta = self.paragraph(" · ".join(part for part in details if part), "Report Note")
        if article.url:
            if any(details):
                _add_run(meta, " · ")
            if link_target(article.url):
                self.links.add_external(meta, _xml_safe(article.url), _xml_safe(article.url))
            else:
                _add_run(meta, f"{_xml_safe(article.url)} (not a web link)")
        unplaced = self.unplaced.get(article.id)
        if unplaced:
            which = f"Claim {unplaced[0]} is" if len(unplaced) == 1 else f"Claims {_numbers(unplaced)} are"
            _add_run(
                self.paragraph(style="Report Warning"),
                f"⚠ {which} not highlighted: the quoted words are no longer in this version of the article.",
                colour=_WARNING_RED,
            )
        self.write_article_text(found, self.highlighted.get(article.id, []))

    def write_article_text(self, found: _ArticleText, entries: list[_Entry]) -> None:
        """Article paragraphs, split into runs at every claim boundary, then one comment per claim.

        Claims may overlap or cross paragraphs. A sweep over the sorted boundaries keeps the set
        of claims covering the current run, so the whole article costs O(runs + claims).
        """
        text = found.text
        claims = [entry.claim for entry in entries]
        starts_at: dict[int, list[int]] = defaultdict(list)
        ends_at: dict[int, list[int]] = defaultdict(list)
        for k, claim in enumerate(claims):
            starts_at[claim.anchor.start].append(k)
            ends_at[claim.anchor.end].append(k)
        bounds = sorted(starts_at.keys() | ends_at.keys())
        fills = [self.colour(claim.verdict)[1] for claim in claims]
        first: list[CT_R | None] = [None] * len(claims)
        last: list[CT_R | None] = [None] * len(claims)
        active: dict[int, None] = {}  # claims covering the current position, as an ordered set
        list_id = self.new_paragraph_list()
        style = "Article Text"
        b = 0
        for start, end in found.spans:
            p = self.paragraph(style=style, list_id=list_id)
            pos = start
            while pos < end:
                while b < len(bounds) and bounds[b] <= pos:
                    for k in ends_at.get(bounds[b], ()):
                        active.pop(k, None)
                    for k in starts_at.get(bounds[b], ()):
                        active[k] = None
                    b += 1
                stop = bounds[b] if b < len(bounds) and bounds[b] < end else end
                if active:
                    # NOTE: where claims overlap, the one starting last (then the shorter) shows its
                    # colour, so a claim nested in a longer one stays visible; comments show both.
                    top = max(active, key=lambda k: (claims[k].anchor.start, -claims[k].anchor.end))
                    r = _add_run(p, text[pos:stop], fill=fills[top])
                    for k in active:
                        if first[k] is None:
                            first[k] = r
                        last[k] = r
                else:
                    _add_run(p, text[pos:stop])
                pos = stop

        for k, entry in enumerate(entries):
            first_r, last_r = first[k], last[k]
            if first_r is None or last_r is None:
                continue  # the span covers only blank lines: nothing to anchor on
            self.add_comment(first_r, last_r, entry)

    def add_comment(self, first: CT_R, last: CT_R, entry: _Entry) -> None:
        """A Word comment over the runs ``first``…``last``: the verdict, then the rationale."""
        claim = entry.claim
        label = _xml_safe(claim.verdict) if claim.verdict else NO_VERDICT_LABEL
        lines = [f"Claim {entry.number} — Verdict: {label}"]
        if entry.state == CHANGED:
            lines.append(f"⚠ {CHANGED_NOTE}.")
        lines += [_xml_safe(line) for line in claim.rationale.splitlines() if line.strip()]
        author = _xml_safe(claim.updated_by or claim.created_by or self.author)
        # NOTE: w:comment is built here, not by Comments.add_comment(): python-docx picks each new
        # id by reading every existing id (O(comments)), which made a 10,000-claim report take
        # minutes. The element is the one python-docx makes (annotation reference run included).
        comment_id = self._next_comment_id
        self._next_comment_id += 1
        comment = SubElement(self._comments_elm, qn("w:comment"))
        comment.set(qn("w:id"), str(comment_id))
        comment.set(qn("w:author"), author)
        comment.set(qn("w:initials"), _initials(author))
        comment.set(qn("w:date"), self._comment_stamp)
        p = _new_paragraph("CommentText")
        comment.append(p)
        reference = SubElement(p, qn("w:r"))
        SubElement(SubElement(reference, qn("w:rPr")), qn("w:rStyle")).set(qn("w:val"), "CommentReference")
        SubElement(reference, qn("w:annotationRef"))
        _add_run(p, lines[0])
        for line in lines[1:]:
            following = _new_paragraph("CommentText")
            _add_run(following, line)
            p.addnext(following)
            p = following
        Run(first, self.document).mark_comment_range(Run(last, self.document), comment_id)
