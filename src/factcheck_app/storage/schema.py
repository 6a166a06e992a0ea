"""Schema versions: refuse newer projects, migrate older ones, create new ones.

Alembic is only imported when a migration must run: opening an up-to-date project
compares the stored revision with ``HEAD_REVISION`` (a test keeps that constant equal
to the migration scripts' head), which keeps ~0.4 s of imports off the start path.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from factcheck_app.domain.errors import NewerProject, NotAProject

# Every revision this version of the app knows, oldest first.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATION_LOCK_KEY = 0x46434B31  # "FCK1": one advisory lock per database for schema changes


def check_revision(revision: str | None, name: str) -> bool:
    """True when the project needs migrating; raise when the app cannot open it."""
    if revision is None:
        raise NotAProject(f"{name} has no Factcheck schema: it was never completely created.")
    if revision not in KNOWN_REVISIONS:
        raise NewerProject(
            f"{name} was saved by a newer version of Factcheck App (schema {revision}). "
            "Update the app to open it; nothing in it has been changed."
        )
    return revision != HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    from factcheck_app.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, revision))


def upgrade_on(connection, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
    """Migrate inside the caller's transaction (a copy creates schema and rows as one unit)."""
    from alembic import command

    command.upgrade(_alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, step) -> None:  # type: ignore[no-untyped-def]
    """Run a migration step in one transaction, with SQLite's foreign keys off meanwhile.

    NOTE: batch migrations on SQLite rebuild a table (copy, drop, rename). With foreign
    keys on, dropping ``articles`` would cascade and delete every claim. Enforcement is
    switched off around the transaction (it cannot change inside one) and the result is
    checked with ``PRAGMA foreign_key_check`` before commit.
    """
    with engine.execution_options(factcheck_write=True).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # Two analysts opening an old team project at once: one migrates, the
                    # other waits here, then finds the schema current and does nothing.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
                step(_alembic_config(conn))
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} rows pointing at nothing; rolled back")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    from factcheck_app.resources import migrations_dir

    return tuple(ScriptDirectory(str(migrations_dir())).get_heads())


def script_revisions() -> tuple[str, ...]:
    """All revisions of the migration scripts, oldest first."""
    from alembic.script import ScriptDirectory

    from factcheck_app.resources import migrations_dir

    script = ScriptDirectory(str(migrations_dir()))
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))
