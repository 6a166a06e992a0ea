"""The method's settings (second-verdict rule, complaint deadline, agreement's ordinal line) are
ordinary project settings: `factcheck settings` sets them, validated, and the services obey them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_app.cli import main
from factcheck_app.domain.corrections import complaint_days
from factcheck_app.services.project import Project


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_method_settings_are_set_validated_and_obeyed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "desk.factcheck"
    assert run(capsys, "new", project)[0] == 0
    status, out, _ = run(capsys, "settings", "get", project, "--json")
    defaults = json.loads(out)
    assert defaults["gate.second_opinion"] == "off" and defaults["corrections.complaint_days"] == "7"

    status, _, err = run(
        capsys,
        "settings",
        "set",
        project,
        "gate.second_opinion=on",
        "corrections.complaint_days=10",
        "agreement.ordinal=True, Mostly true, Half true, False",
        "--as",
        "carla",
    )
    assert status == 0, err
    with Project.open(project, read_only=True) as opened:
        stored = opened.settings()
    assert stored["gate.second_opinion"] == "on"
    assert complaint_days(stored) == 10
    assert json.loads(stored["agreement.ordinal"]) == ["True", "Mostly true", "Half true", "False"]

    for bad in ("corrections.complaint_days=0", "corrections.complaint_days=ten", "agreement.ordinal=True"):
        status, _, err = run(capsys, "settings", "set", project, bad)
        assert status == 1 and len(err.splitlines()) == 1, (bad, err)
    with Project.open(project, read_only=True) as opened:
        assert opened.settings() == stored  # a refused value changes nothing
