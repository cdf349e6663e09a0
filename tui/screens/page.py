"""What every main screen shares: the header, the tabs between screens, the read-only banner, the
footer, and refreshing itself when the records change (after a save, or an undo from elsewhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from tui.app import PraxisApp
    from tui.session import Session

PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "d"),
    ("activities", "Activities", "a"),
    ("placements", "Placements", "p"),
    ("reflections", "Reflections", "r"),
)


class PageTabs(Static):
    """The row naming each main screen, the current one marked; click a name (or press its key)."""

    DEFAULT_CSS = """
    PageTabs { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, active: str) -> None:
        parts = []
        for page, label, key in PAGES:
            if page == active:
                parts.append(f"[b $text on $primary 60%] {label} ({key}) [/]")
            else:
                parts.append(f"[@click=app.view('{page}')] {label} ({key}) [/]")
        super().__init__(" ".join(parts), id="page-tabs")
        self.page = active


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

    def banner(self) -> None:
        """Show or hide the read-only banner for the store as it is now."""
        reason = self.praxis.read_only_reason
        banner = self.query_one("#read-only", Static)
        banner.update(reason or "")
        banner.display = bool(reason)

    def on_mount(self) -> None:
        if not self.praxis.is_open:
            return
        self._seen = self.session.version
        self.refresh_page()

    def on_screen_resume(self) -> None:
        if self.praxis.is_open and getattr(self, "_seen", None) != self.session.version:
            self.records_changed()

    def records_changed(self) -> None:
        """The records changed: refresh now."""
        self._seen = self.session.version
        self.refresh_page()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Extra (title, help, action) entries this screen adds to the command palette."""
        return []
