"""Constants the tests share: where CI puts the real article, and the sentence analysts check."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_ARTICLE = REPO.parent / "shared" / "samples" / "coalition-article.txt"
US_QUOTE = "the United States has so far declined to commit to supporting any Western military presence in Ukraine"
