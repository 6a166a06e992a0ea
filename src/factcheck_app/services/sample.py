"""The bundled sample project a new user sees on first start (and the self-test uses).

It is built through the ordinary services from a text file and a JSON description
in ``resources/sample/``, so it always matches the current schema.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.sources import Source
from factcheck_app.resources import resource_path
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.edits import CreateClaim, SetClaimDetails
from factcheck_app.services.project import Project


def create_sample_project(path: str | Path, *, analyst: str = "Sample analyst") -> Path:
    """Create the sample project at ``path`` and return where it was written."""
    description = json.loads(resource_path("sample", "sample-claims.json").read_text(encoding="utf-8"))
    spec = description["article"]
    with Project.create(path, analyst=analyst) as project:
        edit = import_article_edit(resource_path("sample", spec["file"]), title=spec["title"], url=spec["url"])
        project.apply(edit)
        assert edit.article_id is not None
        text = project.article(edit.article_id).text
        for claim in description["claims"]:
            create = CreateClaim(
                edit.article_id,
                anchor_for_quote(text, claim["quote"]),
                tags=claim["tags"],
                verdict=claim["verdict"],
                rationale=claim["rationale"],
                sources=[Source(id=None, **source) for source in claim["sources"]],
            )
            project.apply(create)
            assert create.claim_id is not None
            project.apply(
                SetClaimDetails(
                    create.claim_id,
                    claimant=claim.get("claimant", ""),
                    restated=claim.get("restated", ""),
                    claim_date=date.fromisoformat(claim["claim_date"]) if claim.get("claim_date") else None,
                )
            )
        assert project.location.path is not None
        return project.location.path
