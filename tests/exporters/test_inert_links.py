"""Links from outside stay inert on the way out: Word report, ClaimReview, Web Annotation."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.sources import Source
from factcheck_app.services.articles import import_article_edit
from factcheck_app.services.edits import AddSource, CreateClaim, SetProjectSetting, SetVerdict
from factcheck_app.services.exports import export_open_format
from factcheck_app.services.project import Project
from factcheck_app.services.reports import export_report

QUOTE = "the bridge will cost </script><script>alert(1)</script> 40 million"


def _planted_project(tmp_path: Path) -> Path:
    """A project as another tool (or an older version) could leave it: a javascript: source, a file: article URL."""
    article = tmp_path / "story.txt"
    article.write_text(f"Bridge row\nThe mayor said {QUOTE} \u2028 dollars.\n", encoding="utf-8")
    path = tmp_path / "planted.factcheck"
    with Project.create(path, analyst="tester") as project:
        edit = import_article_edit(article)
        project.apply(edit)
        text = project.article(edit.article_id).text
        claim = CreateClaim(edit.article_id, anchor_for_quote(text, QUOTE))
        project.apply(claim)
        project.apply(SetVerdict(claim.claim_id, "False"))
        project.apply(AddSource(claim.claim_id, Source(None, "https://council.example.org/budget", "Budget")))
        project.apply(SetProjectSetting("organisation", "Desk"))
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("UPDATE sources SET url = 'javascript:alert(document.cookie)'")
        raw.execute("UPDATE articles SET url = 'file://198.51.100.7/share/leak'")
    raw.close()
    return path


def test_word_report_links_only_web_addresses(tmp_path: Path) -> None:
    """The javascript: source and file: article address appear as text, with no hyperlink relationship."""
    path = _planted_project(tmp_path)
    with Project.open(path) as project:
        written = export_report(project, tmp_path / "report.docx")
    document = docx.Document(str(written))
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype == RT.HYPERLINK]
    assert not any(t.lower().startswith(("javascript:", "file:")) for t in targets), targets
    text = "\n".join(p.text for p in document.paragraphs)
    assert "javascript:alert(document.cookie) (not a web link)" in text


def test_json_ld_is_script_safe_and_drops_unsafe_urls(tmp_path: Path) -> None:
    """ClaimReview and Web Annotation: no '</script>' or U+2028 in the text, the same values when parsed, no unsafe url."""
    path = _planted_project(tmp_path)
    with Project.open(path) as project:
        for fmt in ("claimreview", "webannotation"):
            target = tmp_path / f"{fmt}.jsonld"
            export_open_format(project, target, fmt)
            written = target.read_text(encoding="utf-8")
            assert "</script>" not in written and "<" not in written and "\u2028" not in written
            parsed = json.dumps(json.loads(written), ensure_ascii=False)
            assert "</script><script>alert(1)</script>" in parsed  # the words themselves are kept
            assert "javascript:" not in parsed and "file://" not in parsed
