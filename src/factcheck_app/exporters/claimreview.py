"""schema.org ClaimReview (JSON-LD): how fact-checks reach search engines and fact-check databases.

One ClaimReview per rated claim, following Google's fact-check markup guidance: the claim
reviewed, a ``reviewRating`` on the project's verdict scale (``alternateName`` = the verdict
label), the claim itself (``itemReviewed``: who said it, when, where it appeared), the
reviewing organisation and the review's own URL.

The file is a JSON **array** of complete ClaimReview objects, each carrying its own
``@context``: the form Google's Rich Results Test and the Fact Check Markup Tool accept for
several reviews, and one a publishing system can split into one ``<script
type="application/ld+json">`` per claim page without rewriting anything.

A claim corrected after publication carries ``dateModified`` and a ``correction``
(schema.org CorrectionComment: the note and when it was made), and its ``datePublished`` is
when it was first published, so a reader sees that it changed, when and why.

Claims without a verdict are not reviews yet and are left out; the caller learns how many.
``write_claim_reviews`` writes the array one review at a time, for projects of any size.
Pure: domain values in, text out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from factcheck_app.domain.articles import Article
from factcheck_app.domain.links import link_target
from factcheck_app.domain.published_claims import PublishedClaim
from factcheck_app.domain.verdicts import VerdictScale
from factcheck_app.exporters.json_text import JsonArrayStream, pretty_json

SCHEMA_CONTEXT = "https://schema.org"


def claim_reviewed_text(claim: PublishedClaim) -> str:
    """What was reviewed, in words a reader understands on its own.

    The restated claim (the analyst's neutral wording) reads better than a quote cut from
    a sentence, so it wins when present; every open format picks it up from here.
    """
    return " ".join((claim.restated or claim.quote).split())


def claimant_of(claim: PublishedClaim, article: Article | None) -> dict[str, str] | None:
    """Who made the claim, as a schema.org Person/Organization, or None when unknown.

    The claim's own claimant wins; the article's author is the fallback (who wrote it is
    who claimed it, for an opinion piece). schema.org needs a type: a claimant is taken as a
    Person, the common case in fact-checking; organisations read fine as a Person's name.
    """
    name = claim.claimant.strip() or (article.author.strip() if article is not None else "")
    if not name:
        return None
    return {"@type": "Person", "name": name}


def review_url(base_url: str, claim_id: int) -> str:
    """The public address of a claim's review: ``<base>#claim-<id>``, or "" with no base URL."""
    base = base_url.strip().rstrip("#")
    return f"{base}#claim-{claim_id}" if base else ""


@dataclass(frozen=True, slots=True)
class Correction:
    """The latest correction of a published claim, as ClaimReview carries it (ISO dates)."""

    date_modified: str
    note: str
    first_published: str | None = None  # when readers first saw the review


@dataclass(frozen=True, slots=True)
class ClaimReviews:
    """The reviews made, and the ids of claims left out (no verdict, or one not on the scale)."""

    items: tuple[dict[str, Any], ...]
    skipped: tuple[int, ...]

    def to_json(self) -> str:
        return dumps(self.items)


def _appearance(article: Article) -> dict[str, Any]:
    # NOTE: a site name says the piece was published by a news outlet; otherwise we only
    # know it is some creative work (a speech transcript, a PDF report…).
    work: dict[str, Any] = {"@type": "NewsArticle" if article.site_name else "CreativeWork"}
    if link_target(article.url):
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published is not None:
        work["datePublished"] = article.published.isoformat()
    if article.author.strip():
        work["author"] = {"@type": "Person", "name": article.author.strip()}
    if article.site_name:
        work["publisher"] = {"@type": "Organization", "name": article.site_name}
    return work


class ClaimReviewer:
    """The ClaimReviews of one export: what every review shares (the organisation, the
    scale's ratings, an article's appearance) is worked out once, not once per claim.

    Reviews of one reviewer may share nested values (an article's ``appearance``): read them,
    or serialise them, but do not change them.
    """

    def __init__(
        self,
        scale: VerdictScale,
        *,
        organisation: str,
        base_url: str = "",
        corrections: Mapping[int, Correction] | None = None,
    ) -> None:
        self.scale = scale
        self.base_url = base_url
        self.corrections = corrections or {}
        self._author = {"@type": "Organization", "name": organisation}
        self._ratings: dict[str, dict[str, Any]] = {}
        self._articles: dict[int, tuple[dict[str, str] | None, Any, dict[str, Any]]] = {}

    def review(self, claim: PublishedClaim, article: Article | None) -> dict[str, Any] | None:
        """The ClaimReview of one claim, or None when it has no verdict on the scale."""
        rating = self._rating(claim.verdict)
        if rating is None:
            return None
        item: dict[str, Any] = {"@type": "Claim"}
        author, published, appearance = self._article(claim.article_id, article)
        name = claim.claimant.strip()
        claimant = {"@type": "Person", "name": name} if name else author
        if claimant is not None:
            item["author"] = claimant
        claim_date = claim.claim_date or published
        if claim_date is not None:
            item["datePublished"] = claim_date.isoformat()  # when the claim was made
        if appearance is not None:
            item["appearance"] = appearance
        review: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": claim_reviewed_text(claim),
            "reviewRating": rating,
            "itemReviewed": item,
            "author": self._author,
            "datePublished": claim.updated_at.date().isoformat(),
        }
        correction = self.corrections.get(claim.id)
        if correction is not None:
            if correction.first_published:
                review["datePublished"] = correction.first_published
            review["dateModified"] = correction.date_modified
            review["correction"] = {
                "@type": "CorrectionComment",
                "text": correction.note,
                "datePublished": correction.date_modified,
            }
        url = review_url(self.base_url, claim.id)
        if url and link_target(url):
            review["url"] = url
        return review

    def _rating(self, label: str | None) -> dict[str, Any] | None:
        if label is None:
            return None
        rating = self._ratings.get(label)
        if rating is None:
            verdict = self.scale.get(label)
            if verdict is None:
                return None
            rating = {
                "@type": "Rating",
                "ratingValue": verdict.rating_value,
                "bestRating": self.scale.best_rating,
                "worstRating": self.scale.worst_rating,
                "alternateName": verdict.label,
            }
            self._ratings[label] = rating
        return rating

    def _article(self, article_id: int, article: Article | None) -> tuple[dict[str, str] | None, Any, Any]:
        """The article's author (the claimant when the claim names none), date and appearance."""
        if article is None:
            return None, None, None
        known = self._articles.get(article_id)
        if known is None:
            author = article.author.strip()
            claimant = {"@type": "Person", "name": author} if author else None  # as ``claimant_of``
            known = (claimant, article.published, _appearance(article))
            self._articles[article_id] = known
        return known


def claim_review(
    claim: PublishedClaim,
    article: Article | None,
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
    correction: Correction | None = None,
) -> dict[str, Any] | None:
    """The ClaimReview of one claim, or None when it has no verdict on ``scale``."""
    corrections = {claim.id: correction} if correction is not None else None
    reviewer = ClaimReviewer(scale, organisation=organisation, base_url=base_url, corrections=corrections)
    return reviewer.review(claim, article)


def build_claim_reviews(
    claims: Sequence[PublishedClaim],
    articles: Mapping[int, Article],
    scale: VerdictScale,
    *,
    organisation: str,
    base_url: str = "",
    corrections: Mapping[int, Correction] | None = None,
) -> ClaimReviews:
    """One ClaimReview per rated claim, in the order given (``corrections``: by claim id)."""
    reviewer = ClaimReviewer(scale, organisation=organisation, base_url=base_url, corrections=corrections)
    items: list[dict[str, Any]] = []
    skipped: list[int] = []
    for claim in claims:
        review = reviewer.review(claim, articles.get(claim.article_id))
        if review is None:
            skipped.append(claim.id)
        else:
            items.append(review)
    return ClaimReviews(tuple(items), tuple(skipped))


def write_claim_reviews(
    stream: BinaryIO,
    batches: Iterable[Sequence[PublishedClaim]],
    articles: Mapping[int, Article],
    reviewer: ClaimReviewer,
) -> tuple[int, int]:
    """Write the JSON array of reviews batch by batch, the same JSON as ``ClaimReviews.to_json``
    (UTF-8); returns how many reviews were written and how many claims were left out."""
    array = JsonArrayStream(stream, b"[\n  ", b"  ", script_safe)
    skipped = 0
    for batch in batches:
        for claim in batch:
            review = reviewer.review(claim, articles.get(claim.article_id))
            if review is None:
                skipped += 1
            else:
                array.add(review)
        array.flush()
    written = array.finish(lambda _count: b"\n]\n", lambda: b"[]\n")
    return written, skipped


def dumps(data: object) -> str:
    """JSON-LD text that is safe to paste inside <script type="application/ld+json">: UTF-8
    characters kept as they are, keys sorted, indented by two spaces, and the characters that
    could end the script element or break a JavaScript string (<, >, &, U+2028, U+2029)
    written as \\u escapes, which JSON reads back unchanged."""
    return script_safe(pretty_json(data) + b"\n").decode("utf-8")


def script_safe(text: bytes) -> bytes:
    """``text`` (JSON, UTF-8) with the characters listed in ``dumps`` written as \\u escapes.
    UTF-8 never puts these bytes inside another character's, so bytes can be replaced."""
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return text


_SCRIPT_ESCAPES = tuple(
    (character.encode("utf-8"), f"\\u{ord(character):04x}".encode("ascii")) for character in "<>&\u2028\u2029"
)
