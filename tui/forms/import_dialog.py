"""Importing a file from the app: a bundle (``….praxis.json``), a calendar (``.ics``, its events as
plans) or a CSV file, the same as ``praxis import FILE``. All of it comes in or none of it; what is
wrong (line, field) shows in the dialog and nothing changes. One ``u`` takes a whole import back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from praxis_socialwork.exports.importing import KINDS_ACCEPTED
from praxis_socialwork.store import PraxisError
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

HINT = f"{KINDS_ACCEPTED}; all of it or none; u undoes it"


def file_to_import(text: str) -> Path:
    """The file a typed path names; ``PraxisError`` saying why when it is not a file that can be read."""
    text = text.strip().strip("'\"")
    if not text:
        raise PraxisError(f"give the path of {KINDS_ACCEPTED}")
    path = Path(text).expanduser()
    if path.is_dir():
        raise PraxisError(f"{path} is a folder; give a file in it")
    if not path.exists():
        raise PraxisError(f"there is no file at {path}")
    if not path.is_file():
        raise PraxisError(f"{path} is not an ordinary file")
    return path


class ImportDialog(DialogScreen["list[str] | None"]):
    """Import one file; dismiss with the lines saying what came in (None: left without importing)."""

    DEFAULT_CSS = beside(__file__, "report_dialog.tcss")
    SCOPED_CSS = False
    SUBMIT = "import_file"
    IDLE_LABEL = "Import (Ctrl+S)"
    BUSY_LABEL = "Importing…"

    BINDINGS = [
        Binding("ctrl+s,f2", "import_file", "Import", id="import.save"),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("f1", "app.help", "Keys", id="import.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="file-export")
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="report"):
            yield Static("Import a file", id="report-title")
            with VerticalScroll(id="report-fields"):
                with Horizontal(classes="row", id="row-file"):
                    yield Label("File", classes="row-label")
                    with Vertical():
                        yield Input(placeholder="~/Downloads/activities.csv", id="file")
                        yield Static(HINT, classes="hint", id="hint-file")
            with Horizontal(id="report-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button(self.IDLE_LABEL, id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#file", Input).focus()

    @on(Input.Changed, "#file")
    def _file_changed(self) -> None:
        row = self.query_one("#row-file")
        if row.has_class("-invalid"):
            row.remove_class("-invalid")
            self.query_one("#hint-file", Static).update(HINT)

    def _problem(self, message: str) -> None:
        self.query_one("#row-file").add_class("-invalid")
        self.query_one("#hint-file", Static).update(message)
        self.query_one("#file", Input).focus()

    def action_import_file(self) -> None:
        """Check the path, then import in the background (nothing if the path is wrong)."""
        if self.busy:
            return
        if self.session.read_only_reason:
            self._problem(self.session.read_only_reason)
            return
        try:
            path = file_to_import(self.query_one("#file", Input).value)
        except PraxisError as exc:
            self._problem(str(exc))
            return
        self.working(True)
        self._import(path)

    @work(thread=True, exclusive=True, group="import-file")
    def _import(self, path: Path) -> None:
        try:
            lines = self.session.import_file(path)
        except (PraxisError, OSError) as exc:
            self.app.call_from_thread(self._failed, f"nothing imported: {exc}")
            return
        self.app.call_from_thread(self._done, lines)

    def _done(self, lines: list[str]) -> None:
        self.app.notify("\n".join(lines), title="Imported (u undoes it)", markup=False, timeout=10)
        self.dismiss(lines)

    def _failed(self, message: str) -> None:
        self.working(False)
        self._problem(message)
