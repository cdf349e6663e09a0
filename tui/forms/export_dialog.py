"""Exporting the calendar from the app: the same ``.ics`` file ``praxis export ics`` writes.

The dialog asks where to write, what to put in (placement, sessions, deadlines, planned and logged
days), an optional range of days, and whether notes and reflections may leave (off unless ticked).
Exporting only reads the store, so a read-only store can still be exported. Checking the fields,
writing in a worker thread and saying what was written are ``file_dialog``'s, as for every file dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Label, Static

from praxis_socialwork.tui.forms.date_range import date_range_row
from praxis_socialwork.tui.forms.dialog_screen import dialog_bindings
from praxis_socialwork.tui.forms.file_dialog import FileDialog
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.ical import IcsExport
    from praxis_socialwork.exports.portfolio import Progress
    from praxis_socialwork.services.session import Session

FILE_NAME = "praxis.ics"
INCLUDE_LABELS = {
    "placement": "placement",
    "sessions": "sessions",
    "deadlines": "deadlines",
    "planned": "planned",
    "logged": "logged",
}
"""What can go in, by the name ``exports.ical.INCLUDES`` uses, with the label its box shows."""

DETAILS_HINT = "Notes and reflections stay out unless ticked"
OUTPUT_HINT = "exporting again to the same file updates a subscribed calendar"


@dataclass(frozen=True)
class CalendarOptions:
    """What goes in the calendar: the kinds of item (``INCLUDE_LABELS``), an optional range of days, and
    whether notes and reflections may leave."""

    include: tuple[str, ...]
    start: date | None = None
    end: date | None = None
    details: bool = False


def default_output(session: Session) -> Path:
    """Where the calendar goes unless the user says otherwise: ``praxis.ics`` beside the store."""
    return Path(session.repo.path).expanduser().parent / FILE_NAME


def write_calendar(session: Session, path: Path, options: CalendarOptions, progress: Progress) -> IcsExport:
    """Write the store's calendar to ``path`` as ``praxis export ics`` does (deadlines judged first);
    the records are read under the store's lock, so no change lands half-way through."""
    from praxis_socialwork.exports.ical import export_ics

    findings = session.findings() if "deadlines" in options.include else []
    with session.lock:
        return export_ics(
            session.repo,
            path,
            findings=findings,
            include=options.include,
            start=options.start,
            end=options.end,
            details=options.details,
        )


class ExportDialog(FileDialog["IcsExport | None"]):
    """Write the store's calendar as an ``.ics`` file; dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "export_dialog.tcss")
    SCOPED_CSS = False
    BINDINGS = dialog_bindings("export", "run", "Export")

    HEADING = "Export calendar (.ics)"
    HINT = OUTPUT_HINT
    JOB = staticmethod(write_calendar)
    DONE_TITLE = "Calendar exported"

    def default_path(self) -> Path:
        return default_output(self.session)

    def fields(self) -> ComposeResult:
        with Horizontal(classes="row", id="row-include"):
            yield Label("Include", classes="row-label")
            with Vertical():
                with Horizontal(id="includes"):
                    for word, label in INCLUDE_LABELS.items():
                        yield Checkbox(label, True, id=f"include-{word}", compact=True)
                yield Static("", classes="hint", id="hint-include")
        yield from date_range_row(self.session.today())
        with Horizontal(classes="row", id="row-details"):
            yield Label("Details", classes="row-label")
            with Vertical():
                yield Checkbox("notes, descriptions, reflections", False, id="details", compact=True)
                yield Static(DETAILS_HINT, classes="hint", id="hint-details")

    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self.query_one("#row-include").remove_class("-invalid")
        self.query_one("#hint-include", Static).update("")

    def included(self) -> tuple[str, ...]:
        """The kinds of item ticked, in ``INCLUDES`` order."""
        return tuple(w for w in INCLUDE_LABELS if self.query_one(f"#include-{w}", Checkbox).value)

    def read_fields(self) -> tuple[Path, CalendarOptions] | None:
        path = self.typed_path()
        include = self.included()
        if not include:
            self.problem("include", "tick at least one thing to put in the calendar")
        start, end = self.typed_range()
        details = self.query_one("#details", Checkbox).value
        return None if path is None else (path, CalendarOptions(include, start, end, details))

    def summary(self, result: IcsExport) -> str:
        # The summary names the command line's option; here it is a box to tick.
        return result.summary().replace("add --details", "tick Details")
