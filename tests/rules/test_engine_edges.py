"""Edges of Social Work England's CPD rule (the bundled ``swe`` file): year ends, rule changes, leap days,
the first partial year, reused and duplicate pieces, drafts and records after the day asked about."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from praxis_socialwork import rules
from tests.rules.conftest import by_requirement

REGISTERED = date(2020, 1, 15)


@pytest.fixture(scope="module")
def swe() -> rules.Framework:
    return rules.load_framework(rules.bundled_folder() / "swe.toml", bundled=True)


@pytest.fixture(scope="module")
def niscc() -> rules.Framework:
    return rules.load_framework(rules.bundled_folder() / "niscc.toml", bundled=True)


def pieces(fw, acts, on, profile):
    """The current period's findings by requirement."""
    return by_requirement(rules.evaluate(fw, rules.Records(list(acts)), profile, on))


def test_30_november_is_the_last_day_of_a_year_and_1_december_the_first_of_the_next(swe, make) -> None:
    profile = make.profile(REGISTERED)
    last = make.peer_piece(date(2025, 11, 30), "Last-day course")
    first = make.peer_piece(date(2025, 12, 1), "First-day course")
    f = pieces(swe, [last, first], date(2025, 11, 30), profile)["pieces"]
    assert (f.period_start, f.period_end, f.due) == (
        date(2024, 12, 1),
        date(2025, 11, 30),
        date(2025, 11, 30),
    )
    assert f.records == (last.id,)
    f = pieces(swe, [last, first], date(2025, 12, 1), profile)["pieces"]
    assert (f.period_start, f.period_end) == (date(2025, 12, 1), date(2026, 11, 30))
    assert f.records == (first.id,)
    f = pieces(swe, [last, first], date(2026, 11, 30), profile)["pieces"]
    assert f.records == (first.id,) and f.have == 1


def test_the_2019_rule_asks_for_1_piece_and_the_2021_rule_for_2_with_a_peer_reflection(swe, make) -> None:
    profile = make.profile(REGISTERED)
    acts = [
        make.activity(date(2021, 3, 1), "Only piece in 2020-21", learning="L", impact="I"),
        make.activity(date(2022, 3, 1), "Only piece in 2021-22", learning="L2", impact="I2"),
    ]
    old = pieces(swe, acts, date(2021, 11, 30), profile)
    assert {f.version for f in old.values()} == {"2019"}
    assert set(old) == {"pieces", "pieces-advised"}
    assert (old["pieces"].status, old["pieces"].have, old["pieces"].need) == ("met", 1, 1)
    assert old["pieces"].records == (acts[0].id,)
    assert (old["pieces-advised"].status, old["pieces-advised"].need) == ("info", 4)
    new = pieces(swe, acts, date(2021, 12, 1), profile)
    assert {f.version for f in new.values()} == {"2021"}
    assert set(new) == {"pieces", "peer-reflection"}
    assert (new["pieces"].have, new["pieces"].need) == (0, 2)
    new = pieces(swe, acts, date(2022, 8, 1), profile)
    assert (new["pieces"].have, new["pieces"].need, new["pieces"].status) == (1, 2, "at_risk")
    assert (new["peer-reflection"].have, new["peer-reflection"].status) == (0, "at_risk")


def test_leap_day_in_a_yearly_period(swe, make) -> None:
    profile = make.profile(REGISTERED)
    leap = make.peer_piece(date(2024, 2, 29), "Leap-day course")
    f = pieces(swe, [leap], date(2024, 2, 29), profile)["pieces"]
    assert (f.period_start, f.period_end, f.records) == (date(2023, 12, 1), date(2024, 11, 30), (leap.id,))


def test_a_yearly_period_that_ends_on_a_leap_day(write_framework, make) -> None:
    fw = write_framework(
        'kind = "yearly"\nstart = "03-01"',
        """
[[versions.requirements]]
id = "pieces"
kind = "count"
title = "One piece"
need = 1
""",
    )
    leap = make.activity(date(2024, 2, 29), "Leap-day course")
    (f,) = rules.evaluate(fw, rules.Records([leap]), None, date(2024, 2, 29))
    assert (f.period_start, f.period_end, f.status, f.records) == (
        date(2023, 3, 1),
        date(2024, 2, 29),
        "met",
        (leap.id,),
    )
    (f,) = rules.evaluate(fw, rules.Records([leap]), None, date(2024, 3, 1))
    assert (f.period_start, f.period_end, f.have) == (date(2024, 3, 1), date(2025, 2, 28), 0)


def test_registered_on_a_leap_day(swe, niscc, make) -> None:
    profile = make.profile(date(2024, 2, 29))
    before = make.peer_piece(date(2024, 2, 28), "The day before registering")
    leap = make.peer_piece(date(2024, 2, 29), "Registration-day course")
    f = pieces(swe, [before, leap], date(2024, 3, 10), profile)["pieces"]
    assert (f.period_start, f.period_end, f.records) == (date(2024, 2, 29), date(2024, 11, 30), (leap.id,))
    # NISCC counts 3-year periods from the registration date.
    hours = make.activity(date(2024, 2, 29), "Registration-day training", 5)
    first = pieces(niscc, [hours], date(2024, 3, 10), profile)["prtl-hours"]
    assert (first.period_start, first.have, first.records) == (date(2024, 2, 29), 5, (hours.id,))
    end = first.period_end
    assert end is not None and date(2027, 2, 27) <= end <= date(2027, 2, 28)  # 3 years, less a day
    second = pieces(niscc, [hours], end + timedelta(days=1), profile)["prtl-hours"]
    assert second.period_start == end + timedelta(days=1) and second.have == 0
    assert pieces(niscc, [hours], end, profile)["prtl-hours"].period_start == date(2024, 2, 29)


def test_a_period_that_has_not_started_is_info(swe, make) -> None:
    profile = make.profile(date(2026, 12, 15))  # registers next month
    found = pieces(
        swe, [make.peer_piece(date(2026, 10, 1), "Before registering")], date(2026, 11, 22), profile
    )
    assert {f.status for f in found.values()} == {"info"}
    assert "Starts Tue 15 Dec 2026" in found["pieces"].message
    assert found["pieces"].have == 0 and found["pieces"].period_start == date(2026, 12, 15)


def test_the_first_partial_year_runs_from_the_registration_date(swe, make) -> None:
    profile = make.profile(date(2026, 3, 10))
    early = make.peer_piece(date(2026, 1, 20), "As a student")
    on_day = make.peer_piece(date(2026, 3, 10), "Registration day")
    later = make.activity(date(2026, 5, 1), "Later")
    found = pieces(swe, [early, on_day, later], date(2026, 6, 1), profile)
    f = found["pieces"]
    assert (f.period_start, f.period_end) == (date(2026, 3, 10), date(2026, 11, 30))
    assert (f.status, f.have, set(f.records)) == ("met", 2, {on_day.id, later.id})
    assert found["peer-reflection"].records == (on_day.id,)


def test_a_piece_reused_from_an_earlier_year_counts_only_in_that_year(swe, make) -> None:
    profile = make.profile(REGISTERED)
    words = {"learning": "Trauma shapes behaviour", "impact": "I slow down first visits"}
    original = make.activity(date(2025, 3, 1), "Trauma-informed practice", **words)
    reused = make.activity(date(2025, 12, 10), "Trauma-informed practice", **words)
    fresh = make.activity(date(2026, 2, 1), "Mental Capacity Act update")
    acts = [original, reused, fresh]
    f = pieces(swe, acts, date(2025, 11, 30), profile)["pieces"]
    assert f.records == (original.id,)
    f = pieces(swe, acts, date(2026, 6, 1), profile)["pieces"]
    assert (f.have, f.records) == (1, (fresh.id,))


def test_duplicates_count_once(swe, make) -> None:
    profile = make.profile(REGISTERED)
    twice = [
        make.activity(date(2026, 2, 1), "Safeguarding update", 2),
        make.activity(date(2026, 2, 1), "Safeguarding update", 3),
    ]
    words = {"learning": "Risk is dynamic", "impact": "I review plans monthly"}
    copies = [
        make.activity(date(2026, 3, 1), "Risk workshop", **words),
        make.activity(date(2026, 4, 1), "Risk workshop", **words),
    ]
    f = pieces(swe, twice, date(2026, 6, 1), profile)["pieces"]
    assert (f.have, len(f.records)) == (1, 1) and f.records[0] in {a.id for a in twice}
    f = pieces(swe, copies, date(2026, 6, 1), profile)["pieces"]
    assert (f.have, len(f.records)) == (1, 1)
    f = pieces(swe, twice + copies, date(2026, 6, 1), profile)["pieces"]
    assert (f.status, f.have) == ("met", 2)


def test_a_copy_with_only_its_title_and_date_changed_counts_once(swe, make) -> None:
    profile = make.profile(REGISTERED)
    words = {
        "description": "A workshop on assessing risk",
        "learning": "Risk is dynamic and changes with the person's circumstances",
        "impact": "I review plans monthly",
    }
    original = make.activity(date(2026, 3, 1), "Risk workshop", **words)
    copy = make.activity(date(2026, 5, 2), "Risk workshop (day 2)", **words)
    shouted = {k: v.upper() + "  " for k, v in words.items()}
    respaced = make.activity(date(2026, 5, 3), "Another title", **shouted)
    f = pieces(swe, [original, copy, respaced], date(2026, 6, 1), profile)["pieces"]
    assert (f.have, f.records) == (1, (original.id,))
    assert f.status != "met" and "1 of 2 pieces" in f.message
    assert rules.same_words(copy, [original, copy]) is original
    assert rules.same_words(original, [original]) is None


def test_a_copy_retitled_in_a_later_year_does_not_count_again(swe, make) -> None:
    profile = make.profile(REGISTERED)
    words = {"learning": "Trauma shapes behaviour in ways I had missed", "impact": "I slow down first visits"}
    original = make.activity(date(2025, 3, 1), "Trauma-informed practice", **words)
    reused = make.activity(date(2025, 12, 10), "Trauma: a second look", **words)
    f = pieces(swe, [original, reused], date(2026, 6, 1), profile)["pieces"]
    assert (f.have, f.records) == (0, ())


def test_a_few_words_alike_do_not_make_two_titles_one_piece(swe, make) -> None:
    profile = make.profile(REGISTERED)
    a = make.activity(date(2026, 3, 1), "Online course on the Care Act", description="Online course")
    b = make.activity(date(2026, 4, 1), "Online course on autism", description="Online course")
    f = pieces(swe, [a, b], date(2026, 6, 1), profile)["pieces"]
    assert (f.status, f.have) == ("met", 2)
    assert rules.same_words(b, [a]) is None


def test_drafts_and_planned_pieces_never_count(swe, make, write_framework) -> None:
    profile = make.profile(REGISTERED)
    acts = [
        make.peer_piece(date(2026, 2, 1), "Draft", status="draft"),
        make.peer_piece(date(2026, 3, 1), "Planned", status="planned"),
    ]
    found = pieces(swe, acts, date(2026, 6, 1), profile)
    assert found["pieces"].have == 0 and found["peer-reflection"].have == 0
    assert found["pieces"].status == "at_risk"
    # Not even when a file asks for them.
    fw = write_framework(
        'kind = "yearly"\nstart = "12-01"',
        """
[[versions.requirements]]
id = "pieces"
kind = "count"
title = "Any piece"
need = 1
filter = { status = ["draft", "planned", "complete"] }
""",
    )
    (f,) = rules.evaluate(fw, rules.Records(acts), profile, date(2026, 6, 1))
    assert f.have == 0 and f.records == ()


def test_records_dated_after_the_day_asked_about_do_not_count(swe, make) -> None:
    profile = make.profile(REGISTERED)
    now = make.peer_piece(date(2026, 11, 1), "This month")
    soon = make.peer_piece(date(2026, 11, 25), "Booked for next week")
    found = pieces(swe, [now, soon], date(2026, 11, 22), profile)
    assert (found["pieces"].have, found["pieces"].records) == (1, (now.id,))
    assert found["pieces"].status == "at_risk"
    found = pieces(swe, [now, soon], date(2026, 11, 30), profile)
    assert (found["pieces"].status, found["pieces"].have) == ("met", 2)
