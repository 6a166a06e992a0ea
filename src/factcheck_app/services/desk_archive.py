"""The desk's archive: "has anyone here checked this claim before, and what did we find?"

Claims of other projects (``.factcheck`` files, opened read-only) and imported ClaimReview
JSON-LD feeds (schema.org ``ClaimReview``: claimReviewed, reviewRating.alternateName,
itemReviewed.author.name, url, datePublished) are copied into a local index file. A lookup
normalises the wording (numbers, names, titles; see domain/claim_matching.py), takes FTS5
candidates by their rarest words and rescores them with rapidfuzz, so a paraphrase with the
same substance is found and an unrelated claim sharing a few words is not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from factcheck_app.domain.claim_matching import normalise_claim
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.project import Project
from factcheck_app.storage.desk_index import ArchivedClaim, DeskIndex

#: 0..100: below this a candidate is a different claim sharing words, not an earlier check.
THRESHOLD = 72.0
_FEED_LIMIT = 50 * 1024 * 1024  # a feed larger than this is not a feed a desk imports by hand


@dataclass(frozen=True, slots=True)
class ArchivedVerdict:
    """An earlier check of (much) the same claim."""

    claim: str
    verdict: str
    source: str  # the project file or feed it came from
    source_kind: str  # "project" | "claimreview"
    score: float  # 0..100
    claimant: str = ""
    claim_date: str = ""
    url: str = ""


def add_project(index_path: str | Path, project_path: str | Path) -> int:
    """Index every claim of another project (read-only); adding it again refreshes it."""
    origin = str(Path(project_path).resolve())
    with Project.open(project_path, read_only=True) as project:
        claims = [
            ArchivedClaim(
                origin=origin,
                origin_kind="project",
                claim=claim.restated or claim.quote,
                normalised=normalise_claim(f"{claim.restated or claim.quote} {claim.claimant}"),
                verdict=claim.verdict or "",
                claimant=claim.claimant,
                claim_date=claim.claim_date.isoformat() if claim.claim_date else "",
            )
            for claim in project.iter_claims()
        ]
    with DeskIndex(index_path) as index:
        return index.replace_origin(origin, claims)


def add_claimreview_feed(index_path: str | Path, feed_path: str | Path) -> int:
    """Index the ClaimReviews of a JSON-LD file (one review, a list, an @graph or a DataFeed)."""
    path = Path(feed_path)
    try:
        if path.stat().st_size > _FEED_LIMIT:
            raise InvalidInput(f"{path.name} is larger than 50 MB: not a ClaimReview feed.")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InvalidInput(f"Cannot read {path.name}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(f"{path.name} is not JSON-LD: {error}.") from error
    origin = str(path.resolve())
    claims = [c for c in (_from_claimreview(review, origin) for review in _claimreviews(data)) if c is not None]
    if not claims:
        raise InvalidInput(f"{path.name} holds no ClaimReview with a claimReviewed text.")
    with DeskIndex(index_path) as index:
        return index.replace_origin(origin, claims)


def search(index_path: str | Path, text: str, *, limit: int = 5, threshold: float = THRESHOLD) -> list[ArchivedVerdict]:
    """Earlier verdicts of the claim ``text``, best match first."""
    normalised = normalise_claim(text)
    if not normalised:
        return []
    with DeskIndex(index_path) as index:
        candidates = index.candidates(normalised.split())
    found = []
    for candidate in candidates:
        score = fuzz.token_set_ratio(normalised, candidate.normalised)
        score = min(score, fuzz.token_sort_ratio(normalised, candidate.normalised) + 25)  # a subset is not a match
        if score >= threshold:
            found.append(
                ArchivedVerdict(
                    claim=candidate.claim,
                    verdict=candidate.verdict,
                    source=candidate.origin,
                    source_kind=candidate.origin_kind,
                    score=round(score, 1),
                    claimant=candidate.claimant,
                    claim_date=candidate.claim_date,
                    url=candidate.url,
                )
            )
    found.sort(key=lambda v: (not v.verdict, -v.score))
    return found[:limit]


def _claimreviews(data: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in a JSON-LD document, however it is wrapped."""
    if isinstance(data, list):
        for item in data:
            yield from _claimreviews(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            yield data
            return
        for key in ("@graph", "dataFeedElement", "item", "itemListElement"):
            if key in data:
                yield from _claimreviews(data[key])


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _from_claimreview(review: dict[str, Any], origin: str) -> ArchivedClaim | None:
    claim = _text(review.get("claimReviewed"))
    if not claim:
        return None
    rating = review.get("reviewRating") or {}
    item = review.get("itemReviewed") or {}
    rating = rating[0] if isinstance(rating, list) and rating else rating
    item = item[0] if isinstance(item, list) and item else item
    verdict = _text(rating.get("alternateName")) if isinstance(rating, dict) else ""
    author = _text(item.get("author")) if isinstance(item, dict) else ""
    return ArchivedClaim(
        origin=origin,
        origin_kind="claimreview",
        claim=claim,
        normalised=normalise_claim(f"{claim} {author}"),
        verdict=verdict,
        claimant=author,
        claim_date=_text(review.get("datePublished"))[:10],
        url=_text(review.get("url")),
    )
