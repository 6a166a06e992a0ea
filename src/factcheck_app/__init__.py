"""Factcheck App: annotate articles with claims, verdicts and evidence; export reports."""

# NOTE: the single source of the version (pyproject reads it via hatch). A constant, not
# importlib.metadata, which costs ~50 ms of imports on the start path.
__version__ = "0.1.0"
