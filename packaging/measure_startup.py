"""Start time of the frozen bundle beside the source checkout, and the bundle's size.

    .venv/bin/python packaging/measure_startup.py [--bundle dist/factcheck-app] [--runs 3]

Each program renders ``--screenshot`` (start, open the sample project, paint, exit) with
the same prepared settings folder, so both open the same sample; the median wall time of
``--runs`` runs is printed with the ratio (the issue's target: frozen ≤ 1.2 × source).
It also times the ordinary start path to the first painted window and to the project on
screen, through the ``FACTCHECK_BENCH_STARTUP`` hook of ``factcheck_app.ui.launch``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wall_time(command: list[str], env: dict[str, str], out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*command, "--screenshot", str(out)], env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def start_times(command: list[str], env: dict[str, str]) -> tuple[float, float] | None:
    """Seconds to the first paint and to the project on screen (None without the bench hook)."""
    started = time.perf_counter()
    marks: dict[str, float] = {}
    process = subprocess.Popen(
        command,
        env={**env, "FACTCHECK_BENCH_STARTUP": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        marks.setdefault(line.strip(), time.perf_counter() - started)
    process.wait(timeout=60)
    if "first-paint" not in marks or "project-shown" not in marks:
        return None
    return marks["first-paint"], marks["project-shown"]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "factcheck-app")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    frozen = args.bundle / "factcheck-app"
    source = Path(sys.executable).parent / "factcheck-app"
    if not frozen.exists():
        print(f"no bundle at {args.bundle}: run packaging/build.sh first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTCHECK_CONFIG_DIR": str(Path(tmp) / "config")}
        out = Path(tmp) / "shot.png"
        wall_time([str(source)], env, out)  # creates the sample project; warms the file cache
        wall_time([str(frozen)], env, out)
        programs = {"source": [str(source)], "frozen": [str(frozen)]}
        times: dict[str, list[float]] = {"source": [], "frozen": []}
        starts: dict[str, list[tuple[float, float]]] = {"source": [], "frozen": []}
        for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
            for name, command in programs.items():
                times[name].append(wall_time(command, env, out))
                marks = start_times(command, env)
                if marks:
                    starts[name].append(marks)
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:>6} --screenshot: median {median[name]:.2f} s  (runs: {runs})")
    print(f" ratio frozen/source: {median['frozen'] / median['source']:.2f}  (target ≤ 1.20)")
    if all(len(v) == args.runs for v in starts.values()):
        for name, marks in starts.items():
            paint = statistics.median(m[0] for m in marks)
            shown = statistics.median(m[1] for m in marks)
            print(f"{name:>6} normal start: first paint {paint:.2f} s, project shown {shown:.2f} s (medians)")
    print(f"  bundle size: {folder_size(args.bundle) / 1e6:.0f} MB unpacked  (target ≤ 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
