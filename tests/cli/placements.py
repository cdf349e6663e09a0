"""A placement the command-line tests add the way a student would."""

from __future__ import annotations

from collections.abc import Callable

NORTHSHIRE = ("placement", "add", "--name", "Northshire Children's Services", "--start", "01/09/2026",
              "--days", "70", "--setting", "statutory", "--kind", "first",
              "--weekdays", "mon-thu")  # fmt: skip


def add_northshire(praxis: Callable[..., tuple[int, str, str]]) -> tuple[int, str, str]:
    """``praxis placement add`` a 70-day statutory first placement from Tue 1 Sep 2026, Monday to
    Thursday; returns the command's exit code, output and errors."""
    return praxis(*NORTHSHIRE)
