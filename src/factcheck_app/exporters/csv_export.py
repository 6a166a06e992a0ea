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
Written batch by batch (``write_csv``), so a file of any size holds one batch in memory.
Pure: domain values in, bytes out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO

from factcheck_app.domain.anchors import ORPHANED
from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import VerdictScale
from factcheck_app.exporters.claimreview import claim_reviewed_text, review_url

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
BOM = "\ufeff".encode()  # what Excel needs to read UTF-8


def defuse(cell: str) -> str:
    """Make a text cell inert in spreadsheets: a formula-like start gets an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


class CsvRows:
    """Rows of one export: what every row shares (organisation, scale) is worked out once."""

    def __init__(self, scale: VerdictScale, *, organisation: str, base_url: str = "") -> None:
        self.scale = scale
        self.reviewer = defuse(organisation)
        self.base_url = base_url
        self.best = scale.best_rating if scale.verdicts else ""
        self.worst = scale.worst_rating if scale.verdicts else ""
        # NOTE: reversed, so the first verdict of a label wins, as in ``scale.get``.
        self._verdicts = {verdict.label: verdict for verdict in reversed(scale.verdicts)}
        self._articles: dict[int, tuple[str, Any, str, str]] = {}

    def cells(self, claim: Claim, article: Article | None) -> list[str | int]:
        """The row of one claim, in COLUMNS order; text cells already defused."""
        verdict = self._verdicts.get(claim.verdict) if claim.verdict is not None else None
        author, published, title, url = self._article(claim.article_id, article)
        claim_date = claim.claim_date or published
        positioned = claim.anchor_state != ORPHANED
        rated = verdict is not None
        return [
            self.reviewer,
            defuse(claim_reviewed_text(claim)),
            defuse(claim.claimant.strip() or author),
            claim_date.isoformat() if claim_date else "",
            claim.updated_at.date().isoformat() if rated else "",
            defuse(review_url(self.base_url, claim.id)) if rated else "",
            defuse(claim.verdict or ""),
            verdict.rating_value if verdict is not None else "",
            self.best if rated else "",
            self.worst if rated else "",
            claim.id,
            claim.article_id,
            title,
            url,
            defuse(claim.quote),
            claim.anchor.start if positioned else "",
            claim.anchor.end if positioned else "",
            defuse(claim.anchor_state),
            defuse(TAG_SEPARATOR.join(claim.tags)),
            defuse(claim.rationale),
            defuse(SOURCE_SEPARATOR.join(s.url or s.display_title for s in claim.sources)),
            defuse(claim.created_by),
            defuse(claim.updated_at.isoformat(timespec="seconds")),
        ]

    def _article(self, article_id: int, article: Article | None) -> tuple[str, Any, str, str]:
        """The article's cells (claimant fallback, date, title, URL), kept per article."""
        if article is None:
            return "", None, "", ""
        known = self._articles.get(article_id)
        if known is None:
            known = (article.author.strip(), article.published, defuse(article.title), defuse(article.url))
            self._articles[article_id] = known
        return known


def claim_row(
    claim: Claim,
    article: Article | None,
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
) -> dict[str, str | int]:
    """The row of one claim, keyed by COLUMNS; text cells already defused."""
    cells = CsvRows(scale, organisation=organisation, base_url=base_url).cells(claim, article)
    return dict(zip(COLUMNS, cells, strict=True))


def write_csv(
    stream: BinaryIO,
    batches: Iterable[Sequence[Claim]],
    articles: Mapping[int, Article],
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
) -> int:
    """Write the CSV file (BOM, header, one row per claim) batch by batch; returns the rows written."""
    rows = CsvRows(scale, organisation=organisation, base_url=base_url)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    stream.write(BOM + buffer.getvalue().encode("utf-8"))
    count = 0
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows.cells(claim, articles.get(claim.article_id)) for claim in batch)
        stream.write(buffer.getvalue().encode("utf-8"))
        count += len(batch)
    return count


def render_csv(
    claims: Sequence[Claim],
    articles: Mapping[int, Article],
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
) -> bytes:
    """The whole CSV file (header + one row per claim) as UTF-8 bytes with a BOM."""
    out = io.BytesIO()
    write_csv(out, [claims], articles, scale, organisation=organisation, base_url=base_url)
    return out.getvalue()
