"""First run (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class SetupScreen(Screen[None]):
    """Who you are, or explore with a sample portfolio."""

    def compose(self) -> ComposeResult:
        yield Static("Setup (coming)")
