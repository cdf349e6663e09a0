"""``python -m bench --ratios``: each read command's CPU time as a multiple of parsing its store.

For each size a long-text store is built once (bench.mixed_store). In the same run the baseline
is measured: the CPU seconds of a fresh ``python -c`` that starts Python and parses the store
file with orjson. Then every read command runs as a whole process and its CPU seconds (user +
system, from the child's own rusage via os.wait4, the same figure as a RUSAGE_CHILDREN delta)
are divided by that baseline. Each figure is the median of 3 runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from bench.mixed_store import counts
from bench.timing import compile_bytecode

SIZES = (1_000, 10_000, 100_000)
RUNS = 3
CPU_GOAL = 3.0  # a read command may cost at most this many times the baseline
RSS_GOAL = 2.5  # peak RSS of `praxis gaps` at most this many times the store file's size
CLOCK = "2026-11-22T12:00"
BASELINE_CODE = "import sys, orjson\nwith open(sys.argv[1], 'rb') as f:\n    orjson.loads(f.read())"
BIN = Path(sys.executable).parent
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gaps --json", ("gaps", "--json")),
    ("list activities --json", ("list", "activities", "--json")),
    ("export ics", ("export", "ics", "-o", "{out}/x.ics")),
    ("export report (html)", ("export", "report", "-o", "{out}/x.html")),
    ("export report (md)", ("export", "report", "-o", "{out}/x.md")),
    ("export bundle", ("export", "bundle", "-o", "{out}/x.praxis.json")),
    ("doctor", ("doctor",)),
)
HEADERS = ("measure", "records", "figure", "ratio", "goal", "ok")
NOTES = (
    "Commands: figure = CPU seconds (user + system) of the whole child process, median of 3, from its",
    "rusage; ratio = that / baseline, a fresh `python -c` that parses the same store with orjson, in",
    "this run. Peak RSS is the child's ru_maxrss (children are forked from a small process), its ratio",
    "to the store file's size. Output of list/gaps goes to /dev/null; exports go to the scratch folder.",
    "Saves: the app's way (shared store, write lock per save), long-text activities, each fsynced.",
    "Imports: wall seconds of `praxis import` into a fresh copy; memory = its peak RSS minus that of",
    "the same import of a one-record file (code loaded, store opened), as a multiple of the input.",
)


class Sample(NamedTuple):
    """One child process: CPU seconds (user + system) and peak resident set size in bytes."""

    cpu_s: float
    max_rss: int


def run_child(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """Run ``argv`` to the end and return its own CPU time and peak RSS; raise if it fails."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{message}")
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Sample(usage.ru_utime + usage.ru_stime, rss)


def median_of(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """Return the median CPU seconds and the median peak RSS over ``RUNS`` runs of ``argv``."""
    samples = [run_child(argv, env) for _ in range(RUNS)]
    return Sample(
        statistics.median(s.cpu_s for s in samples),
        int(statistics.median(s.max_rss for s in samples)),
    )


def measure_size(n: int, folder: Path) -> list[tuple[str, ...]]:
    """Build an ``n``-record store in ``folder``, measure baseline and commands; return table rows."""
    store = folder / "store" / "praxis.json"
    out = folder / "out"
    out.mkdir(parents=True)
    started = time.perf_counter()
    # Filled by a child process: a child's peak memory (ru_maxrss) counts from its parent's at the
    # fork, so the process that measures must not have built the store itself.
    subprocess.run([sys.executable, "-m", "bench.mixed_store", str(store), str(n)], check=True)
    fill_s = time.perf_counter() - started
    size = store.stat().st_size
    n_act, n_days, n_refl = counts(n)
    print(
        f"{n:,} records ({n_act:,} activities, {n_days:,} placement days, {n_refl:,} reflections): "
        f"{size / 1e6:.1f} MB store, generated and saved in {fill_s:.1f} s",
        flush=True,
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PRAXIS_STORE": str(store),
        "PRAXIS_CLOCK": CLOCK,
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_STATE_HOME": str(folder / "state"),
    }
    base = median_of([sys.executable, "-c", BASELINE_CODE, str(store)], env)
    rows = [("baseline: python -c + orjson", f"{n:,}", f"{base.cpu_s:.3f}", "1.0x", "-", "-")]
    for name, args in COMMANDS:
        argv = [str(BIN / "praxis"), *(a.format(out=out) for a in args)]
        got = median_of(argv, env)
        ratio = got.cpu_s / base.cpu_s
        rows.append(
            (name, f"{n:,}", f"{got.cpu_s:.3f}", f"{ratio:.1f}x", f"<= {CPU_GOAL:g}x", _ok(ratio <= CPU_GOAL))
        )
        if name.startswith("gaps"):
            rss_ratio = got.max_rss / size
            rows.append(
                (
                    "gaps --json peak RSS",
                    f"{n:,}",
                    f"{got.max_rss / 1e6:.0f} MB",
                    f"{rss_ratio:.1f}x file",
                    f"<= {RSS_GOAL:g}x file",
                    _ok(rss_ratio <= RSS_GOAL),
                )
            )
    rows += save_rows(n, store)
    from bench.import_speed import import_rows

    rows += import_rows(n, folder, store, env)
    from bench.app_speed import app_rows
    from bench.pdf_speed import pdf_rows

    rows += pdf_rows(n, folder / "pdf", store, env)
    rows += app_rows(n, folder, store)
    return rows


def save_rows(n: int, store: Path) -> list[tuple[str, ...]]:
    """Time single saves into ``store`` in a child process (``bench.save_speed``); two rows."""
    from bench.save_speed import P50_GOAL_MS, P99_GOAL_MS

    done = subprocess.run(
        [sys.executable, "-m", "bench.save_speed", str(store)], check=True, capture_output=True, text=True
    )
    got = json.loads(done.stdout)
    _SAVE_P50[n] = got["p50"]
    return [
        ("save 1 record (app): p50", f"{n:,}", f"{got['p50']:.1f} ms", "-", f"<= {P50_GOAL_MS:g} ms",
         _ok(got["p50"] <= P50_GOAL_MS)),
        ("save 1 record (app): p99", f"{n:,}", f"{got['p99']:.1f} ms", "-", f"<= {P99_GOAL_MS:g} ms",
         _ok(got["p99"] <= P99_GOAL_MS)),
    ]  # fmt: skip


def flat_save_row() -> list[tuple[str, ...]]:
    """A row comparing the save p50 at the largest size measured with the smallest's (flat in N)."""
    from bench.save_speed import FLAT_GOAL

    if len(_SAVE_P50) < 2:
        return []
    small, large = min(_SAVE_P50), max(_SAVE_P50)
    growth = _SAVE_P50[large] / _SAVE_P50[small]
    return [
        (f"save p50 at {large:,} / at {small:,}", "-", f"{growth:.2f}", f"{growth:.2f}x",
         f"<= {FLAT_GOAL:g}x", _ok(growth <= FLAT_GOAL)),
    ]  # fmt: skip


# The save p50 measured at each size, for the flatness row.
_SAVE_P50: dict[int, float] = {}


def _ok(good: bool) -> str:
    return "yes" if good else "NO"


def render(rows: Sequence[Sequence[str]]) -> str:
    """Return ``rows`` as an aligned plain-text table (text columns left, numbers right)."""
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    right = (False, True, True, True, False, False)

    def line(values: Sequence[str]) -> str:
        cells = [f"{v:>{w}}" if r else f"{v:<{w}}" for v, w, r in zip(values, widths, right, strict=True)]
        return " | ".join(cells).rstrip()

    return "\n".join([line(HEADERS), "-+-".join("-" * w for w in widths), *(line(r) for r in rows)])


def run(sizes: Sequence[int], scratch: Path | None = None) -> int:
    """Measure every size, print one table; return 1 if a goal was missed, else 0."""
    compile_bytecode()
    rows: list[tuple[str, ...]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"praxis-ratios-{n}-", dir=scratch) as tmp:
            rows += measure_size(n, Path(tmp))
    rows += flat_save_row()
    print()
    print(render(rows))
    print()
    print("\n".join(NOTES))
    return 1 if any(r[-1] == "NO" for r in rows) else 0


def parse_sizes(text: str) -> list[int]:
    """Parse ``1000,10000`` (underscores and 'k' allowed: ``10k``) into sizes."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        sizes.append(int(part[:-1]) * 1000 if part.endswith("k") else int(part))
    if not sizes or any(s <= 0 for s in sizes):
        raise ValueError("sizes must be positive whole numbers")
    return sizes
