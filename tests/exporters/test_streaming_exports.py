"""Open exports stream: claims read and written a batch at a time, with progress and cancel.

Each file written in batches from a real project is compared with what the whole-list writers
make from ``project.claims()`` (the JSON files with ``json.dumps`` itself, so the fast indented
writer is checked too), and read back with csv / json. Peak memory is measured with tracemalloc.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.claims import Claim
from factcheck_app.domain.published_claims import ClaimToPublish
from factcheck_app.exporters.claimreview import build_claim_reviews, script_safe
from factcheck_app.exporters.csv_export import COLUMNS, render_csv
from factcheck_app.exporters.json_text import pretty_json
from factcheck_app.exporters.webannotation import build_annotation_collection
from factcheck_app.services.exports import ExportCancelled, export_open_format, organisation_name
from factcheck_app.services.project import Project
from factcheck_app.storage.claim_batches import BATCH, publish_batches
from many_claims import build_project

CLAIMS = 2_600  # six batches, the last one partial


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of CLAIMS claims, some damaged the way issue 20's corpus damages rows."""
    path = build_project(tmp_path_factory.mktemp("desk") / "desk.factcheck", CLAIMS)
    db = sqlite3.connect(path)
    with db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("UPDATE claims SET start_offset = 'abc' WHERE id = 100")  # shown orphaned
        db.execute("INSERT INTO claim_tags (claim_id, tag_id, position) VALUES (200, 9999, 7)")  # a tag that is gone
        db.execute("UPDATE claims SET status = 'lost' WHERE id = 300")
        db.execute("UPDATE claims SET anchor_similarity = 2.5 WHERE id = 400")
        db.execute("UPDATE claims SET created_at = 'yesterday' WHERE id = 500")
        db.execute("UPDATE claims SET exact = x'00ff' WHERE id = 600")  # bytes, not text
        db.execute("UPDATE claim_sources SET stance = 'unsure' WHERE claim_id = 700")
        db.execute("INSERT INTO claim_sources (claim_id, source_id, position) VALUES (800, 9999, 9)")  # gone
    db.close()
    return path


def json_dumps(data: object) -> str:
    """What the open exports wrote before streaming: the standard library's indented JSON."""
    return script_safe(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_streamed_files_are_the_whole_list_files(desk: Path, tmp_path: Path) -> None:
    """CSV, ClaimReview and Web Annotation written in batches hold exactly what the old whole-list
    export wrote, in the table's order, damaged rows included (with their stand-ins)."""
    with Project.open(desk) as project:
        claims = project.claims()
        articles = {article.id: article for article in project.articles()}
        scale = project.verdict_scale()
        organisation = organisation_name(project)
        results = {
            fmt: export_open_format(project, tmp_path / fmt, fmt) for fmt in ("csv", "claimreview", "webannotation")
        }
        from factcheck_app.services.exports import _corrections

        corrections = _corrections(project)
    base = "https://checks.example/rede"
    assert len(claims) == CLAIMS and corrections  # the published claim was corrected
    assert results["csv"].path.read_bytes() == render_csv(
        claims, articles, scale, organisation=organisation, base_url=base
    )
    reviews = build_claim_reviews(
        claims, articles, scale, organisation=organisation, base_url=base, corrections=corrections
    )
    assert results["claimreview"].path.read_text(encoding="utf-8") == json_dumps(list(reviews.items))
    assert (results["claimreview"].exported, results["claimreview"].skipped) == (
        len(reviews.items),
        len(reviews.skipped),
    )
    collection = build_annotation_collection(claims, articles, label="desk")
    assert results["webannotation"].path.read_text(encoding="utf-8") == json_dumps(collection)

    rows = list(csv.DictReader(io.StringIO(results["csv"].path.read_text(encoding="utf-8-sig"), newline="")))
    assert [int(row["claim_id"]) for row in rows] == [claim.id for claim in claims]
    assert tuple(rows[0]) == COLUMNS
    by_id = {int(row["claim_id"]): row for row in rows}
    assert by_id[100]["anchor_state"] == "orphaned" and by_id[100]["start"] == ""  # the damaged offset
    assert by_id[200]["tags"] == "; ".join(next(c for c in claims if c.id == 200).tags)
    assert by_id[1]["sources"] == (
        "https://statistik.example/arbeitsmarkt-2024 | Interview with the ministry’s press office | "
        "https://bund.example/bericht"
    )
    assert all(not row["claim_text"].startswith("=") for row in rows)  # defused in every batch
    parsed = json.loads(results["webannotation"].path.read_text(encoding="utf-8"))
    assert parsed["total"] == CLAIMS == len(parsed["first"]["items"])
    assert "</script>" not in results["claimreview"].path.read_text(encoding="utf-8")
    published = [r for r in json.loads(results["claimreview"].path.read_text(encoding="utf-8")) if "correction" in r]
    assert published and published[0]["correction"]["text"] == "The minister said it twice."


def test_sound_rows_are_read_light_and_damaged_ones_whole(desk: Path) -> None:
    """The export reads sound rows as ``ClaimToPublish``; each damaged row as the whole ``Claim``
    the validation layer makes (whose stand-ins the files above hold)."""
    with Project.open(desk) as project, project.read_session() as session:
        read = [claim for batch in publish_batches(session) for claim in batch]
    whole = {claim.id for claim in read if isinstance(claim, Claim)}
    assert whole >= {100, 200, 300, 400, 500, 600}
    assert len(whole) < CLAIMS // 50  # the rest light
    assert all(isinstance(claim, ClaimToPublish) for claim in read if claim.id not in whole)


def test_progress_counts_up_to_the_total(desk: Path, tmp_path: Path) -> None:
    """Progress comes after every batch, counts only grow, and the last call is (total, total)."""
    calls: list[tuple[int, int]] = []
    with Project.open(desk) as project:
        result = export_open_format(project, tmp_path / "claims.csv", "csv", progress=lambda *call: calls.append(call))
    assert result.exported == CLAIMS
    assert len(calls) == -(-CLAIMS // BATCH)
    assert {total for _done, total in calls} == {CLAIMS}
    counts = [done for done, _total in calls]
    assert counts == sorted(set(counts)) and counts[0] == BATCH and counts[-1] == CLAIMS


@pytest.mark.parametrize("fmt", ["csv", "claimreview", "webannotation"])
def test_cancel_half_way_leaves_no_file(desk: Path, tmp_path: Path, fmt: str) -> None:
    """Cancelled once half the claims are written: no file, no temporary file, an older file kept."""
    older = tmp_path / "older.out"
    older.write_text("last week's export", encoding="utf-8")
    seen: list[int] = []
    with Project.open(desk) as project, pytest.raises(ExportCancelled, match="no file was written"):
        export_open_format(
            project,
            tmp_path / "claims",
            fmt,
            progress=lambda done, _total: seen.append(done),
            cancelled=lambda: bool(seen) and seen[-1] >= CLAIMS // 2,
        )
    assert CLAIMS // 2 <= seen[-1] < CLAIMS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.out"]
    with Project.open(desk) as project, pytest.raises(ExportCancelled):
        export_open_format(project, older, fmt, cancelled=lambda: True)
    assert older.read_text(encoding="utf-8") == "last week's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.out"]


def test_an_empty_project_exports_empty_files(tmp_path: Path) -> None:
    """No claims: the empty array, the empty collection and the header row, as before."""
    calls: list[tuple[int, int]] = []
    with Project.create(tmp_path / "empty.factcheck") as project:
        results = {
            fmt: export_open_format(project, tmp_path / fmt, fmt, progress=lambda *call: calls.append(call))
            for fmt in ("csv", "claimreview", "webannotation")
        }
    assert results["claimreview"].path.read_text(encoding="utf-8") == "[]\n"
    assert results["webannotation"].path.read_text(encoding="utf-8") == json_dumps(
        build_annotation_collection([], {}, label="empty")
    )
    assert results["csv"].path.read_bytes() == render_csv([], {}, project.verdict_scale(), organisation="x")
    assert calls == [(0, 0)] * 3


def _peak_bytes(path: Path, fmt: str, out: Path) -> int:
    with Project.open(path) as project:
        project.verdict_scale()
        tracemalloc.start()
        try:
            export_open_format(project, out, fmt)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "claimreview", "webannotation"])
def test_memory_does_not_grow_with_the_claims(tmp_path_factory: pytest.TempPathFactory, fmt: str) -> None:
    """Four times the claims, not four times the memory (the whole-list export peaked 3.8–4× higher;
    here the peak is the heaviest batch: claims citing three sources weigh more than others)."""
    folder = tmp_path_factory.getbasetemp() / "memory"
    folder.mkdir(exist_ok=True)
    small, large = folder / "small.factcheck", folder / "large.factcheck"
    if not large.exists():
        build_project(small, 2_000)
        build_project(large, 8_000)
    out = tmp_path_factory.mktemp("out")
    small_peak = _peak_bytes(small, fmt, out / "small")
    large_peak = _peak_bytes(large, fmt, out / "large")
    assert large_peak < 2 * small_peak, (small_peak, large_peak)  # the whole-list export: 3.8–4×
    assert (out / "large").with_suffix(".csv" if fmt == "csv" else ".jsonld").stat().st_size > 3.5 * (
        (out / "small").with_suffix(".csv" if fmt == "csv" else ".jsonld").stat().st_size
    )


JSON_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES, st.sampled_from(["", "  ", "      "]))
def test_pretty_json_writes_what_json_dumps_writes(value: object, pad: str) -> None:
    """The fast indented writer and ``json.dumps(indent=2, sort_keys=True)`` agree to the character."""
    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n" + pad)
    assert pretty_json(value, pad) == expected


def test_pretty_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        pretty_json({"when": object()})
    with pytest.raises(TypeError, match="not JSON serializable"):
        pretty_json([{"nested": [object(), {"a": {}}]}])
    assert pretty_json((1, (2, 3))) == json.dumps([1, [2, 3]], indent=2)  # tuples are arrays
