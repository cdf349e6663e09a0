"""A placement's outlook (planned finish, working days left, pace so far) and the gap engine judging
placement days and course totals from it: one finish date, bank holidays and days missed included."""

from __future__ import annotations

from datetime import date

import pytest

from praxis_socialwork import rules
from praxis_socialwork.rules.placement_outlook import country_of, placement_outlook
from praxis_socialwork.rules.schedule import placement_plan
from praxis_socialwork.store import Profile


@pytest.fixture(scope="module")
def catalogue() -> rules.Catalogue:
    return rules.load_catalogue()


def judge(catalogue, fid, on, *, placements=(), days=(), profile=None) -> list[rules.Finding]:
    records = rules.Records([], list(placements), list(days), [])
    return rules.evaluate(catalogue.frameworks[fid], records, profile, on)


def per_placement(found, rid) -> dict[str, rules.Finding]:
    return {f.placement: f for f in found if f.requirement == rid}


def course_total(found) -> rules.Finding:
    (total,) = [f for f in found if f.requirement == "practice-days"]
    return total


# -- the outlook ---------------------------------------------------------------------------------------
def test_sick_days_absences_and_bank_holidays_move_the_planned_finish(make) -> None:
    # 20 days from Mon 7 Dec 2026; Mon 7 to Fri 18 Dec logged, one of them sick and one an absence, so
    # 8 counted and 12 to go from Mon 21 Dec, skipping Christmas Day, Boxing Day (Mon 28) and New Year.
    p = make.placement("Northshire", date(2026, 12, 7), 20)
    days = make.days(p, date(2026, 12, 7), 10)
    days[2].kind, days[6].kind = "sick", "absence"
    o = placement_outlook(p, days, "england", date(2026, 12, 20))
    assert (o.needed, o.finish, o.end) == (12, date(2027, 1, 8), date(2027, 1, 8))
    assert o.finish == placement_plan(p, days, "england", date(2026, 12, 20)).finish
    assert o.working_days_left == 12  # without a planned end it ends where the days run out
    # 8 of the 10 working days gone by were worked: 12 more at 4 a week take 15 working days.
    assert o.pace == 4.0 and o.pace_finish == date(2027, 1, 13)
    assert o.on_track(o.needed)  # no planned end to miss


def test_working_days_left_to_a_planned_end_skip_bank_holidays_by_country(make) -> None:
    # Mon 1 to Thu 25 Mar 2027: 19 weekdays; St Patrick's Day (Wed 17 Mar) only in Northern Ireland.
    p = make.placement("Belfast", date(2027, 3, 1), 20, planned_end=date(2027, 3, 25))
    assert placement_outlook(p, [], "england", date(2027, 3, 1)).working_days_left == 19
    assert placement_outlook(p, [], "northern-ireland", date(2027, 3, 1)).working_days_left == 18


def test_the_country_is_the_profiles_else_the_one_given() -> None:
    assert country_of(Profile(name="A", country="scotland")) == "scotland"
    assert country_of(None, "wales") == "wales" and country_of(None) == "england"


def test_a_placement_without_a_planned_end_is_never_a_gap_when_its_end_moves(catalogue, make) -> None:
    # The first placement has no planned end: a sick day and an absence move its end, and it is not
    # "can no longer be met"; the period it is judged over ends on the plan's finish.
    first = make.placement("Belfast Trust", date(2026, 9, 7), 85, kind="first", setting="statutory")
    days = make.days(first, date(2026, 9, 7), 55)
    days[40].kind, days[50].kind = "sick", "absence"
    on = date(2026, 11, 22)
    mine = per_placement(judge(catalogue, "degree-ni", on, placements=[first], days=days), "placement-days")
    found = mine["Belfast Trust"]
    finish = placement_outlook(first, days, "northern-ireland", on).finish
    assert found.status == "on_track" and found.period_end == finish
    assert f"32 more by {rules_date(finish)}, your planned finish (32 working days left)" in found.message


def rules_date(day: date | None) -> str:
    from praxis_socialwork.store import format_uk

    assert day is not None
    return format_uk(day)


# -- a course total from its placements' own outlooks ---------------------------------------------------
def ni_course(make, final_end: date | None):
    # The first placement (85 days) had 100 working days to its planned end and was done early; the
    # final one (100 days) is under way with every working day worked.
    first = make.placement(
        "Belfast Trust",
        date(2025, 10, 6),
        85,
        kind="first",
        setting="statutory",
        planned_end=date(2026, 2, 20),
    )
    final = make.placement(
        "Derry Project", date(2026, 9, 7), 100, kind="final", setting="voluntary", planned_end=final_end
    )
    days = make.days(first, date(2025, 10, 6), 85) + make.days(final, date(2026, 9, 7), 40)
    return first, final, days


def test_a_course_is_on_track_when_its_placements_are_and_their_days_make_it_up(catalogue, make) -> None:
    # Mon 2 Nov 2026: 125 of the 185 practice days; 60 more in the final placement, which has 62
    # working days left to Fri 29 Jan 2027 (Christmas, Boxing Day and New Year's Day skipped).
    # Judged by the days over every working day since the first placement began, the first
    # placement's unused weeks would drag the course below the final placement's own pace.
    first, final, days = ni_course(make, date(2027, 1, 29))
    found = judge(catalogue, "degree-ni", date(2026, 11, 2), placements=[first, final], days=days)
    mine = per_placement(found, "placement-days")["Derry Project"]
    course = course_total(found)
    assert (mine.status, mine.have, mine.need) == ("on_track", 40, 100)
    assert (course.status, course.have, course.need) == ("on_track", 125, 185)
    assert "each placement at its own pace makes it up" in course.message
    assert "60 more" in mine.message and "62 working days left" in mine.message
    assert course.period_end == date(2027, 1, 29) == mine.period_end


def test_a_course_ends_when_its_last_placement_finishes(catalogue, make) -> None:
    # Without a planned end the final placement ends on its planned finish, and so does the course.
    first, final, days = ni_course(make, None)
    on = date(2026, 11, 2)
    found = judge(catalogue, "degree-ni", on, placements=[first, final], days=days)
    mine = per_placement(found, "placement-days")["Derry Project"]
    course = course_total(found)
    finish = placement_outlook(final, days, "northern-ireland", on).finish
    assert finish == date(2027, 1, 27)  # 60 working days from today, less three bank holidays
    assert course.period_end == mine.period_end == finish
    assert (course.status, mine.status) == ("on_track", "on_track")


def test_a_course_is_at_risk_when_a_placement_under_way_falls_behind(catalogue, make) -> None:
    # Thu 29 and Fri 30 Oct were not worked: 17 of the last 19 working days, and at that pace the 62
    # working days left bring about 55 of the 62 days the final placement still needs.
    first, final, days = ni_course(make, date(2027, 1, 29))
    days = [d for d in days if d.date not in (date(2026, 10, 29), date(2026, 10, 30))]
    found = judge(catalogue, "degree-ni", date(2026, 11, 2), placements=[first, final], days=days)
    assert per_placement(found, "placement-days")["Derry Project"].status == "at_risk"
    course = course_total(found)
    assert course.status == "at_risk" and "your placements bring" in course.message
