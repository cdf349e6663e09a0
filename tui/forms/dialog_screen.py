"""What the app's dialogs share: Enter in a field and the primary button run the dialog's action,
Esc and Cancel leave (not while a file is being written), and the button says when work is under way.

A dialog names its action in ``SUBMIT`` (``run``, ``sign``, ``save``), gives it an ``action_``
method, its keys with ``dialog_bindings``, and has buttons with the ids ``save`` and ``cancel``.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input

T = TypeVar("T")


def dialog_bindings(prefix: str, action: str, description: str) -> list[Binding]:
    """A dialog's keys: Ctrl+S (or F2) runs ``action``, Esc leaves, F1 lists the keys. Their ids are
    ``<prefix>.save``, ``<prefix>.cancel`` and ``<prefix>.help``, the names keys.toml remaps them by."""
    return [
        Binding("ctrl+s,f2", action, description, id=f"{prefix}.save"),
        Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel"),
        Binding("f1", "app.help", "Keys", id=f"{prefix}.help"),
    ]


class DialogScreen(ModalScreen[T]):
    """A modal dialog with a primary action (``SUBMIT``) and Cancel."""

    SUBMIT: ClassVar[str] = "export"
    IDLE_LABEL: ClassVar[str] = "Export (Ctrl+S)"
    BUSY_LABEL: ClassVar[str] = "Exporting…"

    busy = False  # a worker is writing: the dialog neither acts again nor leaves

    def submit(self) -> None:
        """Run the dialog's primary action."""
        getattr(self, f"action_{self.SUBMIT}")()

    def working(self, busy: bool) -> None:
        """Say on the primary button whether work is under way, and refuse a second go meanwhile."""
        self.busy = busy
        save = self.query_one("#save", Button)
        save.disabled = busy
        save.label = self.BUSY_LABEL if busy else self.IDLE_LABEL

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in any field runs the action, as in the app's forms."""
        event.stop()
        self.submit()

    def action_cancel(self) -> None:
        """Leave without doing anything (nothing typed here is worth asking about)."""
        if not self.busy:
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.submit()
        elif event.button.id == "cancel":
            self.action_cancel()
