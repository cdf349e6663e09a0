"""Placement arithmetic on real dates: totals by kind, counted days, the pace and the projected finish."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from praxis_socialwork.rules.periods import nth_working_day_after, working_days_between, working_weekdays
from praxis_socialwork.rules.schedule import placement_plan
from praxis_socialwork.services.placement_progress import current_placement, progress, weekdays_text
from praxis_socialwork.store import Placement, PlacementDay

TODAY = date(2026, 11, 22)  # a Sunday


def placement(pid: str = "p1", **kw) -> Placement:
    values = dict(name="Northfield Family Centre", start=date(2026, 9, 14), required_days=70)
    values.update(kw)
    return Placement(id=pid, **values)


def days_on(
    p: Placement, first: date, last: date, kind: str = "practice", hours: float = 7.5
) -> list[PlacementDay]:
    """A day of ``kind`` on each of the placement's working weekdays from first to last."""
    weekdays = working_weekdays(p)
    out = []
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            out.append(PlacementDay(id=f"d{day}", placement_id=p.id, date=day, kind=kind, hours=hours))
        day += timedelta(days=1)
    return out


def with_kind(days: list[PlacementDay], on: date, kind: str, hours: float = 0.0) -> list[PlacementDay]:
    for d in days:
        if d.date == on:
            d.kind, d.hours = kind, hours
            return days
    raise AssertionError(f"no day on {on}")


def test_full_time_placement_at_full_pace_finishes_on_the_working_day_the_days_run_out() -> None:
    p = placement()
    days = days_on(p, date(2026, 9, 14), date(2026, 11, 20))  # ten full weeks: 50 days
    with_kind(days, date(2026, 9, 21), "absence")
    with_kind(days, date(2026, 10, 6), "sick")
    with_kind(days, date(2026, 10, 7), "absence")
    with_kind(days, date(2026, 10, 8), "study", hours=7.5)

    got = progress(p, days, TODAY)

    assert got.by_kind == {
        "practice": 46,
        "skills": 0,
        "study": 1,
        "absence": 2,
        "sick": 1,
        "bank-holiday": 0,
    }
    assert got.counted == 46 and got.required == 70 and got.days_left == 24
    assert got.hours == 47 * 7.5 and got.counted_hours == 46 * 7.5
    # 26 Oct to 20 Nov: every weekday worked, 20 days in 4 weeks.
    assert got.pace == 5.0 and got.pace_weeks == 4.0
    # 24 more weekdays from Monday 23 Nov: 4 weeks to Fri 18 Dec, then Mon 21 … Thu 24 Dec.
    assert got.finish == date(2026, 12, 24)
    assert got.full_time_finish == date(2026, 12, 24)
    assert not got.done
    assert got.fraction == pytest.approx(46 / 70)


def test_absences_in_the_last_four_weeks_slow_the_pace_and_push_the_finish_back() -> None:
    p = placement()
    days = days_on(p, date(2026, 9, 14), date(2026, 11, 20))
    for on in (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 16)):
        with_kind(days, on, "absence")

    got = progress(p, days, TODAY)

    assert got.counted == 46 and got.days_left == 24
    assert got.pace == 16 / 4  # 4 days a week
    # 4 of 5 working days worked: 24 days need 30 working days from Mon 23 Nov. Christmas Day, Boxing
    # Day (Mon 28 Dec) and New Year's Day are bank holidays, not worked: Wed 6 Jan, not Fri 1 Jan.
    assert got.finish == date(2027, 1, 6)
    assert got.full_time_finish == date(2026, 12, 24)


def test_the_totals_say_your_pace_so_far_in_whole_days_when_whole() -> None:
    from praxis_socialwork.tui.screens.placements import totals_lines

    p = placement()
    days = days_on(p, date(2026, 9, 14), date(2026, 11, 20))
    for on in (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 16)):
        with_kind(days, on, "absence")
    lines = totals_lines(p, progress(p, days, TODAY), TODAY)
    assert "Your pace so far 4 days/wk (4 wk)" in lines  # not "Pace 4.0 days a week"
    assert "Planned finish [b]Thu 24 Dec 2026[/b]" in lines  # every working day from now worked
    assert "At your pace so far: [b]Wed 6 Jan 2027[/b]" in lines
    assert all(len(line) <= 37 for line in lines if "[" not in line)


def test_part_time_three_day_week_counts_only_its_own_weekdays() -> None:
    p = placement(start=date(2026, 10, 5), required_days=40, weekdays=["mon", "wed", "thu"])
    days = days_on(p, date(2026, 10, 5), date(2026, 11, 19))  # seven weeks of Mon, Wed, Thu: 21 days

    got = progress(p, days, TODAY)

    assert got.counted == 21 and got.days_left == 19
    assert got.pace == 3.0
    # Six weeks of three days end Thu 31 Dec, less Boxing Day (Mon 28 Dec): the 19th day is Wed 6 Jan.
    assert got.finish == date(2027, 1, 6)
    assert weekdays_text(p) == "Mon, Wed, Thu"


def test_planned_end_gives_working_days_left_from_today() -> None:
    p = placement(planned_end=date(2026, 12, 18))
    got = progress(p, days_on(p, date(2026, 9, 14), date(2026, 11, 20)), TODAY)
    assert got.working_days_to_end == 20  # Mon 23 Nov to Fri 18 Dec


def test_a_placement_two_weeks_in_measures_its_pace_over_those_two_weeks() -> None:
    p = placement(start=date(2026, 11, 9))
    got = progress(p, days_on(p, date(2026, 11, 9), date(2026, 11, 20)), TODAY)
    assert got.pace_weeks == 2.0
    assert got.pace == 5.0


def test_early_in_a_placement_the_pace_is_the_share_of_working_days_gone_by() -> None:
    # The pace is counted days against the working days that went by, so a placement that began on a
    # Friday with that Friday worked is at full pace (not one day a week, which would put its finish
    # months late and call it at risk); the weeks measured are still at least one.
    p = placement(start=date(2026, 11, 20))
    got = progress(p, days_on(p, date(2026, 11, 20), date(2026, 11, 20)), TODAY)
    assert got.pace == 5.0 and got.pace_weeks == 1.0
    # Begun on Wednesday, only Wednesday worked: 1 of 3 working days.
    p = placement(start=date(2026, 11, 18))
    got = progress(p, days_on(p, date(2026, 11, 18), date(2026, 11, 18)), TODAY)
    assert got.pace == pytest.approx(5 / 3)


def test_no_days_counted_lately_means_no_pace_and_no_projection() -> None:
    p = placement()
    days = days_on(p, date(2026, 9, 14), date(2026, 10, 9))  # stopped logging in October
    got = progress(p, days, TODAY)
    assert got.counted == 20
    assert got.pace is None and got.finish is None
    # The planned finish is still there: 50 working days from Mon 23 Nov, bank holidays skipped.
    assert got.full_time_finish == placement_plan(p, days, "england", TODAY).finish == date(2027, 2, 3)


def test_a_placement_not_started_has_no_pace_but_a_full_time_finish_from_its_start() -> None:
    p = placement(start=date(2027, 1, 11), required_days=5)
    got = progress(p, [], TODAY)
    assert got.pace is None and got.finish is None
    assert got.full_time_finish == date(2027, 1, 15)


def test_finished_placement_reports_the_day_the_requirement_was_met() -> None:
    p = placement(required_days=10)
    got = progress(p, days_on(p, date(2026, 9, 14), date(2026, 10, 2)), TODAY)
    assert got.done and got.days_left == 0
    assert got.finish == date(2026, 9, 25)  # the tenth weekday from Mon 14 Sep


def test_logging_today_moves_the_projection_to_start_tomorrow() -> None:
    p = placement(required_days=2, start=date(2026, 11, 16))
    monday = date(2026, 11, 23)
    days = [PlacementDay(id="a", placement_id="p1", date=monday, hours=7.5)]
    got = progress(p, days, monday)
    assert got.days_left == 1
    assert got.full_time_finish == date(2026, 11, 24)
    got_before = progress(p, [], monday)
    assert got_before.full_time_finish == date(2026, 11, 24)  # Mon 23 and Tue 24


def test_days_of_other_placements_are_ignored() -> None:
    p = placement()
    other = PlacementDay(id="x", placement_id="other", date=date(2026, 11, 20), hours=7.5)
    assert progress(p, [other], TODAY).counted == 0


def test_nth_working_day_and_working_days_between() -> None:
    mon_fri = frozenset(range(5))
    assert nth_working_day_after(date(2026, 11, 20), 1, mon_fri) == date(2026, 11, 23)
    assert nth_working_day_after(date(2026, 11, 20), 5, mon_fri) == date(2026, 11, 27)
    assert nth_working_day_after(date(2026, 11, 20), 6, mon_fri) == date(2026, 11, 30)
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 29), mon_fri) == 5
    assert working_days_between(date(2026, 11, 29), date(2026, 11, 23), mon_fri) == 0
    assert working_days_between(date(2026, 11, 1), date(2026, 11, 30), frozenset({0, 2})) == 9


def test_current_placement_prefers_the_running_one_then_the_latest_started() -> None:
    first = placement("a", start=date(2026, 1, 12), planned_end=date(2026, 4, 24))
    second = placement("b", start=date(2026, 9, 14), planned_end=date(2026, 12, 18))
    later = placement("c", start=date(2027, 2, 1), planned_end=date(2027, 6, 25))
    assert current_placement([first, second, later], TODAY) is second
    assert current_placement([first, later], TODAY) is first  # none running: the latest started
    assert current_placement([later], TODAY) is later  # none started: the soonest to start
    assert current_placement([], TODAY) is None
    assert weekdays_text(first) == "Mon–Fri"
