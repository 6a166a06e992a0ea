"""Write the article fixtures in tests/data/articles (good) and tests/data/bad (refused).

Run from the repository root whenever the fixtures must change:

    .venv/bin/python tests/data/make_fixtures.py

Every good fixture carries the same short news article, written for these tests (the
Eastgate bridge story below), so tests can check that each format yields the same
sentences. Binary files are produced by the real tools (python-docx, pypdf, Qt's PDF
writer) so the readers meet what analysts receive; broken files are real files broken in
the way they break in practice (cut short, wrong container, encrypted, bombs).

The tests import this module for ``ARTICLE`` and its helpers; writing happens only when
it is run as a script, and Qt is imported only to draw the PDFs.
"""

from __future__ import annotations

import bz2  # noqa: F401 - ZIP_BZIP2 needs it; imported early so a missing module fails loudly
import io
import os
import random
import struct
import sys
import textwrap
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
BAD = HERE / "bad"

SOFT = "\u00ad"  # soft hyphen: where the PDF layout may break a word


@dataclass(frozen=True)
class Article:
    headline: str
    standfirst: str
    author: str
    byline: str
    published: str  # ISO date
    site_name: str
    url: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (subheading or "", paragraphs)
    table_caption: str
    table: tuple[tuple[str, str], ...]

    def paragraphs(self) -> list[str]:
        """Every body paragraph, without soft hyphens."""
        return [plain(paragraph) for _, paragraphs in self.sections for paragraph in paragraphs]

    def subheadings(self) -> list[str]:
        return [heading for heading, _ in self.sections if heading]


def plain(text: str) -> str:
    return text.replace(SOFT, "")


ARTICLE = Article(
    headline="Millbrook delays Eastgate bridge repairs as cost estimate doubles",
    standfirst=(
        "Council engineers found corrosion far worse than a 2022 survey suggested; "
        "a temporary crossing will open in May."
    ),
    author="Marta Suárez",
    byline="By Marta Suárez, local democracy reporter",
    published="2025-03-14",
    site_name="The Millbrook Herald",
    url="https://www.millbrook-herald.example/news/2025/03/14/eastgate-bridge-repairs-delayed",
    sections=(
        (
            "",
            (
                "Repairs to the Eastgate footbridge in Millbrook will start eighteen months later than planned, "
                f"after the council’s en{SOFT}gi{SOFT}neers found that corrosion in the steel deck was far worse "
                "than a 2022 survey had suggested.",
                "The new estimate puts the cost of the work at £4.2 million, more than twice the £1.9 million "
                f"that councillors approved two years ago. “We cannot re{SOFT}spon{SOFT}si{SOFT}bly spend public "
                "money on a design that no longer fits the structure we actually have,” said Priya Lindqvist, "
                f"the council’s head of in{SOFT}fra{SOFT}struc{SOFT}ture.",
                f"About 6,500 pe{SOFT}des{SOFT}tri{SOFT}ans and cyclists cross the bridge on an average weekday, "
                "according to the council’s own counts. Since November a weight limit has barred cargo bikes and "
                "mobility scooters heavier than 150 kilograms, which traders on the east bank say has cut their "
                "takings by a third.",
            ),
        ),
        (
            "What the survey found",
            (
                "Inspectors drilled 40 samples from the deck and found that a quarter of them had lost more than "
                "30 per cent of their original thickness. The 2022 survey, which relied on visual checks made from "
                f"the riverbank, had rated the deck as “fair” and rec{SOFT}om{SOFT}mend{SOFT}ed only repainting.",
                f"Opposition councillor Tom Ekwueme said the delay was “entirely pre{SOFT}dict{SOFT}able” and "
                f"accused the ad{SOFT}min{SOFT}is{SOFT}tra{SOFT}tion of ignoring warnings from its own staff. The "
                "council denies this and says the earlier survey followed national guidance for structures of "
                "this age.",
            ),
        ),
        (
            "What happens next",
            (
                "A temporary crossing will open beside the bridge in May, the council said. Work on the permanent "
                "repair is now expected to begin in the autumn of 2026 and to take about fourteen months, during "
                "which the old deck will be lifted out in three sections.",
                "Residents can read the engineers’ report at the town hall library until 30 April.",
            ),
        ),
    ),
    table_caption="Eastgate bridge in figures",
    table=(
        ("Opened", "1974"),
        ("Weekday crossings", "6,500"),
        ("Approved budget (2023)", "£1.9 million"),
        ("New estimate", "£4.2 million"),
    ),
)

# Words that page furniture, navigation and ads use and the article never does.
PAGE_FURNITURE = (
    "Accept all cookies",
    "Subscribe for £1 a week",
    "Advertisement",
    "Related stories",
    "Cargo bike couriers protest",
    "Most read",
    "Town hall clock",
    "All rights reserved",
    "Privacy policy",
    "trackPage",
    "dataLayer",
    "Share this story",
    "Sign up to our newsletter",
)


# --- plain text and Markdown -------------------------------------------------------------


def article_plain_text(newline: str = "\n") -> str:
    """The article as a newsroom .txt: one paragraph per line, subheadings on their own line."""
    lines = [ARTICLE.headline, ARTICLE.standfirst, ARTICLE.byline]
    for heading, paragraphs in ARTICLE.sections:
        if heading:
            lines.append(heading)
        lines.extend(plain(paragraph) for paragraph in paragraphs)
    return newline.join(lines) + newline


def article_hard_wrapped() -> str:
    """The article as wire copy: paragraphs wrapped at 70 columns, separated by blank lines."""
    paragraphs = [ARTICLE.headline, ARTICLE.standfirst, ARTICLE.byline]
    for heading, texts in ARTICLE.sections:
        if heading:
            paragraphs.append(heading)
        paragraphs.extend(plain(text) for text in texts)
    return "\n\n".join(textwrap.fill(paragraph, width=70) for paragraph in paragraphs) + "\n"


def article_markdown() -> str:
    parts = [f"# {ARTICLE.headline}", f"_{ARTICLE.standfirst}_", ARTICLE.byline]
    for heading, texts in ARTICLE.sections:
        if heading:
            parts.append(f"## {heading}")
        # Markdown authors wrap their source lines; the reader must join them again.
        parts.extend(textwrap.fill(plain(text), width=80) for text in texts)
    parts.append(f"{ARTICLE.table_caption}\n{'-' * len(ARTICLE.table_caption)}")
    parts.append("\n".join(f"- {label}: {value}" for label, value in ARTICLE.table))
    return "\n\n".join(parts) + "\n"


# --- Word ----------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def article_docx_bytes() -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading(ARTICLE.headline, level=0)  # the "Title" style
    document.add_paragraph(ARTICLE.standfirst).runs[0].italic = True
    document.add_paragraph(ARTICLE.byline)
    for index, (heading, texts) in enumerate(ARTICLE.sections):
        if heading:
            document.add_heading(heading, level=2)
        for text in texts:
            paragraph = document.add_paragraph()
            if index == 0 and text is texts[0]:
                # A subeditor's tracked changes: "start" inserted, "begin" deleted.
                # Word shows the insertion, not the deletion; so must the importer.
                words = plain(text).split(" start ", 1)
                paragraph.add_run(words[0] + " ")
                inserted = OxmlElement("w:ins")
                inserted.set(qn("w:id"), "1")
                inserted.set(qn("w:author"), "Subeditor")
                inserted.append(_run_element("start"))
                paragraph._p.append(inserted)
                deleted = OxmlElement("w:del")
                deleted.set(qn("w:id"), "2")
                deleted.set(qn("w:author"), "Subeditor")
                run = OxmlElement("w:r")
                deleted_text = OxmlElement("w:delText")
                deleted_text.text = "begin"
                run.append(deleted_text)
                deleted.append(run)
                paragraph._p.append(deleted)
                paragraph.add_run(" " + words[1])
            else:
                paragraph.add_run(plain(text))
        if heading == "What the survey found":
            document.add_paragraph(ARTICLE.table_caption, style="Caption")
            table = document.add_table(rows=0, cols=2)
            for label, value in ARTICLE.table:
                cells = table.add_row().cells
                cells[0].text = label
                cells[1].text = value
    properties = document.core_properties
    properties.title = ARTICLE.headline
    properties.author = ARTICLE.author
    properties.created = datetime(2025, 3, 14, 7, 30, tzinfo=UTC)
    properties.modified = datetime(2025, 3, 14, 18, 40, tzinfo=UTC)
    properties.last_modified_by = "Subeditor"
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


def _run_element(text: str):  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.text = text
    run.append(element)
    return run


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same package with some members replaced or added, at maximum compression."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(_fixed_info(info.filename), replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(_fixed_info(name), content)
    return out.getvalue()


def _fixed_info(name: str) -> zipfile.ZipInfo:
    """A member with a fixed date, so rerunning the script gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2025, 3, 14, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def macro_docm_bytes(docx_bytes: bytes) -> bytes:
    """The article saved as a macro-enabled document (.docm) with a (harmless) VBA part."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    types = source.read("[Content_Types].xml").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ).replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    rels = source.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>',
    )
    vba = OLE_SIGNATURE + b'Attribute VB_Name = "ThisDocument"\r\nSub AutoOpen()\r\n  Shell "calc.exe"\r\nEnd Sub\r\n'
    return _rezip(
        docx_bytes,
        replace={"[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode()},
        add={"word/vbaProject.bin": vba},
    )


# --- OLE compound files (encrypted Office documents, old .doc) -----------------------------

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(streams: list[tuple[str, bytes]]) -> bytes:
    """A minimal valid compound file (CFB v3) holding ``streams`` in its root storage.

    Streams are padded to at least 4096 bytes so they live in ordinary sectors (no mini
    stream needed). Sector 0 is the FAT, sector 1 the directory, then the stream data.
    """
    assert len(streams) <= 3
    streams = [(name, content.ljust(4096, b"\x00")) for name, content in streams]
    sector = 512
    fat = [_FAT, _END]
    starts = []
    for _, content in streams:
        count = -(-len(content) // sector)
        first = len(fat)
        starts.append(first)
        fat.extend(first + index + 1 for index in range(count - 1))
        fat.append(_END)
    assert len(fat) <= 128
    fat.extend([_FREE] * (128 - len(fat)))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\x00" * 16
            + struct.pack("<I", 0)
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    # Children of the root form a binary tree ordered by (name length, upper-case name).
    order = sorted(range(len(streams)), key=lambda index: (len(streams[index][0]), streams[index][0].upper()))
    ids = {index: position + 1 for position, index in enumerate(order)}
    directory = [entry("Root Entry", 5, _NOSTREAM, _NOSTREAM, ids[order[0]], _END, 0)]
    for position, index in enumerate(order):
        right = ids[order[position + 1]] if position + 1 < len(order) else _NOSTREAM
        name, content = streams[index]
        directory.append(entry(name, 2, _NOSTREAM, right, _NOSTREAM, starts[index], len(content)))
    while len(directory) < 4:
        directory.append(entry("", 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, 0, 0))
    header = (
        OLE_SIGNATURE
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    assert len(header) == 512
    body = struct.pack("<128I", *fat) + b"".join(directory)
    for _, content in streams:
        body += content.ljust(-(-len(content) // sector) * sector, b"\x00")
    return header + body


def encrypted_docx_bytes() -> bytes:
    """What Word writes for "Encrypt with password": an OLE file around the encrypted package."""
    rng = random.Random(7)
    info = (
        struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="dGVzdHNhbHR0ZXN0c2FsdA=="/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 9000) + bytes(rng.randrange(256) for _ in range(9008))
    return ole_file([("EncryptionInfo", info), ("EncryptedPackage", package)])


def legacy_doc_bytes() -> bytes:
    rng = random.Random(11)
    return ole_file([("WordDocument", bytes(rng.randrange(256) for _ in range(5000))), ("1Table", b"\x00" * 4096)])


# --- web pages ----------------------------------------------------------------------------


def article_html() -> str:
    """A saved news page: the article among nav, ads, a cookie banner, scripts and footers."""
    a = ARTICLE
    body: list[str] = []
    for index, (heading, texts) in enumerate(a.sections):
        if heading:
            body.append(f"<h2>{heading}</h2>")
        for number, text in enumerate(texts):
            body.append(f"<p>{plain(text)}</p>")
            if index == 0 and number == 1:
                body.append(
                    '<aside class="related-stories"><h3>Related stories</h3><ul>'
                    '<li><a href="/news/2024/11/20/cargo-bikes">Cargo bike couriers protest bridge weight limit</a></li>'
                    '<li><a href="/news/2024/06/02/river-festival">River festival returns with dragon boat race</a></li>'
                    "</ul></aside>"
                    '<div class="ad ad-inline" id="ad-inline-1"><p class="ad-label">Advertisement</p>'
                    '<script>loadAd("inline-1", {size: [300, 250]});</script>'
                    '<iframe src="https://ads.adnetwork.example/frame?slot=inline-1" width="300" height="250"></iframe>'
                    "</div>"
                )
        if heading == "What the survey found":
            rows = "".join(f"<tr><th scope='row'>{label}</th><td>{value}</td></tr>" for label, value in a.table)
            body.append(f"<table class='factbox'><caption>{a.table_caption}</caption>{rows}</table>")
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{a.headline} | {a.site_name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{a.standfirst}">
<meta name="author" content="{a.author}">
<meta property="og:type" content="article">
<meta property="og:title" content="{a.headline}">
<meta property="og:site_name" content="{a.site_name}">
<meta property="og:url" content="{a.url}">
<meta property="og:image" content="https://cdn.millbrook-herald.example/images/eastgate-1200.jpg">
<meta property="article:published_time" content="{a.published}T07:30:00+00:00">
<meta property="article:modified_time" content="{a.published}T18:40:00+00:00">
<link rel="canonical" href="{a.url}">
<link rel="stylesheet" href="https://cdn.millbrook-herald.example/css/site.css">
<script async src="https://ads.adnetwork.example/tag.js"></script>
<script>window.dataLayer = window.dataLayer || []; function trackPage(id) {{ dataLayer.push({{page: id}}); }}</script>
</head>
<body class="article-page">
<div class="cookie-banner" role="dialog"><p>We use cookies to give you the best experience on our site.</p>
<button>Accept all cookies</button> <button>Manage settings</button></div>
<header class="site-header">
<a class="logo" href="/"><img src="https://cdn.millbrook-herald.example/images/logo.svg" alt="{a.site_name}"></a>
<nav class="main-nav" aria-label="Sections"><ul>
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/business">Business</a></li>
<li><a href="/whats-on">What’s on</a></li><li><a href="/subscribe">Subscribe for £1 a week</a></li>
</ul></nav>
</header>
<div class="ad ad-leaderboard"><p class="ad-label">Advertisement</p>
<iframe src="https://ads.adnetwork.example/frame?slot=top" width="728" height="90"></iframe></div>
<main id="content">
<article class="story">
<header>
<h1 class="headline">{a.headline}</h1>
<p class="standfirst">{a.standfirst}</p>
<p class="byline">By <a rel="author" href="/authors/marta-suarez">{a.author}</a>, local democracy reporter ·
<time datetime="{a.published}T07:30:00Z">Friday 14 March 2025</time></p>
</header>
<figure><img src="https://cdn.millbrook-herald.example/images/eastgate-bridge.jpg"
 alt="The Eastgate footbridge seen from the east bank" width="800" height="450">
<figcaption>The Eastgate footbridge seen from the east bank. Photo: Herald staff</figcaption></figure>
<div class="story-body">
{chr(10).join(body)}
</div>
<div class="share-tools">Share this story: <a href="#">Facebook</a> <a href="#">Email</a></div>
<div class="newsletter"><p>Sign up to our newsletter for the day’s local news.</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
</article>
<section class="most-read"><h2>Most read</h2><ol>
<li><a href="/news/1">Town hall clock to chime again after 12 years of silence</a></li>
<li><a href="/news/2">New cycle lane on Station Road opens next week</a></li>
<li><a href="/news/3">Millbrook Rovers sign striker from league rivals</a></li>
</ol></section>
</main>
<footer class="site-footer">
<nav><a href="/about">About us</a> · <a href="/contact">Contact</a> · <a href="/privacy">Privacy policy</a></nav>
<p>© 2025 {a.site_name} Ltd. All rights reserved.</p>
</footer>
<script>document.addEventListener("DOMContentLoaded", function () {{ trackPage("eastgate"); }});</script>
<noscript><img src="https://tracker.example/pixel.gif?page=eastgate" width="1" height="1" alt=""></noscript>
</body>
</html>
"""


def nav_only_html() -> str:
    """A page saved before its JavaScript loaded the story: only furniture and scripts."""
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Millbrook Herald</title>
<script src="https://cdn.millbrook-herald.example/js/app.js"></script>
<script>window.__STATE__ = {"story": null, "trackPage": "home"};</script></head>
<body>
<div class="cookie-banner"><p>We use cookies.</p><button>Accept all cookies</button></div>
<header><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe for £1 a week</a></li></ul></nav></header>
<div id="app"><div class="spinner">Loading…</div></div>
<div class="ad"><p>Advertisement</p><iframe src="https://ads.adnetwork.example/frame?slot=top"></iframe></div>
<footer><a href="/privacy">Privacy policy</a> · © 2025 The Millbrook Herald Ltd. All rights reserved.</footer>
</body></html>
"""


def article_mhtml(html: str) -> bytes:
    """The page as Chrome's "Webpage, single file" (.mhtml): MIME parts, quoted-printable HTML."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = ARTICLE.url
    message["Subject"] = ARTICLE.headline
    message["Date"] = "Fri, 14 Mar 2025 10:00:00 -0000"
    message.set_boundary("----MultipartBoundary--millbrook----")
    page = MIMEText(html, "html", "utf-8")
    del page["Content-Transfer-Encoding"]
    page.set_payload(_quoted_printable(html))
    page["Content-Transfer-Encoding"] = "quoted-printable"
    page["Content-Location"] = ARTICLE.url
    message.attach(page)
    style = MIMEText("body { font-family: Georgia, serif; }\n", "css", "utf-8")
    style["Content-Location"] = "https://cdn.millbrook-herald.example/css/site.css"
    message.attach(style)
    return message.as_bytes()


def _quoted_printable(text: str) -> str:
    import quopri

    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


# --- PDF ------------------------------------------------------------------------------------


def _qt_app():  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_HASH_SEED", "0")  # Qt orders font subsets by hash: fix it for stable bytes
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def _wrap(text: str, metrics, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Greedy line breaking that hyphenates at soft hyphens, as a typesetter does."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(plain(candidate)) <= width:
            current = candidate
            continue
        parts = word.split(SOFT)
        for cut in range(len(parts) - 1, 0, -1):
            head = "".join(parts[:cut]) + "-"
            attempt = f"{current} {head}" if current else head
            if metrics.horizontalAdvance(plain(attempt)) <= width:
                lines.append(attempt)
                current = SOFT.join(parts[cut:])
                break
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [plain(line) for line in lines]


def article_pdf_bytes(*, repeat: int = 1, break_inside: str = "Inspectors drilled") -> bytes:
    """The article typeset on A5 pages with a running header and page numbers.

    The page height is chosen so that page 1 ends two lines into the paragraph starting
    with ``break_inside``: that paragraph's sentence crosses the page break. ``repeat``
    sets the body several times (for timing a long PDF).
    """
    _qt_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSizeF
    from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

    width_pt, margin = 420.0, 48.0
    text_width = width_pt - 2 * margin

    def font(family: str, size: float, bold: bool = False) -> QFont:
        result = QFont(family)
        result.setPointSizeF(size)
        result.setBold(bold)
        return result

    fonts = {
        "h1": font("DejaVu Sans", 17, True),
        "h2": font("DejaVu Sans", 12, True),
        "standfirst": font("DejaVu Serif", 11),
        "byline": font("DejaVu Sans", 8.5),
        "p": font("DejaVu Serif", 10),
        "furniture": font("DejaVu Sans", 7.5),
    }
    blocks: list[tuple[str, str]] = [
        ("h1", ARTICLE.headline),
        ("standfirst", ARTICLE.standfirst),
        ("byline", ARTICLE.byline),
    ]
    for copy in range(repeat):
        for heading, texts in ARTICLE.sections:
            if heading:
                blocks.append(("h2", heading if copy == 0 else f"{heading} ({copy + 1})"))
            blocks.extend(("p", text) for text in texts)

    # Lay out as one long galley: (kind, line, baseline from the galley top, first line of a
    # block). The measure is narrowed until a word is hyphenated at a line end, as a
    # typesetter's justification would do, so the fixture always has "exam-" / "ple".
    for measure in range(int(text_width), int(text_width) - 60, -1):
        galley: list[tuple[str, str, float, bool]] = []
        y = 0.0
        for kind, text in blocks:
            metrics = QFontMetricsF(fonts[kind])
            leading = fonts[kind].pointSizeF() * (1.25 if kind.startswith("h") else 1.45)
            y += fonts[kind].pointSizeF() * (1.2 if kind.startswith("h") and galley else 0.6)
            for index, line in enumerate(_wrap(text, metrics, measure)):
                y += leading
                galley.append((kind, line, y, index == 0))
        if any(line.endswith("-") for _, line, _, _ in galley):
            break
    else:
        raise SystemExit("no measure hyphenates a word: change the article text")
    target = next(i for i, item in enumerate(galley) if item[3] and item[1].startswith(break_inside))
    page_body = galley[target + 1][2] + 2.0  # page 1 ends after the paragraph's second line
    top, bottom = margin + 18.0, margin + 16.0
    height_pt = top + page_body + bottom

    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(device)
    writer.setPageSize(QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "Article"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setResolution(72)
    writer.setTitle(ARTICLE.headline)
    writer.setAuthor(ARTICLE.author)
    writer.setCreator("Millbrook Herald print edition")
    _fixed_identity(writer, ARTICLE.headline)
    painter = QPainter(writer)
    page = 1
    offset = 0.0

    def furniture(number: int) -> None:
        painter.setFont(fonts["furniture"])
        painter.drawText(QPointF(margin, margin), f"{ARTICLE.site_name} · Friday 14 March 2025")
        label = str(number)
        label_width = QFontMetricsF(fonts["furniture"]).horizontalAdvance(label)
        painter.drawText(QPointF((width_pt - label_width) / 2, height_pt - margin + 4), label)

    furniture(page)
    for kind, line, baseline, _ in galley:
        if baseline - offset > page_body:
            writer.newPage()
            page += 1
            furniture(page)
            offset = baseline - fonts[kind].pointSizeF() * 1.45
        painter.setFont(fonts[kind])
        painter.drawText(QPointF(margin, top + baseline - offset), line)
    painter.end()
    device.close()
    return _with_info(bytes(buffer.data()))


def _fixed_identity(writer, title: str) -> None:  # type: ignore[no-untyped-def]
    """A fixed document id and XMP packet: Qt otherwise writes a random id and "now"."""
    from PySide6.QtCore import QByteArray, QUuid

    writer.setDocumentId(QUuid("{6f1c2a52-3b0e-4c1e-9d55-0e5b2f1a7c14}"))
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{ARTICLE.author}</rdf:li></rdf:Seq></dc:creator>"
        "<xmp:CreateDate>2025-03-14T07:30:00Z</xmp:CreateDate>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    writer.setDocumentXmpMetadata(QByteArray(xmp.encode("utf-8")))


def _with_info(data: bytes, **extra: str) -> bytes:
    """Set a fixed creation date (Qt writes "now") so the fixture is reproducible."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata(
        {
            "/Title": ARTICLE.headline,
            "/Author": ARTICLE.author,
            "/Creator": "Millbrook Herald print edition",
            "/Producer": "Qt",
            "/CreationDate": "D:20250314073000Z",
            "/ModDate": "D:20250314184000Z",
            **extra,
        }
    )
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf_bytes() -> bytes:
    """A "scan": the first paragraph rendered to a greyscale image, no text layer at all."""
    _qt_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    image = QImage(420, 300, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Serif", 9))
    painter.drawText(
        QRectF(20, 20, 380, 260), Qt.TextFlag.TextWordWrap, f"{ARTICLE.headline}\n\n{ARTICLE.paragraphs()[0]}"
    )
    painter.end()

    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(device)
    writer.setPageSize(QPageSize(QSizeF(420, 300), QPageSize.Unit.Point, "Scan"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setResolution(72)
    _fixed_identity(writer, "Scan 2025-03-14 09.12.44")
    pdf = QPainter(writer)
    pdf.drawImage(QRectF(0, 0, 420, 300), image)
    pdf.end()
    device.close()
    return _with_info(bytes(buffer.data()), **{"/Title": "Scan 2025-03-14 09.12.44"})


def encrypted_pdf_bytes(source: bytes, user_password: str) -> bytes:
    import types
    from unittest import mock

    import pypdf._writer
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    # pypdf draws a random second file identifier when encrypting; fix it for stable bytes.
    fixed = types.SimpleNamespace(token_bytes=lambda size: bytes(range(size)))
    with mock.patch.object(pypdf._writer, "secrets", fixed):
        writer.encrypt(user_password=user_password, owner_password="herald-archive", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def labelled_pdf_bytes(source: bytes, first_page: int) -> bytes:
    """The pages as an excerpt of a magazine: printed page numbers start at ``first_page``."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.set_page_label(0, len(writer.pages) - 1, style="/D", start=first_page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- small broken things -------------------------------------------------------------------


def png_bytes() -> bytes:
    """A real 8×8 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes((x * 32) % 256 for x in range(8)) for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def not_word_zip_bytes() -> bytes:
    """A ZIP that is not a Word file: photos and a caption list, as mailed by a stringer."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_fixed_info("captions.txt"), "1. The Eastgate footbridge from the east bank\n")
        archive.writestr(_fixed_info("eastgate-01.png"), png_bytes())
    return out.getvalue()


def odt_like_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=(2025, 3, 14, 9, 0, 0))
        archive.writestr(info, "application/vnd.oasis.opendocument.text")
        archive.writestr(_fixed_info("content.xml"), "<office:document-content/>")
    return out.getvalue()


def zip_bomb_ratio_bytes() -> bytes:
    """A .docx whose document.xml claims 60 MB of zeros in about 60 KB (ratio ~1000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(_fixed_info("[Content_Types].xml"), '<?xml version="1.0"?><Types/>')
        info = _fixed_info("word/document.xml")
        with archive.open(info, "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(60):
                member.write(block)
    return out.getvalue()


def zip_bomb_total_bytes() -> bytes:
    """A .docx of 150 members of 1.9 MB each (bzip2): no single member looks odd, the sum is 285 MB."""
    out = io.BytesIO()
    block = b"\x00" * (1900 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2, compresslevel=9) as archive:
        archive.writestr(_fixed_info("word/document.xml"), "<w:document/>")
        for index in range(150):
            info = zipfile.ZipInfo(f"word/media/image{index:03}.bin", date_time=(2025, 3, 14, 9, 0, 0))
            info.compress_type = zipfile.ZIP_BZIP2
            archive.writestr(info, block)
    return out.getvalue()


def damaged_xml_docx_bytes(docx_bytes: bytes) -> bytes:
    """A .docx whose document.xml was cut mid-element (a crashed save)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    xml = source.read("word/document.xml")
    return _rezip(docx_bytes, replace={"word/document.xml": xml[: len(xml) // 2]})


def blank_docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


# --- writing ----------------------------------------------------------------------------------


def write_all() -> dict[str, int]:
    ARTICLES.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    text = article_plain_text()
    docx_bytes = article_docx_bytes()
    html = article_html()
    pdf = article_pdf_bytes()
    good = {
        "bridge-utf8.txt": text.encode("utf-8"),
        "bridge-utf16.txt": article_plain_text("\r\n").encode("utf-16"),
        "bridge-cp1252.txt": article_plain_text("\r\n").encode("cp1252"),
        "bridge-wrapped.txt": article_hard_wrapped().encode("utf-8"),
        "bridge.md": article_markdown().encode("utf-8"),
        "bridge.docx": docx_bytes,
        "bridge-macro.docm": macro_docm_bytes(docx_bytes),
        "bridge.html": html.encode("utf-8"),
        "bridge-cp1252.htm": html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').encode("cp1252"),
        "bridge.mhtml": article_mhtml(html),
        "bridge.pdf": pdf,
        "bridge-print-restricted.pdf": encrypted_pdf_bytes(pdf, user_password=""),
        "bridge-pages-12-13.pdf": labelled_pdf_bytes(pdf, 12),
    }
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \r\n\n \t\n",
        "junk.bin": random.Random(3).randbytes(4096),
        "photo.txt": png_bytes(),
        "invalid-utf8.txt": b"\xef\xbb\xbfThe council said \xff\xfe\xfd the bridge\n",
        "truncated.docx": docx_bytes[: len(docx_bytes) // 2],
        "damaged-xml.docx": damaged_xml_docx_bytes(docx_bytes),
        "blank.docx": blank_docx_bytes(),
        "photos.docx": not_word_zip_bytes(),
        "story.odt": odt_like_bytes(),
        "zip-bomb.docx": zip_bomb_ratio_bytes(),
        "zip-bomb-many-parts.docx": zip_bomb_total_bytes(),
        "encrypted.docx": encrypted_docx_bytes(),
        "legacy.doc": legacy_doc_bytes(),
        "encrypted.pdf": encrypted_pdf_bytes(pdf, user_password="millbrook"),
        "scanned.pdf": scanned_pdf_bytes(),
        "truncated.pdf": pdf[: int(len(pdf) * 0.6)],
        "nav-only.html": nav_only_html().encode("utf-8"),
        "notes.rtf": b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Eastgate bridge notes\\par}\n",
    }
    sizes: dict[str, int] = {}
    for folder, files in ((ARTICLES, good), (BAD, bad)):
        for name, content in files.items():
            (folder / name).write_bytes(content)
            sizes[f"{folder.name}/{name}"] = len(content)
    return sizes


if __name__ == "__main__":
    for path, size in write_all().items():
        print(f"{size:>8,}  {path}")
