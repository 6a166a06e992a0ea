"""Open exports stream: claims read and written a batch at a time, with progress and cancel.

Each file written in batches from a real project is compared with what the whole-list writers
make from ``project.claims()`` (the JSON files also with what ``json.dumps`` makes of the same
values, and their indentation with ``json.dumps(indent=2)``'s, so items streamed into the
document sit where they belong), and read back with csv / json. Peak memory is measured with
tracemalloc.
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
from factcheck_app.exporters.claimreview import build_claim_reviews
from factcheck_app.exporters.csv_export import COLUMNS, render_csv
from factcheck_app.exporters.json_text import JsonArrayStream, pretty_json, split_around
from factcheck_app.exporters.webannotation import build_annotation_collection, to_json
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


def indents(text: str) -> list[int]:
    """Each line's indentation (lines end at "\\n" only: JSON strings may hold U+0085, U+2028…)."""
    return [len(line) - len(line.lstrip(" ")) for line in text.split("\n")]


def assert_same_json(text: str, data: object) -> None:
    """``text`` holds the JSON the standard library makes of ``data`` (tuples become arrays),
    laid out as ``json.dumps(indent=2)`` lays it out: the same lines, each indented alike
    (strings never hold a raw newline, so a line's indentation is the layout, whatever the
    escapes inside it). Written script-safe, it never holds a "<"."""
    expected = json.loads(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == expected
    assert text.endswith("}\n") or text.endswith("]\n")
    assert indents(text) == indents(json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert all(width % 2 == 0 for width in indents(text))
    assert "<" not in text


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
    assert results["claimreview"].path.read_text(encoding="utf-8") == reviews.to_json()
    assert_same_json(reviews.to_json(), list(reviews.items))
    assert (results["claimreview"].exported, results["claimreview"].skipped) == (
        len(reviews.items),
        len(reviews.skipped),
    )
    collection = build_annotation_collection(claims, articles, label="desk")
    assert results["webannotation"].path.read_text(encoding="utf-8") == to_json(collection)
    assert_same_json(to_json(collection), collection)

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
    empty = build_annotation_collection([], {}, label="empty")
    assert results["webannotation"].path.read_text(encoding="utf-8") == to_json(empty)
    assert_same_json(to_json(empty), empty)
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


# orjson holds integers to 64 bits and writes NaN and infinities as null (the exports have neither).
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(JSON_VALUES, max_size=5), JSON_VALUES)
def test_an_array_streamed_into_a_document_is_the_whole_document(items: list[object], other: object) -> None:
    """Items streamed one by one into a document (the array two levels down, as in Web
    Annotation) make the document written whole: the same JSON and the same layout."""

    def document(array: list[object], total: int) -> dict[str, object]:  # the total comes after the items
        return {"a": other, "page": {"items": array, "total": total}}

    marked = pretty_json(document(["the-items"], 0))
    head, _tail = split_around(marked, "the-items")
    out = io.BytesIO()
    array = JsonArrayStream(out, head, head[head.rindex(b"\n") + 1 :], lambda text: text)
    for item in items:
        array.add(item)
    written = array.finish(
        lambda count: split_around(pretty_json(document(["the-items"], count)), "the-items")[1],
        lambda: pretty_json(document([], 0)),
    )
    assert written == len(items)
    text = out.getvalue().decode("utf-8")
    whole = document(items, len(items))
    assert json.loads(text) == json.loads(json.dumps(whole))
    assert text == pretty_json(whole).decode("utf-8")
    assert indents(text) == indents(json.dumps(whole, indent=2, sort_keys=True))


@given(JSON_VALUES, st.sampled_from(["", "  ", "      "]))
def test_pretty_json_is_json_indented_for_its_place(value: object, pad: str) -> None:
    """At indentation ``pad``, the text reads back as the value and is laid out as
    ``json.dumps(indent=2)`` lays out the value at that place."""
    text = pretty_json(value, pad.encode()).decode("utf-8")
    assert json.loads(text) == value
    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n" + pad)
    assert indents(text) == indents(expected)


def test_pretty_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        pretty_json({"when": object()})
    with pytest.raises(TypeError, match="not JSON serializable"):
        pretty_json([{"nested": [object(), {"a": {}}]}])
    assert json.loads(pretty_json((1, (2, 3)))) == [1, [2, 3]]  # tuples are arrays
    assert pretty_json((1, (2, 3))) == json.dumps([1, [2, 3]], indent=2).encode()
