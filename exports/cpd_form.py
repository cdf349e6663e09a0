"""A CPD piece laid out in a regulator's own field order, ready to paste into its online form.

Each form is data: its name and, in order, the labels its fields carry with what fills them. Social
Work England's order follows ``../shared/domain.md`` (type; what and why relevant; date; what you
learnt; impact; peer reflection). Social Care Wales asks for date, name of the learning, duration and
how it helped; NISCC's record of post-registration training and learning asks much the same. ``plain``
lists every field Praxis keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from praxis_socialwork.store import Activity, PraxisError, format_typed


def _hours(a: Activity) -> str:
    if a.hours is None:
        return ""
    return f"{a.hours:g} hour" + ("" if a.hours == 1 else "s")


def _when(a: Activity) -> str:
    # Forms take dates as the UK writes them (26/11/2026), not with the weekday the app shows.
    if a.date is None:
        return ""
    if a.end_date and a.end_date != a.date:
        return f"{format_typed(a.date)} to {format_typed(a.end_date)}"
    return format_typed(a.date)


def _type(a: Activity) -> str:
    return a.type.replace("-", " ").capitalize()


def _what_and_why(a: Activity) -> str:
    return "\n\n".join(part for part in (a.title, a.description) if part)


def _peer(a: Activity) -> str:
    who = " — ".join(part for part in (a.peer, a.peer_role) if part)
    if not (who or a.peer_reflection):
        return ""
    if not who:
        return a.peer_reflection
    return f"Discussed with: {who}\n\n{a.peer_reflection}".rstrip()


def _helped(a: Activity) -> str:
    return "\n\n".join(part for part in (a.learning, a.impact) if part)


def _standards(a: Activity) -> str:
    return ", ".join(a.standards)


Getter = Callable[[Activity], str]


@dataclass(frozen=True)
class Form:
    """One regulator's form: its name and its fields, in the order the form asks for them."""

    id: str
    name: str
    fields: tuple[tuple[str, Getter], ...]

    def values(self, activity: Activity) -> list[tuple[str, str]]:
        """Return ``(label, text)`` for each field in the form's order (blank where nothing is written)."""
        return [(label, get(activity)) for label, get in self.fields]


FORMS: dict[str, Form] = {
    "swe": Form(
        "swe",
        "Social Work England CPD record",
        (
            ("Type of CPD", _type),
            ("What the CPD was and why it is relevant to your practice", _what_and_why),
            ("Date", _when),
            ("What you learnt", lambda a: a.learning),
            ("Impact on your practice and on the people you work with", lambda a: a.impact),
            ("Peer reflection", _peer),
        ),
    ),
    "scw": Form(
        "scw",
        "Social Care Wales learning record",
        (
            ("Date", _when),
            ("Name of the learning", lambda a: a.title),
            ("Duration", _hours),
            ("How it helped your practice", _helped),
        ),
    ),
    "niscc": Form(
        "niscc",
        "NISCC post-registration training and learning record",
        (
            ("Date", _when),
            ("Title of the learning", lambda a: a.title),
            ("Provider", lambda a: a.provider),
            ("Hours", _hours),
            ("What you learnt", lambda a: a.learning),
            ("How it has informed your practice", lambda a: a.impact),
        ),
    ),
    "plain": Form(
        "plain",
        "CPD record",
        (
            ("Title", lambda a: a.title),
            ("Type", _type),
            ("Date", _when),
            ("Hours", _hours),
            ("Provider", lambda a: a.provider),
            ("Description", lambda a: a.description),
            ("What you learnt", lambda a: a.learning),
            ("Impact", lambda a: a.impact),
            ("Peer reflection", _peer),
            ("Standards", _standards),
            ("Status", lambda a: a.status),
        ),
    ),
}

# The form a report uses for each framework's CPD (others use ``plain``).
FRAMEWORK_FORMS = {"swe": "swe", "scw": "scw", "niscc": "niscc"}


def form_named(name: str) -> Form:
    """Return the form called ``name`` (``swe``, ``scw``, ``niscc``, ``plain``), or say which there are."""
    form = FORMS.get(name.strip().lower())
    if form is None:
        raise PraxisError(f"there is no form '{name}'; choose one of {', '.join(FORMS)}")
    return form


def form_for(frameworks: list[str]) -> Form:
    """The form that suits a person following ``frameworks``: the first regulator's, else ``plain``."""
    for fid in frameworks:
        if fid in FRAMEWORK_FORMS:
            return FORMS[FRAMEWORK_FORMS[fid]]
    return FORMS["plain"]


def as_text(activity: Activity, form: Form) -> str:
    """Return the piece as plain text, one field after another in the form's order, to paste field by field.

    Each field is its label on a line of its own, then the text; an empty field says so, so a gap
    in the record is seen before the form is sent.
    """
    blocks = []
    for label, text in form.values(activity):
        blocks.append(f"{label}:\n{text.strip() if text.strip() else '(not written yet)'}")
    return "\n\n".join(blocks) + "\n"
