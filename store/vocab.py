"""The fixed words records use (types, kinds, statuses) and how typed words map onto them."""

from __future__ import annotations

import difflib
import re

ROLES = ("student", "practitioner", "educator")
COUNTRIES = ("england", "northern-ireland", "scotland", "wales")
ACTIVITY_TYPES = (
    "course",
    "e-learning",
    "reading",
    "supervision",
    "shadowing",
    "conference",
    "research",
    "teaching",
    "peer-discussion",
    "other",
)
ACTIVITY_STATUSES = ("planned", "draft", "complete")
SETTINGS = ("statutory", "voluntary", "private", "health", "education", "other")
PLACEMENT_KINDS = ("first", "final", "skills", "other")
DAY_KINDS = ("practice", "skills", "study", "absence", "sick", "bank-holiday")
# The kinds of day that count toward a placement's required days unless a rule says otherwise.
COUNTED_DAY_KINDS = ("practice", "skills")
# The kinds of day logged with no hours unless some are given (an absence is not worked).
NO_HOURS_DAY_KINDS = ("absence", "sick", "bank-holiday")
PLAN_KINDS = ("supervision", "study", "team-meeting", "teaching", "skills-day", "review", "other")
REFLECTION_MODELS = ("gibbs", "kolb", "driscoll", "schon", "free")
# What a practice educator can sign off or comment on, and what a comment can say of it.
REVIEWED_KINDS = ("day", "activity", "reflection", "placement")
COMMENT_STATUSES = ("comment", "changes-requested", "resolved")
STUDENT_ROLE = "student"  # the role a student's own replies carry
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Other spellings people type for the same thing.
_ALIASES = {
    "elearning": "e-learning",
    "online": "e-learning",
    "peer": "peer-discussion",
    "educator": "educator",
    "practice-educator": "educator",
    "pe": "educator",
    "ni": "northern-ireland",
    "n-ireland": "northern-ireland",
    "bank-hol": "bank-holiday",
    "holiday": "bank-holiday",
    "schön": "schon",
    "done": "complete",
    "completed": "complete",
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


def normalise_word(text: str) -> str:
    """Lower-case a typed word and hyphenate it (``Peer Discussion`` → ``peer-discussion``)."""
    word = re.sub(r"[\s_]+", "-", text.strip().lower())
    return _ALIASES.get(word, word)


def choose(text: str, allowed: tuple[str, ...], what: str) -> str:
    """Return the allowed word ``text`` means, or raise ``ValueError`` naming the choices.

    The message suggests the closest allowed word when there is one.
    """
    word = normalise_word(text)
    if word in allowed:
        return word
    close = difflib.get_close_matches(word, allowed, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise ValueError(f"'{text}' is not a known {what}; choose one of {', '.join(allowed)}.{hint}")


# The stages each reflective model lays out, in order, with the question each asks.
REFLECTION_STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "gibbs": (
        ("description", "What happened?"),
        ("feelings", "What were you thinking and feeling?"),
        ("evaluation", "What was good and bad about the experience?"),
        ("analysis", "What sense can you make of it? What theory helps?"),
        ("conclusion", "What else could you have done?"),
        ("action-plan", "If it arose again, what would you do?"),
    ),
    "kolb": (
        ("concrete-experience", "What did you do or see?"),
        ("reflective-observation", "What did you notice on looking back?"),
        ("abstract-conceptualisation", "What does it mean; which ideas explain it?"),
        ("active-experimentation", "What will you try next?"),
    ),
    "driscoll": (
        ("what", "What? Describe the event."),
        ("so-what", "So what? What did you learn; why does it matter?"),
        ("now-what", "Now what? What will you do differently, and what is the impact?"),
    ),
    "schon": (
        ("in-action", "Reflection in action: what did you think and change as it happened?"),
        ("on-action", "Reflection on action: looking back, what do you make of it?"),
    ),
    "free": (("text", "Your reflection"),),
}
