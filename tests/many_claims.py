"""Projects with thousands of claims, for the tests of streaming exports.

A handful of claims is made through the services the way the window makes them (tags,
sources with evidence, verdicts, a restated claim with claimant and date, a published claim
corrected afterwards, text that looks like a formula or closes a script element); the claims
are then copied with sqlite3 until the project holds as many as asked, some copies orphaned
or changed. Building through ``CreateClaim`` alone would take a minute per thousand claims.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.claims import APPROVED, IN_REVIEW
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    ImportArticle,
    SetClaimDetails,
    SetProjectSetting,
    SetStatus,
)
from factcheck_app.services.project import Project
from factcheck_app.services.review_edits import PublishClaim, RecordCorrection

SPEECH = (
    "Der Minister sagte, die Arbeitslosigkeit sei auf 3 % gefallen 📉.\n"
    "Er fügte hinzu, die Kriminalität habe sich seit 2010 verdoppelt.\n"
    "Die Opposition nannte die Rede „reine Fiktion“ 🙄, </script> inklusive.\n"
)
PASTE = "=cmd|' /C calc'!A0 is what the spreadsheet said & the <b>minister</b> repeated.\n"
STUDY = Source(None, "https://statistik.example/arbeitsmarkt-2024", "Arbeitsmarkt 2024", "Statistikamt")
INTERVIEW = Source(None, "", "Interview with the ministry’s press office")


def build_project(path: Path, claims: int) -> Path:
    """A project file at ``path`` holding ``claims`` claims (at least the seven made first)."""
    with Project.create(path, analyst="anna") as project:
        project.apply(SetProjectSetting("organisation", "Faktencheck Nord"))
        project.apply(SetProjectSetting("claimreview_base_url", "https://checks.example/rede"))
        speech = ImportArticle(
            ArticleDraft(
                title="Haushaltsrede — Faktencheck",
                text=SPEECH,
                url="https://nachrichten.example/haushaltsrede",
                author="Jürgen Weiß",
                published=date(2025, 3, 1),
                site_name="Nachrichten Beispiel",
            )
        )
        pasted = ImportArticle(ArticleDraft(title="Pasted note", text=PASTE, format="paste"))
        project.apply(speech)
        project.apply(pasted)
        assert speech.article_id is not None and pasted.article_id is not None
        made = [
            CreateClaim(
                speech.article_id,
                anchor_for_quote(SPEECH, "die Arbeitslosigkeit sei auf 3 % gefallen 📉"),
                tags=("Arbeit", "Zahlen 🔢"),
                verdict="Mostly false",
                rationale="Die Quote lag bei 5,8 %;\nsiehe Tabelle 2, „Jahresmittel“.",
                sources=(STUDY, INTERVIEW),
            ),
            CreateClaim(speech.article_id, anchor_for_quote(SPEECH, "die Kriminalität habe sich seit 2010 verdoppelt")),
            CreateClaim(
                speech.article_id,
                anchor_for_quote(SPEECH, "„reine Fiktion“ 🙄, </script>"),
                tags=("Rhetorik",),
                verdict="Misleading",
            ),
            CreateClaim(
                pasted.article_id,
                anchor_for_quote(PASTE, "=cmd|' /C calc'!A0"),
                tags=("@mention", "-minus"),
                verdict="False",
                rationale="+SUM(1,2) looks like a formula",
            ),
            CreateClaim(pasted.article_id, anchor_for_quote(PASTE, "the <b>minister</b> repeated"), verdict="True"),
            CreateClaim(speech.article_id, anchor_for_quote(SPEECH, "Der Minister sagte"), verdict="Unproven"),
        ]
        for edit in made:
            project.apply(edit)
        ids = [edit.claim_id for edit in made]
        assert all(claim_id is not None for claim_id in ids)
        first, _unrated, _fiction, _formula, _html, published = (int(i) for i in ids if i is not None)
        project.apply(AddSource(first, Source(None, "https://bund.example/bericht", "Bericht"), stance="contradicts"))
        project.apply(
            SetClaimDetails(
                first,
                restated="Die Arbeitslosigkeit ist auf 3 % gefallen.",
                claimant="Arbeitsminister",
                claim_date=date(2025, 2, 27),
            )
        )
        project.apply(SetClaimDetails(published, reviewer="carla"))
        project.apply(SetStatus(published, IN_REVIEW))
        project.analyst = "carla"
        project.apply(SetStatus(published, APPROVED))
        project.apply(PublishClaim(published))
        project.apply(RecordCorrection(published, "The minister said it twice.", verdict="Half true"))
    _copy_claims(path, claims)
    return path


def _copy_claims(path: Path, wanted: int) -> None:
    """Copy the claims made (with their tags and evidence) until there are ``wanted``."""
    db = sqlite3.connect(path)
    with db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(claims)") if row[1] != "id"]
        seeds = [row[0] for row in db.execute("SELECT id FROM claims ORDER BY id")]
        names = ", ".join(columns)
        for number in range(max(0, wanted - len(seeds))):
            seed = seeds[number % len(seeds)]
            state = ("anchored", "orphaned", "changed", "anchored")[number % 4]
            given = {"anchor_state": state, "created_by": f"analyst {number % 7}"}
            chosen = ", ".join("?" if c in given else c for c in columns)
            cursor = db.execute(
                f"INSERT INTO claims ({names}) SELECT {chosen} FROM claims WHERE id = ?",
                [given[c] for c in columns if c in given] + [seed],
            )
            copy = cursor.lastrowid
            db.execute(
                "INSERT INTO claim_tags (claim_id, tag_id, position) SELECT ?, tag_id, position FROM claim_tags "
                "WHERE claim_id = ?",
                (copy, seed),
            )
            db.execute(
                "INSERT INTO claim_sources (claim_id, source_id, position, excerpt, location, stance) "
                "SELECT ?, source_id, position, excerpt, location, stance FROM claim_sources WHERE claim_id = ?",
                (copy, seed),
            )
    db.close()
