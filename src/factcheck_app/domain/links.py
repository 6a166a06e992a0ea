"""One link policy: which addresses may become clickable links, anywhere.

Sources, article addresses and report hyperlinks come from outside (a web page's metadata,
an archive from another desk, a typed address). Only ``http`` and ``https`` addresses with
a host become links; ``javascript:``, ``data:``, ``file:`` (local files or SMB shares),
``smb:`` and the like stay inert text, so a click in a Word report, a ClaimReview on a web
page or the app itself can never run code or reach a file share. The same check runs on the
way in (typing, CLI) and again on the way out (reports, JSON-LD, opening a browser), since
projects made by older versions or by others may hold anything.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from factcheck_app.domain.errors import InvalidInput

LINK_SCHEMES = ("http", "https")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_DOI = re.compile(r"^(?:doi:\s*)(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def link_target(url: str) -> str | None:
    """``url`` when it may be a clickable link (http/https, a host, no control or invisible
    characters), else None: show it as text."""
    if not url or _CONTROL_OR_SPACE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return None
    return url


def clean_link(url: str) -> str:
    """An address typed or imported as a link, normalised; refused with a message otherwise.

    ``example.org/page`` gains ``https://``; ``doi:10.1000/182`` becomes its doi.org address.
    """
    url = url.strip()
    if not url:
        return ""
    doi = _DOI.match(url)
    if doi:
        url = f"https://doi.org/{doi.group(1)}"
    elif "://" not in url and "." in url.split("/")[0] and not _CONTROL_OR_SPACE.search(url):
        url = "https://" + url
    if link_target(url) is None:
        shown = _CONTROL_OR_SPACE.sub("�", url)[:200]
        raise InvalidInput(
            f"“{shown}” is not a web address: only http:// and https:// addresses can be links "
            "(put a local file under Files…, or the address in the note)."
        )
    return url
