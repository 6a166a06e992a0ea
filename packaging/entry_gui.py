"""PyInstaller entry point of the GUI executable, ``factcheck-app``.

A plain script (not ``factcheck_app/__main__.py``) so the frozen program runs the same
``main`` as the installed gui-script, with the same ``--self-test`` and ``--screenshot``.
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--cli"]:
        # Linux bundles run the command line through this one executable (packaging/linux/factcheck).
        from factcheck_app.cli import main as cli_main

        sys.argv = ["factcheck", *sys.argv[2:]]
        sys.exit(cli_main(sys.argv[1:]))
    from factcheck_app.ui.launch import main

    sys.exit(main())
