"""Claim suggestions and the desk archive: quality on the labelled set, and speed.

    .venv/bin/python benchmarks/suggestions.py [--archive-size 100000] [--repeat 5]

Prints precision, recall and F1 at the shipped threshold for the development and the held-out
test articles (tests/data/checkworthy), the claimant-extraction accuracy, the time to rank the
suggestions of a 20,000-word article (cold: pysbd segments every paragraph; warm: paragraphs
already seen), and the time of one desk-archive lookup among ``--archive-size`` archived claims.
Times are medians, wall clock and CPU (the machine may be shared), beside their floors.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from factcheck_app.domain import sentences  # noqa: E402
from factcheck_app.domain.claim_matching import normalise_claim  # noqa: E402
from factcheck_app.domain.suggestion_evaluation import LabelledArticle, evaluate, parse_labelled  # noqa: E402
from factcheck_app.domain.suggestions import THRESHOLD, suggest  # noqa: E402
from factcheck_app.services.desk_archive import search  # noqa: E402
from factcheck_app.storage.desk_index import ArchivedClaim, DeskIndex  # noqa: E402

LABELLED = REPO / "tests" / "data" / "checkworthy"
SUGGEST_FLOOR_MS = 200.0
LOOKUP_FLOOR_MS = 20.0
PRECISION_FLOOR, RECALL_FLOOR = 0.8, 0.7


def load() -> list[LabelledArticle]:
    return [parse_labelled(p.name, p.read_text(encoding="utf-8")) for p in sorted(LABELLED.glob("*.txt"))]


def quality(articles: list[LabelledArticle]) -> None:
    print(
        f"Check-worthiness at the shipped threshold {THRESHOLD} (target: precision ≥ {PRECISION_FLOOR} "
        f"at recall ≥ {RECALL_FLOOR})"
    )
    for split in ("dev", "test"):
        part = [a for a in articles if a.split == split]
        s = evaluate(part)
        print(
            f"  {split:4}  {len(part)} articles, {s.sentences} sentences ({s.checkworthy} check-worthy): "
            f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"claimant {s.claimant_accuracy:.3f} ({s.claimants_right}/{s.claimants_expected}, "
            f"{s.claimants_spurious} spurious)"
        )


def long_article(articles: list[LabelledArticle], words: int = 20_000) -> str:
    """The labelled articles again and again, each copy with its own numbers, to 20,000 words."""
    parts: list[str] = []
    count = copy = 0
    while count < words:
        for article in articles:
            text = article.text.replace(" percent", f" percent ({copy})").replace("2025", str(1900 + copy % 120))
            parts.append(text)
            count += len(text.split())
            copy += 1
    return "\n\n".join(parts)


def timed(action, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def speed(articles: list[LabelledArticle], repeat: int) -> None:
    text = long_article(articles)
    found = suggest(text)
    print(
        f"Ranked suggestions for a {len(text.split()):,}-word article ({len(found)} suggested), floor "
        f"{SUGGEST_FLOOR_MS:.0f} ms:"
    )

    def cold() -> None:
        sentences.clear_cache()
        suggest(text)

    wall, cpu = timed(cold, repeat)
    print(f"  cold (pysbd segments every paragraph): {wall:7.0f} ms wall  {cpu:7.0f} ms CPU")
    wall, cpu = timed(lambda: suggest(text), repeat)
    print(f"  warm (paragraphs seen before):         {wall:7.0f} ms wall  {cpu:7.0f} ms CPU")


WORDS = [
    "minister",
    "council",
    "mayor",
    "budget",
    "crime",
    "tram",
    "hospital",
    "school",
    "tax",
    "rent",
    "housing",
    "police",
    "fares",
    "inflation",
    "wages",
    "jobs",
    "flood",
    "river",
    "vaccine",
    "measles",
    "insulin",
    "teachers",
    "nurses",
    "beds",
    "roads",
    "potholes",
    "energy",
    "bills",
    "water",
    "rates",
    "homes",
    "shelter",
    "insurance",
    "premiums",
    "emissions",
    "farmers",
    "exports",
    "deficit",
    "pension",
    "benefits",
    "refugees",
    "prison",
]
NAMES = ["Elena Ruiz", "Mark Dunne", "Priya Nair", "Tom Berger", "Laura Kim", "Richard Boyle", "Greta Solberg"]
VERBS = ["rose", "fell", "doubled", "was cut", "grew", "dropped", "tripled", "increased"]


def generated_claim(rng: random.Random) -> str:
    subject = " ".join(rng.sample(WORDS, 2))
    return (
        f"{rng.choice(NAMES)} said {subject} {rng.choice(VERBS)} by {rng.randint(1, 90)} percent "
        f"in {rng.randint(1990, 2026)} in {rng.choice(WORDS)} {rng.randint(1, 999)}"
    )


def archive(size: int, repeat: int) -> None:
    rng = random.Random(18)
    claims = [generated_claim(rng) for _ in range(size)]
    with tempfile.TemporaryDirectory() as folder:
        index_path = Path(folder) / "desk-index.sqlite"
        start = time.perf_counter()
        with DeskIndex(index_path) as index:
            index.replace_origin(
                "generated",
                (
                    ArchivedClaim("generated", "project", c, normalise_claim(c), verdict=rng.choice(["True", "False"]))
                    for c in claims
                ),
            )
        print(
            f"Desk archive lookup among {size:,} archived claims (index built in "
            f"{time.perf_counter() - start:.1f} s), floor {LOOKUP_FLOOR_MS:.0f} ms:"
        )
        queries = [rng.choice(claims).replace(" percent", "%").replace(" said", " claims") for _ in range(100)]
        hits = sum(bool(search(index_path, q)) for q in queries)
        times = []
        for _ in range(repeat):
            for query in queries:
                begin = time.perf_counter()
                search(index_path, query)
                times.append((time.perf_counter() - begin) * 1000)
        times.sort()
        print(
            f"  median {statistics.median(times):.1f} ms  p95 {times[int(len(times) * 0.95)]:.1f} ms  "
            f"(reworded archived claims found: {hits}/{len(queries)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive-size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = load()
    quality(articles)
    speed(articles, args.repeat)
    archive(args.archive_size, args.repeat)


if __name__ == "__main__":
    main()
