"""The reflections screen (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.page import Page


class ReflectionsScreen(Page):
    """Reflections."""

    PAGE = "reflections"

    def compose_page(self) -> ComposeResult:
        yield Static("Reflections (coming)", id="reflections-body")
