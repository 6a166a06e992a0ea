"""The whole method on a team project (PostgreSQL): two analysts, sign-off, settings, history, stale updates.

Needs the test server (``FACTCHECK_TEST_PG_URL``; scripts/run-tests.sh starts one), like the
other team-mode tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import factcheck, ok


def plain_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_two_analysts_take_a_claim_to_approval_on_the_server(
    pg_database: str, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anna writes and sends to review; her own approval is refused (exit 2); Ben approves; an update
    based on an old version is refused (exit 1); settings and history are shared through the server."""
    url = plain_url(pg_database)
    ok(capsys, "new", url)
    article_id = ok(capsys, "import", url, article_file, "--as", "anna").out.strip()
    claim_id = ok(
        capsys, "claim", "add", url, "--as", "anna", "--article", article_id, "--quote", "50,000 passengers",
        "--verdict", "Mostly true", "--rationale", "Operator model: 46,000.", "--reviewer", "ben",
        "--source", "https://example.org/model", "--status", "in_review",
    ).out.strip()  # fmt: skip
    seen = ok(capsys, "claim", "show", url, claim_id, "--json").json()["version"]

    refused = factcheck(capsys, "claim", "update", url, claim_id, "--as", "anna", "--status", "approved")
    assert refused.code == 2 and "cannot approve it" in refused.err
    ok(capsys, "claim", "update", url, claim_id, "--as", "ben", "--status", "approved", "--if-version", seen)

    stale = factcheck(
        capsys, "claim", "update", url, claim_id, "--as", "anna", "--verdict", "True", "--if-version", seen
    )
    assert stale.code == 1 and "ben changed it" in stale.err
    ok(capsys, "settings", "set", url, "--as", "ben", "organisation", "Team Desk")

    claim = ok(capsys, "claim", "show", url, claim_id, "--json").json()
    assert (claim["status"], claim["approved_by"], claim["verdict"]) == ("approved", "ben", "Mostly true")
    assert ok(capsys, "settings", "get", url, "organisation").out.strip() == "Team Desk"
    entries = ok(capsys, "history", url, "--claim", claim_id, "--json").json()
    assert [e["analyst"] for e in entries] == ["anna", "anna", "anna", "ben"]
    assert ok(capsys, "problems", url).code == 0
