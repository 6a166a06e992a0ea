"""Installation checks: what the self-test asks of the layers the GUI may not touch.

The GUI never imports ``factcheck_app.storage`` (import-linter), yet ``--self-test`` must
prove that the Alembic migration scripts shipped with the app — a frozen bundle that
left them out opens no project at all. This module asks on its behalf.
"""

from __future__ import annotations

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.storage import schema


def check_migrations() -> str:
    """Return the head revision of the shipped migration scripts.

    Raises FactcheckError when the scripts' head is not the revision this version of the
    app writes (a partial or mixed installation); Alembic's own error when the scripts
    cannot be read at all.
    """
    heads = schema.script_heads()
    if heads != (schema.HEAD_REVISION,):
        found = ", ".join(heads) or "none"
        raise FactcheckError(
            f"The migration scripts end at {found}, but this version of the app expects {schema.HEAD_REVISION}: "
            "reinstall Factcheck App."
        )
    return schema.HEAD_REVISION
