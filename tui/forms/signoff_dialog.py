"""Signing off: one day, a week or a range of a placement's days (or one reflection or activity),
with an optional comment, as the practice educator reviewing, with their key if they have one.

The dialog says what will be signed before anything is (how many days and hours, and how many a
sign-off already verifies, which are left as they are); Ctrl+S or Enter signs them all at once (one
undo takes them back). A date that cannot be read, or a range with nothing to sign, is said
beside the field and nothing is saved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from praxis_socialwork.rules.review import days_to_sign, signed_as_is
from praxis_socialwork.store import (
    DateError,
    PlacementDay,
    PraxisError,
    Record,
    SignOff,
    format_typed,
    format_uk,
    parse_date,
)
from praxis_socialwork.store.signing import fingerprint
from praxis_socialwork.tui.forms.date_range import date_range_row, show_read_back
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen, dialog_bindings
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

NO_KEY = "No signing key: this sign-off carries your name only (praxis keys new makes a key)."


def _typed(day: date | None) -> str:
    return format_typed(day) if day else ""


class SignOffDialog(DialogScreen[list[SignOff] | None]):
    """Sign off ``record`` (or, for a day, its placement's days from ``start`` to ``end``)."""

    DEFAULT_CSS = beside(__file__, "review_dialogs.tcss")
    SUBMIT = "sign"
    SCOPED_CSS = False

    BINDINGS = dialog_bindings("signoff", "sign", "Sign off")

    def __init__(self, session: Session, record: Record, start: date | None, end: date | None) -> None:
        super().__init__(classes="review-dialog")
        self.session = session
        self.record = record
        self.start, self.end = start, end
        self.days = isinstance(record, PlacementDay)

    def compose(self) -> ComposeResult:
        reviewer = self.session.reviewer
        with Vertical(id="dialog"):
            yield Static("Sign off", id="dialog-title")
            yield Static("", id="dialog-what")
            if self.days:
                yield from date_range_row(self.session.today(), _typed(self.start), _typed(self.end))
            with Horizontal(classes="row", id="row-comment"):
                yield Label("Comment", classes="row-label")
                yield Input(placeholder="optional, e.g. a good week: visits well recorded", id="comment")
            if reviewer is not None and reviewer.has_key:
                yield Checkbox(f"Sign with my key ({fingerprint(reviewer.public_key)})", True, id="use-key")
            else:
                yield Static(NO_KEY, id="dialog-key")
            yield Static("", id="dialog-problem")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Sign off (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        self._describe()
        self.query_one("#comment", Input).focus()  # the dates are filled in: Enter signs

    # -- what will be signed --------------------------------------------------------------------
    def _range(self) -> tuple[date | None, date | None, str | None]:
        """The typed range, and what is wrong with it (None when it reads)."""
        found: list[date | None] = []
        for name in ("from", "to"):
            text = self.query_one(f"#{name}", Input).value.strip()
            try:
                found.append(parse_date(text, today=self.session.today()) if text else None)
            except DateError as exc:
                return None, None, f"{name}: {exc}"
        start, end = found
        if start and end and end < start:
            return start, end, f"to: before the first day ({format_uk(start)})"
        return start, end, None

    def chosen(self) -> tuple[list[Record], list[Record]]:
        """The records to sign now, and those a sign-off already verifies (left as they are)."""
        book = self.session.review_book()
        if not self.days:
            done = signed_as_is(book.of(self.record))
            return ([], [self.record]) if done else ([self.record], [])
        start, end, problem = self._range()
        if problem:
            raise PraxisError(problem)
        assert isinstance(self.record, PlacementDay)
        todo, done = days_to_sign(book, self.session.days(self.record.placement_id), start, end)
        return list(todo), list(done)

    def _describe(self) -> None:
        what = self.query_one("#dialog-what", Static)
        problem = self.query_one("#dialog-problem", Static)
        problem.update("")
        try:
            todo, done = self.chosen()
        except PraxisError as exc:
            what.update("")
            problem.update(str(exc))
            return
        if not self.days:
            title = getattr(self.record, "title", "") or self.record.KIND
            state = " (already signed off and unchanged)" if done else ""
            what.update(f"{self.record.KIND.capitalize()} '{title}'{state}")
            return
        placement = next((p for p in self.session.placements() if p.id == self.record.placement_id), None)  # type: ignore[attr-defined]
        hours = sum(getattr(d, "hours", 0) for d in todo)
        where = placement.name if placement else "this placement"
        line = f"{len(todo)} day{'s' if len(todo) != 1 else ''} of {where} ({hours:g} hours)"
        if todo:
            first, last = todo[0].date, todo[-1].date  # type: ignore[attr-defined]
            line += f": {format_uk(first)}" + (f" – {format_uk(last)}" if last != first else "")
        if done:
            line += f"; {len(done)} already signed off and unchanged, left as they are"
        what.update(line)

    @on(Input.Changed, "#from")
    @on(Input.Changed, "#to")
    def _date_typed(self, event: Input.Changed) -> None:
        show_read_back(self, event.input, self.session.today())
        self._describe()

    # -- signing --------------------------------------------------------------------------------
    def action_sign(self) -> None:
        """Sign off what the dialog names (nothing if a field is wrong or nothing is left to sign)."""
        problem = self.query_one("#dialog-problem", Static)
        try:
            todo, done = self.chosen()
            if not todo:
                raise PraxisError(
                    "nothing to sign here: every day in the range is signed off and unchanged"
                    if done
                    else "no days are logged in that range"
                )
            boxes = self.query("#use-key").results(Checkbox)
            use_key = next((box.value for box in boxes), False)
            comment = self.query_one("#comment", Input).value
            saved = self.session.sign_off(todo, comment, use_key=use_key)
        except PraxisError as exc:
            problem.update(str(exc))
            if self.days and str(exc).startswith(("from:", "to:")):
                name = str(exc).split(":", 1)[0]
                self.query_one(f"#row-{name}").add_class("-invalid")
                self.query_one(f"#{name}", Input).focus()
            return
        signed = "signed with your key" if saved[0].signature else "no signing key"
        self.app.notify(
            f"Signed off {len(saved)} record{'s' if len(saved) != 1 else ''} ({signed}). u undoes it.",
            title="Signed off",
        )
        self.dismiss(saved)
