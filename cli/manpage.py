"""``praxis man``: the manual page (roff, section 1), written from the parser itself.

Every command's description, usage and options come from ``cli.tree``, so the page lists what
``--help`` says and cannot drift from it. Only what no parser knows (the environment, files and
exit statuses) is written here.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from praxis_socialwork.cli.tree import Command, Option, command_tree

# What the parser cannot say: where things are kept, what changes them, and what an exit means.
_ENVIRONMENT = (
    ("PRAXIS_STORE", "The store to use when --store is not given."),
    ("PRAXIS_CLOCK", "An ISO date and time (2026-11-22T12:00, UK time unless a zone is given) to use "
                     "instead of the clock, for demonstrations and tests."),
    ("XDG_CONFIG_HOME", "Where the config folder is (your own framework files, keys, signing key), "
                        "on Linux; other systems use their own user folders."),
)  # fmt: skip
_FILES = (
    ("~/.local/share/praxis/praxis.json", "The store (the platform's user data folder), with "
     "praxis.json.journal, backups/ and exports/ beside it."),
    ("~/.config/praxis/frameworks/NAME.toml", "Your own, or your university's, requirement frameworks."),
)  # fmt: skip
_EXIT = (
    ("0", "Done."),
    ("1", "Refused or failed, with a message on standard error saying why; nothing was changed. "
          "Also: praxis gaps --strict found something missed or at risk, praxis check-privacy found "
          "something to review, praxis verify found a signature that does not check."),
    ("2", "The command line was not understood (an unknown command or option)."),
    ("70", "Something unexpected went wrong; the message says where the details were logged."),
    ("130", "Interrupted (Ctrl+C); every change that was confirmed is saved."),
)  # fmt: skip


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``man`` to the ``praxis`` parser."""
    man = commands.add_parser(
        "man", parents=[common], help="print the manual page (roff), written from these commands",
        description="Print praxis's manual page in roff, made from the same parser as --help, so it "
        "lists every command and option. Read it with: praxis man | man -l -   or install it: "
        "praxis man > ~/.local/share/man/man1/praxis.1  (then: man praxis).",
    )  # fmt: skip
    man.set_defaults(func=cmd_man)


def cmd_man(args: argparse.Namespace) -> int:
    """Print the manual page."""
    from praxis_socialwork.cli.main import build_parser

    print(man_page(command_tree(build_parser())), end="")
    return 0


def man_page(tree: Command) -> str:
    """The manual page for ``tree`` (``cli.tree.command_tree(build_parser())``) in roff."""
    from praxis_socialwork.store import __version__

    out = [
        f'.TH PRAXIS 1 "" "praxis {__version__}" "User Commands"',
        ".SH NAME",
        rf"praxis \- {_text(_first_sentence(tree.description))}",
        ".SH SYNOPSIS",
        ".B praxis",
        r"[\fB\-\-store\fR \fIPATH\fR] [\fICOMMAND\fR [\fIOPTIONS\fR]]",
        ".br",
        ".B praxis",
        r"\fB\-\-help\fR | \fB\-\-version\fR",
        ".SH DESCRIPTION",
        _text(tree.description),
        ".PP",
        _text(
            "Every command takes --store PATH. Dates are typed 2026-03-04 or 04/03/2026 (day first, "
            "as the UK writes them); today and yesterday work too. Dates and times are UK dates "
            "and times (Europe/London), whatever zone the computer is set to."
        ),
        ".SH OPTIONS",
        *_options(tree.options),
        ".SH COMMANDS",
    ]
    for cmd in tree.walk():
        if cmd.path:
            out += _command(cmd)
    out.append(".SH ENVIRONMENT")
    out += _items(_ENVIRONMENT)
    out.append(".SH FILES")
    out += _items(_FILES)
    out.append(".SH EXIT STATUS")
    out += _items(_EXIT)
    out += [
        ".SH SEE ALSO",
        _text(
            "praxis --help, and praxis COMMAND --help for each command; praxis completion for "
            "shell completion. The README describes the app, the store and the rules."
        ),
    ]
    return "\n".join(out) + "\n"


def _command(cmd: Command) -> list[str]:
    out = [f'.SS "{_text(cmd.name)}"', _text(cmd.description or cmd.summary)]
    if cmd.epilog:
        out += [".PP", _text(cmd.epilog)]
    if cmd.commands:
        out += [".PP", _text("Commands: " + ", ".join(sub.name for sub in cmd.commands) + ".")]
        return out
    out += [".PP", r"\fBUsage:\fR " + _text(cmd.usage)]
    out += _options([*cmd.positionals, *(o for o in cmd.options if o.flags not in _EVERYWHERE)])
    return out


# Options every command has, described once under OPTIONS.
_EVERYWHERE = {("-h", "--help"), ("--store",)}


def _options(options: list[Option] | tuple[Option, ...]) -> list[str]:
    out: list[str] = []
    for option in options:
        if option.positional:
            head = rf"\fI{_text(option.metavar)}\fR"
        else:
            value = rf" \fI{_text(option.metavar)}\fR" if option.takes_value else ""
            head = ", ".join(rf"\fB{_text(flag)}\fR" for flag in option.flags) + value
        out += [".TP", head, _text(option.help)]
    return out


def _items(items: tuple[tuple[str, str], ...]) -> list[str]:
    out: list[str] = []
    for name, text in items:
        out += [".TP", rf"\fB{_text(name)}\fR", _text(text)]
    return out


def _text(text: str) -> str:
    """``text`` safe in roff: backslashes escaped; every dash in an option (``--registered-on``)
    written as the minus sign a command line needs, while a hyphen in a word (sign-off) stays one;
    and never a line starting as a request."""
    text = text.replace("\\", r"\e")
    text = re.sub(r"(?<![\w-])-[\w-]*", lambda m: m.group().replace("-", "\\-"), text)
    text = re.sub(r"\s+", " ", text).strip()
    # Beyond ASCII, the characters a plain-text terminal (groff -Tascii) can show too; any other by
    # its Unicode name, which every groff reads (not every one reads UTF-8).
    text = "".join(ch if ord(ch) < 128 else _ROFF.get(ch, f"\\[u{ord(ch):04X}]") for ch in text)
    return rf"\&{text}" if text[:1] in (".", "'") else text


_ROFF = {"…": "...", "–": r"\(en", "—": r"\(em", "‘": r"\(oq", "’": r"\(cq", "“": r"\(lq", "”": r"\(rq",
         "×": r"\(mu", "→": r"\(->"}  # fmt: skip


def _first_sentence(text: str) -> str:
    """``Log CPD, … stand. With no command…`` → ``log CPD, … stand`` (for the NAME line)."""
    first = text.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]
