"""The fact-checker's vocabulary as frozen values and pure rules.

Nothing here imports Qt or SQLAlchemy (enforced by import-linter), so the rules can be
tested in microseconds and reused by the GUI, the CLI and any future server.
"""
