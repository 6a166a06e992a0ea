"""Runtime hook: psycopg finds the libpq shipped in the bundle, not (only) the system's.

psycopg's pure-Python implementation asks ``ctypes.util.find_library("pq")``, which on
Linux consults the system's linker cache: on a machine without PostgreSQL's client it
returns None and team mode would fail. The bundle carries libpq.so.5 (see the spec).
"""

import ctypes.util
import os
import sys

_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libpq.so.5")
_system_find_library = ctypes.util.find_library


def _find_library(name):  # type: ignore[no-untyped-def]
    if name == "pq" and os.path.isfile(_bundled):
        return _bundled
    return _system_find_library(name)


if sys.platform.startswith("linux"):
    ctypes.util.find_library = _find_library
