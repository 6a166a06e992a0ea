"""Build resources/templates/report.docx: the house style of the Word report.

The exporter opens this template (or a newsroom's own, with the same style names) and
writes the report into it, so the look lives here and not in the exporter's code:
page size and margins, fonts, and the named styles below. Run it again after a change:

    .venv/bin/python resources/templates/make_report_template.py

Styles the exporter uses (a user template may define any of them; a missing one falls back
to a built-in style, or to Normal):

    paragraph   Report Title, Report Subtitle, Report Cover Detail, Heading 1, Heading 2,
                Claim Quote, Report Label, Report Note, Report Warning, Source Entry,
                Article Text, Table Text, Header, Footer
    character   Verdict, Hyperlink
    table       Report Table
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "report.docx"

SANS = "Calibri"  # Word's default face, on every Word install (Carlito is its metric twin)
SERIF = "Cambria"  # for the article text, as it read in print (Caladea is its metric twin)
INK = RGBColor(0x1A, 0x1A, 0x1A)
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
AMBER = RGBColor(0x9A, 0x4A, 0x00)
RULE = "1F3864"
LIGHT_RULE = "BFBFBF"

# What may follow w:pBdr inside w:pPr (ECMA-376 CT_PPrBase).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _paragraph_border(style: BaseStyle, side: str, colour: str, size_eighths: int, space_pt: int) -> None:
    """A rule along one side of every paragraph in ``style`` (w:pBdr has no python-docx API)."""
    properties = style.element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # NOTE: Word refuses a file whose w:pPr children are out of schema order.
        properties.insert_element_before(borders, *_AFTER_PBDR)
    edge = OxmlElement(f"w:{side}")
    for attribute, value in (("val", "single"), ("sz", size_eighths), ("space", space_pt), ("color", colour)):
        edge.set(qn(f"w:{attribute}"), str(value))
    borders.append(edge)


def _set_font(style: BaseStyle, name: str) -> None:
    """Name the face outright: a theme font attribute (w:asciiTheme…) would win over it."""
    style.font.name = name
    fonts = style.element.rPr.rFonts
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)


def _paragraph_style(document: docx.document.Document, name: str, base: str = "Normal") -> BaseStyle:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def build(path: Path = OUTPUT) -> Path:
    document = docx.Document()
    styles = document.styles

    section = document.sections[0]
    # A4: most of the newsrooms we work with print on it; a US newsroom uses its own template.
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)

    normal = styles["Normal"]
    _set_font(normal, SANS)
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    for name, size in (("Header", 8.5), ("Footer", 8.5)):
        style = styles[name]
        _set_font(style, SANS)
        style.font.size = Pt(size)
        style.font.color.rgb = GREY
        style.paragraph_format.space_after = Pt(0)

    heading1 = styles["Heading 1"]
    _set_font(heading1, SANS)
    heading1.font.size = Pt(17)
    heading1.font.bold = True
    heading1.font.color.rgb = NAVY
    heading1.paragraph_format.space_before = Pt(6)
    heading1.paragraph_format.space_after = Pt(8)
    heading1.paragraph_format.keep_with_next = True
    _paragraph_border(heading1, "bottom", RULE, 6, 4)

    heading2 = styles["Heading 2"]
    _set_font(heading2, SANS)
    heading2.font.size = Pt(13)
    heading2.font.bold = True
    heading2.font.color.rgb = NAVY
    heading2.paragraph_format.space_before = Pt(16)
    heading2.paragraph_format.space_after = Pt(4)
    heading2.paragraph_format.keep_with_next = True
    _paragraph_border(heading2, "top", LIGHT_RULE, 4, 8)

    title = _paragraph_style(document, "Report Title")
    _set_font(title, SANS)
    title.font.size = Pt(28)
    title.font.bold = True
    title.font.color.rgb = NAVY
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.line_spacing = 1.0
    title.paragraph_format.keep_with_next = True

    subtitle = _paragraph_style(document, "Report Subtitle")
    _set_font(subtitle, SANS)
    subtitle.font.size = Pt(15)
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(18)
    _paragraph_border(subtitle, "bottom", RULE, 12, 10)

    detail = _paragraph_style(document, "Report Cover Detail")
    detail.font.size = Pt(11)
    detail.paragraph_format.space_after = Pt(3)

    quote = _paragraph_style(document, "Claim Quote")
    _set_font(quote, SERIF)
    quote.font.size = Pt(12)
    quote.font.italic = True
    quote.paragraph_format.left_indent = Cm(0.5)
    quote.paragraph_format.space_before = Pt(2)
    quote.paragraph_format.space_after = Pt(4)
    quote.paragraph_format.keep_with_next = True
    _paragraph_border(quote, "left", RULE, 18, 8)

    label = _paragraph_style(document, "Report Label")
    label.font.bold = True
    label.font.size = Pt(9)
    label.font.all_caps = True
    label.font.color.rgb = NAVY
    label.paragraph_format.space_before = Pt(8)
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True

    note = _paragraph_style(document, "Report Note")
    note.font.size = Pt(9)
    note.font.color.rgb = GREY
    note.paragraph_format.space_after = Pt(3)

    warning = _paragraph_style(document, "Report Warning")
    warning.font.bold = True
    warning.font.color.rgb = AMBER
    warning.paragraph_format.space_before = Pt(4)
    warning.paragraph_format.space_after = Pt(4)
    warning.paragraph_format.keep_with_next = True

    source = _paragraph_style(document, "Source Entry")
    source.font.size = Pt(9.5)
    source.paragraph_format.left_indent = Cm(0.9)
    source.paragraph_format.first_line_indent = Cm(-0.9)
    source.paragraph_format.space_after = Pt(3)
    source.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))

    article = _paragraph_style(document, "Article Text")
    _set_font(article, SERIF)
    article.font.size = Pt(11)
    article.paragraph_format.space_after = Pt(7)
    article.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    article.paragraph_format.line_spacing = 1.2

    table_text = _paragraph_style(document, "Table Text")
    table_text.font.size = Pt(9.5)
    table_text.paragraph_format.space_before = Pt(1)
    table_text.paragraph_format.space_after = Pt(1)
    table_text.paragraph_format.line_spacing = 1.0

    verdict = styles.add_style("Verdict", WD_STYLE_TYPE.CHARACTER)
    verdict.quick_style = True
    verdict.font.bold = True

    table = styles.add_style("Report Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Normal Table"]
    table.quick_style = True
    # NOTE: horizontal rules only, as newspapers set tables; cell margins give the text air.
    table.element.append(
        parse_xml(
            '<w:tblPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:tblBorders>"
            f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{RULE}"/>'
            f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{RULE}"/>'
            f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{LIGHT_RULE}"/>'
            "</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="29" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="29" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )

    properties = document.core_properties
    properties.title = "Fact-check report"
    properties.author = "Factcheck App"
    properties.comments = "House style of the Factcheck App Word report. Keep the style names when restyling."
    properties.revision = 1
    document.save(str(path))
    return path


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"wrote {written}")
