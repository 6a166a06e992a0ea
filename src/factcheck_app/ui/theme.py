"""Colour themes: the desktop's own ("system"), or a light or dark Fusion palette.

    from factcheck_app.ui import theme
    theme.apply_saved_theme(app)                      # at start, before the window is shown
    view_menu.addMenu(theme.theme_menu(window))       # View ▸ Theme ▸ System / Light / Dark

Every text/background pair of the two palettes meets WCAG AA (4.5:1); tests/ui/test_theme.py
checks it. Widgets that draw their own colours (the article's highlights) listen for
``QEvent.ApplicationPaletteChange`` and redraw.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from factcheck_app.domain.contrast import AA_TEXT, readable_accent, relative_luminance
from factcheck_app.ui import settings

THEMES = settings.THEME_CHOICES  # ("system", "light", "dark")
THEME_LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark"}
THEME_TIPS = {
    "system": "The colours of your desktop",
    "light": "Dark text on a light background",
    "dark": "Light text on a dark background",
}
# The desktop's style, remembered the first time a theme replaces it (restored by "system").
_SYSTEM_STYLE_PROPERTY = "factcheckSystemStyle"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Role → colour of the active/inactive groups; text pairs are ≥ 4.5:1 (see tests).
LIGHT_COLOURS: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#efefef",
    _Role.WindowText: "#1a1a1a",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f5f5f5",
    _Role.Text: "#1a1a1a",
    _Role.PlaceholderText: "#6b6b6b",
    _Role.ToolTipBase: "#ffffdc",
    _Role.ToolTipText: "#1a1a1a",
    _Role.Button: "#efefef",
    _Role.ButtonText: "#1a1a1a",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#f5f5f5",
    _Role.Mid: "#b8b8b8",
    _Role.Dark: "#9f9f9f",
    _Role.Shadow: "#767676",
    _Role.Highlight: "#2164a6",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#0a57b8",
    _Role.LinkVisited: "#6a3cb0",
}
DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#2b2b2b",
    _Role.WindowText: "#ededed",
    _Role.Base: "#1e1e1e",
    _Role.AlternateBase: "#262626",
    _Role.Text: "#ededed",
    _Role.PlaceholderText: "#a3a3a3",
    _Role.ToolTipBase: "#3a3a3a",
    _Role.ToolTipText: "#ededed",
    _Role.Button: "#353535",
    _Role.ButtonText: "#ededed",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#4a4a4a",
    _Role.Midlight: "#404040",
    _Role.Mid: "#2f2f2f",
    _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#0d0d0d",
    _Role.Highlight: "#2f65a8",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#7ab8ff",
    _Role.LinkVisited: "#c6a4ff",
}
# Disabled widgets are dimmed on purpose (WCAG exempts them).
LIGHT_DISABLED = {
    _Role.WindowText: "#8c8c8c",
    _Role.Text: "#8c8c8c",
    _Role.ButtonText: "#8c8c8c",
    _Role.Highlight: "#c8c8c8",
    _Role.HighlightedText: "#6b6b6b",
    _Role.PlaceholderText: "#a0a0a0",
}
DARK_DISABLED = {
    _Role.WindowText: "#7a7a7a",
    _Role.Text: "#7a7a7a",
    _Role.ButtonText: "#7a7a7a",
    _Role.Highlight: "#3c3c3c",
    _Role.HighlightedText: "#9a9a9a",
    _Role.PlaceholderText: "#6a6a6a",
    _Role.Base: "#262626",
    _Role.Button: "#303030",
}


def theme_palette(name: str) -> QPalette:
    """The Fusion palette of "light" or "dark"."""
    if name == "light":
        colours, disabled = LIGHT_COLOURS, LIGHT_DISABLED
    elif name == "dark":
        colours, disabled = DARK_COLOURS, DARK_DISABLED
    else:
        raise ValueError(f"no palette for theme {name!r}; one of light, dark")
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))  # every group
    for role, colour in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, name: str) -> None:
    """Give the whole app the ``name`` theme ("system", "light" or "dark") at once.

    "light" and "dark" use the Fusion style (it draws every widget from the palette, so no
    native light control shows up in a dark window). "system" puts back the desktop's
    style and palette, and follows the desktop again when it changes.
    """
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; one of {', '.join(THEMES)}")
    hints = QGuiApplication.styleHints()
    if name == "system":
        original = app.property(_SYSTEM_STYLE_PROPERTY)
        if not original:
            return  # never themed: nothing to undo, the desktop's look is on
        if app.style().name().lower() != str(original).lower():
            app.setStyle(str(original))
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8+
            hints.unsetColorScheme()
        app.setPalette(QPalette())  # an empty palette: the platform's, kept up to date by Qt
        return
    if not app.property(_SYSTEM_STYLE_PROPERTY):
        app.setProperty(_SYSTEM_STYLE_PROPERTY, app.style().name())
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native title bars and dialogs follow
        hints.setColorScheme(Qt.ColorScheme.Dark if name == "dark" else Qt.ColorScheme.Light)
    app.setPalette(theme_palette(name))


def apply_saved_theme(app: QApplication) -> str:
    """Apply the theme saved in the settings (at start); returns its name."""
    name = settings.theme()
    apply_theme(app, name)
    return name


def is_dark_palette(palette: QPalette | None = None) -> bool:
    """True when the palette (default: the app's) draws light text on a dark window."""
    if palette is None:
        palette = QGuiApplication.palette()
    window = palette.color(_Role.Window).name()
    text = palette.color(_Role.WindowText).name()
    return relative_luminance(window) < relative_luminance(text)


def current_theme() -> str:
    """The saved theme (what the View ▸ Theme menu shows checked)."""
    return settings.theme()


def choose_theme(name: str) -> None:
    """Apply ``name`` to the running app and save it for the next start."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, name)
    settings.set_theme(name)


def theme_menu_actions(parent: QObject) -> QActionGroup:
    """Three exclusive, checkable actions (System, Light, Dark); triggering one applies and saves it.

    The actions are children of ``parent``: pass the Theme submenu itself, so the window's
    "every menu action has a shortcut" rule treats them as the menu's own items (like
    Open recent), and ``menu.addActions(group.actions())``. Each action's ``data()`` is the
    theme name.
    """
    group = QActionGroup(parent)
    group.setExclusive(True)
    group.setObjectName("themeActions")
    saved = settings.theme()
    for name in THEMES:
        action = QAction(THEME_LABELS[name], parent)
        action.setObjectName(f"theme_{name}")
        action.setCheckable(True)
        action.setChecked(name == saved)
        action.setData(name)
        action.setStatusTip(THEME_TIPS[name])
        action.triggered.connect(lambda _checked=False, n=name: choose_theme(n))
        group.addAction(action)
    return group


def theme_menu(parent: QWidget | None = None, title: str = "T&heme") -> QMenu:
    """A ready "Theme" submenu holding ``theme_menu_actions``: ``view_menu.addMenu(theme_menu(window))``."""
    menu = QMenu(title, parent)
    menu.setObjectName("themeMenu")
    menu.addActions(theme_menu_actions(menu).actions())
    return menu


def readable_text_colour(
    colour: str, palette: QPalette | None = None, *, on: QPalette.ColorRole = QPalette.ColorRole.Window
) -> str:
    """A warning/status colour (e.g. amber #b45309) adjusted to read at WCAG AA on the palette's
    ``on`` background: the fixed colours chosen for a light window are too dark on a dark one."""
    palette = palette or QGuiApplication.palette()
    background = palette.color(on).name()
    text = palette.color(QPalette.ColorRole.WindowText if on == QPalette.ColorRole.Window else QPalette.ColorRole.Text)
    return readable_accent(colour, background, text.name(), AA_TEXT)
