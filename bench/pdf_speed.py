"""The PDF report's CPU time as a multiple of the HTML report's, on the same store (issue 16).

    .venv/bin/python -m bench.pdf_speed [--records 1000,10000] [--dir /tmp/pdfbench]

``praxis export report -o x.pdf`` may cost at most twice the CPU of ``-o x.html``. Both run as whole
child processes on one filled store (``bench.mixed_store``), timed from the child's own rusage
(``bench.ratios.run_child``); each figure is the median of 3 runs, or of 1 when a run takes over a
minute (100,000 records). ``pdf_rows`` gives the rows ``bench.ratios`` prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from bench.ratios import CLOCK, RUNS, Sample, median_of, render, run_child

PDF_GOAL = 2.0  # the PDF report may cost at most this many times the HTML report
LONG_RUN_S = 60.0  # a run longer than this is not repeated
BIN = Path(sys.executable).parent


def _median_or_once(argv: list[str], env: dict[str, str]) -> Sample:
    """The median of ``RUNS`` runs, or the first run alone when it took over ``LONG_RUN_S``."""
    first = run_child(argv, env)
    if first.cpu_s > LONG_RUN_S:
        return first
    samples = [first, *(run_child(argv, env) for _ in range(RUNS - 1))]
    return Sample(
        statistics.median(s.cpu_s for s in samples), int(statistics.median(s.max_rss for s in samples))
    )


Row = tuple[str, str, str, str, str, str]


def pdf_rows(n: int, folder: Path, store: Path, env: dict[str, str]) -> list[Row]:
    """Time the HTML and the PDF report of the filled ``store`` (``n`` records); return one table row.

    ``env`` is the environment the commands run in (it should name ``store`` as PRAXIS_STORE, a fixed
    PRAXIS_CLOCK and scratch XDG folders); reports are written into ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    env = {**env, "PRAXIS_STORE": str(store)}
    praxis = str(BIN / "praxis")
    html = median_of([praxis, "export", "report", "-o", str(folder / "x.html")], env)
    pdf = _median_or_once([praxis, "export", "report", "-o", str(folder / "x.pdf")], env)
    ratio = pdf.cpu_s / html.cpu_s
    ok = "yes" if ratio <= PDF_GOAL else "NO"
    return [
        (
            "export report (pdf)",
            f"{n:,}",
            f"{pdf.cpu_s:.3f}",
            f"{ratio:.1f}x html",
            f"<= {PDF_GOAL:g}x html",
            ok,
        )
    ]


def main() -> int:
    from bench.context import bench_clock
    from bench.mixed_store import fill_mixed_store
    from bench.ratios import parse_sizes

    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=parse_sizes, default=[1_000, 10_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/pdfbench"))
    args = parser.parse_args()
    rows: list[tuple[str, ...]] = []
    for n in args.records:
        folder = args.dir / f"pdfbench-{n}"
        store = folder / "store" / "praxis.json"
        if not store.exists():
            fill_mixed_store(store, n, bench_clock())
        env = {
            **os.environ,
            "PRAXIS_CLOCK": CLOCK,
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_STATE_HOME": str(folder / "state"),
        }
        rows += pdf_rows(n, folder / "out", store, env)
        print(render(rows[-1:]), flush=True)
    print()
    print(render(rows))
    return 1 if any(r[-1] == "NO" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
