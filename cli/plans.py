"""Commands for what is planned: plan add/list/skip/move, and placement plan (the planned finish).

No Textual here: these commands start as fast as the other report commands.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import dump_json, open_repo
from praxis_socialwork.cli.text_table import render
from praxis_socialwork.store import (
    LONDON,
    NotFoundError,
    Placement,
    Plan,
    PraxisError,
    Repository,
    format_uk,
    parse_date,
    today,
    vocab,
)

if TYPE_CHECKING:
    from praxis_socialwork.rules.placement_outlook import Outlook
    from praxis_socialwork.rules.schedule import Occurrence, PlacementPlan
    from praxis_socialwork.store.field_reader import FieldReader

# How far ahead ``plan list`` looks when no --to is given.
LIST_WEEKS = 8
_NEW_START = re.compile(r"^(?P<day>.+?)[T ](?P<time>\d{1,2}:\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_UK_TIME = " (UK time)"  # plans keep London wall-clock times; said wherever a time is printed
# Written out so that building the parser (for every command) does not load rules.schedule;
# a test checks it names every preset.
PRESET_HELP = (
    "weekly-6-then-fortnightly, supervision-first-year (weekly for 6 weeks, fortnightly to 6 months, "
    "then monthly), weekly, fortnightly, monthly (the same weekday of the month)"
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``plan …`` and ``placement plan`` to the ``praxis`` parser (after the record commands)."""
    plan = commands.add_parser(
        "plan", parents=[common], help="planned sessions and items (supervision…)",
        description="Plan sessions and other items, once or repeating (supervision, teaching days…): "
        "add one, list what is coming, or skip or move one occurrence.",
    )  # fmt: skip
    sub = plan.add_subparsers(dest="what", metavar="WHAT", required=True)

    add = sub.add_parser(
        "add", parents=[common], help="plan a session, once or repeating",
        description="Plan a session at a UK time, or an all-day item, once or repeating by a preset or "
        "an RFC 5545 rule, with reminders for the calendar export.",
    )  # fmt: skip
    add.add_argument("--title", required=True, help="what it is, e.g. Supervision")
    add.add_argument("--kind", required=True, help=", ".join(vocab.PLAN_KINDS))
    add.add_argument("--date", required=True, help="the first date: 2026-12-01 or 01/12/2026 (day first)")
    add.add_argument("--time", default="", metavar="HH:MM", help="UK time; leave out for an all-day item")
    add.add_argument("--minutes", default="60", help="how long each time lasts (default 60)")
    add.add_argument("--end-date", metavar="DATE", help="last day, for an all-day item over several days")
    repeat = add.add_mutually_exclusive_group()
    repeat.add_argument("--preset", metavar="ID", help=f"a repeat pattern: {PRESET_HELP}")
    repeat.add_argument(
        "--rule", action="append", default=[], metavar="RRULE",
        help="an RFC 5545 rule, e.g. FREQ=WEEKLY;COUNT=6 (repeat: each follows the last)",
    )  # fmt: skip
    add.add_argument("--location", default="", help="where it happens")
    add.add_argument("--placement", metavar="NAME", help="the placement it belongs to")
    add.add_argument("--remind", action="append", default=[], metavar="MINUTES",
                     help="a reminder so many minutes before (repeat for more)")  # fmt: skip
    add.set_defaults(func=cmd_plan_add)

    lst = sub.add_parser(
        "list", parents=[common], help="what is coming up, and each placement's finish",
        description=f"Print every plan's occurrences from --from (default today) to --to (default "
        f"{LIST_WEEKS} weeks on), at UK times, then each placement's planned finish.",
    )  # fmt: skip
    lst.add_argument("--from", dest="start", metavar="DATE", help="default today")
    lst.add_argument("--to", dest="end", metavar="DATE", help=f"default {LIST_WEEKS} weeks after --from")
    lst.add_argument("--json", action="store_true", help="print JSON for other programs")
    lst.set_defaults(func=cmd_plan_list)

    skip = sub.add_parser(
        "skip", parents=[common], help="one occurrence will not happen",
        description="Mark one occurrence of a plan as not happening; the others stay as planned.",
    )  # fmt: skip
    skip.add_argument("plan", metavar="ID", help="the plan's id (or its first characters, or its title)")
    skip.add_argument("date", metavar="DATE", help="the date of the occurrence")
    skip.set_defaults(func=cmd_plan_skip)

    move = sub.add_parser(
        "move", parents=[common], help="one occurrence happens on another day or time",
        description="Move one occurrence of a plan to another day, or another UK time "
        "(NEW-DATE THH:MM); the others stay as planned.",
    )  # fmt: skip
    move.add_argument("plan", metavar="ID", help="the plan's id (or its first characters, or its title)")
    move.add_argument("date", metavar="DATE", help="the date of the occurrence")
    move.add_argument("new", metavar="NEW-DATE[THH:MM]", help="e.g. 03/12/2026T14:00 or 2026-12-03")
    move.set_defaults(func=cmd_plan_move)

    placement = _subcommands(commands.choices["placement"])
    pplan = placement.add_parser(
        "plan", parents=[common], help="the planned finish: days left, bank holidays skipped",
        description="Show each placement's planned finish: the days logged, the working days still "
        "needed, the next planned day, the finish at your pace so far, and the bank holidays skipped.",
    )  # fmt: skip
    pplan.add_argument("name", nargs="?", metavar="NAME", help="a placement (default: every placement)")
    pplan.set_defaults(func=cmd_placement_plan)


def _subcommands(parser: argparse.ArgumentParser) -> Any:
    """The sub-command list of ``parser`` (``placement``), so ``plan`` joins ``placement add``."""
    for action in parser._actions:  # argparse keeps no public handle on a parser's sub-commands
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"{parser.prog} has no sub-commands")


def _reader(repo: Repository) -> FieldReader:
    from praxis_socialwork.store.field_reader import FieldReader

    return FieldReader(today(repo.clock))


# -- plan add ---------------------------------------------------------------------------------


def cmd_plan_add(args: argparse.Namespace) -> int:
    """Plan a session or item, once or repeating."""
    from praxis_socialwork.rules.schedule import PRESETS, occurrences, preset_rules

    with open_repo(args, write=True) as repo:
        r = _reader(repo)
        first = r.date("date", args.date)
        rules = [rule.strip() for rule in args.rule if rule.strip()]
        if args.preset:
            try:
                preset = vocab.choose(args.preset, tuple(PRESETS), "repeat preset")
                rules = preset_rules(preset, first or today(repo.clock))
            except ValueError as exc:
                r.problem("rules", str(exc))
        placement_id = repo.find_placement(args.placement).id if args.placement else ""
        plan = Plan(
            title=r.text(args.title),
            kind=r.choice("kind", args.kind, vocab.PLAN_KINDS, "kind of plan", "other"),
            date=first,
            time=_clock_time(args.time),
            minutes=r.whole_number("minutes", args.minutes) or 0,
            end_date=r.date("end_date", args.end_date),
            rules=rules,
            location=r.text(args.location),
            placement_id=placement_id,
            reminders=_reminders(r, args.remind),
        )
        r.check(plan)
        saved = repo.add(plan)
    assert saved.date is not None
    if saved.time:
        at = f" at {saved.time} UK time for {saved.minutes} min"
    else:
        at = f" to {format_uk(saved.end_date)} (all day)" if saved.end_date else " (all day)"
    print(
        f"Added {saved.kind} '{saved.title}' from {format_uk(saved.date)}{at}, "
        f"{repeat_text(saved.rules, saved.date)} ({saved.id})."
    )
    coming = occurrences(saved, saved.date, saved.date + timedelta(days=400))[:3]
    if coming:
        print("Next: " + ", ".join(_when(o) for o in coming) + _UK_TIME * bool(saved.time))
    return 0


def _clock_time(text: str) -> str:
    """``9:30`` or ``9.30`` as ``09:30``; anything else as typed (validation says what is wrong)."""
    raw = text.strip()
    if m := _TIME.match(raw):
        return f"{int(m.group(1)):02d}:{m.group(2)}"
    return raw


def _reminders(r: FieldReader, values: list[str]) -> list[int]:
    found: list[int] = []
    for value in values:
        for part in value.split(","):
            if (n := r.whole_number("reminders", part)) is not None:
                found.append(n)
    return found


def repeat_text(rules: list[str], start: date) -> str:
    """How a plan repeats, in words: a preset's label, the rules themselves, or ``once``."""
    from praxis_socialwork.rules.schedule import PRESETS, preset_rules

    if not rules:
        return "once"
    for key, (label, _) in PRESETS.items():
        if preset_rules(key, start) == rules:
            return label
    return "repeating " + ", then ".join(rules)


def _when(o: Occurrence) -> str:
    if isinstance(o.start, datetime):
        return f"{format_uk(o.start.date())} {o.start:%H:%M}"
    return format_uk(o.start)


# -- plan list --------------------------------------------------------------------------------


def cmd_plan_list(args: argparse.Namespace) -> int:
    """Print every plan's occurrences in a window, and each placement's planned finish."""
    from praxis_socialwork.rules.schedule import occurrences

    with open_repo(args, write=False) as repo:
        now = today(repo.clock)
        start = parse_date(args.start, today=now) if args.start else now
        end = parse_date(args.end, today=now) if args.end else start + timedelta(weeks=LIST_WEEKS)
        if end < start:
            raise PraxisError(f"--to ({format_uk(end)}) is before --from ({format_uk(start)})")
        found = sorted(
            (o for plan in repo.plans() for o in occurrences(plan, start, end)),
            key=lambda o: (_sort_key(o), o.title),
        )
        placements = [(p, _plan_for(repo, p)) for p in repo.placements()]
    if args.json:
        print(dump_json(_json(start, end, found, placements)))
        return 0
    print(f"Planned from {format_uk(start)} to {format_uk(end)}:")
    if found:
        rows = [
            [format_uk(o.start.date() if isinstance(o.start, datetime) else o.start), _time_cell(o),
             o.title, o.kind, o.location, f"moved from {format_uk(o.original)}" if o.moved else "",
             o.plan_id[:8]]
            for o in found
        ]  # fmt: skip
        print(render(["date", "time (UK)", "title", "kind", "where", "note", "id"], rows))
    else:
        print("Nothing planned (add a session with praxis plan add).")
    if placements:
        print("\nPlacements:")
        for p, pp in placements:
            print(f"  {p.name}: {_finish_line(p, pp)}")
    return 0


def _sort_key(o: Occurrence) -> datetime:
    if isinstance(o.start, datetime):
        return o.start
    return datetime.combine(o.start, datetime.min.time(), tzinfo=LONDON)


def _time_cell(o: Occurrence) -> str:
    if isinstance(o.start, datetime):
        assert isinstance(o.end, datetime)
        return f"{o.start:%H:%M}–{o.end:%H:%M}"
    days = (o.end - o.start).days  # type: ignore[operator]
    return "all day" if days == 1 else f"all day, {days} days"


def _json(
    start: date, end: date, found: list[Occurrence], placements: list[tuple[Placement, PlacementPlan]]
) -> dict[str, Any]:
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "occurrences": [
            {
                "plan_id": o.plan_id,
                "title": o.title,
                "kind": o.kind,
                "all_day": not isinstance(o.start, datetime),
                "start": o.start.isoformat(),
                "end": o.end.isoformat(),
                "original": o.original.isoformat(),
                "moved": o.moved,
                "location": o.location,
            }
            for o in found
        ],
        "placements": [
            {
                "id": p.id,
                "name": p.name,
                "required_days": p.required_days,
                "logged": len(pp.logged),
                "days_left": len(pp.planned),
                "finish": pp.finish.isoformat() if pp.finish else None,
                "planned_end": p.planned_end.isoformat() if p.planned_end else None,
                "holidays_skipped": [{"date": d.isoformat(), "name": n} for d, n in pp.skipped_holidays],
            }
            for p, pp in placements
        ],
    }


def _country(repo: Repository) -> str:
    from praxis_socialwork.rules.placement_outlook import country_of

    return country_of(repo.profile())


def _plan_for(repo: Repository, placement: Placement) -> PlacementPlan:
    return _outlook_for(repo, placement).plan


def _outlook_for(repo: Repository, placement: Placement) -> Outlook:
    """The placement's outlook: the engine the gap engine, the app and the calendar export read."""
    from praxis_socialwork.rules.placement_outlook import placement_outlook

    return placement_outlook(placement, repo.days(placement.id), _country(repo), today(repo.clock))


def _finish_line(p: Placement, pp: PlacementPlan) -> str:
    logged = f"{len(pp.logged)} of {p.required_days} days logged"
    if pp.finish is None:
        return f"{logged}; the finish cannot be worked out (check its start and working weekdays)"
    if not pp.planned:
        return f"{logged}; all done, last day {format_uk(pp.finish)}"
    late = ""
    if p.planned_end is not None and pp.finish > p.planned_end:
        late = f" (after the planned end, {format_uk(p.planned_end)})"
    return f"{logged}, {len(pp.planned)} to go; planned finish {format_uk(pp.finish)}{late}"


def _pace_line(o: Outlook) -> str:
    """The finish at your pace so far, as the gap engine says it; "" when there is nothing to say."""
    from praxis_socialwork.rules.placement_outlook import PACE_WEEKS

    if not o.needed or (o.pace is None and not o.started):
        return ""
    if o.pace is None:
        return f"No days counted in the last {PACE_WEEKS} weeks: no finish at your pace yet."
    over = f"the last {PACE_WEEKS} weeks" if o.pace_weeks >= PACE_WEEKS else "since the start"
    pace = f"{o.pace:.1f}".removesuffix(".0")
    when = format_uk(o.pace_finish) if o.pace_finish else "more than ten years from now"
    return f"At your pace so far you finish on {when} ({pace} days a week over {over})."


# -- plan skip / move -------------------------------------------------------------------------


def find_plan(repo: Repository, ref: str) -> Plan:
    """Return the plan ``ref`` names: its id, a unique start of its id (4+ characters), or its title.

    Raises ``NotFoundError`` saying what there is when none, or more than one, matches.
    """
    wanted = ref.strip()
    plans = repo.plans()
    for p in plans:
        if p.id == wanted:
            return p
    matches = [p for p in plans if len(wanted) >= 4 and p.id.startswith(wanted.lower())]
    matches = matches or [p for p in plans if p.title.strip().lower() == wanted.lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(p.id[:8] for p in matches)
        raise NotFoundError(f"'{ref}' could mean any of {len(matches)} plans ({ids}); give more of the id")
    known = ", ".join(f"{p.id[:8]} '{p.title}'" for p in plans) or "none yet (add one with praxis plan add)"
    raise NotFoundError(f"no plan '{ref}'; plans: {known}")


def _occurrence_on(plan: Plan, day: date) -> Occurrence:
    """The occurrence the rules put on ``day`` (or that was moved to it), or a PraxisError."""
    from praxis_socialwork.rules.schedule import occurrences

    found = occurrences(plan, day, day)
    for o in found:
        if o.original == day:
            return o
    for o in found:
        return o  # one moved to this day
    if day.isoformat() in plan.skipped:
        raise PraxisError(f"'{plan.title}' on {format_uk(day)} is skipped already")
    nearby = occurrences(plan, day - timedelta(days=45), day + timedelta(days=45))
    near = sorted(o.original for o in sorted(nearby, key=lambda o: abs((o.original - day).days))[:3])
    hint = "; the nearest are " + ", ".join(format_uk(d) for d in near)
    raise PraxisError(f"'{plan.title}' does not happen on {format_uk(day)}{hint if near else ''}")


def cmd_plan_skip(args: argparse.Namespace) -> int:
    """Mark one occurrence of a plan as not happening."""
    with open_repo(args, write=True, create=False) as repo:
        plan = find_plan(repo, args.plan)
        day = parse_date(args.date, today=today(repo.clock))
        o = _occurrence_on(plan, day)
        key = o.original.isoformat()
        moved = {k: v for k, v in plan.moved.items() if k != key}
        repo.update(replace(plan, skipped=sorted({*plan.skipped, key}), moved=moved))
    print(f"Skipped '{plan.title}' on {_when(o)}{_UK_TIME * bool(plan.time)}.")
    return 0


def cmd_plan_move(args: argparse.Namespace) -> int:
    """Move one occurrence of a plan to another day and/or time."""
    from praxis_socialwork.rules.schedule import occurrences

    with open_repo(args, write=True, create=False) as repo:
        now = today(repo.clock)
        plan = find_plan(repo, args.plan)
        o = _occurrence_on(plan, parse_date(args.date, today=now))
        raw = args.new.strip()
        clock = ""
        if m := _NEW_START.match(raw):
            raw, clock = m.group("day"), _clock_time(m.group("time"))
            if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", clock):
                raise PraxisError(f"'{m.group('time')}' is not a time; write it as HH:MM, e.g. 14:00")
        new_day = parse_date(raw, today=now)
        if not plan.time and clock:
            raise PraxisError(f"'{plan.title}' is an all-day item: give the new date only")
        new = f"{new_day.isoformat()}T{clock or plan.time}" if plan.time else new_day.isoformat()
        key = o.original.isoformat()
        back_home = new in (key, f"{key}T{plan.time}")
        moved = {k: v for k, v in plan.moved.items() if k != key} | ({} if back_home else {key: new})
        saved = repo.update(replace(plan, moved=moved))
    (after,) = [x for x in occurrences(saved, o.original, o.original) if x.original == o.original]
    print(f"Moved '{plan.title}' from {_when(o)} to {_when(after)}{_UK_TIME * bool(plan.time)}.")
    return 0


# -- placement plan ---------------------------------------------------------------------------


def cmd_placement_plan(args: argparse.Namespace) -> int:
    """Print each placement's planned finish, days left and the bank holidays skipped."""
    with open_repo(args, write=False) as repo:
        placements = [repo.find_placement(args.name)] if args.name else repo.placements()
        planned = [(p, _outlook_for(repo, p)) for p in placements]
        country = _country(repo)
    if not planned:
        print("No placements yet (add one with praxis placement add).")
        return 0
    for n, (p, outlook) in enumerate(planned):
        pp = outlook.plan
        if n:
            print()
        start = format_uk(p.start) if p.start else "no start date"
        print(f"{p.name} (from {start}, {','.join(p.weekdays)}; bank holidays of {country}):")
        print(f"  {_finish_line(p, pp)}.")
        if pace := _pace_line(outlook):
            print(f"  {pace}")
        if pp.planned:
            print(f"  Next planned day: {format_uk(pp.planned[0])}.")
        if pp.skipped_holidays:
            print("  Bank holidays skipped:")
            for day, name in pp.skipped_holidays:
                print(f"    {format_uk(day)}  {name}")
        elif pp.finish is not None:
            print("  No bank holidays fall on its working days.")
    return 0
