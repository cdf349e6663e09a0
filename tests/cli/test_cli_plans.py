"""Planning from the command line: sessions that repeat, skipping and moving one, a placement's finish."""

from __future__ import annotations

import json
from pathlib import Path

from praxis_socialwork.store import Plan, Repository


def _student(praxis, country: str = "England") -> None:
    code, _, err = praxis("init", "--name", "Sam Example", "--role", "student", "--country", country)
    assert code == 0, err
    code, _, err = praxis("placement", "add", "--name", "Riverside Family Centre", "--start", "02/11/2026",
                          "--days", "20", "--end", "04/12/2026")  # fmt: skip
    assert code == 0, err


def _plan(store_path: Path, clock) -> Plan:
    with Repository.open(store_path, clock) as repo:
        (plan,) = repo.plans()
    return plan


def test_adding_supervision_with_a_preset(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    code, out, err = praxis(
        "plan", "add", "--title", "Supervision with PE", "--kind", "Supervision", "--date", "01/12/2026",
        "--time", "9:30", "--minutes", "90", "--preset", "weekly-6-then-fortnightly",
        "--location", "Team room",
        "--placement", "riverside", "--remind", "15", "--remind", "1440",
    )  # fmt: skip
    assert code == 0, err
    assert "Added supervision 'Supervision with PE' from Tue 1 Dec 2026 at 09:30 UK time for 90 min" in out
    assert "weekly for the first 6 weeks, then fortnightly" in out
    assert "Next: Tue 1 Dec 2026 09:30, Tue 8 Dec 2026 09:30, Tue 15 Dec 2026 09:30 (UK time)" in out
    plan = _plan(store_path, clock)
    assert plan.rules == ["FREQ=WEEKLY;COUNT=6", "FREQ=WEEKLY;INTERVAL=2"]
    assert (plan.time, plan.minutes, plan.reminders, plan.location) == ("09:30", 90, [15, 1440], "Team room")
    with Repository.open(store_path, clock) as repo:
        assert plan.placement_id == repo.find_placement("riverside").id


def test_a_monthly_plan_from_rules_typed_and_mistakes_refused(praxis, store_path: Path, clock) -> None:
    code, out, err = praxis("plan", "add", "--title", "Team meeting", "--kind", "team-meeting",
                            "--date", "2026-12-08", "--time", "14:00", "--preset", "monthly")  # fmt: skip
    assert code == 0, err
    assert "Next: Tue 8 Dec 2026 14:00, Tue 12 Jan 2027 14:00, Tue 9 Feb 2027 14:00 (UK time)" in out
    code, _, err = praxis("plan", "add", "--title", "X", "--kind", "superv", "--date", "01/12/2026",
                          "--time", "25:00", "--rule", "FREQ=SOMETIMES")  # fmt: skip
    assert code == 1
    assert "Did you mean 'supervision'?" in err and "'25:00' is not a time" in err and "FREQ=SOMETIMES" in err
    code, _, err = praxis("plan", "add", "--title", "X", "--kind", "study", "--date", "01/12/2026",
                          "--preset", "montly")  # fmt: skip
    assert code == 1 and "Did you mean 'monthly'?" in err
    code, _, err = praxis("plan", "add", "--title", "X", "--kind", "study", "--date", "12/31/2026")
    assert code == 1 and "Dates are day first" in err
    assert [p.title for p in Repository.open(store_path, clock, read_only=True).plans()] == ["Team meeting"]


def test_plan_list_shows_what_is_coming_and_each_placements_finish(praxis) -> None:
    _student(praxis)
    praxis("plan", "add", "--title", "Supervision", "--kind", "supervision", "--date", "24/11/2026",
           "--time", "09:30", "--rule", "FREQ=WEEKLY;COUNT=3")  # fmt: skip
    praxis("plan", "add", "--title", "Study days", "--kind", "study", "--date", "26/11/2026",
           "--end-date", "27/11/2026")  # fmt: skip
    code, out, err = praxis("plan", "list")
    assert code == 0, err
    assert "Planned from Sun 22 Nov 2026 to Sun 17 Jan 2027:" in out
    lines = [line for line in out.splitlines() if "2026" in line and "Planned" not in line]
    assert [line.split("  ")[0] for line in lines[:4]] == [
        "Tue 24 Nov 2026", "Thu 26 Nov 2026", "Tue 1 Dec 2026", "Tue 8 Dec 2026",
    ]  # fmt: skip
    assert "09:30–10:30" in lines[0] and "all day, 2 days" in lines[1]
    # Nothing logged yet: 20 days from Mon 23 Nov (today is a Sunday) finish on Fri 18 Dec.
    assert "Riverside Family Centre: 0 of 20 days logged, 20 to go; planned finish Fri 18 Dec 2026" in out
    assert "(after the planned end, Fri 4 Dec 2026)" in out

    code, out, _ = praxis("plan", "list", "--from", "01/12/2026", "--to", "07/12/2026", "--json")
    data = json.loads(out)
    assert [o["start"] for o in data["occurrences"]] == ["2026-12-01T09:30:00+00:00"]
    (placement,) = data["placements"]
    assert placement["finish"] == "2026-12-18" and placement["days_left"] == 20
    code, _, err = praxis("plan", "list", "--from", "07/12/2026", "--to", "01/12/2026")
    assert code == 1 and "before --from" in err


def test_skipping_and_moving_one_occurrence(praxis, store_path: Path, clock) -> None:
    praxis("plan", "add", "--title", "Supervision", "--kind", "supervision", "--date", "01/12/2026",
           "--time", "09:30", "--preset", "weekly")  # fmt: skip
    plan_id = _plan(store_path, clock).id

    code, out, err = praxis("plan", "skip", plan_id[:8], "08/12/2026")
    assert code == 0, err
    assert out.strip() == "Skipped 'Supervision' on Tue 8 Dec 2026 09:30 (UK time)."
    code, _, err = praxis("plan", "skip", plan_id, "08/12/2026")
    assert code == 1 and "skipped already" in err
    code, _, err = praxis("plan", "skip", "supervision", "09/12/2026")
    assert code == 1 and "does not happen on Wed 9 Dec 2026; the nearest are" in err

    code, out, err = praxis("plan", "move", "Supervision", "15/12/2026", "17/12/2026T14:00")
    assert code == 0, err
    assert out.strip() == "Moved 'Supervision' from Tue 15 Dec 2026 09:30 to Thu 17 Dec 2026 14:00 (UK time)."
    code, out, _ = praxis("plan", "move", plan_id[:6], "22/12/2026", "23/12/2026")  # keeps its time
    assert "to Wed 23 Dec 2026 09:30" in out
    plan = _plan(store_path, clock)
    assert plan.skipped == ["2026-12-08"]
    assert plan.moved == {"2026-12-15": "2026-12-17T14:00", "2026-12-22": "2026-12-23T09:30"}
    assert plan.sequence == 4  # each change is an edit: a calendar sees it change

    code, out, _ = praxis("plan", "list", "--from", "01/12/2026", "--to", "31/12/2026")
    assert "moved from Tue 15 Dec 2026" in out and "Tue 8 Dec 2026" not in out
    # Moving back home forgets the move; moving by its new date works too.
    code, out, _ = praxis("plan", "move", plan_id, "17/12/2026", "15/12/2026")
    assert code == 0 and "to Tue 15 Dec 2026 09:30" in out
    assert "2026-12-15" not in _plan(store_path, clock).moved
    code, _, err = praxis("plan", "move", plan_id, "29/12/2026", "30/12/2026T25:00")
    assert code == 1 and "'25:00' is not a time" in err
    code, _, err = praxis("plan", "skip", "nothing-like-it", "29/12/2026")
    assert code == 1 and "no plan 'nothing-like-it'; plans:" in err


def test_an_all_day_item_moves_by_date_only(praxis, store_path: Path, clock) -> None:
    praxis("plan", "add", "--title", "Skills day", "--kind", "skills-day", "--date", "03/12/2026")
    code, _, err = praxis("plan", "move", "skills day", "03/12/2026", "04/12/2026T10:00")
    assert code == 1 and "all-day item" in err
    code, out, _ = praxis("plan", "move", "skills day", "03/12/2026", "4 December 2026")
    assert code == 0 and "to Fri 4 Dec 2026." in out
    assert _plan(store_path, clock).moved == {"2026-12-03": "2026-12-04"}


def test_placement_plan_shows_the_finish_days_left_and_holidays(praxis, monkeypatch) -> None:
    _student(praxis, country="Scotland")
    for day in ("02/11/2026", "03/11/2026", "04/11/2026"):
        assert praxis("log", "day", "--placement", "riverside", "--date", day)[0] == 0
    code, out, err = praxis("placement", "plan", "riverside")
    assert code == 0, err
    assert (
        "Riverside Family Centre (from Mon 2 Nov 2026, mon,tue,wed,thu,fri; bank holidays of scotland):"
        in out
    )
    # 17 days left from Mon 23 Nov, St Andrew's Day (Mon 30 Nov) skipped: Wed 16 Dec.
    assert "3 of 20 days logged, 17 to go; planned finish Wed 16 Dec 2026" in out
    assert "Next planned day: Mon 23 Nov 2026." in out
    assert "Mon 30 Nov 2026  Saint Andrew's Day" in out

    # An absence logged today (a working day) pushes the finish back one working day.
    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-23T12:00")
    assert praxis("log", "day", "--placement", "riverside", "--date", "today", "--kind", "absence")[0] == 0
    code, out, _ = praxis("placement", "plan")
    assert "3 of 20 days logged, 17 to go; planned finish Thu 17 Dec 2026" in out
    assert "Next planned day: Tue 24 Nov 2026." in out
    code, _, err = praxis("placement", "plan", "nowhere")
    assert code == 1 and "no placement called 'nowhere'" in err


def test_placement_plan_with_no_placements(praxis) -> None:
    praxis("init", "--name", "Sam Example", "--role", "student")
    code, out, _ = praxis("placement", "plan")
    assert code == 0 and "No placements yet" in out


def test_the_plan_commands_do_not_load_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom cli.main import main\n"
        "main(['init', '--name', 'Sam', '--role', 'student'])\n"
        "main(['plan', 'list']); main(['placement', 'plan'])\n"
        "sys.exit(3 if 'textual' in sys.modules else 0)\n"
    )
    env = {"PRAXIS_STORE": str(tmp_path / "s" / "praxis.json"), "PRAXIS_CLOCK": "2026-11-22T12:00",
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}  # fmt: skip
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Nothing planned" in done.stdout and "No placements yet" in done.stdout


def test_the_preset_help_names_every_preset(praxis) -> None:
    from praxis_socialwork.cli.plans import PRESET_HELP
    from praxis_socialwork.rules.schedule import PRESETS

    assert all(key in PRESET_HELP for key in PRESETS)
