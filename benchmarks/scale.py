"""How Factcheck App's costs grow with the size of a desk's project: 1k, 10k, 100k claims.

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000,100000] [--repeat 5] [--keep DIR]

Projects are built fast (one article imported through the services, then rows copied in bulk
with sqlite3: 100 articles, claims with tags, verdicts, rationales and sources). The measured
interactions then go through the app's own services, in a separate process per size so memory
figures are not mixed. Each figure is a median of ``--repeat`` runs and is printed beside its
floor (the same work by bare sqlite3, csv or python-docx) and the growth exponent per tenfold
(1.0 = linear: ten times the claims cost ten times the time).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import sentence  # noqa: E402 - the same generated sentences as the small benchmarks

ARTICLES = 100
ARTICLE_SENTENCES = 800  # ~96k characters each
TAGS = ("budget", "transport", "health", "housing", "election", "crime", "energy", "schools")
WORD_REPORT_LIMIT = 10_000  # the Word report is measured up to here (the target is stated for 10k)


def build(path: Path, claims: int, seed: int = 7) -> None:
    """A project of ``claims`` claims spread over 100 articles (bulk rows after one real import)."""
    from factcheck_app.services.articles import import_article_edit
    from factcheck_app.services.project import Project

    rng = random.Random(seed)
    text_file = path.with_suffix(".txt")
    text_file.write_text(" ".join(sentence(rng) for _ in range(ARTICLE_SENTENCES)), encoding="utf-8")
    with Project.create(path, analyst="bench") as project:
        project.apply(import_article_edit(text_file, title="Article 1"))
        labels = [v.label for v in project.scale().verdicts] if hasattr(project, "scale") else []
    text_file.unlink()
    db = sqlite3.connect(path)
    with db:
        if not labels:
            labels = [row[0] for row in db.execute("SELECT label FROM verdicts ORDER BY position")]
        columns = [row[1] for row in db.execute("PRAGMA table_info(articles)") if row[1] != "id"]
        names = ", ".join(columns)
        for number in range(2, ARTICLES + 1):
            db.execute(
                f"INSERT INTO articles ({names}) SELECT {', '.join('?' if c == 'title' else c for c in columns)} "
                "FROM articles WHERE id = 1",
                (f"Article {number}",),
            )
        text = db.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
        db.executemany("INSERT INTO tags (name, colour) VALUES (?, '')", [(t,) for t in TAGS])
        tag_ids = [row[0] for row in db.execute("SELECT id FROM tags ORDER BY id")]
        now = datetime(2026, 11, 1, 9, 0).isoformat(sep=" ")
        starts = [i for i, ch in enumerate(text) if ch == " "][: max(1, len(text) // 10)]
        claim_rows = []
        for number in range(claims):
            start = starts[rng.randrange(len(starts) - 20)] + 1
            end = text.index(" ", start + 40) if " " in text[start + 40 :] else len(text)
            claim_rows.append(
                (
                    1 + number % ARTICLES,
                    start,
                    end,
                    text[start:end],
                    text[max(0, start - 32) : start],
                    text[end : end + 32],
                    rng.choice([*labels, None]),
                    sentence(rng, 30) if number % 3 else "",
                    rng.choice(["draft", "in_review", "approved"]),
                    f"Claimant {number % 50}",
                    now,
                    now,
                )
            )
        db.executemany(
            "INSERT INTO claims (article_id, start_offset, end_offset, exact, prefix, suffix, verdict, rationale, "
            "anchor_state, restated, claimant, status, assignee, reviewer, approved_by, created_by, created_at, "
            "updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'anchored', '', ?, ?, '', '', '', "
            "'bench', ?, 'bench', ?, 1)",
            [(*row[:8], row[9], row[8], row[10], row[11]) for row in claim_rows],
        )
        claim_ids = [row[0] for row in db.execute("SELECT id FROM claims ORDER BY id")]
        db.executemany(
            "INSERT INTO claim_tags (claim_id, tag_id, position) VALUES (?, ?, ?)",
            [(cid, tag_ids[(cid + k) % len(tag_ids)], k) for cid in claim_ids for k in range(cid % 3)],
        )
        sources = max(1, claims // 4)
        db.executemany(
            "INSERT INTO sources (url, title, publisher, note, author, kind, version) "
            "VALUES (?, ?, 'Statistics Office', '', '', 'dataset', 1)",
            [(f"https://stats.example.org/table/{n}", f"Table {n}") for n in range(sources)],
        )
        db.executemany(
            "INSERT INTO claim_sources (claim_id, source_id, position, excerpt, location, stance) "
            "VALUES (?, ?, 0, 'an excerpt of the table', 'p. 3', 'contradicts')",
            [(cid, 1 + cid % sources) for cid in claim_ids if cid % 2],
        )
    db.close()


def median_time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(path: Path, claims: int, repeat: int) -> dict[str, float]:
    """Run in a child process: every figure for one project size."""
    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.claim_filter import parse_claim_filter
    from factcheck_app.services.edits import CreateClaim, DeleteClaim
    from factcheck_app.services.exports import export_open_format
    from factcheck_app.services.problems import project_problems
    from factcheck_app.services.project import Project
    from factcheck_app.services.similar import similar_claims

    figures: dict[str, float] = {}
    out = path.parent / "out"
    out.mkdir(exist_ok=True)

    figures["floor: sqlite3 read all claim rows"] = median_time(
        lambda: sqlite3.connect(path).execute("SELECT * FROM claims").fetchall(), repeat
    )
    started = time.perf_counter()
    project = Project.open(path, analyst="bench")
    figures["open project"] = time.perf_counter() - started
    figures["load every claim (Project.claims)"] = median_time(project.claims, repeat)
    figures["Problems (verdict rules over the project)"] = median_time(lambda: project_problems(project), repeat)
    everything = project.claims()
    probe = everything[len(everything) // 2]
    started = time.perf_counter()
    similar_claims(project, probe)
    figures["already checked: first lookup (builds the index)"] = time.perf_counter() - started
    figures["already checked (similar claims of one)"] = median_time(lambda: similar_claims(project, probe), repeat)
    query = parse_claim_filter("budget verdict:false")
    figures["filter every claim (domain match)"] = median_time(
        lambda: [c for c in everything if query.matches(c)], repeat
    )
    article = project.article(1)

    def create_and_delete() -> None:
        create = CreateClaim(article.id, anchor_for_span(article.text, 100, 160))
        project.apply(create)
        assert create.claim_id is not None
        project.apply(DeleteClaim(create.claim_id))

    figures["create + delete a claim (services)"] = median_time(create_and_delete, repeat) / 2
    for fmt, suffix in (("csv", ".csv"), ("claimreview", ".json")):
        figures[f"export {fmt}"] = median_time(
            lambda fmt=fmt, suffix=suffix: export_open_format(project, out / f"claims{suffix}", fmt), repeat
        )
    figures["floor: csv module write every claim row"] = median_time(lambda: _bare_csv(path, out), repeat)
    if claims <= WORD_REPORT_LIMIT:
        from factcheck_app.services.reports import export_report

        figures["Word report"] = median_time(lambda: export_report(project, out / "report.docx"), max(1, repeat // 2))
        figures["floor: bare python-docx, a paragraph per claim"] = median_time(
            lambda: _bare_docx(path, out), max(1, repeat // 2)
        )
    figures["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    project.close()
    return figures


def _bare_csv(path: Path, out: Path) -> None:
    import csv

    with (out / "bare.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for row in sqlite3.connect(path).execute("SELECT id, exact, verdict, rationale FROM claims"):
            writer.writerow(row)


def _bare_docx(path: Path, out: Path) -> None:
    import docx

    document = docx.Document()
    for claim_id, exact, verdict, rationale in sqlite3.connect(path).execute(
        "SELECT id, exact, verdict, rationale FROM claims"
    ):
        document.add_heading(f"Claim {claim_id}", level=2)
        document.add_paragraph(exact)
        document.add_paragraph(f"{verdict}: {rationale}")
    document.save(str(out / "bare.docx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build projects here and keep them (reused when present)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        path, claims = Path(args.child[0]), int(args.child[1])
        print(json.dumps(measure(path, claims, args.repeat)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, float]] = {}
    for claims in sizes:
        path = folder / f"scale-{claims}.factcheck"
        if not path.exists():
            started = time.perf_counter()
            build(path, claims)
            print(f"built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        child = subprocess.run(
            [sys.executable, __file__, "--repeat", str(args.repeat), "--child", str(path), str(claims)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            raise SystemExit(f"measuring {claims} claims failed")
        results[claims] = json.loads(child.stdout.strip().splitlines()[-1])
    report(sizes, results)


def report(sizes: list[int], results: dict[int, dict[str, float]]) -> None:
    names = list(dict.fromkeys(name for size in sizes for name in results[size]))
    header = f"{'interaction (median s)':<48}" + "".join(f"{f'{s:,}':>12}" for s in sizes) + f"{'growth/10×':>12}"
    print(header)
    print("-" * len(header))
    for name in names:
        values = [results[size].get(name) for size in sizes]
        cells = "".join(f"{'—':>12}" if v is None else f"{v:>12.4f}" for v in values)
        known = [(s, v) for s, v in zip(sizes, values, strict=True) if v]
        growth = ""
        if len(known) >= 2 and "memory" not in name:
            (s1, v1), (s2, v2) = known[-2], known[-1]
            growth = f"{math.log10(v2 / v1) / math.log10(s2 / s1):.2f}"
        print(f"{name:<48}{cells}{growth:>12}")


if __name__ == "__main__":
    main()
