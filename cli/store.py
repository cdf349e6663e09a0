"""Commands that move records in and out, and look after the store: import, export, doctor, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import (
    STDOUT_NAME,
    is_stdout,
    make_clock,
    no_store_message,
    open_repo,
    store_exists,
    write_stdout,
)
from praxis_socialwork.cli.text_table import render
from praxis_socialwork.store import LONDON, PraxisError, resolve_store_path, restore_backup
from praxis_socialwork.store.backups import Backups

if TYPE_CHECKING:
    from praxis_socialwork.store import Backup, Repository
    from praxis_socialwork.store.trust import Trust

# ``export csv --only`` names a table; each is the file a whole export writes by that name.
CSV_TABLES = {"activities": "activities.csv", "placements": "placements.csv", "days": "placement_days.csv"}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the import, export, doctor and restore commands to the ``praxis`` parser."""
    imp = commands.add_parser(
        "import", parents=[common], help="import a CSV, .ics or .praxis.json bundle file (all or none)",
        description="Bring records in from a file, known by its name: a CSV file (activities, "
        "placements or placement days, as Praxis or a spreadsheet wrote it), an .ics calendar (its "
        "events become plans) or a .praxis.json bundle (into a new store exactly; into yours merged "
        "record by record). All of it is imported or none, and every problem is listed with its line.",
    )  # fmt: skip
    imp.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    imp.set_defaults(func=cmd_import)

    exp = commands.add_parser(
        "export", parents=[common], help="export records",
        description="Write your records to a file: CSV tables, an iCalendar file, a portfolio report, "
        "or a bundle of everything. -o - writes to standard output instead, and the messages go to "
        "standard error, so a pipe gets only the export.",
    )  # fmt: skip
    fmt = exp.add_subparsers(dest="format", metavar="FORMAT", required=True)
    exp.formats = fmt  # type: ignore[attr-defined]  # other modules add formats beside csv (cli_calendar)
    csv = fmt.add_parser(
        "csv", parents=[common], help="activities, placements and days as CSV files",
        description="Write activities.csv, placements.csv and placement_days.csv into a folder, in the "
        "columns praxis import reads back (an id column included, so importing an edited file updates "
        "the same records). With -o - one table goes to standard output: choose it with --only.",
    )  # fmt: skip
    csv.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FOLDER",
        help="the folder to write into (made if missing), or - for standard output",
    )  # fmt: skip
    csv.add_argument(
        "--only", choices=CSV_TABLES, metavar="TABLE",
        help=f"write one table only: {', '.join(CSV_TABLES)} (needed with -o -)",
    )  # fmt: skip
    csv.set_defaults(func=cmd_export_csv)

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check the store and list its backups",
        description="Check the store without changing it: that it reads, that only you can read it, its "
        "schema version and its records; then list its backups, newest first. Exit status 1 when "
        "something is wrong or there is no store. --salvage rebuilds a damaged store.",
    )  # fmt: skip
    doctor.add_argument(
        "--salvage", action="store_true",
        help="rebuild a damaged store from its file and every journal line still readable "
        "(the damaged files are kept beside it)",
    )  # fmt: skip
    doctor.set_defaults(func=cmd_doctor)

    restore = commands.add_parser(
        "restore", parents=[common], help="bring back a backup",
        description="Replace the store with one of its backups (praxis doctor lists them). The store as "
        "it was is kept as a backup first, or, if it is damaged, set aside beside it.",
    )  # fmt: skip
    restore.add_argument(
        "backup", metavar="BACKUP", help="a backup's path or file name (see praxis doctor), or 'latest'"
    )
    restore.set_defaults(func=cmd_restore)


def cmd_import(args: argparse.Namespace) -> int:
    """Import one CSV file, an iCalendar file's events as plans, or a bundle (chosen by the file's name)."""
    from praxis_socialwork.exports.importing import import_file
    from praxis_socialwork.store.trust import new_keys

    with open_repo(args, write=True) as repo:
        lines = import_file(repo, args.file)
        trust = repo.trust()
        waiting = new_keys(repo.signoffs(), trust)
        lowered = downgraded(repo, trust) if trust.once_signed else []
    print("\n".join(lines))
    for key in waiting:
        print(key.advice())
    if lowered:
        named = ", ".join(lowered[:5]) + ("…" if len(lowered) > 5 else "")
        print(
            f"WARNING: {len(lowered)} record(s) once signed with a key now carry only a sign-off without "
            f"one, or none ({named}): they are not verified."
        )
    return 0


def downgraded(repo: Repository, trust: Trust) -> list[str]:
    """The records (described briefly) once signed with a key that have no key signature left."""
    from praxis_socialwork.rules.review import ReviewBook

    book = ReviewBook(repo.reviewable(), repo.signoffs(), [], trust)
    return [
        f"{r.record.KIND} {getattr(r.record, 'date', None) or r.record.id[:8]}" for r in book.downgraded()
    ]


def cmd_export_csv(args: argparse.Namespace) -> int:
    """Write the CSV files (or the one ``--only`` names); with ``-o -``, that one to standard output."""
    import tempfile

    from praxis_socialwork.cli.portfolio import warn_privacy
    from praxis_socialwork.exports import export_csv
    from praxis_socialwork.store.files import atomic_write, ensure_private_dir

    to_stdout = is_stdout(args.output)
    if to_stdout and not args.only:
        raise PraxisError(
            f"standard output takes one table: add --only {'|'.join(CSV_TABLES)} (or give a folder with -o)"
        )
    with open_repo(args, write=False) as repo:
        if args.only:
            # Written by the one CSV writer, in a private folder of its own, so the table is the
            # same to the byte as the file a whole export holds; then only that one is kept.
            name = CSV_TABLES[args.only]
            with tempfile.TemporaryDirectory(prefix="praxis-csv-") as scratch:
                export_csv(repo, Path(scratch))
                data = (Path(scratch) / name).read_bytes()
            written = []
            if not to_stdout:
                ensure_private_dir(args.output)
                atomic_write(args.output / name, data)
                written.append(args.output / name)
        else:
            written = export_csv(repo, args.output)
        profile = repo.profile()
        warn_privacy([*repo.activities(), *repo.placements(), *repo.days()],
                     profile.privacy_reviewed if profile else None, repo.path)  # fmt: skip
    if to_stdout:
        write_stdout(data)
        print(f"Wrote {args.only} as CSV to {STDOUT_NAME}.", file=sys.stderr)
    for path in written:
        print(f"Wrote {path}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check the store without changing it; exit 1 when it is damaged or not there."""
    from praxis_socialwork.store.doctor import examine, salvage

    path = resolve_store_path(getattr(args, "store", None))
    if not store_exists(path):
        # Nothing to check or salvage; but a deleted store's backups can still bring it back.
        listed = Backups(path).list()
        if listed:
            print(backups_table(listed))
            raise PraxisError(
                f"{no_store_message(args, path)}; or bring back its latest backup: praxis restore latest"
            )
        raise PraxisError(no_store_message(args, path))
    if args.salvage:
        print("\n".join(salvage(path, make_clock())))
        return 0
    checkup = examine(path, make_clock())
    marks = {"ok": "ok  ", "warning": "warn", "error": "FAIL"}
    for finding in checkup.findings:
        print(f"{marks[finding.level]}  {finding.message}")
    if checkup.backups:
        print()
        print(backups_table(checkup.backups))
    return 0 if checkup.healthy else 1


def backups_table(backups: list[Backup]) -> str:
    """The backups as ``praxis doctor`` lists them, each taken at its UK time."""
    rows = [
        [b.taken.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"), b.reason, f"{b.size / 1024:.0f} KiB",
         b.path.name]
        for b in backups
    ]  # fmt: skip
    return render(["taken (UK time)", "why", "size", "file (praxis restore FILE)"], rows, widest=80)


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the store with a backup, keeping the current state as a backup first."""
    path = resolve_store_path(getattr(args, "store", None))
    backups = Backups(path)
    if args.backup == "latest":
        chosen = backups.latest_good()
        if chosen is None:
            raise PraxisError(f"no readable backup beside {path}")
    else:
        chosen = Path(args.backup).expanduser()
        if not chosen.exists() and (backups.folder / args.backup).exists():
            chosen = backups.folder / args.backup
    moved = restore_backup(path, chosen, make_clock())
    print(f"Restored {path} from {chosen}.")
    if moved is not None:
        print(f"The damaged store was kept as {moved}.")
    else:
        print("The store as it was is kept as a backup (praxis doctor lists them).")
    return 0
