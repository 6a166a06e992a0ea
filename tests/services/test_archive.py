"""Project archives: export, import into a new project, and nothing lost on the way."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from factcheck_app import __version__
from factcheck_app.domain.anchors import CHANGED, MOVED, ORPHANED, anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft, PageSpan, TextBlock
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import DEFAULT_SCALE, Verdict, VerdictScale
from factcheck_app.services import archive as archive_module
from factcheck_app.services.archive import (
    ARCHIVE_FORMAT_VERSION,
    ArchiveRefused,
    export_archive,
    import_archive,
    inspect_archive,
)
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    DeleteClaim,
    ImportArticle,
    ImportRevision,
    SetProjectSetting,
    SetRationale,
    SetTags,
    SetVerdict,
)
from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.repositories import EDIT_COUNTER_KEY

BAD_ARCHIVES = Path(__file__).resolve().parent.parent / "data" / "bad" / "archives"


def _load_archive_fixtures():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_bad_archives", BAD_ARCHIVES / "make_bad_archives.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_bad_archives", module)
    spec.loader.exec_module(module)
    return module


fixtures = _load_archive_fixtures()

MAYOR_V1 = (
    "Le maire promet 50 000 logements d’ici 2030 🏠.\n"
    "Selon lui, le chômage a baissé de 12 % en un an.\n"
    "Le budget de la ville est équilibré depuis 2015, affirme-t-il.\n"
    "Kritiker sagen: „Das ist übertrieben.“ 🤔\n"
)
MAYOR_V2 = (
    "MISE À JOUR 18h40 : réaction de l’opposition ajoutée.\n"
    "Selon lui, le chômage a baissé de 11 % en un an.\n"
    "Le maire promet 50 000 logements d’ici 2030 🏠.\n"
    "Kritiker sagen: „Das ist übertrieben.“ 🤔\n"
)
REPORT = "Рост ВВП составил 3,1 %.\nThe ministry 🇺🇦 says exports doubled.\nPage two: imports fell by half.\n"
SHARED_SOURCE = "https://stats.example.org/éco/2024?q=ü"


def _claim(project: Project, article_id: int, quote: str, **kwargs) -> int:  # type: ignore[no-untyped-def]
    text = project.article(article_id).text
    edit = CreateClaim(article_id, anchor_for_quote(text, quote), **kwargs)
    project.apply(edit)
    assert edit.claim_id is not None
    return edit.claim_id


def build_rich_project(path: Path) -> Path:
    """A project with a bit of everything, made through the services like an analyst would."""
    with Project.create(path, analyst="Zoë Ørsted 🔎") as project:
        project.apply(SetProjectSetting("organisation", "Vérif’ Média 🧐"))
        project.apply(SetProjectSetting("claimreview_base_url", "https://verif.example/checks"))
        project.apply(SetProjectSetting("report_footer", "Ne pas diffuser — 内部"))
        mayor = ImportArticle(
            ArticleDraft(
                title="Le maire promet des logements 🏠",
                text=MAYOR_V1,
                url="https://exemple.fr/maire",
                author="Jeanne Dupré",
                published=date(2025, 2, 28),
                original_name="maire.html",
                format="html",
                site_name="Le Quotidien",
                blocks=(TextBlock(0, MAYOR_V1.index("\n"), "heading", 1),),
            )
        )
        project.apply(mayor)
        assert mayor.article_id is not None
        _claim(
            project,
            mayor.article_id,
            "50 000 logements d’ici 2030",
            tags=["Logement", "économie"],
            verdict="Mostly false",
            rationale="Le plan local prévoit 20 000 logements. 📉",
            sources=[Source(None, SHARED_SOURCE, "Insee — logements", "Insee", date(2025, 3, 2), "p. 4")],
        )
        jobs = _claim(
            project,
            mayor.article_id,
            "le chômage a baissé de 12 % en un an",
            tags=["économie", "🔥 chaud"],
            sources=[Source(None, SHARED_SOURCE), Source(None, "", "Entretien avec l’adjoint")],
        )
        budget = _claim(project, mayor.article_id, "Le budget de la ville est équilibré depuis 2015", verdict="False")
        quote = _claim(project, mayor.article_id, "„Das ist übertrieben.“", tags=["Zitat"])
        gone = _claim(project, mayor.article_id, "Selon lui", verdict="True")
        project.apply(DeleteClaim(gone))  # leaves a gap in the claim ids
        project.apply(SetVerdict(jobs, "Half true"))
        project.apply(SetRationale(budget, "Déficit de 4 M€ en 2023 (compte administratif)."))
        project.apply(SetTags(quote, ["Zitat", "Deutsch"]))
        project.apply(SetTags(quote, ["Deutsch"]))  # "Zitat" stays in the tag library, unused
        project.apply(AddSource(budget, Source(None, "https://ville.example/budget-2023.pdf", "Compte 2023")))
        revision = ImportRevision(
            mayor.article_id, ArticleDraft(title="Le maire promet des logements 🏠 (mis à jour)", text=MAYOR_V2)
        )
        project.apply(revision)
        assert revision.outcome == {MOVED: 2, CHANGED: 1, ORPHANED: 1}
        report = ImportArticle(
            ArticleDraft(
                title="Отчёт 📄",
                text=REPORT,
                original_name="report.pdf",
                format="pdf",
                pages=(
                    PageSpan(0, REPORT.index("Page two"), "1"),
                    PageSpan(REPORT.index("Page two"), len(REPORT), "2"),
                ),
            )
        )
        project.apply(report)
        assert report.article_id is not None
        _claim(
            project, report.article_id, "Рост ВВП составил 3,1 %", verdict="True", sources=[Source(None, SHARED_SOURCE)]
        )
        _claim(project, report.article_id, "exports doubled", rationale='=HYPERLINK("http://evil")')
        assert project.location.path is not None
        return project.location.path


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_rich_project(tmp_path_factory.mktemp("rich") / "rich.factcheck")


@pytest.fixture(scope="module")
def rich_archive(rich: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Project.open(rich, read_only=True) as project:
        return export_archive(project, tmp_path_factory.mktemp("archive") / "rich")


def _settings(project: Project) -> dict[str, str]:
    """The project's settings without the file's own edit counter (a new file counts afresh)."""
    return {key: value for key, value in project.settings().items() if key != EDIT_COUNTER_KEY}


def _contents(path: Path) -> dict[str, object]:
    with Project.open(path, read_only=True) as project:
        return {
            "articles": project.articles(),
            "claims": project.claims(),
            "sources": project.sources(),
            "settings": _settings(project),
            "scale": project.verdict_scale(),
        }


def _project_json(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as opened:
        return opened.read("project.json")


def test_round_trip_keeps_everything(rich: Path, rich_archive: Path, tmp_path: Path) -> None:
    """Articles, claims, sources, settings and scale come back equal, ids and all."""
    imported = import_archive(rich_archive, tmp_path / "copy")
    assert imported == tmp_path / "copy.factcheck"
    original, copy = _contents(rich), _contents(imported)
    assert copy == original
    # the fixture really covers what a lossless archive must carry
    claims = original["claims"]
    assert {c.anchor_state for c in claims} == {MOVED, CHANGED, ORPHANED, "anchored"}  # type: ignore[attr-defined]
    assert any(a.revision_of for a in original["articles"])  # type: ignore[attr-defined]
    assert any(len(a.blocks) and a.published for a in original["articles"])  # type: ignore[attr-defined]
    shared = [c.id for c in claims if any(s.url == SHARED_SOURCE for s in c.sources)]  # type: ignore[attr-defined]
    assert len(shared) == 3
    assert len({s.id for s in original["sources"] if s.url == SHARED_SOURCE}) == 1  # type: ignore[attr-defined]


def test_export_import_export_gives_identical_project_json(rich_archive: Path, tmp_path: Path) -> None:
    """project.json is deterministic: a re-exported import is byte-for-byte the same."""
    imported = import_archive(rich_archive, tmp_path / "copy.factcheck")
    with Project.open(imported, read_only=True) as project:
        again = export_archive(project, tmp_path / "again.factcheck-archive")
    assert _project_json(again) == _project_json(rich_archive)


def test_archive_layout_and_manifest(rich_archive: Path) -> None:
    """A ZIP with manifest.json, project.json and an attachments/ folder; sorted UTF-8 JSON."""
    assert rich_archive.suffix == ".factcheck-archive"
    with zipfile.ZipFile(rich_archive) as opened:
        assert opened.namelist() == ["manifest.json", "project.json", "attachments/"]
        manifest = json.loads(opened.read("manifest.json"))
        raw = opened.read("project.json")
    assert manifest["format"] == "factcheck-archive"
    assert manifest["format_version"] == ARCHIVE_FORMAT_VERSION
    assert manifest["app_version"] == __version__
    assert manifest["schema_revision"] == schema.HEAD_REVISION
    assert manifest["created_at"].endswith("+00:00")
    assert manifest["counts"] == {"articles": 3, "claims": 6, "sources": 3, "attachments": 0}
    document = json.loads(raw)
    assert list(document) == sorted(document)
    assert document["attachments"] == []
    assert "🏠" in raw.decode("utf-8") and b"\\u" not in raw  # characters kept, not escaped
    assert [c["id"] for c in document["claims"]] == sorted(c["id"] for c in document["claims"])
    assert "Zitat" in {t["name"] for t in document["tags"]}  # unused tags are kept too
    assert document["verdict_scale"]["name"] == DEFAULT_SCALE.name
    assert "verdict_scale_name" not in document["settings"]
    assert EDIT_COUNTER_KEY not in document["settings"]  # bookkeeping of the file, not of the project
    assert document["settings"]["organisation"] == "Vérif’ Média 🧐"


def test_inspect_archive_summarises_without_creating(rich_archive: Path, tmp_path: Path) -> None:
    """An import dialog can show what an archive holds before importing it."""
    summary = inspect_archive(rich_archive)
    assert (summary.articles, summary.claims, summary.sources, summary.attachments) == (3, 6, 3, 0)
    assert summary.app_version == __version__ and summary.format_version == 1
    assert summary.project_name == "rich"
    assert list(tmp_path.iterdir()) == []


def test_imported_project_takes_new_edits(rich_archive: Path, tmp_path: Path) -> None:
    """New rows continue after the restored ids; the restored revision chain is respected."""
    imported = import_archive(rich_archive, tmp_path / "copy.factcheck", analyst="Bo")
    with Project.open(imported, analyst="Bo") as project:
        latest = max(a.id for a in project.articles())
        new_id = _claim(project, latest, "imports fell by half", verdict="Unproven")
        assert new_id > max(c.id for c in project.claims() if c.id != new_id)
        assert project.claim(new_id).created_by == "Bo"
        superseded = next(a.revision_of for a in project.articles() if a.revision_of)
        with pytest.raises(InvalidInput, match="already has a newer version"):
            project.apply(ImportRevision(superseded, ArticleDraft(title="x", text="Another text.\n")))


def test_custom_verdict_scale_replaces_the_default(tmp_path: Path) -> None:
    """The archive's scale (names, values, colours, order) is the new project's scale."""
    archive = tmp_path / "valid.factcheck-archive"
    archive.write_bytes(fixtures.valid_archive())
    imported = import_archive(archive, tmp_path / "new.factcheck")
    with Project.open(imported, read_only=True) as project:
        assert project.verdict_scale() == VerdictScale(
            "Zwei Stufen",
            (Verdict("Stimmt", 2, "#2e7d32", ""), Verdict("Falsch", 1, "#c62828", "Nicht zutreffend.")),
        )
        assert _settings(project) == {"organisation": "Prüf-Team", "verdict_scale_name": "Zwei Stufen"}
        (claim,) = project.claims()
        assert (claim.id, claim.article_id, claim.verdict, claim.tags) == (7, 3, "Falsch", ("Wohnen",))
        assert claim.version == 2 and claim.updated_at.microsecond == 123456
        assert project.sources()[0].id == 5


# -- refusals -----------------------------------------------------------------------

# What each fixture in tests/data/bad/archives must be refused for (part of the message).
REFUSALS = {
    "not-a-zip": "not a ZIP file",
    "truncated": "not a ZIP file, or a damaged one",
    "no-manifest": "has no manifest.json",
    "foreign-manifest": "does not describe a Factcheck archive",
    "newer-format": "newer version of Factcheck App (Factcheck App 9.0.0), in archive format 99",
    "no-project": "has no project.json",
    "zip-bomb": "zip bomb",
    "declared-huge": "zip bomb",
    "path-traversal": "“../../evil.sh”, which points outside the archive",
    "absolute-path": "“/etc/cron.d/evil”, which points outside the archive",
    "windows-traversal": "points outside the archive",
    "duplicate-member": "contains “project.json” twice",
    "invalid-json": "project.json is not valid JSON",
    "not-utf8": "project.json is not UTF-8 text",
    "checksum-mismatch": "does not match its checksum",
    "missing-claims": "the project has no “claims”",
    "missing-article-text": "articles[0] has no “text”",
    "wrong-type-title": "articles[0].title should be text, not a number",
    "wrong-type-start": "claims[0].start should be a whole number, not text",
    "bool-as-number": "claims[0].version should be a whole number, not true/false",
    "claim-missing-article": "claim 7 belongs to article 99, which is not in the archive",
    "offsets-out-of-range": "claim 7 lies at 24–10000, outside its article's",
    "quote-not-at-offsets": "the quote of claim 7 is not at 24–49 in its article. If it was exported by Factcheck App",
    "orphan-with-position": "claim 7 is orphaned but has a position (24–49)",
    "unknown-verdict": "“Pants on fire”, which is not on the verdict scale",
    "unknown-tag": "claim 7 cites tag 8, which is not in the archive",
    "unknown-source": "claim 7 cites source 6, which is not in the archive",
    "duplicate-claim-id": "two claims have the id 7",
    "altered-text": "does not match its checksum: it was altered",
    "bad-date": "claims[0].created_at is not a date and time",
    "revision-loop": "form a loop",
    "block-out-of-range": "articles[0].blocks[0] spans 0–500",
    "not-an-object": "the project should be an object, not a list",
}


def test_every_bad_fixture_has_an_expected_refusal() -> None:
    """The fixture folder and the table above describe the same cases (regenerate if not)."""
    on_disk = {p.name.removesuffix(".factcheck-archive") for p in BAD_ARCHIVES.glob("*.factcheck-archive")}
    assert on_disk == set(REFUSALS) == set(fixtures.BAD_ARCHIVES)


def test_the_fixtures_base_archive_is_accepted(tmp_path: Path) -> None:
    """Each bad fixture is the valid archive broken one way, so each refusal has one cause."""
    archive = tmp_path / "valid.factcheck-archive"
    archive.write_bytes(fixtures.valid_archive())
    assert inspect_archive(archive).claims == 1


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_bad_archive_is_refused_and_nothing_is_created(kind: str, tmp_path: Path) -> None:
    """A bad archive is refused with a message naming the problem; no project file appears."""
    target = tmp_path / "new.factcheck"
    with pytest.raises(ArchiveRefused) as refused:
        import_archive(BAD_ARCHIVES / f"{kind}.factcheck-archive", target)
    message = str(refused.value)
    assert REFUSALS[kind] in message
    assert message.startswith(f"{kind}.factcheck-archive cannot be imported: ")
    assert list(tmp_path.iterdir()) == []


def test_total_size_cap_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sum of the declared sizes is capped (2 GB in real life; tiny here)."""
    archive = tmp_path / "valid.factcheck-archive"
    archive.write_bytes(fixtures.valid_archive())
    monkeypatch.setattr(archive_module, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(ArchiveRefused, match=r"would expand to [\d.]+ kB \(the limit is 1000 bytes\)"):
        import_archive(archive, tmp_path / "new.factcheck")
    assert not (tmp_path / "new.factcheck").exists()


def test_existing_target_is_refused_untouched(rich_archive: Path, tmp_path: Path) -> None:
    """Import never writes into an existing file, project or not."""
    target = tmp_path / "mine.factcheck"
    target.write_bytes(b"precious")
    with pytest.raises(ArchiveRefused, match="already exists"):
        import_archive(rich_archive, target)
    with pytest.raises(ArchiveRefused, match="already exists"):
        import_archive(rich_archive, tmp_path / "mine")  # the .factcheck suffix is added first
    assert target.read_bytes() == b"precious"


def test_missing_archive_and_folder_are_refused(tmp_path: Path) -> None:
    """A mistyped archive name or a target folder that does not exist: clear words, nothing made."""
    with pytest.raises(ArchiveRefused, match="There is no archive"):
        import_archive(tmp_path / "nope.factcheck-archive", tmp_path / "new")
    with pytest.raises(ArchiveRefused, match="does not exist"):
        import_archive(tmp_path / "nope.factcheck-archive", tmp_path / "missing" / "new")
    assert list(tmp_path.iterdir()) == []


def test_failed_restore_removes_the_new_project(
    rich_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing the rows fails midway, the half-made project file is deleted."""
    real_restore = archive_module._restore

    def failing_restore(session, plan) -> None:  # type: ignore[no-untyped-def]
        real_restore(session, plan)
        raise OSError("disk unplugged")

    monkeypatch.setattr(archive_module, "_restore", failing_restore)
    with pytest.raises(FactcheckError, match=r"could not be restored: disk unplugged\. Nothing was created"):
        import_archive(rich_archive, tmp_path / "new.factcheck")
    assert list(tmp_path.iterdir()) == []


def test_database_error_during_restore_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the database refuses (here: a duplicate tag id slipped past the checks) rolls back."""
    archive = tmp_path / "valid.factcheck-archive"
    archive.write_bytes(fixtures.valid_archive())
    real_plan = archive_module._Checker.plan

    def plan_with_duplicate(self, document):  # type: ignore[no-untyped-def]
        plan = real_plan(self, document)
        plan.tags.append(dict(plan.tags[0]))
        return plan

    monkeypatch.setattr(archive_module._Checker, "plan", plan_with_duplicate)
    with pytest.raises(FactcheckError, match=r"could not be restored into new\.factcheck; nothing was created"):
        import_archive(archive, tmp_path / "new.factcheck")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["valid.factcheck-archive"]


def test_export_failure_leaves_no_partial_file(rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export that fails while writing leaves neither the archive nor a temporary file."""

    def broken_dump(data: object) -> bytes:
        raise OSError(28, "No space left on device")

    with Project.open(rich, read_only=True) as project:
        with pytest.raises(FactcheckError, match="does not exist"):
            export_archive(project, tmp_path / "missing" / "a.factcheck-archive")
        monkeypatch.setattr(archive_module.zipfile.ZipFile, "writestr", lambda *a, **k: broken_dump(a))
        with pytest.raises(FactcheckError, match="the disk is full"):
            export_archive(project, tmp_path / "a.factcheck-archive")
    assert list(tmp_path.iterdir()) == []


def test_attachments_in_an_archive_are_checked(tmp_path: Path) -> None:
    """Attached files must be present with their size, belong to a known source and match their hash."""
    data = b"%PDF-1.4 evidence"
    digest = hashlib.sha256(data).hexdigest()
    document = fixtures.valid_document()
    source_id = document["sources"][0]["id"]
    item = {
        "id": 1,
        "source_id": source_id,
        "sha256": digest,
        "name": "../../preuve.pdf",
        "media_type": "application/pdf",
        "size": len(data),
        "added_at": "2026-11-01T10:00:00",
        "added_by": "Ana",
    }
    archive = tmp_path / "with-files.factcheck-archive"
    document["attachments"] = [dict(item, size=len(data) + 1)]
    archive.write_bytes(fixtures.archive_of(document, extra=[(f"attachments/{digest}", data)]))
    with pytest.raises(ArchiveRefused, match="missing from the archive or has another size"):
        import_archive(archive, tmp_path / "new.factcheck")
    document["attachments"] = [dict(item, source_id=9999)]
    archive.write_bytes(fixtures.archive_of(document, extra=[(f"attachments/{digest}", data)]))
    with pytest.raises(ArchiveRefused, match="source 9999"):
        import_archive(archive, tmp_path / "new.factcheck")
    document["attachments"] = [dict(item)]
    archive.write_bytes(fixtures.archive_of(document, extra=[(f"attachments/{digest}", b"%PDF-1.4 evidenc!")]))
    with pytest.raises(ArchiveRefused, match="checksum"):
        import_archive(archive, tmp_path / "new.factcheck")
    assert not (tmp_path / "new.factcheck").exists()
    archive.write_bytes(fixtures.archive_of(document, extra=[(f"attachments/{digest}", data)]))
    with Project.open(import_archive(archive, tmp_path / "new.factcheck")) as restored:
        [attachment] = restored.attachments()
        assert attachment.name == "preuve.pdf"  # the path in the name is not kept
        assert restored.attachment_data(attachment.id) == data


# -- limits on what an archive may hold (issue 19) ------------------------------------


def _write(tmp_path: Path, document: dict, **kwargs) -> Path:  # type: ignore[type-arg, no-untyped-def]
    archive = tmp_path / "limits.factcheck-archive"
    archive.write_bytes(fixtures.archive_of(document, **kwargs))
    return archive


@pytest.mark.parametrize(
    ("where", "field", "limit"),
    [
        ("claims", "rationale", "100,000"),
        ("claims", "exact", "100,000"),
        ("sources", "note", "100,000"),
        ("sources", "title", "10,000"),
        ("articles", "title", "10,000"),
    ],
)
def test_text_fields_over_their_limit_are_refused(where: str, field: str, limit: str, tmp_path: Path) -> None:
    """Each text field has a documented limit, checked before anything is created."""
    document = fixtures.valid_document()
    document[where][0][field] = "x" * (int(limit.replace(",", "")) + 1)
    with pytest.raises(ArchiveRefused, match=rf"{where}\[0\]\.{field} is longer than {limit} characters"):
        import_archive(_write(tmp_path, document), tmp_path / "new.factcheck")
    assert not (tmp_path / "new.factcheck").exists()


def test_row_counts_and_values_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = fixtures.valid_document()
    monkeypatch.setitem(archive_module.MAX_ROWS, "claims", 0)
    with pytest.raises(ArchiveRefused, match=r"it lists 1 claims; the limit is 0"):
        inspect_archive(_write(tmp_path, document))
    monkeypatch.setitem(archive_module.MAX_ROWS, "claims", 100_000)
    monkeypatch.setattr(archive_module, "MAX_JSON_VALUES", 50)
    with pytest.raises(ArchiveRefused, match=r"project\.json holds more than 50 values"):
        inspect_archive(_write(tmp_path, document))


def test_project_json_over_its_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its size (64 MB in real life) is checked from the directory, then again while inflating."""
    monkeypatch.setattr(archive_module, "MAX_PROJECT_JSON_BYTES", 1000)
    with pytest.raises(ArchiveRefused, match=r"project\.json is [\d.]+ kB, more than a project archive may hold"):
        import_archive(_write(tmp_path, fixtures.valid_document()), tmp_path / "new.factcheck")


def test_attachments_over_the_total_or_lying_about_their_size_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listed sizes are capped before anything is read; a file inflating past its size is stopped
    while it is written, and the new project is removed."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety" / "hostile"))
    import make_hostile

    big = make_hostile.archive_listing_attachments(tmp_path / "big.factcheck-archive", count=6, each=90 * 1024**2)
    with pytest.raises(ArchiveRefused, match=r"the attached files come to more than 512 MB"):
        import_archive(big, tmp_path / "new.factcheck")
    lying = make_hostile.archive_with_lying_attachment(tmp_path / "lying.factcheck-archive", 64 * 1024**2)
    for check in (inspect_archive, lambda path: import_archive(path, tmp_path / "new.factcheck")):
        with pytest.raises(ArchiveRefused, match="expands beyond the 1 kB its table of contents declares"):
            check(lying)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.factcheck-archive", "lying.factcheck-archive"]


def test_archive_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "desk.factcheck-archive"
    os.mkfifo(fifo)
    with pytest.raises(ArchiveRefused, match=r"is a named pipe \(FIFO\), not a Factcheck archive"):
        import_archive(fifo, tmp_path / "new.factcheck")
    with pytest.raises(ArchiveRefused, match=r"is a device, not a Factcheck archive"):
        inspect_archive("/dev/zero")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.factcheck-archive"]


def test_export_refuses_what_import_would_refuse(rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_PROJECT_JSON_BYTES", 1000)
    too_large = r"^This project is too large for an archive: .* Copy the project file"
    with Project.open(rich, read_only=True) as project, pytest.raises(FactcheckError, match=too_large):
        export_archive(project, tmp_path / "a.factcheck-archive")
    assert list(tmp_path.iterdir()) == []
