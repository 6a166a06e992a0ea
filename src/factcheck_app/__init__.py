"""Factcheck App: annotate articles with claims, verdicts and evidence; export reports."""

from __future__ import annotations


def _version() -> str:
    # NOTE: importlib.metadata is cheap; the fallback covers a bare source checkout
    # and a PyInstaller bundle that lost the dist-info.
    try:
        from importlib.metadata import version

        return version("factcheck-app")
    except Exception:  # noqa: BLE001 - any failure means "not installed"
        return "0.1.0"


__version__ = _version()
