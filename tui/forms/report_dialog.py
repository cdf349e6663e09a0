"""Exporting a portfolio report from the app: the same file ``praxis export report`` writes.

The dialog asks where to write (the extension picks PDF, HTML or Markdown, read back under the
field), which of the profile's frameworks to judge, an optional range of days, and the name on the
cover. Before anything is written it shows the confidentiality check for the records going in: it
warns, it never stops the export. Ctrl+S (or F2, or Enter in a field) gathers and writes the report
in a worker thread, with a progress bar; Esc leaves without writing. A value that is wrong is shown
beside its field and nothing is written; so is a file that cannot be written.

``privacy_line`` is shared with the bundle dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from praxis_socialwork.services.file_names import export_file
from praxis_socialwork.store import DateError, PraxisError, Profile, Record, format_uk, parse_date
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen
from praxis_socialwork.tui.forms.export_dialog import DATE_HINT, read_back
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.report import ReportResult
    from praxis_socialwork.services.session import Session

FORMAT_READ_BACK = {"PDF": "PDF", "HTML": "HTML (prints cleanly)", "Markdown": "Markdown"}
"""What the line under the file says for each format ``exports.report`` writes."""

CHECKING = "Confidentiality check: looking…"
NONE_FOUND = "Confidentiality check: none found"


def default_output(session: Session) -> Path:
    """``portfolio-<name>-<yyyy-mm-dd>.pdf`` in the ``exports`` folder beside the store."""
    profile = session.profile()
    return export_file(
        session.repo.path, "portfolio", profile.name if profile else "", session.today(), ".pdf"
    )


def format_read_back(text: str) -> str:
    """What a typed file name is written as ("PDF", "HTML (prints cleanly)", "Markdown"), or why not."""
    from praxis_socialwork.exports.report import report_format

    if not text.strip():
        return "give a file name ending in .pdf, .html or .md"
    try:
        return FORMAT_READ_BACK[report_format(Path(text.strip()))]
    except PraxisError as exc:
        return str(exc)


def reviewed_keys(profile: Profile | None) -> list[str]:
    """The confidentiality flags the person has marked as reviewed (kept on the profile)."""
    return list(profile.privacy_reviewed) if profile else []


def privacy_line(records: Sequence[Record], reviewed: Sequence[str]) -> str:
    """One line for before an export: possible identifiers in ``records`` not yet reviewed, or "none found".

    It only warns: nothing here stops an export.
    """
    from praxis_socialwork.exports.privacy import scan_records, summary_line

    line = summary_line(scan_records(records, reviewed))
    if not line:
        return NONE_FOUND
    return f"Confidentiality check: {line}. It is your call: the export still goes ahead."


def short_name(name: str) -> str:
    """A framework's name without its subtitle (``Social Work England: CPD for registration`` →
    ``Social Work England``)."""
    return name.split(":", 1)[0].strip() or name


class ReportDialog(DialogScreen["ReportResult | None"]):
    """Write a portfolio report (PDF, HTML or Markdown); dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "report_dialog.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "export", "Export", id="report.save"),
        Binding("escape", "cancel", "Cancel", id="report.cancel"),
        Binding("f1", "app.help", "Keys", id="report.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="file-export")
        self.session = session
        self._shown_percent = -1

    def compose(self) -> ComposeResult:
        with Vertical(id="report"):
            yield Static("Export portfolio report (.pdf, .html, .md)", id="report-title")
            with VerticalScroll(id="report-fields"):
                yield from self._fields()
            yield Static(CHECKING, id="privacy")
            with Horizontal(id="report-progress"):
                yield Static("Gathering the records…", id="progress-what")
                yield ProgressBar(show_eta=False, id="progress")
            with Horizontal(id="report-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Export (Ctrl+S)", id="save", variant="primary")

    def _fields(self) -> ComposeResult:
        output = str(default_output(self.session))
        with Horizontal(classes="row", id="row-output"):
            yield Label("File", classes="row-label")
            with Vertical():
                yield Input(output, id="output")
                yield Static(format_read_back(output), classes="hint", id="hint-output")
        catalogue = self.session.catalogue.frameworks
        with Horizontal(classes="row", id="row-frameworks"):
            yield Label("Frameworks", classes="row-label")
            with Vertical():
                with Vertical(id="frameworks"):
                    for fid in self.session.framework_ids():
                        name = short_name(catalogue[fid].name) if fid in catalogue else fid
                        yield Checkbox(name, True, id=f"framework-{fid}", name=fid, compact=True)
                yield Static("", classes="hint", id="hint-frameworks")
        with Horizontal(classes="row", id="row-dates"):
            yield Label("From", classes="row-label")
            with Vertical(classes="date", id="row-from"):
                yield Input(placeholder="first day", id="from")
                yield Static(DATE_HINT, classes="hint", id="hint-from")
            yield Label("To", classes="row-label short")
            with Vertical(classes="date", id="row-to"):
                yield Input(placeholder="last day", id="to")
                yield Static(DATE_HINT, classes="hint", id="hint-to")
        profile = self.session.profile()
        with Horizontal(classes="row", id="row-person"):
            yield Label("Cover name", classes="row-label")
            yield Input(profile.name if profile else "", placeholder="the name on the cover", id="person")

    def on_mount(self) -> None:
        self.query_one("#report-progress").display = False
        self.query_one("#hint-frameworks").display = False
        self.query_one("#output", Input).focus()
        self._check_privacy(None, None)

    # -- the confidentiality check ----------------------------------------------------------------
    def records_going_in(self, start: date | None, end: date | None) -> list[Record]:
        """The CPD pieces, placement days and reflections a report from ``start`` to ``end`` shows
        (what ``praxis export report`` checks too)."""
        from praxis_socialwork.exports.portfolio import in_range

        s = self.session
        with s.lock:
            chosen: list[Record] = [a for a in s.activities() if in_range(a.date, start, end)]
            chosen += [d for d in s.days() if in_range(d.date, start, end)]
            chosen += [r for r in s.reflections() if in_range(r.date, start, end)]
        return chosen

    @work(thread=True, exclusive=True, group="report-privacy")
    def _check_privacy(self, start: date | None, end: date | None) -> None:
        line = privacy_line(self.records_going_in(start, end), reviewed_keys(self.session.profile()))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_privacy, line)

    def _show_privacy(self, line: str) -> None:
        privacy = self.query_one("#privacy", Static)
        privacy.update(line)
        privacy.set_class(line not in (NONE_FOUND, CHECKING), "-flagged")

    def _rescan(self) -> None:
        """Check the records the typed range lets in (an unreadable date leaves the range open)."""
        start, end = self._typed_date("from"), self._typed_date("to")
        self.query_one("#privacy", Static).update(CHECKING)
        self._check_privacy(start, end)

    def _typed_date(self, name: str) -> date | None:
        text = self.query_one(f"#{name}", Input).value.strip()
        try:
            return parse_date(text, today=self.session.today()) if text else None
        except DateError:
            return None

    # -- reading what was typed -----------------------------------------------------------------
    @on(Input.Changed, "#from")
    @on(Input.Changed, "#to")
    def _read_date_back(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self.query_one(f"#row-{name}").remove_class("-invalid")
        self.query_one(f"#hint-{name}", Static).update(read_back(event.value, self.session.today()))
        self._rescan()

    @on(Input.Changed, "#output")
    def _output_changed(self, event: Input.Changed) -> None:
        self.query_one("#row-output").remove_class("-invalid")
        self.query_one("#hint-output", Static).update(format_read_back(event.value))

    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self.query_one("#row-frameworks").remove_class("-invalid")
        self.query_one("#hint-frameworks").display = False

    def chosen_frameworks(self) -> tuple[str, ...]:
        """The framework ids ticked, in the profile's order."""
        boxes = self.query("#frameworks Checkbox").results(Checkbox)
        return tuple(box.name or "" for box in boxes if box.value)

    def _problem(self, row: str, hint: str, message: str) -> None:
        self.query_one(f"#{row}").add_class("-invalid")
        widget = self.query_one(f"#{hint}", Static)
        widget.update(message)
        widget.display = True

    def _date(self, name: str) -> date | None:
        text = self.query_one(f"#{name}", Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text, today=self.session.today())
        except DateError as exc:
            self._problem(f"row-{name}", f"hint-{name}", str(exc))
            return None

    def _output(self) -> Path | None:
        text = self.query_one("#output", Input).value.strip()
        if not text:
            example = default_output(self.session)
            self._problem("row-output", "hint-output", f"give a file name, e.g. {example}")
            return None
        path = Path(text).expanduser()
        if path.is_dir():
            example = path / default_output(self.session).name
            self._problem("row-output", "hint-output", f"that is a folder; e.g. {example}")
            return None
        read = format_read_back(text)
        if read not in FORMAT_READ_BACK.values():
            self._problem("row-output", "hint-output", read)
            return None
        return path

    # -- exporting ------------------------------------------------------------------------------
    def action_export(self) -> None:
        """Check every field, then gather and write the report in the background (nothing is
        written if a field is wrong)."""
        from praxis_socialwork.exports.portfolio import ReportOptions

        if self.busy:
            return
        for row in self.query(".-invalid"):
            row.remove_class("-invalid")
        path = self._output()
        ticked = self.chosen_frameworks()
        every = self.session.framework_ids()
        if every and not ticked:
            self._problem("row-frameworks", "hint-frameworks", "tick at least one framework to judge")
        start, end = self._date("from"), self._date("to")
        if start is not None and end is not None and end < start:
            self._problem("row-to", "hint-to", f"before the first day ({format_uk(start)})")
        invalid = self.query(".-invalid")
        if invalid or path is None:
            first = invalid.first()
            target = first.query("Input, Checkbox").first() if first is not None else None
            if target is not None:
                target.focus()
            return
        # All ticked is the profile's own frameworks: the report then notes no narrowing.
        frameworks = () if set(ticked) == set(every) else ticked
        person = self.query_one("#person", Input).value.strip()
        options = ReportOptions(frameworks, start, end, person)
        self.working(True)
        self._shown_percent = -1
        self.query_one("#report-progress").display = True
        self._write(path, options)

    @work(thread=True, exclusive=True, group="export-report")
    def _write(self, path: Path, options) -> None:
        from praxis_socialwork.exports.portfolio import build_portfolio
        from praxis_socialwork.exports.report import write_report

        session = self.session
        try:
            with session.lock:  # no change lands half-way through gathering the records
                portfolio = build_portfolio(
                    session.profile(), session.records(), session.catalogue, session.today(), options
                )
            self.app.call_from_thread(self._progress, 0, max(portfolio.size(), 1), "starting")
            result = write_report(portfolio, path, self._progress_from_thread)
        except (PraxisError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _progress_from_thread(self, done: int, total: int, what: str) -> None:
        # Only a whole percent more is worth a trip to the screen (a big store tells thousands of times).
        percent = 100 * done // max(total, 1)
        if percent != self._shown_percent:
            self._shown_percent = percent
            self.app.call_from_thread(self._progress, done, total, what)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        label = "Writing the report" if what in ("", "starting", "done") else f"Writing: {what}"
        self.query_one("#progress-what", Static).update(label)

    def _done(self, result: ReportResult) -> None:
        flagged = self.query_one("#privacy", Static).has_class("-flagged")
        if flagged:
            self.app.notify(
                str(self.query_one("#privacy", Static).render()),
                title="Check before sharing",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.app.notify(result.summary(), title="Report exported", markup=False, timeout=8)
        self.dismiss(result)

    def _failed(self, message: str) -> None:
        self.working(False)
        self.query_one("#report-progress").display = False
        self._problem("row-output", "hint-output", f"not written: {message}")
        self.query_one("#output", Input).focus()
