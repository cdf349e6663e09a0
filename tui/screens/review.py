"""Review: a practice educator's queue, or what a student's practice educator has said.

Reviewing (``praxis review PATH``), the list is what awaits review: days not signed off (or changed
since), reflections without feedback, activities and reflections marked for review, and records
changed since changes were asked for; menus narrow it to one placement or one week. ``s`` signs
off the highlighted record, ``w`` its whole week, ``g`` a range of days; ``c`` comments and ``x``
asks for changes. For a student the list is what review has said: changes asked for first, then
records changed since sign-off, then every comment and every comment given with a sign-off, each in
its own row, newest first; ``c`` replies. The pane beside it shows what was said first, then the
record, its sign-offs as checked (who, when, signature, what changed) and its comments in threads.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Label, Select, Static

from praxis_socialwork.rules.review import (
    CHANGES_REQUESTED,
    QueueItem,
    Remark,
    Review,
    feedback_items,
    on_day,
    review_queue,
    verified_totals,
    week_of,
)
from praxis_socialwork.store import Activity, Comment, Placement, PlacementDay, Record, Reflection, format_uk
from praxis_socialwork.store.signing import fingerprint
from praxis_socialwork.store.vocab import STUDENT_ROLE
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

NARROW = 120  # below this many columns the detail goes under the list (the list needs the width)
ALL = "all"
KIND_LABELS = {"day": "Day", "reflection": "Reflection", "activity": "CPD", "placement": "Placement"}
EDUCATOR_ACTIONS = {"sign_off", "sign_week", "sign_range", "request_changes"}


def record_title(record: Record, placements: dict[str, Placement]) -> str:
    """What a record is, in a few words: a day by its placement and kind, others by title."""
    if isinstance(record, PlacementDay):
        where = placements.get(record.placement_id)
        kind = "" if record.kind == "practice" else f" ({record.kind.replace('-', ' ')})"
        return f"{where.name if where else 'A placement'}{kind}"
    return getattr(record, "title", "") or getattr(record, "name", "") or "(untitled)"


def record_line(record: Record) -> str:
    """A record as one line of the list: a day by its kind and note, others by kind and title."""
    if isinstance(record, PlacementDay):
        kind = record.kind.replace("-", " ").capitalize()
        return f"{kind}: {' '.join(record.note.split())}" if record.note.strip() else kind
    title = getattr(record, "title", "") or getattr(record, "name", "") or "(untitled)"
    return f"{KIND_LABELS.get(record.KIND, record.KIND)}: {title}"


def thread_lines(comments: list[Comment]) -> list[tuple[int, Comment]]:
    """Comments as threads: each with how deep it sits (a reply under what it answers), oldest first."""
    ids = {c.id for c in comments}
    children: dict[str, list[Comment]] = {}
    for c in comments:
        children.setdefault(c.parent_id if c.parent_id in ids else "", []).append(c)
    out: list[tuple[int, Comment]] = []

    def walk(parent: str, depth: int) -> None:
        for c in children.get(parent, []):
            out.append((depth, c))
            walk(c.id, depth + 1)

    walk("", 0)
    return out


class ReviewScreen(Page):
    """The review queue (reviewing) or the feedback received (a student)."""

    DEFAULT_CSS = beside(__file__, "review.tcss")
    SCOPED_CSS = False

    PAGE = "review"

    BINDINGS = [
        Binding("s", "sign_off", "Sign off", id="review.sign-off"),
        Binding("w", "sign_week", "Sign week", id="review.sign-week"),
        Binding("g", "sign_range", "Sign range", id="review.sign-range"),
        Binding("c", "comment", "Comment", id="review.comment"),
        Binding("x", "request_changes", "Ask for changes", id="review.request-changes"),
        Binding("f", "focus_filters", "Filters", id="review.filters"),
        Binding("escape", "to_table", "To the list", show=False, id="review.to-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[str, QueueItem] = {}
        self._weeks: tuple[date, ...] = ()
        self._placement_options: list[tuple[str, str]] | None = None

    @property
    def reviewing(self) -> bool:
        """Whether a practice educator is reviewing (else a student reads what was said)."""
        return self.session.reviewer is not None

    # -- layout -------------------------------------------------------------------------------
    def compose_page(self) -> ComposeResult:
        with Vertical(id="review-body"):
            with Horizontal(id="review-bar"):
                yield Label("Placement", classes="review-label")
                yield Select([], prompt="All placements", id="review-placement", compact=True)
                yield Label("Week", classes="review-label")
                yield Select([], prompt="All weeks", id="review-week", compact=True)
                yield Static("", id="review-count")
            yield Static("", id="review-summary")
            with Container(id="review-main"):
                yield RecordTable(
                    [
                        Column("date", "Date", 11),
                        Column("what", "What", flex=True),
                        Column("hours", "Hours", 5, align="right"),
                        Column("why", "Why here", 22),
                    ],
                    empty_text="",
                    id="review-table",
                )
                with VerticalScroll(id="review-detail"):
                    yield Static("", id="review-record")

    def on_mount(self) -> None:
        self._narrow(self.app.size.width < NARROW)
        self.query_one("#review-table", RecordTable).focus()

    def on_resize(self, event: Resize) -> None:
        self._narrow(event.size.width < NARROW)

    def _narrow(self, narrow: bool) -> None:
        if self.has_class("-narrow") != narrow:
            self.set_class(narrow, "-narrow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Signing off and asking for changes are a practice educator's keys; a student replies."""
        if action in EDUCATOR_ACTIONS and self.praxis.is_open and not self.reviewing:
            return False  # not shown: a student's copy has no sign-off keys
        return True

    # -- showing ------------------------------------------------------------------------------
    def _placement_filter(self) -> str | None:
        value = self.query_one("#review-placement", Select).value
        return value if isinstance(value, str) and value != ALL else None  # no choice: all of them

    def _week_filter(self) -> date | None:
        value = self.query_one("#review-week", Select).value
        return date.fromisoformat(value) if isinstance(value, str) and value != ALL else None

    def items(self) -> list[QueueItem]:
        """What the list shows now, before the week filter (the week menu lists their weeks)."""
        s = self.session
        book = s.review_book()
        if self.reviewing:
            return review_queue(
                book,
                s.days(),
                s.reflections(),
                s.activities(),
                s.placements(),
                placement_id=self._placement_filter(),
            )
        every: list[Record] = [*s.days(), *s.reflections(), *s.activities(), *s.placements()]
        found = feedback_items(book, every, s.placements())
        wanted = self._placement_filter()
        return found if wanted is None else [i for i in found if i.placement_id == wanted]

    def refresh_page(self) -> None:
        """Show the list as the records, sign-offs and comments are now."""
        s = self.session
        placements = {p.id: p for p in s.placements()}
        self._fill_placements(placements)
        items = self.items()
        self._fill_weeks(items)
        week = self._week_filter()
        shown = [i for i in items if week is None or (i.day is not None and week_of(i.day) == week)]
        table = self.query_one("#review-table", RecordTable)
        self._items = {i.key: i for i in shown}
        table.set_rows([(i.key, self._cells(i, placements)) for i in shown], keep=table.current_id)
        table.empty_text = (
            "Nothing waits for review here." if self.reviewing else "Nothing from your practice educator yet."
        )
        what = "waiting for review" if self.reviewing else "from review"
        self.query_one("#review-count", Static).update(f"{len(shown)} {what}")
        self.query_one("#review-summary", Static).update(self._summary(placements))
        self._show(table.current_id)

    def _fill_placements(self, placements: dict[str, Placement]) -> None:
        menu = self.query_one("#review-placement", Select)
        options = [(p.name or "(unnamed)", p.id) for p in placements.values()]
        if self._placement_options == options:
            return
        first = self._placement_options is None
        self._placement_options = options
        chosen = menu.value
        with menu.prevent(Select.Changed):
            menu.set_options(options)
            if chosen in {value for _, value in options}:
                menu.value = chosen
            elif first and self.reviewing:
                # A practice educator reviews the placement in progress: start with it.
                today = self.session.today()
                running = [
                    p
                    for p in placements.values()
                    if p.start and p.start <= today <= (p.planned_end or date.max)
                ]
                if running:
                    menu.value = running[-1].id

    def _fill_weeks(self, items: list[QueueItem]) -> None:
        weeks = tuple(sorted({week_of(i.day) for i in items if i.day is not None}, reverse=True))
        if weeks == self._weeks:
            return
        self._weeks = weeks
        menu = self.query_one("#review-week", Select)
        chosen = menu.value
        options = [(f"w/c {format_uk(w)}", w.isoformat()) for w in weeks]
        with menu.prevent(Select.Changed):
            menu.set_options(options)
            if chosen in {value for _, value in options}:
                menu.value = chosen

    def _cells(self, item: QueueItem, placements: dict[str, Placement]) -> tuple[str, ...]:
        r = item.record
        hours = getattr(r, "hours", None)
        if item.remark is not None:  # what was said, by whom, on the day (or first day) it is about
            said = " ".join(item.remark.text.split()) or "(settled)"
            return (
                item.day.strftime("%d %b %Y") if item.day else "",
                f"{item.remark.by}: {said}",
                "",
                item.reason,
            )
        return (
            item.day.strftime("%d %b %Y") if item.day else "",
            record_line(r),
            f"{hours:g}" if isinstance(hours, int | float) else "",
            item.reason,
        )

    def _summary(self, placements: dict[str, Placement]) -> str:
        """Who is reviewing; the days signed off (of the chosen placement, or all); requests open."""
        s = self.session
        book = s.review_book()
        wanted = self._placement_filter()
        days = s.days(wanted) if wanted else s.days()
        totals = verified_totals(book, days)
        where = placements[wanted].name if wanted in placements else "all placements"
        parts = [
            f"{where}: {totals.days} of {totals.days + totals.unverified_days} counted days verified "
            f"({totals.hours:g} of {totals.hours + totals.unverified_hours:g} h)"
        ]
        if totals.recorded_days:
            parts.append(f"{totals.recorded_days} signed off without a confirmed key")
        asked = len(book.changes_requested())
        if asked:
            parts.append(f"{asked} change request{'s' if asked != 1 else ''} open")
        if self.reviewing and s.reviewer is not None:
            key = f", key {fingerprint(s.reviewer.public_key)}" if s.reviewer.has_key else ", no signing key"
            parts.insert(0, f"You: {s.reviewer.name} ({s.reviewer.role}{key})")
        return " · ".join(parts)

    @on(RecordTable.Highlighted, "#review-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._show(event.record_id)

    def _show(self, record_id: str | None) -> None:
        pane = self.query_one("#review-record", Static)
        item = self._items.get(record_id or "")
        if item is None:
            pane.update(Content.styled("Nothing highlighted.", "italic $text-muted"))
            return
        pane.update(self.detail(item))

    def detail(self, item: QueueItem) -> Content:
        """What was said (a comment, a sign-off's comment, a request for changes) first, then the
        record, its sign-offs as checked, and its comments in threads."""
        s = self.session
        record = item.record
        placements = {p.id: p for p in s.placements()}
        review = s.review_book().of(record)
        parts: list[str | tuple[str, str]] = []
        if item.remark is not None:
            parts += self._said(item.remark, placements)
        elif item.reason == CHANGES_REQUESTED and review.changes_requested is not None:
            parts += self._said(_as_remark(review.changes_requested), placements)
        parts += [(record_title(record, placements), "bold"), "\n"]
        parts += [(self._facts(record), "$text-muted"), "\n"]
        body = self._body(record)
        if body:
            parts += ["\n", body, "\n"]
        parts += ["\n", ("Sign-off", "bold $accent"), "\n"]
        parts += self._signoffs(review)
        if review.changes_requested is not None:
            asked = review.changes_requested
            parts += ["\n", (f"Changes asked for by {asked.by} on {on_day(asked.at)}", "bold $warning"), "\n"]
        parts += ["\n", ("Comments", "bold $accent"), "\n"]
        threads = thread_lines(review.comments)
        if not threads:
            parts += [("None yet.", "italic $text-muted"), "\n"]
        for depth, c in threads:
            mark = {"changes-requested": " · asks for changes", "resolved": " · settled"}.get(c.status, "")
            parts += [
                "  " * depth,
                (f"{c.by}", "bold"),
                (f" ({c.role or 'no role'}) {on_day(c.at)}{mark}", "$text-muted"),
            ]
            parts += ["\n", "  " * depth, c.text or "(settled)", "\n"]
        return Content.assemble(*parts)

    def _said(self, remark: Remark, placements: dict[str, Placement]) -> list[str | tuple[str, str]]:
        """A remark as the detail opens with it: what it is, who and when, its words, what it is about."""
        what = {
            "signoff": "Sign-off comment",
            "changes-requested": "Changes asked for",
            "resolved": "Request settled",
        }.get(remark.status, "Your reply" if remark.role == STUDENT_ROLE else "Comment")
        who = remark.by + (f" ({remark.role})" if remark.role else "")
        style = "bold $warning" if remark.status == "changes-requested" else "bold $accent"
        parts: list[str | tuple[str, str]] = [
            (what, style),
            (f" · {who}, {on_day(remark.at)}", "$text-muted"),
        ]
        parts += ["\n", f"“{remark.text}”" if remark.text else "(settled)", "\n"]
        if remark.is_signoff and len(remark.record_ids) > 1:
            about = [r for rid in remark.record_ids if (r := self.session.find(rid)) is not None]
            dated = sorted(d for r in about if isinstance(d := getattr(r, "date", None), date))
            span = f": {format_uk(dated[0])} – {format_uk(dated[-1])}" if dated else ""
            noun = "days" if all(isinstance(r, PlacementDay) for r in about) else "records"
            given = f"Given with the sign-off of {len(remark.record_ids)} {noun}{span}"
            parts += [(given, "$text-muted"), "\n"]
        return [*parts, ("─" * 20, "$text-muted"), "\n"]

    @staticmethod
    def _facts(record: Record) -> str:
        when = getattr(record, "date", None)
        dated = format_uk(when) if isinstance(when, date) else "no date"
        if isinstance(record, PlacementDay):
            return f"{dated} · {record.kind.replace('-', ' ')} · {record.hours:g} hours"
        if isinstance(record, Activity):
            hours = f" · {record.hours:g} hours" if record.hours is not None else ""
            return f"{dated} · {record.type.replace('-', ' ')}{hours} · {record.status}"
        if isinstance(record, Reflection):
            return f"{dated} · {record.model} · {sum(len(t.split()) for t in record.stages.values())} words"
        return dated

    @staticmethod
    def _body(record: Record) -> str:
        if isinstance(record, PlacementDay):
            return record.note
        if isinstance(record, Activity):
            return "\n".join(t for t in (record.description, record.learning, record.impact) if t)
        if isinstance(record, Reflection):
            return "\n\n".join(
                f"{name.replace('-', ' ').capitalize()}: {text}"
                for name, text in record.stages.items()
                if text
            )
        return ""

    @staticmethod
    def _signoffs(review: Review) -> list[str | tuple[str, str]]:
        parts: list[str | tuple[str, str]] = []
        if review.downgraded:
            parts += [(review.describe(), "$error"), "\n"]
        if not review.checks:
            return parts or [("Not signed off yet.", "italic $text-muted"), "\n"]
        for check in review.checks:
            style = "$success" if check.verifies else ("$warning" if check.counts else "$error")
            parts += [(check.describe(), style), "\n"]
            if check.signoff.comment:
                parts += [f"  “{check.signoff.comment}”", "\n"]
            if not check.matches and check.signoff.signed:
                now = review.record.content()
                for name in check.changed:
                    if name in check.signoff.signed or name in now:
                        was, is_ = _shown(check.signoff.signed.get(name)), _shown(now.get(name))
                        parts += [(f"  {name}: {was} → {is_}", "$text-muted"), "\n"]
        return parts

    # -- reacting -----------------------------------------------------------------------------
    @on(Select.Changed, "#review-placement")
    @on(Select.Changed, "#review-week")
    def _filtered(self) -> None:
        self.refresh_page()

    @on(RecordTable.Selected, "#review-table")
    def _chosen(self, event: RecordTable.Selected) -> None:
        event.stop()
        if self.reviewing and (item := self._items.get(event.record_id)) is not None:
            self._open_signoff(item, *self._one(item))
        else:
            self.action_comment()

    # -- actions ------------------------------------------------------------------------------
    def _current(self) -> QueueItem | None:
        return self._items.get(self.query_one("#review-table", RecordTable).current_id or "")

    def _writable(self) -> bool:
        reason = self.praxis.read_only_reason
        if reason:
            self.notify(reason, title="Read-only", severity="warning")
        return not reason

    def _one(self, item: QueueItem) -> tuple[date | None, date | None]:
        return (item.day, item.day) if isinstance(item.record, PlacementDay) else (None, None)

    def _open_signoff(self, item: QueueItem, start: date | None, end: date | None) -> None:
        from praxis_socialwork.tui.forms.signoff_dialog import SignOffDialog

        if not self._writable():
            return

        def done(saved: list | None) -> None:
            if saved:
                self.records_changed()

        self.app.push_screen(SignOffDialog(self.session, item.record, start, end), done)

    def action_sign_off(self) -> None:
        """Sign off the highlighted record (a day: that day; Enter in the dialog signs)."""
        if (item := self._current()) is not None:
            self._open_signoff(item, *self._one(item))

    def action_sign_week(self) -> None:
        """Sign off the highlighted day's whole week (Monday to Sunday) at its placement."""
        item = self._current()
        if item is None or not isinstance(item.record, PlacementDay) or item.day is None:
            self.notify("Highlight a placement day to sign off its week.", title="Sign week")
            return
        monday = week_of(item.day)
        self._open_signoff(item, monday, monday + timedelta(days=6))

    def action_sign_range(self) -> None:
        """Sign off a range of the highlighted day's placement (from its start to today, to narrow)."""
        item = self._current()
        if item is None or not isinstance(item.record, PlacementDay):
            self.notify("Highlight a placement day to sign off a range of its placement.", title="Sign range")
            return
        placement = next((p for p in self.session.placements() if p.id == item.record.placement_id), None)
        start = placement.start if placement and placement.start else item.day
        self._open_signoff(item, start, self.session.today())

    def _open_comment(self, status: str) -> None:
        from praxis_socialwork.tui.forms.comment_dialog import CommentDialog

        item = self._current()
        # Replying to a comment answers that one (else the newest on the record).
        parent = item.remark.comment.id if item and item.remark and item.remark.comment else None
        if item is None:
            self.notify("Highlight a record to comment on.", title="Comment")
            return
        if not self._writable():
            return

        def done(saved: Comment | None) -> None:
            if saved is not None:
                self.records_changed()

        self.app.push_screen(CommentDialog(self.session, item.record, status, parent=parent), done)

    def action_comment(self) -> None:
        """Comment on (or, for a student, reply about) the highlighted record."""
        self._open_comment("comment")

    def action_request_changes(self) -> None:
        """Ask the student to change the highlighted record, saying what."""
        self._open_comment("changes-requested")

    def action_focus_filters(self) -> None:
        """Move to the placement menu."""
        self.query_one("#review-placement", Select).focus()

    def action_to_table(self) -> None:
        """Back to the list."""
        self.query_one("#review-table", RecordTable).focus()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The screen's actions by name, for the command palette."""
        if not self.reviewing:
            return [("review: reply", "Comment on the highlighted record (c)", "comment")]
        return [
            ("review: sign off", "Sign off the highlighted record (s, Enter)", "sign_off"),
            ("review: sign off the week", "Sign off the highlighted day's week (w)", "sign_week"),
            ("review: sign off a range", "Sign off a range of days (g)", "sign_range"),
            ("review: comment", "Comment on the highlighted record (c)", "comment"),
            ("review: ask for changes", "Ask the student to change the record (x)", "request_changes"),
        ]


def _as_remark(c: Comment) -> Remark:
    """A comment as the detail shows what was said."""
    from praxis_socialwork.rules.review import comment_remark

    return comment_remark(c)


def _shown(value: object) -> str:
    """A field's value as the detail shows a change: "(empty)" for nothing, else the value."""
    return "(empty)" if value in (None, "", [], {}) else str(value)
