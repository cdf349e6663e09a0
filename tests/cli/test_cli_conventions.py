"""The command line keeps the conventions people expect of one (issue 15): ``-o -`` writes an export
to standard output and nothing else there; shell completion and a man page made from the parser;
every command and option explained in ``--help``; tables that line up under wide characters; a
missing store said plainly; UK dates and times; and no crash on a console that cannot show emoji."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

NOW = "2026-11-22T12:00"
TITLE = "Team away day 🎉 on safeguarding"  # an emoji: two cells, and not in Windows' cp1252


def _student(praxis) -> str:
    """A student with a placement, a logged day and an activity; returns the activity's id."""
    assert praxis("init", "--name", "Siân Example", "--role", "student", "--framework", "swe")[0] == 0
    code, _, err = praxis("placement", "add", "--name", "Riverside Team", "--start", "02/11/2026",
                          "--days", "70")  # fmt: skip
    assert code == 0, err
    assert praxis("log", "day", "--placement", "riverside", "--date", "16/11/2026")[0] == 0
    code, out, err = praxis(
        "add", "activity", "--date", "04/11/2026", "--title", TITLE, "--hours", "3", "--type", "course",
        "--learning", "Ask, then write it down; mum.k@example.org said so",  # the privacy check flags it
    )  # fmt: skip
    assert code == 0, err
    return re.search(r"\(([0-9a-f-]{36})\)", out).group(1)


def _praxis_command() -> list[str]:
    """The installed ``praxis`` command (or the module it runs), as a person runs it."""
    installed = Path(sys.executable).with_name("praxis")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "praxis_socialwork"]


def _run(args: list[str], env: dict[str, str], **extra: str) -> subprocess.CompletedProcess[bytes]:
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(
        [*_praxis_command(), *args], env=os.environ | env | extra, cwd=root, capture_output=True, timeout=120
    )


# -- 1. -o - writes the export to standard output, and only it ------------------------------------


def test_csv_to_stdout_is_the_table_the_file_holds_and_nothing_else(praxis, tmp_path: Path) -> None:
    _student(praxis)
    code, out, err = praxis("export", "csv", "-o", "-", "--only", "activities")
    assert code == 0, err
    assert praxis("export", "csv", "-o", str(tmp_path / "csv"))[0] == 0
    assert out == (tmp_path / "csv" / "activities.csv").read_bytes().decode("utf-8")  # byte for byte
    header, row = list(csv.reader(io.StringIO(out, newline="")))
    assert header[:2] == ["date", "title"] and row[1] == TITLE and row[header.index("hours")] == "3"
    assert "Wrote activities as CSV to standard output." in err
    assert "warning" in err and "warning" not in out  # the privacy warning goes to stderr
    code, out, _ = praxis("export", "csv", "-o", "-", "--only", "days")
    assert code == 0 and out.splitlines()[0].startswith("placement,date,hours")


def test_csv_to_stdout_needs_one_table(praxis) -> None:
    _student(praxis)
    code, out, err = praxis("export", "csv", "-o", "-")
    assert code == 1 and out == ""
    assert "standard output takes one table: add --only activities|placements|days" in err


def test_csv_only_one_table_into_a_folder(praxis, tmp_path: Path) -> None:
    _student(praxis)
    code, out, _ = praxis("export", "csv", "-o", str(tmp_path / "one"), "--only", "placements")
    assert code == 0 and out.strip() == f"Wrote {tmp_path / 'one' / 'placements.csv'}"
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["placements.csv"]


def test_ics_to_stdout_is_the_calendar_the_file_holds(praxis, tmp_path: Path) -> None:
    from icalendar import Calendar

    _student(praxis)
    code, out, err = praxis("export", "ics", "-o", "-")
    assert code == 0, err
    assert praxis("export", "ics", "-o", str(tmp_path / "p.ics"))[0] == 0
    assert out == (tmp_path / "p.ics").read_bytes().decode("utf-8")
    events = Calendar.from_ical(out).walk("VEVENT")
    assert any("Riverside Team" in str(e.get("SUMMARY")) for e in events)
    assert re.search(r"^Wrote \d+ events to standard output: ", err, re.M)


def test_reports_to_stdout_markdown_by_default_or_html(praxis, tmp_path: Path) -> None:
    _student(praxis)
    code, out, err = praxis("export", "report", "-o", "-")
    assert code == 0, err
    assert praxis("export", "report", "-o", str(tmp_path / "r.md"))[0] == 0
    assert out == (tmp_path / "r.md").read_text(encoding="utf-8")
    assert TITLE in out and "Wrote standard output (Markdown" in err and "Wrote" not in out
    code, out, err = praxis("export", "report", "-o", "-", "--format", "html")
    assert code == 0 and out.lstrip().lower().startswith("<!doctype html")
    assert "Wrote standard output (HTML" in err


def test_a_pdf_report_to_stdout_is_bytes_a_pdf_reader_opens(praxis, env: dict[str, str]) -> None:
    from pypdf import PdfReader

    _student(praxis)
    done = _run(["export", "report", "-o", "-", "--format", "pdf"], env)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith(b"%PDF-") and done.stdout.rstrip().endswith(b"%%EOF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(done.stdout)).pages)
    assert "Siân Example" in text
    assert "Wrote standard output (PDF" in done.stderr.decode()


def test_a_pdf_is_not_written_onto_a_terminal(praxis, monkeypatch: pytest.MonkeyPatch) -> None:
    _student(praxis)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = praxis("export", "report", "-o", "-", "--format", "pdf")
    assert code == 1 and out == ""
    assert "a PDF is not for a terminal: redirect it to a file (> file) or pipe it to a program" in err


def test_a_format_the_file_name_contradicts_is_refused(praxis, tmp_path: Path) -> None:
    _student(praxis)
    code, _, err = praxis("export", "report", "-o", str(tmp_path / "r.md"), "--format", "pdf")
    assert code == 1 and "--format pdf asks for PDF, but r.md is named as Markdown" in err
    assert not (tmp_path / "r.md").exists()
    code, out, _ = praxis("export", "report", "-o", str(tmp_path / "r.html"), "--format", "html")
    assert code == 0 and "(HTML" in out


def test_a_bundle_to_stdout_imports_back(praxis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _student(praxis)
    code, out, err = praxis("export", "bundle", "-o", "-")
    assert code == 0, err
    assert praxis("export", "bundle", "-o", str(tmp_path / "b.praxis.json"))[0] == 0
    assert out == (tmp_path / "b.praxis.json").read_text(encoding="utf-8")
    assert "Wrote standard output: 1 profile, 1 placement, 1 activity, 1 day." in err
    piped = tmp_path / "piped.praxis.json"
    piped.write_text(out, encoding="utf-8")
    other = tmp_path / "other" / "praxis.json"
    assert praxis("--store", str(other), "import", str(piped))[0] == 0
    code, out, _ = praxis("--store", str(other), "list", "activities", "--json")
    assert [a["title"] for a in json.loads(out)] == [TITLE]


# -- 2. shell completion and a man page, from the parser ------------------------------------------


def _script(praxis, shell: str, tmp_path: Path) -> Path:
    code, out, err = praxis("completion", shell)
    assert code == 0, err
    path = tmp_path / f"praxis.{shell}"
    path.write_text(out, encoding="utf-8")
    return path


def _bash_complete(script: Path, *words: str) -> list[str]:
    """What bash offers for ``words`` (the last being typed), through the function ``complete -p``
    names, as bash itself calls it at a Tab."""
    program = f"""
source {shlex.quote(str(script))}
spec=$(complete -p praxis) || exit 3
func=${{spec##*-F }}; func=${{func%% *}}
COMP_WORDS=({" ".join(shlex.quote(w) for w in words)})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE={shlex.quote(" ".join(words))}; COMP_POINT=${{#COMP_LINE}}
"$func" praxis "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")
def test_bash_completion_is_valid_and_completes_commands(praxis, tmp_path: Path) -> None:
    script = _script(praxis, "bash", tmp_path)
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    spec = subprocess.run(
        ["bash", "--norc", "-c", f"source {shlex.quote(str(script))}; complete -p praxis"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert spec.stdout.startswith("complete -F ") and spec.stdout.rstrip().endswith(" praxis")
    assert _bash_complete(script, "praxis", "ex") == ["export"]
    assert _bash_complete(script, "praxis", "export", "") == ["csv", "ics", "report", "bundle"]
    assert _bash_complete(script, "praxis", "--store", "/tmp/s", "li") == ["list"]  # a value is skipped
    assert _bash_complete(script, "praxis", "list", "") == ["activities", "days", "placements", "reflections",
                                                            "comments"]  # fmt: skip
    assert _bash_complete(script, "praxis", "export", "report", "--form") == ["--format"]
    assert _bash_complete(script, "praxis", "export", "report", "--format", "") == ["md", "html", "pdf"]
    (tmp_path / "notes-for-import.csv").write_text("x", encoding="utf-8")
    assert _bash_complete(script, "praxis", "import", str(tmp_path / "notes-")) == [
        str(tmp_path / "notes-for-import.csv")
    ]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh here")
def test_zsh_completion_is_valid_and_completes_in_a_real_zsh(praxis, tmp_path: Path) -> None:
    script = _script(praxis, "zsh", tmp_path)
    folder = tmp_path / "zfunc"
    folder.mkdir()
    script.rename(folder / "_praxis")
    assert subprocess.run(["zsh", "-n", str(folder / "_praxis")], capture_output=True).returncode == 0
    # An interactive zsh on a pseudo-terminal: type "praxis ex", Tab, Enter, and see what ran.
    driver = tmp_path / "drive.zsh"
    driver.write_text(
        f"""zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='READY>'; fpath=({folder} \\$fpath); autoload -U compinit; compinit -u -D; \\
praxis() {{ print RAN:\\$*:END }}"
until_seen() {{
  local line; out=""
  for i in {{1..400}}; do
    if zpty -r -t z line; then out+=$line; [[ $out == *$~1* ]] && return 0; else sleep 0.05; fi
  done
  return 1
}}
until_seen 'READY>' || {{ print NO-PROMPT; exit 1 }}
zpty -n -w z $'praxis export rep\\t'
sleep 0.5
zpty -n -w z $'\\n'
until_seen 'RAN:*:END' || {{ print NO-RUN; exit 1 }}
zpty -d z
print -r -- "${{out##*RAN:}}"
""",
        encoding="utf-8",
    )
    done = subprocess.run(["zsh", "-f", str(driver)], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("export report"), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish here")
def test_fish_completion_is_valid_and_completes(praxis, tmp_path: Path) -> None:
    script = _script(praxis, "fish", tmp_path)
    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "fish-config")}
    checked = subprocess.run(["fish", "-n", str(script)], capture_output=True, env=os.environ | home)
    assert checked.returncode == 0, checked.stderr

    def offered(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "-c", f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"],
            capture_output=True, text=True, env=os.environ | home,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert offered("praxis ex") == ["export"]
    assert sorted(offered("praxis export ")) == ["bundle", "csv", "ics", "report"]
    assert offered("praxis --store /tmp/s li") == ["list"]
    assert sorted(offered("praxis export report --format ")) == ["html", "md", "pdf"]


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command under ``parser`` (read straight from argparse): (path, parser, summary)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, helps.get(name)
                yield from _commands(sub, (*path, name))


def test_the_man_page_lists_every_command_and_option(praxis, tmp_path: Path) -> None:
    from praxis_socialwork.cli.main import build_parser

    code, page, err = praxis("man")
    assert code == 0, err
    assert page.startswith(".TH PRAXIS 1 ")
    for path, sub, _ in _commands(build_parser()):
        assert f'.SS "praxis {" ".join(path)}"' in page, path
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag.replace("-", r"\-") in page, (path, flag)
    file = tmp_path / "praxis.1"
    file.write_text(page, encoding="utf-8")
    if shutil.which("groff"):
        for device in ("ascii", "utf8"):
            done = subprocess.run(
                ["groff", "-man", f"-T{device}", "-ww", "-z", str(file)], capture_output=True
            )
            assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    if shutil.which("man"):
        shown = subprocess.run(
            ["man", "-l", str(file)], capture_output=True, text=True,
            env=os.environ | {"LC_ALL": "C", "MANWIDTH": "250", "MANPAGER": "cat", "PAGER": "cat"},
        ).stdout  # fmt: skip
        assert "praxis - log CPD, placement days and reflections" in shown
        for path, _, _ in _commands(build_parser()):
            assert f"praxis {' '.join(path)}" in shown, path
        assert "--framework-file PATH" in shown and "PRAXIS_STORE" in shown


def test_a_command_added_to_the_parser_is_completed_and_in_the_man_page() -> None:
    """The scripts and the page are read from the parser: nothing to keep in step by hand."""
    from praxis_socialwork.cli.completion import SCRIPTS
    from praxis_socialwork.cli.main import build_parser
    from praxis_socialwork.cli.manpage import man_page
    from praxis_socialwork.cli.tree import command_tree

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    new = commands.add_parser("frobnicate", help="a command added later", description="Frobnicate it.")
    new.add_argument("--wibble", metavar="FILE", type=Path, help="the wibble file")
    tree = command_tree(parser)
    for shell, script in SCRIPTS.items():
        text = script(tree)
        assert "frobnicate" in text and "--wibble" in text.replace("-l wibble", "--wibble"), shell
    assert "'files|frobnicate') echo '--wibble'" in SCRIPTS["bash"](tree)  # its value is a file
    page = man_page(tree)
    assert '.SS "praxis frobnicate"' in page and r"\fB\-\-wibble\fR \fIFILE\fR" in page


# -- 3. every command has a description, every option a help text ---------------------------------


def test_every_command_and_option_says_what_it_does() -> None:
    from praxis_socialwork.cli.main import build_parser

    parser = build_parser()
    missing = []
    for path, sub, summary in [((), parser, "praxis"), *_commands(parser)]:
        name = " ".join(("praxis", *path))
        if not (sub.description or "").strip():
            missing.append(f"{name}: no description")
        if not (summary or "").strip():
            missing.append(f"{name}: no one-line help in its parent's list")
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}: no help")
    assert not missing, "\n".join(missing)


def test_each_help_page_shows_its_description_and_option_help(
    praxis, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from praxis_socialwork.cli.main import build_parser, main

    monkeypatch.setenv("COLUMNS", "2000")  # one line per paragraph, so the text is found whole
    for path, sub, _ in _commands(build_parser()):
        with pytest.raises(SystemExit) as stop:
            main([*path, "--help"])
        assert stop.value.code == 0
        shown = " ".join(capsys.readouterr().out.split())
        assert " ".join(sub.description.split()) in shown, path
        for action in sub._actions:
            if action.option_strings and action.help:
                assert " ".join(action.help.split()) in shown, (path, action.option_strings)


# -- 4. tables measured in terminal cells ---------------------------------------------------------


def _cells(text: str) -> int:
    """Terminal cells, by Unicode's own tables (not the code under test): wide and full-width
    characters 2, combining marks 0, others 1."""
    wide = ("W", "F")
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in wide else 1
        for ch in text
    )


def test_list_lines_up_under_wide_characters_and_emoji(praxis) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    titles = ["漢字のケース会議", "Reading 🙂 group", "Cafe\u0301 supervision", "plain", "長" * 40]
    for n, title in enumerate(titles, start=1):
        assert praxis("add", "activity", "--date", f"0{n}/11/2026", "--title", title, "--hours", "1",
                      "--type", "reading")[0] == 0  # fmt: skip
    code, out, _ = praxis("list", "activities")
    assert code == 0
    header, rule, *rows = out.splitlines()
    starts = {word: _cells(header[: header.index(word)]) for word in ("type", "hours", "id")}
    assert len(rows) == len(titles)
    for row in rows:
        assert _cells(row[: row.index("reading")]) == starts["type"], row
        assert _cells(row[: row.index(" 1 ") + 1]) == starts["hours"], row
        id_at = re.search(r"[0-9a-f]{8}$", row).start()
        assert _cells(row[:id_at]) == starts["id"], row
    long_row = rows[-1]
    title_cell = long_row[len("2026-11-05  ") : long_row.index("reading")].rstrip()
    assert title_cell.endswith("…") and _cells(title_cell) <= 48  # shortened by cells, not characters
    assert len(rule.split("  ")[1]) == max(_cells(row[12 : row.index("reading")].rstrip()) for row in rows)


def test_a_wide_character_is_never_cut_in_half() -> None:
    from praxis_socialwork.cli.text_table import render

    table = render(["title", "n"], [["漢字" * 10, "1"], ["a", "2"]], widest=7)
    first = table.splitlines()[2]
    assert first.startswith("漢字漢…") and _cells("漢字漢…") == 7
    assert _cells(first[: first.index("1")]) == _cells(
        table.splitlines()[0][: table.splitlines()[0].index("n")]
    )


# -- 5. a store that is not there ----------------------------------------------------------------

READERS = [
    ("list", "activities"),
    ("gaps",),
    ("export", "csv", "-o", "OUT"),
    ("export", "ics", "-o", "OUT/p.ics"),
    ("export", "report", "-o", "OUT/r.md"),
    ("export", "bundle", "-o", "OUT/b"),
    ("doctor",),
    ("show", "abcd1234"),
    ("placement", "plan"),
    ("plan", "list"),
    ("check-privacy",),
    ("keys", "trusted"),
    # Writers that only change what is there: no store is made just to say there is nothing in it.
    ("log", "day", "--placement", "riverside"),
    ("placement", "archive", "riverside"),
    ("plan", "skip", "supervision", "01/12/2026"),
    ("gaps", "--dismiss", "all"),
    ("check-privacy", "--mark", "abc"),
    ("signoff", "--placement", "riverside", "--by", "Jo Educator"),
    ("comment", "abcd1234", "Well done", "--by", "Jo Educator"),
    ("keys", "trust", "Jo Educator", "3F2A-91C0-77DE-0B14"),
    ("placement", "delete", "riverside", "--yes"),
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_store_that_is_not_there_is_said_plainly(praxis, tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "nowhere" / "praxis.json"
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    code, out, err = praxis("--store", str(missing), *args)
    assert code == 1 and out == ""
    assert err == f"praxis: no store at {missing}: run praxis init, or check --store\n"
    assert not missing.parent.exists() and not (tmp_path / "out").exists()


def test_with_praxis_store_set_the_message_names_it(praxis, store_path: Path) -> None:
    code, out, err = praxis("list", "activities")
    assert code == 1 and out == ""
    assert err == f"praxis: no store at {store_path}: run praxis init, or check $PRAXIS_STORE\n"


def test_on_a_first_run_the_message_says_how_to_start(
    praxis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from praxis_socialwork.store import default_store_path

    monkeypatch.delenv("PRAXIS_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    where = default_store_path()
    code, out, err = praxis("gaps")
    assert code == 1 and out == ""
    assert err == (
        f"praxis: no store yet at {where}: to start, run praxis (the app sets you up) "
        "or praxis init --name NAME --role ROLE\n"
    )
    assert not where.exists()
    code, out, _ = praxis("init", "--name", "Sam Example", "--role", "student")
    assert code == 0 and where.exists()


def test_writers_that_add_still_make_the_store(praxis, tmp_path: Path) -> None:
    new = tmp_path / "fresh" / "praxis.json"
    code, out, err = praxis(
        "--store", str(new), "add", "activity", "--date", "01/11/2026", "--title", "Course", "--hours", "2"
    )
    assert code == 0, err
    assert new.exists() and praxis("--store", str(new), "list", "activities")[1].count("Course") == 1


def test_doctor_with_the_store_gone_lists_its_backups(praxis, store_path: Path) -> None:
    _student(praxis)
    assert list((store_path.parent / "backups").iterdir())
    for file in store_path.parent.glob("praxis.json*"):
        file.unlink()
    code, out, err = praxis("doctor")
    assert code == 1
    assert "taken (UK time)" in out and ".json" in out
    assert f"no store at {store_path}" in err and "praxis restore latest" in err
    assert praxis("restore", "latest")[0] == 0
    assert praxis("list", "placements")[0] == 0


# -- 6. today is the UK's date; times say they are UK times ---------------------------------------

AFTER_MIDNIGHT_BST = "2026-05-31T23:30:00+00:00"  # 00:30 on Monday 1 June in the UK


def test_today_is_the_uk_date_not_utc(praxis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_CLOCK", AFTER_MIDNIGHT_BST)
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    assert praxis("placement", "add", "--name", "Riverside", "--start", "01/05/2026", "--days", "70")[0] == 0
    code, out, err = praxis("log", "day", "--placement", "riverside")
    assert code == 0 and out.startswith("Logged Mon 1 Jun 2026 at Riverside"), err
    code, out, _ = praxis("add", "activity", "--date", "today", "--title", "Course", "--hours", "1")
    assert code == 0 and "on Mon 1 Jun 2026" in out
    day_id = json.loads(praxis("list", "days", "--json")[1])[0]["id"]
    assert praxis("comment", day_id, "Good day", "--by", "Jo Educator")[0] == 0
    code, out, _ = praxis("list", "comments")
    assert "2026-06-01" in out and "2026-05-31" not in out  # the UK date of the comment, not UTC's


def test_times_printed_are_labelled_uk_time(praxis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_CLOCK", AFTER_MIDNIGHT_BST)
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    assert praxis("placement", "add", "--name", "Riverside", "--start", "01/05/2026", "--days", "70")[0] == 0
    assert praxis("placement", "delete", "riverside", "--yes")[0] == 0  # a backup is taken first
    code, out, _ = praxis("doctor")
    assert "taken (UK time)" in out
    assert "2026-06-01 00:30  before-deleting-a-placement" in out  # not 2026-05-31 23:30 (UTC)
    code, out, _ = praxis("plan", "add", "--title", "Supervision", "--kind", "supervision",
                          "--date", "02/06/2026", "--time", "10:00")  # fmt: skip
    assert code == 0 and "at 10:00 UK time for 60 min" in out
    code, out, _ = praxis("plan", "list")
    assert "time (UK)" in out and "10:00–11:00" in out


# -- 7. a console that cannot show every character ------------------------------------------------


def test_a_cp1252_console_gets_question_marks_not_a_crash(praxis, env: dict[str, str]) -> None:
    activity = _student(praxis)
    for args, shows_title in ((["list", "activities"], True), (["show", activity], True),
                              (["gaps"], False), (["--help"], False)):  # fmt: skip
        done = _run(args, env, PYTHONIOENCODING="cp1252")
        err = done.stderr.decode("cp1252", "replace")
        assert done.returncode == 0 and "Traceback" not in err, (args, err)
        shown = done.stdout.decode("cp1252")
        assert shown.strip()
        if shows_title:
            assert "Team away day ? on safeguarding" in shown
    done = _run(["list", "activities", "--json"], env, PYTHONIOENCODING="cp1252")
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("cp1252"))[0]["title"] == TITLE  # JSON stays exact: \u escapes
    done = _run(["export", "report", "-o", "-"], env, PYTHONIOENCODING="cp1252")
    assert done.returncode == 0 and TITLE in done.stdout.decode("utf-8")  # an export keeps its own bytes
