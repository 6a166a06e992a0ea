"""The menus: every command has its own shortcut and is enabled exactly when it can act."""

from __future__ import annotations

from pathlib import Path

import pytest
from people import click_claim

from shared_data import US_QUOTE


def test_every_menu_action_has_a_unique_keyboard_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    """Analysts work from the keyboard: every menu command has its own shortcut."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu())):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or not action.text() or action.parent() is menu:
                continue
            if not isinstance(action, QAction) or "(none yet)" in action.text():
                continue
            keys = action.shortcut().toString()
            assert keys, f"no shortcut for {action.text()!r}"
            assert seen.get(keys, action.text()) == action.text(), f"{keys} used twice"
            seen[keys] = action.text()
    assert len(seen) >= 30


# Every menu command, and whether it is enabled with no project, on a read-only project and on
# a writable one (an article on screen, a claim selected, nothing to undo yet). A command that
# would do nothing in a state must be disabled in it; a new command must be added here.
ENABLED = {
    # File
    "New project…": (True, True, True),
    "Open project…": (True, True, True),
    "Connect to team project…": (True, True, True),
    "A file…": (False, True, True),
    "A team server…": (False, True, True),
    "Open project archive…": (True, True, True),
    "Add projects or ClaimReview feeds to the archive…": (True, True, True),
    "Import article…": (False, False, True),
    "Import from clipboard": (False, False, True),
    "Import new version…": (False, False, True),
    "Export Word report…": (False, True, True),
    "schema.org ClaimReview (JSON-LD)…": (False, True, True),
    "W3C Web Annotation (JSON-LD)…": (False, True, True),
    "CSV spreadsheet…": (False, True, True),
    "Project archive (to share or keep)…": (False, True, True),
    "Quit": (True, True, True),
    # Edit
    "Undo": (False, False, False),
    "Redo": (False, False, False),
    "New claim": (False, False, True),
    "Delete claim": (False, False, True),
    "Re-attach claim to selection": (False, False, True),
    "Filter claims": (False, True, True),
    "Preferences…": (True, True, True),
    # Article
    "Article properties…": (False, False, True),
    "Compare with previous version": (False, True, True),
    "Delete article…": (False, False, True),
    # Project
    "Sources library…": (False, False, True),
    "Tags…": (False, False, True),
    "Verdict scale…": (False, False, True),
    "Verdict rules…": (False, False, True),
    "Project settings…": (False, False, True),
    "Problems": (False, True, True),
    "Back up now": (False, True, True),
    "Restore from backup…": (False, False, True),
    "Check project…": (False, True, True),
    # Review
    "Ask for a second verdict…": (False, False, True),
    "My second verdicts…": (False, False, True),
    "Disagreements…": (False, True, True),
    "Agreement…": (False, True, True),
    "Publish claim": (False, False, True),
    "Complaints…": (False, True, True),
    # View
    "Highlight by tag colour": (False, True, True),
    "Suggested claims": (False, True, True),
    "System": (True, True, True),
    "Light": (True, True, True),
    "Dark": (True, True, True),
    # Help
    "User guide": (True, True, True),
    "Keyboard shortcuts": (True, True, True),
    "About Factcheck App": (True, True, True),
}
STATES = ("no project", "read-only", "writable")


@pytest.fixture
def claimed_project(project_path: Path) -> Path:
    """The coalition project with one claim (the US sentence)."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim
    from factcheck_app.services.project import Project

    with Project.open(project_path) as project:
        article = project.articles()[0]
        project.apply(CreateClaim(article.id, anchor_for_quote(article.text, US_QUOTE)))
    return project_path


def _menu_texts(window) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {action.text().replace("&", ""): action for action in window.menu_actions()}


def _put_in_state(qtbot, window, path: Path, state: str) -> None:  # type: ignore[no-untyped-def]
    if state == "no project":
        return
    assert window.open_project(path, read_only=state == "read-only"), window.last_error
    assert window.project.read_only == (state == "read-only")
    click_claim(qtbot, window, window.model.claim_at(0).id)


def test_every_menu_command_has_a_declared_enablement(window) -> None:  # type: ignore[no-untyped-def]
    """The table below names every command in the menus, and nothing that is not there."""
    assert sorted(_menu_texts(window)) == sorted(ENABLED)


@pytest.mark.parametrize("state", STATES)
def test_menu_commands_are_enabled_exactly_when_they_can_act(qtbot, window, claimed_project: Path, state: str) -> None:  # type: ignore[no-untyped-def]
    """With no project, a read-only project and a writable one, each command's enabled state is as declared."""
    _put_in_state(qtbot, window, claimed_project, state)
    column = STATES.index(state)
    wrong = {
        text: action.isEnabled()  # type: ignore[attr-defined]
        for text, action in _menu_texts(window).items()
        if action.isEnabled() != ENABLED[text][column]  # type: ignore[attr-defined]
    }
    assert wrong == {}, f"{state}: enabled where it should not be, or the reverse: {wrong}"


def test_closing_back_to_no_project_disables_project_commands_again(
    qtbot, window, claimed_project: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """When the project closes (as a restore does first), its commands are disabled again."""
    _put_in_state(qtbot, window, claimed_project, "writable")
    window.workspace.close()
    texts = _menu_texts(window)
    assert {t for t, a in texts.items() if a.isEnabled()} == {t for t, v in ENABLED.items() if v[0]}  # type: ignore[attr-defined]
