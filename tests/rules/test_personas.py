"""Personas from the December 2026 audit of the bundled frameworks against the regulators' own pages
(../shared/domain.md, "Corrections"). Each test is one person's records on one day, and each
expectation cites the rule it checks; the audit's case numbers (P1-01 …) are given where it had one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from praxis_socialwork import rules
from tests.rules.conftest import by_requirement, current, earlier

SWE_FAILED = "socialworkengland.org.uk/cpd/failed-to-record-valid-cpd/"
SWE_RENEWAL_2024 = (
    "Social Work England renewal report, 6 Feb 2024: joiners since 1 September pay the fee only"
)
SSSC_CPL_FAQ = "learn.sssc.uk.com/cpl/faq"
SSSC_2025 = "SSSC news 20 Mar 2025: 8 core learning elements for social workers every year"
CC_2023 = "Community Care 26 Sep 2023: 90 hours per 3-year registration, 30 on managing risk"
ASYE_SUPERVISION = (
    "Skills for Care / LGA Standards for employers: weekly 6 weeks, fortnightly to 6 months, monthly"
)
SCW_COVID = "socialcare.wales/news-stories/temporary-changes-to-your-registration-period-and-cpd-requirements"
NI_DEGREE = "NI degree: 25 preparation + 185 supervised practice (85 + 100) + 15 development = 225 days"
WALES_DEGREE = "Care Council for Wales degree framework: 20 preparation + 80 + 100 days, 2 settings"


@pytest.fixture(scope="module")
def catalogue() -> rules.Catalogue:
    return rules.load_catalogue()


def judge(catalogue, fid, on, profile=None, *, activities=(), placements=(), days=(), reflections=()):
    records = rules.Records(list(activities), list(placements), list(days), list(reflections))
    return rules.evaluate(catalogue.frameworks[fid], records, profile, on)


def weekly(start: date, until: date, step: int = 7):
    day = start
    while day <= until:
        yield day
        day += timedelta(days=step)


# -- Social Work England ---------------------------------------------------------------------------
def test_p1_the_first_swe_year_begins_on_2_december_2019(catalogue, make) -> None:
    """Rule: valid CPD for 2019-20 is dated 2 Dec 2019 – 30 Nov 2020 (SWE_FAILED); 1 Dec 2019 was the
    HCPC's last day."""
    hcpc_day = make.activity(date(2019, 12, 1), "Course on the HCPC's last day")
    swe_day = make.activity(date(2019, 12, 2), "Course on Social Work England's first day")
    found = by_requirement(judge(catalogue, "swe", date(2020, 6, 1), make.profile(date(2012, 8, 1)),
                                 activities=[hcpc_day]))  # fmt: skip
    assert (found["pieces"].period_start, found["pieces"].have) == (date(2019, 12, 2), 0), SWE_FAILED
    found = by_requirement(judge(catalogue, "swe", date(2020, 6, 1), make.profile(date(2012, 8, 1)),
                                 activities=[hcpc_day, swe_day]))  # fmt: skip
    assert found["pieces"].records == (swe_day.id,), SWE_FAILED


def test_p5_01_someone_joining_from_1_september_owes_nothing_at_that_renewal(catalogue, make) -> None:
    """Rule: people who joined the register since 1 September owe no CPD at that renewal; those who
    joined before 1 September meet the full requirement (SWE_RENEWAL_2024)."""
    autumn = make.profile(date(2026, 9, 15))
    (note,) = judge(catalogue, "swe", date(2026, 11, 22), autumn)
    assert note.status == "info" and "nothing is owed at this renewal" in note.message, SWE_RENEWAL_2024
    assert "first full year starts Tue 1 Dec 2026" in note.message
    on_1_september = make.profile(date(2026, 9, 1))
    assert [f.status for f in judge(catalogue, "swe", date(2026, 11, 22), on_1_september)] == ["info"]
    # Nor is the part year "missed" once it is over.
    piece = make.peer_piece(date(2026, 10, 1), "Induction course")
    after = judge(catalogue, "swe", date(2026, 12, 5), autumn, activities=[piece])
    assert {f.status for f in after} == {"at_risk"} and earlier(after) == []
    summer = make.profile(date(2026, 8, 15))
    found = by_requirement(judge(catalogue, "swe", date(2026, 11, 22), summer, activities=[piece]))
    assert (found["pieces"].status, found["pieces"].have, found["pieces"].need) == ("at_risk", 1, 2)


def test_a_supervision_log_without_learning_or_impact_is_not_a_piece(catalogue, make) -> None:
    """Rule: a piece of CPD records what you learnt and its impact on your practice
    (socialworkengland.org.uk/cpd/): one persona had 28 "pieces", 1 real."""
    logs = [make.activity(d, f"Supervision {d}", type="supervision", learning="")
            for d in weekly(date(2026, 1, 5), date(2026, 7, 13))]  # fmt: skip
    assert len(logs) == 28
    real = make.peer_piece(date(2026, 3, 3), "Mental Capacity Act refresher")
    found = by_requirement(judge(catalogue, "swe", date(2026, 11, 22), make.profile(date(2020, 1, 15)),
                                 activities=[*logs, real]))  # fmt: skip
    pieces = found["pieces"]
    assert (pieces.status, pieces.have, pieces.records) == ("at_risk", 1, (real.id,))
    assert "28 more records were not counted: a piece needs what you learnt and its impact" in pieces.message
    half = make.activity(date(2026, 4, 1), "Article", learning="Something new", impact="")
    found = by_requirement(judge(catalogue, "swe", date(2026, 11, 22), make.profile(date(2020, 1, 15)),
                                 activities=[real, half]))  # fmt: skip
    assert found["pieces"].have == 1 and "1 more record was not counted" in found["pieces"].message


def test_a_year_that_ended_unmet_stays_missed_until_dismissed(catalogue, make) -> None:
    """Rule (audit, "Missed deadlines"): after a period ends unmet the person still sees it as missed,
    with what to do, until they dismiss it."""
    profile = make.profile(date(2020, 1, 15))
    piece = make.peer_piece(date(2026, 3, 3), "Safeguarding refresher")
    found = judge(catalogue, "swe", date(2026, 12, 1), profile, activities=[piece])
    (missed,) = earlier(found)
    assert (missed.status, missed.have, missed.need) == ("missed", 1, 2)
    assert (missed.period_start, missed.period_end) == (date(2025, 12, 1), date(2026, 11, 30))
    assert "Social Work England can remove you from the register" in missed.message
    assert {f.period_start for f in current(found)} == {date(2026, 12, 1)}  # the new year as well
    # Months later it is still there…
    assert [
        f.status for f in earlier(judge(catalogue, "swe", date(2027, 3, 1), profile, activities=[piece]))
    ] == ["missed"]
    # …until dismissed.
    profile.dismissed_missed = [rules.missed_key(missed)]
    assert earlier(judge(catalogue, "swe", date(2027, 3, 1), profile, activities=[piece])) == []
    # A year that was met is not shown again.
    two = [piece, make.activity(date(2026, 5, 5), "Court skills")]
    assert (
        earlier(judge(catalogue, "swe", date(2026, 12, 1), make.profile(date(2020, 1, 15)), activities=two))
        == []
    )


# -- SSSC ------------------------------------------------------------------------------------------
def test_p2_06_trauma_and_protection_learning_are_mandatory_every_year(catalogue, make) -> None:
    """Rule: the annual declaration confirms CPL "in particular the mandatory areas of trauma informed
    practice and adult and child protection" (SSSC_CPL_FAQ), and covers the 8 core learning elements
    (SSSC_2025)."""
    profile = make.profile(date(2015, 3, 1))
    protection = make.activity(date(2026, 5, 1), "Child protection update", 3, tags=["protection"],
                               standards=["sssc-cle:1"])  # fmt: skip
    found = by_requirement(judge(catalogue, "sssc", date(2026, 11, 22), profile, activities=[protection]))
    assert set(found) == {"trauma-informed", "protection", "core-learning-elements"}
    assert found["trauma-informed"].status == "at_risk", SSSC_CPL_FAQ  # not advisory "info"
    assert found["protection"].status == "met", SSSC_CPL_FAQ
    cle = found["core-learning-elements"]
    assert (cle.have, cle.need, cle.status) == (1, 8, "at_risk") and "sssc-cle:2" in cle.missing, SSSC_2025
    # The year closes (28 Feb 2027) without trauma-informed learning: missed, not forgotten.
    later = earlier(judge(catalogue, "sssc", date(2027, 3, 10), profile, activities=[protection]))
    assert {f.requirement: f.status for f in later} == {
        "trauma-informed": "missed",
        "core-learning-elements": "missed",
    }
    assert "Contact the SSSC" in later[0].message


def test_p2_the_new_rules_apply_to_everyone_from_their_first_re_registration_after_june_2024(
    catalogue, make
) -> None:
    """Rule: the new CPL applies to all registrants once they have completed their first annual
    re-registration after June 2024, not only to those registered since (SSSC_CPL_FAQ); before it,
    90 hours per 3-year registration with 30 on managing risk (CC_2023, M)."""
    registered_2019 = make.profile(date(2019, 9, 1))
    course = make.activity(date(2023, 1, 10), "Adult support and protection", 40, tags=["protection"])
    before = by_requirement(judge(catalogue, "sssc", date(2024, 7, 1), registered_2019, activities=[course]))
    assert {f.version for f in before.values()} == {"before-2024-06"}, CC_2023
    hours = before["prtl-hours"]
    assert (hours.have, hours.need, hours.status) == (40, 90, "at_risk"), CC_2023
    # The 3-year registration (from 1 Sep 2022) is cut short at the first annual re-registration.
    assert (hours.period_start, hours.period_end) == (date(2022, 9, 1), date(2024, 8, 31))
    assert before["protecting-people"].have == 40
    after = judge(catalogue, "sssc", date(2024, 10, 1), registered_2019, activities=[course])
    assert {f.version for f in current(after)} == {"2024"}, SSSC_CPL_FAQ
    assert {f.period_start for f in current(after)} == {date(2024, 9, 1)}
    # The old period ended with 40 of 90 hours: missed.
    assert {(f.requirement, f.status) for f in earlier(after)} == {("prtl-hours", "missed")}


def test_p2_05_an_unmet_nqsw_year_is_still_owed_for_2_months_then_missed(catalogue, make) -> None:
    """Rule: the NQSW 144 hours (30 on protecting people) are assessed after the 12 months, with the
    evidence due within 2 months; an unmet year must still be reported (SSSC_CPL_FAQ)."""
    nqsw = make.profile(date(2023, 9, 1))
    hours = [make.activity(date(2024, 1, 8), "Adult protection course", 100, tags=["protecting-people"])]
    found = by_requirement(judge(catalogue, "sssc-nqsw", date(2024, 9, 15), nqsw, activities=hours))
    owed = found["nqsw-hours"]
    assert (owed.status, owed.have, owed.period_end, owed.due) == (
        "at_risk", 100, date(2024, 8, 31), date(2024, 10, 31)
    )  # fmt: skip
    found = by_requirement(judge(catalogue, "sssc-nqsw", date(2025, 2, 1), nqsw, activities=hours))
    assert found["nqsw-hours"].status == "missed" and "Tell your supervisor" in found["nqsw-hours"].message
    assert found["protecting-people"].status == "met"


def test_the_nqsw_supported_year_runs_from_the_first_day_in_post(catalogue, make) -> None:
    """Rule: from June 2024, NQSWs have a supported first year with the NQSW core learning elements and
    a mandatory learning activity (nqsw.sssc.uk.com)."""
    nqsw = make.profile(date(2025, 7, 1))
    nqsw.first_post_on = date(2025, 9, 1)
    core = make.activity(date(2025, 11, 3), "Core learning: assessment", 6, tags=["nqsw-core-learning"])
    found = by_requirement(judge(catalogue, "sssc-nqsw", date(2026, 3, 1), nqsw, activities=[core]))
    assert {f.version for f in found.values()} == {"2024"}
    assert (found["core-learning"].period_start, found["core-learning"].period_end) == (
        date(2025, 9, 1), date(2026, 8, 31)
    )  # fmt: skip
    assert found["core-learning"].status == "met" and found["mandatory-learning"].status == "at_risk"


# -- ASYE ------------------------------------------------------------------------------------------
def test_p5_07_the_asye_runs_from_the_first_day_in_post(catalogue, make) -> None:
    """Rule: the ASYE runs from the start of the first social work post, not from registration."""
    profile = make.profile(date(2025, 9, 1))
    profile.first_post_on = date(2026, 1, 5)
    found = by_requirement(judge(catalogue, "asye", date(2026, 3, 1), profile))
    assert {(f.period_start, f.period_end) for f in found.values()} == {(date(2026, 1, 5), date(2027, 1, 4))}
    # Without the first day in post the registration date stands in, and the person is told.
    profile.first_post_on = None
    found = by_requirement(judge(catalogue, "asye", date(2026, 3, 1), profile))
    obs = found["direct-observations"]
    assert obs.period_start == date(2025, 9, 1) and "--first-post-on" in obs.message


def test_p5_05_asye_supervision_weekly_then_fortnightly_then_monthly(catalogue, make) -> None:
    """Rule: supervision weekly for the first 6 weeks, fortnightly to 6 months, then at least monthly
    (ASYE_SUPERVISION, M)."""
    profile = make.profile(date(2025, 7, 1))
    profile.first_post_on = date(2026, 1, 5)
    sessions = [*weekly(date(2026, 1, 9), date(2026, 2, 13)),  # weekly to 6 weeks (16 Feb)
                *weekly(date(2026, 2, 20), date(2026, 7, 3), 14),  # fortnightly to 6 months (5 Jul)
                *weekly(date(2026, 7, 24), date(2026, 11, 20), 28)]  # then every 4 weeks  # fmt: skip
    sups = [make.activity(d, f"Supervision {d}", 1.5, type="supervision") for d in sessions]
    found = by_requirement(judge(catalogue, "asye", date(2026, 11, 22), profile, activities=sups))
    sup = found["supervision"]
    assert sup.status == "on_track", ASYE_SUPERVISION  # 28-day gaps after 6 months are allowed
    assert sup.need == 31 and "the next is due by Mon 14 Dec 2026" in sup.message
    # A 12-day gap in the first 6 weeks is too long (weekly then)…
    early_gap = [s for s in sups if s.date != date(2026, 1, 16)]
    sup = by_requirement(judge(catalogue, "asye", date(2026, 11, 22), profile, activities=early_gap))[
        "supervision"
    ]
    assert sup.status == "gap" and "A gap of 14 days" in sup.message, ASYE_SUPERVISION
    # …and so is a 3-week gap between 6 weeks and 6 months (fortnightly then).
    mid_gap = [s for s in sups if s.date != date(2026, 3, 6)]
    sup = by_requirement(judge(catalogue, "asye", date(2026, 11, 22), profile, activities=mid_gap))[
        "supervision"
    ]
    assert sup.status == "gap" and "A gap of 28 days" in sup.message, ASYE_SUPERVISION


def test_the_two_year_induction_programme_is_not_a_rule(catalogue) -> None:
    """Rule: the DfE's 2-year Social Work Induction Programme is a 2025 proposal, outcome not found."""
    asye = catalogue.frameworks["asye"]
    assert "proposal, not a rule" in asye.notes and "replaces the ASYE" not in asye.notes


# -- Social Care Wales -----------------------------------------------------------------------------
def test_p3_a_registration_current_on_31_march_2021_ran_4_years_with_half_the_hours(catalogue, make) -> None:
    """Rule: registrations current on 31 Mar 2021 were extended from 3 to 4 years, with 50% of the
    CPD (45 of 90 hours) credited, which moves later renewal dates a year on (SCW_COVID)."""
    profile = make.profile(date(2019, 1, 10))
    hours = [make.activity(date(2021, 6, 1), "Assessment skills", 45, impact="Better plans")]
    found = by_requirement(judge(catalogue, "scw", date(2022, 6, 1), profile, activities=hours))
    h = found["cpd-hours"]
    assert (h.period_start, h.period_end) == (date(2019, 1, 10), date(2023, 1, 9)), SCW_COVID
    assert (h.status, h.have, h.need) == ("met", 45, 45) and "45 of the 90 hours are credited" in h.message
    # The next registration runs from 10 Jan 2023, and renewal is due 21 days before 10 Jan 2026.
    (own,) = current(judge(catalogue, "scw", date(2025, 6, 1), profile))
    assert (own.period_start, own.period_end, own.due) == (
        date(2023, 1, 10),
        date(2026, 1, 9),
        date(2025, 12, 19),
    )
    # Someone registered after 31 Mar 2021 is not extended.
    later = make.profile(date(2021, 4, 1))
    (f,) = [f for f in judge(catalogue, "scw", date(2022, 6, 1), later) if f.requirement == "cpd-hours"]
    assert (f.period_end, f.need) == (date(2024, 3, 31), 90)


# -- degrees ---------------------------------------------------------------------------------------
def test_p4_01_a_preparation_block_is_not_one_of_the_two_ni_placements(catalogue, make) -> None:
    """Rule: the two NI placements are practice placements; preparation for practice is its own 25
    days (NI_DEGREE)."""
    prep = make.placement("Preparation for practice", date(2025, 9, 1), 25, kind="skills")
    first = make.placement("Belfast Trust", date(2025, 10, 6), 85, kind="first", setting="statutory")
    days = make.days(prep, date(2025, 9, 1), 20, kind="skills") + make.days(first, date(2025, 10, 6), 85)
    found = judge(catalogue, "degree-ni", date(2026, 3, 2), placements=[prep, first], days=days)
    course = {f.requirement: f for f in found if not f.placement}
    assert (course["placements"].have, course["placements"].need) == (1, 2), NI_DEGREE
    assert course["placements"].status != "met"
    # P4-06: the preparation block shows its 20 skills days, not "0 of 25".
    (block,) = [f for f in found if f.requirement == "preparation-days"]
    assert (block.placement, block.have, block.need) == ("Preparation for practice", 20, 25), NI_DEGREE
    assert {f.placement for f in found if f.requirement == "placement-days"} == {"Belfast Trust"}
    assert (course["practice-learning-days"].need, course["practice-days"].need) == (225, 185), NI_DEGREE
    assert course["practice-learning-days"].have == 105 and course["practice-days"].have == 85


def test_wales_20_preparation_then_80_and_100_in_two_settings(catalogue, make) -> None:
    """Rule: 20 days of assessed preparation + 180 days in at least two settings (80 + 100)
    (WALES_DEGREE, M)."""
    assert {p.kind: p.days for p in catalogue.frameworks["degree-wales"].placements} == {
        "first": 80, "final": 100, "skills": 20
    }  # fmt: skip
    prep = make.placement("Preparation", date(2024, 9, 2), 20, kind="skills")
    first = make.placement("Cardiff Council", date(2024, 11, 4), 80, kind="first", setting="statutory")
    final = make.placement("Newport Project", date(2025, 9, 1), 100, kind="final", setting="voluntary")
    days = (make.days(prep, date(2024, 9, 2), 20, kind="skills") + make.days(first, date(2024, 11, 4), 80)
            + make.days(final, date(2025, 9, 1), 100))  # fmt: skip
    found = judge(catalogue, "degree-wales", date(2026, 3, 2), placements=[prep, first, final], days=days)
    course = {f.requirement: f for f in found if not f.placement}
    assert {r: (f.status, f.have, f.need) for r, f in course.items()} == {
        "practice-learning-days": ("met", 200, 200),
        "practice-days": ("met", 180, 180),
        "contrasting-settings": ("met", 2, 2),
    }, WALES_DEGREE
    each = {f.placement: (f.requirement, f.have, f.need) for f in found if f.placement}
    assert each == {
        "Preparation": ("preparation-days", 20, 20),
        "Cardiff Council": ("placement-days", 80, 80),
        "Newport Project": ("placement-days", 100, 100),
    }
