"""GUI fixtures: a real main window on a real project file, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_leaked_top_level_widgets(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Fail a test that leaves a visible top-level widget behind (napari's rule)."""
    before = {id(w) for w in qapp.topLevelWidgets()}
    yield
    qapp.processEvents()
    leaked = [w for w in qapp.topLevelWidgets() if id(w) not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"test leaked top-level widgets: {leaked}"


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    from factcheck_app.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.fixture
def project_path(tmp_path: Path, coalition_article: Path) -> Path:
    """A project holding the coalition article (tests/data/articles/coalition-desk.txt)."""
    from factcheck_app.services.articles import import_article_edit
    from factcheck_app.services.project import Project

    path = tmp_path / "desk.factcheck"
    with Project.create(path, analyst="tester") as project:
        project.apply(import_article_edit(coalition_article))
    return path


@pytest.fixture(autouse=True)
def _no_unexpected_conflict_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A conflict dialog is modal: one appearing where no conflict is possible fails the test at once."""
    from factcheck_app.ui.workspace import Workspace

    def unexpected(conflict, _parent) -> bool:  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected conflict dialog: {conflict}")

    monkeypatch.setattr(Workspace, "resolve_conflict", staticmethod(unexpected))
