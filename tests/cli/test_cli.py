"""The command line as a person uses it: what it prints, what it keeps, and how it fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from praxis_socialwork.store import Repository
from tests.cli.placements import add_northshire

NOW = "2026-11-22T12:00"


def test_a_student_sets_up_and_logs_days(praxis, store_path: Path, clock) -> None:
    code, out, _ = praxis(
        "init",
        "--name",
        "Sam Example",
        "--role",
        "student",
        "--framework",
        "degree-england",
        "--framework",
        "pcf",
        "--country",
        "England",
    )
    assert code == 0 and "Set up Sam Example (student, england); follows degree-england, pcf." in out
    code, out, _ = add_northshire(praxis)
    assert code == 0 and "from Tue 1 Sep 2026" in out and "mon,tue,wed,thu" in out
    code, out, _ = praxis("log", "day", "--placement", "northshire", "--date", "02/09/2026")
    assert code == 0 and "Logged Wed 2 Sep 2026" in out and "7.5 h" in out and "1 of 70 days" in out
    code, _, err = praxis("log", "day", "--placement", "northshire", "--date", "2026-09-02", "--hours", "3")
    assert code == 1 and "already has a day logged on Wed 2 Sep 2026" in err
    code, out, _ = praxis("list", "days", "--json")
    (day,) = json.loads(out)
    assert day["placement"] == "Northshire Children's Services" and day["hours"] == 7.5
    with Repository.open(store_path, clock) as repo:
        assert repo.profile().frameworks == ["degree-england", "pcf"]
        assert len(repo.days()) == 1


def test_adding_cpd_with_a_peer_reflection(praxis) -> None:
    code, out, _ = praxis(
        "add",
        "activity",
        "--date",
        "04/03/2026",
        "--title",
        "Safeguarding refresher",
        "--hours",
        "3",
        "--type",
        "Peer Discussion",
        "--standard",
        "SWE:4.3",
        "--peer",
        "A. Colleague",
        "--peer-reflection",
        "We compared notes",
    )
    assert code == 0 and "on Wed 4 Mar 2026" in out
    code, out, _ = praxis("list", "activities")
    assert "Safeguarding refresher" in out and "peer-discussion" in out and "swe:4.3" in out


def test_standards_given_with_commas_are_each_their_own_code(praxis) -> None:
    code, _, err = praxis("add", "activity", "--date", "04/03/2026", "--title", "Court skills", "--hours",
                          "2", "--standard", "swe:4.3, SWE:3.1", "--standard", "swe:2.1")  # fmt: skip
    assert code == 0, err
    _, out, _ = praxis("list", "activities", "--json")
    assert json.loads(out)[0]["standards"] == ["swe:4.3", "swe:3.1", "swe:2.1"]


def test_bad_input_lists_every_problem_and_saves_nothing(praxis) -> None:
    code, _, err = praxis(
        "add",
        "activity",
        "--date",
        "03/25/2026",
        "--title",
        " ",
        "--hours",
        "0",
        "--type",
        "webinar",
        "--standard",
        "swe:9.9",
    )
    assert code == 1
    for expected in (
        "date: '03/25/2026' is not a date",
        "title: is required",
        "hours: must be more than 0",
        "'webinar' is not a known activity type",
        "'swe:9.9' is not a swe code",
    ):
        assert expected in err
    assert "Traceback" not in err
    code, out, _ = praxis("list", "activities")
    assert out.strip() == "No activities yet."


def test_a_completed_activity_cannot_be_in_the_future(praxis) -> None:
    code, _, err = praxis("add", "activity", "--date", "2026-12-25", "--title", "Xmas", "--hours", "1")
    assert code == 1 and "is in the future" in err
    code, _, _ = praxis(
        "add", "activity", "--date", "2026-12-25", "--title", "Xmas", "--hours", "1", "--status", "planned"
    )
    assert code == 0


def test_import_export_doctor_and_restore(praxis, store_path: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("date,title,hours\n2026-03-04,One,1\n", encoding="utf-8")
    assert praxis("import", str(csv_file))[1].startswith("Imported in.csv (activities): 1 added.")
    code, out, _ = praxis("export", "csv", "-o", str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "activities.csv").exists()
    code, out, _ = praxis("doctor")
    assert code == 0 and "every record passes its checks" in out
    # damage the store: doctor fails and restore brings back the backup
    praxis("add", "activity", "--date", "2026-03-05", "--title", "Two", "--hours", "1")
    backups = sorted((store_path.parent / "backups").glob("*.json"))
    assert backups, "the day's first change takes a backup"
    store_path.write_text("{ not json", encoding="utf-8")
    code, out, err = praxis("list", "activities")
    assert code == 1 and "is damaged" in err and "praxis restore" in err
    code, out, _ = praxis("doctor")
    assert code == 1 and "FAIL" in out
    code, out, _ = praxis("restore", "latest")
    assert code == 0 and "damaged store was kept as" in out
    code, out, _ = praxis("list", "activities")
    assert "One" in out
    assert list(store_path.parent.glob("praxis.json.damaged-*")), "the damaged file is kept, never deleted"


def test_errors_reach_the_user_without_a_traceback(store_path: Path, tmp_path: Path) -> None:
    env = os.environ | {"PRAXIS_STORE": str(store_path), "PRAXIS_CLOCK": NOW}
    store_path.parent.mkdir(parents=True)
    store_path.write_text('{"_meta": {"1": {"schema_version": 99}}}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "praxis_socialwork", "list", "activities"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "newer Praxis" in done.stderr and "Traceback" not in done.stderr


def test_init_refuses_a_framework_nobody_has(praxis) -> None:
    code, _, err = praxis("init", "--name", "Pat Example", "--role", "practitioner", "--framework", "sw")
    assert code == 1 and "'sw' is not a framework Praxis knows" in err and "swe" in err
    code, out, _ = praxis("list", "activities")
    assert code == 0  # nothing was set up, and the store still opens
    code, _, _ = praxis("init", "--name", "Pat Example", "--role", "practitioner", "--framework", "swe")
    assert code == 0


def test_a_date_that_does_not_exist_is_a_message_not_a_crash(praxis) -> None:
    praxis("init", "--name", "Pat Example", "--role", "practitioner", "--framework", "swe")
    code, _, err = praxis("gaps", "--on", "31/02/2026")
    assert code == 1 and "'31/02/2026' is not a real date" in err
    assert "did not expect" not in err


def test_file_problems_name_the_file_and_say_nothing_was_imported(praxis, tmp_path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = praxis("import", str(empty))
    assert code == 1 and "empty.csv: nothing was imported" in err and "line 1" in err
    code, _, err = praxis("restore", "nosuchbackup")
    assert code == 1 and "praxis doctor lists the backups" in err
