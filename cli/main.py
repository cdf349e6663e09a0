"""The ``praxis`` command. With no command it opens the app; each command is in its own module.

Report, list, import and export commands never import Textual, so they start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from praxis_socialwork.cli.common import make_clock, tolerate_narrow_consoles
from praxis_socialwork.store import PraxisError, __version__, resolve_store_path


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every ``praxis`` command."""
    from praxis_socialwork.cli import (
        calendar as cli_calendar,
    )
    from praxis_socialwork.cli import (
        completion as cli_completion,
    )
    from praxis_socialwork.cli import (
        manpage as cli_manpage,
    )
    from praxis_socialwork.cli import (
        plans as cli_plans,
    )
    from praxis_socialwork.cli import (
        portfolio as cli_portfolio,
    )
    from praxis_socialwork.cli import (
        privacy as cli_privacy,
    )
    from praxis_socialwork.cli import (
        records as cli_records,
    )
    from praxis_socialwork.cli import (
        reflections as cli_reflections,
    )
    from praxis_socialwork.cli import (
        review as cli_review,
    )
    from praxis_socialwork.cli import (
        rules as cli_rules,
    )
    from praxis_socialwork.cli import (
        store as cli_store,
    )

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store", metavar="PATH", default=argparse.SUPPRESS,
        help="the store file or folder (default: $PRAXIS_STORE, else your user data folder)",
    )  # fmt: skip
    parser = argparse.ArgumentParser(
        prog="praxis",
        description="Log CPD, placement days and reflections; see where you stand. "
        "With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"praxis {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_records.register(commands, common)
    cli_reflections.register(commands.choices["add"].records, common)
    cli_store.register(commands, common)
    cli_calendar.register(commands, common)
    cli_rules.register(commands, common)
    cli_plans.register(commands, common)
    cli_privacy.register(commands, common)
    cli_portfolio.register(commands, common, commands.choices["export"].formats)
    cli_review.register(commands, common)
    cli_completion.register(commands, common)
    cli_manpage.register(commands, common)
    app = commands.add_parser(
        "app", parents=[common], help="open the full-screen app (the default)",
        description="Open the full-screen app on the store: the dashboard, your records, placements, "
        "reflections and review. Plain praxis does the same; on a first run it sets you up.",
    )  # fmt: skip
    app.set_defaults(func=run_app)
    return parser


def run_app(args: argparse.Namespace) -> int:
    """Open the full-screen app on the store (refused, with a sentence, without a terminal)."""
    from praxis_socialwork.tui.app_runner import require_terminal, run_full_screen

    require_terminal()
    from praxis_socialwork.tui.app import make_app_for  # Textual is imported only here

    return run_full_screen(make_app_for(resolve_store_path(getattr(args, "store", None)), make_clock()))


def main(argv: Sequence[str] | None = None, *, exit_fast: bool = False) -> int:
    """Run the command line; return the exit status. Errors print a message, never a traceback.

    With ``exit_fast`` (the installed ``praxis`` command), a command that only reads ends the
    process as soon as its output is written.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    tolerate_narrow_consoles()  # before anything is printed, --help and argparse's errors included
    if any("\x00" in a for a in argv):  # no file name or text can hold one; the system refuses it
        print("praxis: an argument holds a NUL character (\\x00), which no file name or text can "
              "hold; nothing was changed", file=sys.stderr)  # fmt: skip
        return 1
    if argv:
        args = build_parser().parse_args(argv)
    else:  # plain ``praxis``: open the app without building every command's parser first
        args = argparse.Namespace()
    func = getattr(args, "func", run_app)
    if func is not run_app:
        # A command lives for well under a second and makes no reference cycles worth collecting;
        # left on, the collector walks the whole loaded store again and again (a third of the time
        # of a 10,000-record report). The app, which runs for hours, keeps it on.
        gc.disable()
    streams = sys.stdout, sys.stderr
    if func is not run_app:
        # Records are stripped of terminal controls as they are saved; older ones, and file names,
        # may still hold some: whatever a command prints is shown, never obeyed, by the terminal.
        sys.stdout, sys.stderr = VisibleText(sys.stdout), VisibleText(sys.stderr)
    try:
        code = func(args)
        if exit_fast and func.__name__ in READ_ONLY_COMMANDS:
            # Nothing is left to save and the store is closed: skip freeing what was loaded object
            # by object as the interpreter shuts down (a tenth of a 10,000-record report's time).
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    except PraxisError as exc:
        print(f"praxis: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("praxis: interrupted; every change that was confirmed is saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the machine said no: a full or read-only disk, a permission, a bad path
        print(f"praxis: {os_problem(exc)}; nothing was changed", file=sys.stderr)
        return 1
    except RecursionError:
        print("praxis: a file given is nested too deeply to read (it is not one Praxis wrote); "
              "nothing was changed", file=sys.stderr)  # fmt: skip
        return 1
    except Exception as exc:  # noqa: BLE001 - the last guard: a person sees a sentence, not a traceback
        from praxis_socialwork.services.crash_log import crash_message, log_crash

        print(crash_message(exc, log_crash()), file=sys.stderr)
        return 70
    finally:
        sys.stdout, sys.stderr = streams


def os_problem(exc: OSError) -> str:
    """An operating-system error as a sentence naming the file and the reason."""
    from praxis_socialwork.store.files import describe_os_error

    where = exc.filename if exc.filename is not None else "a file"
    return describe_os_error(exc, Path(str(where))).replace("could not write ", "could not use ", 1)


class VisibleText:
    """A text stream that writes control characters out visibly (``store.text_clean``)."""

    def __init__(self, stream) -> None:  # noqa: ANN001 - any text stream
        self.stream = stream

    def write(self, text: str) -> int:
        from praxis_socialwork.store.text_clean import escape_controls

        return self.stream.write(escape_controls(text))

    def __getattr__(self, name: str):  # noqa: ANN204 - flush, isatty, encoding… as the stream has them
        return getattr(self.stream, name)


def entry() -> None:
    """The ``praxis`` command."""
    sys.exit(main(exit_fast=True))


# Commands that only read: the installed command ends its process as soon as they have printed.
READ_ONLY_COMMANDS = {
    "cmd_list", "cmd_gaps", "cmd_frameworks", "cmd_export_csv", "cmd_doctor", "cmd_plan_list",
    "cmd_placement_plan", "cmd_export_ics", "cmd_export_report", "cmd_export_bundle", "cmd_show",
    "cmd_keys_show", "cmd_completion", "cmd_man",
}  # fmt: skip

if __name__ == "__main__":
    entry()
