"""The stress campaigns of ``make stress`` in reduced form: kills during saves, a restore killed at each
system call, writers at once, fuzzed command lines, malformed imports, every .ics of three public
iCal projects' test suites and 20 sign-off forgeries. Every figure that counts is 0."""

from __future__ import annotations

from pathlib import Path

from bench.stress import render, run


def test_the_reduced_stress_campaigns_find_nothing(tmp_path: Path) -> None:
    rows = run(quick=True, folder=tmp_path)
    table = render(rows)
    print(table)
    assert all(r.ok for r in rows), table
    assert {r.name.split()[0] for r in rows} >= {
        "kill",
        "restore",
        "fuzzed",
        "malformed",
        "public",
        "sign-off",
    }
    assert all(r.tries > 0 for r in rows)
