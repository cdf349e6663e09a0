"""The ``praxis`` commands as a tree read from the argparse parser itself, for the shell completion
scripts, the man page and the test that every command and option says what it does.

Reading the parser (rather than keeping lists beside it) means a new command or option appears in
all three the moment it is added. argparse keeps no public handle on a parser's sub-commands or
options, so this module is the one place that reads its private ``_actions``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A value that names a file or folder (for completion): by its type, or by its metavar.
_FILE_METAVAR = re.compile(r"PATH|FILE|FOLDER|BUNDLE|BACKUP")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Option:
    """One option (``--store PATH``) or positional argument (``FILE``) of a command."""

    flags: tuple[str, ...]  # ("-o", "--output"); empty for a positional argument
    metavar: str  # what its value is called, e.g. PATH ("" for a flag that takes none)
    help: str
    takes_value: bool
    choices: tuple[str, ...]
    is_file: bool  # its value names a file or folder

    @property
    def positional(self) -> bool:
        """Whether it is a positional argument rather than an option."""
        return not self.flags


@dataclass(frozen=True)
class Command:
    """One command (``praxis export report``): what it says of itself, its options and commands."""

    path: tuple[str, ...]  # ("export", "report"); () for ``praxis`` itself
    summary: str  # the line its parent's --help lists it with
    description: str  # what its own --help says first
    epilog: str
    usage: str  # ``praxis export report [-h] [--store PATH] …``, on one line
    options: tuple[Option, ...]
    positionals: tuple[Option, ...]
    commands: tuple[Command, ...]

    @property
    def name(self) -> str:
        """``praxis export report``."""
        return " ".join(("praxis", *self.path))

    @property
    def key(self) -> str:
        """The path as the completion scripts name it: ``export report`` ("" for ``praxis``)."""
        return " ".join(self.path)

    def walk(self) -> Iterator[Command]:
        """This command, then every command under it, depth first in the order --help lists them."""
        yield self
        for sub in self.commands:
            yield from sub.walk()


def command_tree(parser: argparse.ArgumentParser) -> Command:
    """Read ``parser`` (``cli.main.build_parser()``) into a tree of commands."""
    return _command(parser, (), "")


def _command(parser: argparse.ArgumentParser, path: tuple[str, ...], summary: str) -> Command:
    options: list[Option] = []
    positionals: list[Option] = []
    commands: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append(_command(sub, (*path, name), helps.get(name, "")))
        elif action.help != argparse.SUPPRESS:
            (positionals if not action.option_strings else options).append(_option(action))
    return Command(
        path=path,
        summary=summary,
        description=" ".join((parser.description or "").split()),
        epilog=" ".join((parser.epilog or "").split()),
        usage=_usage(parser),
        options=tuple(options),
        positionals=tuple(positionals),
        commands=tuple(commands),
    )


def _option(action: argparse.Action) -> Option:
    takes_value = action.nargs != 0
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    if takes_value and not metavar:
        metavar = action.dest.upper() if action.option_strings else action.dest
    is_file = takes_value and "=" not in metavar and (
        action.type is Path or bool(_FILE_METAVAR.search(metavar))
    )  # fmt: skip
    return Option(
        flags=tuple(action.option_strings),
        metavar=metavar,
        help=" ".join((action.help or "").split()),
        takes_value=takes_value,
        choices=tuple(str(c) for c in action.choices or ()),
        is_file=is_file,
    )


def _usage(parser: argparse.ArgumentParser) -> str:
    """The command's usage line, unwrapped (as ``--help`` starts, without ``usage:``)."""
    formatter = argparse.HelpFormatter(prog=parser.prog, width=100_000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return _ANSI.sub("", " ".join(formatter.format_help().split()))
