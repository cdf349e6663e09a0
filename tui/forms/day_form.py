"""Logging a placement day (being built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import PraxisApp


def open_log_day(app: PraxisApp) -> None:
    """Open the log-day form for the current placement."""
    app.notify("Logging days is coming.")
