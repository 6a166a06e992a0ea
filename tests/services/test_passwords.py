"""Passwords for team projects: PostgreSQL's conventions first, asked otherwise, never stored."""

from __future__ import annotations

import pytest

from factcheck_app.domain.errors import NeedsPassword
from factcheck_app.services.project import Project
from pg_server import PASSWORD


def test_a_server_asking_for_a_password_says_so(locked_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no password anywhere, the error is NeedsPassword (the GUI and CLI then ask), not a crash."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    with pytest.raises(NeedsPassword, match="asks for the password of factcheck_pw"):
        Project.create(locked_database)


def test_a_wrong_password_is_named_as_such(locked_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A typed password that the server refuses is reported as refused, and can be asked again."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(NeedsPassword, match="refused the password"):
        Project.create(locked_database, password="wrong")


def test_pgpassword_and_a_typed_password_both_work(locked_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PGPASSWORD is honoured as libpq does; a typed password opens the project and never shows."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with Project.create(locked_database, analyst="anna") as project:
        assert project.location.target == locked_database
    monkeypatch.delenv("PGPASSWORD")
    with Project.open(locked_database, password=PASSWORD) as project:
        assert PASSWORD not in project.location.target
        assert PASSWORD not in project.location.display_url
        assert PASSWORD not in project.name


def test_a_pgpass_file_is_honoured(locked_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """~/.pgpass (here PGPASSFILE) supplies the password, as for psql."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    pgpass = tmp_path / ".pgpass"
    pgpass.write_text(f"127.0.0.1:*:*:factcheck_pw:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Project.create(locked_database) as project:
        assert project.claims() == []


def test_a_password_in_the_address_itself_is_never_repeated() -> None:
    """postgresql://anna:pw@…/desk?password=… : the address shown and remembered carries neither."""
    from factcheck_app.storage.engine import locate

    location = locate("postgresql://anna:inline@db.example/desk?password=query&sslmode=require")
    assert location.target == "postgresql://anna@db.example/desk?sslmode=require"
    assert "inline" not in location.display_name and "query" not in location.display_name
