"""Colour contrast (WCAG 2.x) and highlight colours that stay readable on any palette.

Colours are "#rrggbb" strings (``#rgb`` is read too). Everything here is pure and
Qt-free: the article view asks for a highlight background given the verdict's colour,
the text colour it draws and the page behind it.

Relative luminance and contrast ratio follow WCAG 2.2 (§ "relative luminance"):
black on white is 21:1, and body text needs at least 4.5:1 (level AA).
"""

from __future__ import annotations

from functools import lru_cache

AA_TEXT = 4.5  # WCAG 2.x level AA, normal text
AA_NON_TEXT = 3.0  # WCAG 2.1 non-text contrast (underlines, outlines, swatches)

# How far a highlight starts from its verdict colour toward the page (0: the colour
# itself, 1: the page). A light page keeps the tints the app always drew
# (``domain.verdicts.tint``); on a dark page the colour is darkened less, or the
# highlight would barely differ from the page.
LIGHT_PAGE_MIX = 0.72
LIGHT_PAGE_MIX_CURRENT = 0.45
DARK_PAGE_MIX = 0.55
DARK_PAGE_MIX_CURRENT = 0.35

_STEPS = 100  # resolution of the search along a blend (1 % steps)

RGB = tuple[int, int, int]


def parse_hex(colour: str) -> RGB:
    """``"#1e88e5"`` (or ``"#18e"``) → (30, 136, 229); ValueError for anything else."""
    text = colour.strip()
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ValueError(f"{colour!r} is not a colour like #c62828")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{max(0, min(255, c)):02x}" for c in rgb)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=4096)
def relative_luminance(colour: str) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    red, green, blue = parse_hex(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white); order does not matter."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(colour: str) -> bool:
    """True when white text reads better on ``colour`` than black text does."""
    return contrast_ratio(colour, "#ffffff") > contrast_ratio(colour, "#000000")


def mix(colour: str, toward: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0–1) of the way to ``toward``, channel by channel in sRGB.

    Mixing with white is ``domain.verdicts.tint``. Mixing with a grey keeps the hue exactly:
    every channel's distance to the others shrinks by the same factor.
    """
    amount = max(0.0, min(1.0, amount))
    start, end = parse_hex(colour), parse_hex(toward)
    red, green, blue = (round(s + (e - s) * amount) for s, e in zip(start, end, strict=True))
    return to_hex((red, green, blue))


@lru_cache(maxsize=4096)
def readable_mix(colour: str, toward: str, against: str, minimum: float = AA_TEXT, start: float = 0.0) -> str:
    """The least blend of ``colour`` toward ``toward`` (from ``start`` on) with ``minimum`` contrast against ``against``.

    When even ``toward`` itself is not enough (a page as light as its text), the blend goes
    on toward black or white, whichever contrasts more with ``against``; one of them always
    gives at least 4.58:1, so the result meets any ``minimum`` up to that.
    """
    for step in range(round(start * _STEPS), _STEPS + 1):
        candidate = mix(colour, toward, step / _STEPS)
        if contrast_ratio(candidate, against) >= minimum:
            return candidate
    pole = "#000000" if contrast_ratio("#000000", against) >= contrast_ratio("#ffffff", against) else "#ffffff"
    for step in range(_STEPS + 1):
        candidate = mix(toward, pole, step / _STEPS)
        if contrast_ratio(candidate, against) >= minimum:
            return candidate
    return pole


def highlight_background(colour: str, text: str, page: str, *, current: bool = False) -> str:
    """A highlight in the hue of ``colour`` on which ``text`` reads at WCAG AA (≥ 4.5:1).

    It starts as a tint of ``colour`` toward the ``page`` (stronger for the ``current``
    claim) and moves further toward the page only as far as the text needs: verdicts keep
    their recognisable hue in light and dark palettes alike.
    """
    dark_page = relative_luminance(page) < relative_luminance(text)
    if dark_page:
        start = DARK_PAGE_MIX_CURRENT if current else DARK_PAGE_MIX
    else:
        start = LIGHT_PAGE_MIX_CURRENT if current else LIGHT_PAGE_MIX
    return readable_mix(colour.lower(), page.lower(), text.lower(), AA_TEXT, start)


def readable_accent(colour: str, background: str, text: str, minimum: float = AA_NON_TEXT) -> str:
    """``colour`` (an underline, a swatch) made visible on ``background``: blended toward ``text`` as needed."""
    return readable_mix(colour.lower(), text.lower(), background.lower(), minimum)
