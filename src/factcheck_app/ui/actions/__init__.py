"""Menu commands, one module per concern, each owning its QActions, their slots and the rule
saying when each is enabled.

A new command goes into the module of its concern (or a new one); ``main_window.py`` only
places actions in menus. Modules here never import one another (an import-linter contract):
what they share is the window's public surface below (``Window``) and the workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from factcheck_app.ui.feedback import Feedback
    from factcheck_app.ui.views.article_list import ArticleList
    from factcheck_app.ui.views.article_pane import ArticlePane
    from factcheck_app.ui.views.claims_panel import ClaimsPanel
    from factcheck_app.ui.views.problems_panel import ProblemsPanel
    from factcheck_app.ui.widgets.article_view import ArticleView
    from factcheck_app.ui.workspace import Workspace


class Window(Protocol):
    """What a command may use of the main window."""

    workspace: Workspace
    feedback: Feedback
    articles: ArticleList
    article_view: ArticleView
    article_pane: ArticlePane
    claims_panel: ClaimsPanel
    problems_panel: ProblemsPanel

    def open_project(
        self, target: str | Path, *, read_only: bool = False, password: str | None = None, create: bool = False
    ) -> bool: ...

    def reload_views(self) -> None: ...


@dataclass(frozen=True)
class State:
    """What enablement rules look at."""

    project: bool  # a project is open
    writable: bool  # … and can be changed (not read-only)
    on_file: bool  # … and lives in a local file (not on a team server)
    article: bool  # an article is on screen
    claim: bool  # a claim is selected


class Actions(QObject):
    """Base of a concern's commands: makes its actions and states their enablement."""

    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(widget)
        self.window = window
        self.widget = widget  # the parent of dialogs and actions
        self.workspace = window.workspace
        self.feedback = window.feedback

    def action(
        self, text: str, slot: Callable[..., Any], shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        tip: str = "",
    ) -> QAction:  # fmt: skip
        action = QAction(text, self.widget)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(
            f"{text.replace('&', '').rstrip('…')} ({QKeySequence(shortcut).toString()})" if shortcut else tip
        )
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def state(self) -> State:
        project = self.workspace.project
        return State(
            project=project is not None,
            writable=self.workspace.writable,
            on_file=self.workspace.on_file,
            article=project is not None and self.workspace.article_id is not None,
            claim=project is not None and self.window.claims_panel.editor.current_claim_id() is not None,
        )

    def update_enabled(self) -> None:
        """Enable each action exactly when it can do something (no project, read-only, writable)."""
        raise NotImplementedError
