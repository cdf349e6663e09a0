"""Planned dates: a placement's finish, sessions that repeat, and what is due when."""

from __future__ import annotations

import time as timer
from datetime import UTC, date, datetime, timedelta

import pytest

from praxis_socialwork.rules.findings import Finding
from praxis_socialwork.rules.schedule import (
    PRESETS,
    Deadline,
    PlacementPlan,
    deadlines,
    occurrences,
    placement_plan,
    preset_rules,
    uk_holidays,
)
from praxis_socialwork.store import LONDON, Placement, PlacementDay, Plan

MON_FRI = ["mon", "tue", "wed", "thu", "fri"]


def _placement(start: date, days: int, weekdays: list[str] | None = None, **more) -> Placement:
    return Placement(
        id="pl-1", name="Riverside Family Centre", start=start, required_days=days,
        weekdays=weekdays or MON_FRI, **more,
    )  # fmt: skip


def _day(on: date, kind: str = "practice", placement_id: str = "pl-1") -> PlacementDay:
    return PlacementDay(id=f"d-{on}-{placement_id}", placement_id=placement_id, date=on, hours=7.5, kind=kind)


def _workdays(first: date, last: date) -> list[date]:
    return [
        first + timedelta(n) for n in range((last - first).days + 1) if (first + timedelta(n)).weekday() < 5
    ]


# -- holidays ---------------------------------------------------------------------------------


def test_each_country_has_its_own_bank_holidays() -> None:
    england = uk_holidays("england", [2026, 2027])
    scotland = uk_holidays("scotland", [2026, 2027])
    ni = uk_holidays("northern-ireland", [2026, 2027])
    assert date(2026, 1, 2) in scotland and date(2026, 1, 2) not in england
    assert ni[date(2027, 3, 17)] == "Saint Patrick's Day" and date(2027, 3, 17) not in england
    assert date(2027, 3, 29) in england and date(2027, 3, 29) not in scotland  # Easter Monday
    assert date(2026, 11, 30) in scotland  # St Andrew's Day
    assert uk_holidays("wales", [2026, 2027]) == england
    assert england[date(2026, 12, 28)] == "Boxing Day (observed)"


def test_an_unknown_country_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="northern-ireland"):
        uk_holidays("france", [2026])


# -- placement plan ---------------------------------------------------------------------------


def test_a_new_placement_is_planned_from_its_start_on_its_working_days() -> None:
    plan = placement_plan(_placement(date(2027, 5, 4), 6, ["tue", "thu"]), [], "england", date(2026, 11, 22))
    assert plan.planned == (
        date(2027, 5, 4), date(2027, 5, 6), date(2027, 5, 11), date(2027, 5, 13), date(2027, 5, 18),
        date(2027, 5, 20),
    )  # fmt: skip
    assert plan.finish == date(2027, 5, 20) and plan.logged == () and plan.skipped_holidays == ()


@pytest.mark.parametrize(
    ("country", "finish", "skipped"),
    [
        ("england", date(2027, 1, 6), [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]),
        ("wales", date(2027, 1, 6), [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]),
        ("northern-ireland", date(2027, 1, 6), [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]),
        (
            "scotland",
            date(2027, 1, 7),
            [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 4)],
        ),
    ],
)
def test_christmas_and_new_year_are_skipped_by_country(
    country: str, finish: date, skipped: list[date]
) -> None:
    # 15 days from Monday 14 December 2026, Monday to Friday.
    plan = placement_plan(_placement(date(2026, 12, 14), 15), [], country, date(2026, 11, 22))
    assert plan.finish == finish
    assert [d for d, _ in plan.skipped_holidays] == skipped
    assert not set(plan.planned) & set(skipped)
    assert len(plan.planned) == 15 and all(d.weekday() < 5 for d in plan.planned)


def test_2_january_is_a_holiday_in_scotland_only() -> None:
    # 3 days from Wednesday 31 December 2025: 31 Dec, (1 Jan everywhere), 2 Jan, 5 Jan.
    england = placement_plan(_placement(date(2025, 12, 31), 3), [], "england", date(2025, 12, 1))
    scotland = placement_plan(_placement(date(2025, 12, 31), 3), [], "scotland", date(2025, 12, 1))
    assert england.planned == (date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 5))
    assert scotland.planned == (date(2025, 12, 31), date(2026, 1, 5), date(2026, 1, 6))
    assert (date(2026, 1, 2), "New Year Holiday") in scotland.skipped_holidays


@pytest.mark.parametrize(
    ("country", "finish"),
    [
        ("england", date(2027, 3, 30)),  # Good Friday 26 Mar, Easter Monday 29 Mar
        ("scotland", date(2027, 3, 29)),  # Good Friday only
        ("northern-ireland", date(2027, 3, 31)),  # and St Patrick's Day, 17 Mar
    ],
)
def test_easter_and_st_patricks_day(country: str, finish: date) -> None:
    plan = placement_plan(_placement(date(2027, 3, 15), 10), [], country, date(2026, 11, 22))
    assert plan.finish == finish
    assert (date(2027, 3, 17) in plan.planned) is (country != "northern-ireland")


def _half_done(today: date, extra: list[PlacementDay] = ()) -> PlacementPlan:  # type: ignore[assignment]
    """20 days needed; Mon 2 to Fri 20 November 2026 logged (15 days), so 5 are left."""
    logged = [_day(d) for d in _workdays(date(2026, 11, 2), date(2026, 11, 20))]
    return placement_plan(_placement(date(2026, 11, 2), 20), logged + list(extra), "england", today)


def test_logged_days_count_and_today_is_planned_when_not_logged_yet() -> None:
    plan = _half_done(date(2026, 11, 23))
    assert len(plan.logged) == 15
    assert plan.planned == tuple(_workdays(date(2026, 11, 23), date(2026, 11, 27)))
    assert plan.finish == date(2026, 11, 27) and plan.days_left == 5


def test_an_absence_on_a_planned_day_moves_the_finish_one_working_day_later() -> None:
    before = _half_done(date(2026, 11, 23))
    after = _half_done(date(2026, 11, 23), [_day(date(2026, 11, 23), "absence")])
    assert date(2026, 11, 23) in before.planned and date(2026, 11, 23) not in after.planned
    assert before.finish == date(2026, 11, 27)
    assert after.finish == date(2026, 11, 30)  # the Monday after: the weekend is not worked
    assert after.days_left == 5


def test_sickness_and_bank_holidays_logged_do_not_count() -> None:
    extra = [_day(date(2026, 11, 23), "sick"), _day(date(2026, 11, 24), "bank-holiday")]
    plan = _half_done(date(2026, 11, 24), extra)
    assert len(plan.logged) == 15 and plan.planned[0] == date(2026, 11, 25)
    assert plan.finish == date(2026, 12, 1)


def test_a_day_worked_keeps_the_finish_and_days_missed_push_it_back() -> None:
    worked = _half_done(date(2026, 11, 24), [_day(date(2026, 11, 23))])
    assert worked.finish == date(2026, 11, 27) and worked.days_left == 4
    # Nothing logged on Mon 23 and Tue 24, and it is now Wednesday: those days are gone.
    missed = _half_done(date(2026, 11, 25))
    assert missed.planned[0] == date(2026, 11, 25) and missed.finish == date(2026, 12, 1)


def test_when_the_required_days_are_met_the_finish_is_the_last_day_logged() -> None:
    plan = _half_done(
        date(2026, 11, 23), [_day(d) for d in _workdays(date(2026, 11, 23), date(2026, 11, 27))]
    )
    assert plan.planned == () and plan.finish == date(2026, 11, 27) and len(plan.logged) == 20


def test_only_this_placements_days_are_read() -> None:
    others = [_day(d, placement_id="pl-2") for d in _workdays(date(2026, 11, 2), date(2026, 11, 20))]
    plan = placement_plan(_placement(date(2026, 11, 16), 5), others, "england", date(2026, 11, 16))
    assert plan.logged == () and plan.finish == date(2026, 11, 20)


def test_a_placement_without_working_days_or_start_has_no_finish() -> None:
    no_days = placement_plan(_placement(date(2026, 11, 2), 5, ["xyz"]), [], "england", date(2026, 11, 22))
    assert no_days.finish is None and no_days.planned == ()
    no_start = placement_plan(
        Placement(id="pl-1", name="x", required_days=5), [], "england", date(2026, 11, 22)
    )
    assert no_start.finish is None


def test_a_200_day_plan_is_quick() -> None:
    placement = _placement(date(2026, 9, 7), 200)
    placement_plan(placement, [], "scotland", date(2026, 9, 1))  # the holidays library loads once
    started = timer.perf_counter()
    plan = placement_plan(placement, [], "northern-ireland", date(2026, 9, 1))
    took_ms = (timer.perf_counter() - started) * 1000
    assert len(plan.planned) == 200 and plan.finish is not None
    assert took_ms < 200  # the bench holds it to 50 ms; this only catches a runaway


# -- occurrences ------------------------------------------------------------------------------


def _plan(**fields) -> Plan:
    base = {"id": "plan-1", "title": "Supervision", "kind": "supervision", "location": "Room 2"}
    return Plan(**(base | fields))


def test_a_weekly_0930_session_stays_at_0930_across_both_clock_changes() -> None:
    spring = _plan(date=date(2026, 3, 22), time="09:30", minutes=60, rules=["FREQ=WEEKLY"])
    a, b, c = occurrences(spring, date(2026, 3, 22), date(2026, 4, 5))
    assert [o.start.date() for o in (a, b, c)] == [date(2026, 3, 22), date(2026, 3, 29), date(2026, 4, 5)]
    assert all((o.start.hour, o.start.minute) == (9, 30) and o.start.tzinfo is LONDON for o in (a, b, c))
    assert a.start.astimezone(UTC).hour == 9 and b.start.astimezone(UTC).hour == 8  # GMT, then BST
    assert b.end - b.start == timedelta(hours=1) and b.end.hour == 10

    autumn = _plan(date=date(2026, 10, 18), time="09:30", minutes=90, rules=["FREQ=WEEKLY;COUNT=3"])
    x, y, z = occurrences(autumn, date(2026, 10, 1), date(2026, 12, 31))
    assert [o.start.astimezone(UTC).hour for o in (x, y, z)] == [8, 9, 9]  # BST, then GMT from 25 Oct
    assert y.start == datetime(2026, 10, 25, 9, 30, tzinfo=LONDON) and y.end.strftime("%H:%M") == "11:00"


def test_a_plan_without_rules_happens_once() -> None:
    (only,) = occurrences(
        _plan(date=date(2026, 12, 3), time="14:00", minutes=45), date(2026, 1, 1), date(2027, 1, 1)
    )
    assert only.start == datetime(2026, 12, 3, 14, 0, tzinfo=LONDON) and not only.moved
    assert only.end == datetime(2026, 12, 3, 14, 45, tzinfo=LONDON) and only.location == "Room 2"
    assert occurrences(_plan(date=date(2026, 12, 3), time="14:00"), date(2026, 12, 4), date(2027, 1, 1)) == []


def test_weekly_for_6_weeks_then_fortnightly() -> None:
    start = date(2026, 12, 1)
    plan = _plan(date=start, time="10:00", rules=preset_rules("weekly-6-then-fortnightly", start))
    got = [o.original for o in occurrences(plan, start, date(2027, 3, 1))]
    weekly = [start + timedelta(weeks=n) for n in range(6)]  # 1 Dec .. 5 Jan
    fortnightly = [
        date(2027, 1, 19) + timedelta(weeks=2 * n) for n in range(4)
    ]  # 19 Jan, 2 Feb, 16 Feb, 2 Mar
    assert got == weekly + fortnightly[:3]


def test_the_first_year_supervision_preset_ends_monthly_on_the_same_weekday() -> None:
    start = date(2026, 1, 5)  # the 1st Monday
    plan = _plan(date=start, time="10:00", rules=preset_rules("supervision-first-year", start))
    got = [o.original for o in occurrences(plan, start, date(2026, 12, 31))]
    assert got[:7] == [start + timedelta(weeks=n) for n in range(6)] + [date(2026, 2, 23)]
    assert got[15] == date(2026, 6, 29)  # the 10th fortnightly, about 6 months on
    assert got[16:] == [
        date(2026, 8, 3),
        date(2026, 9, 7),
        date(2026, 10, 5),
        date(2026, 11, 2),
        date(2026, 12, 7),
    ]


def test_monthly_keeps_the_weekday_of_the_month() -> None:
    second_tuesday = date(2026, 11, 10)
    assert preset_rules("monthly", second_tuesday) == ["FREQ=MONTHLY;BYDAY=2TU"]
    plan = _plan(date=second_tuesday, time="", rules=preset_rules("monthly", second_tuesday))
    got = [o.start for o in occurrences(plan, date(2026, 11, 1), date(2027, 3, 31))]
    assert got == [
        date(2026, 11, 10),
        date(2026, 12, 8),
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
    ]
    assert preset_rules("monthly", date(2026, 12, 29)) == [
        "FREQ=MONTHLY;BYDAY=-1TU"
    ]  # a 5th Tuesday: the last


def test_presets_have_labels_and_unknown_ones_are_refused() -> None:
    assert {"weekly-6-then-fortnightly", "weekly", "fortnightly", "monthly"} <= PRESETS.keys()
    assert PRESETS["weekly-6-then-fortnightly"][0] == "weekly for the first 6 weeks, then fortnightly"
    with pytest.raises(ValueError, match="monthly"):
        preset_rules("sometimes", date(2026, 1, 1))


def test_the_start_date_is_always_the_first_occurrence_and_counts() -> None:
    # RFC 5545: DTSTART is the first instance even when the rule would not give it.
    monday = date(2026, 11, 30)
    plan = _plan(date=monday, time="09:00", rules=["FREQ=WEEKLY;BYDAY=TU;COUNT=3"])
    assert [o.original for o in occurrences(plan, monday, date(2027, 1, 31))] == [
        monday, date(2026, 12, 1), date(2026, 12, 8),
    ]  # fmt: skip


def test_until_in_utc_or_as_a_date_includes_the_last_day() -> None:
    utc = _plan(date=date(2026, 6, 1), time="09:30", rules=["FREQ=WEEKLY;UNTIL=20260615T083000Z"])
    assert [o.original.day for o in occurrences(utc, date(2026, 6, 1), date(2026, 7, 31))] == [1, 8, 15]
    day = _plan(date=date(2026, 6, 1), time="09:30", rules=["FREQ=WEEKLY;UNTIL=20260615"])
    assert [o.original.day for o in occurrences(day, date(2026, 6, 1), date(2026, 7, 31))] == [1, 8, 15]


def test_a_rule_that_never_ends_is_the_last_one_used() -> None:
    plan = _plan(date=date(2026, 6, 1), time="09:30", rules=["FREQ=WEEKLY", "FREQ=DAILY;COUNT=3"])
    got = [o.original for o in occurrences(plan, date(2026, 6, 1), date(2026, 6, 30))]
    assert got == [date(2026, 6, 1) + timedelta(weeks=n) for n in range(5)]


def test_skipped_and_moved_occurrences() -> None:
    plan = _plan(
        date=date(2026, 12, 1), time="09:30", minutes=60, rules=["FREQ=WEEKLY;COUNT=5"],
        skipped=["2026-12-08"],
        moved={"2026-12-15": "2026-12-17T14:00", "2026-12-29": "2027-01-04T09:30"},
    )  # fmt: skip
    got = occurrences(plan, date(2026, 12, 1), date(2026, 12, 31))
    assert [(o.original, o.start.date(), o.moved) for o in got] == [
        (date(2026, 12, 1), date(2026, 12, 1), False),
        (date(2026, 12, 15), date(2026, 12, 17), True),
        (date(2026, 12, 22), date(2026, 12, 22), False),
        (date(2026, 12, 29), date(2027, 1, 4), True),  # its original date is in the window
    ]
    assert got[1].start == datetime(2026, 12, 17, 14, 0, tzinfo=LONDON)
    assert got[1].end == datetime(2026, 12, 17, 15, 0, tzinfo=LONDON)
    # Moved into a window its original date is outside of.
    (into,) = occurrences(plan, date(2027, 1, 1), date(2027, 1, 31))
    assert into.original == date(2026, 12, 29) and into.start.date() == date(2027, 1, 4)


def test_all_day_items_give_dates_with_an_exclusive_end() -> None:
    plan = _plan(date=date(2026, 12, 10), time="", end_date=date(2026, 12, 11), rules=["FREQ=WEEKLY;COUNT=2"],
                 moved={"2026-12-17": "2026-12-18"})  # fmt: skip
    first, second = occurrences(plan, date(2026, 12, 1), date(2026, 12, 31))
    assert (first.start, first.end) == (date(2026, 12, 10), date(2026, 12, 12))
    assert not isinstance(first.start, datetime)
    assert (second.start, second.end, second.original) == (
        date(2026, 12, 18),
        date(2026, 12, 20),
        date(2026, 12, 17),
    )


# -- deadlines --------------------------------------------------------------------------------


def _finding(framework: str, requirement: str, status: str, due: date | None, placement: str = "") -> Finding:
    return Finding(
        framework=framework, version="2021", requirement=requirement, title=f"{requirement} title",
        status=status, have=0, need=1, unit="pieces", period_start=None, period_end=None, due=due,
        message="", placement=placement,
    )  # fmt: skip


def test_deadlines_from_findings_one_per_framework_and_date() -> None:
    nov30 = date(2026, 11, 30)
    findings = [
        _finding("swe", "pieces", "at_risk", nov30),
        _finding("swe", "peer-reflection", "gap", nov30),
        _finding("swe", "learning-impact", "met", nov30),
        _finding("niscc", "prtl-hours", "on_track", date(2028, 3, 31)),
        _finding("asye", "final-review", "gap", date(2027, 9, 1)),
        _finding("pcf", "domains", "info", date(2027, 1, 1)),
        _finding("swe", "pieces", "gap", date(2025, 11, 30)),  # already past
        _finding("degree-england", "placement-days", "at_risk", date(2027, 2, 12), placement="Final"),
    ]
    got = deadlines(findings, [], {}, date(2026, 11, 22))
    assert [(d.due, d.kind) for d in got] == [
        (nov30, "cpd"), (date(2027, 9, 1), "review"), (date(2028, 3, 31), "cpd"),
    ]  # fmt: skip
    assert got[0].title == "SWE due: pieces title (and 1 more)" and got[0].reminders == (30, 7)
    again = deadlines(list(reversed(findings)), [], {}, date(2026, 11, 22))
    assert [d.id for d in again] == [d.id for d in got]  # stable across runs
    assert len({d.id for d in got}) == 3


def test_placement_midpoint_and_end_follow_the_planned_finish() -> None:
    placement = _placement(date(2026, 11, 2), 20, planned_end=date(2026, 12, 18))
    logged = [_day(d) for d in _workdays(date(2026, 11, 2), date(2026, 11, 20))]
    on_time = placement_plan(placement, logged, "england", date(2026, 11, 23))
    late = placement_plan(
        placement, [*logged, _day(date(2026, 11, 23), "sick")], "england", date(2026, 11, 23)
    )
    first = deadlines([], [placement], {placement.id: on_time}, date(2026, 11, 1))
    second = deadlines([], [placement], {placement.id: late}, date(2026, 11, 1))
    assert [(d.kind, d.due) for d in first] == [
        ("placement-midpoint", date(2026, 11, 13)),  # the 10th of 20 days
        ("placement-end", date(2026, 11, 27)),
    ]
    assert second[1].due == date(2026, 11, 30) and second[1].id == first[1].id  # moved, same event
    assert first[1].title == "Riverside Family Centre: end"
    # Without a plan: the planned end, and halfway to it; past ones left out.
    plain = deadlines([], [placement], {}, date(2026, 11, 26))
    assert [(d.kind, d.due) for d in plain] == [("placement-end", date(2026, 12, 18))]
    assert isinstance(plain[0], Deadline)
    assert deadlines([], [placement], {}, date(2026, 11, 1))[0].due == date(2026, 11, 25)


def test_an_absence_logged_ahead_is_skipped_without_moving_the_days_before_it() -> None:
    # Fri 27 Nov agreed as an absence in advance: Mon 23 to Thu 26 are still planned, then Mon 30.
    plan = _half_done(date(2026, 11, 23), [_day(date(2026, 11, 27), "absence")])
    assert plan.planned == (*_workdays(date(2026, 11, 23), date(2026, 11, 26)), date(2026, 11, 30))
    assert plan.finish == date(2026, 11, 30)
