"""What every main screen shares: the header, the tabs between screens, the read-only banner, the
footer, and refreshing itself when the records change (after a save, or an undo from elsewhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tab, Tabs

if TYPE_CHECKING:
    from tui.app import PraxisApp
    from tui.session import Session

PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "d"),
    ("activities", "Activities", "a"),
    ("placements", "Placements", "p"),
    ("reflections", "Reflections", "r"),
)


class PageTabs(Tabs, can_focus=False):
    """The row of tabs naming each main screen; clicking one (or its key) opens it."""

    def __init__(self, active: str) -> None:
        super().__init__(
            *(Tab(f"{label} ({key})", id=f"tab-{page}") for page, label, key in PAGES),
            active=f"tab-{active}",
        )
        self.page = active

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        page = (event.tab.id or "").removeprefix("tab-")
        if page and page != self.page:
            self.app.run_action(f"view('{page}')")


class Page(Screen[None]):
    """A main screen. Subclasses give ``PAGE``, ``compose_page`` and ``refresh_page``."""

    PAGE: ClassVar[str] = ""

    @property
    def praxis(self) -> PraxisApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        """The open store."""
        return self.praxis.session

    def compose(self) -> ComposeResult:
        yield Header()
        yield PageTabs(self.PAGE)
        reason = self.praxis.read_only_reason
        banner = Static(reason or "", id="read-only", classes="read-only-banner")
        banner.display = bool(reason)
        yield banner
        yield from self.compose_page()
        yield Footer()

    def compose_page(self) -> ComposeResult:
        """The screen's own widgets, between the tabs and the footer."""
        yield from ()

    def refresh_page(self) -> None:
        """Show the records as they are now (called after any change, and on coming back)."""

    def on_mount(self) -> None:
        self._seen = self.session.version
        self.refresh_page()

    def on_screen_resume(self) -> None:
        if getattr(self, "_seen", None) != self.session.version:
            self.records_changed()

    def records_changed(self) -> None:
        """The records changed: refresh now."""
        self._seen = self.session.version
        self.refresh_page()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Extra (title, help, action) entries this screen adds to the command palette."""
        return []
