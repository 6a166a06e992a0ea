"""The PostgreSQL server the team-mode tests use, named by ``FACTCHECK_TEST_PG_URL``.

``scripts/run-tests.sh`` (and so CI) starts a throwaway server and sets that variable,
plus ``FACTCHECK_REQUIRE_PG=1`` so a missing server fails the run instead of skipping.
Each test gets a new database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ADMIN_URL_VARIABLE = "FACTCHECK_TEST_PG_URL"


def admin_url() -> str:
    url = os.environ.get(ADMIN_URL_VARIABLE, "")
    if not url:
        reason = (
            f"no PostgreSQL server: set {ADMIN_URL_VARIABLE} (scripts/run-tests.sh starts one with "
            "scripts/pg-test-server.sh)"
        )
        if os.environ.get("FACTCHECK_REQUIRE_PG") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def _server_url(url: str, database: str) -> str:
    base = url.rsplit("/", 1)[0]
    return f"{base}/{database}".replace("postgresql://", "postgresql+psycopg://", 1)


@contextmanager
def fresh_database() -> Iterator[str]:
    import psycopg

    url = admin_url()
    name = f"fc_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _server_url(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


PASSWORD_ROLE = "factcheck_pw"  # scripts/pg-test-server.sh makes this role give a password
PASSWORD = "correct horse battery"


@contextmanager
def password_database() -> Iterator[str]:
    """A fresh database owned by a role that must log in with PASSWORD; yields its URL without it."""
    import psycopg

    url = admin_url()
    name = f"fc_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_ROLE,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        admin.execute(f"{verb} ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
        admin.execute(f'CREATE DATABASE "{name}" OWNER {PASSWORD_ROLE}')
    base = url.rsplit("/", 1)[0].replace("postgres@", f"{PASSWORD_ROLE}@", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
