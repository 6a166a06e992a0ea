"""`factcheck claim add|update|delete|show` and `factcheck claims`: the claim editor on the command line.

Every field of the window's claim editor has a flag, and each change is the same edit the
window makes (history, conflict checks on team projects). Sign-off follows the same rules
(``domain.claims.check_status_change``, and the project's optional second-verdict rule): a
refusal exits 2 before anything is written. Publishing keeps the version readers see; once
published, a change of verdict or rationale is a correction and needs ``--correction-note``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from factcheck_app.cli.common import (
    GateRefused,
    add_json,
    add_project,
    open_project,
    parse_date,
    print_json,
    print_json_stream,
)
from factcheck_app.cli.output import claim_as_json
from factcheck_app.domain.claims import (
    APPROVED,
    DRAFT,
    PUBLISHED,
    STATUS_LABELS,
    STATUSES,
    Claim,
    check_status_change,
)
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import CreateClaim, Edit, SetRationale, SetStatus, SetVerdict
from factcheck_app.services.project import Project

DETAIL_FLAGS = ("claimant", "restated", "claim_date", "reviewer", "assignee")


def parse_status(text: str) -> str:
    """``in_review``, ``in review``, ``review`` or the label: the stored status."""
    wanted = text.strip().casefold().replace("-", "_").replace(" ", "_")
    if wanted == "review":
        wanted = "in_review"
    for status in STATUSES:
        if wanted in (status, STATUS_LABELS[status].casefold().replace(" ", "_")):
            return status
    raise InvalidInput(f"“{text}” is not a status; use one of: {', '.join(STATUSES)}.")


def check_sign_off(claim: Claim, status: str, who: str) -> None:
    """The window's sign-off rules; a refusal is a gate (exit 2), not an error."""
    try:
        check_status_change(claim, status, who)
    except InvalidInput as refusal:
        raise GateRefused(str(refusal)) from None


def check_second_opinion_rule(project: Project, claim_id: int, verdict: str | None) -> None:
    """The project's rule "approval needs a second verdict that agrees, or a resolution",
    asked of the claim as it would be with ``verdict``, before anything is written.

    ``SetStatus`` asks the same inside its transaction; asking first keeps the promise that
    a refused command changes nothing (a verdict changed in the same command included).
    """
    from factcheck_app.services.second_opinion import approval_refusal
    from factcheck_app.storage.orm import ClaimRow

    with project.read_session() as session, session.no_autoflush:
        row = session.get(ClaimRow, claim_id)
        if row is None:
            return
        row.verdict = verdict  # only in this session: expired below, never flushed
        try:
            why = approval_refusal(session, claim_id)
        finally:
            session.expire(row)
    if why:
        raise GateRefused(why)


def status_edit(claim_id: int, status: str, note: str = "") -> SetStatus:
    """Publishing keeps the published version (and, published again changed, its correction note)."""
    from factcheck_app.services.review_edits import PublishClaim

    return PublishClaim(claim_id, note=note) if status == PUBLISHED else SetStatus(claim_id, status)


def check_publication(project: Project, claim: Claim, note: str) -> None:
    """Publishing again a claim whose verdict or rationale changed since is a correction: it needs a note."""
    from factcheck_app.domain.corrections import is_correction
    from factcheck_app.services.corrections import published_versions

    versions = published_versions(project, claim.id)
    corrects = bool(versions) and is_correction(versions[-1], claim.verdict, claim.rationale)
    if note and not corrects:
        raise InvalidInput(
            f"Claim {claim.id}'s verdict and rationale are as published: there is no correction to note."
            if versions
            else f"Claim {claim.id} was never published: there is nothing to correct yet."
        )
    if corrects and not note:
        raise GateRefused(
            f"Claim {claim.id} was published before as “{versions[-1].verdict or 'no verdict'}” and its verdict "
            "or rationale changed since: publishing it again is a correction; add --correction-note TEXT."
        )


def apply_in_turn(
    project: Project, claim_id: int, edits: Sequence[Edit], base: Claim | None, *, after: Edit | None = None
) -> None:
    """Apply edits of one claim one after the other, the first based on what was read
    (``base``) or on what the edit ``after`` left (a claim just created).

    Each later edit expects the claim as the previous edit left it, so a change another
    analyst makes meanwhile is still caught (team projects) and our own steps never are.
    """
    key = ("claim", claim_id)
    previous = after
    for edit in edits:
        if previous is None:
            if base is not None:
                edit.based_on(base)
        elif (left := previous.expectations().get(key)) is not None:
            edit.expectations()[key] = left
        try:
            project.apply(edit)
        except InvalidInput as refusal:
            if isinstance(edit, SetStatus):  # the sign-off rules, checked again inside the transaction
                raise GateRefused(str(refusal)) from None
            raise
        previous = edit


def detail_values(args: argparse.Namespace) -> dict[str, Any]:
    """The claim details asked for, by Claim field name (text, or a date for claim_date)."""
    values: dict[str, Any] = {}
    for field in DETAIL_FLAGS:
        given = getattr(args, field, None)
        if given is not None:
            values[field] = parse_date(given, "--claim-date") if field == "claim_date" else given
    return values


def claim_edits(project: Project, claim: Claim, args: argparse.Namespace) -> tuple[list[Edit], Claim, str | None]:
    """The edits ``args`` ask of an existing (or just planned) claim, the claim as it would be
    after them, and the status asked for (checked by the caller against that claim)."""
    from factcheck_app.domain.tags import normalise_tags
    from factcheck_app.services.edits import AddSource, RemoveSource, SetClaimDetails, SetRationale, SetTags, SetVerdict

    edits: list[Edit] = []
    after = claim
    details = {k: v for k, v in detail_values(args).items() if getattr(claim, k) != v}
    if details:
        set_details = SetClaimDetails(claim.id, **details)
        edits.append(set_details)
        after = replace(after, **set_details.values)
    if getattr(args, "verdict", None) is not None:
        verdict = project.verdict_scale().resolve(args.verdict)
        if verdict != claim.verdict:
            edits.append(SetVerdict(claim.id, verdict))
            after = replace(after, verdict=verdict)
    if getattr(args, "rationale", None) is not None and args.rationale.strip() != claim.rationale:
        set_rationale = SetRationale(claim.id, args.rationale)
        edits.append(set_rationale)
        after = replace(after, rationale=set_rationale.rationale)
    if getattr(args, "tag", None) is not None:
        tags = normalise_tags(args.tag)
        if tags != claim.tags:
            edits.append(SetTags(claim.id, tags))
            after = replace(after, tags=tags)
    for source_id in getattr(args, "remove_source", None) or []:
        edits.append(RemoveSource(claim.id, source_id))
    cited = {s.url for s in claim.sources}
    for url in getattr(args, "source", None) or []:
        cite = AddSource(claim.id, Source(id=None, url=url))
        if cite.source.url not in cited:
            edits.append(cite)
            cited.add(cite.source.url)
            after = replace(after, sources=(*after.sources, cite.source))
    status = parse_status(args.status) if getattr(args, "status", None) else None
    return edits, after, status


def cmd_claim_add(args: argparse.Namespace) -> int:
    from factcheck_app.domain.anchors import anchor_for_quote

    with open_project(args) as project:
        article = project.article(args.article)
        anchor = anchor_for_quote(article.text, args.quote, args.occurrence)
        create = CreateClaim(
            article.id,
            anchor,
            tags=args.tag or [],
            verdict=args.verdict,
            rationale=args.rationale or "",
            sources=[Source(id=None, url=url) for url in args.source or []],
        )
        who = project.analyst
        planned = planned_claim(project, create, who)
        details = {k: v for k, v in detail_values(args).items() if v not in ("", None)}
        status = parse_status(args.status) if args.status else None
        after = replace(planned, **details)
        if status is not None and status != DRAFT:
            check_sign_off(after, status, who)  # before anything is written
        project.apply(create)
        assert create.claim_id is not None
        follow: list[Edit] = []
        if details:
            from factcheck_app.services.edits import SetClaimDetails

            follow.append(SetClaimDetails(create.claim_id, **details))
        if status is not None and status != DRAFT:
            follow.append(status_edit(create.claim_id, status))
        apply_in_turn(project, create.claim_id, follow, None, after=create)
    print(create.claim_id)
    return 0


def planned_claim(project: Project, create: CreateClaim, who: str) -> Claim:
    """The claim CreateClaim would make, for checking a requested status before writing."""
    now = datetime.now()
    return Claim(
        id=0,
        article_id=create.article_id,
        anchor=create.anchor,
        tags=create.tags,
        verdict=project.verdict_scale().resolve(create.verdict),
        rationale=create.rationale,
        sources=create.sources,
        created_by=who,
        created_at=now,
        updated_by=who,
        updated_at=now,
        version=0,
    )


def cmd_claim_update(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        claim = project.claim(args.claim)
        if args.if_version is not None and claim.version != args.if_version:
            raise InvalidInput(
                f"Claim {claim.id} is at version {claim.version}, not {args.if_version}: "
                f"{claim.updated_by} changed it at {claim.updated_at:%Y-%m-%d %H:%M}. Nothing was changed."
            )
        edits, after, status = claim_edits(project, claim, args)
        note = (args.correction_note or "").strip()
        moving = status is not None and status != claim.status
        if moving:
            assert status is not None
            check_sign_off(after, status, project.analyst)  # before anything is written
            if status == APPROVED:
                check_second_opinion_rule(project, claim.id, after.verdict)
            if status == PUBLISHED:
                check_publication(project, after, note)
        if claim.status == PUBLISHED and moving:
            # Taken back from publication first: the changes become a correction when it is published again.
            edits.insert(0, status_edit(claim.id, str(status)))
        elif claim.status == PUBLISHED:
            edits = correct_published(project, claim, after, edits, note)
        elif moving:
            edits.append(status_edit(claim.id, str(status), note))
        elif note:
            raise InvalidInput(
                f"--correction-note is for a published claim (claim {claim.id} is {claim.status}), "
                "or for publishing one again with changes."
            )
        apply_in_turn(project, claim.id, edits, claim)
    return 0


def correct_published(project: Project, claim: Claim, after: Claim, edits: list[Edit], note: str) -> list[Edit]:
    """Edits of a published claim: a changed verdict or rationale is a correction, made with
    ``RecordCorrection`` and its note (refused, exit 2, without one); other fields as usual.

    A note alone records, as a correction, a change made earlier without one.
    """
    from factcheck_app.services.corrections import needs_correction_note
    from factcheck_app.services.review_edits import RecordCorrection

    content = [edit for edit in edits if isinstance(edit, SetVerdict | SetRationale)]
    if not content and not note:
        return edits  # other fields (tags, sources, details) change as on any claim
    if not needs_correction_note(project, claim.id, after.verdict, after.rationale):
        if note:
            raise InvalidInput(
                f"Nothing in claim {claim.id}'s verdict or rationale differs from what was published: "
                "there is no correction to note."
            )
        return edits
    if not note:
        raise GateRefused(
            f"Claim {claim.id} is published: changing its verdict or rationale is a correction; "
            "add --correction-note TEXT (what changed and why). Nothing was changed."
        )
    changes: dict[str, object] = {}
    if after.verdict != claim.verdict:
        changes["verdict"] = after.verdict
    if after.rationale != claim.rationale:
        changes["rationale"] = after.rationale
    kept = [edit for edit in edits if edit not in content]
    return [*kept, RecordCorrection(claim.id, note, **changes)]


def cmd_claim_delete(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import DeleteClaim

    with open_project(args) as project:
        claim = project.claim(args.claim)
        project.apply(DeleteClaim(claim.id).based_on(claim))
    return 0


def cmd_claim_show(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        claim = project.claim(args.claim)
    if args.json:
        print_json(claim_as_json(claim))
        return 0
    rows = [
        ("Claim", str(claim.id)),
        ("Article", str(claim.article_id)),
        ("Quote", claim.quote),
        ("Anchor", claim.anchor_state),
        ("Restated", claim.restated),
        ("Claimant", claim.claimant),
        ("Claim date", claim.claim_date.isoformat() if claim.claim_date else ""),
        ("Verdict", claim.verdict or ""),
        ("Rationale", claim.rationale),
        ("Tags", ", ".join(claim.tags)),
        ("Status", STATUS_LABELS.get(claim.status, claim.status)),
        ("Assignee", claim.assignee),
        ("Reviewer", claim.reviewer),
        ("Approved", f"{claim.approved_by} {claim.approved_at:%Y-%m-%d %H:%M}" if claim.approved_at else ""),
        ("Changed", f"{claim.updated_by} {claim.updated_at:%Y-%m-%d %H:%M} (version {claim.version})"),
    ]
    for label, value in rows:
        print(f"{label + ':':<12} {value}" if value else f"{label}:")
    for item in claim.evidence:
        parts = [item.stance, f"“{item.excerpt}”" if item.excerpt else "", item.location]
        extra = ", ".join(p for p in parts if p)
        print(f"Source {item.source.id}: {item.source.display_title}" + (f" ({extra})" if extra else ""))
    return 0


def filtered_claims(project: Project, args: argparse.Namespace) -> Iterator[Claim]:
    """The claims ``--article`` and ``--filter`` select, streamed (warnings go to stderr)."""
    from factcheck_app.domain.claim_filter import parse_claim_filter

    claims: Iterable[Claim] = project.iter_claims(args.article)
    if not args.filter:
        yield from claims
        return
    parsed = parse_claim_filter(args.filter, project.verdict_scale().labels)
    for warning in parsed.warnings:
        print(f"factcheck: warning: {warning}", file=sys.stderr)
    titles = {a.id: a.title for a in project.articles()} if any(f == "article" for f, _ in parsed.terms) else {}
    yield from (claim for claim in claims if parsed.matches(claim, titles))


def cmd_claims(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        claims = filtered_claims(project, args)
        if args.json or args.jsonl:
            print_json_stream((claim_as_json(c) for c in claims), lines=args.jsonl)
        else:
            for c in claims:
                print(f"{c.id}\t{c.verdict or '-'}\t{c.status}\t{c.quote}")
    return 0


def add_claim_fields(p: argparse.ArgumentParser, *, new: bool) -> None:
    """The claim editor's fields as flags ("" clears a text field on update)."""
    p.add_argument("--claimant", help="who made the claim")
    p.add_argument("--restated", help="the claim in neutral words (ClaimReview's claimReviewed)")
    p.add_argument("--claim-date", metavar="YYYY-MM-DD", help="when the claim was made")
    p.add_argument("--verdict", help="a label of the project's verdict scale")
    p.add_argument("--rationale")
    tag_help = "a tag (repeatable)" if new else "the claim's tags (repeatable; replaces them; --tag '' clears)"
    p.add_argument("--tag", action="append", help=tag_help)
    p.add_argument("--source", action="append", metavar="URL", help="cite a source (repeatable)")
    p.add_argument("--status", help="draft, in_review, approved or published (under the sign-off rules)")
    p.add_argument("--reviewer", help="the analyst who must approve the claim")
    p.add_argument("--assignee", help="the analyst working on the claim")


def register(sub: argparse._SubParsersAction) -> None:
    from factcheck_app.cli.claims_csv import register_import_csv

    p = sub.add_parser("claim", help="add, change, delete or show one claim")
    claim_sub = p.add_subparsers(dest="claim_command", required=True, metavar="ACTION")
    add = claim_sub.add_parser("add", help="make a claim from a quote; prints its id")
    add_project(add, writes=True)
    add.add_argument("--article", type=int, required=True)
    add.add_argument("--quote", required=True)
    add.add_argument("--occurrence", type=int, help="which occurrence of a repeated quote (1 = first)")
    add_claim_fields(add, new=True)
    add.set_defaults(func=cmd_claim_add)

    update = claim_sub.add_parser("update", help="change a claim's fields, status or sources")
    add_project(update, writes=True)
    update.add_argument("claim", type=int, metavar="CLAIM_ID")
    add_claim_fields(update, new=False)
    update.add_argument("--remove-source", type=int, action="append", metavar="SOURCE_ID", help="stop citing it")
    update.add_argument(
        "--if-version", type=int, metavar="N", help="refuse unless the claim is still at version N (from --json)"
    )
    update.add_argument(
        "--correction-note",
        metavar="TEXT",
        help="a published claim's verdict or rationale changes: what changed and why (the correction)",
    )
    update.set_defaults(func=cmd_claim_update)

    delete = claim_sub.add_parser("delete", help="delete a claim (its history stays)")
    add_project(delete, writes=True)
    delete.add_argument("claim", type=int, metavar="CLAIM_ID")
    delete.set_defaults(func=cmd_claim_delete)

    show = claim_sub.add_parser("show", help="every field of a claim")
    add_project(show)
    show.add_argument("claim", type=int, metavar="CLAIM_ID")
    add_json(show)
    show.set_defaults(func=cmd_claim_show)

    register_import_csv(claim_sub)

    p = sub.add_parser("claims", help="list claims (--json: every field, schema factcheck/claim@1)")
    add_project(p)
    p.add_argument("--article", type=int)
    p.add_argument("--filter", help="the window's filter: words, verdict:false tag:budget status:approved …")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON array of claims")
    out.add_argument("--jsonl", action="store_true", help="one JSON claim per line (streamed; for large projects)")
    p.set_defaults(func=cmd_claims)
