"""Word report speed beside its floor: bare python-docx writing the same document.

The floor writes the same content with python-docx's own API and style objects looked up
once: the cover with its logo, the summary table, the overview table (one row per claim), the
claim sections with their numbered source citations, the appendix runs (split at the same
claim boundaries) with the same number of comments on the same runs, and the numbered sources
list. It leaves out the report's extras: hyperlinks and bookmarks (sources and row numbers are
plain runs), shading, colours, paragraph numbering, page-number fields and the house template.

    .venv/bin/python benchmarks/report_bench.py
"""

from __future__ import annotations

import itertools
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
from docx.shared import Inches

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.articles import Article, paragraph_spans
from factcheck_app.domain.claims import Claim, count_by_verdict
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import DEFAULT_SCALE
from factcheck_app.exporters.docx_report import ReportInput, ReportOptions, write_docx_report

NOW = datetime(2025, 3, 14, 9, 30)
LOGO = Path(__file__).resolve().parents[1] / "resources" / "icons" / "factcheck-app-256.png"

_SUBJECTS = [
    "The minister",
    "A spokesperson for the council",
    "The opposition leader",
    "Health officials",
    "The central bank’s governor",
    "Union representatives",
    "A senior economist at the institute",
    "The mayor of Lyon",
]
_VERBS = ["said", "claimed", "told reporters", "insisted", "wrote on social media", "argued in parliament"]
_FACTS = [
    "unemployment fell to {n}% last year",
    "crime has doubled since {y}",
    "the hospital waiting list grew by {n},000 patients",
    "inflation will return to {n}% by the end of next year",
    "the new bridge cost €{n} million more than planned",
    "{n} out of 10 schools now have a qualified nurse",
    "emissions from transport dropped by {n}% since {y}",
    "the city planted {n},000 trees in {y}",
    "rents rose faster than wages for the {n}th year in a row",
    "the budget deficit was the lowest since {y}",
]
_FILLERS = [
    "Critics were quick to question the figure.",
    "The statement came during a heated debate on Tuesday evening.",
    "Independent analysts have not yet published their own estimates.",
    "The government’s press office did not respond to a request for comment.",
    "Similar claims circulated widely on messaging apps last month 📱.",
    "Official statistics for the period will be released in “late spring”.",
]
_RATIONALE = [
    "The statistics office reports a different figure for the same period.",
    "The claim compares two series that were measured in different ways.",
    "The trend is right, but the size of the change is overstated.",
    "We asked the ministry for its source; it pointed to an internal memo.",
    "Experts we consulted agree the figure is broadly accurate.",
    "The comparison leaves out the effect of the pandemic years.",
]
_PUBLISHERS = ["National Statistics Office", "Eurostat", "OECD", "Ministry of Finance", "City Council"]


def _sentence(rng: random.Random) -> str:
    fact = rng.choice(_FACTS).format(n=rng.randint(2, 40), y=rng.randint(1995, 2020))
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} that {fact}."


def synthetic_report(n_claims: int = 1000, n_articles: int = 50, seed: int = 7) -> ReportInput:
    """Articles of ~30 paragraphs and claims on whole or partial sentences, some overlapping."""
    rng = random.Random(seed)
    articles: list[Article] = []
    claims: list[Claim] = []
    per_article = [n_claims // n_articles + (1 if i < n_claims % n_articles else 0) for i in range(n_articles)]
    claim_id = 0
    for article_id, wanted in enumerate(per_article, start=1):
        paragraphs = []
        for _ in range(30):
            sentences = [_sentence(rng) if rng.random() < 0.6 else rng.choice(_FILLERS) for _ in range(4)]
            paragraphs.append(" ".join(sentences))
        text = "\n\n".join(paragraphs) + "\n"
        title = (
            f"{rng.choice(_SUBJECTS)} on the {rng.choice(['budget', 'economy', 'housing', 'climate'])} ({article_id})"
        )
        article = Article(
            id=article_id,
            title=title,
            text=text,
            url=f"https://news.example/{article_id}",
            author="Ana Ruiz",
            published=date(2025, 1, 1) + timedelta(days=article_id),
            content_hash="",
            imported_at=NOW,
            original_name=f"{article_id}.txt",
        )
        articles.append(article)
        spans = paragraph_spans(text)
        for k in range(wanted):
            start, end = spans[rng.randrange(len(spans))]
            cut = rng.randrange(start, max(start + 1, end - 60))
            length = rng.randint(20, 140)
            if k % 25 == 0:
                length += 200  # now and then a claim that runs into the next paragraph
            claim_id += 1
            verdict = rng.choice([*DEFAULT_SCALE.labels, None])
            n_sources = rng.randint(1, 3)
            sources = tuple(
                Source(
                    id=None,
                    url=f"https://data.example/{claim_id}/{s}",
                    title=f"{rng.choice(_PUBLISHERS)} table {rng.randint(1, 99)}",
                    publisher=rng.choice(_PUBLISHERS),
                    accessed=date(2025, 3, rng.randint(1, 13)),
                    note="See column C." if rng.random() < 0.3 else "",
                )
                for s in range(n_sources)
            )
            claims.append(
                Claim(
                    id=claim_id,
                    article_id=article_id,
                    anchor=anchor_for_span(text, cut, min(len(text), cut + length)),
                    tags=tuple(rng.sample(["economy", "health", "crime", "climate", "housing"], 2)),
                    verdict=verdict,
                    rationale="\n".join(rng.sample(_RATIONALE, rng.randint(2, 4))),
                    sources=sources,
                    created_by="Ana Ruiz",
                    created_at=NOW,
                    updated_by="Ben Okafor",
                    updated_at=NOW,
                    version=1,
                )
            )
    return ReportInput(
        title="Fact-check report",
        project_name="Election 2025",
        author="Jane Editor",
        generated_at=NOW,
        scale=DEFAULT_SCALE,
        articles=articles,
        claims=claims,
        options=ReportOptions(organisation="Port Calder Gazette — Verification desk", logo_path=LOGO),
    )


def write_floor(report: ReportInput, path: Path) -> None:
    """Bare python-docx: the same paragraphs, tables, runs and comments, none of the extras."""
    document = docx.Document()
    styles = document.styles
    title, subtitle, h1, h2, quote, bullet = (
        styles[name] for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Intense Quote", "List Bullet")
    )
    grid = styles["Table Grid"]
    document.sections[0].header.paragraphs[0].text = report.title
    if report.options.logo_path is not None:
        document.add_picture(str(report.options.logo_path), width=Inches(2))
    document.add_paragraph(report.title, title)
    document.add_paragraph(report.options.organisation or report.project_name, subtitle)
    for line in (
        "Project: …",
        "Date: …",
        f"Author: {report.author}",
        f"Verdict scale: {report.scale.name}",
        "Scope: …",
    ):
        document.add_paragraph(line)
    document.add_paragraph("Summary", h1)
    document.add_paragraph(f"{len(report.claims)} claims checked.")
    rows = count_by_verdict(report.claims, report.scale)
    table = document.add_table(rows=1, cols=3)
    table.style = grid
    for cell, heading in zip(table.rows[0].cells, ("Verdict", "Claims", "Share"), strict=True):
        cell.text = heading
    for label, count in [*rows, ("Total", len(report.claims))]:
        for cell, value in zip(table.add_row().cells, (label, str(count), "…"), strict=True):
            cell.text = value

    document.add_paragraph("Overview", h1)
    table = document.add_table(rows=1, cols=5)
    table.style = grid
    for cell, heading in zip(table.rows[0].cells, ("#", "Claim", "Claimant", "Verdict", "Status"), strict=True):
        cell.text = heading
    articles = {article.id: article for article in report.articles}
    for number, claim in enumerate(report.claims, start=1):
        values = (str(number), claim.quote[:110], articles[claim.article_id].author, claim.verdict or "…", "In place")
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value

    document.add_paragraph("Claims", h1)
    by_article: dict[int, list[Claim]] = {}
    source_number: dict[str, int] = {}
    cited_in: dict[str, list[int]] = {}
    for number, claim in enumerate(report.claims, start=1):
        by_article.setdefault(claim.article_id, []).append(claim)
        document.add_paragraph(f"Claim {number}", h2)
        document.add_paragraph(f"“{claim.quote}”", quote)
        document.add_paragraph("From the article, paragraph …")
        document.add_paragraph(f"Claimant: {articles[claim.article_id].author}, published …")
        verdict = document.add_paragraph("Verdict: ")
        verdict.add_run(claim.verdict or "No verdict yet")
        verdict.add_run(" — description")
        document.add_paragraph("Tags: " + " · ".join(claim.tags))
        document.add_paragraph("Rationale")
        for line in claim.rationale.splitlines():
            document.add_paragraph(line)
        document.add_paragraph("Sources")
        for source in claim.sources:
            n = source_number.setdefault(source.url, len(source_number) + 1)
            cited_in.setdefault(source.url, []).append(number)
            item = document.add_paragraph(f"[{n}] {source.display_title}", bullet)
            item.add_run(f" — {source.publisher} · accessed …")
        document.add_paragraph(f"Checked by {claim.updated_by}.")

    for article in report.articles:
        document.add_paragraph(f"Annotated article: {article.title}", h1)
        document.add_paragraph(f"By {article.author} · {article.url}")
        claims = by_article.get(article.id, [])
        bounds = sorted({c.anchor.start for c in claims} | {c.anchor.end for c in claims})
        runs: list[tuple[int, int, docx.text.run.Run]] = []
        for start, end in paragraph_spans(article.text):
            paragraph = document.add_paragraph()
            cuts = [start, *(b for b in bounds if start < b < end), end]
            for a, b in itertools.pairwise(cuts):
                runs.append((a, b, paragraph.add_run(article.text[a:b])))
        for claim in claims:
            covered = [run for a, b, run in runs if a >= claim.anchor.start and b <= claim.anchor.end]
            document.add_comment(covered, text=f"Verdict: {claim.verdict}\n{claim.rationale}", author=claim.updated_by)

    document.add_paragraph("Sources", h1)
    listed = {source.url: source for claim in report.claims for source in claim.sources}
    for url, n in source_number.items():
        source = listed[url]
        item = document.add_paragraph(f"[{n}] ")
        item.add_run(source.display_title).bold = True
        item.add_run(f" — {source.publisher} · accessed …")
        item.add_run().add_break()
        item.add_run(url)
        item.add_run().add_break()
        item.add_run("Cited in claims " + ", ".join(str(k) for k in cited_in[url]))
    document.save(str(path))


def _best_of(repeats: int, action: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best


def measure_report(n_claims: int = 1000, n_articles: int = 50, repeats: int = 3) -> dict[str, float]:
    """Seconds (best of ``repeats``) for write_docx_report and for the bare python-docx floor."""
    report = synthetic_report(n_claims, n_articles)
    with tempfile.TemporaryDirectory() as folder:
        report_path, floor_path = Path(folder, "report.docx"), Path(folder, "floor.docx")
        return {
            "report_s": _best_of(repeats, lambda: write_docx_report(report, report_path)),
            "floor_s": _best_of(repeats, lambda: write_floor(report, floor_path)),
        }


if __name__ == "__main__":
    figures = measure_report()
    print(f"report: {figures['report_s']:.2f} s")
    print(f"floor:  {figures['floor_s']:.2f} s (bare python-docx: same cover, tables, paragraphs, comments, sources)")
    print(f"ratio:  {figures['report_s'] / figures['floor_s']:.2f}x (target ≤ 1.5x)")
