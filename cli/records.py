"""Commands that add and list records: init, add activity, placement add, log day, list."""

from __future__ import annotations

import argparse
import functools
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import dump_json, framework_ids, open_repo, uk_date
from praxis_socialwork.cli.text_table import render
from praxis_socialwork.store import (
    Activity,
    Placement,
    PlacementDay,
    Profile,
    Record,
    Repository,
    format_uk,
    today,
    vocab,
)

if TYPE_CHECKING:
    from praxis_socialwork.store.field_reader import FieldReader

PLACEMENT_REF = "the placement: its name, a part of the name only it has, or its id"


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the record commands to the ``praxis`` parser."""
    init = commands.add_parser(
        "init", parents=[common], help="set up who you are and what you follow",
        description="Make the store if there is none, and say who you are: your name, your role, the "
        "frameworks you follow and your country (whose bank holidays placements skip). Run it again to "
        "change them; the flags you marked reviewed and the missed periods you dismissed are kept.",
    )  # fmt: skip
    init.add_argument("--name", required=True, help="your name, as reports and bundles carry it")
    init.add_argument("--role", required=True, help="student, practitioner or educator")
    init.add_argument("--framework", action="append", default=[], metavar="ID",
                      help="a framework you follow, e.g. swe (repeat for more)")  # fmt: skip
    init.add_argument("--registered-on", metavar="DATE", help="your registration date")
    init.add_argument(
        "--first-post-on",
        metavar="DATE",
        help="first day in your first social work post (ASYE, NQSW year); kept if left out",
    )
    init.add_argument("--country", default="england", help="england, northern-ireland, scotland or wales")
    init.set_defaults(func=cmd_init)

    add = commands.add_parser(
        "add", parents=[common], help="add a record",
        description="Add an activity (a piece of learning or CPD) or a reflection. Each is checked as "
        "the app checks it: on any problem nothing is saved, and every problem is listed.",
    )  # fmt: skip
    what = add.add_subparsers(dest="what", metavar="WHAT", required=True)
    add.records = what  # type: ignore[attr-defined]  # other modules add kinds beside activity (cli_reflections)
    act = what.add_parser(
        "activity", parents=[common], help="a piece of learning or CPD",
        description="Add a piece of learning or CPD with what regulators ask of it: what it was and why "
        "it is relevant, what you learnt, its impact on your practice, and a peer reflection. What you "
        "leave out can be filled in later in the app.",
    )  # fmt: skip
    act.add_argument("--date", required=True, help="2026-03-04 or 04/03/2026 (day first)")
    act.add_argument("--end-date", metavar="DATE", help="last day, for learning over several days")
    act.add_argument("--title", required=True, help="what it was, in a few words")
    act.add_argument("--hours", required=True, help="how long it took, e.g. 1.5")
    act.add_argument("--type", help=", ".join(vocab.ACTIVITY_TYPES))
    act.add_argument("--provider", default="", help="who ran it, e.g. a training provider or your employer")
    act.add_argument("--description", default="", help="what it was and why it is relevant")
    act.add_argument("--learning", default="", help="what you learnt")
    act.add_argument("--impact", default="", help="the impact on your practice and the people you work with")
    act.add_argument("--peer", default="", help="who you discussed it with")
    act.add_argument("--peer-role", default="", help="their role")
    act.add_argument("--peer-reflection", default="", help="what you learnt from discussing it")
    act.add_argument("--standard", action="append", default=[], metavar="CODE",
                     help="e.g. swe:4.3 (repeat, or commas between)")  # fmt: skip
    act.add_argument("--tag", action="append", default=[],
                     help="a word to find it by, e.g. for-review (repeat for more)")  # fmt: skip
    act.add_argument("--evidence", action="append", default=[], metavar="PATH_OR_LINK",
                     help="a file or link that shows it, e.g. a certificate (repeat for more)")  # fmt: skip
    act.add_argument("--status", help=", ".join(vocab.ACTIVITY_STATUSES) + " (default complete)")
    act.set_defaults(func=cmd_add_activity)

    placement = commands.add_parser(
        "placement", parents=[common], help="placements",
        description="Add a placement, see its planned finish (plan), hide it from the app with its "
        "days kept (archive, unarchive), or delete it with its days after a backup (delete).",
    )  # fmt: skip
    pl = placement.add_subparsers(dest="what", metavar="WHAT", required=True)
    padd = pl.add_parser(
        "add", parents=[common], help="add a placement",
        description="Add a placement: where it is, when it starts, how many days it needs and the "
        "weekdays you work there. Its planned finish counts those weekdays from the start, skipping "
        "bank holidays and the days you are away.",
    )  # fmt: skip
    padd.add_argument("--name", required=True, help="its name, e.g. Northshire Children's Services")
    padd.add_argument("--start", required=True, metavar="DATE", help="its first day, e.g. 01/09/2026")
    padd.add_argument("--days", required=True, help="days required")
    padd.add_argument("--end", metavar="DATE", help="planned end date")
    padd.add_argument("--setting", help=", ".join(vocab.SETTINGS))
    padd.add_argument("--kind", help=", ".join(vocab.PLACEMENT_KINDS))
    padd.add_argument("--weekdays", help="working days, e.g. mon,tue,wed or mon-fri (default mon-fri)")
    padd.add_argument("--hours-per-day", help="usual hours a day (default 7.5)")
    padd.add_argument("--agency", default="", help="the organisation it is with, if its name does not say")
    padd.add_argument("--educator", default="", help="practice educator")
    padd.add_argument("--supervisor", default="", help="on-site supervisor")
    padd.set_defaults(func=cmd_placement_add)
    pdel = pl.add_parser(
        "delete", parents=[common], help="delete a placement and the days logged in it",
        description="Delete a placement and every day logged in it, after taking a backup (praxis "
        "restore brings it back). It asks for --yes, and also for --signed-too when a practice educator "
        "has signed off any of its days. To keep the days, archive it instead.",
    )  # fmt: skip
    pdel.add_argument("name", metavar="NAME_OR_ID", help=PLACEMENT_REF)
    pdel.add_argument("--yes", action="store_true", help="delete without asking (a backup is taken first)")
    pdel.add_argument("--signed-too", action="store_true",
                      help="also when days in it are signed off by a practice educator")  # fmt: skip
    pdel.set_defaults(func=cmd_placement_delete)
    for verb, text, said in (
        ("archive", "hide a placement from the app (its days are kept)",
         "Hide a placement from the app. Its days are kept and still count in reports and gaps; "
         "praxis placement unarchive shows it again."),
        ("unarchive", "show an archived placement again", "Show an archived placement in the app again."),
    ):  # fmt: skip
        parc = pl.add_parser(verb, parents=[common], help=text, description=said)
        parc.add_argument("name", metavar="NAME_OR_ID", help=PLACEMENT_REF)
        parc.set_defaults(func=cmd_placement_archive, archive=verb == "archive")

    log = commands.add_parser(
        "log", parents=[common], help="log a placement day",
        description="Log days in a placement's register: one day (log day), or every working day in a "
        "range (log days).",
    )  # fmt: skip
    lg = log.add_subparsers(dest="what", metavar="WHAT", required=True)
    day = lg.add_parser(
        "day", parents=[common], help="a day in a placement's register",
        description="Log one day in a placement's register: a practice day unless --kind says otherwise "
        "(skills, study, absence, sick or bank-holiday). Hours default to the placement's usual day, "
        "and to 0 for an absence.",
    )  # fmt: skip
    day.add_argument("--placement", required=True, metavar="NAME_OR_ID", help=PLACEMENT_REF)
    day.add_argument("--date", default="today", help="default today")
    day.add_argument("--hours", help="default: the placement's usual hours (0 for an absence)")
    day.add_argument("--kind", help=", ".join(vocab.DAY_KINDS) + " (default practice)")
    day.add_argument("--note", default="", help="a note kept with the day")
    day.set_defaults(func=cmd_log_day)
    days = lg.add_parser(
        "days", parents=[common], help="several days at once: the placement's working days in a range",
        description="Log every working day of a placement from --from to --to at once. Weekends, the "
        "placement's days off, bank holidays and days already logged are skipped and listed. All the "
        "days are saved, or none.",
    )  # fmt: skip
    days.add_argument("--placement", required=True, metavar="NAME_OR_ID", help=PLACEMENT_REF)
    days.add_argument("--from", dest="first", required=True, metavar="DATE", help="first day, e.g. 16/11/26")
    days.add_argument("--to", dest="last", default="today", metavar="DATE", help="last day (default today)")
    days.add_argument("--hours", help="hours each day (default: the placement's usual; 0 for an absence)")
    days.add_argument("--kind", help=", ".join(vocab.DAY_KINDS) + " (default practice)")
    days.set_defaults(func=cmd_log_days)

    lst = commands.add_parser(
        "list", parents=[common], help="list records",
        description="Print your records as a table, or as JSON for other programs with --json. Days "
        "show where their sign-off stands; comments lists practice educators' comments and sign-off "
        "comments with what each is about.",
    )  # fmt: skip
    lst.add_argument("what", choices=["activities", "days", "placements", "reflections", "comments"],
                     help="what to list")  # fmt: skip
    lst.add_argument("--json", action="store_true", help="print JSON for other programs")
    lst.set_defaults(func=cmd_list)


def _reader(repo: Repository) -> FieldReader:
    from praxis_socialwork.store.field_reader import (
        FieldReader,  # loaded by the commands that read typed fields
    )

    return FieldReader(today(repo.clock))


def cmd_init(args: argparse.Namespace) -> int:
    """Create or update the store's profile."""
    with open_repo(args, write=True) as repo:
        r = _reader(repo)
        frameworks = framework_ids(args.framework)
        profile = Profile(
            name=r.text(args.name),
            role=r.choice("role", args.role, vocab.ROLES, "role", "practitioner"),
            frameworks=frameworks,
            registered_on=r.date("registered_on", args.registered_on),
            country=r.choice("country", args.country, vocab.COUNTRIES, "country", "england"),
        )
        _check_frameworks(r, frameworks)
        r.check(profile)
        current = repo.profile()
        existed = current is not None
        if current is not None:  # flags marked reviewed by praxis check-privacy stay marked
            profile.privacy_reviewed = list(current.privacy_reviewed)
            profile.dismissed_missed = list(current.dismissed_missed)
            profile.first_post_on = current.first_post_on
        if args.first_post_on:
            profile.first_post_on = r.date("first_post_on", args.first_post_on)
            r.check(profile)
        saved = repo.save_profile(profile)
    verb = "Updated" if existed else "Set up"
    follows = ", ".join(saved.frameworks) or "no frameworks yet"
    registered = f"; registered {format_uk(saved.registered_on)}" if saved.registered_on else ""
    if saved.first_post_on:
        registered += f"; first day in post {format_uk(saved.first_post_on)}"
    print(f"{verb} {saved.name} ({saved.role}, {saved.country}); follows {follows}{registered}.")
    print(f"Store: {repo.path}")
    return 0


def _check_frameworks(r: FieldReader, ids: list[str]) -> None:
    """Record a problem for each framework id that no framework file (bundled or yours) has."""
    from praxis_socialwork.cli.rules import catalogue

    known = catalogue().frameworks
    for fid in ids:
        if fid not in known:
            r.problem(
                "frameworks", f"'{fid}' is not a framework Praxis knows; known: {', '.join(sorted(known))}"
            )


def cmd_add_activity(args: argparse.Namespace) -> int:
    """Add a piece of learning / CPD."""
    with open_repo(args, write=True) as repo:
        r = _reader(repo)
        activity = Activity(
            date=r.date("date", args.date),
            end_date=r.date("end_date", args.end_date),
            title=r.text(args.title),
            type=r.choice("type", args.type, vocab.ACTIVITY_TYPES, "activity type", "other"),
            hours=r.number("hours", args.hours),
            provider=r.text(args.provider),
            description=r.text(args.description),
            learning=r.text(args.learning),
            impact=r.text(args.impact),
            peer=r.text(args.peer),
            peer_role=r.text(args.peer_role),
            peer_reflection=r.text(args.peer_reflection),
            standards=r.codes(",".join(args.standard), sep=","),
            tags=r.items(args.tag),
            evidence=r.items(args.evidence),
            status=r.choice("status", args.status, vocab.ACTIVITY_STATUSES, "status", "complete"),
        )
        r.check(activity)
        saved = repo.add(activity)
    assert saved.date is not None
    when = format_uk(saved.date)
    print(f"Added {saved.status} activity '{saved.title}' on {when}, {saved.hours:g} h ({saved.id}).")
    return 0


def cmd_placement_add(args: argparse.Namespace) -> int:
    """Add a placement."""
    with open_repo(args, write=True) as repo:
        r = _reader(repo)
        placement = Placement(
            name=r.text(args.name),
            agency=r.text(args.agency),
            setting=r.choice("setting", args.setting, vocab.SETTINGS, "setting", "other"),
            kind=r.choice("kind", args.kind, vocab.PLACEMENT_KINDS, "placement kind", "other"),
            start=r.date("start", args.start),
            planned_end=r.date("planned_end", args.end),
            required_days=r.whole_number("required_days", args.days) or 0,
            practice_educator=r.text(args.educator),
            supervisor=r.text(args.supervisor),
        )
        if (weekdays := r.weekdays("weekdays", args.weekdays)) is not None:
            placement.weekdays = weekdays
        if (hours := r.number("hours_per_day", args.hours_per_day)) is not None:
            placement.hours_per_day = hours
        r.check(placement)
        saved = repo.add(placement)
    assert saved.start is not None
    end = f" to {format_uk(saved.planned_end)}" if saved.planned_end else ""
    print(
        f"Added placement '{saved.name}' ({saved.kind}, {saved.setting}) from {format_uk(saved.start)}{end}: "
        f"{saved.required_days} days, {','.join(saved.weekdays)}, "
        f"{saved.hours_per_day:g} h a day ({saved.id})."
    )
    return 0


def cmd_placement_delete(args: argparse.Namespace) -> int:
    """Delete a placement and its days, after a backup; only with ``--yes``, and only with
    ``--signed-too`` when a practice educator has signed off some of its days."""
    from praxis_socialwork.services.day_batches import dates_text, days_word, signed_days
    from praxis_socialwork.store import PraxisError

    with open_repo(args, write=True, create=False) as repo:
        placement = repo.find_placement(args.name)
        days = repo.days(placement.id)
        signed = signed_days(days, repo.signoffs())
        what = f"placement '{placement.name}' and the {days_word(len(days))} logged in it"
        if signed and not args.signed_too:
            raise PraxisError(
                f"{days_word(len(signed))} in it signed off by a practice educator ({dates_text(signed)}); "
                f"nothing was deleted. To delete {what} all the same, add --signed-too (or archive it: "
                f"praxis placement archive '{placement.name}')."
            )
        if not args.yes:
            raise PraxisError(f"This would delete {what}. Add --yes to delete it (a backup is taken first).")
        backup = repo.backup_now("before-deleting-a-placement")
        repo.delete_placement(placement.id)
    print(f"Deleted {what}.")
    if backup is not None:
        print(f"Backup taken first: {backup}")
    return 0


def cmd_placement_archive(args: argparse.Namespace) -> int:
    """Archive a placement (hidden from the app, its days kept) or bring it back."""
    from dataclasses import replace

    with open_repo(args, write=True, create=False) as repo:
        placement = repo.find_placement(args.name)
        if placement.archived == args.archive:
            state = "archived" if args.archive else "not archived"
            print(f"Placement '{placement.name}' is already {state}; nothing changed.")
            return 0
        repo.update(replace(placement, archived=args.archive))
        days = len(repo.days(placement.id))
    if args.archive:
        print(
            f"Archived placement '{placement.name}': hidden from the app, its {days} days kept "
            f"(praxis placement unarchive '{placement.name}' shows it again)."
        )
    else:
        print(f"Placement '{placement.name}' is shown again, with its {days} days.")
    return 0


def cmd_log_day(args: argparse.Namespace) -> int:
    """Log a day in a placement's register."""
    with open_repo(args, write=True, create=False) as repo:
        r = _reader(repo)
        placement = repo.find_placement(args.placement)
        kind = r.choice("kind", args.kind, vocab.DAY_KINDS, "kind of day", "practice")
        hours = r.number("hours", args.hours)
        if hours is None and not (args.hours or "").strip():
            hours = placement.hours_for(kind)
        day = PlacementDay(
            placement_id=placement.id, date=r.date("date", args.date), hours=hours,  # type: ignore[arg-type]
            kind=kind, note=r.text(args.note),
        )  # fmt: skip
        r.check(day)
        saved = repo.add(day)
        logged = _days_logged(repo.days(placement.id)).get(placement.id, 0)
    assert saved.date is not None
    print(
        f"Logged {format_uk(saved.date)} at {placement.name}: {saved.kind}, {saved.hours:g} h. "
        f"{logged} of {placement.required_days} days logged."
    )
    return 0


def cmd_log_days(args: argparse.Namespace) -> int:
    """Log the placement's working days in a range at once (weekends, bank holidays and days already
    logged are skipped and said): all of them, or none."""
    from praxis_socialwork.services.day_batches import day_batch, logged_line
    from praxis_socialwork.store import Problem, ValidationError

    with open_repo(args, write=True, create=False) as repo:
        r = _reader(repo)
        placement = repo.find_placement(args.placement)
        kind = r.choice("kind", args.kind, vocab.DAY_KINDS, "kind of day", "practice")
        hours = r.number("hours", args.hours)
        first, last = r.date("from", args.first), r.date("to", args.last)
        now = today(repo.clock)
        if last is not None and last > now:
            r.problem("to", f"{format_uk(last)} has not happened yet; log days up to {format_uk(now)}")
        batch = None
        if first is not None and last is not None and not r.problems:
            profile = repo.profile()
            try:
                batch = day_batch(placement, first, last, repo.days(placement.id),
                                  profile.country if profile else "england", kind, hours)  # fmt: skip
            except ValueError as exc:
                r.problem("to", str(exc))
        if r.problems or batch is None:
            raise ValidationError(list(r.problems) or [Problem("from", "give the first day, e.g. 16/11/26")])
        if batch.records:  # the days differ only in their dates: one says what is wrong with all
            r.check(batch.records[0])
        saved = repo.add_many(list(batch.records))
        logged = _days_logged(repo.days(placement.id)).get(placement.id, 0)
    print(logged_line(saved, placement))
    for line in batch.skipped_lines():
        print(line)
    print(f"{logged} of {placement.required_days} days logged.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print records as a table, or as JSON with ``--json``."""
    with open_repo(args, write=False) as repo:
        records: list[Record] = {
            "activities": repo.activities,
            "days": repo.days,
            "placements": repo.placements,
            "reflections": repo.reflections,
            "comments": repo.comments,
        }[args.what]()
        # Days are shown with their placement's name and where their sign-off stands; placements
        # with the days logged so far.
        names = {p.id: p.name for p in repo.placements()} if args.what == "days" else {}
        signed = _signoff_states(records, repo) if args.what == "days" else {}
        counts = _days_logged(repo.days()) if args.what == "placements" and not args.json else {}
        if args.what == "comments":  # with the comments given with sign-offs, and what each is about
            return _list_comments(repo, args.json)
        draft = _new_reflection_draft(repo) if args.what == "reflections" and not args.json else None
    if args.json:
        docs = [r.to_doc() for r in records]
        for doc in docs if args.what == "days" else []:
            doc["placement"] = names.get(doc["placement_id"], "")
            doc.update(signed[doc["id"]])
        print(dump_json(docs))
    elif not records:
        print(f"No {args.what} yet.")
    else:
        print(_table(args.what, records, names, counts, signed))
    if draft is not None:  # not a record (it counts toward nothing), but not to be forgotten
        print(f"Unsaved: a new reflection kept as a draft ('{draft}'); finish it in the app: r, then n.")
    return 0


def _new_reflection_draft(repo: Repository) -> str | None:
    """The title of the new reflection the app keeps unsaved as a draft ("untitled"), or None."""
    from praxis_socialwork.cli.reflections import new_draft_title
    from praxis_socialwork.store.drafts import Drafts

    return new_draft_title(Drafts(repo.path))


def _signoff_states(days: list[Any], repo: Repository) -> dict[str, dict[str, Any]]:
    """Each day's sign-off as ``list days --json`` gives it, by day id: who signed last and when,
    whether a sign-off still verifies it, whether it changed since, which fields, and the signature."""
    signoffs = repo.signoffs()
    if not signoffs:  # the common case: nothing to check, and the review rules need not load
        none = {"signed_off_by": None, "signed_off_at": None, "verified": False,
                "signoff_status": "not signed off", "signing_key": None,
                "changed_since_signoff": False, "changed_fields": [], "signature": None,
                "signoff_comment": None}  # fmt: skip
        return {d.id: dict(none) for d in days}
    from praxis_socialwork.rules.review import ReviewBook

    book = ReviewBook(days, signoffs, [], repo.trust())
    out: dict[str, dict[str, Any]] = {}
    for d in days:
        review = book.of(d)
        latest = review.latest
        changed = bool(review.checks) and not any(c.matches for c in review.checks)
        out[d.id] = {
            "signed_off_by": latest.signoff.by if latest else None,
            "signed_off_at": latest.signoff.at if latest else None,
            # True only for a confirmed key's signature over the day as it is (rules.review).
            "verified": review.verified,
            # "signed off", "recorded, not signed", "signed, key not confirmed", "downgraded…", …
            "signoff_status": review.status,
            "signing_key": latest.key or None if latest else None,
            "changed_since_signoff": changed,
            "changed_fields": list(latest.changed) if latest and changed else [],
            "signature": latest.signature if latest else None,
            # What the educator said with the sign-off ("" for none; null when never signed off).
            "signoff_comment": latest.signoff.comment if latest else None,
        }
    return out


def _list_comments(repo: Repository, as_json: bool) -> int:
    """Print every comment and every comment given with a sign-off, oldest first, each with what it
    is about (a sign-off's: the days or records signed with it)."""
    from praxis_socialwork.cli.review import describe_records
    from praxis_socialwork.rules.review import ReviewBook

    placements = {p.id: p for p in repo.placements()}
    every = repo.reviewable()
    by_id = {r.id: r for r in every}
    remarks = ReviewBook(every, repo.signoffs(), repo.comments()).remarks()

    def about(ids: tuple[str, ...]) -> str:
        found = [by_id[i] for i in ids if i in by_id]
        gone = len(ids) - len(found)
        text = describe_records(found, placements) if found else ""
        if gone:
            text += (" and " if text else "") + f"{gone} deleted record{'s' if gone != 1 else ''}"
        return text

    if as_json:
        docs: list[dict[str, Any]] = []
        for r in remarks:
            if r.comment is not None:
                doc = {"type": "comment", **r.comment.to_doc()}
            else:
                doc = {
                    "type": "signoff-comment", "by": r.by, "role": r.role, "at": r.at, "text": r.text,
                    "batch": r.signoffs[0].batch, "signoff_ids": [s.id for s in r.signoffs],
                    "record_ids": list(r.record_ids), "record_kind": r.signoffs[0].record_kind,
                }  # fmt: skip
            doc["about"] = about(r.record_ids)
            if r.is_signoff:
                doc["dates"] = sorted(
                    d.isoformat() for i in r.record_ids if (d := getattr(by_id.get(i), "date", None))
                )
            docs.append(doc)
        print(dump_json(docs))
        return 0
    if not remarks:
        print("No comments yet.")
        return 0
    rows = []
    for r in remarks:
        if r.is_signoff:  # the id a batch is known by, with "sign-off" so it is not taken for a comment
            rows.append([uk_date(r.at), about(r.record_ids), r.by, "sign-off", _clip(r.text),
                         (r.signoffs[0].batch or r.signoffs[0].id)[:8]])  # fmt: skip
        else:
            on = about(r.record_ids) or f"{r.comment.record_kind if r.comment else 'a'} (deleted)"
            rows.append([uk_date(r.at), on, r.by, r.status, _clip(r.text), r.key[:8]])
    print(render(["date", "on", "by", "status", "text", "id"], rows, widest=60))
    return 0


def _signoff_word(state: dict[str, Any] | None) -> str:
    """The short word the plain list shows: verified, recorded (no key), unconfirmed (a key not yet
    confirmed), other key, downgraded, changed, bad sig, or nothing."""
    return _signoff_words().get(state["signoff_status"], "") if state else ""


@functools.cache
def _signoff_words() -> dict[str, str]:
    """The word ``list days`` shows for each sign-off status of ``rules.review``."""
    from praxis_socialwork.rules import review

    return {
        review.SIGNED: "verified",
        review.RECORDED: "recorded",
        review.UNCONFIRMED_KEY: "unconfirmed",
        review.KEY_CHANGED: "other key",
        review.DOWNGRADED: "downgraded",
        review.BAD_SIGNATURE: "bad sig",
        review.CHANGED: "changed",
    }


def _days_logged(days: list[PlacementDay]) -> dict[str, int]:
    """Days counted toward each placement so far, by placement id."""
    counts: dict[str, int] = {}
    for d in days:
        if d.kind in vocab.COUNTED_DAY_KINDS:
            counts[d.placement_id] = counts.get(d.placement_id, 0) + 1
    return counts


def _table(
    what: str,
    records: list[Any],
    names: dict[str, str],
    counts: dict[str, int],
    signed: dict[str, dict[str, Any]],
) -> str:
    if what == "activities":
        rows = [
            [str(a.date), a.title, a.type, f"{a.hours:g}" if a.hours is not None else "", a.status,
             ",".join(a.standards), a.id[:8]]
            for a in records
        ]  # fmt: skip
        return render(["date", "title", "type", "hours", "status", "standards", "id"], rows)
    if what == "days":
        rows = [
            [str(d.date), names.get(d.placement_id, "?"), d.kind, f"{d.hours:g}",
             _signoff_word(signed.get(d.id)), d.note, d.id[:8]]
            for d in records
        ]  # fmt: skip
        return render(["date", "placement", "kind", "hours", "sign-off", "note", "id"], rows)
    if what == "placements":
        rows = [
            [p.name + (" (archived)" if p.archived else ""), p.kind, p.setting, str(p.start),
             str(p.planned_end or ""),
             f"{counts.get(p.id, 0)}/{p.required_days}", p.id[:8]]
            for p in records
        ]  # fmt: skip
        return render(["name", "kind", "setting", "start", "planned end", "days", "id"], rows)
    if what == "comments":
        rows = [
            [uk_date(c.at), f"{c.record_kind} {c.record_id[:8]}", c.by, c.status, _clip(c.text), c.id[:8]]
            for c in records
        ]
        return render(["date", "on", "by", "status", "text", "id"], rows)
    rows = [
        [str(r.date), r.title, r.model, f"{len(r.stages)}/{len(vocab.REFLECTION_STAGES.get(r.model, ()))}",
         ",".join(r.standards), r.id[:8]]
        for r in records
    ]  # fmt: skip
    return render(["date", "title", "model", "stages", "standards", "id"], rows)


def _clip(text: str, most: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"
