"""Which verdict rules the project enforces, and whether a breach warns or blocks export."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from factcheck_app.domain.gates import RULES, enabled_rules


class RulesDialog(QDialog):
    def __init__(self, settings: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verdict rules")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Claims that break these rules are listed under Problems and checked before export."))
        on = enabled_rules(settings)
        self.boxes: dict[str, QCheckBox] = {}
        for rule in RULES:
            box = QCheckBox(rule.title)
            box.setChecked(rule.key in on)
            layout.addWidget(box)
            self.boxes[rule.key] = box
        form = QFormLayout()
        self.mode = QComboBox()
        self.mode.addItem("Warn, then let me export", "warn")
        self.mode.addItem("Block export until they are fixed", "block")
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.get("gates.mode", "warn"))))
        form.addRow("Before export", self.mode)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        chosen = {f"gate.{key}": "on" if box.isChecked() else "off" for key, box in self.boxes.items()}
        chosen["gates.mode"] = self.mode.currentData()
        return chosen
