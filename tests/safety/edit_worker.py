"""Child process for the kill test: makes edits through the services, reports each commit.

Run as ``python edit_worker.py PROJECT ARTICLE_ID FIRST_NUMBER``; prints "ready" once
imported, then "committed N" after each edit's transaction has committed.
"""

from __future__ import annotations

import sys

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.services.edits import CreateClaim
from factcheck_app.services.project import Project


def main() -> None:
    path, article_id, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Project.open(path, analyst="worker") as project:
        text = project.article(article_id).text
        print("ready", flush=True)
        number = first
        while True:
            start = (number * 7) % (len(text) - 40)
            project.apply(CreateClaim(article_id, anchor_for_span(text, start, start + 30), rationale=f"edit {number}"))
            print(f"committed {number}", flush=True)
            number += 1


if __name__ == "__main__":
    main()
