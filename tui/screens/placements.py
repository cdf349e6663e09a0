"""The placements screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.page import Page


class PlacementsScreen(Page):
    """Placements."""

    PAGE = "placements"

    def compose_page(self) -> ComposeResult:
        yield Static("Placements (coming)", id="placements-body")
