"""CSV: one row per claim, for spreadsheets, newsroom databases and researchers.

The first columns are those of the public fact-check datasets built from ClaimReview
(Google Fact Check Tools and the datasets derived from it): reviewer, claim text, claimant,
claim date, review date, review URL and rating. Ours follow, so nothing the analyst
recorded is lost: where the claim sits, its anchor state, tags, rationale and sources.

The file is UTF-8 with a byte-order mark, because Excel reads a CSV without one in the
computer's legacy code page and garbles every accent and emoji. Cells that a spreadsheet
would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) get a leading apostrophe: an article quoting ``=HYPERLINK(...)`` must stay text
(OWASP "CSV injection"). Numbers we write ourselves (ids, offsets, ratings) are left alone.
Pure: domain values in, bytes out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from factcheck_app.domain.anchors import ORPHANED
from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import VerdictScale
from factcheck_app.exporters.claimreview import claim_reviewed_text, claimant_of, review_url

COLUMNS: tuple[str, ...] = (
    # the public datasets' columns
    "reviewer",
    "claim_text",
    "claimant",
    "claim_date",
    "review_date",
    "review_url",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    # ours
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "quote",
    "start",
    "end",
    "anchor_state",
    "tags",
    "rationale",
    "sources",
    "created_by",
    "updated_at",
)

TAG_SEPARATOR = "; "
SOURCE_SEPARATOR = " | "
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """Make a text cell inert in spreadsheets: a formula-like start gets an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def claim_row(
    claim: Claim,
    article: Article | None,
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
) -> dict[str, str | int]:
    """The row of one claim, keyed by COLUMNS; text cells already defused."""
    verdict = scale.get(claim.verdict)
    claimant = claimant_of(claim, article)
    claim_date = claim.claim_date or (article.published if article else None)
    positioned = claim.anchor_state != ORPHANED
    text: dict[str, str] = {
        "reviewer": organisation,
        "claim_text": claim_reviewed_text(claim),
        "claimant": claimant["name"] if claimant else "",
        "claim_date": claim_date.isoformat() if claim_date else "",
        "review_date": claim.updated_at.date().isoformat() if verdict else "",
        "review_url": review_url(base_url, claim.id) if verdict else "",
        "rating": claim.verdict or "",
        "article_title": article.title if article else "",
        "article_url": article.url if article else "",
        "quote": claim.quote,
        "anchor_state": claim.anchor_state,
        "tags": TAG_SEPARATOR.join(claim.tags),
        "rationale": claim.rationale,
        "sources": SOURCE_SEPARATOR.join(s.url or s.display_title for s in claim.sources),
        "created_by": claim.created_by,
        "updated_at": claim.updated_at.isoformat(timespec="seconds"),
    }
    numbers: dict[str, str | int] = {
        "rating_value": verdict.rating_value if verdict else "",
        "best_rating": scale.best_rating if verdict else "",
        "worst_rating": scale.worst_rating if verdict else "",
        "claim_id": claim.id,
        "article_id": claim.article_id,
        "start": claim.anchor.start if positioned else "",
        "end": claim.anchor.end if positioned else "",
    }
    row: dict[str, str | int] = {key: defuse(value) for key, value in text.items()}
    row.update(numbers)
    return {column: row[column] for column in COLUMNS}


def render_csv(
    claims: Sequence[Claim],
    articles: Mapping[int, Article],
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
) -> bytes:
    """The whole CSV file (header + one row per claim) as UTF-8 bytes with a BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(
            claim_row(claim, articles.get(claim.article_id), scale, organisation=organisation, base_url=base_url)
        )
    return buffer.getvalue().encode("utf-8-sig")
