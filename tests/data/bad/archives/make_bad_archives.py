"""Write the refused project archives in this folder, one per way an archive goes bad.

Run from the repository root whenever the archive format changes:

    .venv/bin/python tests/data/bad/archives/make_bad_archives.py

Each archive is a valid one (``valid_document`` below, a tiny hand-written project) broken
in exactly one way, so a test that sees it refused knows why. The project is written by
hand, not by the app, so the fixtures stay fixed while the app changes; the tests import
this module to build the valid archive too and check that it *is* accepted.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUFFIX = ".factcheck-archive"
STAMP = (2025, 3, 14, 9, 30, 0)

ARTICLE_TEXT = "Der Bürgermeister sagt: 50 000 Wohnungen bis 2030 🏠.\nDie Kritiker zweifeln.\n"
QUOTE = "50 000 Wohnungen bis 2030"


def valid_document() -> dict[str, Any]:
    """A small, consistent project.json (archive format 1)."""
    start = ARTICLE_TEXT.index(QUOTE)
    return {
        "settings": {"organisation": "Prüf-Team"},
        "verdict_scale": {
            "name": "Zwei Stufen",
            "verdicts": [
                {"label": "Stimmt", "rating_value": 2, "colour": "#2e7d32", "description": ""},
                {"label": "Falsch", "rating_value": 1, "colour": "#c62828", "description": "Nicht zutreffend."},
            ],
        },
        "articles": [
            {
                "id": 3,
                "title": "Wohnungsbau 🏠",
                "text": ARTICLE_TEXT,
                "url": "",
                "author": "",
                "published": "2025-03-01",
                "content_hash": hashlib.sha256(ARTICLE_TEXT.encode("utf-8")).hexdigest(),
                "imported_at": "2025-03-14T09:30:00",
                "original_name": "wohnungen.txt",
                "format": "text",
                "site_name": "",
                "blocks": [{"start": 0, "end": ARTICLE_TEXT.index("\n"), "kind": "paragraph", "level": 0}],
                "pages": [],
                "revision_of": None,
                "revision": 1,
                "version": 1,
            }
        ],
        "tags": [{"id": 2, "name": "Wohnen", "colour": ""}],
        "sources": [
            {
                "id": 5,
                "url": "https://statistik.example/wohnungen",
                "title": "Statistik",
                "publisher": "",
                "accessed": None,
                "note": "",
                "version": 1,
            }
        ],
        "claims": [
            {
                "id": 7,
                "article_id": 3,
                "start": start,
                "end": start + len(QUOTE),
                "exact": QUOTE,
                "prefix": ARTICLE_TEXT[:start],
                "suffix": ARTICLE_TEXT[start + len(QUOTE) : start + len(QUOTE) + 32],
                "anchor_state": "anchored",
                "verdict": "Falsch",
                "rationale": "Geplant sind 20 000.",
                "tag_ids": [2],
                "source_ids": [5],
                "created_by": "anna",
                "created_at": "2025-03-14T09:31:00",
                "updated_by": "anna",
                "updated_at": "2025-03-14T09:32:00.123456",
                "version": 2,
            }
        ],
        "attachments": [],
    }


def encode(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def manifest(project_bytes: bytes | None = None, **overrides: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "format": "factcheck-archive",
        "format_version": 1,
        "app_version": "0.1.0",
        "schema_revision": "0002",
        "created_at": "2025-03-14T09:40:00+00:00",
    }
    if project_bytes is not None:
        result["project_sha256"] = hashlib.sha256(project_bytes).hexdigest()
    result.update(overrides)
    return result


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one fixture
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def archive_of(document: object, *, extra: list[tuple[str, bytes]] = (), **manifest_overrides: Any) -> bytes:  # type: ignore[assignment]
    project = document if isinstance(document, bytes) else encode(document)
    return zip_bytes(
        [("manifest.json", encode(manifest(project, **manifest_overrides))), ("project.json", project), *extra]
    )


def valid_archive() -> bytes:
    return archive_of(valid_document())


def _broken(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def build() -> bytes:
        document = copy.deepcopy(valid_document())
        change(document)
        return archive_of(document)

    return build


def _not_a_zip() -> bytes:
    return "Bürgermeister: this is a text file renamed to .factcheck-archive\n".encode()


def _truncated() -> bytes:
    data = valid_archive()
    return data[: len(data) // 2]


def _no_manifest() -> bytes:
    return zip_bytes([("project.json", encode(valid_document())), ("notes.txt", b"hello")])


def _foreign_manifest() -> bytes:
    return zip_bytes([("manifest.json", encode({"format": "something-else", "version": 3}))])


def _newer_format() -> bytes:
    return archive_of(valid_document(), format_version=99, app_version="9.0.0")


def _no_project() -> bytes:
    return zip_bytes([("manifest.json", encode(manifest()))])


def _zip_bomb() -> bytes:
    # 20 MB of zeros deflate to ~20 kB: a ratio near 1000.
    zeros = bytes(20 * 1024 * 1024)
    name = "attachments/" + hashlib.sha256(zeros).hexdigest()
    return archive_of(valid_document(), extra=[(name, zeros)])


def _declared_huge() -> bytes:
    """A member whose central directory entry claims 3 GB: refused before inflating."""
    data = bytearray(archive_of(valid_document(), extra=[("attachments/notes", b"small")]))
    entry = data.rfind(b"PK\x01\x02")  # the last central directory entry: attachments/notes
    struct.pack_into("<I", data, entry + 24, 3_000_000_000)
    return bytes(data)


def _path_traversal() -> bytes:
    return archive_of(valid_document(), extra=[("../../evil.sh", b"rm -rf ~\n")])


def _absolute_path() -> bytes:
    return archive_of(valid_document(), extra=[("/etc/cron.d/evil", b"* * * * * root true\n")])


def _windows_traversal() -> bytes:
    return archive_of(valid_document(), extra=[("attachments\\..\\..\\evil.bat", b"del *\n")])


def _duplicate_member() -> bytes:
    project = encode(valid_document())
    return zip_bytes([("manifest.json", encode(manifest())), ("project.json", project), ("project.json", project)])


def _invalid_json() -> bytes:
    return archive_of(b'{"settings": {}, "articles": [ oops')


def _not_utf8() -> bytes:
    return archive_of(json.dumps(valid_document(), ensure_ascii=False).encode("latin-1", "replace"))


def _checksum_mismatch() -> bytes:
    project = encode(valid_document())
    return zip_bytes([("manifest.json", encode(manifest(b"another project"))), ("project.json", project)])


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _revision_loop(document: dict[str, Any]) -> None:
    second = copy.deepcopy(document["articles"][0])
    second["id"] = 4
    second["revision_of"] = 3
    document["articles"][0]["revision_of"] = 4
    document["articles"].append(second)


BAD_ARCHIVES: dict[str, Callable[[], bytes]] = {
    "not-a-zip": _not_a_zip,
    "truncated": _truncated,
    "no-manifest": _no_manifest,
    "foreign-manifest": _foreign_manifest,
    "newer-format": _newer_format,
    "no-project": _no_project,
    "zip-bomb": _zip_bomb,
    "declared-huge": _declared_huge,
    "path-traversal": _path_traversal,
    "absolute-path": _absolute_path,
    "windows-traversal": _windows_traversal,
    "duplicate-member": _duplicate_member,
    "invalid-json": _invalid_json,
    "not-utf8": _not_utf8,
    "checksum-mismatch": _checksum_mismatch,
    "missing-claims": _broken(_delete(("claims",))),
    "missing-article-text": _broken(_delete(("articles", 0, "text"))),
    "wrong-type-title": _broken(_set(("articles", 0, "title"), 5)),
    "wrong-type-start": _broken(_set(("claims", 0, "start"), "12")),
    "bool-as-number": _broken(_set(("claims", 0, "version"), True)),
    "claim-missing-article": _broken(_set(("claims", 0, "article_id"), 99)),
    "offsets-out-of-range": _broken(_set(("claims", 0, "end"), 10_000)),
    "orphan-with-position": _broken(_set(("claims", 0, "anchor_state"), "orphaned")),
    "quote-not-at-offsets": _broken(_set(("claims", 0, "exact"), "60 000 Wohnungen bis 2030")),
    "unknown-verdict": _broken(_set(("claims", 0, "verdict"), "Pants on fire")),
    "unknown-tag": _broken(_set(("claims", 0, "tag_ids"), [2, 8])),
    "unknown-source": _broken(_set(("claims", 0, "source_ids"), [6])),
    "duplicate-claim-id": _broken(lambda d: d["claims"].append(copy.deepcopy(d["claims"][0]))),
    "altered-text": _broken(_set(("articles", 0, "text"), ARTICLE_TEXT.replace("2030", "2031"))),
    "bad-date": _broken(_set(("claims", 0, "created_at"), "yesterday")),
    "revision-loop": _broken(_revision_loop),
    "block-out-of-range": _broken(_set(("articles", 0, "blocks"), [{"start": 0, "end": 500, "kind": "p", "level": 0}])),
    "not-an-object": lambda: archive_of(["a", "list"]),
}


def main() -> None:
    for old in HERE.glob("*" + SUFFIX):
        old.unlink()
    for name, build in BAD_ARCHIVES.items():
        (HERE / (name + SUFFIX)).write_bytes(build())
    print(f"wrote {len(BAD_ARCHIVES)} archives to {HERE}")


if __name__ == "__main__":
    main()
