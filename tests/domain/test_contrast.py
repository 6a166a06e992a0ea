"""WCAG contrast and the readable highlight colours (Qt-free)."""

from __future__ import annotations

import colorsys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.contrast import (
    AA_NON_TEXT,
    AA_TEXT,
    contrast_ratio,
    highlight_background,
    is_dark,
    mix,
    parse_hex,
    readable_accent,
    relative_luminance,
)
from factcheck_app.domain.verdicts import CONTEXT_SCALE, DEFAULT_SCALE, FIVE_POINT_SCALE, NO_VERDICT_COLOUR, tint

colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")
greys = st.integers(0, 255).map(lambda n: f"#{n:02x}{n:02x}{n:02x}")


def test_contrast_ratio_matches_known_wcag_values() -> None:
    """Black on white is 21:1; #777777 on white just misses AA (≈ 4.48); order does not matter."""
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)  # the lightest AA grey
    assert contrast_ratio("#c62828", "#c62828") == pytest.approx(1.0)
    assert relative_luminance("#000") == 0.0 and relative_luminance("#fff") == pytest.approx(1.0)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_parse_hex_refuses_what_is_not_a_colour() -> None:
    assert parse_hex("#1E88e5") == (30, 136, 229)
    for bad in ("", "1e88e5", "#1e88e", "#gggggg", "red"):
        with pytest.raises(ValueError):
            parse_hex(bad)


def test_light_page_keeps_the_tints_the_app_always_drew() -> None:
    """On white with black text the old tints were readable already: nothing changes there."""
    for verdict in DEFAULT_SCALE.verdicts:
        assert highlight_background(verdict.colour, "#000000", "#ffffff") == tint(verdict.colour, 0.72)
        assert highlight_background(verdict.colour, "#000000", "#ffffff", current=True) == tint(verdict.colour, 0.45)


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("#000000", "#ffffff"),
        ("#1a1a1a", "#ffffff"),
        ("#ededed", "#1e1e1e"),
        ("#ffffff", "#2a2a2a"),
        ("#e0e0e0", "#121212"),
    ],
)
@pytest.mark.parametrize("current", [False, True])
def test_every_preset_verdict_reads_at_aa(text: str, page: str, current: bool) -> None:
    for scale in (DEFAULT_SCALE, FIVE_POINT_SCALE, CONTEXT_SCALE):
        for colour in (*(v.colour for v in scale.verdicts), NO_VERDICT_COLOUR):
            background = highlight_background(colour, text, page, current=current)
            assert contrast_ratio(background, text) >= AA_TEXT, (scale.name, colour, background)


def test_dark_page_darkens_the_pastel_that_white_text_could_not_be_read_on() -> None:
    """The bug seen: light tints under white text (≈ 1.2:1). Now the tint is dark and keeps its hue."""
    half_true = DEFAULT_SCALE.get("Half true").colour  # type: ignore[union-attr]
    assert contrast_ratio(tint(half_true, 0.72), "#ffffff") < 1.5
    background = highlight_background(half_true, "#ffffff", "#1e1e1e")
    assert contrast_ratio(background, "#ffffff") >= AA_TEXT
    assert is_dark(background)
    assert _hue(background) == pytest.approx(_hue(half_true), abs=0.02)


@given(colour=colours, text=colours, page=colours, current=st.booleans())
def test_any_colours_give_an_aa_highlight(colour: str, text: str, page: str, current: bool) -> None:
    """Whatever the palette (even a page as light as its text), the text on the highlight reads at AA."""
    assert contrast_ratio(highlight_background(colour, text, page, current=current), text) >= AA_TEXT


@given(colour=colours, page=greys, text=st.sampled_from(["#000000", "#ffffff", "#ededed", "#1a1a1a"]))
def test_on_a_grey_page_the_hue_is_kept(colour: str, page: str, text: str) -> None:
    """Mixing toward a neutral page keeps the verdict's hue (colours far enough from grey to have one)."""
    if contrast_ratio(page, text) < AA_TEXT or _saturation(colour) < 0.3:
        return
    background = highlight_background(colour, text, page)
    if _saturation(background) > 0.15 and max(parse_hex(background)) - min(parse_hex(background)) >= 24:
        assert _hue_distance(_hue(background), _hue(colour)) < 0.04


@given(colour=colours, background=colours, text=st.sampled_from(["#000000", "#ffffff"]))
def test_accent_is_visible_on_its_background(colour: str, background: str, text: str) -> None:
    """An underline in the verdict's colour is moved toward the text colour until it shows (3:1)."""
    if contrast_ratio(background, text) < AA_NON_TEXT:
        return
    assert contrast_ratio(readable_accent(colour, background, text), background) >= AA_NON_TEXT


def test_mix_ends() -> None:
    assert mix("#c62828", "#ffffff", 0) == "#c62828"
    assert mix("#c62828", "#ffffff", 1) == "#ffffff"
    assert mix("#000000", "#ffffff", 0.5) == tint("#000000", 0.5)


def _hue(colour: str) -> float:
    red, green, blue = (c / 255 for c in parse_hex(colour))
    return colorsys.rgb_to_hsv(red, green, blue)[0]


def _saturation(colour: str) -> float:
    red, green, blue = (c / 255 for c in parse_hex(colour))
    return colorsys.rgb_to_hsv(red, green, blue)[1]


def _hue_distance(a: float, b: float) -> float:
    return min(abs(a - b), 1 - abs(a - b))
