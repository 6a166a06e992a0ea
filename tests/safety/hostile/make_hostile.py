"""Build the hostile-input corpus at test time (nothing large is committed).

Run as a script to build it into a folder for manual measurement::

    .venv/bin/python tests/safety/hostile/make_hostile.py /tmp/hostile

Every generator streams what it writes, so building a 900 MB attack costs a few MB of
memory: compressed data is made of deflate blocks ended by a full flush, which do not
refer to anything before them and can therefore be repeated as they are.
"""

from __future__ import annotations

import hashlib
import json
import random
import struct
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

WORDS = tuple(
    " ".join(
        (
            "the minister said that council budget housing report percent million figures claimed according",
            "government official study data increase decrease year last week spokesperson confirmed denied",
            "analysis survey election campaign policy statement experts evidence sources record public health",
            "tax spending unemployment rate inflation growth crime police hospital school transport energy",
        )
    ).split(" ")
)


def prose(rng: random.Random, size: int) -> str:
    """About ``size`` characters of article-like sentences (compresses 3-4 times, like real text)."""
    out: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24)))
        sentence = sentence[0].upper() + sentence[1:] + f" {rng.randint(1, 99_999):,}. "
        out.append(sentence)
        length += len(sentence)
    return "".join(out)[:size]


# -- saved web pages ------------------------------------------------------------


def _script(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_$") for _ in range(rng.randint(1, 3)))
        part = (
            f"function {name}{rng.randint(0, 9999)}(e,t,n){{var r=e[{rng.randint(0, 99)}]||{{}};"
            f'if(t&&n>{rng.randint(0, 999)})return r["{rng.choice(WORDS)}"]+t;'
            f"for(var i=0;i<n;i++)r[i]=t.charCodeAt(i)^{rng.randint(0, 255)};return r}}"
        )
        parts.append(part)
        length += len(part)
    return "".join(parts)


def _card(rng: random.Random, number: int) -> str:
    title = prose(rng, rng.randint(40, 90)).strip()
    return (
        f'<div class="card card--{number % 7}" data-id="{number}"><a href="/story/{number}" class="card__link">'
        f'<img src="/img/{number}.jpg" alt="" loading="lazy" width="320" height="180">'
        f'<span class="card__title">{title}</span></a><time datetime="2025-01-{1 + number % 28:02d}">'
        f"{1 + number % 28} Jan</time></div>"
    )


def write_web_page(path: Path, size: int, *, article_share: float = 0.2, seed: int = 19) -> Path:
    """A saved news page of about ``size`` bytes: a long article inside a big page of
    scripts, styles, navigation, "related stories" cards, comments and footers.

    ``article_share`` of the bytes are the article's paragraphs (a live blog, or a long
    report); the rest is what real saved pages are full of.
    """
    rng = random.Random(seed)
    article_bytes = int(size * article_share)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<title>Council housing figures: what the minister said | Daily Example</title>"
            "<meta property='og:title' content='Council housing figures: what the minister said'>"
            "<meta name='author' content='Sam Writer'>"
            "<meta property='article:published_time' content='2025-03-14T07:30:00Z'>"
        )
        written = 0
        # a third of what is not article: scripts and styles, in many blocks
        while written < size * (1 - article_share) / 3:
            block = f"<script>{_script(rng, 60_000)}</script>\n<style>" + (
                "".join(
                    f".c{rng.randint(0, 99999)}{{margin:{rng.randint(0, 40)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
                    for _ in range(300)
                )
                + "</style>\n"
            )
            out.write(block)
            written += len(block)
        out.write("</head><body><header><nav class='menu'>")
        out.write("".join(f"<a href='/section/{n}'>{rng.choice(WORDS).title()}</a> " for n in range(400)))
        out.write(
            "</nav><div class='cookie-banner'>We use cookies to improve your experience. Accept all</div></header>"
        )
        out.write("<main><article><header><h1>Council housing figures: what the minister said</h1>")
        out.write(
            "<p class='standfirst'>The minister's claim about new homes does not match the council's own report.</p>"
        )
        out.write("</header><div class='article-body'>")
        done = 0
        number = 0
        while done < article_bytes:
            number += 1
            if number % 25 == 0:
                chunk = f"<h2>{prose(rng, 60).strip()}</h2>"
            elif number % 40 == 0:
                chunk = f"<blockquote><p>{prose(rng, 300)}</p></blockquote>"
            else:
                chunk = f"<p>{prose(rng, rng.randint(300, 900))}</p>\n"
            out.write(chunk)
            done += len(chunk)
        out.write("</div></article><aside class='related'>")
        number = 0
        while written + done < size * 0.97:
            number += 1
            chunk = _card(rng, number)
            if number % 50 == 0:
                chunk += f"<div class='comment'><b>user{number}</b><p>{prose(rng, 200)}</p></div>"
            if number % 80 == 0:
                chunk += f"<!-- ad slot {number} --><div class='ad'><script>{_script(rng, 2_000)}</script></div>"
            out.write(chunk)
            written += len(chunk)
        out.write("</aside></main><footer>")
        out.write("".join(f"<a href='/about/{n}'>{rng.choice(WORDS)}</a> " for n in range(500)))
        out.write("</footer></body></html>\n")
    return path


# -- ZIP files with exactly the sizes (true or lying) we want ----------------------


@dataclass
class Repeated:
    """``prefix + block * count + suffix``, as text or bytes, compressed without ever holding it whole.

    Each part is deflated on its own and ended with a full flush, so the compressed block
    refers to nothing before it and can be written ``count`` times as it is.
    """

    prefix: bytes
    block: bytes
    count: int
    suffix: bytes = b""
    stored: bool = False  # ZIP_STORED instead of deflate (for incompressible data)

    def __post_init__(self) -> None:
        if self.stored:
            self._parts = (self.prefix, self.block, self.suffix)
            return
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        head = compressor.compress(self.prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
        body = compressor.compress(self.block) + compressor.flush(zlib.Z_FULL_FLUSH)
        tail = compressor.compress(self.suffix) + compressor.flush()
        self._parts = (head, body, tail)

    @property
    def size(self) -> int:
        return len(self.prefix) + len(self.block) * self.count + len(self.suffix)

    @property
    def compressed_size(self) -> int:
        head, body, tail = self._parts
        return len(head) + len(body) * self.count + len(tail)

    def plain(self) -> Iterator[bytes]:
        yield self.prefix
        for _ in range(self.count):
            yield self.block
        yield self.suffix

    def compressed(self) -> Iterator[bytes]:
        head, body, tail = self._parts
        yield head
        for _ in range(self.count):
            yield body
        yield tail

    def digests(self) -> tuple[int, str]:
        """(CRC-32, SHA-256 hex) of the plain bytes, computed streaming."""
        crc = 0
        sha = hashlib.sha256()
        for piece in self.plain():
            crc = zlib.crc32(piece, crc)
            sha.update(piece)
        return crc, sha.hexdigest()


def _member(data: bytes) -> Repeated:
    return Repeated(data, b"", 0)


@dataclass
class Member:
    name: str
    content: Repeated
    declared_size: int | None = None  # what the table of contents says; None: the truth
    crc: int | None = None  # None: the true CRC-32 (computed); a lying member may skip it


def write_zip(path: Path, members: Iterable[Member]) -> Path:
    """A ZIP file (no ZIP64: every size under 4 GB) with each member's declared size as given."""
    central: list[bytes] = []
    offset = 0
    with path.open("wb") as out:
        for member in members:
            content = member.content
            crc = member.crc if member.crc is not None else content.digests()[0]
            name = member.name.encode("utf-8")
            declared = content.size if member.declared_size is None else member.declared_size
            method = 0 if content.stored else 8
            fields = (20, 0x800, method, 0x4A60, 0x5A6E, crc, content.compressed_size, declared, len(name), 0)
            local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name
            out.write(local)
            for piece in content.compressed():
                out.write(piece)
            central.append(
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    *fields[:-2],
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0o644 << 16,
                    offset,
                )
                + name
            )
            offset += len(local) + content.compressed_size
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))
    return path


# -- Word files ------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_END = b"</w:body></w:document>"


def _paragraphs(rng: random.Random, size: int) -> bytes:
    out = []
    length = 0
    while length < size:
        piece = f"<w:p><w:r><w:t>{prose(rng, rng.randint(200, 600))}</w:t></w:r></w:p>".encode()
        out.append(piece)
        length += len(piece)
    return b"".join(out)


def write_docx(path: Path, body: Repeated, *, declared_size: int | None = None) -> Path:
    """A .docx whose word/document.xml is ``body`` (declared as ``declared_size`` if given)."""
    return write_zip(
        path,
        [
            Member("[Content_Types].xml", _member(_CONTENT_TYPES)),
            Member("_rels/.rels", _member(_RELS)),
            Member("word/document.xml", body, declared_size),
        ],
    )


def lying_docx_bomb(path: Path, inflate_to: int = 2 * 1024**3) -> Path:
    """word/document.xml declares 40 kB and inflates to ``inflate_to`` bytes of paragraphs."""
    block = b"<w:p><w:r><w:t>" + b"A" * 1_000_000 + b"</w:t></w:r></w:p>"
    body = Repeated(_DOC_START, block, inflate_to // len(block), _DOC_END)
    return write_zip(
        path,
        [
            Member("[Content_Types].xml", _member(_CONTENT_TYPES)),
            Member("_rels/.rels", _member(_RELS)),
            Member("word/document.xml", body, declared_size=40_000, crc=0x1234),
        ],
    )


def honest_docx_bomb(path: Path, inflate_to: int = 2 * 1024**3) -> Path:
    """The same bomb, telling the truth about its size (refused from the table of contents)."""
    block = b"<w:p><w:r><w:t>" + b"A" * 1_000_000 + b"</w:t></w:r></w:p>"
    body = Repeated(_DOC_START, block, inflate_to // len(block), _DOC_END)
    return write_zip(
        path,
        [
            Member("[Content_Types].xml", _member(_CONTENT_TYPES)),
            Member("_rels/.rels", _member(_RELS)),
            Member("word/document.xml", body, crc=0x1234),
        ],
    )


def big_docx(path: Path, size: int, seed: int = 4) -> Path:
    """An honest Word file whose text is ``size`` bytes of paragraphs (compresses like prose)."""
    rng = random.Random(seed)
    block = _paragraphs(rng, 1024 * 1024)
    return write_docx(path, Repeated(_DOC_START, block, max(1, size // len(block)), _DOC_END))


# -- project archives -----------------------------------------------------------


def _bad_archives_module():  # type: ignore[no-untyped-def]
    import importlib.util

    here = Path(__file__).resolve().parents[2] / "data" / "bad" / "archives" / "make_bad_archives.py"
    spec = importlib.util.spec_from_file_location("make_bad_archives", here)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_bad_archives", module)
    spec.loader.exec_module(module)
    return module


_PLACEHOLDER = "\u0000BIG\u0000"


def _archive(path: Path, document: dict, project: Repeated | None = None, extra: Iterable[Member] = ()) -> Path:
    fixtures = _bad_archives_module()
    if project is None:
        project = _member(fixtures.encode(document))
    _crc, sha = project.digests()
    manifest = fixtures.encode(fixtures.manifest(project_sha256=sha))
    return write_zip(path, [Member("manifest.json", _member(manifest)), Member("project.json", project), *extra])


def archive_with_big_field(path: Path, size: int, *, field: str = "rationale", seed: int = 9) -> Path:
    """A valid archive whose first claim's ``field`` (or the first source's ``note``) is ``size`` bytes of prose."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    if field == "note":
        document["sources"][0]["note"] = _PLACEHOLDER
    else:
        document["claims"][0][field] = _PLACEHOLDER
    encoded = fixtures.encode(document)
    marker = json.dumps(_PLACEHOLDER).encode()
    before, after = encoded.split(marker)
    block = prose(random.Random(seed), 1024 * 1024).encode()
    count = max(1, size // len(block))
    return _archive(path, document, Repeated(before + b'"', block, count, b'"' + after))


def lying_archive_bomb(path: Path, inflate_to: int = 2 * 1024**3) -> Path:
    """project.json declares 2 kB and inflates to ``inflate_to`` bytes."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    document["claims"][0]["rationale"] = _PLACEHOLDER
    before, after = fixtures.encode(document).split(json.dumps(_PLACEHOLDER).encode())
    block = b"A" * 1_000_000
    project = Repeated(before + b'"', block, inflate_to // len(block), b'"' + after)
    manifest = fixtures.encode(fixtures.manifest(project_sha256="0" * 64))
    return write_zip(
        path,
        [
            Member("manifest.json", _member(manifest)),
            Member("project.json", project, declared_size=2_000, crc=0x1234),
        ],
    )


def archive_with_attachments(path: Path, count: int, each: int, *, seed: int = 5) -> Path:
    """A valid archive with ``count`` attached files of ``each`` bytes (prose: compresses ~3 times)."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    block = prose(random.Random(seed), 1024 * 1024).encode()
    members: list[Member] = []
    for number in range(count):
        content = Repeated(f"attachment {number}\n".encode(), block, max(1, each // len(block)))
        _crc, sha = content.digests()
        members.append(Member(f"attachments/{sha}", content))
        document["attachments"].append(
            {
                "id": number + 1,
                "source_id": document["sources"][0]["id"],
                "sha256": sha,
                "name": f"evidence-{number}.txt",
                "media_type": "text/plain",
                "size": content.size,
                "added_at": "2025-03-14T09:35:00",
                "added_by": "anna",
            }
        )
    return _archive(path, document, extra=members)


def tiny_elements_docx(path: Path, paragraphs: int = 400_000, seed: int = 3) -> Path:
    """A Word file of empty paragraphs (~25 bytes each, random ids so it compresses only ~4 times):
    before the limits, 4 million of them took 30 s and 1.6 GB."""
    rng = random.Random(seed)
    block = b"".join(b'<w:p w:rsidR="%08X"/>' % rng.getrandbits(32) for _ in range(10_000))
    return write_docx(path, Repeated(_DOC_START, block, max(1, paragraphs // 10_000), _DOC_END))


def many_files_docx(path: Path, count: int = 20_000) -> Path:
    """A Word file whose table of contents lists ``count`` files."""
    members = [
        Member("[Content_Types].xml", _member(_CONTENT_TYPES)),
        Member("_rels/.rels", _member(_RELS)),
        Member("word/document.xml", _member(_DOC_START + b"<w:p><w:r><w:t>Hello</w:t></w:r></w:p>" + _DOC_END)),
    ]
    members += [Member(f"word/media/image{number}.png", _member(b"")) for number in range(count)]
    return write_zip(path, members)


def archive_with_values(path: Path, count: int = 3_100_000) -> Path:
    """A valid archive with an extra list of ``count`` zeros: tiny values that cost ~70 bytes each once parsed."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    document["padding"] = _PLACEHOLDER
    before, after = fixtures.encode(document).split(json.dumps(_PLACEHOLDER).encode())
    rng = random.Random(6)
    block = b"".join(b"%d," % rng.randrange(10) for _ in range(100_000))  # random: compresses only ~4 times
    return _archive(path, document, Repeated(before + b"[", block, count // 100_000, b"0]" + after))


def archive_nested(path: Path, depth: int = 1_000_000) -> Path:
    """project.json is a list nested ``depth`` deep."""
    return _archive(path, {}, Repeated(b"", b"[" * 1000, depth // 1000, b"]" * depth))


def archive_listing_attachments(path: Path, count: int = 6, each: int = 90 * 1024**2) -> Path:
    """An archive listing ``count`` attached files of ``each`` bytes (over the total limit); the
    members declare those sizes but hold 1 MB each (it is refused before any is read)."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    rng = random.Random(8)
    members = []
    for number in range(count):
        sha = hashlib.sha256(str(number).encode()).hexdigest()
        data = rng.randbytes(1024 * 1024)
        members.append(Member(f"attachments/{sha}", Repeated(data, b"", 0, stored=True), declared_size=each, crc=0))
        document["attachments"].append(
            {
                "id": number + 1,
                "source_id": document["sources"][0]["id"],
                "sha256": sha,
                "name": f"evidence-{number}.pdf",
                "media_type": "application/pdf",
                "size": each,
                "added_at": "2025-03-14T09:35:00",
                "added_by": "anna",
            }
        )
    return _archive(path, document, extra=members)


def archive_with_lying_attachment(path: Path, inflate_to: int = 2 * 1024**3) -> Path:
    """A valid archive whose one attached file declares 1 kB and inflates to ``inflate_to`` bytes."""
    fixtures = _bad_archives_module()
    document = fixtures.valid_document()
    sha = "ab" * 32
    document["attachments"].append(
        {
            "id": 1,
            "source_id": document["sources"][0]["id"],
            "sha256": sha,
            "name": "evidence.pdf",
            "media_type": "application/pdf",
            "size": 1024,
            "added_at": "2025-03-14T09:35:00",
            "added_by": "anna",
        }
    )
    block = b"%PDF" + b"\0" * 1_000_000
    content = Repeated(b"", block, inflate_to // len(block))
    return _archive(path, document, extra=[Member(f"attachments/{sha}", content, declared_size=1024, crc=0)])


def attribute_bomb_page(path: Path, size: int = 40 * 1024**2) -> Path:
    """A page whose elements carry hundreds of attributes each (each costs ~250 bytes once parsed)."""
    attributes = " ".join(f"data-a{number}=x" for number in range(400))
    element = f"<p {attributes}>Claimed figure.</p>\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html><head><title>Attributes</title></head><body><article>")
        for _ in range(size // len(element)):
            out.write(element)
        out.write("</article></body></html>")
    return path


def nested_page(path: Path, size: int = 1600 * 1024, seed: int = 1) -> Path:
    """Text in three levels of <div> per line (took trafilatura 16-30 s for 2 MB). At this
    size it stays just under the extraction limits, so it shows the time they leave."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html><head><title>Nested</title></head><body>")
        for _ in range(size // 130):
            out.write(f"<div><div><div><span>{prose(rng, 100)}</span></div></div></div>")
        out.write("</body></html>")
    return path


def web_archive(path: Path, page: Path) -> Path:
    """``page`` saved as a single-file web archive (.mhtml, base64)."""
    import base64

    with path.open("wb") as out, page.open("rb") as source:
        out.write(
            b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/story\r\n"
            b"Subject: Story\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"; boundary="----BOUNDARY"\r\n\r\n'
            b"------BOUNDARY\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Location: https://news.example/story\r\n\r\n"
        )
        while chunk := source.read(57 * 20_000):
            out.write(base64.encodebytes(chunk).replace(b"\n", b"\r\n"))
        out.write(b"\r\n------BOUNDARY--\r\n")
    return path


def special_files(folder: Path) -> dict[str, Path]:
    """A FIFO (which would block a reader forever) and the endless devices."""
    import os

    fifo = folder / "article.fifo.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    return {"fifo": fifo, "dev-zero": Path("/dev/zero"), "dev-urandom": Path("/dev/urandom")}


# What each input is and how it must end: ("refused", a part of the message) or ("imported", "").
ARTICLE_CASES = {
    "lying-bomb.docx": ("refused", "zip bomb"),
    "honest-bomb.docx": ("refused", "zip bomb"),
    "many-files.docx": ("refused", "files"),
    "tiny-elements.docx": ("refused", "300,000 paragraphs"),
    "page-16mb.html": ("imported", ""),
    "page-45mb.html": ("refused", "200,000 elements"),
    "page-16mb.mhtml": ("imported", ""),
    "attribute-bomb.html": ("refused", "500,000 attributes"),
    "nested.html": ("refused", "no article text"),
    "fifo": ("refused", "named pipe (FIFO)"),
    "dev-zero": ("refused", "is a device"),
    "dev-urandom": ("refused", "is a device"),
}
ARCHIVE_CASES = {
    "lying-bomb.factcheck-archive": ("refused", "zip bomb"),
    "huge-project.factcheck-archive": ("refused", "more than a project archive may hold"),
    "long-rationale.factcheck-archive": ("refused", "rationale is longer than 100,000 characters"),
    "long-note.factcheck-archive": ("refused", "note is longer than 100,000 characters"),
    "many-values.factcheck-archive": ("refused", "values"),
    "nested.factcheck-archive": ("refused", "not valid JSON"),
    "attachments-over-total.factcheck-archive": ("refused", "attached files come to more than"),
    "lying-attachment.factcheck-archive": ("refused", "zip bomb"),
    "fifo": ("refused", "named pipe (FIFO)"),
    "dev-zero": ("refused", "is a device"),
    "dev-urandom": ("refused", "is a device"),
}


def build(folder: Path, *, full_size: bool = False) -> dict[str, Path]:
    """Write the corpus into ``folder``; name → path (special files included).

    ``full_size`` builds the attacks at the sizes measured in issue 19 (900 MB rationale,
    2 GB bombs) instead of just past each limit, which proves the same in less time.
    """
    folder.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}

    def add(name: str, make, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        built[name] = make(folder / name, *args, **kwargs)

    bomb = 2 * 1024**3
    add("lying-bomb.docx", lying_docx_bomb, bomb)
    add("honest-bomb.docx", honest_docx_bomb, bomb)
    add("many-files.docx", many_files_docx)
    add("tiny-elements.docx", tiny_elements_docx)
    add("page-16mb.html", write_web_page, 16 * 1024**2, article_share=0.05)
    add("page-45mb.html", write_web_page, 45 * 1024**2)
    add("page-16mb.mhtml", web_archive, built["page-16mb.html"])
    add("attribute-bomb.html", attribute_bomb_page)
    add("nested.html", nested_page)
    add("lying-bomb.factcheck-archive", lying_archive_bomb, bomb)
    add("huge-project.factcheck-archive", archive_with_big_field, (900 if full_size else 65) * 1024**2)
    add("long-rationale.factcheck-archive", archive_with_big_field, 100_001)
    add("long-note.factcheck-archive", archive_with_big_field, 100_001, field="note")
    add("many-values.factcheck-archive", archive_with_values)
    add("nested.factcheck-archive", archive_nested)
    add("attachments-over-total.factcheck-archive", archive_listing_attachments)
    add("lying-attachment.factcheck-archive", archive_with_lying_attachment, bomb)
    if full_size:
        add("attachments-900mb.factcheck-archive", archive_with_attachments, 9, 100 * 1024**2)
    built.update(special_files(folder))
    return built


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for name, path in build(target, full_size="--full-size" in sys.argv).items():
        print(f"{name}\t{path}")
