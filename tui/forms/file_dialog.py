"""What the app's file dialogs share: the calendar, report and bundle exports, and the import.

One box: a title; a File field with a line under it; the dialog's own fields (they scroll when a long
message beside one needs the room); for an export that carries records out, the confidentiality check
(it warns, it never stops the export); a progress bar where the job tells how far it is; and Cancel
and the primary button, which always show. Ctrl+S (or F2, or Enter in a field) checks every field and
marks each wrong one beside it, running nothing; otherwise the job runs in a worker thread and comes
back as a toast, dismissing the dialog with what it did, or as a line under the File field
(``not written: …``), the dialog staying open to try again. Esc leaves, but not while the job runs.

A dialog says only what it does and with which options: its ``HEADING`` and the line under the File
field, its own ``fields()``, ``read_fields()`` giving the file and the options typed, and its ``JOB``:
a function ``(session, path, options, progress) -> result``, the result having a ``summary()`` that
the toast shows. The command line calls the same exporters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from praxis_socialwork.store import DateError, PraxisError, Profile, Record, format_uk, parse_date
from praxis_socialwork.tui.forms.date_range import show_read_back
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.portfolio import Progress
    from praxis_socialwork.services.session import Session

T = TypeVar("T")

CHECKING = "Confidentiality check: looking…"
NONE_FOUND = "Confidentiality check: none found"
STARTING = "starting"
"""What a job first tells its progress, with the total: shown at once, whatever the percent."""


class Summarised(Protocol):
    """What a job returns: it says in a line what was done."""

    def summary(self) -> str: ...


Job = Callable[["Session", Path, Any, "Progress"], Summarised]
"""How a dialog calls its exporter: ``job(session, path, options, progress)``."""


def reviewed_keys(profile: Profile | None) -> list[str]:
    """The confidentiality flags the person has marked as reviewed (kept on the profile)."""
    return list(profile.privacy_reviewed) if profile else []


def privacy_line(records: Sequence[Record], reviewed: Sequence[str], store: Path | None = None) -> str:
    """One line for before an export: possible identifiers in ``records`` not yet reviewed, or "none found".

    It only warns: nothing here stops an export. What the check finds is kept beside ``store`` (as the
    command line keeps it), so texts unchanged since the last export are not read again.
    """
    from praxis_socialwork.exports.privacy import scan_records, summary_line

    line = summary_line(scan_records(records, reviewed, store=store))
    if not line:
        return NONE_FOUND
    return f"Confidentiality check: {line}. It is your call: the export still goes ahead."


class FileDialog(DialogScreen[T]):
    """A dialog that writes (or reads) one file by running its ``JOB`` in a worker thread."""

    DEFAULT_CSS = beside(__file__, "file_dialog.tcss")
    SCOPED_CSS = False
    SUBMIT = "run"

    HEADING: ClassVar[str] = ""
    FIELD: ClassVar[str] = "output"  # the File field's id; its row is row-<FIELD>, its line hint-<FIELD>
    HINT: ClassVar[str] = ""  # the line under the File field
    PLACEHOLDER: ClassVar[str] = ""
    FIELDS_SCROLL: ClassVar[bool] = True  # False: the fields are never long enough to need it
    PRIVACY: ClassVar[bool] = False  # show the confidentiality check, and warn again when done
    PROGRESS: ClassVar[str] = ""  # what the progress bar says is under way; none without
    JOB: ClassVar[Job]
    DONE_TITLE: ClassVar[str] = ""
    DONE_SECONDS: ClassVar[float] = 8
    FAILED: ClassVar[str] = "not written"  # what the line under the File field says first when the job fails

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_percent = -1

    # -- what a dialog says about itself ----------------------------------------------------------
    def default_path(self) -> Path | None:
        """The file the File field starts with (None: it starts empty, showing ``PLACEHOLDER``)."""
        return None

    def file_hint(self, text: str) -> str:
        """The line under the File field while ``text`` is typed in it."""
        return self.HINT

    def fields(self) -> ComposeResult:
        """The dialog's own fields, under the File field."""
        yield from ()

    def path_from(self, text: str) -> Path:
        """The file a typed name is written to; ``PraxisError`` saying why when it names none, or a folder."""
        text = text.strip()
        example = self.default_path() or Path("praxis")  # a dialog that starts empty reads names itself
        if not text:
            raise PraxisError(f"give a file name, e.g. {example}")
        path = Path(text).expanduser()
        if path.is_dir():
            raise PraxisError(f"that is a folder; e.g. {path / example.name}")
        return path

    def read_fields(self) -> tuple[Path, Any] | None:
        """The file and the options typed; each wrong field is marked with ``problem`` (then nothing runs)."""
        path = self.typed_path()
        return None if path is None else (path, None)

    def summary(self, result: Any) -> str:
        """What the toast says was done."""
        return result.summary()

    def going_out(self) -> Callable[[], Sequence[Record]]:
        """What the confidentiality check reads, as a function the worker calls (a big store is read
        there, not on the screen's thread): every record."""
        return self.session.every_record

    def range_changed(self) -> None:
        """The From or To day has been typed in (the report checks the records in the range again)."""

    # -- the box ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="file-dialog"):
            yield Static(self.HEADING, id="file-dialog-title")
            box = VerticalScroll if self.FIELDS_SCROLL else Vertical
            with box(id="file-dialog-fields"):
                yield from self._file_row()
                yield from self.fields()
            if self.PRIVACY:
                yield Static(CHECKING, id="privacy")
            if self.PROGRESS:
                with Horizontal(id="file-dialog-progress"):
                    yield Static("Gathering the records…", id="progress-what")
                    yield ProgressBar(show_eta=False, id="progress")
            with Horizontal(id="file-dialog-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button(self.IDLE_LABEL, id="save", variant="primary")

    def _file_row(self) -> ComposeResult:
        default = self.default_path()
        typed = str(default) if default else ""
        with Horizontal(classes="row", id=f"row-{self.FIELD}"):
            yield Label("File", classes="row-label")
            with Vertical():
                yield Input(typed, placeholder=self.PLACEHOLDER, id=self.FIELD)
                yield Static(self.file_hint(typed), classes="hint", id=f"hint-{self.FIELD}")

    def on_mount(self) -> None:
        if self.PROGRESS:
            self.query_one("#file-dialog-progress").display = False
        self.query_one(f"#{self.FIELD}", Input).focus()
        if self.PRIVACY:
            self.check_privacy()

    # -- reading what was typed -------------------------------------------------------------------
    @on(Input.Changed)
    def _file_typed(self, event: Input.Changed) -> None:
        if event.input.id == self.FIELD:
            self.query_one(f"#row-{self.FIELD}").remove_class("-invalid")
            self.query_one(f"#hint-{self.FIELD}", Static).update(self.file_hint(event.value))

    @on(Input.Changed, "#from, #to")
    def _day_typed(self, event: Input.Changed) -> None:
        show_read_back(self, event.input, self.session.today())
        self.range_changed()

    def problem(self, name: str, message: str) -> None:
        """Mark the row of field ``name`` as wrong, and say why on the line under it."""
        self.query_one(f"#row-{name}").add_class("-invalid")
        hint = self.query_one(f"#hint-{name}", Static)
        hint.update(message)
        hint.display = True

    def typed_path(self) -> Path | None:
        """The file typed in the File field, or None with why not said under it."""
        try:
            return self.path_from(self.query_one(f"#{self.FIELD}", Input).value)
        except PraxisError as exc:
            self.problem(self.FIELD, str(exc))
            return None

    def typed_day(self, name: str, *, quiet: bool = False) -> date | None:
        """The day typed in the From or To field (None when empty); one that cannot be read is None
        and marked beside it, unless ``quiet``."""
        text = self.query_one(f"#{name}", Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text, today=self.session.today())
        except DateError as exc:
            if not quiet:
                self.problem(name, str(exc))
            return None

    def typed_range(self) -> tuple[date | None, date | None]:
        """The From and To days typed, a wrong one (or a last day before the first) marked beside it."""
        start, end = self.typed_day("from"), self.typed_day("to")
        if start is not None and end is not None and end < start:
            self.problem("to", f"before the first day ({format_uk(start)})")
        return start, end

    # -- the confidentiality check ----------------------------------------------------------------
    def check_privacy(self) -> None:
        """Check what would go out now (the line says it is looking until it knows)."""
        self.query_one("#privacy", Static).update(CHECKING)
        self._check_privacy(self.going_out())

    @work(thread=True, exclusive=True, group="privacy-check")
    def _check_privacy(self, records: Callable[[], Sequence[Record]]) -> None:
        line = privacy_line(records(), reviewed_keys(self.session.profile()), self.session.repo.path)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_privacy, line)

    def _show_privacy(self, line: str) -> None:
        privacy = self.query_one("#privacy", Static)
        privacy.update(line)
        privacy.set_class(line not in (NONE_FOUND, CHECKING), "-flagged")

    # -- running the job --------------------------------------------------------------------------
    def action_run(self) -> None:
        """Check every field, then run the job in the background (nothing runs while a field is wrong)."""
        if self.busy:
            return
        for row in self.query(".-invalid"):
            row.remove_class("-invalid")
        typed = self.read_fields()
        invalid = self.query(".-invalid")
        if invalid or typed is None:
            first = invalid.first() if invalid else None
            target = first.query("Input, Checkbox").first() if first is not None else None
            if target is not None:
                target.focus()
            return
        self.working(True)
        if self.PROGRESS:
            self._shown_percent = -1
            self.query_one("#file-dialog-progress").display = True
        self._run(*typed)

    @work(thread=True, exclusive=True, group="file-job")
    def _run(self, path: Path, options: Any) -> None:
        try:
            result = self.JOB(self.session, path, options, self._progress_from_thread)
        except (PraxisError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _progress_from_thread(self, done: int, total: int, what: str) -> None:
        # The first word (with the total) always shows; after it only a whole percent more is worth a
        # trip to the screen (a big store tells thousands of times).
        percent = 100 * done // max(total, 1)
        if what != STARTING:
            if percent == self._shown_percent:
                return
            self._shown_percent = percent
        self.app.call_from_thread(self._progress, done, total, what)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        label = self.PROGRESS if what in ("", STARTING, "done") else f"Writing: {what}"
        self.query_one("#progress-what", Static).update(label)

    def _done(self, result: Any) -> None:
        if self.PRIVACY and self.query_one("#privacy").has_class("-flagged"):
            line = str(self.query_one("#privacy", Static).render())
            self.app.notify(line, title="Check before sharing", severity="warning", markup=False, timeout=10)
        self.app.notify(self.summary(result), title=self.DONE_TITLE, markup=False, timeout=self.DONE_SECONDS)
        self.dismiss(result)

    def _failed(self, message: str) -> None:
        self.working(False)
        if self.PROGRESS:
            self.query_one("#file-dialog-progress").display = False
        self.problem(self.FIELD, f"{self.FAILED}: {message}")
        self.query_one(f"#{self.FIELD}", Input).focus()
