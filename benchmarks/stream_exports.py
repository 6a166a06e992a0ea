"""Open exports (CSV, ClaimReview, Web Annotation) at a desk's scale: time and peak memory.

    .venv/bin/python benchmarks/stream_exports.py [--sizes 10000,100000] [--repeat 3] [--keep DIR]

Projects are built as ``benchmarks/scale.py`` builds them (100 articles of ~96k characters,
claims with tags, verdicts, rationales and sources); each export then runs in a child process
of its own, through ``services.exports.export_open_format`` as the window and the CLI call
it, so its peak memory (the process's maximum resident set) is its own. Times are the median
of ``--repeat`` runs, in CPU seconds of the process (steadier than wall time on a shared
machine) beside the wall time. With the defaults it takes two to three minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FORMATS = ("csv", "claimreview", "webannotation")


def measure(path: Path, fmt: str, repeat: int) -> dict[str, float]:
    """Run in a child process: one format on one project, ``repeat`` times."""
    from factcheck_app.services.exports import export_open_format
    from factcheck_app.services.project import Project

    walls, cpus = [], []
    with Project.open(path, read_only=True) as project, tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            result = export_open_format(project, Path(out) / f"claims-{fmt}", fmt)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        size = result.path.stat().st_size
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mb": size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build projects here and keep them (reused when present)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), args.child[1], args.repeat)))
        return
    from benchmarks.scale import build

    sizes = [int(s) for s in args.sizes.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-exports-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'export':<16}{'claims':>9}{'cpu s':>9}{'wall s':>9}{'µs/claim':>10}{'peak RSS MB':>13}{'file MB':>9}")
    for claims in sizes:
        path = folder / f"scale-{claims}.factcheck"
        if not path.exists():
            started = time.perf_counter()
            build(path, claims)
            print(f"built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        for fmt in FORMATS:
            child = subprocess.run(
                [sys.executable, __file__, "--repeat", str(args.repeat), "--child", str(path), fmt],
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(child.stderr, file=sys.stderr)
                raise SystemExit(f"exporting {claims} claims as {fmt} failed")
            f = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"{fmt:<16}{claims:>9,}{f['cpu']:>9.2f}{f['wall']:>9.2f}{f['cpu'] / claims * 1e6:>10.1f}"
                f"{f['rss']:>13.0f}{f['mb']:>9.1f}"
            )


if __name__ == "__main__":
    main()
