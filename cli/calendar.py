"""Calendar commands: ``praxis export ics`` writes placements, sessions and deadlines as iCalendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import STDOUT_NAME, is_stdout, open_repo, write_stdout
from praxis_socialwork.store import PraxisError, format_typed, parse_date, today

if TYPE_CHECKING:
    from praxis_socialwork.rules import Finding
    from praxis_socialwork.store import Repository


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``ics`` beside ``csv`` under the ``export`` command (registered by ``cli_store``)."""
    formats = commands.choices["export"].formats
    ics = formats.add_parser(
        "ics",
        parents=[common],
        help="placements, sessions, deadlines, planned and logged days as an iCalendar (.ics) file",
        description="Write an .ics file for Google, Outlook or Apple Calendar. Each event keeps its "
        "record's id, so exporting again to the same file updates a subscribed calendar. Only titles "
        "and places are written unless --details is given. -o - writes it to standard output.",
    )
    ics.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                     help="the .ics file to write (replaced whole), or - for standard output")  # fmt: skip
    ics.add_argument("--include", action="append", metavar="WORDS",
                     help="only these, comma-separated: placement, sessions, deadlines, planned, logged "
                          "(default: all)")  # fmt: skip
    ics.add_argument("--from", dest="date_from", metavar="DATE", help="leave out what ends before this day")
    ics.add_argument("--to", dest="date_to", metavar="DATE", help="leave out what starts after this day")
    ics.add_argument("--details", action="store_true",
                     help="also write notes, descriptions and reflections (off by default)")  # fmt: skip
    ics.set_defaults(func=cmd_export_ics)


def cmd_export_ics(args: argparse.Namespace) -> int:
    """Write the calendar file; nothing is written when an option is wrong."""
    from praxis_socialwork.exports.ical import CalendarData, IcsExport, build_ics, export_ics, parse_include

    include = parse_include(args.include)
    with open_repo(args, write=False) as repo:
        now = today(repo.clock)
        start = _day(args.date_from, "--from", now)
        end = _day(args.date_to, "--to", now)
        if start is not None and end is not None and end < start:
            raise PraxisError(f"--to ({format_typed(end)}) is before --from ({format_typed(start)})")
        findings = _findings(repo) if "deadlines" in include else []
        to_stdout = is_stdout(args.output)
        if to_stdout:
            built = build_ics(CalendarData.from_repository(repo, findings), now=repo.clock.now(),
                              include=include, start=start, end=end, details=args.details)  # fmt: skip
            result = IcsExport(built.data, built.counts, Path(STDOUT_NAME), args.details)
        else:
            result = export_ics(repo, args.output, findings=findings, include=include, start=start, end=end,
                                details=args.details)  # fmt: skip
        if args.details:  # notes and reflections leave the machine: say what the check finds in them
            from praxis_socialwork.cli.portfolio import warn_privacy

            profile = repo.profile()
            warn_privacy(repo.every_record(), profile.privacy_reviewed if profile else None, repo.path)
    if to_stdout:
        write_stdout(result.data)
    print(result.summary(), file=sys.stderr if to_stdout else sys.stdout)
    return 0


def _day(text: str | None, option: str, now: Any) -> Any:
    if not text:
        return None
    try:
        return parse_date(text, today=now)
    except PraxisError as exc:
        raise PraxisError(f"{option}: {exc}") from None


def _findings(repo: Repository) -> list[Finding]:
    """The gap engine's findings for the profile's frameworks, as ``praxis gaps`` works them out."""
    from praxis_socialwork.cli.rules import judge

    profile = repo.profile()
    ids = profile.frameworks if profile else []
    if not ids:
        return []
    return judge(repo, ids, today(repo.clock))[0]
