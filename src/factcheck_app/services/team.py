"""Team projects: the address of a project on a PostgreSQL server, as analysts give it."""

from __future__ import annotations

DEFAULT_PORT = 5432


def server_url(host: str, port: int, database: str, user: str) -> str:
    """``postgresql://user@host:port/database`` with no password in it (what the app remembers).

    Built by SQLAlchemy so odd characters in a user or database name are quoted correctly.
    """
    from sqlalchemy.engine import URL

    url = URL.create(
        "postgresql",
        username=user.strip() or None,
        host=host.strip() or "localhost",
        port=port if port != DEFAULT_PORT else None,
        database=database.strip(),
    )
    return url.render_as_string(hide_password=False)


def server_answers(url: str, timeout_s: float = 2.0) -> bool:
    """Whether the project's server accepts a connection at all, within ``timeout_s``.

    A quick look before the app opens the last team project at start: a server that is
    away would otherwise hold the new window for the full connection timeout.
    """
    import socket

    from sqlalchemy.engine import make_url

    try:
        address = make_url(url)
        with socket.create_connection((address.host or "localhost", address.port or DEFAULT_PORT), timeout_s):
            return True
    except (OSError, ValueError):
        return False
