"""Use cases shared by the GUI and the CLI. Never imports Qt (enforced by import-linter)."""
