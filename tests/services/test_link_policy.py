"""Addresses that come with an article are links only when they are web addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.articles import import_article_edit

PAGE = """<!DOCTYPE html>
<!-- saved from url=(0030)file://198.51.100.7/share/x.htm -->
<html><head><title>Bridge costs climb</title>
<link rel="canonical" href="javascript:alert(1)"></head>
<body><article><h1>Bridge costs climb</h1>
<p>The council voted 9 to 4 on Tuesday night to approve the long-delayed harbour bridge, a project
that the mayor called the biggest investment this city has made in a generation.</p>
<p>Construction costs have risen sharply since the project was first proposed in 2019, when the
estimate was 310 million dollars; councillors were told this week it is now 472 million.</p>
</article></body></html>
"""


def test_a_saved_page_naming_a_share_or_a_script_gets_no_link(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A page's 'saved from' comment or canonical link that is not http(s) is not kept as the article's address."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    edit = import_article_edit(page)
    project.apply(edit)
    article = project.article(edit.article_id)
    assert "472 million" in article.text
    assert article.url == ""


def test_a_typed_address_that_is_not_a_web_address_is_refused(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`import --url javascript:…` is refused with a message before anything is stored."""
    story = tmp_path / "story.txt"
    story.write_text("Headline\nBody text of the story.\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a web address"):
        import_article_edit(story, url="javascript:alert(1)")
    assert project.articles() == []
    edit = import_article_edit(story, url="news.example/story")
    project.apply(edit)
    assert project.article(edit.article_id).url == "https://news.example/story"
