"""The command line reads other files too (a report's logo and template): regular files only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from factcheck_app import cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev devices are POSIX")


@pytest.mark.parametrize("option", ["--logo", "--template"])
def test_logo_or_template_that_is_not_a_regular_file_is_refused(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO would block the export forever and /dev/zero would fill memory: one line, exit 1, no report."""
    project = tmp_path / "desk.factcheck"
    assert cli.main(["new", str(project)]) == 0
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    report = tmp_path / "report.docx"
    for special in (fifo, Path("/dev/zero")):
        capsys.readouterr()
        assert cli.main(["export", str(project), "-o", str(report), option, str(special)]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and err.startswith("factcheck: "), err
        assert "only regular files are read" in err
    assert not report.exists()
