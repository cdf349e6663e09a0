"""The shape every form shares: labelled fields, messages beside them, drafts kept as you type.

A form is a ``ModalScreen`` that dismisses with the saved record, or None when left. A subclass
lists its ``fields()``, gives the values to start from (``initial()``), and turns typed values into
a record (``build``) and saves it (``save``). The base class shows each problem beside its field,
asks before Esc throws changes away, and keeps a draft on disk while you type, so a crash or a kill
loses nothing: the next time the same form opens, the draft comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from store import PraxisError, Problem, Record, StoreWriteError, ValidationError
from tui.widgets.confirm import Confirm

if TYPE_CHECKING:
    from tui.session import Session

T = TypeVar("T", bound=Record)

DRAFT_DELAY = 0.4  # seconds after the last keystroke before the draft is written


@dataclass(frozen=True)
class Field:
    """One field of a form. ``kind`` is ``text``, ``choice`` (from ``choices``) or ``long``."""

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[str] = ()
    placeholder: str = ""
    hint: str = ""


class FieldProblems(Exception):
    """Raised by ``build`` when typed values cannot make a record; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class FormScreen(ModalScreen[T | None], Generic[T]):
    """A modal form that saves one record. Ctrl+S (or F2) saves; Esc leaves, asking if changed."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #form {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; padding: 0 1; color: $text; }
    FormScreen #form-note { color: $text-muted; padding: 0 1; }
    FormScreen #form-problem { color: $error; padding: 0 1; display: none; }
    FormScreen #form-problem.-shown { display: block; }
    FormScreen #fields { height: auto; max-height: 1fr; }
    FormScreen .field { height: auto; }
    FormScreen .field > Label { width: 16; padding: 1 1 0 0; text-align: right; }
    FormScreen .field > Vertical { width: 1fr; height: auto; }
    FormScreen .field TextArea { height: 5; }
    FormScreen .field .field-hint { color: $text-muted; padding: 0 1; }
    FormScreen .field .field-error { color: $error; padding: 0 1; display: none; }
    FormScreen .field.-invalid .field-error { display: block; }
    FormScreen .field.-invalid Input, FormScreen .field.-invalid TextArea { border: tall $error; }
    FormScreen #form-buttons { height: auto; align-horizontal: right; padding: 0 1; dock: bottom; }
    FormScreen #form-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Save", id="form.save"),
        Binding("escape", "leave", "Cancel", id="form.cancel"),
        Binding("f1", "app.help", "Keys", id="form.help"),
    ]

    title_text = "Record"
    draft_key: str | None = None  # where the draft is kept; None keeps no draft

    def __init__(self, session: Session, record: T | None = None) -> None:
        super().__init__()
        self.session = session
        self.record = record
        self._start: dict[str, str] = {}
        self._draft_timer: Timer | None = None
        self._ready = False
        self.restored_draft = False

    # -- what a subclass gives --------------------------------------------------------------
    def fields(self) -> list[Field]:
        """The fields, in order."""
        raise NotImplementedError

    def initial(self) -> dict[str, str]:
        """The text each field starts with (from ``self.record`` when editing, else defaults)."""
        raise NotImplementedError

    def build(self, values: dict[str, str]) -> T:
        """Make the record the typed values describe; raise ``FieldProblems`` if they cannot."""
        raise NotImplementedError

    def save(self, record: T) -> T:
        """Save ``record`` (add or update through the session) and return it as saved."""
        if self.record is None:
            return self.session.add(record)
        return self.session.update(record)

    def note(self) -> str:
        """A line under the title (what the form is for); empty for none."""
        return ""

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(self.title_text, id="form-title")
            if note := self.note():
                yield Static(note, id="form-note")
            yield Static("", id="form-problem")
            with VerticalScroll(id="fields"):
                for f in self.fields():
                    with Horizontal(classes="field", id=f"row-{f.name}"):
                        yield Label(f.label, id=f"label-{f.name}")
                        with Vertical():
                            yield self._widget(f)
                            if f.hint:
                                yield Static(f.hint, classes="field-hint")
                            yield Static("", classes="field-error", id=f"error-{f.name}")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Save (Ctrl+S)", id="save", variant="primary")

    def _widget(self, f: Field) -> Widget:
        wid = f"field-{f.name}"
        if f.kind == "choice":
            return Select([(c, c) for c in f.choices], allow_blank=False, id=wid)
        if f.kind == "long":
            return TextArea(id=wid, soft_wrap=True, tab_behavior="focus")
        return Input(placeholder=f.placeholder, id=wid)

    def on_mount(self) -> None:
        start = self.initial()
        self._start = dict(start)
        draft = self.session.drafts.load(self.draft_key) if self.draft_key else None
        if draft and draft.get("values") != start:
            start = {**start, **{k: str(v) for k, v in draft.get("values", {}).items()}}
            self.restored_draft = True
            self.notify("Your unsaved draft was restored. Esc and discard to drop it.", title="Draft")
        self.set_values(start)
        self._ready = True
        first = next(iter(self.fields()), None)
        if first is not None:
            self.query_one(f"#field-{first.name}").focus()

    # -- values -------------------------------------------------------------------------------
    def set_values(self, values: dict[str, str]) -> None:
        """Put ``values`` into the fields they name."""
        for f in self.fields():
            if f.name not in values:
                continue
            widget = self.query_one(f"#field-{f.name}")
            value = str(values[f.name])
            if isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Select) and value in f.choices:
                widget.value = value

    def values(self) -> dict[str, str]:
        """What each field holds now, as text."""
        out: dict[str, str] = {}
        for f in self.fields():
            widget = self.query_one(f"#field-{f.name}")
            if isinstance(widget, Input):
                out[f.name] = widget.value
            elif isinstance(widget, TextArea):
                out[f.name] = widget.text
            elif isinstance(widget, Select):
                out[f.name] = "" if widget.value is Select.BLANK else str(widget.value)
        return out

    @property
    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self.values() != self._start or self.restored_draft

    # -- drafts -------------------------------------------------------------------------------
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _typed(self) -> None:
        if not self._ready or not self.draft_key:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> None:
        """Write the draft now (also called as you type, after a short pause)."""
        if not self.draft_key:
            return
        values = self.values()
        try:
            if values == self._start:
                self.session.drafts.discard(self.draft_key)
            else:
                self.session.drafts.save(self.draft_key, {"values": values})
        except (StoreWriteError, OSError) as exc:
            self.notify(f"The draft could not be kept: {exc}", severity="warning")

    def _drop_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self.draft_key:
            self.session.drafts.discard(self.draft_key)

    # -- saving and leaving ---------------------------------------------------------------------
    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem beside its field; those for no field go above the fields."""
        names = {f.name for f in self.fields()}
        for f in self.fields():
            self.query_one(f"#row-{f.name}").remove_class("-invalid")
        general: list[str] = []
        first: str | None = None
        for p in problems:
            name = self.field_for(p.field)
            if name in names:
                error = self.query_one(f"#error-{name}", Static)
                row = self.query_one(f"#row-{name}")
                text = p.message if not row.has_class("-invalid") else f"{error.content}\n{p.message}"
                error.update(text)
                row.add_class("-invalid")
                first = first or name
            else:
                general.append(str(p))
        top = self.query_one("#form-problem", Static)
        top.update("\n".join(general))
        top.set_class(bool(general), "-shown")
        if first:
            self.query_one(f"#field-{first}").focus()

    def field_for(self, problem_field: str) -> str:
        """The form field a store problem's field belongs to (override when names differ)."""
        return problem_field

    def action_save(self) -> None:
        try:
            record = self.build(self.values())
            saved = self.save(record)
        except FieldProblems as exc:
            self.show_problems(exc.problems)
            return
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except PraxisError as exc:
            self.show_problems([Problem("", str(exc))])
            return
        self._drop_draft()
        self.dismiss(saved)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in any one-line field saves the form (so a prefilled form saves in one key)."""
        event.stop()
        self.action_save()

    @work
    async def action_leave(self) -> None:
        if self.changed:
            if not await self.app.push_screen_wait(
                Confirm("Discard the changes in this form?", yes="Discard", no="Keep editing")
            ):
                return
        self._drop_draft()
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_leave()


def text_of(values: dict[str, Any], name: str) -> str:
    """A field's value, stripped."""
    return str(values.get(name, "")).strip()
