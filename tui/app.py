"""The full-screen app. For now a home screen showing the store; its screens come with the app issue."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from store import Clock, Repository, format_uk, today


class PraxisApp(App[None]):
    """Praxis: log learning, placement days and reflections; see where you stand."""

    TITLE = "Praxis"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit", priority=True, id="quit")]

    def __init__(self, repo: Repository, clock: Clock) -> None:
        super().__init__()
        self.repo = repo
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(self._summary(), id="summary")
            if self.repo.read_only_reason:
                yield Static(self.repo.read_only_reason, id="read-only")
        yield Footer()

    def _summary(self) -> str:
        profile = self.repo.profile()
        counts = self.repo.stats()
        who = (
            f"{profile.name} · {profile.role} · {profile.country}"
            if profile
            else "Not set up yet: run  praxis init --name NAME --role ROLE --framework ID"
        )
        return (
            f"[b]{who}[/b]\n\n"
            f"{counts['activities']} activities · {counts['placements']} placements · "
            f"{counts['days']} placement days · {counts['reflections']} reflections\n\n"
            f"Today is {format_uk(today(self.clock))}. Store: {self.repo.path}"
        )


def make_app(repo: Repository, clock: Clock) -> PraxisApp:
    """Build the app on an open store; the command line and the tests both call this."""
    return PraxisApp(repo, clock)
