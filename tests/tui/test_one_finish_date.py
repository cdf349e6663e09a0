"""One finish date everywhere: a placement with no planned end, a sick day, an absence and bank
holidays ahead finishes on the same day on the Placements screen, the dashboard, in ``praxis gaps``,
in ``praxis placement plan`` and in the exported calendar."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from praxis_socialwork.store import Placement, PlacementDay, Profile, Repository
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.screens.placements import PlacementsScreen
from tests.tui.helpers import screen_after, screen_text, shown

NAME = "Northfield Family Centre"
# 75 days from Mon 14 Sep 2026, no planned end. Every weekday to Fri 20 Nov logged (50), but Mon 2 Nov
# off sick and Tue 10 Nov an agreed absence: 48 counted, 27 to go. Working every day from Mon 23 Nov,
# Christmas Day and Boxing Day (Mon 28 Dec) are skipped: the 27th is Thu 31 Dec. Counted from the start
# with neither bank holidays nor the days missed, it would have been Fri 25 Dec.
FINISH = date(2026, 12, 31)
SHOWN = "Thu 31 Dec 2026"


@pytest.fixture
def student(store_path: Path, clock) -> Placement:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(
            Profile(name="Sam Example", role="student", country="england", frameworks=["degree-england"])
        )
        placement = repo.add(
            Placement(name=NAME, kind="first", setting="statutory", start=date(2026, 9, 14), required_days=75)
        )
        missed = {date(2026, 11, 2): "sick", date(2026, 11, 10): "absence"}
        days, day = [], date(2026, 9, 14)
        while day <= date(2026, 11, 20):
            if day.weekday() < 5:
                kind = missed.get(day, "practice")
                hours = 0.0 if kind in missed.values() else 7.5
                days.append(PlacementDay(placement_id=placement.id, date=day, kind=kind, hours=hours))
            day += timedelta(days=1)
        repo.add_many(days)
    return placement


async def test_the_placements_screen_and_the_dashboard(student, store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            # The dashboard: the course ends when its placement does, the placement's own days are
            # judged to its planned finish, and its end is the next deadline.
            text = screen_text(app)
            assert f"Mon 14 Sep 2026 – {SHOWN}" in text
            assert "planned finish (27 working days left)" in text and "GAP" not in text
            deadlines = shown(app, "#deadlines")
            assert f"{FINISH.day} {FINISH:%b %Y}" in deadlines and f"{NAME}: end" in deadlines
            await screen_after(pilot, PlacementsScreen, "p")
            totals = shown(app, "#totals")
            assert f"Planned finish {SHOWN}" in totals
            assert "A absence       1" in totals and "X sick          1" in totals


def test_praxis_gaps_gives_the_same_finish(student, praxis) -> None:
    code, out, err = praxis("gaps", "--json")
    assert code == 0, err
    (mine,) = [f for f in json.loads(out)["findings"] if f["requirement"] == "placement-days"]
    assert mine["placement"] == NAME and mine["status"] != "gap"
    assert mine["period_end"] == FINISH.isoformat()
    code, out, err = praxis("gaps")
    assert code == 0, err
    words = " ".join(out.split())
    assert f"48 of 75 days; 27 more by {SHOWN}, your planned finish (27 working days left)" in words
    assert "can no longer" not in words and "GAP" not in out


def test_praxis_placement_plan_gives_the_same_finish(student, praxis) -> None:
    code, out, err = praxis("placement", "plan")
    assert code == 0, err
    assert f"48 of 75 days logged, 27 to go; planned finish {SHOWN}." in out
    assert "Fri 25 Dec 2026  Christmas Day" in out and "Mon 28 Dec 2026  Boxing Day" in out
    # The pace so far, said as the gap engine says it: 18 of the last 20 working days worked.
    assert "At your pace so far you finish on Wed 6 Jan 2027 (4.5 days a week over the last 4 weeks)." in out


def test_the_calendar_export_gives_the_same_finish(student, praxis, tmp_path: Path) -> None:
    target = tmp_path / "praxis.ics"
    code, _, err = praxis("export", "ics", "-o", str(target))
    assert code == 0, err
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    (span,) = [e for e in events if str(e["SUMMARY"]) == f"Placement: {NAME}"]
    assert span.decoded("DTEND") - timedelta(days=1) == FINISH  # an all-day span ends the day after
    (end,) = [e for e in events if str(e["SUMMARY"]) == f"{NAME}: end"]
    assert end.decoded("DTSTART") == FINISH
    planned = sorted(
        e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith("Placement day (planned)")
    )
    assert len(planned) == 27 and planned[-1] == FINISH
    assert date(2026, 12, 25) not in planned and date(2026, 12, 28) not in planned


def test_the_report_gives_the_same_finish(student, praxis, tmp_path: Path) -> None:
    import html5lib

    target = tmp_path / "portfolio.html"
    code, _, err = praxis("export", "report", "-o", str(target))
    assert code == 0, err
    tree = html5lib.parse(target.read_bytes(), namespaceHTMLElements=False)
    text = " ".join(" ".join(tree.itertext()).split())
    assert f"Planned finish {SHOWN}" in text  # the register's facts
    assert f"27 more by {SHOWN}, your planned finish" in text  # the findings
