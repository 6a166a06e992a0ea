"""Work a big project needs soon after it opens, started on a worker thread at open.

The "already checked" index of a 100,000-claim project takes a second or two to build.
Built by the first Ctrl+K, that froze the window on the analyst's first claim; built here,
it is ready by the time they have read the article's first lines. A lookup that comes
sooner waits for it (services/similar.py keeps one build at a time).
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any


def warm_up(project: Any) -> threading.Thread | None:
    """Start building the project's indexes in the background; the thread, for those who wait."""
    if project is None:
        return None

    def build() -> None:
        from factcheck_app.services.similar import warm

        # Closed or unreadable meanwhile: the first lookup builds it, or says what is wrong.
        with contextlib.suppress(Exception):
            warm(project)

    thread = threading.Thread(target=build, name="factcheck-warm-up", daemon=True)
    thread.start()
    return thread
