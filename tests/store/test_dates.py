"""Typed dates are read day first, as the UK writes them, and anything doubtful is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from praxis_socialwork import store

MARCH_4 = date(2026, 3, 4)


@pytest.mark.parametrize("typed", ["2026-03-04", "04/03/2026", "4/3/26", "4 March 2026"])
def test_each_uk_way_of_writing_4_march_2026_reads_as_4_march(typed: str) -> None:
    assert store.parse_date(typed) == MARCH_4


def test_spaces_around_a_date_are_ignored() -> None:
    assert store.parse_date("  04/03/2026 \t") == MARCH_4


def test_a_us_style_date_is_refused_with_a_day_first_hint() -> None:
    with pytest.raises(store.DateError) as caught:
        store.parse_date("03/25/2026")
    message = str(caught.value)
    assert "03/25/2026" in message
    assert "day first" in message.lower()


def test_a_day_that_does_not_exist_is_refused() -> None:
    with pytest.raises(store.DateError) as caught:
        store.parse_date("31/02/2026")
    assert "31/02/2026" in str(caught.value)
    assert "not a real date" in str(caught.value)


def test_a_date_without_a_year_is_refused_rather_than_guessed() -> None:
    with pytest.raises(store.DateError) as caught:
        store.parse_date("4 March")
    assert "no year" in str(caught.value)


@pytest.mark.parametrize("typed", ["", "   "])
def test_a_blank_date_is_refused(typed: str) -> None:
    with pytest.raises(store.DateError, match="required"):
        store.parse_date(typed)


def test_words_that_are_not_a_date_are_refused() -> None:
    with pytest.raises(store.DateError) as caught:
        store.parse_date("next week-ish")
    assert "next week-ish" in str(caught.value)


def test_today_and_yesterday_count_from_the_day_given(clock: store.FixedClock) -> None:
    now = store.today(clock)
    assert store.parse_date("today", today=now) == now
    assert store.parse_date("Yesterday", today=now) == now - timedelta(days=1)
    # Across a month end, so an off-by-one in the month would show.
    first = date(2026, 3, 1)
    assert store.parse_date("yesterday", today=first) == date(2026, 2, 28)


def test_today_without_knowing_the_date_asks_for_the_date_itself() -> None:
    with pytest.raises(store.DateError, match="give the date itself"):
        store.parse_date("today")


def test_a_date_reads_back_the_way_people_write_it() -> None:
    assert store.format_uk(MARCH_4) == "Wed 4 Mar 2026"
