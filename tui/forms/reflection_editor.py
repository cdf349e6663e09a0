"""Writing a reflection: the chosen model's stages as text areas, with their prompts and word counts.

The editor fills the screen (a reflection is long), keeps a draft on disk as you type, and lets a
stage be written in the person's own editor (Ctrl+E). Changing the model lays the stages out again:
text under a stage of the same name stays where it is, and text under a stage the new model lacks
is moved into the new model's first stage under a heading naming where it came from, so nothing
is dropped. Switching straight back, before typing anything, puts every stage back as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from praxis_socialwork.store import (
    DateError,
    Problem,
    Reflection,
    StoreWriteError,
    format_typed,
    format_uk,
    parse_date,
)
from praxis_socialwork.store.standards import normalise_code
from praxis_socialwork.store.vocab import REFLECTION_MODELS, REFLECTION_STAGES
from praxis_socialwork.tui.forms.form_screen import Field, FieldProblems, FormScreen, privacy_note, text_of
from praxis_socialwork.tui.forms.link_picker import LinkPicker, describe_link
from praxis_socialwork.tui.forms.standards_picker import (
    PICK_KEYS,
    describe_codes,
    pick_standards,
    split_codes,
)
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

MODEL_LABELS: dict[str, str] = {
    "gibbs": "Gibbs",
    "kolb": "Kolb",
    "driscoll": "Driscoll",
    "schon": "Schön",
    "free": "Free writing",
}
DEFAULT_MODEL = "gibbs"
THEORIES_PROMPT = "Which theories, research, law or policy helped you make sense of it?"

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


def word_count(text: str) -> int:
    """How many words ``text`` holds (``don't`` and ``well-being`` are one word each)."""
    return len(_WORD.findall(text))


def words_label(count: int) -> str:
    """``1 word`` / ``12 words``."""
    return f"{count} word" if count == 1 else f"{count} words"


def stage_names(model: str) -> list[str]:
    """The stages ``model`` lays out, in order (a model Praxis does not know has one free text)."""
    return [name for name, _ in REFLECTION_STAGES.get(model, REFLECTION_STAGES["free"])]


def stage_label(model: str, stage: str) -> str:
    """A stage's heading as a person reads it (``action-plan`` → ``Action plan``)."""
    if model == "free" and stage == "text":
        return "Reflection"
    return stage.replace("-", " ").capitalize()


def stage_prompt(model: str, stage: str) -> str:
    """The question a model asks at ``stage`` ("" if it has none)."""
    return dict(REFLECTION_STAGES.get(model, ())).get(stage, "")


def reflection_words(reflection: Reflection) -> int:
    """The words written across a reflection's stages (what the list and the editor's total show)."""
    return sum(word_count(text) for text in reflection.stages.values())


def carry_over(old_model: str, texts: dict[str, str], new_model: str) -> tuple[dict[str, str], list[str]]:
    """Lay ``texts`` (stage → text, written under ``old_model``) out under ``new_model``'s stages.

    Text under a stage of the same name stays there. Text under a stage the new model lacks is
    added to the new model's first stage, under a heading line naming the stage and model it came
    from. Returns (the new stage texts, the labels of the stages whose text was moved).
    """
    names = stage_names(new_model)
    result = {name: texts.get(name, "") for name in names}
    moved = [(name, text) for name, text in texts.items() if name not in result and text.strip()]
    if moved:
        first = names[0]
        parts = [result[first].rstrip()] if result[first].strip() else []
        for name, text in moved:
            parts.append(f"{stage_label(old_model, name)} (from {MODEL_LABELS.get(old_model, old_model)}):")
            parts[-1] += "\n" + text.strip()
        result[first] = "\n\n".join(parts)
    return result, [stage_label(old_model, name) for name, _ in moved]


class StageArea(TextArea):
    """A stage's text area: Tab moves on, Ctrl+E opens its text in $EDITOR (not end of line),
    Ctrl+End and Ctrl+Home go to the end and the start of the stage's text."""

    BINDINGS = [
        Binding("ctrl+e", "screen.edit_outside", "Edit in $EDITOR", show=False, id="reflection.edit-outside"),
        Binding("ctrl+end", "to_text_end", "End of the stage", show=False, id="reflection.stage-end"),
        Binding("ctrl+home", "to_text_start", "Start of the stage", show=False, id="reflection.stage-start"),
    ]

    def action_to_text_end(self) -> None:
        """Put the cursor after the last character of the stage's text."""
        self.move_cursor(self.document.end)

    def action_to_text_start(self) -> None:
        """Put the cursor before the first character of the stage's text."""
        self.move_cursor((0, 0))


@dataclass
class _Switch:
    """The last change of model, so switching straight back restores the stages exactly."""

    old_model: str
    old_texts: dict[str, str]
    new_model: str
    new_texts: dict[str, str]


class ReflectionEditor(FormScreen[Reflection]):
    """Write or change a reflection. Dismisses with the saved reflection, or None when left."""

    DEFAULT_CSS = beside(__file__, "reflection_editor.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+e,f4", "edit_outside", "Edit in $EDITOR", id="reflection.edit-outside"),
        Binding("ctrl+l,f3", "pick_links", "Links", id="reflection.links"),
        Binding("ctrl+t,f5", "pick_standards", "Standards", id="reflection.standards"),
        # A modal screen hides the app's keys; F1 still lists the keys that work here.
        Binding("f1", "app.help", "Keys", show=False, id="reflection.help"),
    ]

    def __init__(
        self, session: Session, record: Reflection | None = None, *, prefill: dict[str, str] | None = None
    ) -> None:
        super().__init__(session, record)
        self.prefill = dict(prefill or {})
        self.draft_key = "reflection-new" if record is None else f"reflection-{record.id}"
        self.title_text = "New reflection" if record is None else "Edit reflection"
        self.links: list[str] = list(record.links) if record else []
        # The draft decides which model's stages to lay out first, so it can be put back whole.
        model = (record.model if record else self.prefill.get("model", DEFAULT_MODEL)) or DEFAULT_MODEL
        self._first_model = model if model in REFLECTION_MODELS else "free"
        draft = session.drafts.load(self.draft_key) or {}
        drafted = draft.get("values", {}).get("model") if isinstance(draft.get("values"), dict) else None
        if drafted in REFLECTION_MODELS:
            model = drafted
        self.model = model if model in REFLECTION_MODELS else "free"  # whose stages are laid out
        self._switch: _Switch | None = None
        self._finished = False
        self._latest: dict[str, str] | None = None  # what the fields held after the last change

    # -- the fields ---------------------------------------------------------------------------
    def fields(self) -> list[Field]:
        """Date, title, model, one field per stage of the current model, theories, standards, links."""
        return [
            Field("date", "Date", placeholder="22/11/2026 or today"),
            Field("title", "Title", placeholder="What the reflection is about"),
            Field("model", "Model", kind="choice", choices=REFLECTION_MODELS),
            *(
                Field(f"stage-{name}", stage_label(self.model, name), kind="long", hint=prompt)
                for name, prompt in REFLECTION_STAGES[self.model]
            ),
            Field("theories", "Theories", kind="long", hint=THEORIES_PROMPT),
            Field(
                "standards",
                "Standards",
                placeholder="swe:4.3, pcf:6",
                hint="Codes it evidences, commas between",
            ),
            Field("links", "Links", kind="links"),
        ]

    def initial(self) -> dict[str, str]:
        """The reflection's own values when editing; today, the model and any prefill when new."""
        r = self.record
        if r is None:
            values = {
                "date": format_typed(self.session.today()),
                "title": "",
                "model": self._first_model,
                "theories": "",
                "standards": "",
                "links": "",
                **{f"stage-{name}": "" for name in stage_names(self._first_model)},
            }
            values.update({k: v for k, v in self.prefill.items() if k in values})
            return values
        return {
            "date": format_typed(r.date) if r.date else "",
            "title": r.title,
            "model": r.model,
            "theories": r.theories,
            "standards": ", ".join(r.standards),
            "links": ",".join(r.links),
            **{f"stage-{name}": r.stages.get(name, "") for name in stage_names(r.model)},
        }

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            with Horizontal(id="form-head"):
                yield Static(self.title_text, id="form-title")
                yield Static("", id="privacy-total")
                yield Static("", id="total-words")
            yield Static("", id="form-problem")
            with VerticalScroll(id="fields"):
                yield self._short_row(
                    "date",
                    "Date",
                    Input(placeholder="22/11/2026 or today", id="field-date", compact=True),
                    Static("", id="date-shown"),
                )
                yield self._short_row(
                    "title",
                    "Title",
                    Input(placeholder="What the reflection is about", id="field-title", compact=True),
                )
                models = [
                    (f"{MODEL_LABELS[m]} ({len(REFLECTION_STAGES[m])} stages)", m) for m in REFLECTION_MODELS
                ]
                yield self._short_row(
                    "model",
                    "Model",
                    Select(models, value=self.model, allow_blank=False, id="field-model", compact=True),
                )
                with Vertical(id="stages"):
                    yield from self._stage_rows(self.model)
                yield self._long_row("theories", "Theories", THEORIES_PROMPT)
                yield self._short_row(
                    "standards",
                    "Standards",
                    Input(placeholder="swe:4.3, pcf:6", id="field-standards", compact=True),
                    Static(f"{PICK_KEYS} chooses", classes="field-hint"),
                    below=Static("", id="standards-names", markup=False),
                )
                yield self._short_row(
                    "links",
                    "Links",
                    Button("Choose… (Ctrl+L)", id="field-links", compact=True),
                    Static("", id="links-count"),
                    below=Static("", id="links-names"),
                )
            yield Footer(show_command_palette=False)

    def _short_row(self, name: str, label: str, *widgets: Widget, below: Widget | None = None) -> Widget:
        """A one-line field: its label, the widget and anything beside it; its message under it."""
        line = Horizontal(Label(label, id=f"label-{name}"), *widgets, classes="short-line")
        parts = [line] if below is None else [line, below]
        parts.append(Static("", classes="field-error", id=f"error-{name}"))
        if name in self.privacy_fields():
            parts.append(privacy_note(name))
        return Vertical(*parts, classes="field short", id=f"row-{name}")

    def _stage_rows(self, model: str) -> list[Widget]:
        return [
            self._long_row(f"stage-{name}", stage_label(model, name), prompt)
            for name, prompt in REFLECTION_STAGES[model]
        ]

    def _long_row(self, name: str, label: str, prompt: str) -> Widget:
        """A text area under a heading line: the stage's name, its prompt and its word count."""
        head = Horizontal(
            Static(label, classes="stage-name"),
            Static(prompt, classes="stage-prompt"),
            Static("", classes="stage-words", id=f"words-{name}"),
            classes="stage-head",
        )
        area = StageArea(id=f"field-{name}", soft_wrap=True, tab_behavior="focus")
        error = Static("", classes="field-error", id=f"error-{name}")
        return Vertical(head, area, error, privacy_note(name), classes="field stage", id=f"row-{name}")

    def on_mount(self) -> None:
        self._count_words()
        self._show_links()
        self._show_date()

    def with_draft(self, start: dict[str, str], draft: dict[str, str]) -> dict[str, str]:
        """The draft comes back whole, and still carries the standards this editor was opened to
        evidence (``n`` on a coverage gap) after the draft's own."""
        values = super().with_draft(start, draft)
        if asked := self.prefill.get("standards", ""):
            values["standards"] = ", ".join(split_codes(f"{draft.get('standards', '')}, {asked}"))
        return values

    def first_focus(self, values: dict[str, str]) -> str | None:
        """The first empty field of the date, the title and the stages (a new reflection starts at
        its title, under today's date); the title if all are written."""
        names = ["date", "title", *(f"stage-{name}" for name in stage_names(self.model))]
        return next((name for name in names if not str(values.get(name, "")).strip()), "title")

    # -- values -------------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """What each field holds now, as text; links as their ids joined by commas."""
        out = super().values()
        out["links"] = ",".join(self.links)
        return out

    def set_values(self, values: dict[str, str]) -> None:
        """Put ``values`` into the fields (the stages must already be laid out for their model)."""
        super().set_values(values)
        if "links" in values:
            self.links = [link for link in str(values["links"]).split(",") if link]
            self._show_links()

    def field_for(self, problem_field: str) -> str:
        """Stage problems belong to the first stage; everything else keeps its name."""
        if problem_field == "stages":
            return f"stage-{stage_names(self.model)[0]}"
        return problem_field

    def privacy_fields(self) -> dict[str, str]:
        """The title, each stage of the current model and the theories, by the record's field names."""
        stages = {f"stage-{name}": f"stages.{name}" for name in stage_names(self.model)}
        return {"title": "title", **stages, "theories": "theories"}

    def privacy_checked(self) -> None:
        """Count what is flagged in the header, so a flag in a stage out of view is not missed."""
        count = sum(len(found) for found in self.flags.values())
        total = self.query_one("#privacy-total", Static)
        total.update(f"⚠ {count} to check (F8 keeps)" if count else "")
        total.set_class(bool(count), "-flagged")

    def _stage_texts(self) -> dict[str, str]:
        return {
            name: self.query_one(f"#field-stage-{name}", TextArea).text for name in stage_names(self.model)
        }

    # -- building and saving ------------------------------------------------------------------
    def build(self, values: dict[str, str]) -> Reflection:
        """Make the reflection the fields describe; a date that cannot be read stops it here."""
        problems: list[Problem] = []
        try:
            when = parse_date(values.get("date", ""), today=self.session.today())
        except DateError as exc:
            problems.append(Problem("date", str(exc)))
            when = None
        title = text_of(values, "title")
        if problems:
            if not title:
                problems.append(Problem("title", "is required"))
            raise FieldProblems(problems)
        model = values.get("model") or self.model
        stages = {
            name: text.rstrip()
            for name in stage_names(model)
            if (text := str(values.get(f"stage-{name}", ""))).strip()
        }
        standards = [normalise_code(c) for c in values.get("standards", "").split(",") if c.strip()]
        links = [link for link in values.get("links", "").split(",") if link]
        base = self.record if self.record is not None else Reflection()
        return replace(
            base,
            date=when,
            title=title,
            model=model,
            stages=stages,
            theories=values.get("theories", "").rstrip(),
            standards=standards,
            links=links,
        )

    def dismiss(self, result=None):  # noqa: ANN001 - Textual's own signature
        """Close the editor (saved or left); no draft is written after this."""
        self._finished = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        return super().dismiss(result)

    def on_unmount(self) -> None:
        # The app is closing with the editor open (Ctrl+Q): keep what was typed in the last moment,
        # before the draft's short wait was over. The fields are gone by now; their values are not.
        if self._finished or self._latest is None or not self.draft_key:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        try:
            if self._latest != self._start:
                self.session.drafts.save(self.draft_key, {"values": self._latest})
        except (StoreWriteError, OSError):
            pass  # the app is closing: nowhere left to say so; the last timed draft stands

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _remember(self) -> None:
        if self._ready:
            try:
                self._latest = self.values()
            except NoMatches:
                pass  # the stages are being laid out again; the next change is remembered

    # -- reacting -----------------------------------------------------------------------------
    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        self._count_words(event.text_area)

    @on(events.DescendantFocus)
    def _keep_in_view(self, event: events.DescendantFocus) -> None:
        # A text area grows when focused: once it has, bring its heading and all of it into view.
        row = event.widget.parent if isinstance(event.widget, StageArea) else None
        if row is not None:
            self.call_after_refresh(row.scroll_visible, animate=False)

    @on(Input.Changed, "#field-date")
    def _date_changed(self) -> None:
        self._show_date()

    @on(Input.Changed, "#field-standards")
    def _standards_changed(self, event: Input.Changed) -> None:
        names = self.query_one("#standards-names", Static)
        names.update(described := describe_codes(event.value))
        names.display = bool(described)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on to the next field (a reflection is not done in one line)."""
        event.stop()
        event.prevent_default()  # the base form saves on Enter; here Enter moves on
        self.focus_next()

    @on(Select.Changed, "#field-model")
    async def _model_chosen(self, event: Select.Changed) -> None:
        new = str(event.value)
        if new == self.model or new not in REFLECTION_MODELS:
            return
        await self.switch_model(new)

    async def switch_model(self, new: str) -> None:
        """Lay out ``new``'s stages, carrying the text written so far (see the module's note)."""
        old = self.model
        texts = self._stage_texts()
        last = self._switch
        if last is not None and last.new_model == old and last.old_model == new and last.new_texts == texts:
            new_texts, moved, restored = dict(last.old_texts), [], True
        else:
            new_texts, moved = carry_over(old, texts, new)
            restored = False
        box = self.query_one("#stages", Vertical)
        await box.remove_children()
        self.model = new
        await box.mount_all(self._stage_rows(new))
        for name, text in new_texts.items():
            self.query_one(f"#field-stage-{name}", TextArea).text = text
        self._latest = self.values()
        self._switch = None if restored else _Switch(old, texts, new, new_texts)
        self._count_words()
        if moved:
            first = stage_label(new, stage_names(new)[0])
            self.notify(
                f"{MODEL_LABELS[new]} has no {', '.join(moved)}: that text is now under {first}, "
                f"headed by where it came from. Choose {MODEL_LABELS[old]} again to undo.",
                title="Model changed",
                timeout=8,
            )
        self._typed()

    def _count_words(self, area: TextArea | None = None) -> None:
        areas = [area] if area is not None else list(self.query(StageArea))
        for a in areas:
            name = (a.id or "").removeprefix("field-")
            try:
                self.query_one(f"#words-{name}", Static).update(words_label(word_count(a.text)))
            except Exception:  # noqa: BLE001 - a row being replaced as the model changes
                continue
        total = sum(
            word_count(a.text) for a in self.query(StageArea) if (a.id or "").startswith("field-stage-")
        )
        self.query_one("#total-words", Static).update(f"Stages: {words_label(total)}")

    def _show_date(self) -> None:
        shown = self.query_one("#date-shown", Static)
        text = self.query_one("#field-date", Input).value
        try:
            shown.update(format_uk(parse_date(text, today=self.session.today())))
            shown.remove_class("-bad")
        except DateError:
            shown.update("day first: 22/11/2026" if text.strip() else "")
            shown.add_class("-bad")

    def _show_links(self) -> None:
        try:
            names = self.query_one("#links-names", Static)
            count = self.query_one("#links-count", Static)
        except Exception:  # noqa: BLE001 - not composed yet
            return
        placements = {p.id: p for p in self.session.placements()}
        lines = []
        for link in self.links:
            record = self.session.find(link)
            lines.append(
                "• " + (describe_link(record, placements) if record else f"(no longer in the store: {link})")
            )
        names.update("\n".join(lines))
        names.display = bool(lines)
        count.update(f"{len(lines)} linked" if lines else "No activity or placement day linked yet")

    # -- actions ------------------------------------------------------------------------------
    def action_edit_outside(self) -> None:
        """Open the focused text area's text in $EDITOR and put back what was saved there."""
        from praxis_socialwork.tui.external_editor import edit_in_app

        area = self.focused if isinstance(self.focused, StageArea) else None
        if area is None:
            self.notify("Move to a stage's text first (Tab), then press Ctrl+E.", title="Editor")
            return
        name = (area.id or "text").removeprefix("field-").removeprefix("stage-")
        edited = edit_in_app(self.app, area.text, name=name)
        if edited is not None and edited != area.text:
            area.text = edited
            area.move_cursor(area.document.end)
            self._latest = self.values()
            self._typed()
        area.focus()

    def action_pick_standards(self) -> None:
        """Choose the standards this reflection evidences from a list with their names."""
        pick_standards(self, self.session, self.query_one("#field-standards", Input))

    def action_pick_links(self) -> None:
        """Choose the activities and placement days this reflection is about."""

        def chosen(links: list[str] | None) -> None:
            if links is not None and links != self.links:
                self.links = links
                self._show_links()
                self._latest = self.values()
                self._typed()
            self.query_one("#field-links", Button).focus()
            self.call_after_refresh(self.query_one("#row-links").scroll_visible, animate=False)

        self.app.push_screen(LinkPicker(self.session, self.links), chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "field-links":
            event.stop()
            self.action_pick_links()
            return
        super().on_button_pressed(event)
