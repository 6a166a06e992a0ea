"""Project ▸ Settings: the organisation, the ClaimReview base URL and the verdict rules.

The dialog shows the settings ``services.settings`` declares (the same list
``factcheck settings`` works on) and hands back plain values; it never touches the
project. Whoever opens it turns the result into edits with ``setting_edits(shown,
dialog.values())`` — undoable, logged, and checked against what the dialog showed.
A value the service would refuse keeps the dialog open with the reason under the fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.settings import (
    CHOICE,
    LABELS,
    SETTINGS,
    SettingSpec,
    effective_settings,
    shown_labels,
    validate_setting,
)

ON_OFF = (("on", "On"), ("off", "Off"))


class SettingsDialog(QDialog):
    """``values``: the project's stored settings (absent keys show their defaults)."""

    def __init__(self, values: Mapping[str, str], parent: QWidget | None = None, *, project_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(f"Settings — {project_name}" if project_name else "Project settings")
        self._shown = effective_settings(values)
        self._values: dict[str, str] = dict(self._shown)
        self._widgets: dict[str, QLineEdit | QComboBox | QCheckBox] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        rules = QVBoxLayout()
        for spec in SETTINGS:
            widget = self._widget_for(spec, self._shown[spec.key])
            widget.setObjectName(f"setting:{spec.key}")
            widget.setToolTip(spec.help)
            self._widgets[spec.key] = widget
            if isinstance(widget, QCheckBox):
                rules.addWidget(widget)
            else:
                label = QLabel(f"{spec.label}:")
                label.setBuddy(widget)
                form.addRow(label, widget)
        layout.addLayout(form)
        heading = QLabel("Verdict rules (claims that break them are listed under Problems and checked before export):")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addLayout(rules)
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _widget_for(spec: SettingSpec, value: str) -> QLineEdit | QComboBox | QCheckBox:
        if spec.kind == CHOICE and spec.choices == ON_OFF:
            box = QCheckBox(spec.label)
            box.setChecked(value != "off")
            return box
        if spec.kind == CHOICE:
            combo = QComboBox()
            for stored, label in spec.choices:
                combo.addItem(label, stored)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        line = QLineEdit(shown_labels(value) if spec.kind == LABELS else value)
        line.setPlaceholderText("https://…" if spec.key.endswith("url") else "")
        line.setClearButtonEnabled(True)
        return line

    def _read(self, key: str) -> str:
        widget = self._widgets[key]
        if isinstance(widget, QCheckBox):
            return "on" if widget.isChecked() else "off"
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        return widget.text()

    def accept(self) -> None:
        cleaned: dict[str, str] = {}
        for spec in SETTINGS:
            try:
                cleaned[spec.key] = validate_setting(spec.key, self._read(spec.key))
            except InvalidInput as refusal:
                self.error.setText(str(refusal))
                self.error.show()
                self._widgets[spec.key].setFocus()
                return
        self._values = cleaned
        super().accept()

    def values(self) -> dict[str, str]:
        """Every setting as accepted (validated and cleaned, e.g. ``https://`` added)."""
        return dict(self._values)

    def changed(self) -> dict[str, str]:
        """Only the settings the analyst changed."""
        return {key: value for key, value in self._values.items() if value != self._shown.get(key)}
