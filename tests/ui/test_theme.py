"""Themes: light/dark palettes that read at WCAG AA, and article highlights that stay readable in each."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.contrast import AA_TEXT, contrast_ratio
from factcheck_app.domain.verdicts import DEFAULT_SCALE, NO_VERDICT_COLOUR
from factcheck_app.ui import settings, theme
from factcheck_app.ui.widgets.article_view import ArticleView

Role = QPalette.ColorRole
# The label of each claim in the test article: every verdict of the default scale, and none.
LABELS: list[str | None] = [*DEFAULT_SCALE.labels, None]
TEXT_PAIRS = [
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
]


@pytest.fixture(autouse=True)
def _back_to_system(qapp: QApplication) -> Iterator[None]:
    """Every test leaves the app with the desktop's look, as the other GUI tests expect it."""
    yield
    theme.apply_theme(qapp, "system")


def _article() -> tuple[str, list[Claim]]:
    """One line per verdict of the default scale (and one without), each with its claim."""
    lines = [f"Rated {label or 'nothing'}: the harbour bridge cost 40 million euros." for label in LABELS]
    text = "\n".join(lines)
    now = datetime(2026, 1, 1)
    claims = []
    position = 0
    for number, (label, line) in enumerate(zip(LABELS, lines, strict=True), start=1):
        start = position + line.index("the harbour")
        anchor = anchor_for_span(text, start, position + len(line) - 1)
        claims.append(Claim(number, 1, anchor, ("t",), label, "", (), "a", now, "a", now, 1))
        position += len(line) + 1
    return text, claims


@pytest.fixture
def view(qtbot) -> ArticleView:  # type: ignore[no-untyped-def]
    """An article view showing one claim per verdict (and one without), the Half true one current."""
    text, claims = _article()
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show_article(text)
    widget.set_claims(claims, DEFAULT_SCALE)
    widget.set_current_claim(LABELS.index("Half true") + 1)
    widget.show()
    return widget


def _wait_for_palette(qtbot, view: ArticleView, text_colour: str) -> None:  # type: ignore[no-untyped-def]
    """The app's palette reaches the view on a later turn of the event loop; then its highlights follow."""
    qtbot.waitUntil(lambda: view.palette().color(Role.Text).name() == text_colour)
    qtbot.waitUntil(lambda: bool(_drawn(view)) and {text for _tip, _bg, text in _drawn(view)} == {text_colour})


def _drawn(view: ArticleView) -> list[tuple[str, str, str]]:
    """(highlighted words' verdict, background, text colour actually drawn) of every highlight."""
    found = []
    for selection in view.extraSelections():
        fmt = selection.format
        text = fmt.foreground().color().name() if fmt.hasProperty(fmt.Property.ForegroundBrush) else None
        found.append((fmt.toolTip(), fmt.background().color().name(), text or view.palette().color(Role.Text).name()))
    return found


@pytest.mark.parametrize("name", theme.THEMES)
def test_every_verdict_highlight_reads_at_aa_in_every_theme(qapp, qtbot, view: ArticleView, name: str) -> None:  # type: ignore[no-untyped-def]
    """For each verdict colour (and no verdict), current or not: the text on the highlight is ≥ 4.5:1."""
    theme.apply_theme(qapp, name)
    text_colour = qapp.palette().color(Role.Text).name()
    if name != "system":
        assert text_colour == theme.theme_palette(name).color(Role.Text).name()
    _wait_for_palette(qtbot, view, text_colour)
    drawn = _drawn(view)
    assert len(drawn) == len(LABELS)
    for tip, background, text in drawn:
        assert text == text_colour  # the foreground is set, not left to the palette
        assert contrast_ratio(background, text) >= AA_TEXT, (name, tip, background, text)


def test_tag_colours_read_at_aa_too(qapp, qtbot, view: ArticleView) -> None:  # type: ignore[no-untyped-def]
    """Tag colours are the analyst's own (white, yellow, black…): still readable in a dark theme."""
    theme.apply_theme(qapp, "dark")
    _wait_for_palette(qtbot, view, theme.DARK_COLOURS[Role.Text])
    for colour in ("#ffffff", "#ffff00", "#000000", "#1e88e5", NO_VERDICT_COLOUR):
        view.set_tag_colours({"t": colour})  # every claim carries the tag "t"
        view.set_claims(_article()[1], DEFAULT_SCALE)
        assert len(_drawn(view)) == len(LABELS)
        for _tip, background, text in _drawn(view):
            assert contrast_ratio(background, text) >= AA_TEXT, (colour, background)


def test_switching_theme_changes_the_palette_and_the_highlights(qapp, qtbot, view: ArticleView) -> None:  # type: ignore[no-untyped-def]
    """Light → dark → system: the palette follows, and the view recolours its highlights by itself."""
    system_base = qapp.palette().color(Role.Base).name()
    system_text = qapp.palette().color(Role.Text).name()
    system = _drawn(view)
    theme.apply_theme(qapp, "light")
    assert not theme.is_dark_palette()
    _wait_for_palette(qtbot, view, theme.LIGHT_COLOURS[Role.Text])
    light = _drawn(view)

    theme.apply_theme(qapp, "dark")
    assert theme.is_dark_palette()
    assert qapp.palette().color(Role.Base).name() == theme.DARK_COLOURS[Role.Base]
    assert qapp.style().name().lower() == "fusion"
    _wait_for_palette(qtbot, view, theme.DARK_COLOURS[Role.Text])
    dark = _drawn(view)
    # Same claims, same order; every background changed (dark tints instead of pastels)…
    assert [tip for tip, _bg, _text in dark] == [tip for tip, _bg, _text in light]
    assert all(d[1] != li[1] for d, li in zip(dark, light, strict=True))
    # …and each is darker than the text drawn on it.
    assert all(QColor(bg).lightness() < QColor(text).lightness() for _tip, bg, text in dark)

    theme.apply_theme(qapp, "system")
    assert qapp.palette().color(Role.Base).name() == system_base
    _wait_for_palette(qtbot, view, system_text)
    assert _drawn(view) == system


def test_a_widget_palette_of_its_own_also_recolours_the_highlights(qtbot, view: ArticleView) -> None:  # type: ignore[no-untyped-def]
    """PaletteChange (not only the app's): a dark palette set on the view alone."""
    palette = view.palette()
    palette.setColor(Role.Base, QColor("#101010"))
    palette.setColor(Role.Text, QColor("#f5f5f5"))
    view.setPalette(palette)
    qtbot.waitUntil(lambda: {text for _tip, _bg, text in _drawn(view)} == {"#f5f5f5"})
    assert all(contrast_ratio(bg, text) >= AA_TEXT for _tip, bg, text in _drawn(view))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_theme_palettes_read_at_aa(name: str) -> None:
    """Every text colour of the light and dark palettes is ≥ 4.5:1 on its background."""
    palette = theme.theme_palette(name)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, background in TEXT_PAIRS:
            ratio = contrast_ratio(palette.color(group, text).name(), palette.color(group, background).name())
            assert ratio >= AA_TEXT, (name, group, text, background, ratio)
    assert theme.is_dark_palette(palette) == (name == "dark")


def test_theme_menu_applies_and_remembers_the_choice(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """View ▸ Theme: three exclusive choices; picking Dark applies it now and at the next start."""
    assert settings.theme() == "system"
    menu = theme.theme_menu()
    group = menu.findChild(type(theme.theme_menu_actions(menu)), "themeActions")
    actions = {action.data(): action for action in menu.actions()}
    assert list(actions) == list(theme.THEMES)
    assert all(a.isCheckable() for a in actions.values()) and actions["system"].isChecked()
    assert group is not None and group.isExclusive()

    actions["dark"].trigger()
    assert actions["dark"].isChecked() and not actions["system"].isChecked()
    assert theme.is_dark_palette()
    assert settings.theme() == "dark"

    theme.apply_theme(qapp, "system")  # as if the app restarted with the desktop's look
    assert not theme.is_dark_palette()
    assert theme.apply_saved_theme(qapp) == "dark" and theme.is_dark_palette()
    fresh = theme.theme_menu()
    assert [a.data() for a in fresh.actions() if a.isChecked()] == ["dark"]
    menu.deleteLater()
    fresh.deleteLater()


def test_unknown_theme_names() -> None:
    """A hand-edited settings file reads as the default; code asking for a bogus theme is told."""
    settings.settings().setValue(settings.THEME_KEY, "solarized")
    assert settings.theme() == "system"
    with pytest.raises(ValueError):
        settings.set_theme("solarized")
    with pytest.raises(ValueError):
        theme.apply_theme(QApplication.instance(), "solarized")  # type: ignore[arg-type]
