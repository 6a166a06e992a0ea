"""Render a Word report to PDF and PNG pages, so a person can look at what editors will get.

LibreOffice converts the .docx to PDF (as Word would lay it out, near enough), and pdftoppm
draws each PDF page as a small PNG. Both come from Debian packages (libreoffice-writer,
poppler-utils); without them the script says so and exits with status 2.

    .venv/bin/python benchmarks/render_report.py REPORT.docx OUTDIR

Writes OUTDIR/REPORT.pdf and OUTDIR/REPORT-01.png, -02.png, … and prints their paths.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CONVERT_TIMEOUT_S = 300
RESOLUTION_DPI = 60


def _tool(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def render(report: Path, outdir: Path, *, resolution: int = RESOLUTION_DPI) -> list[Path]:
    """Convert ``report`` to OUTDIR/<name>.pdf and OUTDIR/<name>-NN.png; return the PDF then the PNGs."""
    soffice = _tool("soffice", "libreoffice")
    pdftoppm = _tool("pdftoppm")
    missing = [
        name for name, path in (("soffice (LibreOffice)", soffice), ("pdftoppm (poppler-utils)", pdftoppm)) if not path
    ]
    if missing:
        raise FileNotFoundError(f"{' and '.join(missing)} not found: install libreoffice-writer and poppler-utils.")
    assert soffice is not None and pdftoppm is not None
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / f"{report.stem}.pdf"
    for old in outdir.glob(f"{report.stem}-*.png"):
        old.unlink()
    # NOTE: a throw-away LibreOffice profile, so a running LibreOffice (or a first-start dialog)
    # never blocks the conversion and nothing is left in the user's profile.
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(report),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=CONVERT_TIMEOUT_S,
        )
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice did not write {pdf}.")
    subprocess.run([pdftoppm, "-r", str(resolution), "-png", str(pdf), str(outdir / report.stem)], check=True)
    # pdftoppm pads page numbers only as wide as the last one needs: sort by number, not by name.
    pages = sorted(outdir.glob(f"{report.stem}-*.png"), key=lambda png: int(png.stem.rsplit("-", 1)[1]))
    return [pdf, *pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the .docx to render")
    parser.add_argument("outdir", type=Path, help="folder for the PDF and the PNG pages")
    parser.add_argument("-r", "--resolution", type=int, default=RESOLUTION_DPI, help="PNG resolution in dpi")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"render_report: {args.report} is not a file", file=sys.stderr)
        return 1
    try:
        written = render(args.report.resolve(), args.outdir.resolve(), resolution=args.resolution)
    except FileNotFoundError as exc:
        print(f"render_report: {exc}", file=sys.stderr)
        return 2
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, RuntimeError) as exc:
        print(f"render_report: conversion failed: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
