"""Wording-proof comparison of claims: the same claim said twice rarely uses the same words.

"Crime fell by twenty per cent, Mayor Ruiz said" and "Ruiz: crime down 20%" should meet.
Both are reduced to a normal form (case, accents, number words and formats, percent signs,
titles before names, possessives and filler words) before the fuzzy comparison.
"""

from __future__ import annotations

import re
import unicodedata

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "half": "50pct",
    "double": "2x", "doubled": "2x", "twice": "2x", "tripled": "3x", "triple": "3x",
}  # fmt: skip
_SCALES = {"thousand": "k", "million": "m", "billion": "bn", "trillion": "tn", "m": "m", "bn": "bn", "k": "k"}
#: Titles and roles before a name: "Mayor Elena Ruiz" and "Elena Ruiz" are the same speaker.
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "mayor",
        "councillor",
        "councilor",
        "senator",
        "governor",
        "minister",
        "president",
        "secretary",
        "chancellor",
        "rep",
        "representative",
        "chief",
        "judge",
        "justice",
        "lord",
        "lady",
    ]
)
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "and",
        "or",
        "but",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "as",
        "with",
        "from",
        "said",
        "says",
        "say",
        "told",
        "according",
        "claimed",
        "claims",
    ]
)
_PERCENT = re.compile(r"\s*(?:%|\bper\s?cent\b)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


def normalise_claim(text: str) -> str:
    """The claim's words in a normal form for indexing and fuzzy comparison."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():  # ASCII has no accents to drop: most English claims skip this loop
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("’", "'").replace("'s ", " ")
    if "," in folded:
        folded = _THOUSANDS.sub("", folded)
    if "%" in folded or "per" in folded:
        folded = _PERCENT.sub(" pct", folded)
    words: list[str] = []
    for token in _TOKEN.findall(folded):
        token = _NUMBER_WORDS.get(token, token)
        if token in _SCALES and words and words[-1][:1].isdigit():
            words[-1] += _SCALES[token]
            continue
        if token in _FILLER or token in _TITLES:
            continue
        words.append(token)
    return " ".join(words)
