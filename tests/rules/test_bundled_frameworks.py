"""The bundled frameworks: every file and version loads, and realistic records get the statuses
the rules in /work/shared/domain.md imply."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from praxis_socialwork import rules


@pytest.fixture(scope="module")
def catalogue() -> rules.Catalogue:
    return rules.load_catalogue()


def ev(catalogue, fid, on, *, profile=None, activities=(), placements=(), days=(), reflections=()):
    records = rules.Records(list(activities), list(placements), list(days), list(reflections))
    return rules.evaluate(catalogue.frameworks[fid], records, profile, on)


def by_id(found):
    """The current period's findings that are not per placement, by requirement id (an earlier period
    not met, shown as well, is looked at by ``earlier``)."""
    current = max((f.period_end for f in found if f.period_end), default=None)
    course = [f for f in found if not f.placement and (f.period_end is None or f.period_end == current)]
    out = {f.requirement: f for f in course}
    assert len(out) == len(course), "one period at a time"
    return out


def per_placement(found, rid):
    """One requirement's findings, by the placement each is about."""
    out = {f.placement: f for f in found if f.requirement == rid}
    assert out and all(out), f"{rid} is not judged per placement"
    return out


def every(start: date, step_days: int, until: date):
    day = start
    while day <= until:
        yield day
        day += timedelta(days=step_days)


# -- loading -----------------------------------------------------------------------------------------
def test_the_catalogue_has_all_fourteen_and_no_problems(catalogue, bundled_ids: set[str]) -> None:
    assert set(catalogue.frameworks) == bundled_ids
    assert catalogue.problems == []
    assert all(fw.bundled for fw in catalogue.frameworks.values())


@pytest.mark.parametrize("path", sorted(rules.bundled_folder().glob("*.toml")), ids=lambda p: p.stem)
def test_every_bundled_file_and_version_loads(path) -> None:
    fw = rules.load_framework(path, bundled=True)
    assert fw.id == path.stem and fw.name and fw.audience and fw.sources
    assert fw.versions
    for version in fw.versions:
        assert version.requirements, f"{fw.id} {version.id} asks for nothing"
        assert version.confidence in ("H", "M", "U")
        for r in version.requirements:
            assert r.title and r.confidence in ("H", "M", "U")
    ordered = sorted(fw.versions, key=lambda v: v.starts)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        assert earlier.ends is not None and earlier.ends < later.starts


# -- NISCC -------------------------------------------------------------------------------------------
def test_niscc_90_hours_in_each_3_year_period_from_registration(catalogue, make) -> None:
    profile = make.profile(date(2022, 4, 1))
    old = make.activity(date(2024, 5, 1), "Last period's course", 20)
    now = [make.activity(d, f"Training {d}", 10) for d in every(date(2025, 5, 1), 30, date(2025, 12, 31))]
    assert len(now) == 9
    pip = make.activity(date(2025, 6, 2), "PiP requirement", 0, tags=["pip"])
    found = by_id(ev(catalogue, "niscc", date(2026, 11, 22), profile=profile, activities=[old, *now, pip]))
    hours = found["prtl-hours"]
    assert (hours.period_start, hours.period_end, hours.due) == (
        date(2025, 4, 1),
        date(2028, 3, 31),
        date(2028, 3, 31),
    )
    assert (hours.status, hours.have, hours.need) == ("met", 90, 90)
    assert old.id not in hours.records
    assert (found["pip"].status, found["pip"].have, found["pip"].need) == ("info", 1, 2)
    found = by_id(ev(catalogue, "niscc", date(2026, 11, 22), profile=profile, activities=now[:1]))
    assert (found["prtl-hours"].status, found["prtl-hours"].have) == ("at_risk", 10)
    assert "80 more" in found["prtl-hours"].message and "31 Mar 2028" in found["prtl-hours"].message


# -- Social Care Wales -------------------------------------------------------------------------------
def test_scw_a_registration_spanning_april_2025_follows_the_rule_of_the_day(catalogue, make) -> None:
    """FORMAT.md: an open period is judged by the version in force on the date asked about."""
    profile = make.profile(date(2023, 1, 10))  # 10 Jan 2023 - 9 Jan 2026
    asked_in_2024 = by_id(ev(catalogue, "scw", date(2024, 6, 1), profile=profile))
    assert asked_in_2024["cpd-hours"].version == "to-2025"
    assert (asked_in_2024["cpd-hours"].need, asked_in_2024["cpd-hours"].status) == (90, "at_risk")
    asked_in_2025 = by_id(ev(catalogue, "scw", date(2025, 6, 1), profile=profile))
    assert set(asked_in_2025) == {"own-record"} and asked_in_2025["own-record"].version == "2025"
    # once it has closed, the period is judged by the rule in force on its last day
    asked_after = by_id(ev(catalogue, "scw", date(2026, 3, 1), profile=make.profile(date(2022, 2, 1))))
    assert asked_after["own-record"].period_start == date(2025, 2, 1)


# -- HCPC --------------------------------------------------------------------------------------------
def test_hcpc_the_last_two_years_with_no_gap_of_three_months(catalogue, make) -> None:
    on = date(2018, 6, 1)
    acts = [make.activity(d, f"CPD {d}", 2) for d in every(date(2016, 6, 10), 60, date(2018, 5, 15))]
    found = by_id(ev(catalogue, "hcpc", on, activities=acts))
    listed = found["dated-activities"]
    assert (listed.period_start, listed.period_end, listed.due) == (date(2016, 6, 2), on, None)
    assert (listed.status, listed.have) == ("met", len(acts))
    gaps = found["no-long-gaps"]
    # every 60 days; the last was 61 days before 1 Jun 2018
    assert (gaps.status, gaps.have, gaps.need) == ("on_track", 61, 91)
    # Leave out four months of it: a gap to explain.
    holed = [a for a in acts if not date(2017, 1, 1) <= a.date <= date(2017, 5, 1)]
    gaps = by_id(ev(catalogue, "hcpc", on, activities=holed))["no-long-gaps"]
    assert gaps.status == "gap" and gaps.have > 91 and f"A gap of {gaps.have:g} days" in gaps.message


def test_hcpc_after_2019_says_it_no_longer_applies(catalogue) -> None:
    (note,) = ev(catalogue, "hcpc", date(2020, 6, 1))
    assert note.status == "info" and "until" in note.message and "1 Dec 2019" in note.message


# -- degree in England -------------------------------------------------------------------------------
def england_course(make):
    skills = make.placement("Skills days", date(2025, 9, 15), 30, kind="skills")
    first = make.placement(
        "Northshire Children's Services",
        date(2026, 1, 12),
        70,
        kind="first",
        setting="statutory",
        weekdays=["mon", "tue", "wed", "thu"],
    )
    final = make.placement(
        "Riverside Advocacy",
        date(2026, 9, 7),
        100,
        kind="final",
        setting="voluntary",
        planned_end=date(2027, 2, 26),
    )
    return skills, first, final


def test_degree_england_200_days_counting_at_most_30_skills_days(catalogue, make) -> None:
    skills, first, final = england_course(make)
    days = (
        make.days(skills, date(2025, 9, 15), 35, kind="skills")
        + make.days(first, date(2026, 1, 12), 70)
        + make.days(final, date(2026, 9, 7), 100)
    )
    found = ev(catalogue, "degree-england", date(2027, 3, 1), placements=[skills, first, final], days=days)
    course = by_id(found)
    d = course["practice-learning-days"]
    assert (d.status, d.have, d.need) == ("met", 200, 200)  # 30 of the 35 skills days + 70 + 100
    assert (d.period_start, d.period_end) == (date(2025, 9, 15), date(2027, 2, 26))
    s = course["contrasting-settings"]
    assert (s.status, s.have) == ("met", 2) and "statutory, voluntary" in s.message
    assert (course["statutory-setting"].status, course["statutory-setting"].records) == ("met", (first.id,))
    each = per_placement(found, "placement-days")
    assert {name: (f.status, f.have, f.need) for name, f in each.items()} == {
        "Skills days": ("met", 35, 30),  # all 35 logged on it: it has no end before its last day
        "Northshire Children's Services": ("met", 70, 70),
        "Riverside Advocacy": ("met", 100, 100),
    }


def test_degree_england_part_way_through_is_on_track(catalogue, make) -> None:
    skills, first, final = england_course(make)
    # 30 skills days done; on the first placement (Mon-Thu) every day logged up to today, Mon 2 Mar 2026.
    done = make.days(skills, date(2025, 9, 15), 30, kind="skills") + make.days(first, date(2026, 1, 12), 29)
    found = ev(catalogue, "degree-england", date(2026, 3, 2), placements=[skills, first, final], days=done)
    course = by_id(found)
    d = course["practice-learning-days"]
    assert (d.status, d.have) == ("on_track", 59) and "141 more" in d.message
    s = course["contrasting-settings"]
    assert (s.status, s.have) == ("on_track", 1) and "planned placements make it up" in s.message
    assert course["statutory-setting"].status == "met"
    each = per_placement(found, "placement-days")
    now = each["Northshire Children's Services"]
    assert (now.status, now.have, now.need) == ("on_track", 29, 70)
    # Every working day at Mon-Thu: 41 more from Mon 2 Mar skip Easter Monday and the May bank holiday.
    assert "41 more by Thu 14 May 2026, your planned finish" in now.message
    assert "At your pace so far you finish on Thu 14 May 2026" in now.message
    assert (
        each["Riverside Advocacy"].status == "info"
        and "Starts Mon 7 Sep 2026" in each["Riverside Advocacy"].message
    )
    assert each["Skills days"].status == "met"


def test_degree_england_with_only_the_first_placement_entered(catalogue, make) -> None:
    first = make.placement("Northshire", date(2026, 9, 1), 70, kind="first", setting="statutory")
    logged = make.days(first, date(2026, 9, 1), 50)  # every weekday from Tue 1 Sep to Mon 9 Nov
    found = ev(catalogue, "degree-england", date(2026, 11, 9), placements=[first], days=logged)
    d = by_id(found)["practice-learning-days"]
    assert (d.status, d.have, d.need) == ("at_risk", 50, 200)
    assert "70 of 200" in d.message and "add the others" in d.message
    assert by_id(found)["contrasting-settings"].status == "at_risk"
    (mine,) = per_placement(found, "placement-days").values()
    assert (mine.status, mine.have, mine.need) == ("on_track", 50, 70)
    assert "20 more" in mine.message and "At your pace so far you finish on Mon 7 Dec 2026" in mine.message


# -- degrees in Northern Ireland, Scotland and Wales -------------------------------------------------
def test_degree_ni_185_practice_days_in_two_placements(catalogue, make) -> None:
    first = make.placement("Belfast Trust", date(2025, 10, 6), 85, kind="first", setting="statutory")
    final = make.placement("Derry Project", date(2026, 9, 7), 100, kind="final", setting="voluntary")
    days = make.days(first, date(2025, 10, 6), 85) + make.days(final, date(2026, 9, 7), 100)
    skills = make.days(first, date(2025, 9, 1), 5, kind="skills")
    found = ev(catalogue, "degree-ni", date(2027, 3, 1), placements=[first, final], days=days + skills)
    course = by_id(found)
    assert (course["practice-days"].status, course["practice-days"].have) == ("met", 185)
    assert (course["placements"].status, course["placements"].have) == ("met", 2)
    each = per_placement(found, "placement-days")
    assert {n: (f.status, f.have, f.need) for n, f in each.items()} == {
        "Belfast Trust": ("met", 85, 85),
        "Derry Project": ("met", 100, 100),
    }
    # Part way through the first placement, having stopped logging after 30 days (Fri 14 Nov): 55 more
    # are needed. It has no planned end, so it ends where they run out: 55 working days from today,
    # less Christmas, Boxing Day and New Year's Day in Northern Ireland, is Wed 18 Feb 2026. Not a
    # gap: 9 of the last 20 working days were worked, and at that pace it finishes in May.
    found = ev(catalogue, "degree-ni", date(2025, 12, 1), placements=[first, final], days=days[:30])
    assert (by_id(found)["placements"].status, by_id(found)["placements"].have) == ("on_track", 1)
    now = per_placement(found, "placement-days")["Belfast Trust"]
    assert (now.status, now.have, now.need) == ("on_track", 30, 85)
    assert now.period_end == date(2026, 2, 18)
    assert "55 more by Wed 18 Feb 2026, your planned finish (55 working days left)" in now.message
    assert "At your pace so far you finish on Thu 21 May 2026" in now.message
    # Four weeks with nothing logged: at risk, and still not a gap.
    found = ev(catalogue, "degree-ni", date(2025, 12, 15), placements=[first, final], days=days[:30])
    now = per_placement(found, "placement-days")["Belfast Trust"]
    assert (now.status, now.have) == ("at_risk", 30)
    assert "No days were counted in the last 4 weeks" in now.message


def test_degree_scotland_160_of_the_200_in_direct_practice(catalogue, make) -> None:
    p = make.placement("Glasgow", date(2025, 9, 1), 200, planned_end=date(2026, 9, 25))
    good = make.days(p, date(2025, 9, 1), 40, kind="skills") + make.days(p, date(2025, 10, 27), 160)
    found = by_id(ev(catalogue, "degree-scotland", date(2026, 10, 5), placements=[p], days=good))
    assert (found["practice-learning-days"].status, found["practice-learning-days"].have) == ("met", 200)
    assert (found["direct-practice-days"].status, found["direct-practice-days"].have) == ("met", 160)
    short = make.days(p, date(2025, 9, 1), 50, kind="skills") + make.days(p, date(2025, 11, 10), 150)
    found = by_id(ev(catalogue, "degree-scotland", date(2026, 10, 5), placements=[p], days=short))
    assert found["practice-learning-days"].status == "met"
    d = found["direct-practice-days"]
    assert (d.status, d.have, d.need) == ("missed", 150, 160) and "closed" in d.message


# -- ASYE --------------------------------------------------------------------------------------------
def asye_records(make):
    tagged = [
        make.activity(date(2025, 10, 1), "Observed home visit", 2, tags=["direct-observation"]),
        make.activity(date(2026, 1, 14), "Observed review meeting", 2, tags=["direct-observation"]),
        *(
            make.activity(date(2025, 11, d), f"Family feedback {d}", 0, tags=["feedback-people"])
            for d in (3, 4, 5)
        ),
        make.activity(date(2025, 12, 1), "Feedback from the school nurse", 0, tags=["feedback-professional"]),
    ]
    student = make.activity(date(2025, 5, 20), "Placement supervision", 1.5, type="supervision")
    sups = [
        make.activity(d, f"Supervision {d}", 1.5, type="supervision")
        for d in every(date(2025, 9, 8), 14, date(2026, 2, 23))
    ]
    return tagged, student, sups


def test_asye_once_the_year_is_over(catalogue, make) -> None:
    profile = make.profile(date(2025, 9, 1))
    tagged, _, sups = asye_records(make)
    found = by_id(ev(catalogue, "asye", date(2026, 10, 1), profile=profile, activities=[*tagged, *sups]))
    assert found["feedback-people"].status == "met"
    assert (found["direct-observations"].status, found["direct-observations"].have) == ("missed", 2)
    sup = found["supervision"]
    # supervision stopped on 23 Feb 2026; the year ran to 31 Aug 2026
    assert (sup.status, sup.have) == ("gap", (date(2026, 8, 31) - date(2026, 2, 23)).days)


# -- PCF ---------------------------------------------------------------------------------------------
def test_pcf_evidence_for_each_domain_on_each_placement(catalogue, make) -> None:
    first = make.placement("Northshire", date(2026, 1, 5), 70, planned_end=date(2026, 4, 24))
    final = make.placement("Riverside", date(2026, 9, 7), 100, planned_end=date(2027, 1, 29))
    on_first = [make.activity(date(2026, 2, n), f"Evidence {n}", standards=[f"pcf:{n}"]) for n in range(1, 9)]
    refl = make.reflection(date(2026, 3, 2), "Leading a meeting", standards=["pcf:9.1"])
    on_final = [make.activity(date(2026, 10, n), f"Final {n}", standards=[f"pcf:{n}"]) for n in range(1, 6)]
    summer = make.activity(date(2026, 7, 1), "Between placements", standards=["pcf:6", "pcf:7"])
    found = ev(
        catalogue,
        "pcf",
        date(2026, 11, 22),
        placements=[first, final],
        activities=on_first + on_final + [summer],
        reflections=[refl],
    )
    by_place = {f.placement: f for f in found}
    assert set(by_place) == {"Northshire", "Riverside"}
    a, b = by_place["Northshire"], by_place["Riverside"]
    assert (a.status, a.have, a.need, a.unit) == ("met", 9, 9, "domains") and refl.id in a.records
    assert (b.have, b.need) == (5, 9) and "Missing: pcf:6, pcf:7, pcf:8, pcf:9." in b.message
    assert summer.id not in a.records + b.records
    assert (b.period_start, b.period_end) == (date(2026, 9, 7), date(2027, 1, 29))


# -- NMC ---------------------------------------------------------------------------------------------
def test_nmc_revalidation_everything_logged(catalogue, make) -> None:
    profile = make.profile(date(2023, 5, 1))  # the second period: 1 May 2026 - 30 Apr 2029
    practice = [
        make.activity(d, f"Ward shift {d}", 10, type="other", tags=["practice"])
        for d in every(date(2026, 5, 2), 4, date(2026, 11, 20))
    ][:45]
    courses = [
        make.activity(
            date(2026, 6, d), f"Course {d}", 5, type="course", tags=["participatory"] if d <= 4 else []
        )
        for d in range(1, 8)
    ]
    feedback = [
        make.activity(date(2026, 8, d), f"Patient feedback {d}", 0, tags=["feedback"]) for d in range(1, 6)
    ]
    talk = make.activity(
        date(2026, 9, 1), "Reflective discussion", 1, type="peer-discussion", tags=["reflective-discussion"]
    )
    accounts = [make.reflection(date(2026, 10, d), f"Account {d}") for d in range(1, 6)]
    found = by_id(
        ev(
            catalogue,
            "nmc",
            date(2026, 11, 22),
            profile=profile,
            activities=practice + courses + feedback + [talk],
            reflections=accounts,
        )
    )
    assert len(practice) == 45
    assert (found["practice-hours"].status, found["practice-hours"].have) == ("met", 450)
    assert found["practice-hours"].period_start == date(2026, 5, 1)
    assert (found["cpd-hours"].status, found["cpd-hours"].have) == ("met", 36)  # shifts are not CPD
    assert (found["participatory-hours"].status, found["participatory-hours"].have) == ("met", 20)
    assert (found["feedback"].status, found["feedback"].have) == ("met", 5)
    assert (found["reflective-accounts"].status, found["reflective-accounts"].have) == ("met", 5)
    assert found["reflective-discussion"].status == "met"
    for advisory in ("health-character", "indemnity", "confirmation"):
        assert found[advisory].status == "info"
