"""What the app's tests share: keys pressed as a person would, what the screen then shows, and the
stores they start from. The fixtures built on these are in ``conftest.py`` beside this module."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Record, Repository
from praxis_socialwork.tui.forms.import_dialog import ImportDialog
from praxis_socialwork.tui.screens.placements import PlacementsScreen

S = TypeVar("S", bound=Screen)


# -- what the screen shows ----------------------------------------------------------------------
def screen_text(app: App) -> str:
    """Everything the screen shows as plain text (Textual's own screenshot, tags dropped)."""
    return unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def shown(where: App | Screen, selector: str) -> str:
    """The text the Static at ``selector`` shows, on ``where``: a screen, or the app's screen now."""
    screen = where.screen if isinstance(where, App) else where
    return str(screen.query_one(selector, Static).render())


def notified(app: App) -> list[str]:
    """What the app has told the person in notifications, oldest first."""
    return [n.message for n in app._notifications]


# -- keys pressed ---------------------------------------------------------------------------------
KEY_NAMES = {" ": "space", "\n": "enter", ",": "comma", ":": "colon", ".": "full_stop"}


def typed(text: str) -> list[str]:
    """The keys that type ``text`` (a space, newline and some punctuation go by their key names)."""
    return [KEY_NAMES.get(c, c) for c in text]


async def screen_after(pilot: Any, screen_type: type[S], *keys: str) -> S:
    """Press ``keys`` and return the screen shown then, which must be a ``screen_type``."""
    await pilot.press(*keys)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, screen_type)
    return screen


async def to_placements(pilot: Any) -> PlacementsScreen:
    """Press ``p`` and return the placements screen."""
    return await screen_after(pilot, PlacementsScreen, "p")


async def from_palette(pilot: Any, command: str) -> None:
    """Open the command palette (Ctrl+P), type ``command`` and run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


async def import_file(pilot: Any, path: Path) -> None:
    """Press ``I``, type ``path`` and Enter; wait while the import runs in its worker."""
    await screen_after(pilot, ImportDialog, "I")
    await pilot.press(*str(path))
    await pilot.press("enter")
    for _ in range(50):
        await pilot.pause(0.05)
        if not isinstance(pilot.app.screen, ImportDialog) or not pilot.app.screen.busy:
            break


# -- snapshots ------------------------------------------------------------------------------------
def still(screen: Screen, selector: str = "Input, TextArea") -> None:
    """Stop the cursors of the fields at ``selector`` blinking, so a snapshot is the same every run."""
    for field in screen.query(selector):
        field.cursor_blink = False


def then_still(*keys: str) -> Callable[[Any], Awaitable[None]]:
    """A snapshot's ``run_before``: press ``keys`` one at a time, then stop cursors blinking."""

    async def run(pilot: Any) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        still(pilot.app.screen)
        await pilot.pause()

    return run


# -- stores to start from -------------------------------------------------------------------------
# The mid-way placement: Mon–Thu logged from 14 Sep to 19 Nov (40 days), a few of them not practice.
_NOT_PRACTICE = {
    date(2026, 9, 24): "skills",
    date(2026, 10, 8): "skills",
    date(2026, 10, 22): "skills",
    date(2026, 10, 13): "absence",
    date(2026, 11, 10): "absence",
    date(2026, 11, 2): "sick",
}


def midway_student(repo: Repository) -> Placement:
    """A student's store half-way through a 70-day first placement, with a final one to come."""
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    first = repo.add(
        Placement(
            name="Northfield Family Centre",
            agency="Northfield Council",
            setting="statutory",
            kind="first",
            start=date(2026, 9, 14),
            planned_end=date(2026, 12, 18),
            required_days=70,
            hours_per_day=7.5,
            practice_educator="Alex Sample",
            supervisor="Jo Placeholder",
        )
    )
    repo.add(
        Placement(
            name="Riverside Adult Team",
            setting="health",
            kind="final",
            start=date(2027, 2, 1),
            planned_end=date(2027, 6, 25),
            required_days=60,
            weekdays=["mon", "tue", "wed"],
            hours_per_day=7,
        )
    )
    days = []
    day = date(2026, 9, 14)
    while day <= date(2026, 11, 19):
        if day.weekday() < 4:
            kind = _NOT_PRACTICE.get(day, "practice")
            hours = 0.0 if kind in ("absence", "sick") else 7.5
            days.append(PlacementDay(placement_id=first.id, date=day, kind=kind, hours=hours))
        day += timedelta(days=1)
    repo.add_many(days)
    return first


def practitioner(repo: Repository) -> Activity:
    """A practitioner eight days before the SWE deadline with one of the two pieces recorded."""
    repo.save_profile(
        Profile(name="Jo Example", role="practitioner", frameworks=["swe"], registered_on=date(2023, 5, 1))
    )
    return repo.add(
        Activity(date=date(2026, 11, 3), title="Mental Capacity Act refresher", type="course", hours=6,
                 learning="Assessing capacity decision by decision", impact="Clearer records")
    )  # fmt: skip


# -- the store read back from disk ----------------------------------------------------------------
def stored_days(store_path: Path, clock: Any) -> dict[date, PlacementDay]:
    """Every day in the store as it is on disk (the app's repository closed first)."""
    with Repository.open(store_path, clock) as again:
        return {d.date: d for d in again.days() if d.date}


def titles_on_disk(store_path: Path, clock: Any, kind: type[Record] = Activity) -> list[str]:
    """The titles of the store's records of ``kind``, sorted, as a second, read-only copy finds them."""
    with Repository.open(store_path, clock, read_only=True) as again:
        return sorted(getattr(r, "title", "") for r in again.all(kind))
