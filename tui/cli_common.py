"""What every command shares: the clock, the open store, and lists typed as ``a,b`` or repeated."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from store import LONDON, Clock, FixedClock, PraxisError, SystemClock, resolve_store_path

if TYPE_CHECKING:
    from store import Repository

ENV_CLOCK = "PRAXIS_CLOCK"


def make_clock() -> Clock:
    """Return the real clock, or a fixed one when ``$PRAXIS_CLOCK`` names an instant (demos, tests)."""
    fixed = os.environ.get(ENV_CLOCK)
    if not fixed:
        return SystemClock()
    try:
        at = datetime.fromisoformat(fixed)
    except ValueError as exc:
        raise PraxisError(f"{ENV_CLOCK}={fixed!r} is not an ISO date and time") from exc
    return FixedClock(at if at.tzinfo else at.replace(tzinfo=LONDON))


def open_repo(args: argparse.Namespace, *, write: bool) -> Repository:
    """Open the store named by ``--store`` / ``$PRAXIS_STORE`` / the default location.

    A writer waits a few seconds for another copy's save (the app saves in a moment) before it is
    refused; a reader takes no lock, so it reads while the app is open.
    """
    from store import Repository
    from store.locking import WRITE_WAIT

    path = resolve_store_path(getattr(args, "store", None))
    return Repository.open(path, make_clock(), read_only=not write, wait=WRITE_WAIT if write else 0.0)


def framework_ids(values: Iterable[str]) -> list[str]:
    """Return framework ids given as repeated flags and/or comma lists, lower-cased, blanks dropped."""
    return [f.strip().lower() for item in values for f in item.split(",") if f.strip()]
