"""The confidentiality check as a form shows it while you type: what is flagged in one field, and
which flags the person has said to keep as written.

A form scans one field's text at a time (``exports.privacy.scan_text``) and shows the flags under
it; a name with a title is expected in a field that asks for a name, and when it is a colleague's.
A flag the person keeps is remembered by its field, kind and text until the record is saved; only
then does the record have an id, and the flag becomes a key on the profile, as
``praxis check-privacy --mark`` keeps it. No Textual here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from praxis_socialwork.exports.privacy import Flag, flag_key, name_words, same_identifier, scan_text

SHOWN = 3  # flags listed under a field before "and N more"
KEEP_KEY = "F8"


def note_text(flags: list[Flag], *, keep_key: str = KEEP_KEY) -> str:
    """What a field's note says about ``flags`` ("" for none): each flag with its place and what
    to write instead, then how to keep the text as written."""
    if not flags:
        return ""
    lines = [
        f"⚠ {f.label} '{' '.join(f.text.split())}' (line {f.line}, col {f.column}): {f.suggestion}"
        for f in flags[:SHOWN]
    ]
    if len(flags) > SHOWN:
        lines.append(f"  …and {len(flags) - SHOWN} more")
    what = "it" if len(flags) == 1 else "them"
    lines.append(f"  Anonymise {what}, or {keep_key} keeps {what} as written (a warning, not a rule).")
    return "\n".join(lines)


@dataclass
class Reviewed:
    """The flags a person has looked at: those kept on the profile, and those marked in this form.

    ``record_id`` is the record being edited ("" for a new one). Marks made in the form are kept by
    (record field, kind, text) until ``keys_for`` turns them into profile keys for the saved id.
    """

    record_id: str
    on_profile: Collection[str] = ()
    marked: set[tuple[str, str, str]] = field(default_factory=set)
    names: frozenset[str] = frozenset()  # name words of staff and the person (``staff_names``)

    def is_reviewed(self, record_field: str, flag: Flag) -> bool:
        """Whether ``flag`` in ``record_field`` has been kept as written, before or in this form."""
        if self.record_id and flag_key(self.record_id, record_field, flag.kind, flag.text) in self.on_profile:
            return True
        return (record_field, flag.kind, same_identifier(flag.text)) in self.marked

    def open_flags(self, record_field: str, text: str, names: Iterable[str] = ()) -> list[Flag]:
        """The flags in ``text`` not yet reviewed. A name with a title is not flagged in a field that
        asks for a name, nor when made of ``self.names`` or of ``names`` (e.g. the peer's, as typed)."""
        known = self.names | name_words(names)
        found = scan_text(text, field=record_field, names=known)
        return [f for f in found if not self.is_reviewed(record_field, f)]

    def mark(self, record_field: str, flags: Iterable[Flag]) -> int:
        """Keep ``flags`` as written; return how many were newly marked."""
        before = len(self.marked)
        self.marked.update((record_field, f.kind, same_identifier(f.text)) for f in flags)
        return len(self.marked) - before

    def keys_for(self, record_id: str) -> list[str]:
        """The profile keys of the marks made in this form, for the record saved as ``record_id``."""
        keys = [flag_key(record_id, rf, kind, text) for rf, kind, text in sorted(self.marked)]
        return list(dict.fromkeys(keys))
