"""Team mode: analysts appending to the same rationales at once never lose each other's words.

The right way to append: read the claim, write old text + new words ``based_on`` what was
read, and on EditConflict read again and retry. Every append that reports success must be
in the final text, and in the history, once. Needs the test server (FACTCHECK_TEST_PG_URL).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.edits import CreateClaim, EditContext, SetRationale
from factcheck_app.services.project import Project

QUOTES = ("carry 50,000 passengers a day", "cost twice the budget")
ANALYSTS = ("anna", "bea", "carl")
APPENDS = 15  # per analyst per claim
START = "Notes:"
MAX_ATTEMPTS = 50  # per append: far above what three analysts need; a bound, not a budget


@pytest.fixture
def shared(pg_database: str, article_file: Path) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(project URL, claim ids): two claims every analyst can see."""
    with Project.create(pg_database, analyst="setup") as setup:
        imported = import_article_edit(article_file)
        setup.apply(imported)
        article = setup.article(imported.article_id)
        ids = []
        for quote in QUOTES:
            create = CreateClaim(article.id, anchor_for_quote(article.text, quote), rationale=START)
            setup.apply(create)
            assert create.claim_id is not None
            ids.append(create.claim_id)
    yield pg_database, tuple(ids)


@dataclass
class Analyst:
    name: str
    committed: dict[int, list[str]] = field(default_factory=dict)  # claim id → tokens, in order
    conflicts: int = 0
    error: BaseException | None = None


def append(project: Project, claim_id: int, token: str, analyst: Analyst, seen=None) -> None:  # type: ignore[no-untyped-def]
    """Append ``token`` the right way; retry on conflict with what is there now."""
    for _ in range(MAX_ATTEMPTS):
        seen = seen or project.claim(claim_id)
        try:
            project.apply(SetRationale(claim_id, f"{seen.rationale} {token}").based_on(seen))
        except EditConflict:
            analyst.conflicts += 1
            seen = None
            continue
        analyst.committed.setdefault(claim_id, []).append(token)
        return
    raise AssertionError(f"{analyst.name} could not append {token} in {MAX_ATTEMPTS} attempts")


def test_three_analysts_appending_to_the_same_rationales_lose_nothing(shared) -> None:  # type: ignore[no-untyped-def]
    """Anna, Bea and Carl each append 15 tokens to each of two claims, all at the same moment.

    A barrier makes every round collide: all three read the same version, then all three
    write. One wins; the other two must be refused (EditConflict), read again and retry.
    """
    url, claim_ids = shared
    rounds = APPENDS * len(claim_ids)
    barrier = threading.Barrier(len(ANALYSTS), timeout=60)
    analysts = [Analyst(name) for name in ANALYSTS]

    def work(analyst: Analyst) -> None:
        try:
            with Project.open(url, analyst=analyst.name) as project:  # one Project per thread
                for i in range(APPENDS):
                    for claim_id in claim_ids:  # the claims take turns: a round's readers all see one version
                        seen = project.claim(claim_id)
                        barrier.wait()
                        append(project, claim_id, f"{analyst.name}-{claim_id}-{i}", analyst, seen)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            analyst.error = error
            barrier.abort()

    threads = [threading.Thread(target=work, args=(a,), name=a.name) for a in analysts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an analyst is stuck"
    for analyst in analysts:
        if analyst.error is not None:
            raise analyst.error

    # Collisions happened: in each round two of the three first tries were refused.
    conflicts = sum(a.conflicts for a in analysts)
    assert conflicts >= 2 * rounds

    with Project.open(url, analyst="checker") as checker:
        for claim_id in claim_ids:
            committed = [t for a in analysts for t in a.committed.get(claim_id, [])]
            assert len(committed) == APPENDS * len(ANALYSTS)  # every append went in, in the end

            # No lost updates: every committed token is in the final text, once; nothing else is.
            words = checker.claim(claim_id).rationale.split()
            assert words[0] == START
            missing = set(committed) - set(words)
            assert not missing, f"lost updates on claim {claim_id}: {sorted(missing)}"
            assert sorted(words[1:]) == sorted(committed)

            # The history has one entry per committed append, each adding exactly its token.
            entries = checker.history("claim", claim_id)
            assert [e.action for e in entries] == ["New claim"] + ["Edit rationale"] * len(committed)
            text, appended = START, []
            for entry in entries[1:]:
                after = entry.state["rationale"]  # type: ignore[index]
                assert after.startswith(text + " "), f"{entry.analyst} wrote over earlier appends"
                token = after[len(text) + 1 :]
                assert token.split("-")[:2] == [entry.analyst, str(claim_id)]
                appended.append(token)
                text = after
            assert sorted(appended) == sorted(committed)
            assert text == checker.claim(claim_id).rationale


class PausingSetRationale(SetRationale):
    """A SetRationale that stops once, inside its write transaction, after the version check."""

    def __init__(self, claim_id: int, rationale: str) -> None:
        super().__init__(claim_id, rationale)
        self.checked = threading.Event()
        self.resume = threading.Event()

    def apply(self, ctx: EditContext):  # type: ignore[no-untyped-def]
        if not self.checked.is_set():
            self.checked.set()
            assert self.resume.wait(timeout=30)
        return super().apply(ctx)


def test_a_write_committed_between_the_check_and_the_write_is_not_overwritten(shared) -> None:  # type: ignore[no-untyped-def]
    """Bea's edit passed its version check; Anna commits before Bea's write: one of them must be refused.

    The interleaving is forced, so this fails every time the check and the write are not
    one: Bea would write over Anna's append and both would be told "saved".
    """
    url, (claim_id, _other) = shared
    outcome: dict[str, str] = {}
    with Project.open(url, analyst="anna") as anna, Project.open(url, analyst="bea") as bea:
        seen_by_bea = bea.claim(claim_id)
        seen_by_anna = anna.claim(claim_id)
        beas = PausingSetRationale(claim_id, f"{seen_by_bea.rationale} bea-1").based_on(seen_by_bea)
        annas = SetRationale(claim_id, f"{seen_by_anna.rationale} anna-1").based_on(seen_by_anna)

        def run(name: str, project: Project, edit: SetRationale) -> None:
            try:
                project.apply(edit)
                outcome[name] = "saved"
            except EditConflict:
                outcome[name] = "conflict"
            except BaseException as error:  # noqa: BLE001 - reported below
                outcome[name] = repr(error)

        bea_thread = threading.Thread(target=run, args=("bea", bea, beas))
        bea_thread.start()
        assert beas.checked.wait(timeout=30), "Bea's edit never reached its write"
        anna_thread = threading.Thread(target=run, args=("anna", anna, annas))
        anna_thread.start()
        # Anna commits now, or waits for Bea's row lock (a check that locks the row): either is right.
        anna_thread.join(timeout=1.0)
        beas.resume.set()
        bea_thread.join(timeout=30)
        anna_thread.join(timeout=30)
        assert not bea_thread.is_alive() and not anna_thread.is_alive()

        assert sorted(outcome.values()) == ["conflict", "saved"], outcome
        winner = "anna" if outcome["anna"] == "saved" else "bea"
        assert anna.claim(claim_id).rationale == f"{START} {winner}-1"
        assert [e.action for e in anna.history("claim", claim_id)] == ["New claim", "Edit rationale"]
