"""Shared fixtures: real project files in tmp_path, the coalition article; Hypothesis profiles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shared_data import COALITION_ARTICLE

# Hypothesis profiles. Loaded here, before any test module is imported, so that every
# @settings(...) on a test inherits from the chosen profile (a test's own settings are
# built on the profile that is loaded when its module is imported).
#   ci (default): the same examples on every run and every machine, no example database,
#       so a red run is a real regression and can be reproduced from the printed blob.
#   hunt: many fresh random examples per property, to look for new failures (every
#       property test lives in these files; a test's own max_examples still wins):
#       HYPOTHESIS_PROFILE=hunt .venv/bin/python -m pytest tests/domain tests/safety/test_bad_input_corpus.py
settings.register_profile("ci", derandomize=True, database=None, max_examples=200, deadline=None, print_blob=True)
settings.register_profile("hunt", derandomize=False, database=None, max_examples=2500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the developer's real app settings."""
    monkeypatch.setenv("FACTCHECK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def coalition_article() -> Path:
    """The long news article in tests/data (see shared_data for the wording tests rely on)."""
    return COALITION_ARTICLE


# Tests in these folders run once on a SQLite file and once on a PostgreSQL database.
BOTH_BACKENDS = ("services", "storage")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = metafunc.definition.path.parent.name
    if folder in BOTH_BACKENDS and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database a project fixture lives in (parametrised for services/ and storage/)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def project_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a new test project goes: a file in tmp_path, or a new empty PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "test.factcheck")
    return request.getfixturevalue("pg_database")


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    from pg_server import fresh_database

    with fresh_database() as url:
        yield url


@pytest.fixture
def project(project_target: str) -> Iterator[object]:
    from factcheck_app.services.project import Project

    with Project.create(project_target, analyst="tester") as opened:
        yield opened


@pytest.fixture
def article_text() -> str:
    return (
        "City hall says the new tram line will carry 50,000 passengers a day.\n"
        "Critics say the tram line will cost twice the budget.\n"
        "The mayor promised the tram line would open in 2027.\n"
    )


@pytest.fixture
def article_file(tmp_path: Path, article_text: str) -> Path:
    path = tmp_path / "tram.txt"
    path.write_text(article_text, encoding="utf-8")
    return path


@pytest.fixture
def imported(project, article_file: Path):  # type: ignore[no-untyped-def]
    """(project, article) with the tram article imported."""
    from factcheck_app.services.articles import import_article_edit

    edit = import_article_edit(article_file)
    project.apply(edit)
    return project, project.article(edit.article_id)


@pytest.fixture
def locked_database() -> Iterator[str]:
    """An empty PostgreSQL database whose owner must give a password (tests/pg_server.PASSWORD)."""
    from pg_server import password_database

    with password_database() as url:
        yield url
