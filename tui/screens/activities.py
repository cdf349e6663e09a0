"""The activities screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.page import Page


class ActivitiesScreen(Page):
    """Activities."""

    PAGE = "activities"

    def compose_page(self) -> ComposeResult:
        yield Static("Activities (coming)", id="activities-body")
