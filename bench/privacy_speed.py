"""How long the confidentiality check takes over a large store (issue 16).

    .venv/bin/python -m bench.privacy_speed [--records 10000] [--dir /tmp/x] [--save F | --compare F]

Fills a store with ``fill_store`` (kept in ``--dir`` when given, so the CLI can be timed on it),
then times ``scan_records`` over every record: a first scan, and a second one in the same process.
``--save`` writes every flag found (pickled) and ``--compare`` checks a later run finds the same.
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

from bench.context import bench_clock
from bench.generate import fill_store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/praxis-privacy-speed"))
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    from praxis_socialwork.store import Repository

    clock = bench_clock()
    store = args.dir / f"store-{args.records}" / "praxis.json"
    if not store.exists():
        fill_store(store, args.records, clock)
    with Repository.open(store, clock) as repo:
        records = list(repo.every_record())
        profile = repo.profile()
    names = [profile.name] if profile else []
    print(f"store: {store} ({len(records):,} records)")

    started = time.perf_counter()
    from praxis_socialwork.exports.privacy import scan_records

    print(f"import privacy: {time.perf_counter() - started:.3f} s")
    for attempt in ("first", "second"):
        started = time.perf_counter()
        flags = scan_records(records, names=names)
        print(f"scan_records {attempt}: {time.perf_counter() - started:.3f} s, {len(flags)} flags")
    if args.save:
        args.save.write_bytes(pickle.dumps(flags))
    if args.compare:
        before = pickle.loads(args.compare.read_bytes())
        same = before == flags
        print(f"same flags as {args.compare}: {same}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
