"""Who made a claim: the speaker of an attributed sentence, and the quoted words.

A suggestion that becomes a claim should arrive with its claimant filled in, the way a
fact-checker would write it: "Mayor Elena Ruiz", not "she" or "Ruiz". The patterns are the
ones news English uses ("X said", "said X", "according to X", "X: “…”", "X — “…”"); a later
"Ruiz", "she" or "the mayor" is resolved against the names the article introduced before.
What a document says ("according to council records") has no claimant: it is a source.

English patterns; another language adds its own ``SPEECH_VERBS`` and ``DOCUMENT_NOUNS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Verbs that attribute words to a speaker (present, past and -ing forms are matched).
SPEECH_VERBS = (
    "say|says|said|saying|tell|tells|told|claim|claims|claimed|add|adds|added|warn|warns|warned|"
    "promise|promises|promised|predict|predicts|predicted|argue|argues|argued|insist|insists|insisted|"
    "admit|admits|admitted|accuse|accuses|accused|blame|blames|blamed|state|states|stated|"
    "announce|announces|announced|explain|explains|explained|write|writes|wrote|estimate|estimates|"
    "estimated|deny|denies|denied|confirm|confirms|confirmed|pledge|pledges|pledged|point out|"
    "points out|pointed out|vow|vows|vowed|boast|boasts|boasted|maintain|maintains|maintained"
)
#: Nouns naming a document or data: "according to X" with such an X cites a source, not a speaker.
DOCUMENT_NOUNS = frozenset(
    [
        "audit",
        "bulletin",
        "register",
        "figures",
        "figure",
        "data",
        "records",
        "record",
        "report",
        "reports",
        "minutes",
        "statistics",
        "documents",
        "document",
        "map",
        "review",
        "study",
        "studies",
        "accounts",
        "lists",
        "list",
        "poll",
        "survey",
        "filings",
        "budget",
        "estimates",
        "analysis",
        "website",
        "database",
        "census",
        "paper",
        "papers",
        "law",
        "act",
        "bill",
        "accounts",
        "index",
        "tables",
    ]
)
#: Capitalised words that open a sentence without naming anyone.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "Only",
        "Some",
        "Many",
        "Most",
        "After",
        "Before",
        "Since",
        "When",
        "While",
    ]
)
_PRONOUNS = frozenset({"he", "she", "they"})
#: Groups that speak in news stories but are nobody a claim can be attributed to.
_GROUPS = frozenset(
    [
        "some",
        "many",
        "most",
        "others",
        "critics",
        "residents",
        "experts",
        "officials",
        "analysts",
        "economists",
        "parents",
        "officers",
        "campaigners",
        "people",
        "locals",
        "supporters",
        "opponents",
        "observers",
        "scientists",
        "researchers",
    ]
)
_OPEN_QUOTES = '"“'
_CLOSE_QUOTE = {'"': '"', "“": "”"}

_NAME = r"[A-Z][\w’'.\-]*(?:\s+(?:(?:of|for|and|the|de|van|von|da|del|du|al)\s+)*[A-Z][\w’'.\-]*)*"
_RE_NAME_AT_END = re.compile(rf"({_NAME})\s*$")
_RE_NAME_AT_START = re.compile(rf"\s*({_NAME}),")
_RE_NAME_ONLY = re.compile(_NAME)
_RE_NAME_CHUNK = re.compile(rf"\b{_NAME}")
_RE_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_RE_INVERTED = re.compile(rf"[\"”,]\s*(?:{SPEECH_VERBS})\s+((?:[a-z][\w\-]*\s+){{0,3}}?)({_NAME})")
_RE_ACCORDING = re.compile(r"\b[Aa]ccording to\s+([^,.;:!?]+)")
_RE_COLON_QUOTE = re.compile(rf"({_NAME})\s*(?::|\s[—–-])\s*[\"“]")
_RE_DEFINITE = re.compile(r"(?:^|,\s*)((?:[Tt]he|[Ii]ts|[Tt]heir)\s+[\w’'\-]+(?:\s+[\w’'\-]+){0,4})\s*$")
_RE_ASIDE = re.compile(r",[^,]*,?\s*$")
_PRONOUNS_PLURAL = frozenset(["they", "we", "i", "you", "both", "others", "people", "police", "staff"])
_ADVERBS = frozenset(["also", "later", "again", "then", "once", "has", "had", "have"])
_RE_POSTMODIFIER = re.compile(r"\b(?:of|by|from|in|on|at|for|released|published|issued|compiled|show|shows)\b")
_RE_WORD = re.compile(r"[\w’'\-]+")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says a sentence, and which of its words are a quotation (offsets within the sentence)."""

    claimant: str = ""
    cue: str = ""  # "said", "said X", "according to", "colon", "" when unattributed
    quote: tuple[int, int] | None = None
    cites_document: bool = False  # "according to the audit": a source, not a claimant


_RE_QUOTE = re.compile(r'"([^"]*)"?|“([^”]*)”?')


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """The words inside quotation marks (an unclosed quote runs to the end of the sentence)."""
    spans: list[tuple[int, int]] = []
    for match in _RE_QUOTE.finditer(sentence):
        group = 1 if match.group(1) is not None else 2
        if match.end(group) > match.start(group):
            spans.append((match.start(group), match.end(group)))
    return spans


def _masked(sentence: str, quotes: list[tuple[int, int]]) -> str:
    """The sentence with quoted words blanked, so names inside a quotation are never the speaker."""
    if not quotes:
        return sentence
    parts: list[str] = []
    last = 0
    for start, end in quotes:
        parts.append(sentence[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(sentence[last:])
    return "".join(parts)


@dataclass
class Speakers:
    """Names an article has introduced so far, to resolve "Ruiz", "she" and "the mayor"."""

    names: list[str] = field(default_factory=list)
    last_person: str = ""
    # NOTE: names by their last word and by their initials, newest last: "Ruiz" is looked up
    # among the names ending in "Ruiz", not among all of a long article's names (which made
    # resolving quadratic in the length of the article).
    _by_last: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_initials: dict[str, str] = field(default_factory=dict, repr=False)

    def learn(self, sentence: str) -> None:
        opening = _RE_NAME_CHUNK.match(sentence.lstrip())
        if opening and len(opening.group().split()) >= 2 and opening.group().split()[0] not in _NOT_NAMES:
            self.last_person = opening.group()
        for match in _RE_NAME_CHUNK.finditer(sentence):
            name = _strip_the(match.group())
            words = name.split()
            if len(words) < 2:
                continue
            same_last = self._by_last.get(words[-1], [])
            if not any(_is_part(words, known.split()) for known in same_last):
                self.names.append(name)
                self._by_last.setdefault(words[-1], []).append(name)
                self._by_initials["".join(w[0] for w in words if w[0].isupper())] = name

    def resolve(self, raw: str) -> str:
        name = _clean(raw)
        if not name:
            return ""
        words = name.split()
        lowered = [w.casefold() for w in words]
        if lowered[0] in _PRONOUNS and len(words) == 1:
            return self.last_person
        if len(words) == 1 and name.isupper() and len(name) >= 2:
            known_name = self._by_initials.get(name)
            if known_name is not None:
                return known_name
        if name[0].isupper() and len(words) <= 2:
            for known in reversed(self._by_last.get(words[-1], [])):
                if _is_part(words, known.split()) and known != name:
                    return known
        if raw.strip().split()[0].casefold() in ("the", "its", "their"):
            for known in reversed(self.names):
                known_words = [w.casefold() for w in known.split()]
                if _contains(known_words, lowered):
                    return known
        return name


def _is_part(words: list[str], known: list[str]) -> bool:
    """ "Dr Okafor" is part of "Dr Amara Okafor": same last word, every word in it."""
    return known[-1] == words[-1] and set(words) <= set(known)


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))


def _strip_the(name: str) -> str:
    for article in ("The ", "the "):
        if name.startswith(article):
            return name[len(article) :]
    return name


def _clean(raw: str) -> str:
    """A claimant as a person would write it: single spaces, no leading "the", no trailing punctuation."""
    name = " ".join(raw.split()).strip(" ,.;:—–-")
    return _strip_the(name)


def _head_noun(phrase: str) -> str:
    """The noun a phrase is about: "the city's own audit" → audit; "minutes of a meeting" → minutes."""
    words = [w.casefold() for w in _RE_WORD.findall(_RE_POSTMODIFIER.split(phrase, 1)[0])]
    return words[-1] if words else ""


def attribute(sentence: str, speakers: Speakers | None = None) -> Attribution:
    """The claimant and quoted words of one sentence; ``speakers`` carries names between sentences."""
    speakers = speakers if speakers is not None else Speakers()
    quotes = quote_spans(sentence)
    quote = max(quotes, key=lambda span: span[1] - span[0]) if quotes else None
    masked = _masked(sentence, quotes)
    speakers.learn(masked)
    raw, cue, document = _find_speaker(masked)
    claimant = speakers.resolve(raw) if raw and raw.strip().casefold() not in _GROUPS else ""
    if claimant and cue in ("said", "said X", "colon") and claimant[0].isupper() and len(claimant.split()) >= 2:
        speakers.last_person = claimant
    return Attribution(
        claimant=claimant, cue=cue if (claimant or document) else "", quote=quote, cites_document=document
    )


_CUES = frozenset(SPEECH_VERBS.replace(" ", "|").split("|")) | {"according", ":", "—", "–", "-"}
_RE_CUE_TOKEN = re.compile(r"[\w]+|[:—–-]")


def _find_speaker(masked: str) -> tuple[str, str, bool]:
    if _CUES.isdisjoint(_RE_CUE_TOKEN.findall(masked)):
        return "", "", False  # most sentences: no speech verb, no "according to", no colon or dash
    according = _RE_ACCORDING.search(masked)
    if according:
        phrase = according.group(1).strip()
        if _head_noun(phrase) in DOCUMENT_NOUNS:
            return "", "according to", True
        return phrase, "according to", False
    inverted = _RE_INVERTED.search(masked)
    if inverted:
        return inverted.group(2), "said X", False
    colon = _RE_COLON_QUOTE.search(masked)
    if colon and not _RE_VERB.search(masked, 0, colon.start()):
        return colon.group(1), "colon", False
    verbs = list(_RE_VERB.finditer(masked))
    if not verbs:
        return "", "", False
    subject = ""
    for verb in verbs:  # "theft claims" is a noun: the next speech verb may have a subject
        subject = _subject_before(masked[: verb.start()])
        if subject and _noun_not_verb(subject, verb.group(0)):
            subject = ""  # "The original estimate in 2019 was …": a singular subject never takes "estimate"
            continue
        if subject:
            break
    if not subject:
        # "Senator Laura Kim, the Democratic candidate, opened by saying …"
        start = _RE_NAME_AT_START.match(masked)
        subject = start.group(1) if start and len(start.group(1).split()) >= 2 else ""
    return subject, "said", False


def _noun_not_verb(subject: str, verb: str) -> bool:
    """True when ``verb`` cannot be the verb of ``subject``: a bare form ("estimate", "claim",
    "promise") after a singular noun phrase ("the original", "the council") is the noun, by
    subject-verb agreement; "they estimate", "officials claim" and "the mayor estimated" are verbs."""
    if verb.endswith(("s", "ed", "ing")) or verb in ("said", "told", "wrote", "point out"):
        return False
    words = subject.split()
    head = words[-1].casefold() if words else ""
    if head in _PRONOUNS_PLURAL or head.endswith("s"):
        return False
    return words[0].casefold() in ("the", "its", "their", "this", "that", "a", "an")


def _subject_before(before: str) -> str:
    """The speaker just before a speech verb, looking past asides (", who leads the group,")."""
    text = before.rstrip()
    last = text.rsplit(None, 1)[-1] if text else ""
    if last in _ADVERBS or (last.endswith("ly") and last.islower()):
        text = text[: len(text) - len(last)]  # "Ruiz also promised", "she repeatedly claimed"
    for _ in range(3):
        text = text.rstrip()
        trailing_comma = text.endswith(",")
        text = text.rstrip(",").rstrip()
        if not text:
            return ""
        last_word = text.rsplit(None, 1)[-1]
        if last_word.casefold() in _PRONOUNS:
            return last_word
        if trailing_comma:
            # "X, a mother of two, said" / "The bank's economist, Sven Lindqvist, said"
            aside_start = text.rfind(",")
            aside = text[aside_start + 1 :].strip()
            if _RE_NAME_ONLY.fullmatch(aside):
                return aside
            if aside_start < 0:
                return _subject_phrase(text)
            text = text[:aside_start]
            continue
        return _subject_phrase(text)
    return ""


def _subject_phrase(text: str) -> str:
    """The noun phrase ending ``text``: "the operator Northern Lines", "Mayor Elena Ruiz", "the club"."""
    definite = _RE_DEFINITE.search(text)
    if definite:
        phrase = definite.group(1)
        return "" if _head_noun(phrase) in DOCUMENT_NOUNS else phrase
    name = _RE_NAME_AT_END.search(text)
    return name.group(1) if name else ""
