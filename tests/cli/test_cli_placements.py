"""Logging several days at once, and deleting or archiving a placement, from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from praxis_socialwork.store import Placement, PlacementDay, Repository
from praxis_socialwork.store.signing import Educator, sign_off_all


def _student(praxis, weekdays: str = "mon-thu") -> None:
    code, _, err = praxis(
        "init", "--name", "Sam Example", "--role", "student", "--framework", "degree-england"
    )
    assert code == 0, err
    code, _, err = praxis(
        "placement", "add", "--name", "Northfield", "--start", "01/09/2026", "--days", "70",
        "--weekdays", weekdays, "--hours-per-day", "7",
    )  # fmt: skip
    assert code == 0, err


def _dates(store_path: Path, clock) -> dict[date, PlacementDay]:
    with Repository.open(store_path, clock, read_only=True) as repo:
        return {d.date: d for d in repo.days()}


def test_log_days_logs_the_working_week_and_skips_what_is_logged(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    assert praxis("log", "day", "--placement", "north", "--date", "17/11/2026", "--kind", "study")[0] == 0
    code, out, err = praxis(
        "log", "days", "--placement", "north", "--from", "16/11/2026", "--to", "22/11/2026"
    )
    assert code == 0, err
    assert (
        "Logged 3 days at Northfield (practice, 7 h each): Mon 16 Nov 2026, Wed 18 Nov 2026, Thu 19 Nov 2026"
        in out
    )
    assert "Skipped (already logged): Tue 17 Nov 2026." in out
    assert "Left out 3 non-working days." in out  # Friday (a Mon–Thu placement), Saturday, Sunday
    days = _dates(store_path, clock)
    assert sorted(days) == [date(2026, 11, d) for d in (16, 17, 18, 19)]
    assert days[date(2026, 11, 17)].kind == "study"  # the day already logged is left as it was
    assert days[date(2026, 11, 16)].hours == 7


def test_log_days_skips_bank_holidays_and_days_before_the_start(praxis, store_path: Path, clock) -> None:
    _student(praxis, "mon-fri")
    code, out, _ = praxis(
        "log", "days", "--placement", "Northfield", "--from", "27/08/2026", "--to", "02/09/2026",
        "--kind", "skills", "--hours", "6",
    )  # fmt: skip
    assert code == 0
    assert "Skipped (before the placement starts): Thu 27 Aug 2026, Fri 28 Aug 2026." in out
    assert "Skipped (bank holiday: Late Summer Bank Holiday): Mon 31 Aug 2026." in out
    days = _dates(store_path, clock)
    assert sorted(days) == [date(2026, 9, 1), date(2026, 9, 2)]
    assert {(d.kind, d.hours) for d in days.values()} == {("skills", 6)}


def test_log_days_refuses_bad_input_and_saves_nothing(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    code, _, err = praxis("log", "days", "--placement", "north", "--from", "20/11/2026", "--to", "01/11/2026")
    assert code == 1 and "to: the last day (Sun 1 Nov 2026) is before the first (Fri 20 Nov 2026)" in err
    code, _, err = praxis("log", "days", "--placement", "north", "--from", "16/11/2026", "--to", "27/11/2026")
    assert code == 1 and "to: Fri 27 Nov 2026 has not happened yet" in err
    code, _, err = praxis("log", "days", "--placement", "north", "--from", "16/11/2026", "--hours", "-2")
    assert code == 1 and "hours:" in err and "Traceback" not in err
    code, _, err = praxis("log", "days", "--placement", "north", "--from", "16/11/2026", "--kind", "holiday!")
    assert code == 1 and "kind:" in err
    assert _dates(store_path, clock) == {}


def _sign(store_path: Path, clock, tmp_path: Path, count: int) -> None:
    with Repository.open(store_path, clock) as repo:
        days = repo.days()[:count]
        repo.add_many(
            sign_off_all(days, Educator("Jo Educator", "Practice educator", tmp_path), "2026-11-22T12:00")
        )


def test_placement_delete_asks_then_takes_the_days_too(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    assert praxis("log", "days", "--placement", "north", "--from", "16/11/2026")[0] == 0
    code, _, err = praxis("placement", "delete", "north")
    assert code == 1 and "would delete placement 'Northfield' and the 4 days logged in it. Add --yes" in err
    assert len(_dates(store_path, clock)) == 4
    code, out, _ = praxis("placement", "delete", "north", "--yes")
    assert code == 0 and "Deleted placement 'Northfield' and the 4 days logged in it." in out
    with Repository.open(store_path, clock, read_only=True) as repo:
        assert repo.placements() == [] and repo.days() == []
        assert any("before-deleting-a-placement" in b.path.name for b in repo.list_backups())


def test_placement_delete_refuses_signed_days_unless_told(praxis, store_path: Path, clock, tmp_path) -> None:
    _student(praxis)
    assert praxis("log", "days", "--placement", "north", "--from", "16/11/2026")[0] == 0
    _sign(store_path, clock, tmp_path, 2)
    code, _, err = praxis("placement", "delete", "north", "--yes")
    assert code == 1
    assert "2 days in it signed off by a practice educator (Mon 16 Nov 2026, Tue 17 Nov 2026)" in err
    assert "nothing was deleted" in err
    assert len(_dates(store_path, clock)) == 4
    code, out, _ = praxis("placement", "delete", "north", "--yes", "--signed-too")
    assert code == 0 and _dates(store_path, clock) == {}


def test_placement_archive_keeps_the_days(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    assert praxis("log", "days", "--placement", "north", "--from", "16/11/2026")[0] == 0
    code, out, _ = praxis("placement", "archive", "north")
    assert code == 0 and "Archived placement 'Northfield'" in out and "its 4 days kept" in out
    with Repository.open(store_path, clock, read_only=True) as repo:
        (placement,) = repo.placements()
        assert placement.archived and len(repo.days()) == 4
    assert "Northfield (archived)" in praxis("list", "placements")[1]
    code, out, _ = praxis("placement", "unarchive", "north")
    assert code == 0 and "shown again" in out
    with Repository.open(store_path, clock, read_only=True) as repo:
        assert repo.get(Placement, placement.id).archived is False


def test_log_days_over_days_all_logged_says_so_and_changes_nothing(praxis, store_path: Path, clock) -> None:
    _student(praxis)
    assert praxis("log", "days", "--placement", "north", "--from", "16/11/2026")[0] == 0
    before = _dates(store_path, clock)
    code, out, _ = praxis("log", "days", "--placement", "north", "--from", "16/11/2026", "--to", "20/11/2026")
    assert code == 0 and "Nothing new to log at Northfield." in out
    assert (
        "Skipped (already logged): Mon 16 Nov 2026, Tue 17 Nov 2026, Wed 18 Nov 2026, Thu 19 Nov 2026." in out
    )
    assert _dates(store_path, clock) == before
