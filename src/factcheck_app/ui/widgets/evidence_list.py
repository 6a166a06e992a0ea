"""The sources of the selected claim with what each shows (stance, excerpt, location).

Part of the claim editor. It only emits what the analyst asked for (add, remove, files of a
source); opening a source's address in the browser happens here, after showing where it leads.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QWidget

from factcheck_app.domain.claims import Claim
from factcheck_app.domain.links import link_target
from factcheck_app.domain.sources import Evidence
from factcheck_app.ui.tooltips import plain_tooltip

STANCE_MARKS = {"supports": "✔ supports — ", "contradicts": "✖ contradicts — ", "context": "• context — "}


def evidence_text(evidence: Evidence) -> str:
    """How one source of a claim reads in the list: stance, title, address, details, excerpt."""
    source = evidence.source
    stance = STANCE_MARKS.get(evidence.stance, "")
    detail = " · ".join(
        x
        for x in (source.publisher, source.kind, evidence.location, source.accessed and f"accessed {source.accessed}")
        if x
    )
    text = f"{stance}{source.display_title}\n{source.url}" + (f"\n{detail}" if detail else "")
    if evidence.excerpt:
        text += f"\n“{evidence.excerpt}”"
    return text


class EvidenceList(QListWidget):
    add_source_requested = Signal(int)  # claim id
    remove_source_requested = Signal(int, int)  # claim id, source id
    files_requested = Signal(int)  # source id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._claim: Claim | None = None
        self.setObjectName("sourcesList")
        self.setMaximumHeight(110)
        self.setToolTip("Double-click to open the source in your browser")
        self.add_source = QPushButton("Add source…")
        self.remove_source = QPushButton("Remove")
        self.files_button = QPushButton("Files…")
        self.files_button.setToolTip("Attach local files (PDF, images, saved pages) to the selected source")
        self.add_source.clicked.connect(lambda: self._claim and self.add_source_requested.emit(self._claim.id))
        self.remove_source.clicked.connect(self._remove_source)
        self.files_button.clicked.connect(self._files)
        self.itemDoubleClicked.connect(self._open_source)
        self.currentRowChanged.connect(lambda _row: self.update_buttons())

    def header(self) -> QHBoxLayout:
        """The row above the list: its title and buttons."""
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Sources</b>"))
        row.addStretch(1)
        row.addWidget(self.files_button)
        row.addWidget(self.add_source)
        row.addWidget(self.remove_source)
        return row

    def show_claim(self, claim: Claim | None) -> None:
        self._claim = claim
        self.clear()
        for evidence in (claim.evidence or tuple(Evidence(s) for s in claim.sources)) if claim else ():
            item = QListWidgetItem(evidence_text(evidence))
            item.setData(Qt.ItemDataRole.UserRole, evidence.source.id)
            item.setToolTip(plain_tooltip(evidence.source.note or evidence.source.url))
            self.addItem(item)
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self._claim is not None and self.currentRow() >= 0
        self.remove_source.setEnabled(chosen)
        self.files_button.setEnabled(chosen)

    def _files(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.files_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _remove_source(self) -> None:
        item = self.currentItem()
        if self._claim is not None and item is not None:
            self.remove_source_requested.emit(self._claim.id, int(item.data(Qt.ItemDataRole.UserRole)))

    def _open_source(self, item: QListWidgetItem) -> None:
        """Open a source in the system browser — only after showing where it leads."""
        source_id = item.data(Qt.ItemDataRole.UserRole)
        url = next((s.url for s in (self._claim.sources if self._claim else ()) if s.id == source_id), "")
        if not url:
            return
        if link_target(url) is None:
            QMessageBox.information(
                self,
                "Open source",
                "This source's address is not a web address (only http:// and https:// are opened), "
                f"so it is not opened:\n\n{url[:300]}",
            )
            return
        answer = QMessageBox.question(
            self,
            "Open source",
            f"Open this address in your web browser?\n\n{url}",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl(url))
