"""Installer recipes and desktop integration files: valid, consistent with each other and the app."""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck_app import __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "resources" / "linux"
ICONS = REPO / "resources" / "icons"
PACKAGING = REPO / "packaging"
APP_ID = "org.factcheck.FactcheckApp"
MIME_TYPE = "application/x-factcheck-project"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
VERSION = __version__


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_project_files() -> None:
    """The menu entry starts factcheck-app with the double-clicked project."""
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "factcheck-app %f"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"].split(";")[0] == MIME_TYPE
    assert entry["Terminal"] == "false"


def test_mime_type_matches_extension_and_project_stamp() -> None:
    """*.factcheck, and SQLite files stamped with the project's application_id, are projects."""
    root = ET.parse(LINUX / "factcheck-project.xml").getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.factcheck"]
    outer = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert outer is not None and outer.get("value", "").startswith("SQLite format 3") and outer.get("offset") == "0"
    inner = outer.find(f"{MIME_NS}match")
    from factcheck_app.storage.engine import APPLICATION_ID

    assert inner is not None and inner.get("offset") == "68"
    assert inner.get("value", "").encode() == struct.pack(">I", APPLICATION_ID)


def test_metainfo_describes_this_app_and_release() -> None:
    """AppStream: the same id, launchable, licence, and the current version among the releases."""
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("provides/mediatype") == MIME_TYPE
    assert VERSION in [r.get("version") for r in root.findall("releases/release")]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    """desktop-file-validate accepts the menu entry."""
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_metainfo_validates() -> None:
    """appstreamcli accepts the metainfo (infos and pedantic notes allowed)."""
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_come_in_every_size() -> None:
    """The SVG and PNGs for each hicolor size, plus the Windows .ico and macOS .icns."""
    ET.parse(ICONS / "factcheck-app.svg")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (ICONS / f"factcheck-app-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)
    ico = (ICONS / "factcheck-app.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 6
    assert (ICONS / "factcheck-app.icns").read_bytes()[:4] == b"icns"


def test_spec_ships_migrations_resources_and_both_programs() -> None:
    """The PyInstaller spec carries Alembic's scripts and resources as data, and both executables."""
    spec = (PACKAGING / "factcheck_app.spec").read_text(encoding="utf-8")
    assert '"factcheck_app/storage/migrations"' in spec and '".mako"' in spec
    assert '"resources"' in spec
    assert 'name="factcheck-app"' in spec and 'name="factcheck"' in spec
    assert "CFBundleDocumentTypes" in spec and '"org.factcheck.app"' in spec


def test_windows_version_template_fills_in() -> None:
    """packaging/windows/version_info.txt becomes a PyInstaller version resource with our version."""
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    filled = text.format(version=VERSION, version_tuple=(1, 2, 3, 0), name="factcheck-app", description="GUI")
    tree = ast.parse(filled, mode="eval")  # PyInstaller eval()s the file
    assert isinstance(tree.body, ast.Call) and getattr(tree.body.func, "id", "") == "VSVersionInfo"
    assert f"StringStruct('FileVersion', '{VERSION}')" in filled
    assert "filevers=(1, 2, 3, 0)" in filled
    try:  # the full check needs pefile, which PyInstaller installs on Windows only
        from PyInstaller.utils.win32 import versioninfo
    except ImportError:
        return
    info = eval(filled, vars(versioninfo))
    assert info.ffi.fileVersionMS == (1 << 16) | 2


def test_inno_setup_script_associates_project_files() -> None:
    """The Windows installer registers .factcheck with its ProgID and installs the whole folder."""
    iss = (PACKAGING / "windows" / "factcheck-app.iss").read_text(encoding="utf-8")
    assert 'Subkey: "Software\\Classes\\.factcheck"' in iss
    assert "FactcheckApp.Project" in iss and 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in iss
    assert "ChangesAssociations=yes" in iss and "recursesubdirs" in iss
    assert "{autoprograms}" in iss


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="install.sh is for Linux")
def test_install_script_installs_and_uninstalls(tmp_path: Path) -> None:
    """install.sh copies the bundle, menu entry, icons and MIME type, then --uninstall removes them."""
    bundle = tmp_path / "factcheck-app-0.0"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copytree(REPO / "resources", bundle / "_internal" / "resources")
    for program in ("factcheck-app", "factcheck"):
        (bundle / program).write_text("#!/bin/sh\necho ok\n")
        (bundle / program).chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle / "install.sh")
    prefix = tmp_path / "prefix"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "PREFIX": str(prefix)}

    result = subprocess.run(["bash", str(bundle / "install.sh")], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    opt = prefix / "opt" / "factcheck-app"
    assert os.access(opt / "factcheck-app", os.X_OK)
    assert (prefix / "bin" / "factcheck").resolve() == (opt / "factcheck").resolve()
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{opt}/factcheck-app" %f' in desktop
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (prefix / "share" / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    result = subprocess.run(["bash", str(opt / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not opt.exists()
    assert not (prefix / "share" / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((prefix / "share" / "icons").rglob(f"{APP_ID}.*"))
