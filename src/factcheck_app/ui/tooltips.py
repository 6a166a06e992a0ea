"""Tooltips that show untrusted text as text.

Qt renders a tooltip as HTML when it *looks* like HTML, so an article title such as
``<img src="/dev/zero">`` (from a saved web page) made the window read that file on hover
and crash. Every tooltip built from an article, a source, a verdict label or a history
value goes through ``plain_tooltip``: escaped, inside a paragraph that keeps line breaks.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt draws literally (no markup, no images, no links)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
