"""Calendars from other projects' test suites (tests/data/ics_corpus): the ones icalendar itself cannot
read, because an event holds two starts, are refused with a sentence naming the file and the line, and
nothing is written. (Every file of the corpus is imported by ``make stress``; see tests/test_stress.py.)"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests.store_files import store_bytes

CORPUS = Path(__file__).resolve().parents[1] / "data" / "ics_corpus"


def test_the_corpus_holds_every_file_with_its_licence() -> None:
    counts = {name: len(list((CORPUS / name).rglob("*.ics"))) for name in ("icalendar", "ical", "khal")}
    assert counts == {"icalendar": 198, "ical": 88, "khal": 56}
    assert all(
        (CORPUS / name).is_file() for name in ("icalendar/LICENSE.rst", "ical/LICENSE", "khal/COPYING")
    )


@pytest.mark.parametrize(
    ("path", "line", "first"),
    [
        ("src/icalendar/tests/calendars/pacific_fiji.ics", 49, 48),
        ("src/icalendar/fuzzing/corpus/pacific_fiji.ics", 49, 48),
        ("src/icalendar/fuzzing/corpus/america_new_york.ics", 58, 57),
        ("src/icalendar/tests/calendars/america_new_york_forward_reference.ics", 5, 4),
    ],
)
def test_an_event_with_two_starts_is_refused_by_name_and_line(praxis, store_path, path, line, first) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    assert praxis("add", "activity", "--title", "Reading", "--hours", "1", "--date", "2026-11-02")[0] == 0
    before = store_bytes(store_path)
    file = CORPUS / "icalendar" / path

    code, out, err = praxis("import", str(file))

    assert code == 1
    assert f"{file.name}: nothing was imported" in err
    assert f"line {line}: DTSTART: appears twice" in err and f"first on line {first}" in err
    assert "Traceback" not in out + err and "did not expect" not in err
    assert store_bytes(store_path) == before


def test_an_event_without_its_calendar_is_refused_with_what_to_do(praxis, store_path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    before = store_bytes(store_path)
    file = CORPUS / "khal" / "tests" / "ics" / "event_d.ics"

    code, _, err = praxis("import", str(file))

    assert code == 1
    assert "event_d.ics: nothing was imported" in err
    assert "one piece of a calendar (BEGIN:VEVENT) without the calendar around it" in err
    assert "import that" in err
    assert store_bytes(store_path) == before


def test_a_time_zone_the_library_guesses_is_told_as_a_note_not_a_warning(praxis, store_path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    file = (
        CORPUS
        / "icalendar"
        / "src"
        / "icalendar"
        / "tests"
        / "calendars"
        / "issue_313_globally_unique_tzid.ics"
    )

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning escaping to the terminal fails the test
        code, out, err = praxis("import", str(file))

    assert code == 0, err
    assert "Imported 3 new" in out
    assert "Note: Timezone '/mozilla.org/20070129_1/America/New_York' is a globally unique TZID" in out
    assert "guessing it means 'America/New_York'" in out
    assert err == ""
