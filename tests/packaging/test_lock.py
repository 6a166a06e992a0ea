"""requirements/lock.txt stays true to pyproject.toml.

scripts/setup.sh and packaging/build.sh install exactly the lock (``pip --require-hashes``), so a
dependency added or tightened in pyproject.toml without ``scripts/lock.sh`` would never reach
anyone's install. These tests check that every dependency pyproject.toml names (runtime, the
``dev`` and ``package`` extras, the build backend) is pinned with ``==`` in the lock at a version
its specifier allows, for the running Python and for the other platforms the lock claims to
cover, and that every locked package carries hashes.
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements" / "lock.txt"
PYPROJECT = REPO / "pyproject.toml"
EXTRAS = ("dev", "package")

# The lock is universal (scripts/lock.sh): it must satisfy pyproject.toml on each of these too.
PLATFORMS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
}
PYTHONS = ("3.11.9", "3.12.8", "3.13.1")


@dataclass(frozen=True)
class Pin:
    requirement: Requirement
    hashes: tuple[str, ...]

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    def applies(self, env: dict[str, str]) -> bool:
        return self.requirement.marker is None or self.requirement.marker.evaluate(env)

    def pinned_version(self) -> Version | None:
        """The version of a single ``==X`` specifier, else None."""
        specs = list(self.requirement.specifier)
        if len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version:
            return Version(specs[0].version)
        return None


def parse_lock(text: str) -> list[Pin]:
    """The lock's entries: comments dropped, backslash continuations joined, hashes split off."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    if current.strip():
        logical.append(current)
    pins = []
    for line in logical:
        spec, *options = line.split(" --")
        hashes = tuple(option.split("=", 1)[1].strip() for option in options if option.startswith("hash="))
        others = [option for option in options if not option.startswith("hash=")]
        assert not others, f"lock line with options other than --hash: {line!r}"
        pins.append(Pin(Requirement(spec.strip()), hashes))
    return pins


def declared(pyproject: dict[str, Any]) -> list[tuple[str, Requirement]]:
    """Every requirement pyproject.toml names that the lock installs, with where it comes from."""
    found = [("dependencies", Requirement(text)) for text in pyproject["project"]["dependencies"]]
    for extra in EXTRAS:
        found += [(f"[{extra}]", Requirement(text)) for text in pyproject["project"]["optional-dependencies"][extra]]
    found += [("[build-system]", Requirement(text)) for text in pyproject["build-system"]["requires"]]
    return found


def environment(python: str | None = None, platform: str | None = None) -> dict[str, str]:
    """Marker environment of the running interpreter, or of another Python version or platform."""
    env = dict(default_environment())
    if python is not None:
        env["python_full_version"] = python
        env["python_version"] = ".".join(python.split(".")[:2])
    if platform is not None:
        env.update(PLATFORMS[platform])
    return env


def problems(pyproject: dict[str, Any], pins: list[Pin], env: dict[str, str]) -> list[str]:
    """What in the lock does not satisfy pyproject.toml in this marker environment."""
    found = []
    for pin in pins:
        if pin.pinned_version() is None:
            found.append(f"{pin.requirement} is not pinned with a single ==")
        if not pin.hashes or not all(h.startswith("sha256:") for h in pin.hashes):
            found.append(f"{pin.requirement} has no sha256 hash")
    for source, requirement in declared(pyproject):
        extra = source.strip("[]") if source.startswith("[") else ""
        if requirement.marker is not None and not requirement.marker.evaluate({**env, "extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        matching = [pin for pin in pins if pin.name == name and pin.applies(env)]
        if len(matching) != 1:
            found.append(f"{requirement} ({source}): {len(matching)} lock entries apply, expected 1")
            continue
        version = matching[0].pinned_version()
        if version is not None and not requirement.specifier.contains(version, prereleases=True):
            found.append(f"{requirement} ({source}): the lock pins {version}, outside {requirement.specifier}")
    return found


@pytest.fixture(scope="module")
def pyproject() -> dict[str, Any]:
    with PYPROJECT.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def pins() -> list[Pin]:
    return parse_lock(LOCK.read_text(encoding="utf-8"))


def test_the_lock_satisfies_pyproject_for_the_running_python(pyproject: dict[str, Any], pins: list[Pin]) -> None:
    found = problems(pyproject, pins, environment())
    assert not found, "requirements/lock.txt is out of step with pyproject.toml (run scripts/lock.sh):\n" + "\n".join(
        found
    )


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.parametrize("python", PYTHONS)
def test_the_universal_lock_satisfies_pyproject_elsewhere(
    pyproject: dict[str, Any], pins: list[Pin], python: str, platform: str
) -> None:
    found = problems(pyproject, pins, environment(python, platform))
    assert not found, f"requirements/lock.txt on Python {python}, {platform} (run scripts/lock.sh):\n" + "\n".join(
        found
    )


def test_every_locked_package_is_pinned_once_and_hashed(pins: list[Pin]) -> None:
    assert len(pins) > 20
    assert all(pin.pinned_version() is not None for pin in pins)
    assert all(pin.hashes for pin in pins)
    env = environment()
    names = [pin.name for pin in pins if pin.applies(env)]
    assert len(names) == len(set(names)), "a package is pinned twice for the running Python"


def test_pyside6_stays_below_6_12_on_python_3_11(pins: list[Pin]) -> None:
    """6.12.0 corrupts None's refcount on Python 3.11 (tests/ui/test_pyside_refcount.py)."""
    env = environment("3.11.9", "linux")
    (pin,) = [pin for pin in pins if pin.name == "pyside6-essentials" and pin.applies(env)]
    assert pin.pinned_version() < Version("6.12")


def test_html_cleaning_is_a_direct_dependency(pyproject: dict[str, Any], pins: list[Pin]) -> None:
    """trafilatura/jusText import lxml_html_clean; only an lxml extra of jusText brings it otherwise."""
    names = {canonicalize_name(Requirement(text).name) for text in pyproject["project"]["dependencies"]}
    assert "lxml-html-clean" in names
    assert "lxml-html-clean" in {pin.name for pin in pins}


def test_the_check_fails_on_an_unlocked_or_out_of_range_dependency(pyproject: dict[str, Any], pins: list[Pin]) -> None:
    """A dependency added to pyproject.toml without relocking, or one tightened past its pin, is reported."""
    changed = {**pyproject, "project": {**pyproject["project"]}}
    changed["project"]["dependencies"] = [*pyproject["project"]["dependencies"], "left-pad-never-locked>=1"]
    assert any("left-pad-never-locked" in problem for problem in problems(changed, pins, environment()))

    (sqlalchemy,) = [pin for pin in pins if pin.name == "sqlalchemy"]
    tightened = [
        f"SQLAlchemy>{sqlalchemy.pinned_version()}" if Requirement(text).name.lower() == "sqlalchemy" else text
        for text in pyproject["project"]["dependencies"]
    ]
    changed["project"]["dependencies"] = tightened
    assert any("outside" in problem for problem in problems(changed, pins, environment()))

    unhashed = parse_lock("demo==1.0\n")
    assert any("no sha256 hash" in problem for problem in problems(pyproject, unhashed, environment()))


def test_the_installed_packages_are_the_locked_versions(pins: list[Pin]) -> None:
    """The environment running the tests is the lock (scripts/setup.sh reinstalls when the lock changes)."""
    env = environment()
    wrong = []
    for pin in pins:
        if not pin.applies(env):
            continue
        try:
            installed = Version(importlib.metadata.version(pin.requirement.name))
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{pin.requirement.name}: not installed, the lock pins {pin.pinned_version()}")
            continue
        if installed != pin.pinned_version():
            wrong.append(f"{pin.requirement.name}: {installed} installed, the lock pins {pin.pinned_version()}")
    assert not wrong, "this environment is not the lock (run scripts/setup.sh):\n" + "\n".join(wrong)
