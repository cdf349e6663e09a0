"""Fuzzing the command line as a careless or hostile user would: every subcommand, with options drawn
from valid values and from bad ones (impossible dates, NaN and 1e400 hours, devices, pipes, folders,
names too long, paths through a file, control characters, deep nesting, malformed files). Each
invocation runs in-process on a throw-away store. What counts: exit status 70 (an error Praxis did
not expect) and anything escaping ``main`` (a traceback); the rest must be 0 or a sentence and 1/2.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import traceback
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FuzzResult:
    """What a fuzz run found."""

    invocations: int = 0
    exit_70: int = 0
    tracebacks: int = 0
    examples: list[str] = field(default_factory=list)


Command = tuple[list[str], list[argparse.Action]]


def _commands(parser: argparse.ArgumentParser, prefix: list[str]) -> list[Command]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]  # noqa: SLF001
    if not subs:
        return [(prefix, [a for a in parser._actions if a.dest not in ("help", "store")])]  # noqa: SLF001
    found = []
    for name, sub in subs[0].choices.items():
        if name not in ("app", "review"):  # the full-screen app is tested on a terminal elsewhere
            found += _commands(sub, [*prefix, name])
    return found


def _files(folder: Path) -> dict[str, Path]:
    """Odd and bad files to pass wherever a path goes."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        made[name] = path

    deep = "[" * 100_000 + "]" * 100_000
    put("deep.praxis.json", deep)
    put("deep.csv", "date,title\n" + '"' * 5000 + "\n")
    put("bad.csv", "date,title,type,hours\n2026-13-45,x,nope,NaN\n,,,1e400\n")
    put("ctl.csv", "date,title,type,hours\n2026-11-02,\x1b]0;x\x07,reading,1\n")
    put("empty.csv", "")
    put("bin.csv", os.urandom(2048))
    put("bad.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\nDURATION:P99999999W\r\nEND:VEVENT\r\n")
    put("tz.ics", (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Pacific/Fiji\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nDTSTART:19710101T000000\r\nTZOFFSETFROM:+1200\r\n"
        "TZOFFSETTO:+1200\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Pacific/Fiji:20261201T090000\r\nDURATION:P99999999W\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ))  # fmt: skip
    put("notjson.praxis.json", "{nope")
    put("newer.praxis.json", '{"bundle_version": 999}')
    put("framework.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")
    put("plain.txt", "hello\n")
    made["folder"] = folder / "a-folder"
    made["folder"].mkdir(exist_ok=True)
    made["through-a-file"] = folder / "plain.txt" / "x.ics"
    made["missing"] = folder / "nowhere" / "deeper" / "f.ics"
    made["too-long"] = folder / ("n" * 300 + ".ics")
    made["dev"] = Path("/dev/null")
    fifo = folder / "pipe.ics"
    if not fifo.exists():
        os.mkfifo(fifo)
    made["fifo"] = fifo
    return made


DATES = ["2026-11-02", "02/11/2026", "today", "yesterday", "31/02/2026", "03/25/2026", "9999-99-99", "",
         "0001-01-01", "2026-11-02T25:00", "\x1b[31m", "１２/１１/２０２６"]  # fmt: skip
NUMBERS = ["1", "7.5", "0", "-1", "NaN", "nan", "inf", "1e400", "1:30", "90m", "", "9" * 20, "1,5"]
WORDS = ["Reading", "", " ", "x" * 5000, "\x1b]52;c;ZXZpbA==\x07", "Siân Ŵ", "🙂", "--", "-o", "a\nb", "\x00"]


def _value(rng: random.Random, action: argparse.Action, files: dict[str, Path]) -> list[str]:
    if action.choices and rng.random() < 0.7:
        return [str(rng.choice(list(action.choices)))]
    name = (action.dest or "").lower()
    if any(k in name for k in ("date", "from", "to", "start", "end", "on", "day", "registered", "new")):
        pool = DATES
    elif any(k in name for k in ("hours", "days", "minutes", "remind")):
        pool = NUMBERS
    elif any(k in name for k in ("file", "output", "o", "backup", "paths", "framework_file")):
        return [str(rng.choice(list(files.values())))]
    else:
        pool = WORDS + DATES[:2] + ["northshire", "swe", "pcf", "latest"]
    return [rng.choice(pool)]


def _invocation(rng: random.Random, command: list[str], actions: list[argparse.Action],
                files: dict[str, Path]) -> list[str]:  # fmt: skip
    argv = list(command)
    for action in actions:
        if action.option_strings:
            if rng.random() < 0.5:
                continue
            flag = action.option_strings[0]
            if action.nargs == 0:
                argv.append(flag)
            else:
                argv += [flag, *_value(rng, action, files)]
        elif rng.random() < 0.9:
            count = 1 if action.nargs in (None, "?") else rng.randint(1, 2)
            for _ in range(count):
                argv += _value(rng, action, files)
    if rng.random() < 0.2:
        argv += ["--store", str(rng.choice(list(files.values())))]
    return argv


def run_in_process(argv: list[str], store: Path, home: Path) -> tuple[int, str]:
    """Run ``praxis ARGV`` in this process on ``store`` (config and state under ``home``); return the
    exit status and everything it printed. A traceback escaping ``main`` is returned as status 70."""
    from praxis_socialwork.cli.main import main

    env = {"PRAXIS_STORE": str(store), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state"), "PRAXIS_CLOCK": "2026-11-22T12:00"}  # fmt: skip
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:  # noqa: BLE001 - reported as what it is
                sink.write(traceback.format_exc())
                code = 70
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, sink.getvalue()


def fuzz(count: int, seed: int, workdir: Path) -> FuzzResult:
    """Run ``count`` random invocations (reproducible by ``seed``) under ``workdir``; return the result."""
    from praxis_socialwork.cli.main import build_parser

    rng = random.Random(seed)
    files = _files(workdir / "files")
    commands = _commands(build_parser(), [])
    result = FuzzResult()
    store = workdir / "store" / "praxis.json"
    run_in_process(["init", "--name", "Sam Example", "--role", "student", "--framework", "degree-england"],
                   store, workdir)  # fmt: skip
    run_in_process(["placement", "add", "--name", "Northshire", "--start", "01/09/2026", "--days", "70"],
                   store, workdir)  # fmt: skip
    for _ in range(count):
        command, actions = rng.choice(commands)
        argv = _invocation(rng, command, actions, files)
        result.invocations += 1
        code, output = run_in_process(argv, store, workdir)
        if "Traceback (most recent call last)" in output:
            result.tracebacks += 1
            result.examples.append(f"traceback: {argv!r}\n{output[-900:]}")
        elif code == 70:
            result.exit_70 += 1
            result.examples.append(f"exit 70: {argv!r}\n{output[-600:]}")
    return result
