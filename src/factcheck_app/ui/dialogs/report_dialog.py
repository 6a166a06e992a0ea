"""Choose what the Word report holds and how it looks; the last choices are remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.ui import settings

SECTIONS = (
    ("cover", "Cover page"),
    ("summary", "Summary of verdicts"),
    ("overview", "Overview table"),
    ("claims", "One section per claim"),
    ("annotated_article", "Annotated article (Word comments on each claim)"),
    ("sources", "Numbered list of sources"),
    ("corrections", "Corrections log (every correction, what changed and why)"),
    ("agreement", "Agreement of blind second verdicts"),
)
OPTIONAL_SECTIONS = ("corrections", "agreement")  # asked for, not in every report
ORDERS = (("article", "Article order"), ("verdict", "Verdict"), ("claimant", "Claimant"))
SCOPES = (
    ("all", "All claims of the project"),
    ("article", "Claims of the current article"),
    ("filter", "Claims shown by the filter"),
)


def _path_row(edit: QLineEdit, caption: str, pattern: str, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    browse = QPushButton("Choose…")

    def choose() -> None:
        path, _ = QFileDialog.getOpenFileName(parent, caption, edit.text() or str(Path.home()), pattern)
        if path:
            edit.setText(path)

    browse.clicked.connect(choose)
    row.addWidget(browse)
    return row


class ReportDialog(QDialog):
    def __init__(self, default_title: str, organisation: str, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Word report")
        self.setMinimumWidth(560)
        store = settings.settings()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit(default_title)
        self.organisation = QLineEdit(str(store.value("report/organisation", organisation) or organisation))
        self.author = QLineEdit(str(store.value("report/author", author) or author))
        self.logo = QLineEdit(str(store.value("report/logo", "") or ""))
        self.logo.setPlaceholderText("Optional PNG or JPEG for the cover")
        self.template = QLineEdit(str(store.value("report/template", "") or ""))
        self.template.setPlaceholderText("Bundled house style (or your newsroom's .docx with the same style names)")
        self.scope = QComboBox()
        for key, label in SCOPES:
            self.scope.addItem(label, key)
        self.order = QComboBox()
        for key, label in ORDERS:
            self.order.addItem(label, key)
        self._select(self.scope, store.value("report/scope", "all"))
        self._select(self.order, store.value("report/order", "article"))
        self.include_orphaned = QCheckBox("Include orphaned claims (marked as such, never placed on text)")
        self.include_orphaned.setChecked(str(store.value("report/include_orphaned", "true")) == "true")
        form.addRow("&Title", self.title)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Author", self.author)
        form.addRow("Logo", _path_row(self.logo, "Logo", "Images (*.png *.jpg *.jpeg)", self))
        form.addRow(
            "Template",
            _path_row(self.template, "Report template", "Word documents and templates (*.docx *.dotx)", self),
        )
        form.addRow("&Claims", self.scope)
        form.addRow("O&rder", self.order)
        form.addRow("", self.include_orphaned)
        layout.addLayout(form)
        box = QGroupBox("Sections")
        box_layout = QVBoxLayout(box)
        usual = ",".join(k for k, _ in SECTIONS if k not in OPTIONAL_SECTIONS)
        chosen = str(store.value("report/sections", usual)).split(",")
        self.section_boxes: dict[str, QCheckBox] = {}
        for key, label in SECTIONS:
            check = QCheckBox(label)
            check.setChecked(key in chosen)
            box_layout.addWidget(check)
            self.section_boxes[key] = check
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _select(combo: QComboBox, key: object) -> None:
        index = combo.findData(str(key))
        combo.setCurrentIndex(max(index, 0))

    def choices(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "organisation": self.organisation.text().strip(),
            "author": self.author.text().strip(),
            "logo_path": self.logo.text().strip() or None,
            "template_path": self.template.text().strip() or None,
            "scope": self.scope.currentData(),
            "order": self.order.currentData(),
            "include_orphaned": self.include_orphaned.isChecked(),
            "sections": tuple(k for k, check in self.section_boxes.items() if check.isChecked()),
        }

    def remember(self) -> None:
        store = settings.settings()
        values = self.choices()
        store.setValue("report/organisation", values["organisation"])
        store.setValue("report/author", values["author"])
        store.setValue("report/logo", values["logo_path"] or "")
        store.setValue("report/template", values["template_path"] or "")
        store.setValue("report/scope", values["scope"])
        store.setValue("report/order", values["order"])
        store.setValue("report/include_orphaned", "true" if values["include_orphaned"] else "false")
        store.setValue("report/sections", ",".join(values["sections"]))  # type: ignore[arg-type]
