"""``praxis check-privacy``: list text that may identify a person who uses services, and mark flags
as reviewed.

It warns, it never blocks: the exit status is 1 while any flag is unreviewed (so a script can
check), and a person who has looked at a flag and means to keep the text marks it with ``--mark``.
Marks are kept on the profile. No Textual here.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import dump_json, open_repo
from praxis_socialwork.store import PraxisError, format_uk

if TYPE_CHECKING:
    from praxis_socialwork.exports.privacy import RecordFlag

_KIND_NAMES = {
    "activity": "Activity",
    "reflection": "Reflection",
    "day": "Placement day",
    "plan": "Plan",
    "placement": "Placement",
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the check-privacy command to the ``praxis`` parser."""
    check = commands.add_parser(
        "check-privacy",
        parents=[common],
        help="flag text that may identify a person who uses services",
        description="List NHS numbers, postcodes, dates of birth, phone numbers, e-mail addresses, "
        "names with a title, case numbers and addresses found in your records, with where each is "
        "and what to write instead. It warns, it does not change your text. Exit status: 0 when "
        "nothing is left to review, 1 when something is.",
    )
    check.add_argument("--all", action="store_true", help="also list the flags marked as reviewed")
    check.add_argument("--mark", nargs="+", action="extend", default=[], metavar="KEY",
                       help="mark these flags as reviewed: they are no longer listed")  # fmt: skip
    check.add_argument("--unmark", nargs="+", action="extend", default=[], metavar="KEY",
                       help="list these flags again")  # fmt: skip
    check.add_argument("--json", action="store_true", help="print JSON for other programs")
    check.set_defaults(func=cmd_check_privacy)


def cmd_check_privacy(args: argparse.Namespace) -> int:
    """List the unreviewed flags (every flag with ``--all``), after applying any marks; exit 1 if
    any is unreviewed."""
    from praxis_socialwork.exports.privacy import scan_records

    mark, unmark = _keys(args.mark), _keys(args.unmark)
    with open_repo(args, write=bool(mark or unmark), create=False) as repo:
        profile = repo.profile()
        # The person's own name (a practice educator's comment may use it) is not an identifier.
        flags = scan_records(repo.every_record(), names=[profile.name] if profile else [], store=repo.path)
        reviewed = list(profile.privacy_reviewed) if profile else []
        if mark or unmark:
            if profile is None:
                raise PraxisError("set up first: praxis init (marks are kept with your profile)")
            reviewed = _apply(reviewed, {f.key for f in flags}, mark, unmark)
            repo.save_profile(replace(profile, privacy_reviewed=reviewed))
    done = set(reviewed)
    todo = [f for f in flags if f.key not in done]
    shown = flags if args.all else todo
    if args.json:
        print(dump_json(_json(shown, done, todo, flags, mark, unmark)))
    else:
        print(_plain(shown, done, todo, flags, mark, unmark))
    return 1 if todo else 0


def _keys(values: Iterable[str]) -> list[str]:
    """Keys as typed: repeated or comma-separated, any case, maybe copied with their brackets."""
    out: list[str] = []
    for value in values:
        for part in value.replace(",", " ").split():
            key = part.strip("[]").lower()
            if key and key != "key" and key not in out:
                out.append(key)
    return out


def _apply(reviewed: list[str], known: set[str], mark: Sequence[str], unmark: Sequence[str]) -> list[str]:
    """The reviewed keys after marking and unmarking; refuses (changing nothing) a key it does not know."""
    both = sorted(set(mark) & set(unmark))
    if both:
        raise PraxisError(f"{_quoted(both)} given to both --mark and --unmark; nothing was changed")
    unknown = [k for k in mark if k not in known]
    # A mark whose text has since been edited away can still be taken off.
    unknown += [k for k in unmark if k not in known and k not in reviewed]
    if unknown:
        raise PraxisError(
            f"no flag has the key {_quoted(unknown)}; nothing was changed "
            "(praxis check-privacy --all lists every flag with its key)"
        )
    kept = [k for k in reviewed if k not in unmark]
    return kept + [k for k in mark if k not in kept]


def _quoted(keys: Sequence[str]) -> str:
    return ", ".join(f"'{k}'" for k in keys)


def _heading(kind: str, title: str, when: date | None) -> str:
    name = _KIND_NAMES.get(kind, kind.capitalize())
    titled = f" '{title}'" if title else ""
    dated = f" ({format_uk(when)})" if when else ""
    return f"{name}{titled}{dated}"


def _plain(
    shown: Sequence[RecordFlag],
    done: set[str],
    todo: Sequence[RecordFlag],
    flags: Sequence[RecordFlag],
    mark: Sequence[str],
    unmark: Sequence[str],
) -> str:
    lines: list[str] = []
    if mark:
        lines.append(f"Marked {_count(len(mark), 'flag')} as reviewed.")
    if unmark:
        lines.append(f"Unmarked {_count(len(unmark), 'flag')}: listed again while the text is there.")
    record = None
    for f in _in_order(shown):
        if (f.record_kind, f.record_id) != record:
            record = (f.record_kind, f.record_id)
            if lines:
                lines.append("")
            lines.append(_heading(f.record_kind, f.record_title, f.record_date))
        text = " ".join(f.flag.text.split())  # an address typed over two lines, shown on one
        state = ", reviewed" if f.key in done else ""
        lines.append(
            f"  {f.field_label}, line {f.flag.line}, col {f.flag.column}: {f.flag.label} '{text}' "
            f"— {f.flag.suggestion} [key {f.key}{state}]"
        )
    if lines:
        lines.append("")
    lines.append(_total(todo, flags))
    return "\n".join(lines)


def _total(todo: Sequence[RecordFlag], flags: Sequence[RecordFlag]) -> str:
    kept = len(flags) - len(todo)
    marked = f" ({kept} marked as reviewed)" if kept else ""
    if not todo:
        if kept:
            return f"Nothing left to review{marked}; --all lists them."
        return "Nothing to review: no text looks like it identifies a person who uses services."
    records = len({(f.record_kind, f.record_id) for f in todo})
    return (
        f"{_count(len(todo), 'possible identifier')} to review in {_count(records, 'record')}{marked}; "
        "to keep one as written: praxis check-privacy --mark KEY"
    )


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _in_order(flags: Sequence[RecordFlag]) -> list[RecordFlag]:
    """Flags grouped by record, records by date (undated last), each record's flags as found."""
    first: dict[tuple[str, str], int] = {}
    for i, f in enumerate(flags):
        first.setdefault((f.record_kind, f.record_id), i)

    def order(f: RecordFlag) -> tuple[bool, date, int, tuple[str, str]]:
        where = (f.record_kind, f.record_id)
        return (f.record_date is None, f.record_date or date.min, first[where], where)

    return sorted(flags, key=order)


def _json(
    shown: Sequence[RecordFlag],
    done: set[str],
    todo: Sequence[RecordFlag],
    flags: Sequence[RecordFlag],
    mark: Sequence[str],
    unmark: Sequence[str],
) -> dict[str, Any]:
    return {
        "flags": [
            {
                "key": f.key,
                "reviewed": f.key in done,
                "kind": f.flag.kind,
                "label": f.flag.label,
                "text": f.flag.text,
                "line": f.flag.line,
                "column": f.flag.column,
                "suggestion": f.flag.suggestion,
                "record_kind": f.record_kind,
                "record_id": f.record_id,
                "record_title": f.record_title,
                "record_date": f.record_date.isoformat() if f.record_date else None,
                "field": f.field,
                "field_label": f.field_label,
            }
            for f in _in_order(shown)
        ],
        "unreviewed": len(todo),
        "reviewed": len(flags) - len(todo),
        "marked": list(mark),
        "unmarked": list(unmark),
    }
