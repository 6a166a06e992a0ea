"""One link policy: only http(s) addresses with a host become links; everything else stays text."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.links import clean_link, link_target
from factcheck_app.domain.sources import Source, validate_source

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "file://198.51.100.7/share/leak.docx",
    "smb://198.51.100.7/share",
    "ftp://files.example.org/report.pdf",
    "https://example.org/a\nfactcheck: imported article 7 OK",
    "https://exa\u202emple.org/",
    "https:///no-host",
    "vbscript:msgbox",
]


@pytest.mark.parametrize("url", REFUSED)
def test_addresses_that_are_not_web_links_are_never_link_targets(url: str) -> None:
    """Scripts, data, local files, shares, other schemes, control or bidi characters: not a link."""
    assert link_target(url) is None
    with pytest.raises(InvalidInput, match="not a web address"):
        clean_link(url)
    with pytest.raises(InvalidInput):
        validate_source(Source(None, url, "A source"))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://www.ons.gov.uk/employment", "https://www.ons.gov.uk/employment"),
        ("http://example.org/page?q=ü", "http://example.org/page?q=ü"),
        ("ons.gov.uk/employment", "https://ons.gov.uk/employment"),
        ("doi:10.1038/nphys1170", "https://doi.org/10.1038/nphys1170"),
        ("  https://example.org/x  ", "https://example.org/x"),
    ],
)
def test_web_addresses_are_kept_and_completed(typed: str, stored: str) -> None:
    """What analysts type is accepted: https added to a bare host, a DOI becomes its doi.org link."""
    assert clean_link(typed) == stored
    assert link_target(stored) == stored
    assert validate_source(Source(None, typed, "A source")).url == stored


def test_an_article_address_is_a_web_address_or_refused() -> None:
    """Article properties: a file: or javascript: address is refused before anything is saved."""
    from factcheck_app.services.edits import UpdateArticleMetadata

    with pytest.raises(InvalidInput, match="not a web address"):
        UpdateArticleMetadata(1, url="file://198.51.100.7/share/leak")
    assert UpdateArticleMetadata(1, url="example.org/story").values["url"] == "https://example.org/story"
    assert UpdateArticleMetadata(1, url="").values["url"] == ""
