"""Edit an article's metadata (title, URL, author, published date, site)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from factcheck_app.domain.articles import Article


class ArticlePropertiesDialog(QDialog):
    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article properties")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.title = QLineEdit(article.title)
        self.url = QLineEdit(article.url)
        self.author = QLineEdit(article.author)
        self.site_name = QLineEdit(article.site_name)
        self.has_date = QCheckBox("Known")
        self.published = QDateEdit()
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy-MM-dd")
        self.has_date.setChecked(article.published is not None)
        when = article.published or date.today()
        self.published.setDate(QDate(when.year, when.month, when.day))
        self.published.setEnabled(article.published is not None)
        self.has_date.toggled.connect(self.published.setEnabled)
        form.addRow("&Title", self.title)
        form.addRow("&URL", self.url)
        form.addRow("&Author", self.author)
        form.addRow("&Site", self.site_name)
        form.addRow("&Published", self.published)
        form.addRow("", self.has_date)
        detail = (
            f"Imported {article.imported_at:%Y-%m-%d %H:%M} from {article.original_name or 'pasted text'} "
            f"({article.format}); version {article.revision}; {len(article.text):,} characters."
        )
        info = QLabel(detail)
        info.setWordWrap(True)
        form.addRow(info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._article = article

    def changed_values(self) -> dict[str, object]:
        """Only the fields the analyst changed."""
        qdate = self.published.date()
        published = date(qdate.year(), qdate.month(), qdate.day()) if self.has_date.isChecked() else None
        values: dict[str, object] = {
            "title": self.title.text().strip(),
            "url": self.url.text().strip(),
            "author": self.author.text().strip(),
            "site_name": self.site_name.text().strip(),
            "published": published,
        }
        return {k: v for k, v in values.items() if v != getattr(self._article, k)}
