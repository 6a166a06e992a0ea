"""W3C Web Annotation (JSON-LD): claims as annotations other annotation tools can read.

Each claim becomes one ``Annotation`` whose target is its article (the article's URL, or
``urn:factcheck:article:<id>`` for a text with no address) narrowed by two selectors, as the
W3C model recommends for robust anchoring: a ``TextQuoteSelector`` (exact words with their
prefix and suffix) and a ``TextPositionSelector`` (start/end). Offsets count Unicode code
points of the article's plain text, which is exactly what the model asks and what Python
counts, so no conversion is needed here.

Bodies, each with its ``purpose``: the verdict (``assessing``), the rationale
(``commenting``), one per tag (``tagging``) and one per source (``linking``: a
``SpecificResource`` on the source's URL, or a textual citation when it has none).

An orphaned claim (its words were not found again in the revised article) keeps its quote
but gets no TextPositionSelector, since it has no place; its ``note`` (``skos:note``) says
so. The file is one ``AnnotationCollection`` whose first (and only) ``AnnotationPage``
holds all annotations, so the whole export is a single valid JSON-LD document;
``write_annotation_collection`` writes it one annotation at a time, for projects of any size.
Pure: domain values in, text out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any, BinaryIO

from factcheck_app import __version__
from factcheck_app.domain.anchors import CHANGED, ORPHANED
from factcheck_app.domain.articles import Article
from factcheck_app.domain.links import link_target
from factcheck_app.domain.published_claims import PublishedClaim
from factcheck_app.domain.sources import Source
from factcheck_app.exporters.claimreview import dumps, script_safe
from factcheck_app.exporters.json_text import JsonArrayStream, pretty_json, split_around

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# NOTE: the model allows further contexts after its own; this one only names ``note``.
CONTEXT: list[Any] = [ANNO_CONTEXT, {"note": "http://www.w3.org/2004/02/skos/core#note"}]
COLLECTION_ID = "urn:factcheck:annotations"
_KEPT = 4096

ORPHANED_NOTE = (
    "Orphaned: the quoted words were not found again in this version of the article, "
    "so the claim has no position; only its quote is given."
)
CHANGED_NOTE = "Changed: the article was revised and the claim's words differ from those first marked."


def article_iri(article_id: int, article: Article | None) -> str:
    """The target source: the article's URL, else a URN naming it within the project."""
    if article is not None and link_target(article.url):
        return article.url
    return f"urn:factcheck:article:{article_id}"


def _utc(moment: datetime) -> str:
    # NOTE: the project stores local wall-clock times; the model wants UTC with a "Z".
    utc = moment.astimezone(UTC)
    if utc.year < 1000:  # strftime does not pad such a year; isoformat would
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    return utc.isoformat(timespec="seconds")[:19] + "Z"


def _source_body(source: Source) -> dict[str, Any]:
    if link_target(source.url):
        resource: dict[str, Any] = {"id": source.url}
        if source.title:
            resource["label"] = source.title
        return {"type": "SpecificResource", "purpose": "linking", "source": resource}
    return {"type": "TextualBody", "purpose": "linking", "value": source.display_title, "format": "text/plain"}


def _text(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


class Annotator:
    """The annotations of one export: an article's IRI is worked out once, not once per claim."""

    def __init__(self) -> None:
        self._targets: dict[int, str] = {}
        # Bodies and creators recur (a verdict, a tag, a cited source, an analyst): one shared
        # value each, made once. Kept up to _KEPT of them, so memory stays bounded.
        self._shared: dict[tuple[object, ...], dict[str, Any]] = {}

    def _once(self, key: tuple[object, ...], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        value = self._shared.get(key)
        if value is None:
            if len(self._shared) >= _KEPT:
                self._shared.clear()
            value = self._shared[key] = make()
        return value

    def annotation(self, claim: PublishedClaim, article: Article | None) -> dict[str, Any]:
        """One claim as a W3C Annotation (without ``@context``; the collection carries it)."""
        anchor = claim.anchor
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": anchor.exact}
        if anchor.prefix:
            quote["prefix"] = anchor.prefix
        if anchor.suffix:
            quote["suffix"] = anchor.suffix
        selectors: list[dict[str, Any]] = [quote]
        if claim.anchor_state != ORPHANED:
            selectors.append({"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end})
        bodies: list[dict[str, Any]] = []
        verdict = claim.verdict
        if verdict:
            bodies.append(self._once(("assessing", verdict), lambda: _text(verdict, "assessing")))
        if claim.rationale:
            bodies.append(_text(claim.rationale, "commenting"))
        for tag in claim.tags:
            bodies.append(self._once(("tagging", tag), partial(_text, tag, "tagging")))
        for source in claim.sources:  # its body reads only the address and the title
            bodies.append(self._once(("linking", source.url, source.title), partial(_source_body, source)))
        result: dict[str, Any] = {
            "id": f"urn:factcheck:claim:{claim.id}",
            "type": "Annotation",
            "motivation": "assessing" if claim.verdict else "highlighting",
            "created": _utc(claim.created_at),
            "modified": _utc(claim.updated_at),
            "target": {"source": self._target(claim.article_id, article), "selector": selectors},
        }
        creator = claim.created_by
        if creator:
            result["creator"] = self._once(("creator", creator), lambda: {"type": "Person", "name": creator})
        if bodies:
            result["body"] = bodies
        if claim.anchor_state == ORPHANED:
            result["note"] = ORPHANED_NOTE
        elif claim.anchor_state == CHANGED:
            result["note"] = CHANGED_NOTE
        return result

    def _target(self, article_id: int, article: Article | None) -> str:
        if article is None:
            return article_iri(article_id, None)
        known = self._targets.get(article_id)
        if known is None:
            known = self._targets[article_id] = article_iri(article_id, article)
        return known


def annotation(claim: PublishedClaim, article: Article | None) -> dict[str, Any]:
    """One claim as a W3C Annotation (without ``@context``; the collection carries it)."""
    return Annotator().annotation(claim, article)


def _collection(items: list[dict[str, Any]] | list[str], total: int, label: str) -> dict[str, Any]:
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": COLLECTION_ID,
        "type": "AnnotationCollection",
        "total": total,
        "generator": {"type": "Software", "name": f"Factcheck App {__version__}"},
        "first": {"id": f"{COLLECTION_ID}:page:1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if label:
        collection["label"] = label
    return collection


def build_annotation_collection(
    claims: Sequence[PublishedClaim], articles: Mapping[int, Article], *, label: str = ""
) -> dict[str, Any]:
    """Every claim (rated or not) as one AnnotationCollection, in the order given."""
    annotator = Annotator()
    items = [annotator.annotation(claim, articles.get(claim.article_id)) for claim in claims]
    return _collection(items, len(items), label)


def to_json(collection: Mapping[str, Any]) -> str:
    return dumps(collection)


_ITEMS_MARK = "urn:factcheck:the-annotations-go-here"


def write_annotation_collection(
    stream: BinaryIO, batches: Iterable[Sequence[PublishedClaim]], articles: Mapping[int, Article], *, label: str = ""
) -> int:
    """Write the collection batch by batch, the same JSON as ``to_json(build_annotation_collection(…))``
    (UTF-8); returns how many annotations were written.

    The document around the items is orjson's too: written with a marker string as its only
    item and cut there. The items' indentation is what precedes the marker on its line."""

    def document(items: list[str], total: int) -> bytes:  # not yet made script-safe: the stream does it
        return pretty_json(_collection(items, total, label)) + b"\n"

    head, _tail = split_around(document([_ITEMS_MARK], 0), _ITEMS_MARK)
    array = JsonArrayStream(stream, head, head[head.rindex(b"\n") + 1 :], script_safe)
    annotator = Annotator()
    for batch in batches:
        for claim in batch:
            array.add(annotator.annotation(claim, articles.get(claim.article_id)))
        array.flush()
    return array.finish(
        lambda total: split_around(document([_ITEMS_MARK], total), _ITEMS_MARK)[1], lambda: document([], 0)
    )
