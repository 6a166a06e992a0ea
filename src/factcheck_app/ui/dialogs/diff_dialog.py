"""Show what changed between two versions of an article."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from factcheck_app.domain.articles import Article
from factcheck_app.domain.reanchor import text_diff

# Unchanged stretches longer than this are shortened to their ends, so changes stand out.
CONTEXT_KEEP = 300


def diff_html(old_text: str, new_text: str) -> str:
    parts: list[str] = []
    for op, chunk in text_diff(old_text, new_text):
        if op == 0 and len(chunk) > 2 * CONTEXT_KEEP:
            chunk = chunk[:CONTEXT_KEEP] + "\n[…]\n" + chunk[-CONTEXT_KEEP:]
        escaped = html.escape(chunk).replace("\n", "<br>")
        if op < 0:
            parts.append(
                f'<span style="background:#ffd7d5;color:#82071e;text-decoration:line-through">{escaped}</span>'
            )
        elif op > 0:
            parts.append(f'<span style="background:#ccffd8;color:#055d20">{escaped}</span>')
        else:
            parts.append(f'<span style="color:#444">{escaped}</span>')
    return "<div style='line-height:140%'>" + "".join(parts) + "</div>"


class DiffDialog(QDialog):
    def __init__(self, old: Article, new: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Changes: version {old.revision} → {new.revision}")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"<b>{html.escape(new.title)}</b><br>Version {old.revision} (imported {old.imported_at:%Y-%m-%d %H:%M}) → "
                f"version {new.revision} (imported {new.imported_at:%Y-%m-%d %H:%M}). "
                "<span style='background:#ffd7d5'>Removed</span> and <span style='background:#ccffd8'>added</span> text."
            )
        )
        self.browser = QTextBrowser()
        self.browser.setObjectName("diffView")
        self.browser.setHtml(diff_html(old.text, new.text))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
