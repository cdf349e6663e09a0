"""``python -m bench``: fill a scratch store, run every registered benchmark, print one table."""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import tinydb

from bench.context import BenchContext, bench_clock
from bench.generate import fill_store
from bench.registry import BENCHMARKS
from bench.table import render
from bench.timing import Row

QUICK_RECORDS = 1_000
NOTES = (
    "Wall-clock times (time.perf_counter) in this one process, on the disk holding the scratch",
    "folder. Every open reads files already in the OS page cache, so load times are warm-cache.",
    "Rows without a goal are there to explain the others.",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks, print the table; return 1 if a goal was missed, else 0."""
    args = _parser().parse_args(argv)
    records = QUICK_RECORDS if args.quick else args.records
    clock = bench_clock()
    with tempfile.TemporaryDirectory(prefix="praxis-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        store_path = folder / "store" / "praxis.json"
        started = time.perf_counter()
        fill_store(store_path, records, clock)
        fill_s = time.perf_counter() - started
        size_mb = store_path.stat().st_size / 1_000_000
        print(
            f"Store: {records:,} activities, {size_mb:.1f} MB snapshot "
            f"(generated and saved in {fill_s:.1f} s) in {folder}"
        )
        print(f"Python {platform.python_version()}, TinyDB {tinydb.__version__}\n")
        ctx = BenchContext(store_path, folder / "work", records, clock)
        ctx.scratch.mkdir()
        rows: list[Row] = []
        for benchmark in BENCHMARKS:
            rows += benchmark(ctx)
    print(render(rows))
    print()
    print("\n".join(NOTES))
    return 1 if any(r.ok is False for r in rows) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark Praxis's store on generated, fictional records. "
        "Exits 1 if any goal is missed.",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--records", type=int, default=10_000, help="activities in the store (default 10000)")
    size.add_argument("--quick", action="store_true", help=f"use {QUICK_RECORDS:,} activities instead")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where to make the scratch folder (default: system temp)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
