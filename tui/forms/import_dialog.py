"""Importing a file from the app: a bundle (``….praxis.json``), a calendar (``.ics``, its events as
plans) or a CSV file, the same as ``praxis import FILE``. All of it comes in or none of it; what is
wrong (line, field) shows in the dialog and nothing changes. One ``u`` takes a whole import back.
Checking the path, importing in a worker thread and saying what came in are ``file_dialog``'s, as for
every file dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from praxis_socialwork.exports.importing import KINDS_ACCEPTED
from praxis_socialwork.store import PraxisError
from praxis_socialwork.tui.forms.dialog_screen import dialog_bindings
from praxis_socialwork.tui.forms.file_dialog import FileDialog

if TYPE_CHECKING:
    from praxis_socialwork.exports.portfolio import Progress
    from praxis_socialwork.services.session import Session

IMPORT_HINT = f"{KINDS_ACCEPTED}; all of it or none; u undoes it"


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


class Imported(list[str]):
    """The lines saying what came in (``Session.import_file``), in the shape of an export's result."""

    def summary(self) -> str:
        """Every line, one under another."""
        return "\n".join(self)


def import_into(session: Session, path: Path, options: None, progress: Progress) -> Imported:
    """Import the file at ``path`` as ``praxis import`` does: all of it or none, one undo taking it back."""
    return Imported(session.import_file(path))


class ImportDialog(FileDialog["list[str] | None"]):
    """Import one file; dismiss with the lines saying what came in (None: left without importing)."""

    BINDINGS = dialog_bindings("import", "run", "Import")
    IDLE_LABEL = "Import (Ctrl+S)"
    BUSY_LABEL = "Importing…"

    HEADING = "Import a file"
    FIELD = "file"
    HINT = IMPORT_HINT
    PLACEHOLDER = "~/Downloads/activities.csv"
    JOB = staticmethod(import_into)
    DONE_TITLE = "Imported (u undoes it)"
    DONE_SECONDS = 10
    FAILED = "nothing imported"

    def path_from(self, text: str) -> Path:
        return file_to_import(text)

    def read_fields(self) -> tuple[Path, None] | None:
        if self.session.read_only_reason:
            self.problem(self.FIELD, self.session.read_only_reason)
            return None
        return super().read_fields()
