"""iCalendar import: a university's calendar becomes plans, a second import updates instead of
duplicating, and a malformed file is refused with its line and leaves the store's bytes alone."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import vobject
from dateutil.rrule import rrulestr

from praxis_socialwork.exports.ical_import import guess_kind, import_ics
from praxis_socialwork.store import LONDON, Plan, Repository, ValidationError

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "skills-and-teaching-2026-27.ics"
SOURCE = "ics:" + FIXTURE.name
LECTURE = "sw2001-lecture@timetable.northfield.example"


@pytest.fixture
def repo(store_path: Path, clock) -> Repository:
    with Repository.open(store_path, clock) as repo:
        yield repo


def _fingerprint(path: Path) -> str:
    """Hash of everything the store keeps on disk (snapshot + journal)."""
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.name + "*")):
        if not p.name.endswith(".lock"):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def _copy(tmp_path: Path, text: str | None = None, name: str = FIXTURE.name) -> Path:
    """The fixture (or an edited text of it) as a file in its own folder, under the same name."""
    folder = tmp_path / "downloads"
    folder.mkdir(exist_ok=True)
    target = folder / name
    if text is None:
        shutil.copy(FIXTURE, target)
    else:
        target.write_bytes(text.encode())
    return target


def _fixture_text() -> str:
    return FIXTURE.read_bytes().decode()


def _by_uid(repo: Repository) -> dict[str, Plan]:
    return {p.source_uid: p for p in repo.plans()}


def _plan_starts(plan: Plan) -> list[datetime]:
    """Where a plan's occurrences fall, read the way the plan promises: its rule repeats a London
    wall time; skipped dates are left out; moved dates start at their new time."""
    assert plan.date is not None and len(plan.rules) == 1
    clock = time.fromisoformat(plan.time)
    starts = []
    for moment in rrulestr(plan.rules[0], dtstart=datetime.combine(plan.date, clock)):
        day = moment.date().isoformat()
        if day in plan.skipped:
            continue
        moved = plan.moved.get(day)
        starts.append((datetime.fromisoformat(moved) if moved else moment).replace(tzinfo=LONDON))
    return sorted(starts)


# -- what comes in ----------------------------------------------------------------------------------
def test_skills_days_come_in_as_all_day_plans(repo: Repository) -> None:
    import_ics(repo, FIXTURE)
    plans = _by_uid(repo)
    one = plans["sd-2026-communication@timetable.northfield.example"]
    assert (one.title, one.kind, one.date, one.time, one.end_date) == (
        "Skills day: Communication with children and families",
        "skills-day",
        date(2026, 10, 12),
        "",
        None,  # one day: DTEND is the exclusive next day
    )
    assert one.location == "Hollins Building, room 2.14"  # the escaped comma read back
    assert one.source == SOURCE and one.rules == []
    assessment = plans["sd-2026-assessment@timetable.northfield.example"]
    assert assessment.notes == "Bring a case study from your first placement (anonymised)."


def test_a_multi_day_block_keeps_its_last_day(repo: Repository) -> None:
    import_ics(repo, FIXTURE)
    plans = _by_uid(repo)
    block = plans["sd-2027-law-block@timetable.northfield.example"]
    # DTEND 2027-01-14 is exclusive: the block is Monday to Wednesday
    assert (block.date, block.end_date, block.time, block.kind) == (
        date(2027, 1, 11),
        date(2027, 1, 13),
        "",
        "skills-day",
    )
    week = plans["rw-2026-autumn@timetable.northfield.example"]
    assert (week.date, week.end_date, week.kind) == (date(2026, 10, 26), date(2026, 10, 30), "study")


def test_weekly_lecture_keeps_its_rule_with_the_skipped_and_moved_weeks(repo: Repository) -> None:
    import_ics(repo, FIXTURE)
    lecture = _by_uid(repo)[LECTURE]
    assert (lecture.kind, lecture.date, lecture.time, lecture.minutes) == (
        "teaching",
        date(2026, 9, 28),
        "10:00",
        120,
    )
    # UNTIL was 23:59:59 UTC on 7 Dec: in December that is the same London wall time
    assert lecture.rules == ["FREQ=WEEKLY;UNTIL=20261207T235959;BYDAY=MO"]
    assert lecture.skipped == ["2026-10-26"]  # reading week
    assert lecture.moved == {"2026-11-09": "2026-11-10T14:00"}  # Monday's lecture on Tuesday afternoon
    assert lecture.source_uid == LECTURE and lecture.sequence == 1


def test_the_lecture_series_matches_what_an_independent_reader_sees(repo: Repository) -> None:
    import_ics(repo, FIXTURE)
    lecture = _by_uid(repo)[LECTURE]
    calendar = vobject.readOne(_fixture_text())
    events = [e for e in calendar.vevent_list if e.uid.value == LECTURE]
    master = next(e for e in events if not hasattr(e, "recurrence_id"))
    # Compared as London wall-clock times: vobject attaches a Europe/London zone of its own, shared
    # across everything it has parsed in this process, so its offsets (and so its EXDATE matching)
    # cannot be trusted across the clock change. The times it expands from the rule are right.
    wall = lambda t: t.replace(tzinfo=None)  # noqa: E731
    skipped = {wall(x) for prop in master.contents.get("exdate", []) for x in prop.value}
    moved = [e for e in events if hasattr(e, "recurrence_id")]
    changed = {wall(e.recurrence_id.value): wall(e.dtstart.value) for e in moved}
    ruled = (wall(t) for t in master.getrruleset(addRDate=True))
    theirs = sorted(changed.get(t, t) for t in ruled if t not in skipped)
    assert [wall(t.astimezone(LONDON)) for t in _plan_starts(lecture)] == theirs
    assert len(theirs) == 10  # 28 Sep to 7 Dec is 11 Mondays; reading week is off
    # both sides of the clock change (25 Oct 2026) keep 10:00 London time
    assert {s.strftime("%H:%M") for s in theirs} == {"10:00", "14:00"}


def test_utc_times_become_the_right_london_time_in_summer_and_winter(repo: Repository) -> None:
    import_ics(repo, FIXTURE)
    plans = _by_uid(repo)
    summer = plans["sw2003-seminar-research@timetable.northfield.example"]
    winter = plans["sw2003-seminar-ethics@timetable.northfield.example"]
    # 13:00 UTC is 14:00 BST on 15 October, and 13:00 GMT on 19 November
    assert (summer.date, summer.time, summer.minutes) == (date(2026, 10, 15), "14:00", 90)  # DURATION:PT1H30M
    assert (winter.date, winter.time, winter.minutes) == (date(2026, 11, 19), "13:00", 60)
    welcome = plans["welcome-2026@timetable.northfield.example"]
    assert (welcome.time, welcome.minutes, welcome.kind) == ("09:30", 180, "other")


def test_a_utc_weekly_rule_across_the_clock_change_is_expanded(repo: Repository) -> None:
    result = import_ics(repo, FIXTURE)
    uid = "sw2005-online-tutorial@timetable.northfield.example"
    tutorials = sorted((p for p in repo.plans() if p.source_uid.startswith(uid)), key=lambda p: p.date)
    # one rule at one London time could not say 16:00 before 25 October and 15:00 after it
    assert [(p.date, p.time, p.rules) for p in tutorials] == [
        (date(2026, 10, 13), "16:00", []),
        (date(2026, 10, 20), "16:00", []),
        (date(2026, 10, 27), "15:00", []),
        (date(2026, 11, 3), "15:00", []),
    ]
    assert tutorials[0].source_uid == uid + "#20261013T150000Z"
    assert any("'Tutorial group (online)' was expanded into 4 one-off plans" in n for n in result.notes)
    assert "UTC" in result.summary(FIXTURE)


def test_kinds_are_guessed_from_titles() -> None:
    assert guess_kind("Skills day: Reflective writing") == "skills-day"
    assert guess_kind("SW2001 Lecture 3") == "teaching"
    assert guess_kind("Seminar group B") == "teaching"
    assert guess_kind("Independent study day") == "study"
    assert guess_kind("Graduation ceremony") == "other"


# -- importing again ----------------------------------------------------------------------------------
def test_importing_twice_adds_nothing_the_second_time(
    praxis, store_path: Path, clock, tmp_path: Path
) -> None:
    f = _copy(tmp_path)
    code, out, err = praxis("import", str(f))
    assert code == 0, err
    assert out.startswith(f"Imported 12 new, updated 0, unchanged 0 from {f.name}.")
    code, out, err = praxis("import", str(f))
    assert code == 0, err
    assert out.startswith(f"Imported 0 new, updated 0, unchanged 12 from {f.name}.")
    with Repository.open(store_path, clock) as repo:
        plans = repo.plans()
    assert len(plans) == 12
    assert len({p.source_uid for p in plans}) == 12
    assert {p.sequence for p in plans} == {1}


def test_an_edited_file_updates_changed_events_and_lists_the_gone(
    praxis, store_path: Path, clock, tmp_path: Path
) -> None:
    assert praxis("import", str(_copy(tmp_path)))[0] == 0
    with Repository.open(store_path, clock) as repo:
        before = _by_uid(repo)
    text = _fixture_text()
    # the assessment skills day moves room, the lecture loses another week, the law block is dropped
    room = "SUMMARY:Skills day: Assessment and planning\r\nLOCATION:"
    text = text.replace(room + "Hollins Building\\, room 2.14", room + "Diamond Building\\, workroom 1")
    text = text.replace(
        "EXDATE;TZID=Europe/London:20261026T100000",
        "EXDATE;TZID=Europe/London:20261026T100000,20261130T100000",
    )
    start = text.index("BEGIN:VEVENT\r\nUID:sd-2027-law-block")
    text = text[:start] + text[text.index("END:VEVENT\r\n", start) + len("END:VEVENT\r\n") :]
    f = _copy(tmp_path, text)
    code, out, err = praxis("import", str(f))
    assert code == 0, err
    first = out.splitlines()[0]
    assert first == (
        f"Imported 0 new, updated 2, unchanged 9 from {f.name}; 1 no longer in the file "
        "(kept; delete them if they are cancelled): "
        "Skills days: Law and safeguarding block (Mon 11 Jan 2027)."
    )
    with Repository.open(store_path, clock) as repo:
        after = _by_uid(repo)
    assessment = after["sd-2026-assessment@timetable.northfield.example"]
    assert assessment.location == "Diamond Building, workroom 1" and assessment.sequence == 2
    assert assessment.id == before["sd-2026-assessment@timetable.northfield.example"].id
    assert after[LECTURE].skipped == ["2026-10-26", "2026-11-30"] and after[LECTURE].sequence == 2
    assert after["sd-2026-communication@timetable.northfield.example"].sequence == 1  # untouched
    assert "sd-2027-law-block@timetable.northfield.example" in after  # nothing deleted without asking


def test_what_a_person_added_in_praxis_survives_a_reimport(repo: Repository, tmp_path: Path) -> None:
    f = _copy(tmp_path)
    import_ics(repo, f)
    lecture = _by_uid(repo)[LECTURE]
    repo.update(Plan(**{**lecture.__dict__, "kind": "review", "reminders": [30]}))
    text = _fixture_text().replace(
        "LOCATION:Arts Tower lecture theatre 4", "LOCATION:Arts Tower lecture theatre 7"
    )
    result = import_ics(repo, _copy(tmp_path, text))
    assert (result.added, result.updated, result.unchanged) == (0, 1, 11)
    lecture = _by_uid(repo)[LECTURE]
    assert lecture.location == "Arts Tower lecture theatre 7"
    assert (lecture.kind, lecture.reminders, lecture.sequence) == ("review", [30], 3)


def test_a_changed_or_cancelled_occurrence(repo: Repository, tmp_path: Path) -> None:
    text = _fixture_text().replace(
        "RECURRENCE-ID;TZID=Europe/London:20261109T100000\r\n"
        "DTSTART;TZID=Europe/London:20261110T140000\r\n"
        "DTEND;TZID=Europe/London:20261110T160000\r\n"
        "SEQUENCE:1\r\n"
        "SUMMARY:Lecture: Social work theory and methods (SW2001)\r\n",
        "RECURRENCE-ID;TZID=Europe/London:20261109T100000\r\n"
        "DTSTART;TZID=Europe/London:20261109T100000\r\n"
        "DTEND;TZID=Europe/London:20261109T120000\r\n"
        "SEQUENCE:1\r\n"
        "SUMMARY:Guest lecture: Lived experience panel (SW2001)\r\n",
    )
    text = text.replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:" + LECTURE + "\r\nRECURRENCE-ID;TZID=Europe/London:20261123T100000\r\n"
        "DTSTART;TZID=Europe/London:20261123T100000\r\nSTATUS:CANCELLED\r\nSUMMARY:Lecture\r\nEND:VEVENT\r\n"
        "END:VCALENDAR",
    )
    import_ics(repo, _copy(tmp_path, text))
    plans = _by_uid(repo)
    # a new title is more than a move: that week becomes a plan of its own, the series skips it
    guest = plans[LECTURE + "#20261109T100000Z"]
    assert (guest.title, guest.date, guest.time, guest.minutes) == (
        "Guest lecture: Lived experience panel (SW2001)",
        date(2026, 11, 9),
        "10:00",
        120,
    )
    assert plans[LECTURE].skipped == ["2026-10-26", "2026-11-09", "2026-11-23"]
    assert plans[LECTURE].moved == {}


# -- refused files ---------------------------------------------------------------------------------
def _without_start(text: str) -> str:
    return text.replace("DTSTART:20261119T130000Z\r\n", "")


MALFORMED = [
    pytest.param(
        lambda t: "date,title\r\n2026-10-12,Skills day\r\n", "line 1: this is not an iCalendar file", id="csv"
    ),
    pytest.param(
        lambda t: t.replace(
            "SUMMARY:Seminar: Ethics in practice\r\n", "SUMMARY Seminar: Ethics in practice\r\n"
        ),
        "line 88: 'SUMMARY Seminar: Ethics in practice' is not an iCalendar line",
        id="broken-line",
    ),
    pytest.param(
        _without_start,
        "line 83: DTSTART: the event 'Seminar: Ethics in practice' has no start (DTSTART)",
        id="no-start",
    ),
    pytest.param(
        lambda t: t.replace("DTSTART;VALUE=DATE:20261109", "DTSTART;VALUE=DATE:20261131"),
        "line 34: DTSTART: cannot be read",
        id="31-november",
    ),
    pytest.param(
        lambda t: t.replace("RRULE:FREQ=WEEKLY;COUNT=4", "RRULE:FREQ=WEEKLY;BYDAY=MX"),
        "line 96: RRULE: cannot be read",
        id="bad-rule",
    ),
    pytest.param(
        lambda t: t[: t.index("BEGIN:VEVENT\r\nUID:welcome")] + "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:2026",
        "is it cut short?",
        id="cut-short",
    ),
    pytest.param(
        lambda t: t.replace(
            "DTSTART;TZID=Europe/London:20260921T093000", "DTSTART;TZID=Mars/Olympus:20260921T093000"
        ),
        "line 103: DTSTART: the time zone 'Mars/Olympus' is not known",
        id="unknown-zone",
    ),
]


@pytest.mark.parametrize(("edit", "reason"), MALFORMED)
def test_a_malformed_file_is_refused_and_the_store_is_unchanged(
    praxis, store_path: Path, tmp_path: Path, edit, reason: str
) -> None:
    assert praxis("import", str(_copy(tmp_path)))[0] == 0
    before = _fingerprint(store_path)
    f = _copy(tmp_path, edit(_fixture_text()))
    code, out, err = praxis("import", str(f))
    assert code == 1 and out == ""
    assert f"{f.name}: nothing was imported." in err
    assert reason in err
    assert _fingerprint(store_path) == before


def test_a_malformed_file_adds_nothing_to_an_empty_store(repo: Repository, tmp_path: Path) -> None:
    f = _copy(tmp_path, _without_start(_fixture_text()))
    with pytest.raises(ValidationError) as caught:
        import_ics(repo, f)
    assert [p.line for p in caught.value.problems] == [83]
    assert repo.plans() == []


def test_the_line_numbers_point_at_the_fixture(tmp_path: Path) -> None:
    """The lines the refusals above name are the lines a person would open the file at."""
    lines = _fixture_text().split("\r\n")
    assert lines[88 - 1] == "SUMMARY:Seminar: Ethics in practice"
    assert lines[83 - 1] == "BEGIN:VEVENT"
    assert lines[34 - 1] == "DTSTART;VALUE=DATE:20261109"
    assert lines[96 - 1] == "RRULE:FREQ=WEEKLY;COUNT=4"
    assert lines[103 - 1] == "DTSTART;TZID=Europe/London:20260921T093000"


def test_a_timed_rule_in_london_time_is_kept_across_the_spring_change(
    repo: Repository, tmp_path: Path
) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Northfield University//Timetable//EN\r\n"
        "BEGIN:VEVENT\r\nUID:spring-seminar@timetable.northfield.example\r\nDTSTAMP:20260901T080000Z\r\n"
        "DTSTART;TZID=Europe/London:20270318T140000\r\nDTEND;TZID=Europe/London:20270318T153000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Seminar: Group work\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = import_ics(repo, _copy(tmp_path, text, "spring.ics"))
    (plan,) = repo.plans()
    assert (plan.rules, plan.time, plan.minutes, result.notes) == (["FREQ=WEEKLY;COUNT=4"], "14:00", 90, ())
    starts = _plan_starts(plan)
    assert [s.date() for s in starts] == [date(2027, 3, 18) + timedelta(weeks=n) for n in range(4)]
    assert {s.utcoffset() for s in starts} == {timedelta(0), timedelta(hours=1)}  # 28 March 2027 between


def test_an_endless_rule_that_must_be_expanded_stops_a_year_ahead(repo: Repository, tmp_path: Path) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Northfield University//Timetable//EN\r\n"
        "BEGIN:VEVENT\r\nUID:drop-in@timetable.northfield.example\r\nDTSTAMP:20260901T080000Z\r\n"
        "DTSTART:20261005T090000Z\r\nDTEND:20261005T100000Z\r\nRRULE:FREQ=MONTHLY\r\n"
        "SUMMARY:Placement drop-in\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = import_ics(repo, _copy(tmp_path, text, "drop-in.ics"))
    plans = repo.plans()
    assert [(p.date, p.time) for p in plans][:2] == [
        (date(2026, 10, 5), "10:00"),
        (date(2026, 11, 5), "09:00"),
    ]
    assert plans[-1].date == date(2027, 11, 5)  # 22 Nov 2026 (today) + 366 days is 23 Nov 2027
    assert result.added == 14
    assert result.notes == (
        "'Placement drop-in' was expanded into 14 one-off plans up to 23 Nov 2027: its times are set in UTC "
        "or another time zone, so its UK time moves at a clock change.",
    )
