"""Build the damaged-project corpus at test time: one real project, one kind of damage per copy.

Run as a script to build it into a folder for trying commands by hand::

    .venv/bin/python tests/safety/damaged/make_damaged.py /tmp/damaged

The project is made through the services API (two articles, one with Markdown structure,
claims with tags, verdicts, sources and evidence, an attached file, settings, history), then
each copy gets one fault planted with plain ``sqlite3``, as a disk error, a half-synced copy
or another tool would leave it. SQLite does not enforce column types, so any column can
hold any type: text in an integer column, bytes in a text column, text that is not UTF-8.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

ARTICLE = (
    "# Tram line plans\n\n"
    "City hall says the new tram line will carry 50,000 passengers a day.\n\n"
    "Critics say the tram line will cost twice the budget.\n\n"
    "The mayor promised the tram line would open in 2027.\n"
)
SECOND = "The harbour will be dredged next spring, the port authority said.\nIt will cost 12 million.\n"

# (quote, article index, verdict, tags, source url) of the claims the base project holds.
CLAIMS = (
    ("carry 50,000 passengers a day", 0, "Mostly true", ("transport",), "https://city.example/tram"),
    ("cost twice the budget", 0, "False", ("budget", "transport"), "https://audit.example/report"),
    ("open in 2027", 0, None, (), ""),
    ("dredged next spring", 1, "Unproven", ("port",), ""),
)


@dataclass(frozen=True)
class Damage:
    """One planted fault: what it is, the SQL that plants it, and the (table, column) Check must name."""

    name: str
    what: str
    sql: tuple[str, ...]
    table: str
    column: str
    repairable: bool = True


def _claim(n: int) -> str:
    return f"(SELECT id FROM claims ORDER BY id LIMIT 1 OFFSET {n})"


# Which claim carries the damage: the first (a verdict, tags, a source with an attached file).
C = _claim(0)
A1 = "(SELECT min(id) FROM articles)"
HIST = "(SELECT max(id) FROM history WHERE entity = 'claim')"

DAMAGES = (
    # wrong types
    Damage(
        "offsets-text",
        "offsets holding text and bytes",
        (f"UPDATE claims SET start_offset = 'abc', end_offset = x'00ff' WHERE id = {C}",),
        "claims",
        "start_offset",
    ),
    Damage(
        "offset-real",
        "an offset holding a real number",
        (f"UPDATE claims SET end_offset = 40.5 WHERE id = {C}",),
        "claims",
        "end_offset",
    ),
    Damage(
        "rationale-bytes",
        "a text column holding bytes",
        (f"UPDATE claims SET rationale = x'00ff10' WHERE id = {C}",),
        "claims",
        "rationale",
    ),
    Damage(
        "created-at-text",
        "a timestamp that is not one",
        (f"UPDATE claims SET created_at = 'yesterday' WHERE id = {C}",),
        "claims",
        "created_at",
    ),
    Damage(
        "claim-date-int",
        "a date holding a number",
        (f"UPDATE claims SET claim_date = 12345 WHERE id = {C}",),
        "claims",
        "claim_date",
    ),
    Damage(
        "version-text",
        "a row version holding text",
        (f"UPDATE claims SET version = 'v2' WHERE id = {C}",),
        "claims",
        "version",
    ),
    Damage(
        "article-published-bad",
        "an article date that is not one",
        (f"UPDATE articles SET published = '31/02/2024' WHERE id = {A1}",),
        "articles",
        "published",
    ),
    Damage(
        "source-accessed-bytes",
        "a source date holding bytes",
        ("UPDATE sources SET accessed = x'0102' WHERE id = (SELECT min(id) FROM sources)",),
        "sources",
        "accessed",
    ),
    Damage(
        "source-title-bytes",
        "a source title holding bytes",
        ("UPDATE sources SET title = x'fffe' WHERE id = (SELECT min(id) FROM sources)",),
        "sources",
        "title",
    ),
    Damage(
        "verdict-rating-text",
        "a verdict rating holding text",
        ("UPDATE verdicts SET rating_value = 'high' WHERE label = 'False'",),
        "verdicts",
        "rating_value",
    ),
    Damage(
        "attachment-text",
        "an attached file whose stored bytes are text",
        ("UPDATE attachments SET data = 'hello'",),
        "attachments",
        "data",
    ),
    Damage(
        "attachment-size-text",
        "an attachment size holding text",
        ("UPDATE attachments SET size = 'big'",),
        "attachments",
        "size",
    ),
    # out-of-range values
    Damage(
        "offsets-past-end",
        "offsets past the end of the text",
        (f"UPDATE claims SET start_offset = 9000, end_offset = 9029 WHERE id = {C}",),
        "claims",
        "start_offset",
    ),
    Damage(
        "offset-negative",
        "a negative offset",
        (f"UPDATE claims SET start_offset = -5 WHERE id = {C}",),
        "claims",
        "start_offset",
    ),
    Damage(
        "offsets-reversed",
        "a start after its end",
        (f"UPDATE claims SET start_offset = end_offset + 3 WHERE id = {C}",),
        "claims",
        "start_offset",
    ),
    Damage(
        "anchor-state-unknown",
        "an anchor state the app does not know",
        (f"UPDATE claims SET anchor_state = 'wobbly' WHERE id = {C}",),
        "claims",
        "anchor_state",
    ),
    Damage(
        "status-unknown",
        "a review status the app does not know",
        (f"UPDATE claims SET status = 'lost' WHERE id = {C}",),
        "claims",
        "status",
    ),
    Damage(
        "stance-unknown",
        "an evidence stance the app does not know",
        ("UPDATE claim_sources SET stance = 'maybe'",),
        "claim_sources",
        "stance",
    ),
    Damage(
        "verdict-colour-bad",
        "a verdict colour that is not one",
        ("UPDATE verdicts SET colour = 'blue' WHERE label = 'False'",),
        "verdicts",
        "colour",
    ),
    Damage(
        "tag-colour-bad",
        "a tag colour that is not one",
        ("UPDATE tags SET colour = 'rgb(1,2,3)' WHERE name = 'budget'",),
        "tags",
        "colour",
    ),
    Damage(
        "attachment-hash-wrong",
        "an attached file whose checksum does not match",
        ("UPDATE attachments SET data = x'00112233'",),
        "attachments",
        "data",
    ),
    Damage(
        "setting-counter-bad",
        "an edit counter that is not a number",
        ("UPDATE settings SET value = 'many' WHERE key = 'edit_counter'",),
        "settings",
        "value",
    ),
    Damage(
        "setting-gates-bad",
        "a gate mode the app does not know",
        ("INSERT OR REPLACE INTO settings (key, value) VALUES ('gates.mode', 'sometimes')",),
        "settings",
        "value",
    ),
    # bad JSON
    Damage(
        "structure-bad-json",
        "malformed JSON in an article's structure",
        (f"UPDATE articles SET structure = '{{\"blocks\": [[0, 5' WHERE id = {A1}",),
        "articles",
        "structure",
    ),
    Damage(
        "structure-bad-shape",
        "an article structure of the wrong shape",
        (f'UPDATE articles SET structure = \'{{"blocks": [[0, "x"], 7], "pages": 3}}\' WHERE id = {A1}',),
        "articles",
        "structure",
    ),
    Damage(
        "structure-past-end",
        "structure blocks past the end of the text",
        (
            f'UPDATE articles SET structure = \'{{"blocks": [[0, 99999, "paragraph", 0]], "pages": []}}\' WHERE id = {A1}',
        ),
        "articles",
        "structure",
    ),
    Damage(
        "history-bad-json",
        "malformed JSON in a history entry",
        (f"UPDATE history SET state = '{{\"verdict\": ' WHERE id = {HIST}",),
        "history",
        "state",
    ),
    Damage(
        "history-bad-shape",
        "a history entry that is not an object",
        (f"UPDATE history SET state = '[1, 2, 3]' WHERE id = {HIST}",),
        "history",
        "state",
    ),
    # bad UTF-8 (text columns holding bytes that are not UTF-8, stored as text)
    Damage(
        "claim-exact-bad-utf8",
        "a quote that is not UTF-8",
        (f"UPDATE claims SET exact = CAST(x'63c328ff' AS TEXT) WHERE id = {C}",),
        "claims",
        "exact",
    ),
    Damage(
        "article-title-bad-utf8",
        "an article title that is not UTF-8",
        (f"UPDATE articles SET title = CAST(x'54c3' AS TEXT) WHERE id = {A1}",),
        "articles",
        "title",
    ),
    Damage(
        "tag-name-bad-utf8",
        "a tag name that is not UTF-8",
        ("UPDATE tags SET name = CAST(x'62ff' AS TEXT) WHERE name = 'budget'",),
        "tags",
        "name",
    ),
    Damage(
        "history-state-bad-utf8",
        "a history entry that is not UTF-8",
        (f"UPDATE history SET state = CAST(x'7bff7d' AS TEXT) WHERE id = {HIST}",),
        "history",
        "state",
    ),
    # missing rows
    Damage(
        "article-missing",
        "claims whose article was deleted",
        ("DELETE FROM articles WHERE id = (SELECT max(id) FROM articles)",),
        "claims",
        "article_id",
    ),
    Damage(
        "source-missing",
        "evidence whose source was deleted",
        ("DELETE FROM sources WHERE id = (SELECT min(id) FROM sources)",),
        "claim_sources",
        "source_id",
    ),
    Damage(
        "verdict-missing",
        "a claim whose verdict label was deleted",
        ("DELETE FROM verdicts WHERE label = 'False'",),
        "claims",
        "verdict",
    ),
    # extra columns
    Damage(
        "extra-column",
        "a table with a column the app did not make",
        ("ALTER TABLE claims ADD COLUMN extra TEXT DEFAULT 'x'",),
        "claims",
        "extra",
    ),
)


def build_base(path: Path, scratch: Path) -> Path:
    """The intact project every damaged copy starts from, made through the services API."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.articles import import_article_edit
    from factcheck_app.services.edits import AttachFile, CreateClaim, SetEvidence, SetProjectSetting, SetTagColour
    from factcheck_app.services.project import Project

    scratch.mkdir(parents=True, exist_ok=True)
    first = scratch / "tram.md"
    first.write_text(ARTICLE, encoding="utf-8")
    second = scratch / "harbour.txt"
    second.write_text(SECOND, encoding="utf-8")
    evidence = scratch / "audit.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% the audit office's report\n" + bytes(range(256)) * 4)
    with Project.create(path, analyst="anna") as project:
        articles = []
        for file in (first, second):
            edit = import_article_edit(file)
            project.apply(edit)
            articles.append(project.article(edit.article_id))
        for quote, index, verdict, tags, url in CLAIMS:
            article = articles[index]
            sources = [Source(None, url, title=f"Source for {quote}", kind="primary document")] if url else []
            project.apply(
                CreateClaim(
                    article.id,
                    anchor_for_quote(article.text, quote),
                    tags=tags,
                    verdict=verdict,
                    rationale=f"Why “{quote}” is rated so.",
                    sources=sources,
                )
            )
        claim = project.claims()[0]
        source_id = claim.sources[0].id
        assert source_id is not None
        project.apply(SetEvidence(claim.id, source_id, excerpt="50,000 a day", location="p. 4", stance="supports"))
        project.apply(AttachFile(source_id, evidence))
        project.apply(SetTagColour("budget", "#336699"))
        project.apply(SetProjectSetting("organisation", "Verification Desk"))
        project.apply(SetProjectSetting("gates.mode", "warn"))
    return path


def plant(path: Path, damage: Damage) -> None:
    """Write the fault with plain sqlite3, as another tool would (foreign keys off: SQLite's default)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        for statement in damage.sql:
            connection.execute(statement)
        connection.execute("COMMIT")
    finally:
        connection.close()


def build(folder: Path) -> dict[str, Path]:
    """The base project and one damaged copy per kind: {name: path} ("intact" is the base)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = build_base(folder / "intact.factcheck", folder / "inputs")
    made = {"intact": base}
    for damage in DAMAGES:
        target = folder / f"{damage.name}.factcheck"
        shutil.copyfile(base, target)
        plant(target, damage)
        made[damage.name] = target
    return made


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "damaged")).items():
        print(f"{name}\t{path}")
