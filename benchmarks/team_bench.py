"""Team mode under load: 2, 4 and 8 analysts editing one PostgreSQL project at once.

    .venv/bin/python benchmarks/team_bench.py [--seconds 6] [--analysts 2,4,8] [--claims 20] [--url URL]

Each analyst is a separate process (spawn) with its own ``Project.open`` on one shared
project over loopback. For a fixed time they edit ~20 shared claims, so they collide:
mostly "append a unique token to a claim's rationale" done the right way (read the claim,
``SetRationale(old + " " + token).based_on(snapshot)``, on EditConflict read again and
retry), plus some verdict edits (on conflict: "use mine", ``rebase``) and claimant edits
(on conflict: "keep theirs"). Every process notes the tokens it committed; afterwards
lost updates = committed tokens missing from the final rationales. Must be 0.

Beside it, in the same run:
- control: the same workload as blind writes (read, then write without ``based_on``):
  the updates the version check prevents from being lost;
- floor: bare psycopg ``UPDATE claims SET rationale = rationale || ' ' || token``
  statements (autocommit) by as many processes.

The bench makes a throwaway database on the server (--url, else $FACTCHECK_TEST_PG_URL,
else the one scripts/pg-test-server.sh starts) and drops it afterwards.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHECKED, BLIND, FLOOR = "based_on (checked)", "blind (control)", "raw UPDATE (floor)"
APPEND_SHARE, VERDICT_SHARE = 0.8, 0.1  # the rest: claimant edits
MAX_ATTEMPTS = 200  # per logical edit; never reached in practice, bounds a livelock


@dataclass(frozen=True, slots=True)
class Job:
    url: str
    mode: str
    analyst: str
    claim_ids: tuple[int, ...]
    seconds: float
    seed: int


@dataclass
class Tally:
    """What one analyst process did in one round."""

    analyst: str
    elapsed: float = 0.0
    edits: int = 0  # committed
    conflicts: int = 0  # EditConflict raised (collision detected)
    retries: int = 0  # apply calls after a conflict (re-read or rebased)
    stale: int = 0  # races caught inside Project (StaleDataError, run again)
    failed: int = 0  # logical edits given up (ProjectError after its own retries, or MAX_ATTEMPTS)
    statements: int = 0  # SQL statements sent during the round (reads included)
    apply_ms: list[float] = field(default_factory=list)  # the apply call that committed
    edit_ms: list[float] = field(default_factory=list)  # first read → commit, retries included
    tokens: list[tuple[int, str]] = field(default_factory=list)  # (claim id, token) committed
    error: str = ""


# -- the analysts (child processes) ----------------------------------------------------


def analyst_process(job: Job, barrier, results) -> None:  # type: ignore[no-untyped-def]
    tally = Tally(job.analyst)
    try:
        if job.mode == FLOOR:
            _raw_updates(job, barrier, tally)
        else:
            _edits(job, barrier, tally)
    except Exception:  # noqa: BLE001 - reported by the parent
        tally.error = traceback.format_exc()
        barrier.abort()
    results.put(tally)


def _edits(job: Job, barrier, tally: Tally) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event
    from sqlalchemy.orm.exc import StaleDataError

    from factcheck_app.domain.errors import ProjectError
    from factcheck_app.domain.verdicts import DEFAULT_SCALE
    from factcheck_app.services.conflicts import EditConflict
    from factcheck_app.services.edits import SetClaimDetails, SetRationale, SetVerdict
    from factcheck_app.services.project import Project

    checked = job.mode == CHECKED
    rng = random.Random(job.seed)
    labels = list(DEFAULT_SCALE.labels)
    project = Project.open(job.url, analyst=job.analyst)
    run_once = project._run_once

    def counting_run_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return run_once(*args, **kwargs)
        except StaleDataError:
            tally.stale += 1
            raise

    project._run_once = counting_run_once  # type: ignore[method-assign]

    def count_statement(*_args) -> None:  # type: ignore[no-untyped-def]
        tally.statements += 1

    event.listen(project._engine, "before_cursor_execute", count_statement)

    def apply(edit) -> bool:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        project.apply(edit)
        tally.apply_ms.append((time.perf_counter() - t0) * 1000)
        tally.edits += 1
        return True

    def append(claim_id: int, token: str) -> None:
        started = time.perf_counter()
        for attempt in range(MAX_ATTEMPTS):
            if attempt:
                tally.retries += 1
            seen = project.claim(claim_id)
            edit = SetRationale(claim_id, f"{seen.rationale} {token}")
            if checked:
                edit.based_on(seen)
            try:
                apply(edit)
            except EditConflict:
                tally.conflicts += 1  # someone appended since we read: read again, append again
                continue
            except ProjectError:
                continue  # collided more often than Project retries by itself: try again
            tally.tokens.append((claim_id, token))
            tally.edit_ms.append((time.perf_counter() - started) * 1000)
            return
        tally.failed += 1

    def one_shot(edit, seen, *, use_mine: bool) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        if checked:
            edit.based_on(seen)
        try:
            apply(edit)
        except EditConflict as conflict:
            tally.conflicts += 1
            if not use_mine:
                return  # the analyst keeps theirs: nothing to write
            edit.rebase(conflict)
            tally.retries += 1
            try:
                apply(edit)
            except ProjectError:
                tally.failed += 1
                return
        except ProjectError:
            tally.failed += 1
            return
        tally.edit_ms.append((time.perf_counter() - started) * 1000)

    try:
        barrier.wait(timeout=120)
        start = time.perf_counter()
        deadline = start + job.seconds
        seq = 0
        while time.perf_counter() < deadline:
            claim_id = rng.choice(job.claim_ids)
            roll = rng.random()
            seq += 1
            if roll < APPEND_SHARE:
                append(claim_id, f"{job.analyst}-{seq}")
            elif roll < APPEND_SHARE + VERDICT_SHARE:
                seen = project.claim(claim_id)
                label = rng.choice([v for v in labels if v != seen.verdict])
                one_shot(SetVerdict(claim_id, label), seen, use_mine=True)
            else:
                seen = project.claim(claim_id)
                one_shot(SetClaimDetails(claim_id, claimant=f"{job.analyst} {seq}"), seen, use_mine=False)
        tally.elapsed = time.perf_counter() - start
    finally:
        project.close()


def _raw_updates(job: Job, barrier, tally: Tally) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    rng = random.Random(job.seed)
    with psycopg.connect(plain_url(job.url), autocommit=True) as conn:
        barrier.wait(timeout=120)
        start = time.perf_counter()
        deadline = start + job.seconds
        seq = 0
        while time.perf_counter() < deadline:
            claim_id = rng.choice(job.claim_ids)
            seq += 1
            token = f"{job.analyst}-{seq}"
            t0 = time.perf_counter()
            conn.execute(
                "UPDATE claims SET rationale = rationale || ' ' || %s, version = version + 1 WHERE id = %s",
                (token, claim_id),
            )
            ms = (time.perf_counter() - t0) * 1000
            tally.apply_ms.append(ms)
            tally.edit_ms.append(ms)
            tally.edits += 1
            tally.statements += 1
            tally.tokens.append((claim_id, token))
        tally.elapsed = time.perf_counter() - start


# -- the parent ------------------------------------------------------------------------


def plain_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def server_url(given: str | None) -> str:
    if given:
        return plain_url(given)
    if os.environ.get("FACTCHECK_TEST_PG_URL"):
        return os.environ["FACTCHECK_TEST_PG_URL"]
    script = REPO / "scripts" / "pg-test-server.sh"
    done = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(
            "team_bench: no PostgreSQL server: pass --url, set FACTCHECK_TEST_PG_URL, or fix "
            f"scripts/pg-test-server.sh:\n{done.stderr.strip()}"
        )
    return done.stdout.strip().splitlines()[-1]


@contextmanager
def throwaway_database(admin: str) -> Iterator[str]:
    import psycopg

    name = f"fc_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Claims:
    """Sets of fresh shared claims in one article of the bench project: one set per round."""

    def __init__(self, url: str, per_round: int, rounds: int) -> None:
        from factcheck_app.domain.articles import ArticleDraft
        from factcheck_app.services.edits import ImportArticle
        from factcheck_app.services.project import Project

        self.url = url
        self.per_round = per_round
        sentences = [
            f"Speaker {i} said the budget for item {i} rose by {i % 97 + 3} percent last year."
            for i in range(per_round * rounds)
        ]
        self.text = "\n".join(sentences) + "\n"
        self.spans: list[tuple[int, int]] = []
        at = 0
        for sentence in sentences:
            self.spans.append((at, at + len(sentence)))
            at += len(sentence) + 1
        self.project = Project.create(url, analyst="setup")
        imported = ImportArticle(ArticleDraft(title="Team bench", text=self.text))
        self.project.apply(imported)
        assert imported.article_id is not None
        self.article_id = imported.article_id
        self.used = 0

    def fresh(self) -> tuple[int, ...]:
        from factcheck_app.domain.anchors import anchor_for_span
        from factcheck_app.services.edits import CreateClaim

        ids = []
        for start, end in self.spans[self.used : self.used + self.per_round]:
            create = CreateClaim(self.article_id, anchor_for_span(self.text, start, end), rationale="Seen:")
            self.project.apply(create)
            assert create.claim_id is not None
            ids.append(create.claim_id)
        self.used += self.per_round
        return tuple(ids)

    def rationales(self, ids: tuple[int, ...]) -> dict[int, set[str]]:
        return {c.id: set(c.rationale.split()) for c in self.project.find_claims(set(ids))}

    def rationale_entries(self, ids: tuple[int, ...]) -> int:
        return sum(1 for i in ids for entry in self.project.history("claim", i) if entry.action == "Edit rationale")


@dataclass
class Round:
    mode: str
    analysts: int
    tallies: list[Tally]
    lost: int
    committed: int
    phantom: int  # tokens in the text that no process saw committed
    history_ok: bool | None

    @property
    def edits(self) -> int:
        return sum(t.edits for t in self.tallies)

    @property
    def rate(self) -> float:
        return self.edits / max(t.elapsed for t in self.tallies)

    @property
    def per_analyst(self) -> float:
        return statistics.mean(t.edits / t.elapsed for t in self.tallies)

    def total(self, name: str) -> int:
        return sum(getattr(t, name) for t in self.tallies)

    def percentile(self, name: str, q: float) -> float:
        values = sorted(v for t in self.tallies for v in getattr(t, name))
        return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def run_round(claims: Claims, mode: str, analysts: int, seconds: float, seed: int) -> Round:
    ids = claims.fresh()
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(analysts)
    results = ctx.Queue()
    processes = [
        ctx.Process(
            target=analyst_process,
            args=(Job(claims.url, mode, f"a{n}", ids, seconds, seed * 100 + n), barrier, results),
        )
        for n in range(1, analysts + 1)
    ]
    for process in processes:
        process.start()
    tallies = [results.get(timeout=seconds + 300) for _ in processes]  # before join: big payloads
    for process in processes:
        process.join(timeout=60)
    errors = [t.error for t in tallies if t.error]
    if errors:
        sys.exit(f"team_bench: an analyst process failed ({mode}, {analysts} analysts):\n{errors[0]}")

    final = claims.rationales(ids)
    committed = [(c, token) for t in tallies for c, token in t.tokens]
    lost = sum(1 for c, token in committed if token not in final[c])
    seen = {token for _c, token in committed}
    phantom = sum(1 for words in final.values() for w in words if "-" in w and w not in seen)
    history_ok = None
    if mode != FLOOR:  # one history entry per committed rationale edit
        history_ok = claims.rationale_entries(ids) == len(committed)
    return Round(mode, analysts, tallies, lost, len(committed), phantom, history_ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each round (default 6)")
    parser.add_argument("--analysts", default="2,4,8", help="analyst counts to run, comma-separated (default 2,4,8)")
    parser.add_argument("--claims", type=int, default=20, help="shared claims edited in each round (default 20)")
    parser.add_argument("--url", help="PostgreSQL server to make the throwaway bench database on")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = [int(n) for n in args.analysts.split(",") if n.strip()]
    modes = (CHECKED, BLIND, FLOOR)

    import psycopg

    admin = server_url(args.url)
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        version = row[0] if row else "?"
    print(
        f"Factcheck App team-mode benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"PostgreSQL {version} on loopback, load average {os.getloadavg()[0]:.1f} at start\n"
        f"{args.seconds:g} s per round, {args.claims} shared claims; mix: {APPEND_SHARE:.0%} rationale appends, "
        f"{VERDICT_SHARE:.0%} verdicts (conflict: use mine), {1 - APPEND_SHARE - VERDICT_SHARE:.0%} claimants "
        "(conflict: keep theirs)\n"
    )
    head = (
        f"{'analysts':>8}  {'writes':<19} {'edits/s':>8} {'/analyst':>8} {'conflicts':>9} {'retries':>7} "
        f"{'stale':>5} {'SQL/edit':>8} {'p50 ms':>7} {'p95 ms':>7} {'e2e p95':>7}  lost updates"
    )
    print(head)
    print("-" * (len(head) + 6))
    began = time.perf_counter()
    rounds: list[Round] = []
    with throwaway_database(admin) as url:
        claims = Claims(url, args.claims, len(counts) * len(modes))
        try:
            for n in counts:
                for mode in modes:
                    r = run_round(claims, mode, n, args.seconds, args.seed + len(rounds))
                    rounds.append(r)
                    notes = []
                    if r.phantom:
                        notes.append(f"{r.phantom} uncounted tokens in the text")
                    if r.history_ok is False:
                        notes.append("HISTORY ENTRIES != COMMITTED APPENDS")
                    if r.total("failed"):
                        notes.append(f"{r.total('failed')} edits given up")
                    conflicts = str(r.total("conflicts")) if mode != FLOOR else "–"
                    retries = str(r.total("retries")) if mode != FLOOR else "–"
                    stale = str(r.total("stale")) if mode != FLOOR else "–"
                    print(
                        f"{n:>8}  {mode:<19} {r.rate:>8.0f} {r.per_analyst:>8.1f} {conflicts:>9} {retries:>7} "
                        f"{stale:>5} {r.total('statements') / max(1, r.edits):>8.1f} "
                        f"{r.percentile('apply_ms', 0.5):>7.1f} {r.percentile('apply_ms', 0.95):>7.1f} "
                        f"{r.percentile('edit_ms', 0.95):>7.1f}  {r.lost:,} of {r.committed:,}"
                        + (f"  ({'; '.join(notes)})" if notes else "")
                    )
                checked = next(r for r in rounds if r.analysts == n and r.mode == CHECKED)
                floor = next(r for r in rounds if r.analysts == n and r.mode == FLOOR)
                ratio = checked.rate / floor.rate
                print(f"{'':>8}  checked edits/s = {ratio:.3f}x the raw UPDATE floor (1/{1 / ratio:.0f})\n")
        finally:
            claims.project.close()

    print(
        "edits/s: committed edits of all processes / round time; /analyst: mean per process. conflicts: EditConflict\n"
        "raised; retries: apply calls after one; stale: races between check and write caught by the row version\n"
        "and run again inside Project. SQL/edit: statements sent (reads, refused tries included) per committed\n"
        "edit. p50/p95: the apply call that committed; e2e p95: first read → commit, retries included.\n"
        "lost updates: committed tokens missing from the final rationales."
    )
    bad = [r for r in rounds if r.mode != BLIND and (r.lost or r.phantom or r.history_ok is False)]
    blind = [r for r in rounds if r.mode == BLIND]
    if blind and not any(r.lost for r in blind):
        print("NOTE: the blind control lost no updates in this run (collisions too rare to show it).")
    print(f"total {time.perf_counter() - began:.0f} s")
    if bad:
        sys.exit("FAILED: lost updates (or history mismatch) with the version check on")


if __name__ == "__main__":
    main()
