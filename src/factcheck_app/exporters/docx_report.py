"""Word report: what a newsroom editor reads about the claims checked in a set of articles.

The report opens with a title block and a summary table of verdicts, then gives one section
per claim (quote and where it sits, verdict, tags, rationale, clickable sources), and ends
with an appendix per article in which every claim is shaded in its verdict's colour and
carries a real Word comment, so the editor can review the piece as it was read.

It takes domain values only (no Qt, no database): the GUI, the CLI and the tests call it
the same way, and it can run on a background worker.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Length, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from factcheck_app.domain.articles import Article, paragraph_spans
from factcheck_app.domain.claims import Claim, count_by_verdict
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import VerdictScale, colour_of, tint
from factcheck_app.exporters.docx_hyperlink import HyperlinkWriter, ensure_hyperlink_style

NO_VERDICT_LABEL = "No verdict yet"  # the wording count_by_verdict uses
ORPHAN_NOTE = "Anchor changed — quote not found at its place in the article"

_GREY = "595959"
_WARNING_RED = "B71C1C"
_NOTE_STYLE = "Report Note"
_LABEL_STYLE = "Report Label"
_W_VAL = qn("w:val")

# XML 1.0 refuses these code points; lxml raises on them. Replacing each by one character keeps
# the article offsets valid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report shows, gathered by the caller (service or CLI) beforehand."""

    title: str
    project_name: str
    author: str
    generated_at: datetime
    scale: VerdictScale
    articles: Sequence[Article]
    claims: Sequence[Claim]  # claims of those articles, in the order to print


def write_docx_report(report: ReportInput, path: Path) -> None:
    """Write ``report`` as a .docx file at ``path``, replacing it only once fully written.

    Raises FactcheckError with a message for the user when the file cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise FactcheckError(f"“{path}” is a folder. Choose a file name for the report, such as report.docx.")
    if not path.parent.is_dir():
        raise FactcheckError(f"Cannot save the report: the folder “{path.parent}” does not exist.")
    # NOTE: the temporary file is opened before the (possibly long) build so an unwritable
    # folder is reported at once; it sits in the same folder so os.replace is atomic.
    temporary = path.with_name(f".~{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, before os.replace
    except OSError as exc:
        raise FactcheckError(_cannot_write_message(exc, path)) from exc
    try:
        with stream:
            document = _ReportWriter(report).build()
            try:
                _save(document, stream)
            except OSError as exc:
                raise FactcheckError(_cannot_write_message(exc, path)) from exc
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise FactcheckError(_cannot_replace_message(exc, path)) from exc
    except BaseException:
        _discard(temporary)
        raise


def _save(document: Document, stream: BinaryIO) -> None:
    document.save(stream)
    stream.flush()
    os.fsync(stream.fileno())


def _discard(temporary: Path) -> None:
    # NOTE: if even this fails there is nothing more to do; the original error is the one to show.
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)


def _cannot_write_message(exc: OSError, path: Path) -> str:
    folder = path.parent
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot save the report in “{folder}”: you may not write in this folder. Choose another folder."
    if exc.errno == errno.ENOSPC:
        return f"Cannot save the report in “{folder}”: the disk is full."
    return f"Cannot save the report as “{path}”: {exc.strerror or exc}."


def _cannot_replace_message(exc: OSError, path: Path) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot replace “{path.name}”: it is open in another program (Word?) or read-only. "
            "Close it, or choose another file name, and try again."
        )
    return f"Cannot save the report as “{path}”: {exc.strerror or exc}."


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _long_date(value: date) -> str:
    # NOTE: f"{d.day}" rather than "%-d", which Windows' strftime does not know.
    return f"{value.day} {value:%B %Y}"


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalnum())[:3].upper()


# Clark names of the WordprocessingML elements built below, computed once.
_PPR, _PSTYLE, _PAGE_BREAK_BEFORE, _NUMPR, _ILVL, _NUMID, _SPACING, _AFTER = (
    qn(tag)
    for tag in ("w:pPr", "w:pStyle", "w:pageBreakBefore", "w:numPr", "w:ilvl", "w:numId", "w:spacing", "w:after")
)
_R, _RPR, _B, _I, _COLOR, _SHD, _FILL, _T = (
    qn(tag) for tag in ("w:r", "w:rPr", "w:b", "w:i", "w:color", "w:shd", "w:fill", "w:t")
)
_SPACE = qn("xml:space")


def _add_run(
    parent: BaseOxmlElement,
    text: str = "",
    *,
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
    if bold or italic or colour or fill:
        properties = SubElement(r, _RPR)
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
        if "\t" in text or "\n" in text or "\r" in text:
            r.text = text  # python-docx turns tabs and line ends into w:tab and w:br
        else:
            t = SubElement(r, _T)
            t.text = text
            if text[0].isspace() or text[-1].isspace():
                t.set(_SPACE, "preserve")
    return r


def _new_paragraph(
    style_id: str | None = None,
    *,
    page_break_before: bool = False,
    list_id: int | None = None,
    space_after_twips: int | None = None,
) -> CT_P:
    """A ``w:p`` with its properties written in schema order (see _add_run for why)."""
    p = OxmlElement("w:p")
    if style_id or page_break_before or list_id is not None or space_after_twips is not None:
        properties = SubElement(p, _PPR)
        if style_id:
            SubElement(properties, _PSTYLE, {_W_VAL: style_id})
        if page_break_before:
            SubElement(properties, _PAGE_BREAK_BEFORE)
        if list_id is not None:
            numbering = SubElement(properties, _NUMPR)
            SubElement(numbering, _ILVL, {_W_VAL: "0"})
            SubElement(numbering, _NUMID, {_W_VAL: str(list_id)})
        if space_after_twips is not None:
            SubElement(properties, _SPACING, {_AFTER: str(space_after_twips)})
    return p


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


class _ReportWriter:
    """Builds one report document. Styles, colours and the comments part are looked up once.

    NOTE: python-docx appends a body paragraph by searching the body's children for the final
    ``w:sectPr`` (O(paragraphs) each, so a long report is quadratic) and resolves a style by
    scanning the document part's relationships (one per hyperlinked source). Paragraphs are
    therefore built as elements and put directly before the ``w:sectPr`` we hold, with style
    ids looked up once; comments go through the cached Comments collection, which is what
    ``Document.add_comment`` does.
    """

    def __init__(self, report: ReportInput) -> None:
        self.report = report
        self.document = docx.Document()
        self._add_report_styles()
        styles = self.document.styles
        self.style_id = {
            name: styles[name].style_id
            for name in (
                "Title",
                "Subtitle",
                "Heading 1",
                "Heading 2",
                "Intense Quote",
                "List Bullet",
                _NOTE_STYLE,
                _LABEL_STYLE,
            )
        }
        self.table_style = styles["Table Grid"]
        self.links = HyperlinkWriter(self.document.part, ensure_hyperlink_style(self.document))
        self.comments = self.document.comments
        self._end_of_body = self.document.element.body.sectPr
        self._numbering_id: int | None = None
        self._colours: dict[str | None, tuple[str, str]] = {}
        self.articles = {article.id: _ArticleText.of(article) for article in report.articles}
        self.numbered = list(enumerate(report.claims, start=1))
        # Numbers of the claims whose anchor still points at its quote (ids may repeat in drafts).
        self.matching = {
            number
            for number, claim in self.numbered
            if claim.article_id in self.articles
            and claim.anchor.start < claim.anchor.end
            and claim.anchor.matches(self.articles[claim.article_id].article.text)
        }
        # Claims to highlight in each article's appendix, with their numbers in the report.
        self.highlighted: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
        for number, claim in self.numbered:
            if number in self.matching:
                self.highlighted[claim.article_id].append((number, claim))

    # -- building blocks ---------------------------------------------------------------

    def _add_report_styles(self) -> None:
        styles = self.document.styles
        note = styles.add_style(_NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = styles["Normal"]
        note.quick_style = True
        note.font.size = Pt(9)
        note.font.color.rgb = RGBColor.from_string(_GREY)
        note.paragraph_format.space_after = Pt(4)
        label = styles.add_style(_LABEL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        label.base_style = styles["Normal"]
        label.quick_style = True
        label.font.bold = True
        label.paragraph_format.space_before = Pt(8)
        label.paragraph_format.space_after = Pt(2)
        label.paragraph_format.keep_with_next = True

    def paragraph(
        self,
        text: str = "",
        style: str | None = None,
        *,
        page_break_before: bool = False,
        list_id: int | None = None,
        space_after_twips: int | None = None,
    ) -> CT_P:
        """A new paragraph at the end of the body, holding ``text`` as one plain run."""
        p = _new_paragraph(
            self.style_id[style] if style else None,
            page_break_before=page_break_before,
            list_id=list_id,
            space_after_twips=space_after_twips,
        )
        if self._end_of_body is not None:
            self._end_of_body.addprevious(p)
        else:
            self.document.element.body.append(p)
        if text:
            _add_run(p, text)
        return p

    def proxy(self, p: CT_P) -> Paragraph:
        return Paragraph(p, self.document)

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
            parent, _xml_safe(label) if label else NO_VERDICT_LABEL, bold=True, colour=self.colour(label)[0]
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

    # -- the report --------------------------------------------------------------------

    def build(self) -> Document:
        self.write_properties()
        self.write_header_and_footer()
        self.write_title_block()
        self.write_summary()
        self.write_claims()
        for article in self.articles.values():
            self.write_annotated_article(article)
        return self.document

    def write_properties(self) -> None:
        report = self.report
        properties = self.document.core_properties
        properties.title = _xml_safe(report.title)
        properties.subject = _xml_safe(report.project_name)
        properties.author = _xml_safe(report.author)
        properties.last_modified_by = _xml_safe(report.author)
        properties.keywords = "fact-check"
        properties.comments = ""
        properties.category = "Fact-check report"
        properties.created = report.generated_at
        properties.modified = report.generated_at
        properties.revision = 1

    def write_header_and_footer(self) -> None:
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add_run(header._p, _xml_safe(self.report.title))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_run(footer._p, "Page ")
        _field(footer._p, "PAGE")
        _add_run(footer._p, " of ")
        _field(footer._p, "NUMPAGES")

    def write_title_block(self) -> None:
        report = self.report
        self.paragraph(_xml_safe(report.title), "Title")
        self.paragraph(_xml_safe(report.project_name), "Subtitle")
        when = report.generated_at
        for label, value in (
            ("Generated", f"{_long_date(when)} at {when:%H:%M}"),
            ("Author", _xml_safe(report.author) or "—"),
            ("Verdict scale", _xml_safe(report.scale.name)),
        ):
            line = self.paragraph(space_after_twips=0)
            _add_run(line, f"{label}: ", bold=True)
            _add_run(line, value)

    def write_summary(self) -> None:
        claims = self.report.claims
        self.paragraph("Summary", "Heading 1")
        n_articles = len(self.report.articles)
        orphaned = len(claims) - len(self.matching)
        text = (
            f"{len(claims):,} claim{'s' if len(claims) != 1 else ''} checked "
            f"in {n_articles:,} article{'s' if n_articles != 1 else ''}."
        )
        if orphaned:
            text += (
                f" {orphaned:,} claim{'s' if orphaned != 1 else ''} could not be found at "
                f"{'their' if orphaned != 1 else 'its'} place in the article text and "
                f"{'are' if orphaned != 1 else 'is'} flagged below."
            )
        self.paragraph(text)

        rows = count_by_verdict(claims, self.report.scale)
        table = self.document.add_table(rows=1, cols=3)
        table.style = self.table_style
        widths = (Inches(2.6), Inches(1.0), Inches(1.0))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for cell, heading, width in zip(table.rows[0].cells, ("Verdict", "Claims", "Share"), widths, strict=True):
            cell.width = width
            _add_run(cell.paragraphs[0]._p, heading, bold=True)
        total = len(claims)
        for label, count in rows:
            cells = table.add_row().cells
            # "Other" and "No verdict yet" are not on the scale: colour_of gives them grey.
            self.add_verdict(cells[0].paragraphs[0]._p, label)
            self.number_cells(cells, widths, count, total, bold=False)
        cells = table.add_row().cells
        _add_run(cells[0].paragraphs[0]._p, "Total", bold=True)
        self.number_cells(cells, widths, total, total, bold=True)

    @staticmethod
    def number_cells(cells: Sequence[_Cell], widths: Sequence[Length], count: int, total: int, *, bold: bool) -> None:
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        for cell, value in zip(cells[1:], (f"{count:,}", f"{count / total:.0%}" if total else "—"), strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _add_run(paragraph._p, value, bold=bold)

    def write_claims(self) -> None:
        self.paragraph("Claims", "Heading 1", page_break_before=True)
        for number, claim in self.numbered:
            self.write_claim(number, claim)

    def write_claim(self, number: int, claim: Claim) -> None:
        self.paragraph(f"Claim {number}", "Heading 2")
        self.paragraph(f"“{_xml_safe(claim.quote)}”", "Intense Quote")
        self.paragraph(self.location(number, claim), _NOTE_STYLE)
        if number not in self.matching:
            _add_run(self.paragraph(), f"⚠ {ORPHAN_NOTE}", bold=True, colour=_WARNING_RED)

        verdict = self.paragraph("Verdict: ")
        self.add_verdict(verdict, claim.verdict)
        described = self.report.scale.get(claim.verdict)
        if described and described.description:
            _add_run(verdict, f" — {_xml_safe(described.description)}", colour=_GREY)
        if claim.tags:
            _add_run(self.paragraph("Tags: "), _xml_safe(" · ".join(claim.tags)))

        self.paragraph("Rationale", _LABEL_STYLE)
        lines = [line for line in claim.rationale.splitlines() if line.strip()]
        if lines:
            for line in lines:
                self.paragraph(_xml_safe(line))
        else:
            _add_run(self.paragraph(), "No rationale written yet.", italic=True, colour=_GREY)

        self.paragraph("Sources", _LABEL_STYLE)
        if claim.sources:
            for source in claim.sources:
                self.write_source(source)
        else:
            _add_run(self.paragraph(), "No sources given.", italic=True, colour=_GREY)

        who = claim.updated_by or claim.created_by
        checked = f"Checked by {_xml_safe(who)}, " if who else "Last updated "
        self.paragraph(f"{checked}{_long_date(claim.updated_at)}.", _NOTE_STYLE)

    def location(self, number: int, claim: Claim) -> str:
        found = self.articles.get(claim.article_id)
        if found is None:
            return f"From article #{claim.article_id} (not included in this report)"
        where = f"From “{_xml_safe(found.article.title)}”"
        if number not in self.matching:
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

    def write_source(self, source: Source) -> None:
        item = self.paragraph(style="List Bullet")
        title = _xml_safe(source.display_title)
        if source.url:
            self.links.add(self.proxy(item), _xml_safe(source.url), title)
        else:
            _add_run(item, title)
        details = [
            _xml_safe(part)
            for part in (
                source.publisher,
                f"accessed {_long_date(source.accessed)}" if source.accessed else "",
                source.note,
            )
            if part
        ]
        if details:
            _add_run(item, " — " + " · ".join(details), colour=_GREY)

    def write_annotated_article(self, found: _ArticleText) -> None:
        article = found.article
        self.paragraph(f"Annotated article: {_xml_safe(article.title)}", "Heading 1", page_break_before=True)
        details = [
            f"By {_xml_safe(article.author)}" if article.author else "",
            f"published {_long_date(article.published)}" if article.published else "",
        ]
        meta = self.paragraph(" · ".join(part for part in details if part), _NOTE_STYLE)
        if article.url:
            if any(details):
                _add_run(meta, " · ")
            self.links.add(self.proxy(meta), _xml_safe(article.url), _xml_safe(article.url))
        self.write_article_text(found, self.highlighted.get(article.id, []))

    def write_article_text(self, found: _ArticleText, claims: list[tuple[int, Claim]]) -> None:
        """Article paragraphs, split into runs at every claim boundary, then one comment per claim.

        Claims may overlap or cross paragraphs. A sweep over the sorted boundaries keeps the set
        of claims covering the current run, so the whole article costs O(runs + claims).
        """
        text = found.text
        starts_at: dict[int, list[int]] = defaultdict(list)
        ends_at: dict[int, list[int]] = defaultdict(list)
        for k, (_, claim) in enumerate(claims):
            starts_at[claim.anchor.start].append(k)
            ends_at[claim.anchor.end].append(k)
        bounds = sorted(starts_at.keys() | ends_at.keys())
        fills = [self.colour(claim.verdict)[1] for _, claim in claims]
        first: list[CT_R | None] = [None] * len(claims)
        last: list[CT_R | None] = [None] * len(claims)
        active: dict[int, None] = {}  # claims covering the current position, as an ordered set
        list_id = self.new_paragraph_list()
        b = 0
        for start, end in found.spans:
            p = self.paragraph(list_id=list_id)
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
                    top = max(active, key=lambda k: (claims[k][1].anchor.start, -claims[k][1].anchor.end))
                    r = _add_run(p, text[pos:stop], fill=fills[top])
                    for k in active:
                        if first[k] is None:
                            first[k] = r
                        last[k] = r
                else:
                    _add_run(p, text[pos:stop])
                pos = stop

        for k, (number, claim) in enumerate(claims):
            first_r, last_r = first[k], last[k]
            if first_r is None or last_r is None:
                continue  # the span covers only blank lines: nothing to anchor on
            self.add_comment(first_r, last_r, number, claim)

    def add_comment(self, first: CT_R, last: CT_R, number: int, claim: Claim) -> None:
        """A Word comment over the runs ``first``…``last``: the verdict, then the rationale."""
        label = _xml_safe(claim.verdict) if claim.verdict else NO_VERDICT_LABEL
        lines = [f"Claim {number} — Verdict: {label}"]
        lines += [_xml_safe(line) for line in claim.rationale.splitlines() if line.strip()]
        author = _xml_safe(claim.updated_by or claim.created_by or self.report.author)
        # NOTE: python-docx picks each new comment id by reading every existing id (O(comments)),
        # so comments are quadratic there: ~0.6 s of a 1,000-claim report, ~8 s of 3,000. We keep
        # the library's API all the same; building w:comment ourselves would remove it. The text
        # is added as elements, as Comments.add_comment(text=…) goes through slow generic setters.
        comment = self.comments.add_comment(text="", author=author, initials=_initials(author))
        p = comment.paragraphs[0]._p
        _add_run(p, lines[0])
        for line in lines[1:]:
            following = _new_paragraph("CommentText")
            _add_run(following, line)
            p.addnext(following)
            p = following
        Run(first, self.document).mark_comment_range(Run(last, self.document), comment.comment_id)
