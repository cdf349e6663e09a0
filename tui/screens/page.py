"""What every main screen shares: the header, the tabs between screens, the read-only banner, the
footer, and refreshing itself when the records change (after a save, or an undo from elsewhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from praxis_socialwork.services.dashboard_data import DashboardData
    from praxis_socialwork.services.session import Session
    from praxis_socialwork.store import Placement
    from praxis_socialwork.tui.app import PraxisApp

COPY_FOR_FORM_HINT = "Open Activities (a), highlight a CPD piece, then press y."

PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "d"),
    ("activities", "Activities", "a"),
    ("placements", "Placements", "p"),
    ("reflections", "Reflections", "r"),
)
# The review screen: its tab shows once there is review to see (or a practice educator is reviewing).
REVIEW_PAGE = ("review", "Review", "v")


def page_key(app: App, page: str) -> str:
    """The key that opens ``page`` as the person sees it: the default, or the first key keys.toml
    gives its binding (``view.<page>``)."""
    default = next(key for name, _, key in (*PAGES, REVIEW_PAGE) if name == page)
    remapped = getattr(app, "keymap", {}).get(f"view.{page}", "")
    key = remapped.split(",")[0].strip() or default
    return app.get_key_display(Binding(key, ""))


class PageTabs(Static):
    """The row naming each main screen, the current one marked; click a name (or press its key)."""

    DEFAULT_CSS = """
    PageTabs { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, active: str, *, review: bool = False, placements: bool = True) -> None:
        super().__init__(id="page-tabs")
        self.page = active
        self.review = review
        self.placements = placements
        self.show_keys()

    def _text(self) -> Content:
        active, review = self.page, self.review
        parts = []
        for page, label, _ in (*PAGES, REVIEW_PAGE) if review or active == REVIEW_PAGE[0] else PAGES:
            if page == "placements" and not self.placements and active != page:
                continue  # a practitioner without placements: p still opens it (F1, Ctrl+P)
            # The key comes in as a variable: a remapped key may be "[" or "]".
            key = page_key(self.app, page)
            look = "b $text on $primary 60%" if page == active else f"@click=app.view('{page}')"
            parts.append(Content.from_markup(f"[{look}] $label ($key) [/]", label=label, key=key))
        return Content(" ").join(parts)

    def show_keys(self) -> None:
        """Name each screen with the key that opens it now (after keys.toml is read, say)."""
        self.update(self._text())

    def show_review(self, review: bool, placements: bool = True) -> None:
        """Show or hide the Review tab (it appears once there is review to see) and the Placements
        tab (hidden for a practitioner until there is a placement)."""
        if (review, placements) != (self.review, self.placements):
            self.review, self.placements = review, placements
            self.show_keys()


class KeyFooter(Footer):
    """The footer, rebuilt only when the keys it shows change (not on every move of focus)."""

    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, b.description, b.action, enabled)
            for key, (_, b, enabled, _) in screen.active_bindings.items()
            if b.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)


class PraxisScreen(Screen[None]):
    """A full screen of the app, with the app and its open store at hand."""

    @property
    def praxis(self) -> PraxisApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        """The open store."""
        return self.praxis.session


class Page(PraxisScreen):
    """A main screen. Subclasses give ``PAGE``, ``compose_page`` and ``refresh_page``."""

    PAGE: ClassVar[str] = ""
    # The store's version this page last showed (``Session.version``); None before it showed any.
    seen_version: int | None = None

    def __init__(self) -> None:
        super().__init__()
        # Textual 8 restyles every widget of every screen when a mode's screen is new (twice: once
        # making the mode, once switching to it), as it marks a screen styled only if it is mounted
        # by then. A page is styled as it mounts, from the stylesheet as it is then, so mark it so:
        # about 80 ms off the first visit to each screen. (Private to Textual: checked on upgrade.)
        if hasattr(self.app, "_css_update_count"):
            self._css_update_count = self.app._css_update_count

    def compose(self) -> ComposeResult:
        yield Header()
        yield PageTabs(self.PAGE, review=self.praxis.shows_review, placements=self.praxis.uses_placements)
        reason = self.praxis.read_only_reason
        banner = Static(reason or "", id="read-only", classes="read-only-banner")
        banner.display = bool(reason)
        yield banner
        yield from self.compose_page()
        yield KeyFooter(show_command_palette=False)  # F1 names it; the room is for record keys

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
        if not self.praxis.is_open or self.seen_version == self.session.version:
            return  # not open yet, or composed from the records as they are now
        self.seen_version = self.session.version
        self.refresh_page()

    def on_screen_resume(self) -> None:
        if self.praxis.is_open and self.seen_version != self.session.version:
            self.records_changed()

    def store_opened(self, data: DashboardData | None) -> None:
        """The store finished opening after this page was composed: show its records. ``data`` is the
        dashboard worked out as it opened (None if it was not)."""
        self.records_changed()

    def records_changed(self) -> None:
        """The records changed: refresh now."""
        self.seen_version = self.session.version
        self.show_tabs()
        self.refresh_page()

    def show_tabs(self) -> None:
        """Show the Review tab once there is review to see (it may arrive with the store or a change),
        and the placement keys once a practitioner has a placement."""
        self.query_one(PageTabs).show_review(self.praxis.shows_review, self.praxis.uses_placements)
        self.app.refresh_bindings()

    @property
    def chosen_placement(self) -> Placement | None:
        """The placement this page has chosen (the Placements screen's); None elsewhere."""
        return None

    def action_copy_for_form(self) -> None:
        """Copy the highlighted CPD piece for the regulator's form: only the Activities screen can."""
        self.notify(COPY_FOR_FORM_HINT, title="Copy for form")

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Extra (title, help, action) entries this screen adds to the command palette."""
        return []
