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
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from praxis_socialwork.store import PraxisError, Problem, Record, StoreWriteError, ValidationError
from praxis_socialwork.tui.widgets.confirm import Confirm

if TYPE_CHECKING:
    from praxis_socialwork.exports.privacy import Flag
    from praxis_socialwork.services.privacy_notes import Reviewed
    from praxis_socialwork.services.session import Session

T = TypeVar("T", bound=Record)

DRAFT_DELAY = 0.4  # seconds after the last keystroke before the draft is written
PRIVACY_DELAY = 0.3  # seconds after the last keystroke before a field is checked for identifiers


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
    FormScreen #form-problem.-notice { color: $warning; }
    FormScreen #fields { height: auto; max-height: 1fr; }
    FormScreen .field { height: auto; }
    FormScreen .field > Label { width: 16; padding: 1 1 0 0; text-align: right; }
    FormScreen .field > Vertical { width: 1fr; height: auto; }
    FormScreen .field TextArea { height: 5; }
    FormScreen .field .field-hint { color: $text-muted; padding: 0 1; }
    FormScreen .field.-invalid .field-hint.-repeats { display: none; }
    FormScreen .field .field-error { color: $error; padding: 0 1; display: none; }
    FormScreen .field.-invalid .field-error { display: block; }
    FormScreen .field.-invalid Input, FormScreen .field.-invalid TextArea { border: tall $error; }
    FormScreen .field Input:focus, FormScreen .field TextArea:focus { border: tall $accent; }
    FormScreen .field Select:focus > SelectCurrent { border: tall $accent; }
    FormScreen .field:focus-within > Label { color: $accent; text-style: bold; }
    FormScreen .field.-invalid Input:focus, FormScreen .field.-invalid TextArea:focus { border: tall $error; }
    FormScreen .privacy-note { color: $warning; padding: 0 1; display: none; }
    FormScreen .privacy-note.-flagged { display: block; }
    FormScreen #form-buttons { height: auto; align-horizontal: right; padding: 0 1; dock: bottom; }
    FormScreen #form-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Save", id="form.save"),
        Binding("escape", "leave", "Cancel", id="form.cancel"),
        Binding("f1", "app.help", "Keys", id="form.help"),
        Binding("f8,ctrl+r", "keep_as_written", "Keep flagged text", show=False, id="form.keep-flagged"),
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
        self._privacy: Reviewed | None = None
        self._privacy_timer: Timer | None = None
        self._privacy_due: set[str] = set()
        self._names_checked: tuple[str, ...] = ()
        self.flags: dict[str, list[Flag]] = {}  # form field -> what the confidentiality check flags there

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

    def privacy_fields(self) -> dict[str, str]:
        """The fields the confidentiality check reads as you type: form field -> the record's field
        (as ``praxis check-privacy`` names it). None by default."""
        return {}

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
                            if f.name in self.privacy_fields():
                                yield privacy_note(f.name)
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
            start = self.with_draft(start, {k: str(v) for k, v in draft.get("values", {}).items()})
            self.restored_draft = True
            # Said in the form, not in a toast over it (it is about this form, and stays while needed).
            notice = self.query_one("#form-problem", Static)
            notice.update("Your unsaved draft was restored. Esc and discard to drop it.")
            notice.add_class("-shown", "-notice")
        self.set_values(start)
        self._ready = True
        self._start_privacy()
        if (first := self.first_focus(start)) is not None:
            self.query_one(f"#field-{first}").focus()

    def with_draft(self, start: dict[str, str], draft: dict[str, str]) -> dict[str, str]:
        """The values to open with when an unsaved draft comes back: the draft's over the form's own
        (a subclass may keep what it was asked to open with)."""
        return {**start, **draft}

    def first_focus(self, values: dict[str, str]) -> str | None:
        """The field the cursor starts in, given the values the form opened with: the first field
        (a subclass may choose the first empty one)."""
        first = next(iter(self.fields()), None)
        return first.name if first is not None else None

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

    # -- the confidentiality check ------------------------------------------------------------------
    def _start_privacy(self) -> None:
        fields = self.privacy_fields()
        if not fields:
            return
        from praxis_socialwork.exports.privacy import name_words, staff_names
        from praxis_socialwork.services.privacy_notes import Reviewed

        profile = self.session.profile()
        reviewed = set(profile.privacy_reviewed) if profile else set()
        staff = [*self.session.placements(), *self.session.signoffs(), *self.session.comments()]
        names = staff_names(staff) | name_words([profile.name] if profile else [])
        self._privacy = Reviewed(self.record.id if self.record else "", reviewed, names=names)
        self._privacy_due.update(fields)
        self.check_privacy()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _privacy_typed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        name = (widget.id or "").removeprefix("field-")
        if self._privacy is None or name not in self.privacy_fields():
            return
        self._privacy_due.add(name)
        if self._privacy_timer is not None:
            self._privacy_timer.stop()
        self._privacy_timer = self.set_timer(PRIVACY_DELAY, self.check_privacy)

    def check_privacy(self) -> None:
        """Check the fields typed in since the last check now, and show what each holds."""
        from praxis_socialwork.services.privacy_notes import note_text

        if self._privacy is None:
            return
        fields = self.privacy_fields()
        due, self._privacy_due = self._privacy_due, set()
        names = self.privacy_names()
        if names != self._names_checked:  # a peer's name typed: what names it may hide changes
            self._names_checked = names
            due = set(fields)
        for name in due & fields.keys():
            notes = self.query(f"#privacy-{name}").results(Static)
            widget = self.query(f"#field-{name}").first()
            note = next(notes, None)
            if note is None or not isinstance(widget, Input | TextArea):
                continue  # the field is being laid out again; its new text is checked when set
            text = widget.value if isinstance(widget, Input) else widget.text
            self.flags[name] = self._privacy.open_flags(fields[name], text, names)
            note.update(note_text(self.flags[name]))
            note.set_class(bool(self.flags[name]), "-flagged")
        for name in list(self.flags):
            if name not in fields:
                del self.flags[name]
        self.privacy_checked()

    def privacy_checked(self) -> None:
        """Called after each check (a subclass may show a total)."""

    def privacy_names(self) -> tuple[str, ...]:
        """Names this form asks for as typed now (e.g. the peer's): a name with a title made of their
        words is not flagged in its other fields. None by default."""
        return ()

    def action_keep_as_written(self) -> None:
        """Keep what is flagged in the focused field (or, if nothing is flagged there, in every
        field) as written: it is no longer flagged, here or by ``praxis check-privacy``, once saved."""
        if self._privacy is None:
            return
        self.check_privacy()
        here = (self.focused.id or "").removeprefix("field-") if self.focused is not None else ""
        names = [here] if self.flags.get(here) else [n for n, found in self.flags.items() if found]
        if not names:
            self.notify("Nothing here is flagged by the confidentiality check.", title="Confidentiality")
            return
        fields = self.privacy_fields()
        count = sum(self._privacy.mark(fields[name], self.flags[name]) for name in names)
        self._privacy_due.update(names)
        self.check_privacy()
        things = "flag" if count == 1 else "flags"
        self.notify(
            f"Kept {count} {things} as written; they stay reviewed once you save.", title="Confidentiality"
        )

    def _keep_reviewed(self, saved: Record) -> None:
        if self._privacy is not None and self._privacy.marked:
            try:
                self.session.mark_privacy_reviewed(self._privacy.keys_for(saved.id))
            except PraxisError as exc:  # the record is saved; only the marks could not be kept
                self.notify(f"The flags kept as written were not remembered: {exc}", severity="warning")

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
                error.update(Content(text))  # a message quotes what was typed: never read it as markup
                row.add_class("-invalid")
                first = first or name
            else:
                general.append(str(p))
        for f in self.fields():
            self._quiet_repeated_hint(f.name)
        top = self.query_one("#form-problem", Static)
        top.remove_class("-notice")
        top.update(Content("\n".join(general)))
        top.set_class(bool(general), "-shown")
        if first:
            self.query_one(f"#field-{first}").focus()

    def _quiet_repeated_hint(self, name: str) -> None:
        """Hide the hint under field ``name`` while its error says the same (a date the hint already
        calls "not a real date" would otherwise show that sentence twice)."""
        hint = next(self.query(f"#row-{name} .field-hint").results(Static), None)
        error = next(self.query(f"#error-{name}").results(Static), None)
        if hint is None or error is None:
            return
        said = str(hint.content).strip()
        hint.set_class(bool(said) and said in str(error.content).splitlines(), "-repeats")

    @on(Input.Changed)
    def _hint_changed(self, event: Input.Changed) -> None:
        # The hint follows what is typed (a subclass updates it in its own handler): compare after.
        name = (event.input.id or "").removeprefix("field-")
        self.call_after_refresh(self._quiet_repeated_hint, name)

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
        self._keep_reviewed(saved)
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


def privacy_note(name: str) -> Static:
    """The line under field ``name`` where the confidentiality check says what it found."""
    return Static("", classes="privacy-note", id=f"privacy-{name}", markup=False)


def text_of(values: dict[str, Any], name: str) -> str:
    """A field's value, stripped."""
    return str(values.get(name, "")).strip()
