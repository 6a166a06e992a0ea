"""Alembic environment: runs on the connection handed over by ``storage.schema``.

There is no alembic.ini: the app configures Alembic in code so the same migrations run
from a checkout, a wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from alembic import context

from factcheck_app.storage.orm import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise RuntimeError("Run migrations through factcheck_app.storage.schema, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
