"""Commenting on a record: a practice educator's feedback, a request for changes or a request
settled; or a student's reply. The comment answers the newest one on the record, so a
conversation reads as a thread. Ctrl+S saves; an empty comment is said beside the field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, Static, TextArea

from praxis_socialwork.store import Comment, PraxisError, Record, ValidationError
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen, dialog_bindings
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

STATUSES = [
    ("Comment", "comment"),
    ("Ask for changes", "changes-requested"),
    ("Settle the request for changes", "resolved"),
]


class CommentDialog(DialogScreen[Comment | None]):
    """Comment on ``record``; dismiss with the saved comment (None: left)."""

    DEFAULT_CSS = beside(__file__, "review_dialogs.tcss")
    SUBMIT = "save"
    SCOPED_CSS = False

    BINDINGS = dialog_bindings("comment", "save", "Save")

    def __init__(
        self, session: Session, record: Record, status: str = "comment", *, parent: str | None = None
    ) -> None:
        super().__init__(classes="review-dialog")
        self.session = session
        self.record = record
        self.status = status
        self.reply_to = parent  # the comment this answers; None: the newest on the record

    def compose(self) -> ComposeResult:
        reviewing = self.session.reviewer is not None
        title = getattr(self.record, "title", "") or self.record.KIND
        when = getattr(self.record, "date", None)
        heading = "Ask for changes" if self.status == "changes-requested" else "Comment"
        if not reviewing:
            heading = "Reply to your practice educator"
        with Vertical(id="dialog"):
            yield Static(heading, id="dialog-title")
            yield Static(
                f"On {self.record.KIND} '{title}'" + (f" ({when:%d %b %Y})" if when else ""), id="dialog-what"
            )
            if reviewing:
                with Horizontal(classes="row", id="row-status"):
                    yield Label("This is", classes="row-label")
                    yield Select(STATUSES, value=self.status, allow_blank=False, id="status", compact=True)
            with Horizontal(classes="row", id="row-text"):
                yield Label("Text", classes="row-label")
                yield TextArea(id="text", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="dialog-problem")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Save (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    def action_save(self) -> None:
        """Save the comment as an answer to the newest one on the record (nothing if it is empty)."""
        text = self.query_one("#text", TextArea).text
        statuses = self.query("#status").results(Select)
        status = str(next((s.value for s in statuses), "comment"))
        problem = self.query_one("#dialog-problem", Static)
        if not text.strip() and status != "resolved":
            problem.update("Write the comment first (what you would like the student to know or change).")
            return
        earlier = self.session.review_book().comments_on(self.record.id)
        parent = self.reply_to or (earlier[-1].id if earlier else "")
        try:
            saved = self.session.add_comment(self.record, text, status, parent)
        except (ValidationError, PraxisError) as exc:
            problem.update(str(exc))
            return
        self.app.notify("Comment saved. u undoes it.", title="Review")
        self.dismiss(saved)
