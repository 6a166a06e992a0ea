"""`python -m factcheck_app.cli`: the same as the `factcheck` command."""

import sys

from factcheck_app.cli import main

sys.exit(main())
