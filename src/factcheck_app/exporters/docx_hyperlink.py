"""Clickable links in python-docx documents, which has a reader API for them but no writer.

A Word hyperlink is a ``w:hyperlink`` element around ordinary runs. An external link's
``r:id`` names an external relationship of the document part whose target is the URL; an
internal link's ``w:anchor`` names a bookmark (``w:bookmarkStart``/``w:bookmarkEnd``) in
the same document, which is how a table row jumps to the section it summarises.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import RGBColor
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

HYPERLINK_STYLE_NAME = "Hyperlink"
LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)  # Word's own "Hyperlink" colour

_HYPERLINK, _R, _RPR, _RSTYLE, _COLOR, _U, _T = (
    qn(tag) for tag in ("w:hyperlink", "w:r", "w:rPr", "w:rStyle", "w:color", "w:u", "w:t")
)
_RID, _ANCHOR, _HISTORY, _VAL, _ID, _NAME, _SPACE = (
    qn(name) for name in ("r:id", "w:anchor", "w:history", "w:val", "w:id", "w:name", "xml:space")
)
_BOOKMARK_START, _BOOKMARK_END, _PPR = qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:pPr")


def ensure_hyperlink_style(document: Document) -> str:
    """Style id of the built-in "Hyperlink" character style, added if the template lacks it."""
    styles = document.styles
    try:
        style = styles[HYPERLINK_STYLE_NAME]
    except KeyError:
        style = styles.add_style(HYPERLINK_STYLE_NAME, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = LINK_BLUE
        style.font.underline = True
        style.priority = 99
        style.unhide_when_used = True
    return style.style_id


def add_bookmark(p: BaseOxmlElement, name: str, bookmark_id: int) -> None:
    """Make the whole paragraph ``p`` the target of internal links naming ``name``.

    NOTE: Word accepts bookmark names of up to 40 letters, digits and underscores, starting
    with a letter; callers use names such as "claim_12". Ids must be unique in the document.
    """
    start = p.makeelement(_BOOKMARK_START, {_ID: str(bookmark_id), _NAME: name})
    properties = p.find(_PPR)
    if properties is not None:
        properties.addnext(start)
    else:
        p.insert(0, start)
    SubElement(p, _BOOKMARK_END, {_ID: str(bookmark_id)})


class HyperlinkWriter:
    """Adds hyperlinks to the paragraphs of one part, one relationship per distinct URL.

    NOTE: ``Part.relate_to(url, …, is_external=True)`` looks for an existing relationship and
    then for a free rId by scanning every relationship, so a report with thousands of sources
    would spend quadratic time there. We remember the rId of each URL and number new ones
    ourselves, which keeps each link O(1).
    """

    def __init__(self, part: Part, style_id: str | None = None) -> None:
        self._rels = part.rels
        self._style_id = style_id
        self._rid_by_url: dict[str, str] = {}
        self._next_number = len(self._rels) + 1

    def relationship_id(self, url: str) -> str:
        """The rId of the external relationship to ``url``, created on first use."""
        rid = self._rid_by_url.get(url)
        if rid is None:
            while f"rId{self._next_number}" in self._rels:
                self._next_number += 1
            rid = f"rId{self._next_number}"
            self._next_number += 1
            self._rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self._rid_by_url[url] = rid
        return rid

    def add(self, paragraph: Paragraph, url: str, text: str) -> Hyperlink:
        """Append a link showing ``text`` to ``paragraph``: blue, underlined, opening ``url``."""
        return Hyperlink(self.add_external(paragraph._p, url, text), paragraph)

    def add_external(self, p: BaseOxmlElement, url: str, text: str) -> BaseOxmlElement:
        """Append to the paragraph element ``p`` a link opening ``url``; return the ``w:hyperlink``."""
        return self._link(p, {_RID: self.relationship_id(url), _HISTORY: "1"}, text)

    def add_internal(self, p: BaseOxmlElement, bookmark: str, text: str) -> BaseOxmlElement:
        """Append to ``p`` a link jumping to the bookmark named ``bookmark`` in this document."""
        return self._link(p, {_ANCHOR: bookmark, _HISTORY: "1"}, text)

    def _link(self, p: BaseOxmlElement, attributes: dict[str, str], text: str) -> BaseOxmlElement:
        link = SubElement(p, _HYPERLINK, attributes)
        r = SubElement(link, _R)
        properties = SubElement(r, _RPR)
        if self._style_id:
            SubElement(properties, _RSTYLE, {_VAL: self._style_id})
        # NOTE: direct colour and underline too, so the link still looks like one when the text
        # is pasted into a document whose "Hyperlink" style differs.
        SubElement(properties, _COLOR, {_VAL: str(LINK_BLUE)})
        SubElement(properties, _U, {_VAL: "single"})
        if "\t" in text or "\n" in text or "\r" in text:
            r.text = text  # python-docx turns tabs and line ends into w:tab and w:br
        else:
            # NOTE: python-docx's text setter goes character by character; a plain w:t is 10x faster.
            t = SubElement(r, _T, {_SPACE: "preserve"})
            t.text = text
        return link
