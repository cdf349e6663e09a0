"""Commands that move records in and out, and look after the store: import, export, doctor, restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import PraxisError, resolve_store_path, restore_backup
from store.backups import Backups
from tui.cli_common import make_clock, open_repo
from tui.text_table import render

if TYPE_CHECKING:
    from store import Repository
    from store.trust import Trust


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the import, export, doctor and restore commands to the ``praxis`` parser."""
    imp = commands.add_parser(
        "import", parents=[common], help="import a CSV, .ics or .praxis.json bundle file (all or none)"
    )
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)

    exp = commands.add_parser("export", parents=[common], help="export records")
    fmt = exp.add_subparsers(dest="format", metavar="FORMAT", required=True)
    exp.formats = fmt  # type: ignore[attr-defined]  # other modules add formats beside csv (cli_calendar)
    csv = fmt.add_parser("csv", parents=[common], help="activities, placements and days as CSV files")
    csv.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER")
    csv.set_defaults(func=cmd_export_csv)

    doctor = commands.add_parser("doctor", parents=[common], help="check the store and list its backups")
    doctor.add_argument(
        "--salvage", action="store_true",
        help="rebuild a damaged store from its file and every journal line still readable "
        "(the damaged files are kept beside it)",
    )  # fmt: skip
    doctor.set_defaults(func=cmd_doctor)

    restore = commands.add_parser("restore", parents=[common], help="bring back a backup")
    restore.add_argument("backup", help="a backup's path or file name (see praxis doctor), or 'latest'")
    restore.set_defaults(func=cmd_restore)


def cmd_import(args: argparse.Namespace) -> int:
    """Import one CSV file, an iCalendar file's events as plans, or a bundle (chosen by the file's name)."""
    from exports.importing import import_file
    from store.trust import new_keys

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
    from rules.review import ReviewBook

    every = [*repo.days(), *repo.activities(), *repo.reflections(), *repo.placements()]
    book = ReviewBook(every, repo.signoffs(), [], trust)
    return [
        f"{r.record.KIND} {getattr(r.record, 'date', None) or r.record.id[:8]}" for r in book.downgraded()
    ]


def cmd_export_csv(args: argparse.Namespace) -> int:
    """Write the CSV files."""
    from exports import export_csv
    from tui.cli_portfolio import warn_privacy

    with open_repo(args, write=False) as repo:
        written = export_csv(repo, args.output)
        profile = repo.profile()
        warn_privacy([*repo.activities(), *repo.placements(), *repo.days()],
                     profile.privacy_reviewed if profile else None)  # fmt: skip
    for path in written:
        print(f"Wrote {path}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check the store without changing it."""
    from store.doctor import examine, salvage

    if args.salvage:
        print("\n".join(salvage(resolve_store_path(getattr(args, "store", None)), make_clock())))
        return 0
    checkup = examine(resolve_store_path(getattr(args, "store", None)), make_clock())
    marks = {"ok": "ok  ", "warning": "warn", "error": "FAIL"}
    for finding in checkup.findings:
        print(f"{marks[finding.level]}  {finding.message}")
    if checkup.backups:
        print()
        rows = [
            [b.taken.strftime("%Y-%m-%d %H:%M UTC"), b.reason, f"{b.size / 1024:.0f} KiB", b.path.name]
            for b in checkup.backups
        ]
        print(render(["taken", "why", "size", "file (praxis restore FILE)"], rows, widest=80))
    return 0 if checkup.healthy else 1


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
