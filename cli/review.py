"""Practice educator review from the command line: ``keys``, ``signoff``, ``comment`` and ``review``.

A sign-off keeps the record exactly as signed (``store.signing``), so a later edit shows; with
``--key`` it also carries an Ed25519 signature that editing the file breaks. ``review`` reads many
students' stores and bundles (never writing them) and prints where each stands, or, given one
store or bundle, opens the app in review mode.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import dump_json, make_clock, open_repo
from praxis_socialwork.cli.text_table import render
from praxis_socialwork.store import NotFoundError, PraxisError, format_uk, parse_date, stamp, today
from praxis_socialwork.store.paths import STORE_FILE
from praxis_socialwork.store.signing import DEFAULT_ROLE, educator_folder, load_educator
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS, REVIEWED_KINDS, STUDENT_ROLE

if TYPE_CHECKING:
    from praxis_socialwork.rules import Catalogue
    from praxis_socialwork.store import Comment, Placement, Profile, Record, Repository
    from praxis_socialwork.store.signing import Educator
    from praxis_socialwork.store.trust import Trust

_STATUS_WORDS = {
    "comment": "a comment",
    "changes-requested": "a request for changes",
    "resolved": "a note that the request is resolved",
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``keys``, ``signoff``, ``comment`` and ``review`` to the ``praxis`` parser."""
    keys = commands.add_parser(
        "keys", parents=[common], help="a practice educator's signing key",
        description="A practice educator makes a signing key (new) and shows its fingerprint (show); a "
        "student confirms an educator's key (trust) and lists the keys confirmed (trusted).",
    )  # fmt: skip
    kind = keys.add_subparsers(dest="what", metavar="WHAT", required=True)
    new = kind.add_parser(
        "new", parents=[common], help="make a signing key for your sign-offs",
        description="Make an Ed25519 signing key for your sign-offs, kept readable by you only in your "
        "config folder. Give its fingerprint to your students and their university, so they can "
        "confirm that signatures made with it are yours.",
    )  # fmt: skip
    new.add_argument("--name", required=True, help="the name your sign-offs carry")
    new.add_argument("--role", default=DEFAULT_ROLE, help=f"your role (default: {DEFAULT_ROLE})")
    new.add_argument(
        "--replace", action="store_true",
        help="make a new key; the old one is kept beside it, so its sign-offs still check",
    )  # fmt: skip
    new.set_defaults(func=cmd_keys_new)
    show = kind.add_parser(
        "show", parents=[common], help="your name, role and key's fingerprint",
        description="Print the name and role your sign-offs carry, your key's fingerprint and public "
        "key, and the folder they are kept in.",
    )  # fmt: skip
    show.set_defaults(func=cmd_keys_show)
    trust = kind.add_parser(
        "trust", parents=[common],
        help="confirm an educator's signing key by its fingerprint (their sign-offs then verify)",
        description="Pin a practice educator's key to their name in this store (trust on first use). "
        "Check the fingerprint with them first: they see it with 'praxis keys show'.",
    )  # fmt: skip
    trust.add_argument("name", metavar="NAME", help="the name their sign-offs carry")
    trust.add_argument(
        "fingerprint", metavar="FINGERPRINT", help="the key's fingerprint, e.g. 3F2A-91C0-77DE-0B14"
    )
    trust.set_defaults(func=cmd_keys_trust)
    trusted = kind.add_parser(
        "trusted", parents=[common], help="the keys this store trusts, and those waiting to be confirmed",
        description="List the signing keys confirmed in this store, and the keys that signed here "
        "without being confirmed yet, each with its fingerprint.",
    )  # fmt: skip
    trusted.set_defaults(func=cmd_keys_trusted)

    verify = commands.add_parser(
        "verify", parents=[common],
        help="check every sign-off's signature in a report or bundle, without the student's store",
        description="Check each sign-off in a bundle (.praxis.json) or an HTML or Markdown report: the "
        "signature, the fields it covers and (in a bundle) the record as it is now. Prints each key's "
        "fingerprint to compare with the one the educator gives you. Exit status 1 when any fails.",
    )  # fmt: skip
    verify.add_argument("path", type=Path, metavar="REPORT_OR_BUNDLE", help="the file to check")
    verify.add_argument(
        "--expect", action="append", default=[], metavar="NAME=FINGERPRINT",
        help="the fingerprint NAME's key must have (give it once for each educator)",
    )  # fmt: skip
    verify.set_defaults(func=cmd_verify)

    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--by", metavar="NAME", help="who signs (default: the name praxis keys new kept)")
    who.add_argument("--role", metavar="ROLE", help=f"their role (default: the kept one or {DEFAULT_ROLE})")

    sign = commands.add_parser(
        "signoff", parents=[common, who], help="sign off a placement's logged days as a practice educator",
        description="Sign off a placement's logged days as a practice educator, all in one save: one "
        "day (--day) or a range (--from, --to). Days already signed off and unchanged since are "
        "skipped. With --key each sign-off also carries your key's signature.",
    )  # fmt: skip
    sign.add_argument("--placement", required=True, metavar="NAME_OR_ID",
                      help="the placement: its name, a part of the name only it has, or its id")  # fmt: skip
    sign.add_argument("--from", dest="start", metavar="DATE", help="the first day (default: the first)")
    sign.add_argument("--to", dest="end", metavar="DATE", help="the last day, included (default: today)")
    sign.add_argument("--day", metavar="DATE", help="sign off this one day")
    sign.add_argument("--comment", default="", help="a note kept with each sign-off")
    sign.add_argument("--key", action="store_true", help="sign with your key (praxis keys new makes one)")
    sign.set_defaults(func=cmd_signoff)

    comment = commands.add_parser(
        "comment", parents=[common], help="comment on a record, ask for changes, or settle a request",
        description="Comment on a day, activity, reflection or placement: a plain comment, a request "
        "for changes (--request-changes, a practice educator's), or a note that a request is resolved "
        "(--resolve). --reply-to answers a comment.",
    )  # fmt: skip
    comment.add_argument("id", metavar="ID", help="the record's id, or its first 4 or more characters")
    comment.add_argument("text", metavar="TEXT", nargs="?", default="", help="what you want to say")
    comment.add_argument(
        "--by", metavar="NAME",
        help="who writes (default: the kept educator, else your profile's name, as student)",
    )  # fmt: skip
    comment.add_argument("--role", metavar="ROLE", help="their role")
    status = comment.add_mutually_exclusive_group()
    status.add_argument("--request-changes", action="store_true", help="ask the student to change the record")
    status.add_argument("--resolve", action="store_true", help="settle an open request for changes")
    comment.add_argument("--reply-to", metavar="COMMENT_ID", help="the comment this answers")
    comment.set_defaults(func=cmd_comment)

    review = commands.add_parser(
        "review", parents=[common], help="where each student stands, or one student's records in the app",
        description="Given a folder of students, several stores or bundles, or --table or --json: print "
        "a row for each student (days logged and verified, what waits for review, findings at risk, "
        "changes asked for), reading and never writing them; exit status 1 when a file cannot be read. "
        "Given one store or bundle: open it in the app in review mode.",
    )  # fmt: skip
    review.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="students' stores, bundles (*.praxis.json) or folders of them")  # fmt: skip
    review.add_argument("--json", action="store_true", help="print the table as JSON for other programs")
    review.add_argument("--table", action="store_true", help="print the table even for one store")
    review.add_argument("--by", metavar="NAME", help="who reviews, in the app (default: the kept educator)")
    review.add_argument("--role", metavar="ROLE", help="their role, in the app")
    review.set_defaults(func=cmd_review)


# -- keys -----------------------------------------------------------------------------------------


def cmd_keys_new(args: argparse.Namespace) -> int:
    """Make a signing key in the config folder and say how others can check it."""
    from praxis_socialwork.store.signing import KEY_FILE, educator_folder, fingerprint, load_educator, new_key

    folder = educator_folder()
    before = load_educator(folder)
    made = new_key(folder, args.name, args.role or DEFAULT_ROLE, replace=args.replace)
    print(f"Made a signing key for {made.name} ({made.role}) in {folder}.")
    print(f"Fingerprint: {fingerprint(made.public_key)}")
    print(
        "Share this fingerprint with your student and their university, so a signature made with "
        "this key can be checked as yours."
    )
    print(f"Keep {KEY_FILE} to yourself: anyone who has it can sign as you.")
    if before is not None and before.public_key:
        old = sorted(folder.glob(f"{KEY_FILE}.old-*"), key=lambda p: int(p.name.rsplit("-", 1)[1]))
        where = old[-1].name if old else "beside it"
        print(
            f"The old key ({fingerprint(before.public_key)}) is kept as {where}; "
            "sign-offs made with it still check."
        )
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    """Print the kept name, role, key fingerprint and public key."""
    from praxis_socialwork.store.signing import educator_folder, fingerprint, load_educator

    folder = educator_folder()
    kept = load_educator(folder)
    if kept is None or not (kept.name or kept.public_key):
        raise PraxisError(
            f"no signing key yet (looked in {folder}); make one with praxis keys new --name NAME"
        )
    print(f"Name:        {kept.name}")
    print(f"Role:        {kept.role}")
    if kept.has_key:
        print(f"Fingerprint: {fingerprint(kept.public_key)}")
        print(f"Public key:  {kept.public_key}")
    else:
        print("Key:         none yet (praxis keys new --name NAME makes one)")
    print(f"Folder:      {folder}")
    return 0


def cmd_keys_trust(args: argparse.Namespace) -> int:
    """Pin the key with the given fingerprint to NAME in this store."""
    from praxis_socialwork.store.trust import find_key, same_name

    with open_repo(args, write=True, create=False) as repo:
        key = find_key(repo.signoffs(), args.name, args.fingerprint)
        already = [p for p in repo.trust().pins if same_name(p.name, args.name)]
        pin = repo.pin_key(args.name, key)
    print(f"Trusted {pin.fingerprint} as {pin.name}'s signing key in this store.")
    if any(p.key != key for p in already):
        count = len({*(p.key for p in already), key})
        print(f"{pin.name} now has {count} trusted keys; sign-offs made with any of them count.")
    print(f"{pin.name}'s sign-offs made with this key now read as verified.")
    return 0


def cmd_keys_trusted(args: argparse.Namespace) -> int:
    """List the keys this store trusts, and the keys that signed here without being confirmed."""
    from praxis_socialwork.store.trust import new_keys

    with open_repo(args, write=False) as repo:
        trust = repo.trust()
        waiting = new_keys(repo.signoffs(), trust)
    if not trust.pins and not waiting:
        print("No signing key is trusted in this store, and none has signed anything here.")
    for pin in trust.pins:
        print(f"trusted  {pin.fingerprint}  {pin.name}  (confirmed {pin.confirmed_on or 'by you'})")
    for key in waiting:
        print(f"WAITING  {key.fingerprint}  {key.name}  ({key.advice()})")
    return 0


# -- verify ---------------------------------------------------------------------------------------


def cmd_verify(args: argparse.Namespace) -> int:
    """Check every signature in a bundle or report; exit 1 when one fails or a name has two keys."""
    from praxis_socialwork.exports.signatures import check_file

    expect: dict[str, str] = {}
    for given in args.expect:
        name, sep, key = given.rpartition("=")
        if not sep or not name.strip() or len(key.replace("-", "").strip()) != 16:
            raise PraxisError(
                f'--expect {given!r}: write NAME=FINGERPRINT, e.g. "Jo Educator=3F2A-91C0-77DE-0B14"'
            )
        expect[name.strip()] = key.strip()
    result = check_file(args.path, expect)
    print("\n".join(result.lines()))
    return 0 if result.ok else 1


# -- signoff --------------------------------------------------------------------------------------


def _date_arg(flag: str, text: str | None, now: date) -> date | None:
    """A typed date from ``flag``, or None; a bad one is refused naming the flag."""
    if text is None:
        return None
    try:
        return parse_date(text, today=now)
    except PraxisError as exc:
        raise PraxisError(f"{flag}: {exc}") from None


def _span(first: date, last: date) -> str:
    return format_uk(first) if first == last else f"{format_uk(first)} – {format_uk(last)}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def signing_educator(args: argparse.Namespace) -> Educator:
    """Who signs (``--by``/``--role`` or the kept identity); with ``--key`` their key must be there."""
    from praxis_socialwork.store.signing import load_educator, reviewer

    who = reviewer(args.by, args.role)
    if args.key and not who.has_key:
        kept = load_educator(who.folder)
        if kept is None or not kept.public_key:
            raise PraxisError(
                f"there is no signing key in {who.folder} to sign with; make one with "
                "praxis keys new --name NAME, or leave out --key"
            )
        raise PraxisError(
            f"the signing key in {who.folder} was made for {kept.name}, so it cannot sign as {who.name}; "
            f"sign as {kept.name} or leave out --key"
        )
    return who


def reviewer_trust(base: Trust, educator: Educator | None = None) -> Trust:
    """``base`` plus the key of the educator signing (else the one kept on this machine, if any):
    a reviewer trusts their own key."""
    if educator is None:
        try:
            educator = load_educator(educator_folder())
        except PraxisError:
            educator = None
    return base.with_own(educator)


def cmd_signoff(args: argparse.Namespace) -> int:
    """Sign off a placement's days in a range, all in one save; days still as signed are skipped."""
    from praxis_socialwork.rules.review import ReviewBook, days_to_sign
    from praxis_socialwork.store.signing import fingerprint, sign_off_all

    if args.day and (args.start or args.end):
        raise PraxisError("give --day for one day, or --from/--to for a range, not both")
    who = signing_educator(args)
    with open_repo(args, write=True, create=False) as repo:
        now = today(repo.clock)
        if args.day:
            start = end = _date_arg("--day", args.day, now)
        else:
            start = _date_arg("--from", args.start, now)
            end = _date_arg("--to", args.end, now) or now
        if start is not None and end is not None and end < start:
            if args.end is None:
                raise PraxisError(f"--from ({format_uk(start)}) is after today ({format_uk(end)})")
            raise PraxisError(f"--to ({format_uk(end)}) is before --from ({format_uk(start)})")
        placement = repo.find_placement(args.placement)
        logged = repo.days(placement.id)
        book = ReviewBook(logged, repo.signoffs(), [], reviewer_trust(repo.trust(), who))
        due, done = days_to_sign(book, logged, start, end)  # the app's "sign range" chooses the same
        days = due + done
        if not days:
            if start is None:
                asked = f"up to {format_uk(end)}"
            else:
                asked = (
                    f"on {format_uk(start)}"
                    if start == end
                    else f"from {format_uk(start)} to {format_uk(end)}"
                )
            raise PraxisError(f"{placement.name} has no days logged {asked}; nothing was signed off")
        already = len(done)
        again = sum(1 for d in due if book.of(d).checks)
        if not due:
            dates = sorted(d.date for d in days if d.date)
            many = len(days) > 1
            print(
                f"Nothing to sign off: {'the ' if many else ''}{_days(len(days))} of {placement.name} "
                f"({_span(dates[0], dates[-1])}) {'are' if many else 'is'} already signed off "
                "and unchanged since."
            )
            return 0
        made = sign_off_all(list(due), who, stamp(repo.clock), args.comment or "", use_key=args.key)
        with repo.transaction():
            repo.add_many(made)
    dated = sorted(d.date for d in due if d.date)
    how = (
        f"signed with key {fingerprint(who.public_key)}"
        if args.key
        else "without a signing key, so they read as recorded, not signed (--key signs them)"
    )
    role = f" ({who.role})" if who.role else ""
    line = (
        f"Signed off {_days(len(due))} of {placement.name} ({_span(dated[0], dated[-1])}) "
        f"as {who.name}{role}, {how}"
    )
    notes = []
    if again:
        notes.append(f"{again} {'was' if again == 1 else 'were'} signed again after changes")
    if already:
        notes.append(f"{already} {'was' if already == 1 else 'were'} already signed off")
    print(line + ("; " + "; ".join(notes) if notes else "") + ".")
    return 0


# -- comment --------------------------------------------------------------------------------------


def find_comment(repo: Repository, ref: str) -> Comment:
    """The comment whose id is ``ref`` or starts with it (``find_record``); say so if it is not one."""
    from praxis_socialwork.cli.portfolio import find_record
    from praxis_socialwork.store import Comment

    try:
        found = find_record(repo, ref)
    except NotFoundError:
        where = "praxis list comments shows their ids"
        raise NotFoundError(f"no comment has an id starting '{ref}' ({where})") from None
    if not isinstance(found, Comment):
        raise PraxisError(f"{ref} is a {found.KIND}, not a comment (praxis list comments shows their ids)")
    return found


def describe_record(record: Record, placements: dict[str, Placement]) -> str:
    """A record as a person names it: ``day Mon 16 Nov 2026 at Riverside Team``, ``reflection 'A visit'``."""
    when = getattr(record, "date", None)
    if record.KIND == "day":
        where = placements.get(getattr(record, "placement_id", ""))
        return f"day {format_uk(when) if when else '?'}" + (f" at {where.name}" if where else "")
    title = getattr(record, "title", "") or getattr(record, "name", "")
    return f"{record.KIND} '{title}'" + (f" ({format_uk(when)})" if when else "")


def describe_records(records: list[Record], placements: dict[str, Placement]) -> str:
    """Records signed together as a person names them: one as ``describe_record``; days of one
    placement as ``3 days, Mon 16 Nov 2026 – Wed 18 Nov 2026 at Riverside Team``; else a count."""
    if len(records) == 1:
        return describe_record(records[0], placements)
    dates = sorted(d for r in records if (d := getattr(r, "date", None)))
    if all(r.KIND == "day" for r in records) and dates:
        where = {getattr(r, "placement_id", "") for r in records}
        one = placements.get(where.pop()) if len(where) == 1 else None
        name = one.name if one else ""
        return f"{_days(len(records))}, {_span(dates[0], dates[-1])}" + (f" at {name}" if name else "")
    return f"{len(records)} records" + (f", {_span(dates[0], dates[-1])}" if dates else "")


def commenter(args: argparse.Namespace, profile: Profile | None) -> tuple[str, str]:
    """Who writes a comment: ``--by``, else the kept educator, else the profile's name as student."""
    from praxis_socialwork.store.signing import educator_folder, load_educator

    kept = load_educator(educator_folder())
    role = (args.role or "").strip()
    if (args.by or "").strip():
        name = args.by.strip()
        if not role and kept is not None and kept.name.strip().casefold() == name.casefold():
            role = kept.role
        if not role and profile is not None and profile.name.strip().casefold() == name.casefold():
            role = STUDENT_ROLE if profile.role == "student" else profile.role
        return name, role or DEFAULT_ROLE
    if kept is not None and kept.name.strip():
        return kept.name.strip(), role or kept.role or DEFAULT_ROLE
    if profile is not None and profile.name.strip():
        return profile.name.strip(), role or STUDENT_ROLE
    raise PraxisError("say who is writing: --by NAME (or keep your name once: praxis keys new --name NAME)")


def cmd_comment(args: argparse.Namespace) -> int:
    """Save a comment, a request for changes, or a resolution on one record."""
    from praxis_socialwork.cli.portfolio import find_record
    from praxis_socialwork.rules.review import ReviewBook
    from praxis_socialwork.store import Comment

    status = "changes-requested" if args.request_changes else "resolved" if args.resolve else "comment"
    text = (args.text or "").strip()
    if not text and status != "resolved":
        raise PraxisError('say what the comment is: praxis comment ID "TEXT"')
    with open_repo(args, write=True, create=False) as repo:
        record = find_record(repo, args.id)
        if record.KIND not in REVIEWED_KINDS:
            raise PraxisError(
                f"{args.id} is a {record.KIND}; comments are on days, activities, reflections and placements"
            )
        name, role = commenter(args, repo.profile())
        if status != "comment" and role == STUDENT_ROLE:
            raise PraxisError(
                "only a practice educator asks for changes or resolves them; "
                "as the student, reply with a plain comment (--reply-to COMMENT_ID)"
            )
        parent = find_comment(repo, args.reply_to) if args.reply_to else None
        if parent is not None and parent.record_id != record.id:
            raise PraxisError(
                f"comment {parent.id[:8]} is on another record "
                f"({parent.record_kind} {parent.record_id[:8]}); reply on that record"
            )
        if status == "resolved":
            book = ReviewBook([record], repo.signoffs(), repo.comments(), repo.trust())
            if book.of(record).changes_requested is None:
                raise PraxisError(f"there is no open request for changes on this {record.KIND} to resolve")
        placements = {p.id: p for p in repo.placements()}
        saved = repo.add(
            Comment(
                record_id=record.id,
                record_kind=record.KIND,
                parent_id=parent.id if parent else "",
                by=name,
                role=role,
                at=stamp(repo.clock),
                text=text,
                status=status,
            )
        )
    reply = f", replying to {parent.by}" if parent else ""
    said = f': "{saved.text}"' if saved.text else ""
    print(
        f"Saved {_STATUS_WORDS[saved.status]} on {describe_record(record, placements)} "
        f"by {saved.by} ({saved.role}){reply}{said} (id {saved.id[:8]})."
    )
    return 0


# -- review ---------------------------------------------------------------------------------------


@dataclass
class StudentRow:
    """One student's line in ``praxis review``: their figures, or why their file could not be read."""

    path: Path
    name: str = ""
    days_logged: int | None = None
    days_required: int | None = None
    verified_days: int | None = None
    pending_reviews: int | None = None
    findings_at_risk: int | None = None  # None: the profile follows no frameworks
    changes_requested: int | None = None
    error: str = ""
    also: list[Path] = field(default_factory=list)  # older copies of the same student, not counted

    def to_json(self) -> dict[str, Any]:
        """The row for other programs (``--json``)."""
        return {
            "path": str(self.path),
            "name": self.name or None,
            "days_logged": self.days_logged,
            "days_required": self.days_required,
            "verified_days": self.verified_days,
            "pending_reviews": self.pending_reviews,
            "findings_at_risk": self.findings_at_risk,
            "changes_requested": self.changes_requested,
            "error": self.error or None,
            "also_read": [str(p) for p in self.also],
        }

    def cells(self) -> list[str]:
        """The row as the table prints it."""
        if self.error:
            why = self.error if self.error.startswith("cannot") else f"cannot be read: {self.error}"
            return [_source(self.path), "", "", "", "", "", why]

        def n(value: int | None) -> str:
            return "-" if value is None else str(value)

        return [
            self.name or "(no name)",
            f"{self.days_logged}/{self.days_required}",
            n(self.verified_days),
            n(self.pending_reviews),
            n(self.findings_at_risk),
            n(self.changes_requested),
            _source(self.path) + (f" (also: {', '.join(map(_source, self.also))})" if self.also else ""),
        ]


def _source(path: Path) -> str:
    """Where a row came from, short: ``alex/praxis.json`` for a store, the file's name for a bundle."""
    return f"{path.parent.name}/{path.name}" if path.name == STORE_FILE else path.name


def _reason(path: Path, exc: Exception) -> str:
    """Why ``path`` could not be read, on one line and without repeating its name."""
    text = " ".join(str(exc).split())
    for prefix in (f"{path}: ", f"{path} "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text or type(exc).__name__


@dataclass
class _Loaded:
    profile: Profile | None
    records: Any  # rules.Records, with sign-offs and comments

    @property
    def latest(self) -> str:
        """When anything in it last changed (the newest record's stamp), to tell copies apart."""
        r = self.records
        every = [*r.activities, *r.placements, *r.days, *r.reflections, *r.signoffs, *r.comments]
        return max((x.updated or x.created for x in every), default="")


def _student_key(loaded: _Loaded) -> str:
    """Who the records are of: the profile's id (a name only for a profile with none)."""
    profile = loaded.profile
    if profile is None:
        return ""
    return profile.id or f"name:{profile.name.strip().casefold()}"


def one_per_student(loaded: list[tuple[Path, _Loaded | str]]) -> list[tuple[Path, _Loaded | str, list[Path]]]:
    """Each student once: a bundle and the reviewed bundle sent back (or a store and its bundle) are
    one student. The newest copy counts (on a tie the reviewed one, which has the sign-offs); the
    others are listed beside it. Unreadable files and copies with no profile each stay a row."""
    groups: dict[str, list[tuple[Path, _Loaded]]] = {}
    for path, got in loaded:
        if not isinstance(got, str) and _student_key(got):
            groups.setdefault(_student_key(got), []).append((path, got))
    out: list[tuple[Path, _Loaded | str, list[Path]]] = []
    done: set[str] = set()
    for path, got in loaded:
        key = "" if isinstance(got, str) else _student_key(got)
        if not key:
            out.append((path, got, []))
            continue
        if key in done:
            continue
        done.add(key)
        copies = groups[key]
        # A reviewed bundle is NAME.reviewed.praxis.json (cli.review_mode.returned_path).
        best = max(copies, key=lambda c: (c[1].latest, ".reviewed." in c[0].name.lower()))
        out.append((best[0], best[1], [p for p, _ in copies if p != best[0]]))
    return out


def _is_store_folder(path: Path) -> bool:
    return path.is_dir() and (path / STORE_FILE).is_file()


def _expand(paths: list[Path]) -> list[Path]:
    """Each path, with a folder of students replaced by its stores (``*/praxis.json``) and bundles."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir() and not _is_store_folder(path):
            found = sorted(path.glob(f"*/{STORE_FILE}")) + sorted(path.glob("*.praxis.json"))
            out += found or [path]  # an empty folder stays, to be reported
        else:
            out.append(path / STORE_FILE if path.is_dir() else path)
    return out


def _load(path: Path, clock: Any) -> _Loaded:
    """A student's records from a store (opened read-only) or a bundle; ``PraxisError`` if unreadable."""
    from praxis_socialwork.exports.bundle import is_bundle, read_bundle
    from praxis_socialwork.rules import Records
    from praxis_socialwork.store import (
        Activity,
        Comment,
        Placement,
        PlacementDay,
        Reflection,
        Repository,
        SignOff,
    )
    from praxis_socialwork.store.trust import NO_TRUST

    if path.is_dir():
        raise PraxisError("no student stores (*/praxis.json) or bundles (*.praxis.json) in this folder")
    if not path.exists():
        raise PraxisError("no such file")
    if is_bundle(path):
        bundle = read_bundle(path)

        def of(kind: type) -> list[Any]:
            return list(bundle.records.get(kind, []))

        records = Records(
            of(Activity),
            of(Placement),
            of(PlacementDay),
            of(Reflection),
            of(SignOff),
            of(Comment),
            reviewer_trust(NO_TRUST),
        )
        return _Loaded(bundle.profile, records)
    with Repository.open(path, clock, read_only=True) as repo:
        records = Records(
            repo.activities(),
            repo.placements(),
            repo.days(),
            repo.reflections(),
            repo.signoffs(),
            repo.comments(),
            reviewer_trust(repo.trust()),
        )
        return _Loaded(repo.profile(), records)


def student_row(path: Path, loaded: _Loaded, cat: Catalogue | None, on: date) -> StudentRow:
    """One student's figures: counted days against required, verified, waiting, at risk, changes asked."""
    from praxis_socialwork.rules import evaluate_all
    from praxis_socialwork.rules.review import ReviewBook, review_queue, verified_totals

    r = loaded.records
    every = [*r.days, *r.activities, *r.reflections, *r.placements]
    book = ReviewBook(every, r.signoffs, r.comments, r.trust)
    at_risk = None
    frameworks = loaded.profile.frameworks if loaded.profile else []
    if frameworks and cat is not None:
        findings = evaluate_all(cat.frameworks, frameworks, r, loaded.profile, on)
        at_risk = sum(1 for f in findings if f.status in ("at_risk", "gap", "missed"))
    return StudentRow(
        path=path,
        name=loaded.profile.name if loaded.profile else "",
        days_logged=sum(1 for d in r.days if d.kind in COUNTED_DAY_KINDS),
        days_required=sum(p.required_days for p in r.placements),
        verified_days=verified_totals(book, r.days).days,
        pending_reviews=len(review_queue(book, r.days, r.reflections, r.activities, r.placements)),
        findings_at_risk=at_risk,
        changes_requested=len(book.changes_requested()),
    )


def _open_review_app(path: Path, args: argparse.Namespace) -> int:
    try:
        from praxis_socialwork.cli.review_mode import run_review  # Textual is imported only here
    except ModuleNotFoundError as exc:
        if exc.name != "praxis_socialwork.cli.review_mode":
            raise
        raise PraxisError(
            "this Praxis cannot open the review app yet; praxis review --table PATH prints the figures"
        ) from None
    return run_review(path, by=args.by, role=args.role)


def cmd_review(args: argparse.Namespace) -> int:
    """Print one row per student (stores and bundles, read only), or open one student in the app."""
    paths: list[Path] = [p.expanduser() for p in args.paths]
    if len(paths) == 1 and not (args.table or args.json):
        one = paths[0]
        if _is_store_folder(one):
            return _open_review_app((one / STORE_FILE).absolute(), args)
        if not one.is_dir():
            if not one.exists():
                raise PraxisError(f"{one}: no store or bundle there")
            return _open_review_app(one.absolute(), args)
    clock = make_clock()
    on = today(clock)
    loaded: list[tuple[Path, _Loaded | str]] = []
    for path in _expand(paths):
        try:
            loaded.append((path, _load(path, clock)))
        except (PraxisError, OSError, ValueError) as exc:
            loaded.append((path, _reason(path, exc)))
    profiles = [got.profile for _, got in loaded if not isinstance(got, str) and got.profile]
    ids = sorted({f for profile in profiles for f in profile.frameworks})
    cat = None
    if ids:
        from praxis_socialwork.cli.rules import catalogue

        cat = catalogue(only=ids)
        for problem in cat.problems:
            print(f"praxis: skipped a framework file: {problem}", file=sys.stderr)
    rows: list[StudentRow] = []
    for path, got, also in one_per_student(loaded):
        if isinstance(got, str):
            rows.append(StudentRow(path=path, error=got))
            print(f"praxis: {path}: {got}", file=sys.stderr)
        else:
            rows.append(student_row(path, got, cat, on))
            rows[-1].also = also
    if args.json:
        print(dump_json([row.to_json() for row in rows]))
    else:
        headers = ["student", "days", "verified", "to review", "at risk", "changes asked", "from"]
        print(f"As of {format_uk(on)}:")
        print(render(headers, [row.cells() for row in rows], widest=60))
    return 1 if any(row.error for row in rows) else 0
