"""``factcheck claim confirm|reopen PROJECT ID``: the two answers to a claim whose words changed.

A new version of an article may change a checked claim's words; the claim is then flagged
"changed" and keeps the wording its verdict was checked against (``claim show --json``:
``checked_wording``, ``anchor_confidence``). *confirm* says the verdict still holds for the
new words (the flag goes; the history names who and when); *reopen* sends the claim back to
draft to check it again (the flag stays until someone confirms).
"""

from __future__ import annotations

import argparse

from factcheck_app.cli.common import add_project, open_project


def cmd_claim_confirm(args: argparse.Namespace) -> int:
    from factcheck_app.services.anchor_edits import ConfirmVerdictHolds

    with open_project(args) as project:
        claim = project.claim(args.claim)
        project.apply(ConfirmVerdictHolds(claim.id).based_on(claim))
    print(f"Claim {claim.id}: the verdict holds for “{claim.quote}”; the changed flag is cleared.")
    return 0


def cmd_claim_reopen(args: argparse.Namespace) -> int:
    from factcheck_app.services.anchor_edits import ReopenClaim

    with open_project(args) as project:
        claim = project.claim(args.claim)
        project.apply(ReopenClaim(claim.id).based_on(claim))
    print(f"Claim {claim.id} is a draft again.")
    return 0


def _claim_actions(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The ACTION choices of ``factcheck claim`` (cli/claims.py registers the command first)."""
    claim = sub.choices["claim"]
    return next(a for a in claim._actions if isinstance(a, argparse._SubParsersAction))


def register(sub: argparse._SubParsersAction) -> None:
    actions = _claim_actions(sub)
    confirm = actions.add_parser(
        "confirm", help="a changed claim's verdict still holds for its new words: clear the flag"
    )
    add_project(confirm, writes=True)
    confirm.add_argument("claim", type=int, metavar="CLAIM_ID")
    confirm.set_defaults(func=cmd_claim_confirm)

    reopen = actions.add_parser("reopen", help="send a claim back to draft to check it again")
    add_project(reopen, writes=True)
    reopen.add_argument("claim", type=int, metavar="CLAIM_ID")
    reopen.set_defaults(func=cmd_claim_reopen)
