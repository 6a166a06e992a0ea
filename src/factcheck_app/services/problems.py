"""The Problems list: verdict-gate breaches in the project, and the check before export."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.gates import GateProblem, blocks_export, gate_problems
from factcheck_app.services.project import Project


def project_problems(project: Project, claim_ids: Iterable[int] | None = None) -> list[GateProblem]:
    claims = project.claims()
    if claim_ids is not None:
        wanted = set(claim_ids)
        claims = [c for c in claims if c.id in wanted]
    return gate_problems(claims, project.settings())


def check_before_export(project: Project, claim_ids: Iterable[int] | None = None) -> list[GateProblem]:
    """Breaches among the claims to export; raises when the project blocks export on them."""
    problems = project_problems(project, claim_ids)
    if problems and blocks_export(project.settings()):
        raise InvalidInput(
            f"This project blocks export while verdict rules are broken: {len(problems)} problem(s), "
            f"first: {problems[0].message} See Problems (or `factcheck problems`)."
        )
    return problems
