"""Already checked: claims in the project that say much the same as this one.

Analysts meet the same talking point in many articles; before checking it again they
should see the earlier verdict. Matching is fuzzy (rapidfuzz token-set ratio) on the quote
and the restated claim, so word order and small edits do not hide a repeat.

A desk's project holds tens of thousands of claims and this runs on every new claim, so the
wordings are kept in an index per open project: words → claims, brought up to date from the
history (every change of a claim is logged there, by this analyst or by another on a team
project) instead of reading every claim again. Only the few candidates sharing the query's
rarest words are scored, and only the best are read in full.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from sqlalchemy import Select, func, select

from factcheck_app.domain.claims import Claim
from factcheck_app.services.project import Project
from factcheck_app.storage.orm import ArticleRow, ClaimRow, HistoryRow

THRESHOLD = 75  # 0..100: below this, "similar" is more noise than help
RARE_WORDS = 6  # the query's rarest words that choose the candidates
CANDIDATES = 400  # scored with rapidfuzz; the rest share too few of those words to reach THRESHOLD
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SimilarClaim:
    claim: Claim
    article_title: str
    score: float


def _wording(claim: Claim) -> str:
    return f"{claim.quote} {claim.restated}".strip()


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.casefold()) if len(word) > 1 or word.isdigit()}


@dataclass
class _Index:
    """Every claim's wording and the claims each word occurs in, as of history entry ``seen``."""

    seen: int = 0
    wordings: dict[int, str] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)

    def put(self, claim_id: int, wording: str) -> None:
        self.drop(claim_id)
        self.wordings[claim_id] = wording
        for word in _words(wording):
            self.postings.setdefault(word, set()).add(claim_id)

    def drop(self, claim_id: int) -> None:
        old = self.wordings.pop(claim_id, None)
        if old is None:
            return
        for word in _words(old):
            ids = self.postings.get(word)
            if ids is not None:
                ids.discard(claim_id)
                if not ids:
                    del self.postings[word]

    def candidates(self, wording: str, exclude: int) -> list[int]:
        """Claims sharing the most of the query's rarest words (at most CANDIDATES)."""
        known = sorted((len(self.postings[w]), w) for w in _words(wording) if w in self.postings)
        counts: Counter[int] = Counter()
        for _size, word in known[:RARE_WORDS]:
            counts.update(self.postings[word])
        counts.pop(exclude, None)
        return [claim_id for claim_id, _n in counts.most_common(CANDIDATES)]


_indexes: WeakKeyDictionary[Project, _Index] = WeakKeyDictionary()
# The window builds the index on a worker thread at open (``warm``); a lookup meanwhile waits for it.
_building = threading.Lock()


def _wording_query() -> Select[int, str, str]:
    return select(ClaimRow.id, ClaimRow.exact, ClaimRow.restated)


def warm(project: Project) -> None:
    """Build the project's index now, ahead of the first new claim.

    The window calls this on a worker thread when a project opens: on 100,000 claims the
    build takes a second or two, which the first Ctrl+K used to spend with the window frozen.
    """
    _up_to_date(project)


def _up_to_date(project: Project) -> _Index:
    """The project's index, brought up to the newest history entry (built on first use)."""
    with _building:
        return _bring_up_to_date(project)


def _bring_up_to_date(project: Project) -> _Index:
    index = _indexes.get(project)
    with project.read_session() as session:
        newest = session.scalar(select(func.max(HistoryRow.id))) or 0
        if index is None:
            index = _built(session.execute(_wording_query()), newest)
            _indexes[project] = index
            return index
        if newest == index.seen:
            return index
        changed = set(
            session.scalars(
                select(HistoryRow.entity_id).where(HistoryRow.id > index.seen, HistoryRow.entity == "claim")
            )
        )
        rows = {
            claim_id: f"{exact or ''} {restated or ''}".strip()
            for claim_id, exact, restated in session.execute(_wording_query().where(ClaimRow.id.in_(changed)))
        }
    for claim_id in changed:
        if claim_id in rows:
            index.put(claim_id, rows[claim_id])
        else:
            index.drop(claim_id)  # deleted
    index.seen = newest
    return index


def _built(rows: Iterable[tuple[int, str | None, str | None]], seen: int) -> _Index:
    """A new index of every claim's wording (no per-claim ``put``: nothing to drop yet)."""
    postings: defaultdict[str, set[int]] = defaultdict(set)
    wordings: dict[int, str] = {}
    for claim_id, exact, restated in rows:
        wording = wordings[claim_id] = f"{exact or ''} {restated or ''}".strip()
        for word in _words(wording):
            postings[word].add(claim_id)
    return _Index(seen=seen, wordings=wordings, postings=postings)


def similar_claims(
    project: Project, claim: Claim, *, limit: int = 5, threshold: float = THRESHOLD
) -> list[SimilarClaim]:
    """Other claims of the project (any article) close to ``claim``, best first, with verdicts first."""
    from rapidfuzz import fuzz, process

    index = _up_to_date(project)
    wording = _wording(claim)
    ids = index.candidates(wording, exclude=claim.id)
    if not ids:
        return []
    matches = process.extract(
        wording,
        [index.wordings[i] for i in ids],
        scorer=fuzz.token_set_ratio,
        limit=limit * 3,
        score_cutoff=threshold,
    )
    # Read now, in one query: their verdicts may have changed since they were indexed.
    current = {c.id: c for c in project.find_claims({ids[position] for _, _, position in matches})}
    wanted = {c.article_id for c in current.values()}
    with project.read_session() as session:
        titles = {
            int(article_id): title or ""
            for article_id, title in session.execute(
                select(ArticleRow.id, ArticleRow.title).where(ArticleRow.id.in_(wanted))
            )
        }
    found = [
        SimilarClaim(current[ids[position]], titles.get(current[ids[position]].article_id, ""), score)
        for _, score, position in matches
        if ids[position] in current  # deleted since
    ]
    found.sort(key=lambda s: (s.claim.verdict is None, -s.score))
    return found[:limit]
