"""Saved web pages: the article body and its metadata, never the page furniture or the network."""

from __future__ import annotations

import socket
from datetime import date

import pytest
from importer_helpers import ARTICLE, ARTICLES, PAGE_FURNITURE, assert_well_formed, block_texts

from factcheck_app.importers.registry import draft_from_bytes, read_article_file


def test_page_metadata_is_read() -> None:
    """Title, author, published date, canonical URL and site name come from the page's meta tags."""
    draft = read_article_file(ARTICLES / "bridge.html")
    assert (draft.format, draft.title, draft.author, draft.published, draft.url, draft.site_name) == (
        "html",
        ARTICLE.headline,
        ARTICLE.author,
        date(2025, 3, 14),
        ARTICLE.url,
        ARTICLE.site_name,
    )
    assert_well_formed(draft)


def test_page_body_holds_every_paragraph() -> None:
    """Each paragraph of the story is one paragraph block."""
    draft = read_article_file(ARTICLES / "bridge.html")
    paragraphs = block_texts(draft, "paragraph")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in paragraphs


def test_headline_standfirst_and_subheadings_are_kept() -> None:
    """The headline (level 1), the standfirst and the subheadings (level 2) are part of the text."""
    draft = read_article_file(ARTICLES / "bridge.html")
    headings = [(draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"]
    assert headings == [(ARTICLE.headline, 1), ("What the survey found", 2), ("What happens next", 2)]
    assert block_texts(draft)[1] == ARTICLE.standfirst


def test_page_table_is_a_table_block() -> None:
    """The fact box table is one table block with its rows."""
    draft = read_article_file(ARTICLES / "bridge.html")
    (table,) = block_texts(draft, "table")
    for label, value in ARTICLE.table:
        assert f"{label} | {value}" in table


@pytest.mark.parametrize("name", ["bridge.html", "bridge.mhtml", "bridge-cp1252.htm"])
def test_page_furniture_never_appears(name: str) -> None:
    """Navigation, ads, cookie banner, related box, newsletter, footer and scripts are left out."""
    text = read_article_file(ARTICLES / name).text
    assert [phrase for phrase in PAGE_FURNITURE if phrase in text] == []


def test_declared_charset_is_honoured() -> None:
    """A windows-1252 page that says so in <meta charset> gives the same text as the UTF-8 page."""
    assert read_article_file(ARTICLES / "bridge-cp1252.htm").text == read_article_file(ARTICLES / "bridge.html").text


def test_web_archive_imports_like_the_page() -> None:
    """A "single file" .mhtml page gives the same article as the .html page."""
    archive = read_article_file(ARTICLES / "bridge.mhtml")
    page = read_article_file(ARTICLES / "bridge.html")
    assert (archive.format, archive.text, archive.url, archive.published) == (
        "html",
        page.text,
        page.url,
        page.published,
    )


def test_import_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing pages with remote images, iframes and scripts opens no connection."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for name in ("bridge.html", "bridge.mhtml"):
        assert ARTICLE.paragraphs()[0] in read_article_file(ARTICLES / name).text


def test_url_given_by_the_analyst_wins() -> None:
    """An explicit URL replaces the page's canonical URL."""
    data = (ARTICLES / "bridge.html").read_bytes()
    draft = draft_from_bytes(data, "bridge.html", url="https://archive.example/eastgate")
    assert draft.url == "https://archive.example/eastgate"


# -- pages too large or too tangled for extraction -------------------------------------


def test_page_is_trimmed_before_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scripts, styles, inline images and comments never reach trafilatura; JSON-LD metadata does."""
    from factcheck_app.importers import webpage

    handed: list[str] = []
    real = webpage._extract

    def spying(page: str, name: str, **options: bool):  # type: ignore[no-untyped-def]
        handed.append(page)
        return real(page, name, **options)

    monkeypatch.setattr(webpage, "_extract", spying)
    junk = (
        "<script>var tracking = 'x'.repeat(1e6)</script><style>.ad{}</style><!-- a comment -->"
        "<img src='data:image/png;base64,iVBORw0KGgo='><svg><path d='M0 0'/></svg>"
    )
    page = (ARTICLES / "bridge.html").read_text(encoding="utf-8").replace("<body>", "<body>" + junk, 1)
    draft = draft_from_bytes(page.encode(), "bridge.html")
    assert draft.title == ARTICLE.headline
    assert len(handed) == 2  # a normal page: the precise and the balanced pass
    for text in handed:
        assert "tracking" not in text and ".ad{}" not in text and "data:image" not in text and "<svg" not in text
        assert "a comment" not in text


def test_large_page_gets_one_fast_pass_without_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck_app.importers import webpage

    options: list[dict[str, bool]] = []
    real = webpage._extract

    def spying(page: str, name: str, **kwargs: bool):  # type: ignore[no-untyped-def]
        options.append(kwargs)
        assert "<nav" not in page and "<aside" not in page and "<footer" not in page
        return real(page, name, **kwargs)

    monkeypatch.setattr(webpage, "_extract", spying)
    monkeypatch.setattr(webpage, "LARGE_PAGE_ELEMENTS", 20)
    draft = read_article_file(ARTICLES / "bridge.html")
    assert options == [{"favor_precision": True, "fast": True}]
    assert ARTICLE.paragraphs()[1] in draft.text


def test_page_beyond_the_extraction_limits_is_refused_naming_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck_app.domain.errors import ImportRefused
    from factcheck_app.importers import webpage

    monkeypatch.setattr(webpage, "_extract", lambda *a, **k: pytest.fail("trafilatura ran"))
    monkeypatch.setattr(webpage, "MAX_EXTRACT_ELEMENTS", 50)
    with pytest.raises(ImportRefused) as refused:
        read_article_file(ARTICLES / "bridge.html")
    message = str(refused.value)
    assert message.startswith("bridge.html is too large a web page to find the article in: ")
    assert "(the limits are 50 elements and 8 MB)" in message and "\n" not in message
    monkeypatch.setattr(webpage, "MAX_PARSE_ELEMENTS", 30)
    with pytest.raises(ImportRefused, match="it has more than 30 elements, the limit"):
        read_article_file(ARTICLES / "bridge.html")
    monkeypatch.setattr(webpage, "MAX_PARSE_ATTRIBUTES", 10)
    with pytest.raises(ImportRefused, match="it has more than 10 attributes, the limit"):
        read_article_file(ARTICLES / "bridge.html")
