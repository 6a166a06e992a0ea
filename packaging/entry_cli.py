"""PyInstaller entry point of the command-line executable, ``factcheck``.

It is analysed separately from the GUI so the CLI never loads Qt (PyInstaller's PySide6
run-time hook imports QtCore), and starts as fast as the installed console script.
"""

import sys

from factcheck_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
