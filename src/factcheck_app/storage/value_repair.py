"""Check project's repair of damaged values: one rule per kind of damage, nothing intact lost.

Runs inside Check's write transaction (after its backup). Every table is read as stored
(``validation.stored_rows``); a row with damaged values is rewritten column by column:

- text that is not UTF-8, or bytes in a text column: decoded, bad bytes become U+FFFD;
- a claim's damaged position, quote or anchor state: the quote is found again in the text
  (``domain.reanchor``), else the claim is orphaned (kept, with its words, to re-attach);
- an article's malformed structure: dropped and rebuilt from the text (its paragraphs);
- a history entry that is not JSON: kept as text inside a neutral ``{"damaged": …}`` entry;
- a setting the app cannot read: reset to its default;
- an attached file whose bytes were stored as text: stored as bytes again when its checksum
  says they are the file; otherwise quarantined (renamed "damaged copy of …", re-hashed);
- a date that is not one: none (or, where one is required, the row's other date, else now);
- a colour, status, stance or kind the app does not know: the default (a verdict's colour
  from the presets); a damaged rating: the preset's rating for that label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import ORPHANED, Anchor
from factcheck_app.domain.articles import TextBlock, paragraph_spans
from factcheck_app.domain.attachments import digest
from factcheck_app.domain.claims import DRAFT
from factcheck_app.domain.reanchor import Reanchorer, orphan
from factcheck_app.domain.verdicts import NO_VERDICT_COLOUR, PRESETS
from factcheck_app.storage.repositories import preset_rating, structure_to_json
from factcheck_app.storage.validation import (
    DATE,
    DATETIME,
    INT,
    REAL,
    TEXT,
    ColumnRule,
    Undecodable,
    damage_in_row,
    setting_default,
    stored_rows,
    table_rules,
)

RECOVERED_SOURCE = "Files recovered by Check project"


@dataclass
class ValueRepairs:
    """What was repaired: lines for the report, and the things to log in the history."""

    done: list[str] = field(default_factory=list)
    claims: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    settings: set[str] = field(default_factory=set)
    sources: set[int] = field(default_factory=set)

    def rehome_attachment(self, session: Session, attachment_id: int) -> str:
        """An attached file whose source is gone: kept, under a source made for recovered files."""
        source_id = session.execute(
            text("SELECT id FROM sources WHERE title = :title ORDER BY id LIMIT 1"), {"title": RECOVERED_SOURCE}
        ).scalar()
        if source_id is None:
            source_id = session.execute(
                text(
                    "INSERT INTO sources (url, title, publisher, note, author, kind, version) "
                    "VALUES ('', :title, '', :note, '', '', 1) RETURNING id"
                ),
                {"title": RECOVERED_SOURCE, "note": "Attached files whose source was missing."},
            ).scalar_one()
        session.execute(
            text("UPDATE attachments SET source_id = :source WHERE id = :id"),
            {"source": source_id, "id": attachment_id},
        )
        self.sources.add(source_id)
        return f"attached file #{attachment_id}, whose source is missing, kept under the source “{RECOVERED_SOURCE}”"


def _decoded(value: object) -> str:
    if isinstance(value, Undecodable):
        return value.text()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _as_int(value: object) -> int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _date_of(value: object) -> bool:
    if isinstance(value, datetime):
        return True
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


def _generic(table: str, column: str, rule: ColumnRule, row: dict[str, object], now: datetime) -> object:
    """The repaired value of a damaged column, by its kind."""
    value = row[column]
    if rule.kind == TEXT:
        return _decoded(value)
    if rule.kind == INT:
        number = _as_int(value)
        if number is not None and number >= 0:
            return number
        return {"version": 1, "revision": 1}.get(column, None if rule.nullable else 0)
    if rule.kind == REAL:  # a similarity: unknown is honest, a guess is not
        return None if rule.nullable else 0.0
    if rule.kind in (DATE, DATETIME):
        if rule.nullable:
            return None
        for other in ("updated_at", "created_at", "imported_at", "added_at", "at"):
            if other != column and other in row and _date_of(row[other]):
                return row[other]
        return now
    return value


def repair_damage(session: Session, *, now: datetime | None = None) -> ValueRepairs:
    """Repair every damaged value (see the module's rules); returns what was done."""
    now = now or datetime.now()
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    repairs = ValueRepairs()
    texts: dict[int, str] = {}
    for table, rules in table_rules().items():
        for row in stored_rows(connection, table, list(rules)):
            if table == "articles" and isinstance(article_id := row.get("id"), int):
                texts[article_id] = _decoded(row["text"])
            damage = damage_in_row(table, row, rules)
            if not damage:
                continue
            bad = {d.column for d in damage}
            new: dict[str, object] = {}
            for column in bad:
                new[column] = _generic(table, column, rules[column], row, now)
            fixer = _FIXERS.get(table)
            lines = fixer(row, bad, new, repairs, texts) if fixer else []
            _update(session, table, row, new, sqlite)
            where = f"{table} #{damage[0].row_id}"
            lines = lines or [f"{where}: {', '.join(sorted(bad))} repaired"]
            repairs.done += lines
    return repairs


def _update(session: Session, table: str, row: dict[str, object], new: dict[str, object], sqlite: bool) -> None:
    if not new:
        return
    names = list(new)
    sets = ", ".join(f'"{name}" = :v{i}' for i, name in enumerate(names))
    params: dict[str, Any] = {f"v{i}": new[name] for i, name in enumerate(names)}
    if sqlite:
        where = "rowid = :rowid"
        params["rowid"] = row["rowid"]
    else:
        keys = {"settings": ("key",), "claim_tags": ("claim_id", "tag_id"), "claim_sources": ("claim_id", "source_id")}
        key_columns = keys.get(table, ("id",))
        where = " AND ".join(f'"{k}" = :k{i}' for i, k in enumerate(key_columns))
        params.update({f"k{i}": row[k] for i, k in enumerate(key_columns)})
    session.execute(text(f'UPDATE "{table}" SET {sets} WHERE {where}'), params)


def _short(quote: str, limit: int = 50) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


Fixer = Any


def _fix_claim(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    claim_id = row["id"]
    repairs.claims.add(claim_id)
    lines: list[str] = []
    if "status" in bad:
        new["status"] = DRAFT
        lines.append(f"claim {claim_id}: its review status {_decoded(row['status'])!r} is unknown; it is a draft now")
    if bad & {"start_offset", "end_offset", "anchor_state", "exact", "prefix", "suffix"}:
        new.pop("start_offset", None)
        new.pop("end_offset", None)
        start, end = row["start_offset"], row["end_offset"]
        positions_sound = type(start) is int and type(end) is int and not bad & {"start_offset", "end_offset"}
        article = texts.get(row["article_id"]) if isinstance(row["article_id"], int) else None
        exact = new.get("exact", row["exact"])
        assert isinstance(exact, str)
        if article is not None and "exact" in bad and positions_sound and 0 <= start < end <= len(article):
            # The quote's own words were damaged: the position says which words they are.
            anchor = Anchor(
                start, end, article[start:end], article[max(0, start - 32) : start], article[end : end + 32]
            )
            state = row["anchor_state"] if "anchor_state" not in bad else "anchored"
            lines.append(f"claim {claim_id}: its damaged quote was read again from the article at {start}–{end}")
        else:
            anchor, state = _reanchor(
                article, exact, new.get("prefix", row["prefix"]), new.get("suffix", row["suffix"])
            )
            if state == ORPHANED:
                lines.append(
                    f"claim {claim_id} “{_short(exact)}”: its position was damaged and the quote is not in its article: marked orphaned"
                )
            else:
                lines.append(
                    f"claim {claim_id} “{_short(exact)}”: its position was damaged; found again at {anchor.start}–{anchor.end}"
                )
        new.update(
            start_offset=anchor.start,
            end_offset=anchor.end,
            exact=anchor.exact,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            anchor_state=state,
        )
    rest = bad - {"status", "start_offset", "end_offset", "anchor_state", "exact", "prefix", "suffix"}
    if rest:
        lines.append(f"claim {claim_id}: damaged {', '.join(sorted(rest))} repaired")
    return lines


def _reanchor(article: str | None, exact: str, prefix: object, suffix: object) -> tuple[Anchor, str]:
    anchor = Anchor(0, 0, exact, _decoded(prefix), _decoded(suffix))
    if article is not None and exact:
        found = Reanchorer(article, article).reanchor(anchor)
        if found is not None and found.state != ORPHANED and found.anchor.exact == exact:
            return found.anchor, found.state
    return orphan(anchor), ORPHANED


def _fix_article(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    repairs.articles.add(row["id"])
    lines = []
    if "structure" in bad or "text" in bad:
        article = texts.get(row["id"], "")
        blocks = [TextBlock(start, end) for start, end in paragraph_spans(article)]
        new["structure"] = structure_to_json(blocks, ())
        lines.append(f"article {row['id']}: its damaged structure was dropped and rebuilt from the text's paragraphs")
    rest = bad - {"structure"}
    if rest:
        lines.append(f"article {row['id']}: damaged {', '.join(sorted(rest))} repaired")
    return lines


def _fix_history(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    if "state" in bad:
        new["state"] = json.dumps({"damaged": _decoded(row["state"])}, ensure_ascii=False)
        return [f"history entry #{row['id']}: its damaged state is kept as text in a neutral entry"]
    return []


def _fix_setting(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    key = _decoded(row["key"])
    if "value" in bad:
        default = setting_default(key)
        new["value"] = default if default is not None else _decoded(row["value"])
        repairs.settings.add(key)
        return [f"setting {key}: its damaged value was reset to {new['value']!r}"]
    return []


def _fix_verdict(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    label = _decoded(new.get("label", row["label"]))
    repairs.settings.add("verdict_scale")
    lines = []
    if "colour" in bad:
        preset = next((v.colour for s in PRESETS if (v := s.get(label)) is not None), NO_VERDICT_COLOUR)
        new["colour"] = preset
        lines.append(f"verdict “{label}”: its damaged colour is {preset} now")
    if "rating_value" in bad:
        new["rating_value"] = preset_rating(label)
        lines.append(f"verdict “{label}”: its damaged rating is {new['rating_value']} now")
    return lines


def _fix_tag(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    repairs.settings.add("tags")
    if "colour" in bad:
        new["colour"] = ""
    return []


def _fix_source(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    if "kind" in bad:
        new["kind"] = ""
    repairs.sources.add(row["id"])
    return []


def _fix_link(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    if "stance" in bad:
        new["stance"] = ""
    if isinstance(row.get("claim_id"), int):
        repairs.claims.add(row["claim_id"])
    return []


def _fix_attachment(
    row: dict[str, Any], bad: set[str], new: dict[str, object], repairs: ValueRepairs, texts: dict[int, str]
) -> list[str]:
    data = row["data"]
    name = _decoded(new.get("name", row["name"]))
    if isinstance(data, Undecodable):
        data = data.data
    elif isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, bytes):
        data = b"" if data is None else str(data).encode("utf-8")
    if isinstance(row["source_id"], int):
        repairs.sources.add(row["source_id"])
    new["data"] = data
    new["size"] = len(data)
    if digest(data) == row["sha256"]:
        return [f"attached file {name} (#{row['id']}): stored as bytes again, its checksum matches"]
    new["sha256"] = digest(data)
    new["name"] = f"damaged copy of {name}"
    new["media_type"] = "application/octet-stream"
    return [
        f"attached file {name} (#{row['id']}): its content does not match its checksum; kept as "
        f"“damaged copy of {name}” (the backup holds the project as it was)"
    ]


_FIXERS: dict[str, Fixer] = {
    "claims": _fix_claim,
    "articles": _fix_article,
    "history": _fix_history,
    "settings": _fix_setting,
    "verdicts": _fix_verdict,
    "tags": _fix_tag,
    "sources": _fix_source,
    "claim_sources": _fix_link,
    "attachments": _fix_attachment,
}
