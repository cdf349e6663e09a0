"""iCalendar export, read back by vobject (a reader icalendar's authors did not write) and by
icalendar: structure, wall-clock times across both clock changes and a year's end, stable UIDs,
SEQUENCE on edit, deletions, privacy, alarms, date ranges, and refusing a bad option."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from praxis_socialwork.exports.ical import INCLUDES, CalendarData, _fold, build_ics, export_ics
from praxis_socialwork.rules.schedule import occurrences
from praxis_socialwork.store import LONDON, Activity, Placement, PlacementDay, Plan, Profile, Repository

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=LONDON)
SECRET = "Discussed the Okafor family's case, flat 3"  # notes that must never leave by default


@pytest.fixture
def filled(store_path: Path, clock) -> dict[str, str]:
    """A student's store: a placement with logged days, sessions, an activity; returns their ids."""
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["swe"], country="england"))
        placement = repo.add(
            Placement(name="Northshire Children's Services", agency="Northshire Council",
                      start=date(2026, 9, 7), required_days=70, setting="statutory", kind="first")
        )  # fmt: skip
        day = repo.add(
            PlacementDay(placement_id=placement.id, date=date(2026, 11, 20), hours=7.5, note=SECRET)
        )
        absent = repo.add(
            PlacementDay(placement_id=placement.id, date=date(2026, 11, 19), kind="sick", hours=0)
        )
        weekly = repo.add(
            Plan(title="Supervision", kind="supervision", date=date(2026, 3, 2), time="09:30", minutes=90,
                 rules=["FREQ=WEEKLY"], location="Room 2, Civic Centre", notes=SECRET, reminders=[15],
                 placement_id=placement.id)
        )  # fmt: skip
        new_year = repo.add(
            Plan(title="New Year shift", kind="other", date=date(2026, 12, 31), time="23:30", minutes=60)
        )
        span = repo.add(
            Plan(title="Study block", kind="study", date=date(2026, 12, 31), end_date=date(2027, 1, 1))
        )
        later = repo.add(Plan(title="Team meeting", kind="team-meeting", date=date(2027, 2, 3), time="14:00"))
        activity = repo.add(
            Activity(date=date(2025, 12, 31), end_date=date(2026, 1, 1), title="Winter school, day 1; day 2",
                     type="course", hours=12, learning=SECRET + " (learning)",
                     peer="A. Colleague", peer_reflection=SECRET + " (peer reflection)")
        )  # fmt: skip
        draft = repo.add(Activity(date=date(2026, 10, 1), title="Half-written note", hours=1, status="draft"))
    return {
        "placement": placement.id, "day": day.id, "absent": absent.id, "weekly": weekly.id,
        "new_year": new_year.id, "span": span.id, "later": later.id, "activity": activity.id,
        "draft": draft.id,
    }  # fmt: skip


def _read(path: Path) -> tuple[vobject.base.Component, icalendar.Calendar]:
    """Parse a written file with both readers (vobject validating it)."""
    raw = path.read_bytes()
    cal = vobject.readOne(raw.decode("utf-8"))
    cal.validate(raiseException=True)
    return cal, icalendar.Calendar.from_ical(raw)


def _events(cal: vobject.base.Component, uid: str) -> list[vobject.base.Component]:
    return [e for e in cal.vevent_list if e.uid.value == uid]


def _series(cal: vobject.base.Component, uid: str) -> vobject.base.Component:
    (event,) = [e for e in _events(cal, uid) if not hasattr(e, "recurrence_id")]
    return event


# -- structure -------------------------------------------------------------------------------


def test_the_file_is_a_valid_calendar_both_readers_accept(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "praxis.ics"
    code, said, _ = praxis("export", "ics", "-o", str(out))
    assert code == 0 and said.startswith("Wrote ") and str(out) in said
    raw = out.read_bytes()
    cal, ical = _read(out)
    assert cal.version.value == "2.0" and cal.prodid.value.startswith("-//Praxis//")
    assert ical["VERSION"] == "2.0" and ical["PRODID"] == cal.prodid.value
    zones = [c for c in ical.walk("VTIMEZONE")]
    assert [z["TZID"] for z in zones] == ["Europe/London"]
    assert len(cal.vevent_list) > 10
    for event in cal.vevent_list:
        assert event.uid.value and event.dtstamp.value == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
        assert hasattr(event, "dtstart")
    for event in ical.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)
    # RFC 5545: CRLF line ends, no line longer than 75 octets.
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    # Only complete activities are logged events; a draft is not something that happened.
    assert _events(cal, filled["activity"]) and not _events(cal, filled["draft"])


def test_a_weekly_0930_session_stays_0930_across_both_clock_changes(filled, store_path: Path, clock,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    with Repository.open(store_path, clock, read_only=True) as repo:
        export_ics(repo, tmp_path / "a.ics", include=["sessions"])
    cal, ical = _read(tmp_path / "a.ics")
    event = _series(cal, filled["weekly"])
    assert event.rrule.value == "FREQ=WEEKLY"
    assert b"DTSTART;TZID=Europe/London:20260302T093000" in (tmp_path / "a.ics").read_bytes()
    assert str(event.dtstart.value.tzinfo) == "Europe/London"  # anchored in London, not UTC
    # Wall-clock times from vobject's expansion of the rule, placed in the zone vobject builds from
    # the file's own VTIMEZONE (what an importer without a zone database of its own relies on).
    # (vobject's own aware results carry a pytz zone attached without localising, an hour off in summer.)
    zone = cal.vtimezone.gettzinfo()
    window = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
    seen = {o.date(): o.replace(tzinfo=zone) for o in event.getrruleset().between(*window)}
    before_spring, after_spring = seen[date(2026, 3, 23)], seen[date(2026, 3, 30)]
    before_autumn, after_autumn = seen[date(2026, 10, 19)], seen[date(2026, 10, 26)]
    for moment in (before_spring, after_spring, before_autumn, after_autumn):
        assert (moment.hour, moment.minute) == (9, 30)
    utc = lambda m: m.astimezone(UTC)  # noqa: E731
    assert utc(before_spring) == datetime(2026, 3, 23, 9, 30, tzinfo=UTC)  # GMT
    assert utc(after_spring) == datetime(2026, 3, 30, 8, 30, tzinfo=UTC)  # BST: an hour earlier in UTC
    assert utc(before_autumn) == datetime(2026, 10, 19, 8, 30, tzinfo=UTC)
    assert utc(after_autumn) == datetime(2026, 10, 26, 9, 30, tzinfo=UTC)
    assert utc(after_spring) - utc(before_spring) == timedelta(days=7, hours=-1)
    assert utc(after_autumn) - utc(before_autumn) == timedelta(days=7, hours=1)
    (series,) = [e for e in ical.walk("VEVENT") if str(e["UID"]) == filled["weekly"]]
    assert series.DTSTART == datetime(2026, 3, 2, 9, 30, tzinfo=LONDON)
    assert series.DTEND - series.DTSTART == timedelta(minutes=90)


def test_all_day_items_end_the_next_day_and_cross_the_year_end(filled, store_path: Path, clock,
                                                               tmp_path: Path) -> None:  # fmt: skip
    with Repository.open(store_path, clock, read_only=True) as repo:
        export_ics(repo, tmp_path / "a.ics")
    cal, _ = _read(tmp_path / "a.ics")
    (day,) = _events(cal, filled["day"])
    assert day.dtstart.value == date(2026, 11, 20) and not isinstance(day.dtstart.value, datetime)
    assert day.dtend.value == date(2026, 11, 21)  # exclusive end: the day after
    assert day.summary.value == "Placement day · 7.5 h" and day.location.value == "Northshire Council"
    (absent,) = _events(cal, filled["absent"])
    assert absent.summary.value == "Absence"  # not "sick": only what a colleague may see
    (span,) = _events(cal, filled["span"])
    assert (span.dtstart.value, span.dtend.value) == (date(2026, 12, 31), date(2027, 1, 2))
    (course,) = _events(cal, filled["activity"])
    assert (course.dtstart.value, course.dtend.value) == (date(2025, 12, 31), date(2026, 1, 2))
    assert course.summary.value == "CPD: Winter school, day 1; day 2"  # commas and semicolons survive
    (shift,) = _events(cal, filled["new_year"])
    assert shift.dtstart.value == datetime(2026, 12, 31, 23, 30, tzinfo=shift.dtstart.value.tzinfo)
    assert shift.dtend.value.astimezone(UTC) == datetime(2027, 1, 1, 0, 30, tzinfo=UTC)
    (placement,) = _events(cal, filled["placement"])
    assert placement.dtstart.value == date(2026, 9, 7) and placement.transp.value == "TRANSPARENT"


def test_planned_days_follow_the_placement_plan_with_stable_uids(filled, store_path: Path, clock,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    import uuid

    from praxis_socialwork.rules.schedule import placement_plan

    with Repository.open(store_path, clock, read_only=True) as repo:
        placement = repo.get(Placement, filled["placement"])
        plan = placement_plan(placement, repo.days(placement.id), "england", date(2026, 11, 22))
        export_ics(repo, tmp_path / "a.ics", include=["planned", "placement"])
    cal, _ = _read(tmp_path / "a.ics")
    planned = sorted((e for e in cal.vevent_list if e.uid.value != filled["placement"]),
                     key=lambda e: e.dtstart.value)  # fmt: skip
    assert [e.dtstart.value for e in planned] == list(plan.planned) and len(planned) == 69
    assert planned[0].dtstart.value == date(2026, 11, 23)  # the Monday after today (a Sunday)
    assert date(2026, 12, 25) not in {e.dtstart.value for e in planned}  # a bank holiday is skipped
    assert planned[0].uid.value == str(uuid.uuid5(uuid.UUID(filled["placement"]), "2026-11-23"))
    # The placement's span runs to the plan's finish, as it has no planned end of its own.
    (span,) = _events(cal, filled["placement"])
    assert span.dtend.value == plan.finish + timedelta(days=1)


# -- two exports -----------------------------------------------------------------------------


def test_uids_stay_the_same_sequence_grows_on_edit_and_deleted_records_go(
    praxis, filled, store_path: Path, clock, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    assert praxis("export", "ics", "-o", str(first))[0] == 0
    assert praxis("export", "ics", "-o", str(first.with_name("again.ics")))[0] == 0
    assert first.read_bytes() == first.with_name("again.ics").read_bytes()  # nothing random in the file
    with Repository.open(store_path, clock) as repo:
        plan = repo.get(Plan, filled["weekly"])
        repo.update(replace(plan, title="Supervision with Jo", location="Room 3"))
        repo.delete(Activity, filled["activity"])
        repo.delete(Plan, filled["later"])
    assert praxis("export", "ics", "-o", str(second))[0] == 0
    one, _ = _read(first)
    two, _ = _read(second)
    uids_one = {e.uid.value for e in one.vevent_list}
    uids_two = {e.uid.value for e in two.vevent_list}
    assert uids_one - uids_two == {filled["activity"], filled["later"]}
    assert uids_two <= uids_one
    assert {filled["weekly"], filled["day"], filled["placement"]} <= uids_two  # each record's own id
    before, after = _series(one, filled["weekly"]), _series(two, filled["weekly"])
    assert int(after.sequence.value) == int(before.sequence.value) + 1
    assert after.summary.value == "Supervision with Jo" and after.location.value == "Room 3"
    unchanged_one, unchanged_two = _series(one, filled["new_year"]), _series(two, filled["new_year"])
    assert unchanged_one.sequence.value == unchanged_two.sequence.value


# -- privacy ---------------------------------------------------------------------------------


def test_notes_and_reflections_stay_out_unless_details_is_asked_for(praxis, filled, tmp_path: Path) -> None:
    private, shared = tmp_path / "private.ics", tmp_path / "details.ics"
    code, said, _ = praxis("export", "ics", "-o", str(private))
    assert code == 0 and "left out" in said
    raw = private.read_bytes()
    assert b"Okafor" not in raw and b"DESCRIPTION:Discussed" not in raw
    assert praxis("export", "ics", "-o", str(shared), "--details")[0] == 0
    cal, _ = _read(shared)
    assert _series(cal, filled["weekly"]).description.value == SECRET
    (day,) = _events(cal, filled["day"])
    assert day.description.value == SECRET
    (course,) = _events(cal, filled["activity"])
    assert f"What I learnt: {SECRET} (learning)" in course.description.value
    assert f"Peer reflection: {SECRET} (peer reflection)" in course.description.value


def test_the_file_is_owner_only_and_replaced_whole(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "cal" / "praxis.ics"
    out.parent.mkdir()
    out.write_bytes(b"an older export")
    assert praxis("export", "ics", "-o", str(out))[0] == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert out.stat().st_mode & 0o077 == 0
    assert [p.name for p in out.parent.iterdir()] == ["praxis.ics"]  # no temporary file left behind


# -- deadlines, sessions ---------------------------------------------------------------------


def test_deadlines_carry_alarms_30_and_7_days_before(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    code, said, _ = praxis("export", "ics", "-o", str(out), "--include", "deadlines")
    assert code == 0 and "3 deadlines." in said
    cal, ical = _read(out)
    assert cal.vevent_list
    titles = {e.summary.value: e for e in cal.vevent_list}
    # The placement's end, and Social Work England's CPD due on 30 November (the profile follows swe).
    assert {"Northshire Children's Services: midpoint", "Northshire Children's Services: end"} < set(titles)
    cpd = [e for title, e in titles.items() if title.startswith("SWE due")]
    assert cpd and cpd[0].dtstart.value == date(2026, 11, 30)
    for event in cal.vevent_list:
        assert not isinstance(event.dtstart.value, datetime)
        assert event.dtend.value == event.dtstart.value + timedelta(days=1)
        triggers = sorted(a.trigger.value for a in event.valarm_list)
        assert triggers == [timedelta(days=-30), timedelta(days=-7)]
        assert all(a.action.value == "DISPLAY" and a.description.value for a in event.valarm_list)
    assert all(len(e.walk("VALARM")) == 2 for e in ical.walk("VEVENT"))


def test_moved_and_skipped_occurrences_and_several_rules(clock, tmp_path: Path) -> None:
    one_rule = Plan(id="5b1e7f7e-8c1a-4c39-9a53-1f6d2b1c0a01", title="Supervision", kind="supervision",
                    date=date(2026, 11, 2), time="10:00", rules=["FREQ=WEEKLY;COUNT=8"],
                    skipped=["2026-11-09"], moved={"2026-11-16": "2026-11-17T14:00"}, sequence=3)  # fmt: skip
    several = Plan(id="5b1e7f7e-8c1a-4c39-9a53-1f6d2b1c0a02", title="Supervision (first year)",
                   kind="supervision", date=date(2026, 11, 3), time="09:30",
                   rules=["FREQ=WEEKLY;COUNT=6", "FREQ=WEEKLY;INTERVAL=2;COUNT=4"],
                   skipped=["2026-11-10"], moved={"2026-11-17": "2026-11-18T09:30"})  # fmt: skip
    result = build_ics(CalendarData(plans=[one_rule, several]), now=NOW, include=["sessions"])
    (tmp_path / "s.ics").write_bytes(result.data)
    cal, _ = _read(tmp_path / "s.ics")
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
    for plan in (one_rule, several):
        series = _series(cal, plan.id)
        got = sorted(o.date() for o in series.getrruleset(addRDate=True).between(*window, inc=True))
        expected = sorted(o.original for o in occurrences(plan, date(2026, 1, 1), date(2028, 1, 1)))
        assert got == expected  # the skipped one is gone, the moved one keeps its slot
        (override,) = [e for e in _events(cal, plan.id) if hasattr(e, "recurrence_id")]
        [(moved_from, moved_to)] = plan.moved.items()
        assert override.recurrence_id.value.date() == date.fromisoformat(moved_from)
        assert override.dtstart.value.replace(tzinfo=None) == datetime.fromisoformat(moved_to)
        assert override.sequence.value == series.sequence.value == str(plan.sequence)
    assert hasattr(_series(cal, one_rule.id), "rrule") and not hasattr(_series(cal, one_rule.id), "rdate")
    assert hasattr(_series(cal, several.id), "rdate") and not hasattr(_series(cal, several.id), "rrule")
    assert result.counts == {"sessions": 4}


def test_a_timed_until_is_written_in_utc(tmp_path: Path) -> None:
    plan = Plan(id="5b1e7f7e-8c1a-4c39-9a53-1f6d2b1c0a03", title="Study", kind="study", date=date(2026, 6, 1),
                time="18:00", rules=["FREQ=WEEKLY;UNTIL=20260622"])  # fmt: skip
    data = build_ics(CalendarData(plans=[plan]), now=NOW).data
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20260622T225959Z" in data  # 23:59:59 BST on the UNTIL day
    (tmp_path / "u.ics").write_bytes(data)
    cal, _ = _read(tmp_path / "u.ics")
    got = list(_series(cal, plan.id).getrruleset())
    assert [o.date() for o in got] == [
        date(2026, 6, 1),
        date(2026, 6, 8),
        date(2026, 6, 15),
        date(2026, 6, 22),
    ]


# -- ranges and options ----------------------------------------------------------------------


def test_from_and_to_keep_only_items_touching_those_days(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "december.ics"
    code, said, _ = praxis("export", "ics", "-o", str(out), "--from", "01/12/2026", "--to", "31/12/2026")
    assert code == 0
    cal, _ = _read(out)
    uids = {e.uid.value for e in cal.vevent_list}
    assert {filled["weekly"], filled["new_year"], filled["span"], filled["placement"]} <= uids
    assert not uids & {filled["later"], filled["activity"], filled["day"], filled["absent"]}
    for event in cal.vevent_list:
        if hasattr(event, "rrule") or hasattr(event, "rdate"):
            continue
        start, end = event.dtstart.value, event.dtend.value
        if isinstance(start, datetime):
            first, last = start.date(), (end - timedelta(seconds=1)).date()
        else:
            first, last = start, end - timedelta(days=1)
        assert first <= date(2026, 12, 31) and last >= date(2026, 12, 1)


def test_include_picks_what_goes_in(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "logged.ics"
    code, said, _ = praxis("export", "ics", "-o", str(out), "--include", "logged", "--include", "session")
    assert code == 0 and "4 sessions, 3 logged items." in said
    cal, _ = _read(out)
    uids = {e.uid.value for e in cal.vevent_list}
    assert uids == {filled[k] for k in ("day", "absent", "activity", "weekly", "new_year", "span", "later")}


def test_a_bad_include_word_says_so_and_writes_nothing(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "never.ics"
    code, said, err = praxis("export", "ics", "-o", str(out), "--include", "placement,sesions")
    assert code == 1 and said == ""
    assert "'sesions'" in err and "Did you mean 'sessions'?" in err
    assert all(word in err for word in INCLUDES)
    assert not out.exists() and list(tmp_path.glob("*.ics*")) == []


def test_bad_dates_and_a_folder_are_refused_plainly(praxis, filled, tmp_path: Path) -> None:
    out = tmp_path / "never.ics"
    code, _, err = praxis("export", "ics", "-o", str(out), "--from", "13/13/2026")
    assert code == 1 and "--from" in err and not out.exists()
    code, _, err = praxis("export", "ics", "-o", str(out), "--from", "02/12/2026", "--to", "01/12/2026")
    assert code == 1 and "before --from" in err and not out.exists()
    code, _, err = praxis("export", "ics", "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err


# -- text ------------------------------------------------------------------------------------


def test_awkward_text_round_trips_exactly_and_lines_fold_at_75_octets(tmp_path: Path) -> None:
    title = "Gwaith grŵp, cyfarfod; \\ nodiadau — «Ysgol Haf» " + "ŵ" * 60 + " 🙂 end"
    note = "Line one,\nline two; with a tab\tand a bell\x07 removed"
    activity = Activity(id="5b1e7f7e-8c1a-4c39-9a53-1f6d2b1c0a04", date=date(2026, 5, 1), title=title,
                        learning=note)  # fmt: skip
    plan = Plan(id="5b1e7f7e-8c1a-4c39-9a53-1f6d2b1c0a05", title=title, kind="other", date=date(2026, 5, 2),
                notes=note)  # fmt: skip
    data = build_ics(CalendarData(activities=[activity], plans=[plan]), now=NOW, details=True).data
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    data.decode("utf-8")  # folding never splits a character
    (tmp_path / "t.ics").write_bytes(data)
    cal, ical = _read(tmp_path / "t.ics")
    by_uid = {e.uid.value: e for e in cal.vevent_list}
    assert by_uid[activity.id].summary.value == "CPD: " + title
    assert by_uid[activity.id].description.value == "What I learnt: " + note.replace("\x07", "")
    assert by_uid[plan.id].summary.value == title  # written by icalendar, read by vobject
    assert {str(e["SUMMARY"]) for e in ical.walk("VEVENT")} == {"CPD: " + title, title}


def test_fold_keeps_short_lines_and_splits_long_ones_at_75_octets() -> None:
    assert _fold("SUMMARY:short") == "SUMMARY:short"
    long = "DESCRIPTION:" + "é" * 80
    folded = _fold(long)
    parts = folded.split("\r\n ")
    assert "".join(parts) == long
    assert all(len(p.encode()) <= (75 if i == 0 else 74) for i, p in enumerate(parts))
