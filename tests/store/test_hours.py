"""Hours as people write them: one parser for the forms, ``--hours`` and CSV imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from praxis_socialwork.exports import import_csv
from praxis_socialwork.store import Repository, ValidationError
from praxis_socialwork.store.hours import HoursError, parse_hours


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1.5", 1.5),
        ("7,5", 7.5),
        (".5", 0.5),
        ("1:30", 1.5),
        ("0:45", 0.75),
        ("90m", 1.5),
        ("45 mins", 0.75),
        ("20 minutes", 0.3333),
        ("1h30", 1.5),
        ("1h 30m", 1.5),
        ("1 h 30", 1.5),
        ("7h", 7.0),
        ("2 hours", 2.0),
        ("2 hrs", 2.0),
        ("1 hour 30 minutes", 1.5),
        ("1 hour and 15 mins", 1.25),
        (" 3 ", 3.0),
    ],
)
def test_hours_read_as_people_write_them(typed: str, hours: float) -> None:
    assert parse_hours(typed) == hours


@pytest.mark.parametrize(
    "typed", ["", "abc", "1:75", "-1", "1 1/2", "h", "90 seconds", "nan", "inf", "1h30h"]
)
def test_what_is_not_hours_says_what_is_accepted(typed: str) -> None:
    with pytest.raises(HoursError) as caught:
        parse_hours(typed)
    assert str(caught.value) == f"'{typed.strip()}' is not a number of hours; write 1.5, 1:30, 90m or 1h30"


def test_the_command_line_takes_the_same_hours(praxis) -> None:
    assert praxis("init", "--name", "Jo Example", "--role", "practitioner", "--framework", "swe")[0] == 0
    code, out, err = praxis(
        "add", "activity", "--title", "Supervision", "--date", "3/11/2026", "--hours", "1:30"
    )
    assert code == 0, err
    assert ", 1.5 h (" in out
    code, out, err = praxis(
        "add", "activity", "--title", "Webinar", "--date", "3/11/2026", "--hours", "an hour"
    )
    assert code != 0
    assert "hours: 'an hour' is not a number of hours; write 1.5, 1:30, 90m or 1h30" in err
    code, out, _ = praxis("list", "activities", "--json")
    assert [(a["title"], a["hours"]) for a in json.loads(out)] == [("Supervision", 1.5)]


def test_a_csv_import_takes_the_same_hours(store_path: Path, clock, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("date,title,hours\n2026-03-04,One,90m\n2026-03-05,Two,1h 15m\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title,hours\n2026-03-06,Three,lots\n", encoding="utf-8")
    with Repository.open(store_path, clock) as repo:
        import_csv(repo, good)
        with pytest.raises(ValidationError) as caught:
            import_csv(repo, bad)
    assert "line 2, column 3: hours: 'lots' is not a number of hours; write 1.5, 1:30, 90m or 1h30" in str(
        caught.value
    )
    with Repository.open(store_path, clock) as again:
        assert sorted((a.title, a.hours) for a in again.activities()) == [("One", 1.5), ("Two", 1.25)]
