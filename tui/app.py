"""The full-screen app: a dashboard, activities, placements and reflections, over one open store.

``make_app`` builds it; the command line and the tests both call it. Screens never touch the store:
they go through the app's ``Session`` (records in memory, findings, undo).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store import Clock, PraxisError, Repository
from tui.keymap import load_keymap
from tui.screens.page import PAGES, Page
from tui.session import Session

if TYPE_CHECKING:
    from rules import Catalogue


def _dashboard() -> Screen:
    from tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _activities() -> Screen:
    from tui.screens.activities import ActivitiesScreen

    return ActivitiesScreen()


def _placements() -> Screen:
    from tui.screens.placements import PlacementsScreen

    return PlacementsScreen()


def _reflections() -> Screen:
    from tui.screens.reflections import ReflectionsScreen

    return ReflectionsScreen()


class PraxisApp(App[None]):
    """Praxis: log learning, placement days and reflections; see where you stand."""

    TITLE = "Praxis"
    CSS_PATH = "app.tcss"
    MODES = {
        "dashboard": _dashboard,
        "activities": _activities,
        "placements": _placements,
        "reflections": _reflections,
    }
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("q", "quit", "Quit", id="quit.q"),
        *(
            Binding(key, f"view('{page}')", label, show=False, id=f"view.{page}")
            for page, label, key in PAGES
        ),
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("l", "log_day", "Log day", id="log-day"),
        Binding("f1,question_mark", "help", "Keys", id="help"),
        Binding("colon", "command_palette", "Actions", show=False, id="palette"),
    ]

    def __init__(self, session: Session | None, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self._session = session
        self.keymap_problems: list[str] = []

    # -- the store ----------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The open store (there always is one once the app is running)."""
        if self._session is None:
            raise PraxisError("No store is open yet.")
        return self._session

    @property
    def read_only_reason(self) -> str | None:
        """Why the open store cannot be changed (shown as a banner on every screen), or None."""
        return self._session.read_only_reason if self._session else None

    async def use_session(self, session: Session) -> None:
        """Switch to another open store (the sample portfolio, or the user's own after setup)."""
        old = self._session
        self._session = session
        await self.switch_mode("dashboard") if self.current_mode != "dashboard" else None
        for mode in list(self.MODES):
            if mode != self.current_mode:
                await self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])
        self._title()
        current = self.screen
        if isinstance(current, Page):
            await current.recompose()
            current.records_changed()
        if old is not None and old is not session:
            old.repo.close()

    def _title(self) -> None:
        profile = self._session.profile() if self._session else None
        if profile is not None:
            self.sub_title = f"{profile.name} · {profile.role}".strip(" ·")

    # -- starting -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        keymap, self.keymap_problems = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        for problem in self.keymap_problems:
            self.notify(problem, title="Key map not used", severity="warning", timeout=10)
        self._title()
        if self.session.profile() is None:
            from tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen())
        else:
            self.switch_mode("dashboard")

    # -- actions ------------------------------------------------------------------------------
    async def action_view(self, page: str) -> None:
        """Open one of the main screens."""
        if self.current_mode != page or len(self.screen_stack) > 1:
            await self.switch_mode(page)

    def action_undo(self) -> None:
        """Take back the newest change, wherever it was made."""
        try:
            message = self.session.undo()
        except PraxisError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.notify(message, title="Undo")
        self.records_changed()

    def records_changed(self) -> None:
        """Tell the screen on top that records changed, so it shows them as they are."""
        if isinstance(self.screen, Page):
            self.screen.records_changed()

    def action_log_day(self) -> None:
        """Log a placement day: today, the usual hours, one more key to save."""
        from tui.forms.day_form import open_log_day

        open_log_day(self)

    def action_help(self) -> None:
        """Show every key that works here."""
        from tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action by name, for the command palette (Ctrl+P or :)."""
        for page, label, key in PAGES:
            yield SystemCommand(
                f"view: {label.lower()}", f"Open {label} ({key})", self._run(f"view('{page}')")
            )
        yield SystemCommand("log: placement day", "Log today at a placement (l)", self.action_log_day)
        yield SystemCommand("edit: undo", "Take back the last change (u, Ctrl+Z)", self.action_undo)
        yield SystemCommand("help: keys", "List every key (F1)", self.action_help)
        if isinstance(screen, Page):
            for title, help_text, action in screen.palette_commands():
                yield SystemCommand(title, help_text, self._run(action, screen))
        yield from super().get_system_commands(screen)

    def _run(self, action: str, node: Screen | None = None):
        async def run() -> None:
            await self.run_action(action, node)

        return run


def make_app(repo: Repository, clock: Clock, catalogue: Catalogue | None = None) -> PraxisApp:
    """Build the app on an open store; the command line and the tests both call this."""
    return PraxisApp(Session(repo, clock, catalogue), clock)
