"""`factcheck articles`, `factcheck article show|update|delete|versions|diff`, and importing many files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import factcheck, load_schema, ok, schema_errors

from factcheck_app.services.project import Project
from shared_data import US_QUOTE


@pytest.fixture
def desk(tmp_path: Path, coalition_article: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    project = tmp_path / "desk.factcheck"
    ok(capsys, "new", project)
    article_id = ok(capsys, "import", project, coalition_article).out.strip()
    return project, article_id


def test_import_many_files_then_list_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`import P a.txt b.txt` prints one id per line; one unreadable file and none is imported."""
    project = tmp_path / "p.factcheck"
    ok(capsys, "new", project)
    files = []
    for name, text in (("a.txt", "Tram line A opens.\nIt costs 5 million."), ("b.md", "# Budget\n\nUp by 3 %.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    refused = factcheck(capsys, "import", project, *files, tmp_path / "empty.txt")
    assert refused.code == 1 and "empty.txt" in refused.err
    assert ok(capsys, "articles", project, "--json").json() == []
    assert ok(capsys, "import", project, *files).out.split() == ["1", "2"]
    articles = ok(capsys, "articles", project, "--json").json()
    assert [a["original_name"] for a in articles] == ["a.txt", "b.md"]
    assert all(schema_errors(a, load_schema("article-v1.json")) == [] for a in articles)
    lines = ok(capsys, "articles", project, "--jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == articles


def test_show_update_and_text(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], coalition_article: Path
) -> None:
    """show --text prints the text as imported; update corrects properties (logged); --json adds the text."""
    project, article_id = desk
    text = ok(capsys, "article", "show", project, article_id, "--text").out
    assert text.startswith("Military chiefs") and US_QUOTE in text
    ok(
        capsys, "article", "update", project, article_id, "--as", "ed", "--title", "Peace force planning",
        "--url", "news.example/peace", "--author", "Clara Whitfield", "--published", "2025-03-20",
        "--site-name", "Defence Desk",
    )  # fmt: skip
    shown = ok(capsys, "article", "show", project, article_id, "--json", "--text").json()
    assert (shown["title"], shown["url"], shown["author"], shown["published"], shown["site_name"]) == (
        "Peace force planning",
        "https://news.example/peace",
        "Clara Whitfield",
        "2025-03-20",
        "Defence Desk",
    )
    assert shown["text"] == text.rstrip("\n") or shown["text"] == text
    assert schema_errors(shown, load_schema("article-v1.json")) == []
    assert "Peace force planning" in ok(capsys, "article", "show", project, article_id).out
    history = ok(capsys, "history", project, "--article", article_id).out
    assert "ed" in history and "title:" in history
    nothing = factcheck(capsys, "article", "update", project, article_id)
    assert nothing.code == 1 and "Nothing to change" in nothing.err
    assert factcheck(capsys, "article", "update", project, article_id, "--title", " ").code == 1


def test_versions_diff_and_delete(
    desk: tuple[Path, str], capsys: pytest.CaptureFixture[str], coalition_article: Path, tmp_path: Path
) -> None:
    """A new version: versions lists both, diff marks what changed; delete asks for --yes, then takes
    every version and claim."""
    project, article_id = desk
    ok(capsys, "claim", "add", project, "--article", article_id, "--quote", US_QUOTE)
    revised = tmp_path / "v2.txt"
    revised.write_text(
        coalition_article.read_text(encoding="utf-8").replace("Military chiefs", "Army chiefs"), encoding="utf-8"
    )
    new_id = ok(capsys, "import", project, revised, "--revision-of", article_id).out.strip()
    versions = ok(capsys, "article", "versions", project, new_id, "--json").json()
    assert [(v["id"], v["revision"], v["latest"]) for v in versions] == [
        (int(article_id), 1, False),
        (int(new_id), 2, True),
    ]
    diff = ok(capsys, "article", "diff", project, new_id).out
    assert "[-" in diff and "{+" in diff and "y chiefs from some 30 countries" in diff
    changes = ok(capsys, "article", "diff", project, new_id, "--json").json()["changes"]
    old_text = "".join(c["text"] for c in changes if c["op"] in ("same", "removed"))
    new_text = "".join(c["text"] for c in changes if c["op"] in ("same", "added"))
    assert old_text == ok(capsys, "article", "show", project, article_id, "--json", "--text").json()["text"]
    assert new_text == ok(capsys, "article", "show", project, new_id, "--json", "--text").json()["text"]
    assert [c["op"] for c in changes].count("same") >= 1 and "Army chiefs" in new_text
    first = factcheck(capsys, "article", "diff", project, article_id)
    assert first.code == 1 and "--against" in first.err

    refused = factcheck(capsys, "article", "delete", project, new_id)
    assert refused.code == 1 and "--yes" in refused.err and "1 claim" in refused.err
    ok(capsys, "article", "delete", project, new_id, "--yes")
    assert ok(capsys, "articles", project, "--json").json() == []
    with Project.open(project, read_only=True) as opened:
        assert opened.claims() == [] and opened.articles() == []
    assert factcheck(capsys, "article", "show", project, article_id).code == 1
