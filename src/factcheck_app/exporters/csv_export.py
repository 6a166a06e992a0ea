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
from factcheck_app.domain.published_claims import PublishedClaim
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
        best = scale.best_rating if scale.verdicts else ""
        worst = scale.worst_rating if scale.verdicts else ""
        # A label's cells: rating, rating_value, best and worst (empty for a label off the scale).
        # NOTE: reversed, so the first verdict of a label wins, as in ``scale.get``.
        self._ratings: dict[str | None, tuple[str, str | int, str | int, str | int]] = {
            verdict.label: (defuse(verdict.label), verdict.rating_value, best, worst)
            for verdict in reversed(scale.verdicts)
        }
        self._articles: dict[int, tuple[str, Any, str, str]] = {}
        self._kept: dict[str, str] = {}  # cells of few values (anchor states, analysts), defused once

    def cells(self, claim: PublishedClaim, article: Article | None) -> list[str | int]:
        """The row of one claim, in COLUMNS order; text cells already defused.

        Dates are written as ISO text, which starts with a digit: nothing to defuse there.
        """
        verdict = claim.verdict
        rating = self._ratings.get(verdict) if verdict is not None else None
        if rating is None:
            rating = (self._defused(verdict or ""), "", "", "")
            rated = False
        else:
            rated = True
        author, published, title, url = self._article(claim.article_id, article)
        claim_date = claim.claim_date or published
        anchor = claim.anchor
        positioned = claim.anchor_state != ORPHANED
        text = claim_reviewed_text(claim)
        claimant = claim.claimant.strip() or author
        quote = claim.quote
        tags = TAG_SEPARATOR.join(claim.tags)
        rationale = claim.rationale
        sources = SOURCE_SEPARATOR.join(s.url or s.display_title for s in claim.sources)
        return [
            self.reviewer,
            "'" + text if text.startswith(FORMULA_TRIGGERS) else text,
            "'" + claimant if claimant.startswith(FORMULA_TRIGGERS) else claimant,
            claim_date.isoformat() if claim_date else "",
            claim.updated_at.date().isoformat() if rated else "",
            defuse(review_url(self.base_url, claim.id)) if rated else "",
            rating[0],
            rating[1],
            rating[2],
            rating[3],
            claim.id,
            claim.article_id,
            title,
            url,
            "'" + quote if quote.startswith(FORMULA_TRIGGERS) else quote,
            anchor.start if positioned else "",
            anchor.end if positioned else "",
            self._defused(claim.anchor_state),
            "'" + tags if tags.startswith(FORMULA_TRIGGERS) else tags,
            "'" + rationale if rationale.startswith(FORMULA_TRIGGERS) else rationale,
            "'" + sources if sources.startswith(FORMULA_TRIGGERS) else sources,
            self._defused(claim.created_by),
            claim.updated_at.isoformat(timespec="seconds"),
        ]

    def _defused(self, value: str) -> str:
        known = self._kept.get(value)
        if known is None:
            known = defuse(value)
            if len(self._kept) < 1024:
                self._kept[value] = known
        return known

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
    claim: PublishedClaim,
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
    batches: Iterable[Sequence[PublishedClaim]],
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
    claims: Sequence[PublishedClaim],
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
