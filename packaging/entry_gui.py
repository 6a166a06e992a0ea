"""PyInstaller entry point of the GUI executable, ``factcheck-app``.

A plain script (not ``factcheck_app/__main__.py``) so the frozen program runs the same
``main`` as the installed gui-script, with the same ``--self-test`` and ``--screenshot``.
"""

import sys

from factcheck_app.ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
