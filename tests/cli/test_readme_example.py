"""The README's "Scripting" example, run verbatim with bash: import to published report from the CLI.

The code block under ``## Scripting`` in README.md is the test: it makes its own input
files, so it runs in an empty folder with only the installed `factcheck` on PATH.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
CLAIMED = (
    "will carry 50,000 passengers a day",
    "cost twice the budget",
    "spending on schools rises by 8 per cent",
)


def scripting_example(readme: Path) -> str:
    """The one ```bash block of the ``## Scripting`` section."""
    text = readme.read_text(encoding="utf-8")
    heading = re.search(r"^## Scripting[ \t]*$", text, flags=re.MULTILINE)
    assert heading is not None, f"{readme.name} has no “## Scripting” section"
    end = re.compile(r"^## ", flags=re.MULTILINE).search(text, heading.end())
    section = text[heading.end() : end.start() if end else len(text)]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, "the Scripting section has exactly one bash block"
    return blocks[0]


def test_readme_scripting_example_runs_verbatim(tmp_path: Path) -> None:
    """bash runs the block as a reader would paste it; the Word report holds every approved claim,
    the ClaimReview is signed by the organisation set, and the self-approval was refused (exit 2)."""
    import docx

    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "factcheck").exists(), "the factcheck command is installed next to the test's Python"
    script = tmp_path / "example.sh"
    script.write_text(scripting_example(README), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_ANALYST"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "refused, exit 2" in result.stdout
    assert "cannot approve it" in result.stderr

    report = tmp_path / "report.docx"
    document = docx.Document(str(report))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for quote in CLAIMED:
        assert quote in text, quote
    assert "Verification Desk" in text

    reviews = json.loads((tmp_path / "claimreview.json").read_text(encoding="utf-8"))
    dumped = json.dumps(reviews, ensure_ascii=False)
    assert "Verification Desk" in dumped and "https://factchecks.example/2026#claim-" in dumped
    claims = json.loads(
        subprocess.run(
            [str(bin_dir / "factcheck"), "claims", str(tmp_path / "desk.factcheck"), "--json"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
    )
    assert sorted(c["quote"] for c in claims) == sorted(CLAIMED)
    assert {(c["status"], c["created_by"], c["approved_by"]) for c in claims} == {("approved", "anna", "ben")}
    cost = next(c for c in claims if c["verdict"] == "False")
    assert cost["evidence"][0]["stance"] == "contradicts" and cost["sources"][0]["kind"] == "primary document"
