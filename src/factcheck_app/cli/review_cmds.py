"""`factcheck second-opinion`, `agreement`, `correction` and `complaint`: the review record
(issue 17) from scripts, on the same services and edits as the window.

Blindness: ``second-opinion pending`` and ``show`` print only what the second checker may
see (the quote, the restated claim, the evidence); the first verdict appears only in
``compare``, which refuses until the second verdict is in.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from factcheck_app.cli.common import add_json, add_project, open_project, parse_date, print_json
from factcheck_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from factcheck_app.domain.agreement import Agreement, SecondOpinion
    from factcheck_app.domain.corrections import Complaint
    from factcheck_app.services.second_opinion import SideBySide

OPINION_SCHEMA = "factcheck/second-opinion@1"
BLIND_SCHEMA = "factcheck/blind-claim@1"
COMPARISON_SCHEMA = "factcheck/second-opinion-comparison@1"
COMPLAINT_SCHEMA = "factcheck/complaint@1"


# -- second opinions ----------------------------------------------------------------------


def cmd_request(args: argparse.Namespace) -> int:
    from factcheck_app.cli.claims import filtered_claims
    from factcheck_app.services.second_opinion import plan_second_opinions

    if not args.claims and args.filter is None and args.article is None:
        raise InvalidInput("Name the claims (their ids) or choose them with --filter QUERY or --article ID.")
    with open_project(args) as project:
        ids = list(args.claims)
        if args.filter is not None or args.article is not None:
            ids += [claim.id for claim in filtered_claims(project, args)]
        if not ids:
            raise InvalidInput("No claim matches: nothing was asked.")
        plan = plan_second_opinions(project, ids, args.second_analyst)
        if plan.edit is not None:
            project.apply(plan.edit)
    for claim_id, why in plan.skipped.items():
        print(f"factcheck: skipped claim {claim_id}: {why}", file=sys.stderr)
    if plan.edit is None:
        raise InvalidInput(f"None of the {len(plan.skipped)} claim(s) can be sent for a second verdict (see above).")
    asked = list(zip(plan.edit.opinion_ids, plan.edit.claim_ids, strict=True))
    if args.json:
        print_json(
            {
                "requested": [{"opinion_id": o, "claim_id": c} for o, c in asked],
                "skipped": [{"claim_id": c, "reason": why} for c, why in plan.skipped.items()],
            }
        )
        return 0
    for opinion_id, claim_id in asked:
        print(f"{opinion_id}\t{claim_id}\t{plan.edit.analyst}")
    return 0


def _request_as_json(opinion: SecondOpinion) -> dict[str, object]:
    """A request as the second checker may see it: who asked, when, about which claim."""
    return {
        "schema": OPINION_SCHEMA,
        "id": opinion.id,
        "claim_id": opinion.claim_id,
        "analyst": opinion.analyst,
        "requested_by": opinion.requested_by,
        "requested_at": opinion.requested_at,
        "state": opinion.state,
    }


def cmd_pending(args: argparse.Namespace) -> int:
    from factcheck_app.services.second_opinion import pending_requests

    with open_project(args, read_only=True) as project:
        waiting = pending_requests(project, args.second_analyst)
    if args.json:
        print_json([_request_as_json(o) for o in waiting])
        return 0
    for o in waiting:
        print(f"{o.id}\t{o.claim_id}\t{o.analyst}\t{o.requested_by}\t{o.requested_at:%Y-%m-%d %H:%M}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from factcheck_app.services.second_opinion import blind_view

    with open_project(args, read_only=True) as project:
        view = blind_view(project, args.opinion)
    if args.json:
        print_json({"schema": BLIND_SCHEMA, **asdict(view)})
        return 0
    rows = [
        ("Request", str(view.opinion_id)),
        ("Claim", str(view.claim_id)),
        ("Asked of", view.analyst),
        ("Quote", view.quote),
        ("In context", f"…{view.context_before}[{view.quote}]{view.context_after}…"),
        ("Restated", view.restated),
        ("Claimant", view.claimant),
        ("Claim date", view.claim_date.isoformat() if view.claim_date else ""),
        ("Article", view.article_title + (f" ({view.article_url})" if view.article_url else "")),
    ]
    for label, value in rows:
        print(f"{label + ':':<12} {value}" if value else f"{label}:")
    for item in view.evidence:
        what = item.title or item.url
        extra = ", ".join(p for p in (item.kind, item.publisher, f"“{item.excerpt}”" if item.excerpt else "") if p)
        print(
            f"Evidence:    {what}"
            + (f" <{item.url}>" if item.title and item.url else "")
            + (f" ({extra})" if extra else "")
        )
    print(f"Verdicts:    {' | '.join(view.verdicts)}")
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from factcheck_app.services.review_edits import AnswerSecondOpinion

    with open_project(args) as project:
        edit = AnswerSecondOpinion(args.opinion, args.verdict, args.rationale)
        project.apply(edit)
    print(
        f"factcheck: second verdict recorded for claim {edit.claim_id}; "
        f"“factcheck second-opinion compare PROJECT {edit.claim_id}” shows both",
        file=sys.stderr,
    )
    return 0


def _comparison_as_json(pair: SideBySide) -> dict[str, object]:
    o = pair.opinion
    resolution = pair.resolution
    return {
        "schema": COMPARISON_SCHEMA,
        "opinion_id": o.id,
        "claim_id": o.claim_id,
        "first": {"analyst": o.first_analyst, "verdict": o.first_verdict, "rationale": o.first_rationale},
        "second": {"analyst": o.analyst, "verdict": o.verdict, "rationale": o.rationale, "at": o.answered_at},
        "current_verdict": pair.current_verdict,
        "agree": pair.agree,
        "settled": pair.settled,
        "resolution": None
        if resolution is None
        else {
            "id": resolution.id,
            "verdict": resolution.verdict,
            "reason": resolution.reason,
            "by": resolution.resolved_by,
            "at": resolution.resolved_at,
        },
    }


def _print_comparison(pair: SideBySide) -> None:
    o = pair.opinion
    state = "agree" if pair.agree else ("resolved" if pair.settled else "DISAGREE: not resolved")
    print(f"Claim {o.claim_id} (request {o.id}): {state}")
    print(f"  first   {o.first_analyst or '?'}: {o.first_verdict or 'no verdict'} — {o.first_rationale}")
    print(f"  second  {o.analyst}: {o.verdict or 'no verdict'} — {o.rationale}")
    if pair.resolution is not None:
        r = pair.resolution
        print(f"  resolved by {r.resolved_by} {r.resolved_at:%Y-%m-%d %H:%M}: {r.verdict} — {r.reason}")
    print(f"  verdict now: {pair.current_verdict or 'none'}")


def cmd_compare(args: argparse.Namespace) -> int:
    from factcheck_app.services.second_opinion import disagreements, side_by_side

    with open_project(args, read_only=True) as project:
        if args.claim is not None:
            pairs = [side_by_side(project, args.claim)]
        else:
            pairs = disagreements(project, unsettled_only=not args.all)
    if args.json:
        print_json(_comparison_as_json(pairs[0]) if args.claim is not None else [_comparison_as_json(p) for p in pairs])
        return 0
    for pair in pairs:
        _print_comparison(pair)
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from factcheck_app.services.review_edits import ResolveDisagreement

    with open_project(args) as project:
        edit = ResolveDisagreement(args.opinion, args.verdict, args.reason)
        project.apply(edit)
        verdict = project.claim(edit.claim_id).verdict if edit.claim_id is not None else None
    print(f"factcheck: claim {edit.claim_id} now says {verdict or 'no verdict'}", file=sys.stderr)
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    from factcheck_app.services.edits import SetProjectSetting
    from factcheck_app.services.second_opinion import RULE_SETTING

    with open_project(args, read_only=args.state is None) as project:
        current = project.settings().get(RULE_SETTING, "off")
        if args.state is not None and args.state != current:
            project.apply(SetProjectSetting(RULE_SETTING, args.state))
            current = args.state
    print(current)
    return 0


# -- the agreement report -----------------------------------------------------------------


def _agreement_line(label: str, result: Agreement) -> str:
    percent = f"{result.percent_agreement:.1f}%" if result.percent_agreement is not None else "—"
    alpha = f"{result.alpha:.3f}" if result.alpha is not None else f"— ({result.alpha_note})"
    return f"{label}\t{result.pairs} pairs\t{result.agreed} agreed\t{percent}\talpha {alpha}"


def cmd_agreement(args: argparse.Namespace) -> int:
    from factcheck_app.services.agreement import agreement_report

    since = parse_date(args.since, "--since")
    until = parse_date(args.until, "--until")
    with open_project(args, read_only=True) as project:
        report = agreement_report(project, period=args.period, since=since, until=until)
    if args.json:
        print_json(report.to_json())
        return 0
    print(f"Ordinal scale: {' > '.join(report.line)}")
    print(_agreement_line("Project", report.overall))
    for (first, second), result in report.per_pair.items():
        print(_agreement_line(f"{first} / {second}", result))
    for period, result in report.per_period.items():
        print(_agreement_line(period, result))
    table = report.overall.confusion
    if table.labels and report.overall.pairs:
        width = max(len(label) for label in table.labels)
        print("Confusion (rows: first verdict, columns: second):")
        print(" " * width + "\t" + "\t".join(table.labels))
        for label, counts in zip(table.labels, table.counts, strict=True):
            print(f"{label:<{width}}\t" + "\t".join(str(n) for n in counts))
    return 0


# -- corrections and complaints -----------------------------------------------------------


def cmd_correction(args: argparse.Namespace) -> int:
    from factcheck_app.services.review_edits import RecordCorrection

    changes: dict[str, object] = {}
    if args.verdict is not None:
        changes["verdict"] = args.verdict
    if args.rationale is not None:
        changes["rationale"] = args.rationale
    with open_project(args) as project:
        claim = project.claim(args.claim)
        edit = RecordCorrection(claim.id, args.note, **changes)
        edit.based_on(claim)
        project.apply(edit)
    print(f"factcheck: claim {args.claim} corrected: {edit.text}", file=sys.stderr)
    return 0


def _received(text: str | None) -> datetime | None:
    """--received: a date (2024-05-31, taken as its start) or a date and time."""
    if text is None or not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        day = parse_date(text, "--received")
        return datetime.combine(day, time()) if day is not None else None


def cmd_complaint_add(args: argparse.Namespace) -> int:
    from factcheck_app.services.review_edits import AddComplaint

    edit = AddComplaint(
        args.claim, args.complainant, args.what, channel=args.channel or "", received_at=_received(args.received)
    )
    with open_project(args) as project:
        project.apply(edit)
    print(edit.complaint_id)
    print(f"factcheck: complaint {edit.complaint_id} is due by {edit.due}", file=sys.stderr)
    return 0


def cmd_complaint_handle(args: argparse.Namespace) -> int:
    from factcheck_app.services.corrections import complaint
    from factcheck_app.services.review_edits import HandleComplaint

    with open_project(args) as project:
        seen = complaint(project, args.complaint)
        project.apply(HandleComplaint(seen.id, handling=args.handling, outcome=args.outcome, seen=seen))
    return 0


def cmd_complaint_close(args: argparse.Namespace) -> int:
    from factcheck_app.services.corrections import complaint
    from factcheck_app.services.review_edits import CloseComplaint

    with open_project(args) as project:
        found = complaint(project, args.complaint)
        project.apply(CloseComplaint(found.id, args.outcome))
    return 0


def _complaint_state(c: Complaint, today: date) -> str:
    if not c.is_open:
        return "closed"
    return "overdue" if c.is_overdue(today) else "open"


def _complaint_as_json(c: Complaint, today: date) -> dict[str, object]:
    return {"schema": COMPLAINT_SCHEMA, **asdict(c), "state": _complaint_state(c, today)}


def cmd_complaint_list(args: argparse.Namespace) -> int:
    from factcheck_app.services.corrections import complaints

    today = date.today()
    with open_project(args, read_only=True) as project:
        found = complaints(project, args.claim, open_only=args.open)
    if args.json:
        print_json([_complaint_as_json(c, today) for c in found])
        return 0
    for c in found:
        print(f"{c.id}\t{c.claim_id}\t{_complaint_state(c, today)}\tdue {c.due}\t{c.complainant}\t{c.what}")
    return 0


# -- the parser ---------------------------------------------------------------------------


def _opinion(p: argparse.ArgumentParser) -> None:
    p.add_argument("opinion", type=int, metavar="OPINION_ID", help="the request's id (from request or pending)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("second-opinion", help="blind second verdicts: request, pending, show, answer, compare, resolve")
    second = p.add_subparsers(dest="second_opinion_command", required=True, metavar="ACTION")

    q = second.add_parser("request", help="ask an analyst for a blind second verdict (prints request ids)")
    add_project(q, writes=True)
    q.add_argument("claims", type=int, nargs="*", metavar="CLAIM_ID")
    q.add_argument("--filter", help="choose the claims with the window's filter (verdict:false tag:budget …)")
    q.add_argument("--article", type=int, help="choose the claims of one article")
    q.add_argument("--analyst", dest="second_analyst", required=True, metavar="NAME", help="who gives it")
    add_json(q)
    q.set_defaults(func=cmd_request)

    q = second.add_parser("pending", help="requests still waiting (one analyst's queue with --analyst)")
    add_project(q)
    q.add_argument("--analyst", dest="second_analyst", metavar="NAME")
    add_json(q)
    q.set_defaults(func=cmd_pending)

    q = second.add_parser("show", help="the claim as the second checker sees it: never the first verdict")
    add_project(q)
    _opinion(q)
    add_json(q)
    q.set_defaults(func=cmd_show)

    q = second.add_parser("answer", help="give your blind second verdict (--as: the analyst asked)")
    add_project(q, writes=True)
    _opinion(q)
    q.add_argument("--verdict", required=True)
    q.add_argument("--rationale", required=True)
    q.set_defaults(func=cmd_answer)

    q = second.add_parser("compare", help="both verdicts of a claim side by side, or every open disagreement")
    add_project(q)
    q.add_argument("claim", type=int, nargs="?", metavar="CLAIM_ID")
    q.add_argument("--all", action="store_true", help="without CLAIM_ID: resolved disagreements too")
    add_json(q)
    q.set_defaults(func=cmd_compare)

    q = second.add_parser("resolve", help="settle a disagreement: which verdict stands and why")
    add_project(q, writes=True)
    _opinion(q)
    q.add_argument("--verdict", required=True)
    q.add_argument("--reason", required=True)
    q.set_defaults(func=cmd_resolve)

    q = second.add_parser("rule", help="approval needs a second verdict that agrees, or a resolution: on or off")
    add_project(q, writes=True)
    q.add_argument("state", nargs="?", choices=["on", "off"], help="without it: print the rule's state")
    q.set_defaults(func=cmd_rule)

    p = sub.add_parser("agreement", help="how far second verdicts agree: percent, Krippendorff's alpha, confusion")
    add_project(p)
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"])
    p.add_argument("--since", metavar="YYYY-MM-DD", help="second verdicts given from this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="second verdicts given up to this day")
    add_json(p)
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("correction", help="correct a published claim openly, with a note")
    add_project(p, writes=True)
    p.add_argument("claim", type=int, metavar="CLAIM_ID")
    p.add_argument("--note", required=True, help="what changed and why (published with the correction)")
    p.add_argument("--verdict", help="the corrected verdict")
    p.add_argument("--rationale", help="the corrected rationale")
    p.set_defaults(func=cmd_correction)

    p = sub.add_parser("complaint", help="complaints against published claims: add, handle, close, list")
    complaint_sub = p.add_subparsers(dest="complaint_command", required=True, metavar="ACTION")
    q = complaint_sub.add_parser("add", help="record a complaint (prints its id; due in the project's working days)")
    add_project(q, writes=True)
    q.add_argument("claim", type=int, metavar="CLAIM_ID")
    q.add_argument("--from", dest="complainant", required=True, metavar="WHO")
    q.add_argument("--what", required=True, help="what the complaint says")
    q.add_argument("--channel", help="e-mail, form, phone, social …")
    q.add_argument("--received", metavar="YYYY-MM-DD[THH:MM]", help="when it arrived (default: now)")
    q.set_defaults(func=cmd_complaint_add)

    q = complaint_sub.add_parser("handle", help="note how a complaint is handled, or its outcome")
    add_project(q, writes=True)
    q.add_argument("complaint", type=int, metavar="COMPLAINT_ID")
    q.add_argument("--handling")
    q.add_argument("--outcome")
    q.set_defaults(func=cmd_complaint_handle)

    q = complaint_sub.add_parser("close", help="close a complaint with its outcome")
    add_project(q, writes=True)
    q.add_argument("complaint", type=int, metavar="COMPLAINT_ID")
    q.add_argument("--outcome", help="what was decided (needed unless already noted)")
    q.set_defaults(func=cmd_complaint_close)

    q = complaint_sub.add_parser("list", help="complaints, soonest due first (state: open, overdue, closed)")
    add_project(q)
    q.add_argument("--claim", type=int, metavar="CLAIM_ID")
    q.add_argument("--open", action="store_true", help="open complaints only")
    add_json(q)
    q.set_defaults(func=cmd_complaint_list)
