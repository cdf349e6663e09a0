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

from bench import ratios
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
    parser = _parser()
    args = parser.parse_args(argv)
    if args.sizes is not None and not args.ratios:
        parser.error("--sizes goes with --ratios")
    if args.ratios:
        if args.quick or args.records != 10_000:
            parser.error("--ratios takes --sizes, not --records or --quick")
        try:
            sizes = ratios.parse_sizes(args.sizes) if args.sizes else list(ratios.SIZES)
        except ValueError as e:
            parser.error(f"--sizes: {e}")
        return ratios.run(sizes, args.dir)
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
        "--ratios",
        action="store_true",
        help="instead of the table: each read command's CPU time as a multiple of parsing the "
        "store, for 1,000, 10,000 and 100,000 long-text records (issue 16)",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        metavar="N,N",
        help="with --ratios, the store sizes to measure (default 1000,10000,100000)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where to make the scratch folder (default: system temp)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
