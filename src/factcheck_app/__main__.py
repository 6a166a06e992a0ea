"""``python -m factcheck_app`` starts the GUI."""

import sys

from factcheck_app.ui.launch import main

sys.exit(main())
