"""The dashboard screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.page import Page


class DashboardScreen(Page):
    """Dashboard."""

    PAGE = "dashboard"

    def compose_page(self) -> ComposeResult:
        yield Static("Dashboard (coming)", id="dashboard-body")
