"""The Problems list: verdict-gate breaches, the second-verdict rule, overdue complaints and
published claims changed without a correction note; and the check before export."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from factcheck_app.domain.corrections import OVERDUE_RULE
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.gates import GateProblem, RuleSubject, blocks_export, gate_problems
from factcheck_app.services.corrections import corrected_claims, overdue_complaints, unrecorded_corrections
from factcheck_app.services.project import Project
from factcheck_app.services.second_opinion import second_opinion_problems

# A late complaint is a deadline to keep, not something wrong in what is exported: it is
# listed and warned about, but never blocks an export (the export may be the correction).
WARN_ONLY_RULES = frozenset({OVERDUE_RULE})


def project_problems(
    project: Project, claim_ids: Iterable[int] | None = None, *, today: date | None = None
) -> list[GateProblem]:
    """Every problem of the project (or of ``claim_ids``), verdict rules first.

    ``today`` decides which complaints are overdue (the calendar day by default).
    """
    wanted = set(claim_ids) if claim_ids is not None else None
    # NOTE: only the claims asked about are read: the Problems panel re-checks the few claims
    # an edit touched, and reading 100,000 claims for that took seconds after every edit.
    claims: list[RuleSubject] = project.claims_for_rules() if wanted is None else list(project.find_claims(wanted))
    record = [
        *_second_opinion_problems(project, {c.id: c.verdict for c in claims}),
        *unrecorded_corrections(project),
        *overdue_complaints(project, today or date.today()),
    ]
    if wanted is not None:
        record = [p for p in record if p.claim_id in wanted]
    return [*gate_problems(claims, project.settings()), *record]


def _second_opinion_problems(project: Project, verdicts: Mapping[int, str | None]) -> list[GateProblem]:
    """The second-verdict rule's problems, except for a verdict set by a recorded correction.

    The rule is about approval. A published claim corrected since (openly, with a note) says
    what the correction decided; the second verdict it differs from was given before it.
    """
    corrected = {claim_id: v.verdict for claim_id, v in corrected_claims(project).items()}
    return [
        p
        for p in second_opinion_problems(project)
        if not (p.claim_id in corrected and corrected[p.claim_id] == verdicts.get(p.claim_id))
    ]


def check_before_export(project: Project, claim_ids: Iterable[int] | None = None) -> list[GateProblem]:
    """Problems among the claims to export; raises when the project blocks export on them.

    Overdue complaints are returned (to warn about) but never block.
    """
    problems = project_problems(project, claim_ids)
    blocking = [p for p in problems if p.rule not in WARN_ONLY_RULES]
    if blocking and blocks_export(project.settings()):
        raise InvalidInput(
            f"This project blocks export while verdict rules are broken: {len(blocking)} problem(s), "
            f"first: {blocking[0].message} See Problems (or `factcheck problems`)."
        )
    return problems
