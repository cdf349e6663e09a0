"""Commands that take a portfolio out: ``export report``, ``export bundle`` and ``show ID --as swe``.

``praxis import FILE.praxis.json`` (in ``cli_store``) brings a bundle back.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import (
    STDOUT_NAME,
    dump_json,
    framework_ids,
    is_stdout,
    open_repo,
    refuse_terminal,
    write_stdout,
)
from praxis_socialwork.store import NotFoundError, PraxisError, parse_date, today

if TYPE_CHECKING:
    from praxis_socialwork.store import Record, Repository

# ``export report --format`` choices, the format each names, and its file extension.
REPORT_FORMATS = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}
REPORT_SUFFIXES = {"Markdown": ".md", "HTML": ".html", "PDF": ".pdf"}


def register(commands: Any, common: argparse.ArgumentParser, formats: Any) -> None:
    """Add ``export report``, ``export bundle`` and ``show`` to the ``praxis`` parser."""
    report = formats.add_parser(
        "report", parents=[common],
        help="a portfolio report: Markdown, HTML or PDF (by the file's extension)",
        description="Write your portfolio: a cover, where you stand against each framework, every CPD "
        "piece in your regulator's field order, each placement's register with its sign-offs, your "
        "reflections and a coverage matrix. The format follows the file's extension (.md, .html or "
        ".pdf) or --format; with no -o a PDF goes to the exports folder beside the store. -o - writes "
        "it to standard output (Markdown unless --format says otherwise; a PDF only into a pipe or a "
        "file, never onto the terminal).",
    )  # fmt: skip
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE.md|FILE.html|FILE.pdf",
        help="the file to write, or - for standard output (default: exports/portfolio-NAME-DATE.pdf "
        "beside the store)",
    )  # fmt: skip
    report.add_argument(
        "--format", choices=tuple(REPORT_FORMATS), metavar="md|html|pdf",
        help="the report's format (default: the file's extension; Markdown for -o -)",
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
        "bundle", parents=[common], help="every record and your profile in one file, to move or keep",
        description="Write every record, with its id, times and edit number, and your profile to one "
        "file that praxis import brings back: into an empty store exactly, into another merged record "
        "by record. With no -o it goes to the exports folder beside the store; -o - writes it to "
        "standard output.",
    )  # fmt: skip
    bundle.add_argument(
        "-o", "--output", type=Path, metavar="FILE.praxis.json",
        help="the file to write (.praxis.json is added to a name without an extension), or - for "
        "standard output (default: exports/praxis-NAME-DATE.praxis.json beside the store)",
    )  # fmt: skip
    bundle.set_defaults(func=cmd_export_bundle)

    show = commands.add_parser(
        "show", parents=[common], help="print one record, e.g. as the regulator's form asks",
        description="Print one record. A CPD activity is laid out field by field in your regulator's "
        "order (Social Work England, Social Care Wales or NISCC), ready to paste into its form, with "
        "empty fields named; any other record prints its fields. --as json prints the record as "
        "stored.",
    )  # fmt: skip
    show.add_argument(
        "id", metavar="ID", help="the record's id, or its first characters (praxis list shows them)"
    )
    show.add_argument("--as", dest="form", metavar="FORM",
                      help="swe, scw, niscc, plain or json (default: your regulator's form)")  # fmt: skip
    show.set_defaults(func=cmd_show)


def cmd_export_report(args: argparse.Namespace) -> int:
    """Write a portfolio report in the format ``--format`` or the output file's extension names;
    with ``-o -``, to standard output (Markdown unless ``--format`` says otherwise)."""
    from praxis_socialwork.cli.rules import catalogue
    from praxis_socialwork.exports.portfolio import ReportOptions, build_portfolio
    from praxis_socialwork.exports.report import ReportResult, render_report, write_report
    from praxis_socialwork.rules import Records
    from praxis_socialwork.services.file_names import export_file

    to_stdout = is_stdout(args.output)
    fmt = _report_format(args.output, args.format, to_stdout)  # said before any work is done
    with open_repo(args, write=False) as repo:
        now = today(repo.clock)
        start = parse_date(args.start, today=now) if args.start else None
        end = parse_date(args.end, today=now) if args.end else None
        if start and end and end < start:
            raise PraxisError(f"--to ({end}) is before --from ({start})")
        profile = repo.profile()
        if args.output is None:
            name = args.person or (profile.name if profile else "")
            args.output = export_file(repo.path, "portfolio", name, now, REPORT_SUFFIXES[fmt])
        ids = framework_ids(args.framework)
        cat = catalogue(args.framework_file, only=ids or (profile.frameworks if profile else None))
        options = ReportOptions(tuple(ids), start, end, args.person or "")
        portfolio = build_portfolio(profile, Records.read(repo), cat, now, options)
    warn_privacy(portfolio.records(), profile.privacy_reviewed if profile else None, repo.path)
    if not to_stdout:
        print(write_report(portfolio, args.output, _progress_printer()).summary())
        return 0
    if fmt == "PDF":
        refuse_terminal("PDF")  # before the work of laying it out
    data = render_report(portfolio, fmt, _progress_printer())
    write_stdout(data, binary="PDF" if fmt == "PDF" else "")
    done = ReportResult(
        path=Path(STDOUT_NAME),
        format=fmt,
        size=len(data),
        pieces=len(portfolio.cpd),
        days=sum(len(r.rows) for r in portfolio.registers),
        reflections=sum(len(g.entries) for g in portfolio.reflections),
    )
    print(done.summary(), file=sys.stderr)
    return 0


def _report_format(output: Path | None, chosen: str | None, to_stdout: bool) -> str:
    """The report's format: ``--format``, else the file's extension; for standard output Markdown,
    and with no ``-o`` a PDF. A ``--format`` the file's extension contradicts is refused."""
    from praxis_socialwork.exports.report import report_format

    named = REPORT_FORMATS[chosen] if chosen else None
    if output is None or to_stdout:
        return named or ("Markdown" if to_stdout else "PDF")
    by_name = report_format(output)
    if named and named != by_name:
        raise PraxisError(
            f"--format {chosen} asks for {named}, but {output.name} is named as {by_name}; "
            f"end the name in {REPORT_SUFFIXES[named]}, or leave out --format"
        )
    return by_name


def warn_privacy(records: list[Record], reviewed: list[str] | None, store: Path) -> None:
    """Print, on stderr, a line about possible identifiers in what is leaving (never stops the export).
    What the check finds is kept beside ``store``, so texts unchanged since the last export are not
    read again."""
    from praxis_socialwork.exports.privacy import scan_records, summary_line

    line = summary_line(scan_records(records, reviewed or [], store=store))
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
    """Write every record and the profile to one bundle file (with ``-o -``, to standard output)."""
    from praxis_socialwork.exports.bundle import (
        KINDS,
        SUFFIX,
        BundleExport,
        bundle_document,
        bundle_path,
        encode,
        export_bundle,
    )
    from praxis_socialwork.services.file_names import export_file
    from praxis_socialwork.store.record_lists import BuiltOnce

    to_stdout = is_stdout(args.output)
    with open_repo(args, write=False) as repo:
        profile = repo.profile()
        records = BuiltOnce(repo)  # the bundle and the confidentiality check read the same records
        if to_stdout:
            doc = bundle_document(repo, records)
            data = encode(doc)
            result = BundleExport(Path(STDOUT_NAME), {k.KIND: len(doc[k.TABLE]) for k in KINDS})
        else:
            if args.output is None:
                name = profile.name if profile else ""
                path = export_file(repo.path, "praxis", name, today(repo.clock), SUFFIX)
            else:
                path = bundle_path(args.output)
            result = export_bundle(repo, path, records)
        warn_privacy(records.every_record(), profile.privacy_reviewed if profile else None, repo.path)
    if to_stdout:
        write_stdout(data)
    print(result.summary(), file=sys.stderr if to_stdout else sys.stdout)
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
    from praxis_socialwork.exports.cpd_form import as_text, form_for, form_named
    from praxis_socialwork.store import Activity

    with open_repo(args, write=False) as repo:
        record = find_record(repo, args.id)
        profile = repo.profile()
    if args.form == "json":
        print(dump_json(record.to_doc()))
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
