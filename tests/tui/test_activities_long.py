"""A long activities table: a search shows the first screenful at once and looks through the rest
just after, and what the person sees, as they type, widen the search or go to the end, is what one
whole search would show."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from praxis_socialwork.services.activity_rows import ActivityFilter, filter_rows
from praxis_socialwork.store import Activity, Profile, Repository
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.screens import activities
from praxis_socialwork.tui.screens.activities import ActivitiesScreen
from tests.tui.helpers import screen_after, screen_text, shown

TODAY = date(2026, 11, 22)
TOPICS = ("risk", "law", "capacity", "supervision", "safeguarding")
COUNT = 300


def _activity(i: int) -> Activity:
    topic = TOPICS[i % len(TOPICS)]
    other = TOPICS[(i * 7) % len(TOPICS)]
    return Activity(
        date=TODAY - timedelta(days=i),
        title=f"Piece {i:03d} on {topic}",
        type="reading",
        hours=1.0 + (i % 4) / 4,
        description=f"Reading about {other} and {topic} in adult services, number {i}.",
    )


@pytest.fixture
def app(store_path: Path, clock):
    """The app on a store of ``COUNT`` activities, one a day, each on two of the ``TOPICS``."""
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="practitioner", frameworks=["swe"]))
        repo.add_many([_activity(i) for i in range(COUNT)])
    repo = Repository.open(store_path, clock)
    yield make_app(repo, clock)
    repo.close()


@pytest.fixture(autouse=True)
def _a_part_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches look through a few rows at a time, so 300 rows take many parts."""
    monkeypatch.setattr(activities, "SEARCH_AT_ONCE", 0)
    monkeypatch.setattr(activities, "SEARCH_STEP", 7)
    monkeypatch.setattr(activities, "SEARCH_SLICE", 0.0)


def titles(screen: ActivitiesScreen) -> list[str]:
    return [cells[1] for _, cells in screen.table.rows]


def whole_search(screen: ActivitiesScreen, text: str) -> list[str]:
    """The titles one whole search for ``text`` keeps, newest first."""
    rows = sorted(screen._rows, key=lambda r: r.date, reverse=True)
    return [r.activity.title for r in filter_rows(rows, ActivityFilter(text=text), TODAY)]


async def searched(pilot, screen: ActivitiesScreen, look_on=None, held=None) -> None:
    """Wait until the search has looked through every row (letting ``held`` parts go on)."""
    for _ in range(500):
        if screen._search is not None and screen._search.done:
            return
        if held:
            look_on(screen, held.pop())
        await pilot.pause()
    raise AssertionError("the search never finished")


async def test_typing_then_widening_shows_what_a_whole_search_would(app, monkeypatch) -> None:
    held: list[int] = []  # searches told to look on after the frame, kept back until let go
    look_on = ActivitiesScreen._search_on
    monkeypatch.setattr(ActivitiesScreen, "_search_on", lambda self, searching: held.append(searching))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = await screen_after(pilot, ActivitiesScreen, "a")
        await pilot.press("slash")
        typed = ""
        for key in "supervision":
            typed += key
            await pilot.press(key)
            expected = whole_search(screen, typed)
            so_far = titles(screen)
            assert not screen._search.done and held  # drawn before the search looked at every row
            assert so_far == expected[: len(so_far)]  # the rows found first are the first rows
            assert len(so_far) >= 30  # at least a screenful at once
            assert expected[0] in screen_text(app)
            if key in "sv":  # let this search finish; the others are overtaken by the next key
                look_on(screen, held.pop())
                await searched(pilot, screen, look_on, held)
                assert titles(screen) == expected
        await searched(pilot, screen, look_on, held)
        assert titles(screen) == whole_search(screen, typed)
        assert len(titles(screen)) == COUNT * 2 // len(TOPICS)
        assert shown(screen, "#summary").startswith(f"{COUNT * 2 // len(TOPICS)} of {COUNT} activities")
        await pilot.press(*["backspace"] * 7)  # "supe": wider again
        await searched(pilot, screen, look_on, held)
        assert titles(screen) == whole_search(screen, "supe")
        await pilot.press("space", *"law")  # two words: both must be there
        await searched(pilot, screen, look_on, held)
        assert titles(screen) == whole_search(screen, "supe law") != []


async def test_the_end_key_goes_to_the_last_row_of_the_whole_search(app, monkeypatch) -> None:
    # The search is not let go on after its first screenful: End must find the rest itself.
    monkeypatch.setattr(ActivitiesScreen, "_search_on", lambda self, searching: None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = await screen_after(pilot, ActivitiesScreen, "a")
        await pilot.press("slash", *"capacity", "enter")  # enter: back to the table
        expected = whole_search(screen, "capacity")
        assert not screen._search.done and len(titles(screen)) < len(expected)
        assert shown(screen, "#summary") == "searching 300 activities…"
        await pilot.press("end")
        await pilot.pause()
        assert titles(screen) == expected
        assert screen.table.cursor == len(expected) - 1
        last = screen.table.rows[-1][0]
        assert screen.table.current_id == last
        text = screen_text(app)
        assert expected[-1] in text and expected[-2] in text  # the bottom of the table is drawn
        assert expected[0] not in text
        assert expected[-1] in shown(screen, "#detail-text")
        hours = sum(a.hours or 0 for a in app.session.activities() if a.title in expected)
        assert shown(screen, "#summary") == f"{len(expected)} of {COUNT} activities · {hours:g} hours"
        await pilot.press("home")
        assert expected[0] in screen_text(app)


async def test_scrolling_a_long_table_shows_the_right_rows_at_the_bottom(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = await screen_after(pilot, ActivitiesScreen, "a")
        everything = whole_search(screen, "")
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert everything[-1] in text and everything[-5] in text
        assert shown(screen, "#summary") == f"{COUNT} of {COUNT} activities · {COUNT * 1.375:g} hours"
        for _ in range(3):
            await pilot.press("pageup")
        await pilot.pause()
        top = int(screen.table.scroll_y)
        text = screen_text(app)
        assert everything[top] in text and everything[top - 1] not in text
