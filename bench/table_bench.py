"""How fast the activities screen opens and narrows on the filled store, in the real app run headless.

Each run starts the app on a copy of the store (every record in memory, as ``praxis`` has them once
it has started), presses ``a`` on the dashboard, and times from the key to the first frame that
draws the table with its rows. Then it times a search word typed key by key, and choosing a type in
the type menu, each from the key to the first frame drawing the narrowed rows; then going back to
the dashboard and pressing ``a`` again. A frame is caught by watching ``RecordTable.render_line``,
which the compositor calls while it paints.

For scale it also times opening a page that holds nothing but a one-row table (the header, tabs and
footer every page has): what Textual costs to build any new screen, before this one's own work.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.timing import Row, median
from praxis_socialwork.store import Clock

RUNS = 5
GOAL_MS = 100.0
SEARCH_WORD = "supervision"
TYPE_STEPS = 3  # "reading" is the third type after "All types" in the menu
MS = 1000.0
Run = dict[str, Any]  # one run's ms by step; "keys" holds the ms of each search key, in order


class _FrameWatch:
    """Notes when a table first paints rows other than those it held when ``arm`` was called, or
    (armed with a screen) when that screen is first painted."""

    def __init__(self) -> None:
        self.before: object = None
        self.screen: object = None
        self.painted: float | None = None

    def arm(self, table: Any = None, screen: Any = None) -> float:
        """Start watching (any table with rows counts when ``table`` is None); return the time now."""
        self.before, self.screen, self.painted = getattr(table, "rows", None), screen, None
        return time.perf_counter()

    def saw(self, table: Any) -> None:
        rows = table.rows
        if self.painted is None and self.screen is None and len(rows) and rows is not self.before:
            self.painted = time.perf_counter()

    def saw_screen(self, screen: Any) -> None:
        if self.painted is None and screen is self.screen:
            self.painted = time.perf_counter()


@contextmanager
def _watching() -> Iterator[_FrameWatch]:
    from textual.screen import Screen

    from praxis_socialwork.tui.widgets.record_table import RecordTable

    watch = _FrameWatch()
    original, original_screen = RecordTable.render_line, Screen._compositor_refresh

    def render_line(self, y):  # type: ignore[no-untyped-def]
        if y > 0:
            watch.saw(self)
        return original(self, y)

    def compositor_refresh(self) -> None:  # type: ignore[no-untyped-def]
        original_screen(self)
        watch.saw_screen(self)

    RecordTable.render_line = render_line  # type: ignore[method-assign]
    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    try:
        yield watch
    finally:
        RecordTable.render_line = original  # type: ignore[method-assign]
        Screen._compositor_refresh = original_screen  # type: ignore[method-assign]


async def _painted(
    watch: _FrameWatch, start: float, pilot: Any, ready: Callable[[], bool] = lambda: True
) -> float:
    """Wait for the frame ``watch`` waits for; return ms from ``start`` to it."""
    deadline = time.perf_counter() + 10.0
    while watch.painted is None or not ready():
        if time.perf_counter() > deadline:
            raise AssertionError("the table never painted the rows expected")
        await pilot.pause(0.005)
    return (watch.painted - start) * MS


def _empty_page() -> Any:
    """A page holding only a one-row table: the cost of any new screen with header, tabs and footer."""
    from praxis_socialwork.tui.screens.page import Page
    from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

    class EmptyPage(Page):
        PAGE = "empty"

        def compose_page(self):  # type: ignore[no-untyped-def]
            yield RecordTable([Column("only", "Only")])

        def refresh_page(self) -> None:
            self.query_one(RecordTable).set_rows([("x", ("one row",))])

    return EmptyPage()


async def _one_run(app: Any, watch: _FrameWatch) -> Run:
    """Open, search, filter and re-open once in ``app`` (a fresh one); return ms for each step
    (``keys``: the ms of every key of the search word, in order)."""
    from praxis_socialwork.tui.screens.activities import ActivitiesScreen

    out: Run = {}
    app.add_mode("empty", _empty_page)
    async with app.run_test(size=(100, 32)) as pilot:
        # As praxis does while it starts: every record read, then moved out of the collector's
        # way (gc.freeze), so its passes do not walk 10,000 records in the middle of a key.
        app.session.load_everything()
        activities = len(app.session.activities())
        gc.collect()
        gc.freeze()
        await pilot.pause()

        start = watch.arm()
        await app.run_action("view('empty')")
        out["empty"] = await _painted(watch, start, pilot)
        await pilot.press("d")
        await pilot.pause()
        app.set_focus(None)  # let `a` reach the app, whatever the dashboard has focused

        start = watch.arm()
        await pilot.press("a")
        out["open"] = await _painted(watch, start, pilot, lambda: isinstance(app.screen, ActivitiesScreen))
        screen = app.screen
        assert isinstance(screen, ActivitiesScreen)
        if len(screen.table.rows) != activities:
            raise AssertionError(f"the table shows {len(screen.table.rows)} rows, not {activities}")

        await pilot.press("slash")
        keys: list[float] = []
        for char in SEARCH_WORD:
            start = watch.arm(screen.table)
            await pilot.press(char)
            keys.append(await _painted(watch, start, pilot))
        if not 0 < len(screen.table.rows) < activities:
            raise AssertionError("the search did not narrow the table")
        out["first key"], out["later keys"] = keys[0], median(keys[1:])
        out["keys"] = keys

        await pilot.press("escape", "escape", "f")
        await pilot.pause()
        await pilot.press("enter", *["down"] * TYPE_STEPS)
        start = watch.arm(screen.table)
        await pilot.press("enter")
        out["type menu"] = await _painted(watch, start, pilot)
        if screen.filter.type != "reading":
            raise AssertionError(f"the type menu chose {screen.filter.type!r}, not 'reading'")

        await pilot.press("escape", "d")
        await pilot.pause()
        app.set_focus(None)
        start = watch.arm(screen=screen)
        await pilot.press("a")
        out["again"] = await _painted(watch, start, pilot)
    return out


def time_activities(store: Path, clock: Clock, runs: int = RUNS, work: Path | None = None) -> list[Run]:
    """Run the steps above ``runs`` times, each in a fresh app on the store at ``store``; return each
    run's ms by step. With ``work`` each run starts on a fresh copy of the store's folder made there
    (for a store other runs must not see changed); without, on ``store`` itself."""
    from praxis_socialwork.services.session import Session
    from praxis_socialwork.store import Repository
    from praxis_socialwork.tui.app import PraxisApp

    results: list[Run] = []
    with _watching() as watch, ExitStack() as stack:
        shared = None
        if work is None:  # one session for every run: its findings are worked out once, not per run
            shared = Session(stack.enter_context(Repository.open(store, clock)), clock)
        for _ in range(runs):
            try:
                if shared is not None:
                    results.append(asyncio.run(_one_run(PraxisApp(shared, clock), watch)))
                    continue
                if work.exists():
                    shutil.rmtree(work)
                shutil.copytree(store.parent, work)
                with Repository.open(work / store.name, clock) as repo:
                    results.append(asyncio.run(_one_run(PraxisApp(Session(repo, clock), clock), watch)))
            finally:
                gc.unfreeze()
    return results


def activities_screen(ctx: BenchContext) -> list[Row]:
    """Time opening the activities screen on the filled store and narrowing it, as rows."""
    runs = time_activities(ctx.store_path, ctx.clock, RUNS, work=ctx.scratch / "table")
    ms = {name: median([run[name] for run in runs]) for name in runs[0] if name != "keys"}
    goal = f"≤ {GOAL_MS:g} ms"
    n = f"{ctx.records:,}"

    def row(name: str, key: str, with_goal: bool = True) -> Row:
        return Row(name, ms[key], goal if with_goal else "", ms[key] <= GOAL_MS if with_goal else None)

    return [
        row(f"activities screen, first open: `a` to {n} rows painted, median of {RUNS}", "open"),
        row("  (of which any new page costs: header, tabs, footer, a 1-row table)", "empty", False),
        row(f"activities screen, opened again: `a` to rows painted, median of {RUNS}", "again"),
        row(f"search: first key to narrowed rows painted, median of {RUNS}", "first key"),
        row(f"search: each later key of '{SEARCH_WORD}', median of {RUNS}", "later keys"),
        row(f"type menu: choosing 'reading' to rows painted, median of {RUNS}", "type menu"),
    ]
