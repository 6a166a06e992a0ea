"""The JSON the command line prints: one documented, versioned shape per kind of thing.

Every object carries ``"schema": "factcheck/<kind>@<version>"``. Within a version, fields
are only ever added (never renamed, removed or retyped); anything else bumps the version.
The JSON Schemas are in docs/json-schema/ (tests check the output against them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.sources import Source

CLAIM_SCHEMA = "factcheck/claim@1"
ARTICLE_SCHEMA = "factcheck/article@1"
SOURCE_SCHEMA = "factcheck/source@1"
HISTORY_SCHEMA = "factcheck/history@1"


def source_as_json(source: Source) -> dict[str, Any]:
    return asdict(source)


def _confidence_as_json(claim: Claim) -> dict[str, Any] | None:
    """How the last new version of the article found the claim; null when nothing was measured."""
    confidence = claim.confidence
    if confidence is None:
        return None
    return {"level": confidence.level.value, "similarity": confidence.similarity, "method": confidence.method}


def claim_as_json(claim: Claim) -> dict[str, Any]:
    return {
        "schema": CLAIM_SCHEMA,
        "id": claim.id,
        "article_id": claim.article_id,
        "quote": claim.quote,
        "start": claim.anchor.start,
        "end": claim.anchor.end,
        "prefix": claim.anchor.prefix,
        "suffix": claim.anchor.suffix,
        "anchor_state": claim.anchor_state,
        "anchor_confidence": _confidence_as_json(claim),
        "checked_wording": claim.checked_wording,
        "restated": claim.restated,
        "claimant": claim.claimant,
        "claim_date": claim.claim_date,
        "tags": list(claim.tags),
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "status": claim.status,
        "assignee": claim.assignee,
        "reviewer": claim.reviewer,
        "approved_by": claim.approved_by,
        "approved_at": claim.approved_at,
        "sources": [source_as_json(s) for s in claim.sources],
        "evidence": [
            {"source_id": e.source.id, "excerpt": e.excerpt, "location": e.location, "stance": e.stance}
            for e in claim.evidence
        ],
        "created_by": claim.created_by,
        "created_at": claim.created_at,
        "updated_by": claim.updated_by,
        "updated_at": claim.updated_at,
        "version": claim.version,
    }


def article_as_json(
    article: Article,
    *,
    links: Mapping[int, int | None],
    claims: int,
    text: bool = False,
) -> dict[str, Any]:
    """``links``: every article's ``revision_of`` (for its versions and whether it is the latest)."""
    newer = {old for old in links.values() if old is not None}
    versions, cursor, seen = 1, article.revision_of, {article.id}
    while cursor is not None and cursor in links and cursor not in seen:
        seen.add(cursor)
        versions += 1
        cursor = links[cursor]
    data: dict[str, Any] = {
        "schema": ARTICLE_SCHEMA,
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "author": article.author,
        "published": article.published,
        "site_name": article.site_name,
        "content_hash": article.content_hash,
        "imported_at": article.imported_at,
        "original_name": article.original_name,
        "format": article.format,
        "revision": article.revision,
        "revision_of": article.revision_of,
        "versions": versions,
        "latest": article.id not in newer,
        "pages": len(article.pages),
        "page_labels": [p.label for p in article.pages],
        "characters": len(article.text),
        "claims": claims,
    }
    if text:
        data["text"] = article.text
    return data
