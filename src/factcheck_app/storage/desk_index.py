"""The desk archive's index: one SQLite file of earlier claims and verdicts, with full-text search.

It lives in the user's data directory (the caller passes the path), apart from any project:
it gathers claims from many projects and from imported ClaimReview feeds, so that a new claim
can find an earlier verdict. FTS5 finds candidates by their rarest words; the caller rescores
them with fuzzy matching. Adding a source again replaces what it contributed before.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck_app.domain.errors import FactcheckError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS archived (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,          -- the project file or feed it came from
    origin_kind TEXT NOT NULL,     -- "project" | "claimreview"
    claim TEXT NOT NULL,           -- the claim as its source words it
    normalised TEXT NOT NULL,
    verdict TEXT NOT NULL DEFAULT '',
    claimant TEXT NOT NULL DEFAULT '',
    claim_date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS archived_origin ON archived(origin);
CREATE VIRTUAL TABLE IF NOT EXISTS archived_fts USING fts5(normalised, content='archived', content_rowid='id');
CREATE TABLE IF NOT EXISTS archived_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
"""
#: Candidates are found by at most this many of the query's rarest words…
_QUERY_TERMS = 6
#: …each naming at most this many claims (a word in more claims tells little about which one).
_TERM_DOCS = 5_000


class DeskIndexError(FactcheckError):
    """The archive index file cannot be used (not an index, unreadable, no FTS5)."""


@dataclass(frozen=True, slots=True)
class ArchivedClaim:
    origin: str
    origin_kind: str
    claim: str
    normalised: str
    verdict: str = ""
    claimant: str = ""
    claim_date: str = ""
    url: str = ""


class DeskIndex:
    """An open index file. Short transactions; safe to open from several processes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise DeskIndexError(f"{self.path.name} cannot be used as the desk archive index: {error}") from error
        except OSError as error:
            raise DeskIndexError(f"Cannot create the desk archive index {self.path}: {error.strerror}") from error

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DeskIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def replace_origin(self, origin: str, claims: Iterable[ArchivedClaim]) -> int:
        """Put ``claims`` in place of everything ``origin`` contributed before; returns how many."""
        rows = list(claims)
        with self._db:
            self._delete_origin(origin)
            self._db.executemany(
                "INSERT INTO archived (origin, origin_kind, claim, normalised, verdict, claimant, claim_date, url) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (c.origin, c.origin_kind, c.claim, c.normalised, c.verdict, c.claimant, c.claim_date, c.url)
                    for c in rows
                ),
            )
            self._db.execute(
                "INSERT INTO archived_fts (rowid, normalised) SELECT id, normalised FROM archived WHERE origin = ?",
                (origin,),
            )
            self._count_terms((c.normalised for c in rows), +1)
        return len(rows)

    def _count_terms(self, texts: Iterable[str], sign: int) -> None:
        """Keep how many claims hold each word, so a lookup can start from its rarest words."""
        counts = Counter(word for text in texts for word in set(text.split()))
        self._db.executemany(
            "INSERT INTO archived_terms (term, docs) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
            ((term, sign * n) for term, n in counts.items()),
        )
        self._db.execute("DELETE FROM archived_terms WHERE docs <= 0")

    def _delete_origin(self, origin: str) -> None:
        old = [text for (text,) in self._db.execute("SELECT normalised FROM archived WHERE origin = ?", (origin,))]
        self._count_terms(old, -1)
        self._db.execute(
            "INSERT INTO archived_fts (archived_fts, rowid, normalised) "
            "SELECT 'delete', id, normalised FROM archived WHERE origin = ?",
            (origin,),
        )
        self._db.execute("DELETE FROM archived WHERE origin = ?", (origin,))

    def origins(self) -> list[tuple[str, str, int]]:
        """(origin, kind, number of claims) for each source in the index."""
        return list(
            self._db.execute("SELECT origin, origin_kind, COUNT(*) FROM archived GROUP BY origin ORDER BY origin")
        )

    def candidates(self, normalised_words: list[str], limit: int = 50) -> list[ArchivedClaim]:
        """Archived claims sharing the most of the query's rarest words.

        NOTE: one FTS5 look-up per rare word and a count of the rows each names is bounded by
        ``_TERM_DOCS`` per word; an OR query ranked by BM25 had to score every row holding any
        word and took 150 ms at 100k claims.
        """
        words = sorted(set(normalised_words))
        if not words:
            return []
        marks = ",".join("?" * len(words))
        frequency = dict(self._db.execute(f"SELECT term, docs FROM archived_terms WHERE term IN ({marks})", words))
        rare = sorted((w for w in words if frequency.get(w, _TERM_DOCS + 1) <= _TERM_DOCS), key=frequency.__getitem__)
        hits: Counter[int] = Counter()
        for word in rare[:_QUERY_TERMS]:
            hits.update(
                rowid
                for (rowid,) in self._db.execute(
                    "SELECT rowid FROM archived_fts WHERE archived_fts MATCH ?", (f'"{word}"',)
                )
            )
        best = [rowid for rowid, _ in hits.most_common(limit)]
        if not best:
            return []
        marks = ",".join("?" * len(best))
        rows = self._db.execute(
            "SELECT origin, origin_kind, claim, normalised, verdict, claimant, claim_date, url "
            f"FROM archived WHERE id IN ({marks})",
            best,
        )
        return [ArchivedClaim(*row) for row in rows]
