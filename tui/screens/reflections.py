"""The reflections screen: every reflection newest first, a search as you type, and a preview.

The list is a ``RecordTable`` (date, title, model, words, links); the search matches every typed
word against the title and the text written under each stage; the pane beside (or, on a narrow
terminal, below) the list shows the highlighted reflection stage by stage. ``show_only`` narrows
the list to the records behind a dashboard finding until Esc.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, Label, Static

from praxis_socialwork.services.session import describe
from praxis_socialwork.store import PraxisError, Reflection, format_uk
from praxis_socialwork.store.vocab import REFLECTION_STAGES
from praxis_socialwork.tui.forms.link_picker import describe_link
from praxis_socialwork.tui.forms.reflection_editor import (
    MODEL_LABELS,
    ReflectionEditor,
    reflection_words,
    stage_label,
    words_label,
)
from praxis_socialwork.tui.messages import ShowRecords
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

NARROW = 100  # below this many columns the preview goes under the list
DRAFT_MARK = "✎ "
SORTS = ("date", "title", "model", "words", "links")


class ReflectionsScreen(Page):
    """Reflections: list, search, preview; n writes one, e or Enter edits, x deletes."""

    DEFAULT_CSS = beside(__file__, "reflections.tcss")
    SCOPED_CSS = False

    PAGE = "reflections"

    BINDINGS = [
        Binding("n", "new", "New", id="reflections.new"),
        Binding("e", "edit", "Edit", id="reflections.edit"),
        Binding("x,delete", "delete", "Delete", id="reflections.delete"),
        Binding("slash", "search", "Search", id="reflections.search"),
        Binding("s", "sort", "Sort", id="reflections.sort"),
        Binding("escape", "back", "Show all", show=False, id="reflections.back"),
        Binding("down", "to_table", "To the list", show=False, id="reflections.to-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._only: tuple[set[str], str] | None = None
        self._sort: tuple[str, bool] = ("date", True)  # newest first
        self._keep: str | None = None
        # Per reflection (by id and edit count): its lower-cased text for searching, and its words.
        self._facts: dict[str, tuple[int, str, int]] = {}

    # -- layout -------------------------------------------------------------------------------
    def compose_page(self) -> ComposeResult:
        with Vertical(id="reflections-body"):
            with Horizontal(id="reflections-bar"):
                yield Label("Search", id="reflections-search-label")
                yield Input(
                    placeholder="words in a title or any stage  ( / )", id="reflections-search", compact=True
                )
                yield Static("", id="reflections-count")
            yield Static("", id="reflections-only")
            with Container(id="reflections-main"):
                yield RecordTable(
                    [
                        Column("date", "Date", 11),
                        Column("title", "Title", flex=True),
                        Column("model", "Model", 8),
                        Column("words", "Words", 5, align="right"),
                        Column("links", "Links", 5, align="right"),
                    ],
                    empty_text="No reflections yet. Press n to write one.",
                    id="reflections-table",
                )
                with VerticalScroll(id="reflections-preview"):
                    yield Static("", id="reflection-preview")

    def on_mount(self) -> None:
        self._narrow(self.app.size.width < NARROW)
        self.query_one("#reflections-table", RecordTable).focus()

    def on_resize(self, event: Resize) -> None:
        self._narrow(event.size.width < NARROW)

    def _narrow(self, narrow: bool) -> None:
        # Only when it changes: setting a class restyles the whole screen, even to the same value.
        if self.has_class("-narrow") != narrow:
            self.set_class(narrow, "-narrow")

    # -- showing ------------------------------------------------------------------------------
    def refresh_page(self) -> None:
        """Show the reflections as they are now, keeping the cursor on the same one if it is still shown."""
        table = self.query_one("#reflections-table", RecordTable)
        keep = self._keep or table.current_id
        self._keep = None
        query = self.query_one("#reflections-search", Input).value.lower().split()
        everything = self.session.reflections()
        shown = [r for r in everything if self._matches(r, query)]
        shown = self._sorted(shown)
        drafts = set(self.session.drafts.keys())
        rows = [(r.id, self._cells(r, drafts)) for r in shown]
        table.set_rows(rows, keep=keep)
        key, reverse = self._sort
        table.show_sort(key, reverse)
        count = (
            f"{len(shown)} of {len(everything)}" if len(shown) != len(everything) else f"{len(everything)}"
        )
        note = f"{count} reflection{'' if len(everything) == 1 else 's'}"
        if "reflection-new" in drafts:
            note += f" · {DRAFT_MARK}unsaved new one: n"
        self.query_one("#reflections-count", Static).update(note)
        only = self.query_one("#reflections-only", Static)
        if self._only is not None:
            only.update(f"Showing only: {self._only[1]}  ·  Esc shows all")
        only.display = self._only is not None
        self._preview(table.current_id)

    def _facts_of(self, r: Reflection) -> tuple[str, int]:
        cached = self._facts.get(r.id)
        if cached is None or cached[0] != r.sequence:
            text = "\n".join([r.title, *r.stages.values(), r.theories]).lower()
            cached = (r.sequence, text, reflection_words(r))
            self._facts[r.id] = cached
        return cached[1], cached[2]

    def _matches(self, r: Reflection, words: list[str]) -> bool:
        if self._only is not None and r.id not in self._only[0]:
            return False
        if not words:
            return True
        text = self._facts_of(r)[0]
        return all(w in text for w in words)

    def _sorted(self, items: list[Reflection]) -> list[Reflection]:
        key, reverse = self._sort
        if key == "date":
            # The session keeps them by (date, title); a stable reverse keeps titles A-Z within a day.
            return list(reversed(items)) if reverse else list(items)
        keys = {
            "title": lambda r: r.title.lower(),
            "model": lambda r: r.model,
            "words": lambda r: self._facts_of(r)[1],
            "links": lambda r: len(r.links),
        }
        return sorted(items, key=keys[key], reverse=reverse)

    def _cells(self, r: Reflection, drafts: set[str]) -> tuple[str, ...]:
        title = r.title or "(untitled)"
        if f"reflection-{r.id}" in drafts:
            title = DRAFT_MARK + title
        return (
            r.date.strftime("%d %b %Y") if r.date else "",
            title,
            MODEL_LABELS.get(r.model, r.model).split()[0],
            str(self._facts_of(r)[1]),
            str(len(r.links)) if r.links else "",
        )

    @on(RecordTable.Highlighted, "#reflections-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._preview(event.record_id)

    def _preview(self, record_id: str | None) -> None:
        pane = self.query_one("#reflection-preview", Static)
        record = self.session.find(record_id) if record_id else None
        if not isinstance(record, Reflection):
            pane.update(Content.styled("Nothing to show.", "italic $text-muted"))
            return
        pane.update(self.preview_of(record))
        self.query_one("#reflections-preview", VerticalScroll).scroll_home(animate=False)

    def preview_of(self, r: Reflection) -> Content:
        """The reflection laid out for reading: its title, then each stage under its heading."""
        when = format_uk(r.date) if r.date else "no date"
        parts: list[str | tuple[str, str]] = [
            (r.title or "(untitled)", "bold"),
            "\n",
            (
                f"{when} · {MODEL_LABELS.get(r.model, r.model)} · {words_label(reflection_words(r))}",
                "$text-muted",
            ),
            "\n",
        ]
        prompts = dict(REFLECTION_STAGES.get(r.model, ()))
        names = list(prompts) + [name for name in r.stages if name not in prompts]
        for name in names:
            text = r.stages.get(name, "").strip()
            parts += ["\n", (stage_label(r.model, name), "bold $accent")]
            if prompt := prompts.get(name):
                parts += ["  ", (prompt, "italic $text-muted")]
            parts += ["\n", text if text else ("(nothing written)", "italic $text-muted"), "\n"]
        if r.theories.strip():
            parts += ["\n", ("Theories", "bold $accent"), "\n", r.theories.strip(), "\n"]
        if r.standards:
            parts += ["\n", ("Standards", "bold $accent"), "  ", ", ".join(r.standards), "\n"]
        if r.links:
            placements = {p.id: p for p in self.session.placements()}
            parts += ["\n", ("Reflects on", "bold $accent"), "\n"]
            for link in r.links:
                record = self.session.find(link)
                parts += [
                    "• " + (describe_link(record, placements) if record else "(no longer in the store)"),
                    "\n",
                ]
        return Content.assemble(*parts)

    def show_only(self, ids: set[str], label: str) -> None:
        """Show only the reflections with these ids (the records behind a finding) until Esc."""
        self._only = (set(ids), label)
        if self.is_mounted:
            self.query_one("#reflections-search", Input).value = ""
            self.refresh_page()

    @on(ShowRecords)
    def _show_records(self, message: ShowRecords) -> None:
        self.show_only(set(message.ids), message.label)

    # -- reacting -----------------------------------------------------------------------------
    @on(Input.Changed, "#reflections-search")
    def _searched(self) -> None:
        self.refresh_page()

    @on(Input.Submitted, "#reflections-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_to_table()

    @on(RecordTable.Selected, "#reflections-table")
    def _chosen(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.open_editor(event.record_id)

    @on(RecordTable.HeaderSelected, "#reflections-table")
    def _header(self, event: RecordTable.HeaderSelected) -> None:
        event.stop()
        key, reverse = self._sort
        self._sort = (
            (event.key, not reverse) if key == event.key else (event.key, event.key in ("date", "words"))
        )
        self.refresh_page()

    # -- actions ------------------------------------------------------------------------------
    def _writable(self) -> bool:
        reason = self.praxis.read_only_reason
        if reason:
            self.notify(reason, title="Read-only", severity="warning")
        return not reason

    def _current(self) -> Reflection | None:
        record_id = self.query_one("#reflections-table", RecordTable).current_id
        record = self.session.find(record_id) if record_id else None
        return record if isinstance(record, Reflection) else None

    def open_editor(self, record_id: str | None = None) -> None:
        """Open the editor on a reflection (or a new one when ``record_id`` is None)."""
        if not self._writable():
            return
        record = None
        if record_id is not None:
            found = self.session.find(record_id)
            if not isinstance(found, Reflection):
                return
            record = found

        def done(saved: Reflection | None) -> None:
            if saved is not None:
                self._keep = saved.id
                self.records_changed()

        self.app.push_screen(ReflectionEditor(self.session, record), done)

    def action_new(self) -> None:
        """Write a new reflection."""
        self.open_editor(None)

    def action_edit(self) -> None:
        """Edit the highlighted reflection."""
        if (r := self._current()) is not None:
            self.open_editor(r.id)

    @work
    async def action_delete(self) -> None:
        """Delete the highlighted reflection, after asking (u takes it back)."""
        r = self._current()
        if r is None or not self._writable():
            return
        if not await self.app.push_screen_wait(
            Confirm(f"Delete {describe(r)}? (u undoes it)", yes="Delete", no="Keep")
        ):
            return
        try:
            self.session.delete(r)
        except PraxisError as exc:
            self.notify(str(exc), title="Not deleted", severity="error")
            return
        self.notify(f"Deleted {describe(r)}. Press u to undo.")
        self.records_changed()

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#reflections-search", Input).focus()

    def action_to_table(self) -> None:
        """Move from the search box to the list."""
        self.query_one("#reflections-table", RecordTable).focus()

    def action_sort(self) -> None:
        """Sort by the next column (date, title, model, words, links)."""
        key = SORTS[(SORTS.index(self._sort[0]) + 1) % len(SORTS)]
        self._sort = (key, key in ("date", "words"))
        self.refresh_page()
        self.notify(f"Sorted by {key}", timeout=2)

    def action_back(self) -> None:
        """Esc: clear the search, then show every reflection again, then go back to the list."""
        search = self.query_one("#reflections-search", Input)
        if search.value:
            search.value = ""
        elif self._only is not None:
            self._only = None
            self.refresh_page()
        self.action_to_table()

    def action_show_all(self) -> None:
        """Show every reflection (no search, no narrowing)."""
        self._only = None
        self.query_one("#reflections-search", Input).value = ""
        self.refresh_page()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The screen's actions by name, for the command palette."""
        return [
            ("reflection: new", "Write a new reflection (n)", "new"),
            ("reflection: edit", "Edit the highlighted reflection (e, Enter)", "edit"),
            ("reflection: delete", "Delete the highlighted reflection (x, Delete)", "delete"),
            ("reflection: search", "Search titles and stage text (/)", "search"),
            ("reflection: sort", "Sort by the next column (s)", "sort"),
            ("reflection: show all", "Clear the search and any narrowing (Esc)", "show_all"),
        ]
