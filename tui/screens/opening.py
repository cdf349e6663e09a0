"""What shows while the store opens, and when it cannot be opened (damaged, too new, unreadable)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from praxis_socialwork.store import PraxisError, StoreDamagedError, restore_backup

if TYPE_CHECKING:
    from praxis_socialwork.tui.app import PraxisApp


class OpeningScreen(Screen[None]):
    """A moment's notice while a large store is read."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Opening {self.path} …", id="opening")
        yield Footer(show_command_palette=False)


class CannotOpenScreen(Screen[None]):
    """Says why the store cannot be opened, and offers the latest good backup. Never starts empty."""

    DEFAULT_CSS = """
    CannotOpenScreen #problem-box {
        margin: 1 2; padding: 1 2; height: auto;
        border: thick $error; background: $panel;
    }
    CannotOpenScreen #problem-title { text-style: bold; color: $error; margin-bottom: 1; }
    CannotOpenScreen #problem-next { margin-top: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("r", "restore", "Restore latest backup", id="damaged.restore"),
    ]

    def __init__(self, problem: PraxisError) -> None:
        super().__init__()
        self.problem = problem

    @property
    def backup(self) -> Path | None:
        """The backup that could be restored, if the store is damaged and one exists."""
        return self.problem.backup if isinstance(self.problem, StoreDamagedError) else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="problem-box"):
            damaged = isinstance(self.problem, StoreDamagedError)
            yield Static(
                "Your store is damaged" if damaged else "Praxis cannot open this store", id="problem-title"
            )
            yield Static(str(self.problem), id="problem-text", markup=False)
            if self.backup is not None:
                hint = (
                    "Press r to restore the latest good backup. The damaged file is kept beside it "
                    "(renamed .damaged-<time>), never deleted. Or press q to quit and restore by hand."
                )
            else:
                hint = "Nothing has been changed. Press q to quit."
            yield Static(hint, id="problem-next")
        yield Footer(show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.backup is not None
        return True

    @work(thread=True, exclusive=True)
    def action_restore(self) -> None:
        app: PraxisApp = self.app  # type: ignore[assignment]
        backup = self.backup
        if backup is None or app.store_path is None:
            return
        try:
            aside = restore_backup(app.store_path, backup, app.clock)
        except PraxisError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", timeout=15)
            return
        note = f" The damaged store was kept as {aside}." if aside else ""
        self.app.call_from_thread(
            self.app.notify, f"Restored {backup.name}.{note}", title="Restored", timeout=10
        )
        self.app.call_from_thread(self._reopen)

    def _reopen(self) -> None:
        app: PraxisApp = self.app  # type: ignore[assignment]
        app.pop_screen() if len(app.screen_stack) > 1 else None
        app.reopen()
