"""Plain-text articles (.txt, .md, pasted text) in whatever encoding they arrive.

Newsroom text comes as UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools and cp1252
with smart quotes from old CMS exports. BOMs are trusted, strict UTF-8 is tried next,
and charset-normalizer guesses the rest. Binary junk is refused, never "decoded".
"""

from __future__ import annotations

import codecs

from factcheck_app.domain.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: an image, an executable, a database…"""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def decode_text(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ImportRefused(f"{name}: the text is damaged ({encoding} with invalid bytes).") from error
    if looks_binary(data):
        raise ImportRefused(f"{name} is not a text file (it contains binary data).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ImportRefused(f"{name}: the text encoding could not be recognised.")
    # NOTE: on short Western texts charset-normalizer often ranks a Mac or DOS code
    # page first; Windows-1252 is by far the likelier source of a newsroom file, so
    # among equally clean candidates we prefer it.
    least_chaos = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least_chaos + 0.01 and "cp1252" in match.could_be_from_charset:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(matches[0])
