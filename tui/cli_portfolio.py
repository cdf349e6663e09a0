"""Commands that take a portfolio out: ``export report``, ``export bundle`` and ``show ID --as swe``.

``praxis import FILE.praxis.json`` (in ``cli_store``) brings a bundle back.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import NotFoundError, PraxisError, parse_date, today
from tui.cli_common import framework_ids, open_repo

if TYPE_CHECKING:
    from store import Record, Repository


def register(commands: Any, common: argparse.ArgumentParser, formats: Any) -> None:
    """Add ``export report``, ``export bundle`` and ``show`` to the ``praxis`` parser."""
    report = formats.add_parser(
        "report", parents=[common], help="a portfolio report: Markdown, HTML or PDF (by the file's extension)"
    )
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE.md|FILE.html|FILE.pdf",
        help="default: exports/portfolio-NAME-DATE.pdf beside the store",
    )  # fmt: skip
    report.add_argument(
        "--framework", action="append", default=[], metavar="ID",
        help="judge only this framework (default: those in your profile; repeat for more)",
    )  # fmt: skip
    report.add_argument("--from", dest="start", metavar="DATE", help="leave out records dated before this")
    report.add_argument("--to", dest="end", metavar="DATE", help="leave out records dated after this")
    report.add_argument("--person", metavar="NAME", help="the name on the cover (default: your profile's)")
    report.add_argument("--framework-file", action="append", default=[], type=Path, metavar="PATH",
                        help="also load this framework file (repeat for more)")  # fmt: skip
    report.set_defaults(func=cmd_export_report)

    bundle = formats.add_parser(
        "bundle", parents=[common], help="every record and your profile in one file, to move or keep"
    )
    bundle.add_argument(
        "-o", "--output", type=Path, metavar="FILE.praxis.json",
        help="default: exports/praxis-NAME-DATE.praxis.json beside the store",
    )  # fmt: skip
    bundle.set_defaults(func=cmd_export_bundle)

    show = commands.add_parser(
        "show", parents=[common], help="print one record, e.g. as the regulator's form asks"
    )
    show.add_argument(
        "id", metavar="ID", help="the record's id, or its first characters (praxis list shows them)"
    )
    show.add_argument("--as", dest="form", metavar="FORM",
                      help="swe, scw, niscc, plain or json (default: your regulator's form)")  # fmt: skip
    show.set_defaults(func=cmd_show)


def cmd_export_report(args: argparse.Namespace) -> int:
    """Write a portfolio report in the format the output file's extension names."""
    from exports.portfolio import ReportOptions, build_portfolio
    from exports.report import report_format, write_report
    from tui.cli_rules import catalogue, load_records
    from tui.file_names import export_file

    if args.output is not None:
        report_format(args.output)  # a wrong extension is said before any work is done
    with open_repo(args, write=False) as repo:
        now = today(repo.clock)
        start = parse_date(args.start, today=now) if args.start else None
        end = parse_date(args.end, today=now) if args.end else None
        if start and end and end < start:
            raise PraxisError(f"--to ({end}) is before --from ({start})")
        profile = repo.profile()
        if args.output is None:
            name = args.person or (profile.name if profile else "")
            args.output = export_file(repo.path, "portfolio", name, now, ".pdf")
        ids = framework_ids(args.framework)
        cat = catalogue(args.framework_file, only=ids or (profile.frameworks if profile else None))
        options = ReportOptions(tuple(ids), start, end, args.person or "")
        records = load_records(repo)
        portfolio = build_portfolio(
            profile,
            records.activities,
            records.placements,
            records.days,
            records.reflections,
            cat,
            now,
            options,
            signoffs=records.signoffs,
            comments=records.comments,
            trust=records.trust,
        )
    warn_privacy(portfolio.records(), profile.privacy_reviewed if profile else None)
    result = write_report(portfolio, args.output, _progress_printer())
    print(result.summary())
    return 0


def warn_privacy(records: list[Record], reviewed: list[str] | None = None) -> None:
    """Print, on stderr, a line about possible identifiers in what is leaving (never stops the export)."""
    from exports.privacy import scan_records, summary_line

    line = summary_line(scan_records(records, reviewed or []))
    if line:
        print(f"praxis: warning: {line}", file=sys.stderr)


def _progress_printer():
    """Show how far a long export has got, on a terminal only (a pipe or a log gets no noise)."""
    if not sys.stderr.isatty():
        return None
    shown = {"last": -1}

    def progress(done: int, total: int, what: str) -> None:
        percent = 100 * done // max(total, 1)
        if percent != shown["last"]:
            shown["last"] = percent
            print(f"\rWriting the report: {percent:3d}% {what[:40]:<40}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print("\r" + " " * 70 + "\r", end="", file=sys.stderr, flush=True)

    return progress


def cmd_export_bundle(args: argparse.Namespace) -> int:
    """Write every record and the profile to one bundle file."""
    from exports.bundle import SUFFIX, bundle_path, export_bundle
    from tui.file_names import export_file

    with open_repo(args, write=False) as repo:
        profile = repo.profile()
        if args.output is None:
            name = profile.name if profile else ""
            path = export_file(repo.path, "praxis", name, today(repo.clock), SUFFIX)
        else:
            path = bundle_path(args.output)
        result = export_bundle(repo, path)
        warn_privacy(repo.every_record(), profile.privacy_reviewed if profile else None)
    print(result.summary())
    return 0


def find_record(repo: Repository, ref: str) -> Record:
    """The record whose id is ``ref`` or starts with it (4 characters at least); say so if none or many."""
    wanted = ref.strip().lower()
    if len(wanted) < 4:
        raise PraxisError("give at least the first 4 characters of the id (praxis list shows them)")
    found = [r for r in repo.every_record() if r.id.lower() == wanted]
    if not found:
        found = [r for r in repo.every_record() if r.id.lower().startswith(wanted)]
    if not found:
        raise NotFoundError(f"no record has an id starting '{ref}' (praxis list activities shows ids)")
    if len(found) > 1:
        many = ", ".join(f"{r.KIND} {r.id[:12]}" for r in found[:5])
        raise PraxisError(f"'{ref}' could be {many}; give more of the id")
    return found[0]


def cmd_show(args: argparse.Namespace) -> int:
    """Print one record: a CPD piece in a regulator's field order, or any record's fields."""
    from exports.cpd_form import as_text, form_for, form_named
    from store import Activity

    with open_repo(args, write=False) as repo:
        record = find_record(repo, args.id)
        profile = repo.profile()
    if args.form == "json":
        print(json.dumps(record.to_doc(), indent=2, ensure_ascii=False))
        return 0
    if not isinstance(record, Activity):
        if args.form and args.form != "plain":
            raise PraxisError(f"--as {args.form} lays out a CPD activity; {args.id} is a {record.KIND}")
        for key, value in record.content().items():
            if value not in ("", [], {}, None):
                print(f"{key}: {value}")
        return 0
    form = form_named(args.form) if args.form else form_for(profile.frameworks if profile else [])
    sys.stdout.write(as_text(record, form))
    return 0
