"""The form for one CPD activity: new, edited, or a copy of another, with a draft kept as you type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on, work
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from praxis_socialwork.store import (
    Activity,
    DateError,
    ValidationError,
    format_typed,
    format_uk,
    parse_date,
    vocab,
)
from praxis_socialwork.store.field_reader import FieldReader
from praxis_socialwork.store.standards import catalogue
from praxis_socialwork.tui.forms.form_screen import Field, FieldProblems, FormScreen
from praxis_socialwork.tui.forms.standards_picker import PICK_KEYS, describe_codes, pick_standards
from praxis_socialwork.tui.widgets.confirm import Confirm

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

DATE_HINT = "Day first (dd/mm/yyyy), or today / yesterday"
STANDARDS_HINT = f"{PICK_KEYS} chooses from a list with their names"

FIELDS: tuple[Field, ...] = (
    Field("date", "Date", placeholder="dd/mm/yyyy", hint=DATE_HINT),
    Field("title", "Title", placeholder="e.g. Reading on the Mental Capacity Act"),
    Field("type", "Type", kind="choice", choices=vocab.ACTIVITY_TYPES),
    Field("hours", "Hours", placeholder="e.g. 1.5, 1:30, 90m or 1h30"),
    Field(
        "status",
        "Status",
        kind="choice",
        choices=vocab.ACTIVITY_STATUSES,
        hint="planned: to come · draft: unfinished · complete: counts",
    ),
    Field("provider", "Provider", placeholder="who ran it, or the author"),
    Field("standards", "Standards", placeholder="e.g. swe:4.3, pcf:6", hint=STANDARDS_HINT),
    Field("tags", "Tags", placeholder="e.g. law, mental capacity"),
    Field("description", "What and why", kind="long", hint="What it was, and why it is relevant to you"),
    Field("learning", "What you learnt", kind="long"),
    Field("impact", "Impact", kind="long", hint="On your practice and the people you work with"),
    Field("peer", "Peer", placeholder="who you discussed it with"),
    Field("peer_role", "Peer's role", placeholder="e.g. practice educator, team manager"),
    Field("peer_reflection", "Peer reflection", kind="long", hint="What you learnt from discussing it"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)


def date_text(value: object) -> str:
    """A date as the form shows it for typing over: ``22/11/2026``; blank for none."""
    return format_typed(value) if isinstance(value, date) else ""


def activity_values(activity: Activity) -> dict[str, str]:
    """The text each form field holds for ``activity`` (lists as comma lists, dates day first)."""
    hours = "" if activity.hours is None else f"{activity.hours:g}"
    return {
        "date": date_text(activity.date),
        "title": activity.title,
        "type": activity.type,
        "hours": hours,
        "status": activity.status,
        "provider": activity.provider,
        "standards": ", ".join(activity.standards),
        "tags": ", ".join(activity.tags),
        "description": activity.description,
        "learning": activity.learning,
        "impact": activity.impact,
        "peer": activity.peer,
        "peer_role": activity.peer_role,
        "peer_reflection": activity.peer_reflection,
    }


def last_type_used(activities: list[Activity]) -> str:
    """The type of the activity created most recently ("other" when there is none); of several
    created in the same second (an import), the latest-dated."""
    newest = max(activities, key=lambda a: (a.created, a.date or date.min), default=None)
    return newest.type if newest is not None and newest.type in vocab.ACTIVITY_TYPES else "other"


class ActivityForm(FormScreen[Activity]):
    """Add or edit one activity. Opens on today's date and the type used last; ``prefill`` wins.

    ``prefill`` maps field names to text (e.g. ``{"type": "peer-discussion"}``) and overrides both
    the defaults and the record's own values. ``heading`` replaces the title line.
    """

    BINDINGS = [Binding("ctrl+t,f5", "pick_standards", "Standards", id="activity.standards")]

    def __init__(
        self,
        session: Session,
        record: Activity | None = None,
        prefill: dict[str, str] | None = None,
        *,
        heading: str | None = None,
    ) -> None:
        super().__init__(session, record)
        self.prefill = {k: str(v) for k, v in (prefill or {}).items() if k in FIELD_NAMES}
        self.title_text = heading or ("Edit activity" if record is not None else "New activity")
        self.draft_key = f"activity-{record.id}" if record is not None else "activity-new"

    def fields(self) -> list[Field]:
        """The activity's fields: the short ones first, then what was learnt and its impact."""
        return list(FIELDS)

    def note(self) -> str:
        """Say how to save and leave; the draft is kept as you type."""
        return "Ctrl+S saves · Esc leaves · a draft is kept as you type"

    def privacy_fields(self) -> dict[str, str]:
        """The free-text fields ``praxis check-privacy`` reads; the form's names are the record's."""
        from praxis_socialwork.exports.privacy import ACTIVITY_TEXT_FIELDS

        return {name: name for name, _ in ACTIVITY_TEXT_FIELDS}

    def privacy_names(self) -> tuple[str, ...]:
        """The peer's name as typed: "Dr Senior" in the peer reflection is that peer, not a person
        who uses services."""
        widget = self.query("#field-peer").first(Input)
        return (widget.value,) if widget.value.strip() else ()

    def initial(self) -> dict[str, str]:
        """The record's values when editing; else today, the last type used and complete."""
        if self.record is not None:
            values = activity_values(self.record)
        else:
            values = dict.fromkeys(FIELD_NAMES, "")
            values["date"] = date_text(self.session.today())
            values["type"] = last_type_used(self.session.activities())
            values["status"] = "complete"
        values.update(self.prefill)
        return values

    def build(self, values: dict[str, str]) -> Activity:
        """The activity the typed values describe; every problem is raised at once."""
        reader = FieldReader(self.session.today())
        built = replace(
            self.record or Activity(),
            date=reader.date("date", values.get("date")),
            title=reader.text(values.get("title")),
            type=reader.choice("type", values.get("type"), vocab.ACTIVITY_TYPES, "activity type", "other"),
            hours=reader.number("hours", values.get("hours")),
            status=reader.choice(
                "status", values.get("status"), vocab.ACTIVITY_STATUSES, "status", "complete"
            ),
            provider=reader.text(values.get("provider")),
            standards=self._codes(reader, values.get("standards", "")),
            tags=list(dict.fromkeys(reader.items(values.get("tags", "").replace(";", ","), sep=","))),
            description=reader.text(values.get("description")),
            learning=reader.text(values.get("learning")),
            impact=reader.text(values.get("impact")),
            peer=reader.text(values.get("peer")),
            peer_role=reader.text(values.get("peer_role")),
            peer_reflection=reader.text(values.get("peer_reflection")),
        )
        try:
            reader.check(built)
        except ValidationError as exc:
            raise FieldProblems(exc.problems) from exc
        return built

    def _codes(self, reader: FieldReader, text: str) -> list[str]:
        """Standard codes typed as a comma list; a bare ``4.3`` takes the one prefix the profile
        follows (``swe:4.3``) when there is exactly one, else the store explains what is wrong."""
        codes = reader.codes(text.replace(";", ","), sep=",")
        profile = self.session.profile()
        followed = [f for f in (profile.frameworks if profile else []) if f in catalogue()]
        if len(followed) == 1:
            codes = [c if ":" in c else f"{followed[0]}:{c}" for c in codes]
        return list(dict.fromkeys(codes))

    # -- a copy that would not count -----------------------------------------------------------------
    def same_piece(self, activity: Activity) -> Activity | None:
        """Another activity whose words make ``activity`` the same piece of CPD (so it counts once),
        unless the record as opened already matched that one."""
        from praxis_socialwork.rules import same_words

        others = self.session.activities()
        match = same_words(activity, others)
        if match is not None and self.record is not None and same_words(self.record, others) is match:
            return None
        return match

    def action_save(self) -> None:
        """Save; first ask when the words match another piece, which the rules count once."""
        try:
            match = self.same_piece(self.build(self.values()))
        except FieldProblems:
            match = None  # the save below shows the problems beside their fields
        if match is None:
            super().action_save()
        else:
            self._save_copy(match)

    @work(exclusive=True, group="save-copy")
    async def _save_copy(self, match: Activity) -> None:
        when = format_uk(match.date) if match.date else "undated"
        question = (
            f"The words of this piece match '{escape(match.title)}' ({when}). The same words count "
            "once, so it will not count as another piece of CPD: change what it was, what you learnt "
            "or its impact to make it a piece of its own.\n\nSave anyway?"
        )
        if await self.app.push_screen_wait(Confirm(question, yes="Save anyway", no="Keep editing")):
            super().action_save()

    # -- standards: chosen from a list, shown with their names ------------------------------------
    def action_pick_standards(self) -> None:
        """Choose the standards this evidences from a list with their names."""
        pick_standards(self, self.session, self.query_one("#field-standards", Input))

    @on(Input.Changed, "#field-standards")
    def _standards_typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#row-standards .field-hint", Static)
        hint.update(Content(describe_codes(event.value) or STANDARDS_HINT))  # typed text, not markup

    # -- showing the date back as it will be saved -------------------------------------------------
    @on(Input.Changed, "#field-date")
    def _date_typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#row-date .field-hint", Static)
        try:
            when = parse_date(event.value, today=self.session.today())
        except DateError:
            hint.update(DATE_HINT)
        else:
            hint.update(f"{format_uk(when)} ({_relative((when - self.session.today()).days)})")


def _relative(days: int) -> str:
    if days in (-1, 0, 1):
        return ("yesterday", "today", "tomorrow")[days + 1]
    return f"{-days} days ago" if days < 0 else f"in {days} days"
