"""Activities as table rows: what each cell says, how rows sort, and which ones each filter keeps."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.services.activity_rows import (
    ActivityFilter,
    ActivityRow,
    RowCache,
    Search,
    TableRows,
    all_tags,
    cpd_year,
    day_text,
    filter_rows,
    hours_text,
    next_sort,
    period_label,
    period_range,
    refines,
    sort_rows,
    summary,
    total_hours,
)
from praxis_socialwork.store import Activity

TODAY = date(2026, 11, 22)


def _activity(n: int, day: date, title: str, **fields) -> Activity:
    return Activity(id=f"id-{n}", date=day, title=title, hours=fields.pop("hours", 1.0), **fields)


@pytest.fixture
def rows() -> list[ActivityRow]:
    """Six activities in the session's order (by date, then title), as rows."""
    activities = [
        _activity(1, date(2024, 3, 4), "Care Act refresher", type="course", hours=6.0, tags=["Law"]),
        _activity(2, date(2025, 11, 30), "Last day of the old CPD year", type="reading", hours=0.5),
        _activity(3, date(2025, 12, 1), "First day of this CPD year", type="reading", status="draft"),
        _activity(
            4, date(2026, 10, 1), "Supervision on risk", type="supervision", hours=1.5,
            peer="Alex Sample", tags=["risk", "law"], standards=["swe:4.2"],
        ),
        _activity(5, date(2026, 11, 20), "Anti-racist practice", type="course", hours=3.0, provider="Shire"),
        _activity(6, date(2026, 11, 20), "Webinar on MCA", type="e-learning", hours=2.0, learning="Capacity"),
    ]  # fmt: skip
    return RowCache().rows(activities)


def ids(found: list[ActivityRow]) -> list[str]:
    return [r.id for r in found]


def test_cells_read_as_people_write_them(rows: list[ActivityRow]) -> None:
    assert rows[3].cells == (
        "01 Oct 2026",
        "Supervision on risk",
        "supervision",
        "1.5",
        "complete",
        "swe:4.2",
    )
    assert day_text(None) == "no date"
    assert [hours_text(h) for h in (None, 2.0, 1.5, 0.25, 1234.5)] == ["", "2", "1.5", "0.25", "1,234.5"]


def test_table_rows_make_cells_only_when_asked(rows: list[ActivityRow]) -> None:
    table_rows = TableRows(rows)
    assert len(table_rows) == 6
    assert all(r._cells is None for r in rows)  # nothing made yet: opening costs nothing per row
    assert table_rows[1] == ("id-2", rows[1].cells)
    assert table_rows[-1][0] == "id-6"
    assert [r[0] for r in table_rows[0:2]] == ["id-1", "id-2"]


def test_newest_first_keeps_a_day_in_title_order(rows: list[ActivityRow]) -> None:
    assert ids(sort_rows(rows, "date", descending=True)) == ["id-5", "id-6", "id-4", "id-3", "id-2", "id-1"]
    assert ids(sort_rows(rows, "date", descending=False)) == ["id-1", "id-2", "id-3", "id-4", "id-5", "id-6"]


def test_other_columns_sort_with_ties_newest_first(rows: list[ActivityRow]) -> None:
    assert ids(sort_rows(rows, "title", descending=False))[:2] == ["id-5", "id-1"]
    assert ids(sort_rows(rows, "hours", descending=True)) == ["id-1", "id-5", "id-6", "id-4", "id-3", "id-2"]
    # The two courses tie on type: the newer one comes first.
    assert ids(sort_rows(rows, "type", descending=False))[:2] == ["id-5", "id-1"]
    assert ids(sort_rows(rows, "status", descending=False))[0] == "id-5"
    with pytest.raises(ValueError, match="not a column"):
        sort_rows(rows, "colour", descending=False)


def test_s_cycles_through_the_columns_each_in_its_first_direction() -> None:
    assert next_sort("date") == ("title", False)
    assert next_sort("title") == ("type", False)
    assert next_sort("type") == ("hours", True)
    assert next_sort("standards") == ("date", True)


def test_search_is_case_insensitive_and_needs_every_word(rows: list[ActivityRow]) -> None:
    def search(text: str) -> list[str]:
        return ids(filter_rows(rows, ActivityFilter(text=text), TODAY))

    assert search("SUPERVISION") == ["id-4"]
    assert search("alex") == ["id-4"]  # the peer
    assert search("shire") == ["id-5"]  # the provider
    assert search("capacity") == ["id-6"]  # what was learnt
    assert search("law") == ["id-1", "id-4"]  # a tag
    assert search("swe:4.2") == ["id-4"]  # a standard
    assert search("law risk") == ["id-4"]
    assert search("law webinar") == []
    assert search("   ") == ids(rows)


@pytest.mark.parametrize("text", ["law", "a", "law risk", "nothing holds this", ""])
def test_a_search_a_few_rows_at_a_time_finds_what_one_whole_search_does(rows, text) -> None:
    whole = ids(filter_rows(rows, ActivityFilter(text=text), TODAY))
    search = Search(list(rows), text.split())
    search.until(1, step=1)  # the first match (or every row, if none)
    assert ids(search.found) == whole[: len(search.found)] and (search.found or search.done)
    assert ids(search.candidates())[: len(search.found)] == ids(search.found)
    assert set(whole) <= set(ids(search.candidates()))  # a longer search may look only in these
    while not search.done:
        search.step(2)
        assert ids(search.found) == whole[: len(search.found)]
    assert ids(search.found) == whole and search.candidates() is search.found


def test_a_search_finds_the_cursors_row_or_says_it_is_not_kept(rows) -> None:
    search = Search(list(rows), ["law"])
    assert search.until_row(rows[3], step=1) == 1  # id-4: the second row with "law"
    assert search.looked_at == 4  # no further than that row
    assert search.until_row(rows[1], step=1) is None  # id-2 has no "law": not looked for
    assert search.looked_at == 4


def test_hours_add_up_with_a_missing_one_as_none() -> None:
    listed = RowCache().rows([_activity(1, TODAY, "A", hours=1.5), _activity(2, TODAY, "B", hours=None)])
    assert total_hours(listed) == 1.5
    assert summary(listed, 2) == "2 of 2 activities · 1.5 hours"


def test_type_status_and_tag_filters(rows: list[ActivityRow]) -> None:
    assert ids(filter_rows(rows, ActivityFilter(type="reading"), TODAY)) == ["id-2", "id-3"]
    assert ids(filter_rows(rows, ActivityFilter(status="draft"), TODAY)) == ["id-3"]
    assert ids(filter_rows(rows, ActivityFilter(tag="LAW"), TODAY)) == ["id-1", "id-4"]
    both = ActivityFilter(type="course", tag="law")
    assert ids(filter_rows(rows, both, TODAY)) == ["id-1"]


def test_periods_end_where_people_expect(rows: list[ActivityRow]) -> None:
    def period(name: str) -> list[str]:
        return ids(filter_rows(rows, ActivityFilter(period=name), TODAY))

    assert period("all") == ids(rows)
    assert period("cpd-year") == ["id-3", "id-4", "id-5", "id-6"]  # 1 Dec 2025 to 30 Nov 2026
    assert period("12-months") == ["id-2", "id-3", "id-4", "id-5", "id-6"]  # 23 Nov 2025 onwards
    assert period("30-days") == ["id-5", "id-6"]
    assert period("calendar-year") == ["id-4", "id-5", "id-6"]
    with pytest.raises(ValueError, match="not a period"):
        period_range("fortnight", TODAY)


def test_the_cpd_year_turns_on_1_december() -> None:
    assert cpd_year(date(2026, 11, 30)) == (date(2025, 12, 1), date(2026, 11, 30))
    assert cpd_year(date(2026, 12, 1)) == (date(2026, 12, 1), date(2027, 11, 30))
    assert period_label("cpd-year", TODAY) == "CPD year 2025-26"
    assert period_label("calendar-year", TODAY) == "This year (2026)"
    assert period_range("12-months", date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))


def test_only_keeps_the_records_behind_a_finding(rows: list[ActivityRow]) -> None:
    found = filter_rows(rows, ActivityFilter(), TODAY, only={"id-2", "id-5", "not-an-activity"})
    assert ids(found) == ["id-2", "id-5"]


def test_typing_on_narrows_but_other_changes_do_not() -> None:
    assert refines(ActivityFilter(text="sup"), ActivityFilter(text="Supe"))
    assert refines(ActivityFilter(text="law"), ActivityFilter(text="law r"))
    assert not refines(ActivityFilter(text="supe"), ActivityFilter(text="sup"))
    assert not refines(ActivityFilter(text="sup"), ActivityFilter(text="sup", type="course"))
    assert not refines(ActivityFilter(text="sup", type="course"), ActivityFilter(text="supe"))


def test_summary_counts_what_is_shown(rows: list[ActivityRow]) -> None:
    assert summary(rows, 6) == "6 of 6 activities · 14 hours"
    assert summary(rows[3:4], 6) == "1 of 6 activities · 1.5 hours"
    assert summary([], 1) == "0 of 1 activity · 0 hours"


def test_tags_are_listed_once_each_ignoring_case(rows: list[ActivityRow]) -> None:
    assert all_tags(rows) == ["Law", "risk"]


def test_changed_activities_get_new_rows_and_unchanged_keep_theirs() -> None:
    cache = RowCache()
    first = [_activity(1, TODAY, "One"), _activity(2, TODAY, "Two")]
    before = cache.rows(first)
    before[0].search_text()
    edited = [first[0], _activity(2, TODAY, "Two, edited")]
    after = cache.rows(edited)
    assert after[0] is before[0] and after[1] is not before[1]
    assert after[1].cells[1] == "Two, edited"
    assert cache.get("id-2") is after[1] and cache.get("gone") is None


def test_the_module_does_not_load_textual() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "import praxis_socialwork.services.activity_rows, sys; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.strip() == "False"
