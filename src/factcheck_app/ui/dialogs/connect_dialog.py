"""Connect to a team project on a PostgreSQL server: host, database, user.

The password follows PostgreSQL's own conventions (PGPASSWORD, ~/.pgpass), so most
analysts never type it here; when the server still asks, the app asks in a password
field and keeps the answer in memory for this session only — never in settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.services.team import DEFAULT_PORT, server_url


class ConnectDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, user: str = "", title: str = "Connect to team project"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A team project lives in a PostgreSQL database that everyone on the desk can reach. "
            "Ask whoever runs the server for these details."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit("localhost")
        self.port = QSpinBox(minimum=1, maximum=65535, value=DEFAULT_PORT)
        self.database = QLineEdit(placeholderText="e.g. factcheck_desk")
        self.user = QLineEdit(user)
        self.password = QLineEdit(placeholderText="leave empty to use PGPASSWORD or ~/.pgpass")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip("Kept in memory for this session only; never saved.")
        self.create = QCheckBox("Make this empty database a new team project")
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        layout.addLayout(form)
        layout.addWidget(self.create)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Connect")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.database.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.database.text().strip()))

    def url(self) -> str:
        return server_url(self.host.text(), self.port.value(), self.database.text(), self.user.text())

    def typed_password(self) -> str | None:
        return self.password.text() or None
