"""Commands that judge the records: gaps and frameworks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import dump_json, framework_ids, open_repo
from praxis_socialwork.cli.text_table import render
from praxis_socialwork.store import PraxisError, Repository, config_dir, format_uk, parse_date, today

if TYPE_CHECKING:  # the rules load only for the commands that judge
    from praxis_socialwork.rules import Catalogue, Finding, FrameworkFileError
    from praxis_socialwork.rules.framework import Version

_LABELS = {"missed": "MISSED", "gap": "GAP", "at_risk": "AT RISK", "on_track": "on track", "met": "met",
           "info": "info"}  # fmt: skip


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the gaps and frameworks commands to the ``praxis`` parser."""
    files = argparse.ArgumentParser(add_help=False)
    files.add_argument("--framework-file", action="append", default=[], type=Path, metavar="PATH",
                       help="also load this framework file (repeat for more)")  # fmt: skip
    gaps = commands.add_parser(
        "gaps", parents=[common, files], help="what is missing, and by when",
        description="Judge your records against each framework you follow (or --framework) as of today "
        "(or --on): each requirement met, on track, at risk, a gap or missed, with what is still needed "
        "and by when. A missed period stays until you dismiss it with --dismiss KEY.",
    )  # fmt: skip
    gaps.add_argument("--on", metavar="DATE", help="judge as of this date (default today)")
    gaps.add_argument("--framework", action="append", default=[], metavar="ID",
                      help="only this framework (default: those in your profile)")  # fmt: skip
    gaps.add_argument("--json", action="store_true", help="print JSON for other programs")
    gaps.add_argument("--strict", action="store_true", help="exit 1 if anything is missed, a gap or at risk")
    gaps.add_argument("--dismiss", action="append", default=[], metavar="KEY",
                      help="stop showing a missed period once dealt with (its KEY is printed with it; "
                           "'all' for every one shown)")  # fmt: skip
    gaps.add_argument("--undismiss", action="append", default=[], metavar="KEY",
                      help="show a dismissed missed period again ('all' for every one)")  # fmt: skip
    gaps.set_defaults(func=cmd_gaps)
    fw = commands.add_parser(
        "frameworks", parents=[common, files], help="list the frameworks Praxis knows",
        description="List the requirement frameworks Praxis knows, bundled and your own, with each "
        "version's dates, how sure its figures are, and its sources.",
    )  # fmt: skip
    fw.set_defaults(func=cmd_frameworks)


def catalogue(files: Sequence[Path] = (), only: list[str] | None = None) -> Catalogue:
    """Load the bundled frameworks, the user's folder and ``files`` (``only`` these ids, if given).

    A bad file named in ``files`` stops the command; a bad one in the folder is listed and skipped.
    """
    from praxis_socialwork.rules import load_catalogue, load_framework

    for path in files:
        load_framework(path)  # raises FrameworkFileError naming the file and line
    return load_catalogue(list(files), config_dir() / "frameworks", only)


def _warn(problems: list[FrameworkFileError]) -> None:
    for problem in problems:
        print(f"praxis: skipped a framework file: {problem}", file=sys.stderr)


def judge(
    repo: Repository, ids: list[str], on: date, files: Sequence[Path] = ()
) -> tuple[list[Finding], Catalogue]:
    """The gap engine's findings for the frameworks ``ids`` over the store's records on ``on``, and the
    catalogue they came from: the one way every command judges (files in the config folder that
    cannot be read are named on stderr and skipped)."""
    from praxis_socialwork.rules import Records, evaluate_all

    cat = catalogue(files, only=ids)
    _warn(cat.problems)
    return evaluate_all(cat.frameworks, ids, Records.read(repo), repo.profile(), on), cat


def cmd_gaps(args: argparse.Namespace) -> int:
    """Print what each framework needs, what is there, and what is missing; with ``--dismiss``, first
    stop showing the missed periods named."""
    if args.undismiss:
        _undismiss(args)
    if args.dismiss:
        _dismiss(args)
    with open_repo(args, write=False) as repo:
        on = parse_date(args.on, today=today(repo.clock)) if args.on else today(repo.clock)
        profile = repo.profile()
        ids = framework_ids(args.framework) or (profile.frameworks if profile else [])
        if not ids:
            raise PraxisError(
                "no frameworks to check: add one with praxis init --framework ID (see praxis frameworks)"
            )
        findings, cat = judge(repo, ids, on, args.framework_file)
    if args.json:
        print(dump_json({"on": on.isoformat(), "findings": [f.to_json() for f in findings]}))
    else:
        print(_plain(findings, on, cat))
    bad = any(f.status in ("missed", "gap", "at_risk") for f in findings)
    return 1 if args.strict and bad else 0


def _dismiss(args: argparse.Namespace) -> None:
    """Add the missed periods named by ``args.dismiss`` (keys, or "all" shown today) to the profile's
    dismissed ones; a key that names no missed period is refused and nothing is saved."""
    from praxis_socialwork.rules import missed_key

    with open_repo(args, write=True, create=False) as repo:
        profile = repo.profile()
        if profile is None:
            raise PraxisError("no profile yet: run praxis init first")
        on = parse_date(args.on, today=today(repo.clock)) if args.on else today(repo.clock)
        ids = framework_ids(args.framework) or profile.frameworks
        findings, _ = judge(repo, ids, on, args.framework_file)
        missed = [missed_key(f) for f in findings if f.status == "missed"]
        keys = missed if "all" in args.dismiss else args.dismiss
        unknown = [k for k in keys if k not in missed]
        if unknown:
            shown = "; ".join(missed) or "none"
            raise PraxisError(f"no missed period is called {unknown[0]!r} (missed now: {shown})")
        profile.dismissed_missed = profile.with_dismissed(keys)
        repo.save_profile(profile)
    print(f"Dismissed {len(keys)} missed period{'s' if len(keys) != 1 else ''}.")


def _undismiss(args: argparse.Namespace) -> None:
    """Take keys (or "all") out of the profile's dismissed missed periods, so they show again; a key
    that was not dismissed is refused and nothing is saved."""
    with open_repo(args, write=True, create=False) as repo:
        profile = repo.profile()
        if profile is None:
            raise PraxisError("no profile yet: run praxis init first")
        dismissed = profile.dismissed_missed
        keys = dismissed if "all" in args.undismiss else args.undismiss
        unknown = [k for k in keys if k not in dismissed]
        if unknown:
            shown = "; ".join(dismissed) or "none"
            raise PraxisError(f"no dismissed period is called {unknown[0]!r} (dismissed: {shown})")
        profile.dismissed_missed = [k for k in dismissed if k not in keys]
        repo.save_profile(profile)
    print(f"Showing {len(keys)} dismissed period{'s' if len(keys) != 1 else ''} again.")


def _plain(findings: list[Finding], on: date, cat: Catalogue) -> str:
    from praxis_socialwork.rules import missed_key

    lines = [f"As of {format_uk(on)}:"]
    heading = None
    for f in findings:
        fw = cat.frameworks.get(f.framework)
        name = fw.name if fw else f.framework
        period = ""
        if f.period_start and f.period_end:
            period = f" · {format_uk(f.period_start)} – {format_uk(f.period_end)}"
        place = f" · {f.placement}" if f.placement else ""
        head = f"{name}{f' ({f.version} rules)' if f.version else ''}{place}{period}"
        if head != heading:
            lines += ["", head]
            heading = head
        lines.append(f"  {_LABELS[f.status]:<8}  {f.title}: {f.message}")
        if f.status == "missed":
            lines.append(f"            dismiss with: praxis gaps --dismiss {missed_key(f)}")
    counts = {s: sum(1 for f in findings if f.status == s) for s in _LABELS}
    summary = ", ".join(f"{n} {_LABELS[s].lower()}" for s, n in counts.items() if n)
    return "\n".join(lines + ["", f"{summary}."])


def _version_line(v: Version) -> str:
    """One version: its dates, how sure the figures are, and its own source where it names one."""
    from praxis_socialwork.rules.framework import PLACEHOLDER_START

    if v.starts == PLACEHOLDER_START:
        start = "start not stated by the sources"
        dates = f"{start}, until {format_uk(v.ends)}" if v.ends else f"in force ({start})"
    else:
        dates = f"{format_uk(v.starts)} – {format_uk(v.ends)}" if v.ends else f"from {format_uk(v.starts)}"
    source = f" · source: {v.source}" if v.source else " · source: the framework's sources above"
    return f"version {v.id}: {dates} ({v.confidence}){source}"


def cmd_frameworks(args: argparse.Namespace) -> int:
    """List the frameworks, their versions and sources."""
    from praxis_socialwork.rules.framework import PLACEHOLDER_START

    cat = catalogue(args.framework_file)
    rows = []
    for fw in sorted(cat.frameworks.values(), key=lambda f: f.id):
        versions = "; ".join(
            f"{v.id}: {'…' if v.starts == PLACEHOLDER_START else v.starts}–{v.ends or 'now'} ({v.confidence})"
            for v in fw.versions
        )
        rows.append(
            [fw.id, fw.name, ",".join(fw.audience), versions, "bundled" if fw.bundled else str(fw.path)]
        )
    print(render(["id", "name", "for", "versions (confidence)", "from"], rows, widest=60))
    print("\nConfidence: H the regulator's own page; M a reputable secondary source; U unconfirmed.")
    for fw in sorted(cat.frameworks.values(), key=lambda f: f.id):
        print(f"\n{fw.id}: {fw.name}")
        if fw.sources:
            print(f"  sources: {' '.join(fw.sources)}")
        for v in sorted(fw.versions, key=lambda v: v.starts):
            print(f"  {_version_line(v)}")
    _warn(cat.problems)
    return 0
