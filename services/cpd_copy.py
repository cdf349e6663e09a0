"""Copying one CPD piece for a regulator's online form: the text to paste and what to tell the person.

The text is ``exports.cpd_form.as_text`` (the same as ``praxis show ID``); the message names the form,
how many fields it has, and which of them are still empty. No Textual here.
"""

from __future__ import annotations

from praxis_socialwork.exports.cpd_form import as_text, form_for
from praxis_socialwork.store import Activity

SHORT_LABELS = {
    "What the CPD was and why it is relevant to your practice": "what and why",
    "Impact on your practice and on the people you work with": "impact",
    "Type of CPD": "type",
    "Name of the learning": "name of the learning",
    "How it helped your practice": "how it helped",
    "How it has informed your practice": "how it informed your practice",
}
"""Long form labels as a message names them; others are the label in lower case."""


def short_label(label: str) -> str:
    """A form's field label as a message names it (``Impact on your practice…`` → ``impact``)."""
    return SHORT_LABELS.get(label, label[:1].lower() + label[1:])


def copy_for_form(activity: Activity, frameworks: list[str]) -> tuple[str, str]:
    """Return ``(text, message)``: the piece laid out in the form of the first regulator among
    ``frameworks`` (the plain record if none), and a line saying what was copied and what is empty.

    e.g. "Copied 'Reading on MCA' for the Social Work England CPD record (6 fields); still to write:
    what you learnt, impact".
    """
    form = form_for(frameworks)
    values = form.values(activity)
    title = activity.title or "untitled activity"
    message = f"Copied '{title}' for the {form.name} ({len(values)} fields)"
    empty = [short_label(label) for label, text in values if not text.strip()]
    if empty:
        message += f"; still to write: {', '.join(empty)}"
    return as_text(activity, form), message
