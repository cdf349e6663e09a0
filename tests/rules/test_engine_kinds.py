"""Every requirement kind and every status, judged on small framework files written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from praxis_socialwork import rules

YEARLY = 'kind = "yearly"\nstart = "01-01"'
PLACEMENT = 'kind = "placement"'
COURSE = 'kind = "course"'
ONE_YEAR = 'kind = "registration"\nmonths = 12\nrepeat = false'
TWO_MONTHS = 'kind = "registration"\nmonths = 2\nrepeat = false'
JAN_1 = date(2026, 1, 1)
DEC_31 = date(2026, 12, 31)


def count(need: int = 2, extra: str = "") -> str:
    return f"""
[[versions.requirements]]
id = "pieces"
kind = "count"
title = "Pieces of CPD"
need = {need}
{extra}
"""


def judge(
    fw: rules.Framework, on: date, *, activities=(), placements=(), days=(), reflections=(), profile=None
):
    records = rules.Records(list(activities), list(placements), list(days), list(reflections))
    return rules.evaluate(fw, records, profile, on)


# -- count -------------------------------------------------------------------------------------------
def test_count_counts_completed_pieces_dated_in_the_period(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(2))
    a = make.activity(date(2026, 2, 3), "Course A")
    b = make.activity(date(2026, 5, 6), "Course B")
    others = [
        make.activity(date(2026, 3, 1), "Still writing it", status="draft"),
        make.activity(date(2026, 4, 1), "Booked", status="planned"),
        make.activity(date(2025, 12, 31), "Last year"),
        make.activity(date(2026, 7, 1), "After the day asked about"),
    ]
    f = one(judge(fw, date(2026, 6, 30), activities=[a, *others, b]))["pieces"]
    assert (f.status, f.have, f.need, f.unit) == ("met", 2, 2, "pieces")
    assert set(f.records) == {a.id, b.id}
    assert (f.period_start, f.period_end, f.due) == (JAN_1, DEC_31, DEC_31)
    assert "2 of 2 pieces" in f.message


def test_count_by_activity_type(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(3, 'filter = { types = ["course", "e-learning"] }'))
    course = make.activity(date(2026, 2, 1), "Course", type="course")
    online = make.activity(date(2026, 2, 2), "Module", type="e-learning")
    book = make.activity(date(2026, 2, 3), "Book", type="reading")
    f = one(judge(fw, date(2026, 3, 1), activities=[course, online, book]))["pieces"]
    assert (f.have, f.need) == (2, 3) and set(f.records) == {course.id, online.id}


def test_count_by_tag(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(1, 'filter = { tags = ["pip"] }'))
    tagged = make.activity(date(2026, 2, 1), "PiP one", tags=["reading-group", "pip"])
    other = make.activity(date(2026, 2, 2), "Not PiP", tags=["reading-group"])
    bare = make.activity(date(2026, 2, 3), "No tags")
    f = one(judge(fw, date(2026, 3, 1), activities=[tagged, other, bare]))["pieces"]
    assert (f.status, f.have, f.records) == ("met", 1, (tagged.id,))


def test_count_by_standard_prefix(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(3, 'filter = { standards = "swe:4" }'))
    part = make.activity(date(2026, 2, 1), "Supervision notes", standards=["swe:4.2"])
    whole = make.activity(date(2026, 2, 2), "CPD plan", standards=["swe:1", "swe:4"])
    elsewhere = make.activity(date(2026, 2, 3), "Rights", standards=["swe:1.2"])
    f = one(judge(fw, date(2026, 3, 1), activities=[part, whole, elsewhere]))["pieces"]
    assert (f.have, f.need) == (2, 3) and set(f.records) == {part.id, whole.id}


def test_count_with_a_peer_reflection_needs_both_the_text_and_who(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(1, "filter = { peer_reflection = true }"))
    full = make.peer_piece(date(2026, 2, 1), "Discussed")
    no_who = make.activity(date(2026, 2, 2), "Text only", peer_reflection="We talked")
    no_text = make.activity(date(2026, 2, 3), "Who only", peer="B. Manager")
    f = one(judge(fw, date(2026, 3, 1), activities=[no_who, no_text, full]))["pieces"]
    assert (f.status, f.records) == ("met", (full.id,))
    f = one(judge(fw, date(2026, 3, 1), activities=[no_who, no_text]))["pieces"]
    assert f.status != "met" and f.have == 0 and f.records == ()


def test_count_with_is_a_second_finding_about_the_same_pieces(write_framework, make, one) -> None:
    fw = write_framework(
        YEARLY,
        count(
            2,
            """
[versions.requirements.with]
id = "peer-reflection"
title = "At least 1 of them with a peer reflection"
need = 1
filter = { peer_reflection = true }
""",
        ),
    )
    a = make.activity(date(2026, 2, 1), "Course A")
    b = make.activity(date(2026, 3, 1), "Course B")
    draft = make.peer_piece(date(2026, 3, 5), "Draft with a peer", status="draft")
    found = one(judge(fw, date(2026, 6, 30), activities=[a, b, draft]))
    assert found["pieces"].status == "met"
    peer = found["peer-reflection"]
    assert peer.title == "At least 1 of them with a peer reflection"
    assert (peer.status, peer.have, peer.need, peer.records) == ("at_risk", 0, 1, ())
    assert "0 of 1 piece" in peer.message
    with_peer = make.peer_piece(date(2026, 4, 1), "Talked it over")
    peer = one(judge(fw, date(2026, 6, 30), activities=[a, b, with_peer]))["peer-reflection"]
    assert (peer.status, peer.have, peer.records) == ("met", 1, (with_peer.id,))


def test_count_of_reflections(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(2, 'records = "reflections"'))
    r1 = make.reflection(date(2026, 2, 1), "First")
    r2 = make.reflection(date(2026, 4, 1), "Second")
    old = make.reflection(date(2025, 11, 1), "Last year")
    piece = make.activity(date(2026, 2, 1), "Not a reflection")
    f = one(judge(fw, date(2026, 6, 1), activities=[piece], reflections=[r1, old, r2]))["pieces"]
    assert (f.status, f.have, f.unit) == ("met", 2, "reflections")
    assert set(f.records) == {r1.id, r2.id}


def test_count_of_placements_planned_ones_make_it_on_track(write_framework, make, one) -> None:
    fw = write_framework(COURSE, count(1, 'records = "placements"\nfilter = { setting = ["statutory"] }'))
    first = make.placement("Day centre", date(2026, 1, 5), 70, setting="voluntary")
    final = make.placement("Council", date(2026, 9, 7), 100, setting="statutory")
    f = one(judge(fw, date(2026, 3, 1), placements=[first, final]))["pieces"]
    assert (f.status, f.have, f.need, f.unit) == ("on_track", 0, 1, "placements")
    assert "planned placements make it up" in f.message
    f = one(judge(fw, date(2026, 3, 1), placements=[first]))["pieces"]
    assert f.status == "at_risk" and "do not make it up" in f.message
    f = one(judge(fw, date(2026, 9, 10), placements=[first, final]))["pieces"]
    assert (f.status, f.have, f.records) == ("met", 1, (final.id,))


def test_count_on_pace_is_on_track_and_behind_pace_is_at_risk(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(4))
    two = [make.activity(date(2026, 1, 20), "One"), make.activity(date(2026, 3, 10), "Two")]
    # 2 pieces in the first 3 months of the year: 4 by the end at that pace.
    f = one(judge(fw, date(2026, 4, 1), activities=two))["pieces"]
    assert (f.status, f.have, f.need) == ("on_track", 2, 4)
    assert "2 more" in f.message and "31 Dec 2026" in f.message
    # 1 piece in 9 months: at that pace about 1.3 by the end, short of 4.
    f = one(judge(fw, date(2026, 10, 1), activities=two[:1]))["pieces"]
    assert (f.status, f.have) == ("at_risk", 1)
    assert "3 more" in f.message and "31 Dec 2026" in f.message and "91 days left" in f.message
    assert f.pace  # how fast from here, in words


def test_counts_read_as_a_person_says_them(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(1))
    two = [make.activity(date(2026, 1, 20), "One"), make.activity(date(2026, 3, 10), "Two")]
    f = one(judge(fw, date(2026, 4, 1), activities=two))["pieces"]
    assert f.message == "2 pieces, 1 needed: met."  # not "2 of 1 piece"
    f = one(judge(fw, date(2026, 4, 1), activities=two[:1]))["pieces"]
    assert f.message == "1 of 1 piece: met."


@pytest.mark.parametrize(
    ("on", "left", "pace"),
    [
        (date(2026, 12, 30), "(1 day left)", "pace needed 2 pieces by tomorrow."),
        (date(2026, 12, 31), "(due today)", "pace needed 2 pieces today."),
        (date(2026, 12, 21), "(10 days left)", "pace needed 2 pieces in the next 10 days."),
        (date(2026, 12, 3), "(28 days left)", "pace needed 2 pieces in the next 4 weeks."),
        (date(2026, 8, 2), "(151 days left)", "pace needed 2 pieces in the next 5 months."),
    ],
)
def test_days_left_and_the_pace_needed_read_sensibly(write_framework, make, one, on, left, pace) -> None:
    fw = write_framework(YEARLY, count(2))
    f = one(judge(fw, on, activities=[]))["pieces"]
    assert f.status == "at_risk"
    assert left in f.message and f.message.endswith(pace), f.message
    assert ".0 " not in f.message and "14.0" not in f.pace
    assert f.pace == pace.removeprefix("pace needed ").removesuffix(".")


def test_a_steep_pace_is_whole_and_a_monthly_one_is_per_month(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, count(40))
    f = one(judge(fw, date(2026, 12, 3), activities=[]))["pieces"]
    assert f.pace == "about 10 pieces a week"  # 40 in 28 days
    fw = write_framework(YEARLY, count(6))
    f = one(judge(fw, date(2026, 8, 2), activities=[]))["pieces"]
    assert f.pace == "about 1 piece a month"  # 6 in 151 days: 1.2 a month


def test_count_in_a_closed_period_is_a_gap(write_framework, make, one) -> None:
    fw = write_framework(ONE_YEAR, count(3))
    profile = make.profile(date(2025, 1, 10))
    piece = make.activity(date(2025, 6, 1), "Only one")
    late = make.activity(date(2026, 2, 1), "After the year closed")
    f = one(judge(fw, date(2026, 6, 1), activities=[piece, late], profile=profile))["pieces"]
    assert (f.status, f.have, f.need) == ("missed", 1, 3)
    assert (f.period_start, f.period_end) == (date(2025, 1, 10), date(2026, 1, 9))
    assert "closed" in f.message and "9 Jan 2026" in f.message and "1 of 3" in f.message
    assert f.records == (piece.id,)


# -- hours -------------------------------------------------------------------------------------------
HOURS = """
[[versions.requirements]]
id = "hours"
kind = "hours"
title = "Ten hours of learning"
need = 10
caps = { reading = 2 }
filter = { types = ["course", "reading", "conference"] }
"""


def test_hours_add_up_with_a_cap_per_type(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, HOURS)
    course = make.activity(date(2026, 2, 1), "Course", 3, type="course")
    books = [
        make.activity(date(2026, 2, 10), "Book one", 1.5, type="reading"),
        make.activity(date(2026, 2, 20), "Book two", 1.5, type="reading"),
    ]
    conference = make.activity(date(2026, 3, 1), "Conference", 4, type="conference")
    shift = make.activity(date(2026, 3, 5), "Not a counted type", 10, type="other")
    acts = [course, *books, conference, shift]
    f = one(judge(fw, date(2026, 3, 31), activities=acts))["hours"]
    # 3 + reading capped at 2 (of 3) + 4; the "other" hours do not count.
    assert (f.have, f.need, f.unit) == (9, 10, "hours")
    assert f.status == "on_track" and "9 of 10 hours" in f.message and "1 more" in f.message
    assert set(f.records) == {course.id, conference.id, *(b.id for b in books)}
    more = make.activity(date(2026, 3, 20), "Short course", 1, type="course")
    f = one(judge(fw, date(2026, 3, 31), activities=[*acts, more]))["hours"]
    assert (f.status, f.have) == ("met", 10)


# -- days --------------------------------------------------------------------------------------------
PLACEMENT_DAYS = """
[[versions.requirements]]
id = "days"
kind = "days"
title = "This placement's days"
need = "placement"
"""


def test_days_need_the_placements_own_days_and_project_the_finish(write_framework, make, one) -> None:
    fw = write_framework(PLACEMENT, PLACEMENT_DAYS)
    p = make.placement("Northshire", date(2026, 3, 2), 10)  # Mon 2 Mar, 10 weekdays: ends Fri 13 Mar
    week = make.days(p, date(2026, 3, 2), 5)
    f = one(judge(fw, date(2026, 3, 6), placements=[p], days=week))["days"]
    assert (f.status, f.have, f.need, f.unit) == ("on_track", 5, 10, "days")
    assert f.placement == "Northshire"
    assert (f.period_start, f.period_end, f.due) == (date(2026, 3, 2), date(2026, 3, 13), date(2026, 3, 13))
    assert "5 of 10 days" in f.message and "5 more" in f.message and "5 working days left" in f.message
    assert "pace needed every working day left" in f.message
    assert "At your pace so far you finish on Fri 13 Mar 2026" in f.message
    assert set(f.records) == {d.id for d in week}


def test_days_behind_pace_are_at_risk_and_too_few_days_left_is_a_gap(write_framework, make, one) -> None:
    fw = write_framework(PLACEMENT, PLACEMENT_DAYS)
    # 10 days needed over four weeks (20 weekdays, to Fri 27 Mar); 2 of the first 4 weekdays logged,
    # and Friday (today) not logged yet, so it is still to come. Half the working days gone by were
    # worked, and half of the 16 left make the 8 still needed, on the last day.
    p = make.placement("Northshire", date(2026, 3, 2), 10, planned_end=date(2026, 3, 27))
    two = make.days(p, date(2026, 3, 2), 2)
    f = one(judge(fw, date(2026, 3, 6), placements=[p], days=two))["days"]
    assert (f.status, f.have, f.need) == ("on_track", 2, 10)
    assert "8 more" in f.message and "16 working days left" in f.message
    assert "At your pace so far you finish on Fri 27 Mar 2026" in f.message
    # Friday goes by unworked: 2 of 5 working days, and 15 left make 6 of the 8.
    f = one(judge(fw, date(2026, 3, 9), placements=[p], days=two))["days"]
    assert (f.status, f.have, f.need) == ("at_risk", 2, 10)
    assert "8 more" in f.message and "15 working days left" in f.message
    # Two weeks later nothing more is logged: 8 more needed, 6 weekdays left counting today. It can no
    # longer be met.
    f = one(judge(fw, date(2026, 3, 20), placements=[p], days=two))["days"]
    assert (f.status, f.have) == ("gap", 2)
    assert "8 more" in f.message and "only 6 working days remain" in f.message
    # After the planned end it is closed.
    nine = make.days(p, date(2026, 3, 2), 9)
    f = one(judge(fw, date(2026, 4, 10), placements=[p], days=nine))["days"]
    assert (f.status, f.have) == ("missed", 9) and "closed" in f.message and "27 Mar 2026" in f.message


def test_days_today_is_still_to_come_until_it_is_logged(write_framework, make, one) -> None:
    fw = write_framework(PLACEMENT, PLACEMENT_DAYS)
    p = make.placement("Northshire", date(2026, 3, 2), 10)  # Mon 2 to Fri 13 Mar
    nine = make.days(p, date(2026, 3, 2), 9)
    f = one(judge(fw, date(2026, 3, 13), placements=[p], days=nine))["days"]
    assert f.status != "gap" and f.have == 9  # the last day can still be worked
    last = make.day(p, date(2026, 3, 13))
    f = one(judge(fw, date(2026, 3, 13), placements=[p], days=[*nine, last]))["days"]
    assert (f.status, f.have) == ("met", 10)


def test_days_a_planned_placement_offers_only_its_own_weeks(write_framework, make, one) -> None:
    fw = write_framework(
        COURSE,
        """
[[versions.requirements]]
id = "days"
kind = "days"
title = "Twenty days over two placements"
need = 20
""",
    )
    # Each ends on a set day: a placement without one ends where its days run out, however late.
    spring = make.placement("Spring", date(2026, 3, 2), 10, planned_end=date(2026, 3, 13))
    summer = make.placement("Summer", date(2026, 6, 1), 10, planned_end=date(2026, 6, 12))
    # Mon to Wed logged, Thu missed, Fri (today) to come: 17 more needed, 6 + 10 weekdays left.
    logged = make.days(spring, date(2026, 3, 2), 3)
    f = one(judge(fw, date(2026, 3, 6), placements=[spring, summer], days=logged))["days"]
    assert (f.status, f.have, f.need) == ("gap", 3, 20)
    assert "17 more needed" in f.message and "only 16 working days remain" in f.message
    # Mon to Thu logged and Friday (today) still to come: every working day gone by was worked, and
    # working the 6 left in spring and summer's 10 makes it up.
    f = one(
        judge(fw, date(2026, 3, 6), placements=[spring, summer], days=make.days(spring, date(2026, 3, 2), 4))
    )
    assert f["days"].status == "on_track" and "16 working days left" in f["days"].message


def test_days_cap_skills_days_and_count_only_working_kinds(write_framework, make, one) -> None:
    fw = write_framework(
        COURSE,
        """
[[versions.requirements]]
id = "days"
kind = "days"
title = "Thirteen days, at most 2 skills days"
need = 13
caps = { skills = 2 }
""",
    )
    p = make.placement("Council", date(2026, 3, 2), 20, planned_end=date(2026, 4, 30))
    practice = make.days(p, date(2026, 3, 2), 10)
    skills = make.days(p, date(2026, 3, 16), 4, kind="skills")
    other = [make.day(p, date(2026, 3, 20), "sick"), make.day(p, date(2026, 3, 23), "study")]
    f = one(judge(fw, date(2026, 3, 24), placements=[p], days=practice + skills + other))["days"]
    assert (f.have, f.need) == (12, 13)  # 10 practice + 2 of the 4 skills days; sick and study do not count
    assert set(f.records) == {d.id for d in practice + skills}


def test_days_filtered_by_kind_and_by_the_placements_setting(write_framework, make, one) -> None:
    fw = write_framework(
        COURSE,
        """
[[versions.requirements]]
id = "days"
kind = "days"
title = "Practice days in a statutory setting"
need = 20
filter = { day_kinds = ["practice"], setting = ["statutory"] }
""",
    )
    council = make.placement("Council", date(2026, 3, 2), 20, setting="statutory")
    charity = make.placement("Charity", date(2026, 3, 2), 20, setting="voluntary", weekdays=["sat"])
    counted = make.days(council, date(2026, 3, 2), 5)
    skills = make.days(council, date(2026, 3, 9), 2, kind="skills")
    elsewhere = make.days(charity, date(2026, 3, 2), 2)
    f = one(judge(fw, date(2026, 3, 14), placements=[council, charity], days=counted + skills + elsewhere))
    assert (f["days"].have, set(f["days"].records)) == (5, {d.id for d in counted})


# -- coverage ----------------------------------------------------------------------------------------
def coverage(per_item: int = 1) -> str:
    return f"""
[[versions.requirements]]
id = "domains"
kind = "coverage"
title = "Evidence for three domains on this placement"
items = ["pcf:1", "pcf:2", "pcf:3"]
per_item = {per_item}
unit = "domains"
"""


def test_coverage_counts_items_evidenced_and_names_the_missing(write_framework, make, one) -> None:
    fw = write_framework(PLACEMENT, coverage())
    p = make.placement("Council", date(2026, 3, 2), 60, planned_end=date(2026, 5, 29))
    act = make.activity(date(2026, 3, 10), "Values session", standards=["pcf:1"])
    refl = make.reflection(date(2026, 3, 12), standards=["pcf:2.1"])
    before = make.activity(date(2026, 2, 1), "Before the placement", standards=["pcf:3"])
    f = one(judge(fw, date(2026, 4, 1), placements=[p], activities=[act, before], reflections=[refl]))
    f = f["domains"]
    assert (f.status, f.have, f.need, f.unit) == ("on_track", 2, 3, "domains")
    assert "Missing: pcf:3." in f.message and "pcf:1," not in f.message
    assert set(f.records) == {act.id, refl.id}
    done = make.activity(date(2026, 3, 20), "Diversity", standards=["pcf:3"])
    f = one(judge(fw, date(2026, 4, 1), placements=[p], activities=[act, done], reflections=[refl]))
    assert f["domains"].status == "met" and "Missing" not in f["domains"].message


def test_coverage_per_item_needs_that_many_records_for_each(write_framework, make, one) -> None:
    fw = write_framework(PLACEMENT, coverage(per_item=2))
    p = make.placement("Council", date(2026, 3, 2), 60, planned_end=date(2026, 5, 29))
    ones = [make.activity(date(2026, 3, d), f"Values {d}", standards=["pcf:1"]) for d in (3, 4)]
    single = make.activity(date(2026, 3, 5), "Ethics", standards=["pcf:2"])
    f = one(judge(fw, date(2026, 4, 1), placements=[p], activities=[*ones, single]))["domains"]
    assert (f.have, f.need) == (1, 3)
    assert "Missing: pcf:2, pcf:3." in f.message
    assert set(f.records) == {a.id for a in ones}


# -- distinct ----------------------------------------------------------------------------------------
DISTINCT = """
[[versions.requirements]]
id = "settings"
kind = "distinct"
title = "Two contrasting settings"
field = "setting"
need = 2
unit = "settings"
"""


def test_distinct_settings_with_planned_placements(write_framework, make, one) -> None:
    fw = write_framework(COURSE, DISTINCT)
    first = make.placement("Day centre", date(2026, 1, 5), 70, setting="voluntary")
    final = make.placement(
        "Council", date(2026, 9, 7), 100, setting="statutory", planned_end=date(2027, 1, 29)
    )
    f = one(judge(fw, date(2026, 3, 1), placements=[first, final]))["settings"]
    assert (f.status, f.have, f.need, f.unit) == ("on_track", 1, 2, "settings")
    assert "planned placements make it up" in f.message and f.records == (first.id,)
    unknown = make.placement("Somewhere", date(2026, 9, 7), 100, setting="other")
    f = one(judge(fw, date(2026, 3, 1), placements=[first, unknown]))["settings"]
    assert f.status == "at_risk" and "do not make it up" in f.message
    f = one(judge(fw, date(2026, 9, 10), placements=[first, final]))["settings"]
    assert (f.status, f.have) == ("met", 2) and "statutory, voluntary" in f.message
    assert set(f.records) == {first.id, final.id}


def test_distinct_same_setting_twice_is_one_and_a_gap_once_closed(write_framework, make, one) -> None:
    fw = write_framework(COURSE, DISTINCT)
    # Both end on set days (without one, and with no days logged, the first would still be to finish).
    first = make.placement(
        "Day centre", date(2026, 1, 5), 70, setting="voluntary", planned_end=date(2026, 4, 17)
    )
    final = make.placement(
        "Food bank", date(2026, 9, 7), 100, setting="voluntary", planned_end=date(2027, 1, 29)
    )
    f = one(judge(fw, date(2027, 3, 1), placements=[first, final]))["settings"]
    assert (f.status, f.have) == ("missed", 1) and "closed" in f.message and "29 Jan 2027" in f.message


# -- cadence -----------------------------------------------------------------------------------------
CADENCE = """
[[versions.requirements]]
id = "supervision"
kind = "cadence"
title = "Supervision at least every fortnight"
max_gap_days = 14
filter = { types = ["supervision"] }
"""


def sessions(make, *days: date):
    return [make.activity(d, f"Supervision {d}", 1.5, type="supervision") for d in days]


def test_cadence_on_track_at_risk_and_gap_as_time_passes(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, CADENCE)
    sups = sessions(make, date(2026, 1, 5), date(2026, 1, 15), date(2026, 1, 29))
    course = make.activity(date(2026, 1, 15), "Course the same day", type="course")
    acts = [*sups, course]
    f = one(judge(fw, date(2026, 2, 5), activities=acts))["supervision"]
    assert (f.status, f.have, f.need, f.unit) == ("on_track", 14, 14, "days")
    assert "next is due by Thu 12 Feb 2026" in f.message
    assert set(f.records) == {s.id for s in sups}  # the course on the same day is not supervision
    f = one(judge(fw, date(2026, 2, 9), activities=acts))["supervision"]
    assert f.status == "at_risk" and "11 days ago" in f.message and "12 Feb 2026" in f.message
    f = one(judge(fw, date(2026, 2, 13), activities=acts))["supervision"]
    assert (f.status, f.have) == ("gap", 15) and "A gap of 15 days" in f.message


def test_cadence_a_past_gap_stays_a_gap(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, CADENCE)
    sups = sessions(make, date(2026, 1, 5), date(2026, 1, 30), date(2026, 2, 5))
    f = one(judge(fw, date(2026, 2, 10), activities=sups))["supervision"]
    assert (f.status, f.have) == ("gap", 25) and "A gap of 25 days" in f.message


def test_cadence_met_when_the_period_closed_without_a_long_gap(write_framework, make, one) -> None:
    fw = write_framework(TWO_MONTHS, CADENCE)
    profile = make.profile(date(2026, 1, 1))  # the period: 1 Jan to 28 Feb 2026
    sups = sessions(make, date(2026, 1, 10), date(2026, 1, 24), date(2026, 2, 7), date(2026, 2, 21))
    later = sessions(make, date(2026, 4, 1))
    f = one(judge(fw, date(2026, 4, 15), activities=sups + later, profile=profile))["supervision"]
    assert (f.status, f.have) == ("met", 14)
    assert (f.period_start, f.period_end) == (date(2026, 1, 1), date(2026, 2, 28))
    assert set(f.records) == {s.id for s in sups}


def test_cadence_ignores_sessions_before_the_period_began(write_framework, make, one) -> None:
    """A supervision months before the period (say, as a student) does not make a gap inside it."""
    fw = write_framework(TWO_MONTHS, CADENCE)
    profile = make.profile(date(2026, 1, 1))
    sups = sessions(make, date(2025, 9, 1), date(2026, 1, 8), date(2026, 1, 20))
    f = one(judge(fw, date(2026, 1, 25), activities=sups, profile=profile))["supervision"]
    assert (f.status, f.have) == ("on_track", 12)
    assert set(f.records) == {s.id for s in sups[1:]}


def test_cadence_before_the_period_starts_is_info(write_framework, make, one) -> None:
    fw = write_framework(TWO_MONTHS, CADENCE)
    f = one(judge(fw, date(2026, 4, 15), profile=make.profile(date(2026, 5, 1))))["supervision"]
    assert f.status == "info" and "Starts Fri 1 May 2026" in f.message


# -- quality -----------------------------------------------------------------------------------------
def quality(need: str) -> str:
    return f"""
[[versions.requirements]]
id = "learning-impact"
kind = "quality"
title = "Say what you learnt and the impact"
fields = ["learning", "impact"]
need = {need}
"""


def test_quality_needs_every_field_filled(write_framework, make, one) -> None:
    fw = write_framework(YEARLY, quality("1"))
    half = make.activity(date(2026, 2, 1), "Half done", learning="Something")
    blank = make.activity(date(2026, 2, 2), "Blank impact", learning="Something else", impact="   ")
    full = make.activity(date(2026, 3, 1), "Done", learning="How to ask", impact="Families heard")
    f = one(judge(fw, date(2026, 3, 31), activities=[half, blank]))["learning-impact"]
    assert f.status != "met" and (f.have, f.need) == (0, 1)
    assert "learning, impact" in f.message
    f = one(judge(fw, date(2026, 3, 31), activities=[half, blank, full]))["learning-impact"]
    assert (f.status, f.have, f.records) == ("met", 1, (full.id,))


def test_quality_all_means_every_record_of_the_period(write_framework, make, one) -> None:
    fw = write_framework(ONE_YEAR, quality('"all"'))
    profile = make.profile(date(2025, 1, 10))
    good = make.activity(date(2025, 3, 1), "Done", learning="L", impact="I")
    bad = make.activity(date(2025, 4, 1), "No impact", learning="L2")
    f = one(judge(fw, date(2026, 2, 1), activities=[good, bad], profile=profile))["learning-impact"]
    assert (f.status, f.have, f.need) == ("missed", 1, 2)
    assert "Fields that must be filled: learning, impact." in f.message
    f = one(judge(fw, date(2026, 2, 1), activities=[good], profile=profile))["learning-impact"]
    assert (f.status, f.have, f.need) == ("met", 1, 1)
    f = one(judge(fw, date(2026, 2, 1), profile=profile))["learning-impact"]
    assert f.status == "info" and f.need == 0


# -- info --------------------------------------------------------------------------------------------
def test_advisory_is_info_never_gap_or_at_risk(write_framework, make, one) -> None:
    fw = write_framework(
        ONE_YEAR,
        count(4, "advisory = true")
        + CADENCE.replace("max_gap_days = 14", "max_gap_days = 14\nadvisory = true"),
    )
    profile = make.profile(date(2025, 1, 10))
    piece = make.activity(date(2025, 3, 1), "One")
    found = one(judge(fw, date(2026, 2, 1), activities=[piece], profile=profile))  # closed, 1 of 4
    assert (found["pieces"].status, found["pieces"].have) == ("info", 1)
    assert "Good practice" in found["pieces"].message and "1 of 4" in found["pieces"].message
    assert found["supervision"].status == "info"  # no supervision all year
    four = [make.activity(date(2025, 3, d), f"Piece {d}") for d in (1, 2, 3, 4)]
    assert one(judge(fw, date(2026, 2, 1), activities=four, profile=profile))["pieces"].status == "met"


def test_a_period_that_has_not_started_is_info(write_framework, make, one) -> None:
    fw = write_framework(ONE_YEAR, count(2))
    f = one(judge(fw, date(2026, 4, 15), profile=make.profile(date(2026, 5, 1))))["pieces"]
    assert f.status == "info" and "Starts Fri 1 May 2026" in f.message
    assert f.period_start == date(2026, 5, 1)


def test_no_registration_date_is_info_saying_what_to_add(write_framework, make) -> None:
    fw = write_framework(ONE_YEAR, count(2) + CADENCE)
    for profile in (None, make.profile(None)):
        found = judge(fw, date(2026, 4, 15), profile=profile)
        assert {f.requirement for f in found} == {"pieces", "supervision"}
        assert all(f.status == "info" and "registration date" in f.message for f in found)
        assert all("praxis init --registered-on" in f.message for f in found)


def test_no_placements_is_info(write_framework) -> None:
    fw = write_framework(COURSE, DISTINCT)
    (f,) = judge(fw, date(2026, 4, 15))
    assert f.status == "info" and "No placements yet" in f.message and "praxis placement add" in f.message
