"""How fast the activities screen opens and narrows on the filled store, in the real app run headless.

Each run starts the app on a copy of the store (as ``praxis`` would, with every record in memory),
presses ``a`` on the dashboard, and times from the key to the first frame that draws the table with
its rows. Then it times a search word typed key by key, and choosing a type in the type menu, each
from the key to the first frame drawing the narrowed rows. A frame is caught by watching the
table's ``render_line``, which the compositor calls while painting.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bench.context import BenchContext
from bench.timing import Row, median

RUNS = 5
GOAL_MS = 100.0
SEARCH_WORD = "supervision"
TYPE_STEPS = 3  # "reading" is the third type after "All types" in the menu


class _FrameWatch:
    """Notes when the table first paints rows other than the ones it held when ``arm`` was called."""

    def __init__(self) -> None:
        self.table = None
        self.before: object = None
        self.painted: float | None = None

    def arm(self, table: object) -> None:
        self.table, self.before, self.painted = table, getattr(table, "rows", None), None

    def saw(self, table: object) -> None:
        rows = getattr(table, "rows", None)
        if self.painted is None and rows and rows is not self.before:
            self.painted = time.perf_counter()


@contextmanager
def _watching() -> Iterator[_FrameWatch]:
    from tui.widgets.record_table import RecordTable

    watch = _FrameWatch()
    original = RecordTable.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        if y > 0:
            watch.saw(self)
        return original(self, y)

    RecordTable.render_line = render_line  # type: ignore[method-assign]
    try:
        yield watch
    finally:
        RecordTable.render_line = original  # type: ignore[method-assign]


async def _until(test: Callable[[], bool], pilot, limit_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + limit_s
    while not test():
        if time.perf_counter() > deadline:
            raise AssertionError("the activities table never painted the rows expected")
        await pilot.pause(0.005)


async def _one_run(ctx: BenchContext, watch: _FrameWatch) -> tuple[float, float, float, float]:
    """Return ms for: opening, the first search key, later search keys (median), the type menu."""
    from store import Repository
    from tui.app import make_app
    from tui.screens.activities import ActivitiesScreen

    work = ctx.scratch / "table"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(ctx.store_path.parent, work)
    with Repository.open(work / ctx.store_path.name, ctx.clock) as repo:
        app = make_app(repo, ctx.clock)
        async with app.run_test(size=(100, 32)) as pilot:
            # As praxis does while it starts: every record read, then moved out of the collector's
            # way (gc.freeze), so its passes do not walk 10,000 records in the middle of a key.
            app.session.load_everything()
            gc.collect()
            gc.freeze()
            await pilot.pause()
            app.set_focus(None)  # let `a` reach the app, whatever the dashboard has focused

            watch.arm(None)  # any table painting rows counts
            start = time.perf_counter()
            await pilot.press("a")
            await _until(
                lambda: isinstance(app.screen, ActivitiesScreen) and watch.painted is not None, pilot
            )
            screen = app.screen
            assert isinstance(screen, ActivitiesScreen)
            opened = watch.painted - start  # type: ignore[operator]
            if len(screen.table.rows) != ctx.records:
                raise AssertionError(f"the table shows {len(screen.table.rows)} rows, not {ctx.records}")

            await pilot.press("slash")
            keys: list[float] = []
            for char in SEARCH_WORD:
                watch.arm(screen.table)
                start = time.perf_counter()
                await pilot.press(char)
                await _until(lambda: watch.painted is not None, pilot)
                keys.append(watch.painted - start)  # type: ignore[operator]
            if not 0 < len(screen.table.rows) < ctx.records:
                raise AssertionError("the search did not narrow the table")

            await pilot.press("escape", "escape", "f", "enter", *["down"] * TYPE_STEPS)
            watch.arm(screen.table)
            start = time.perf_counter()
            await pilot.press("enter")
            await _until(lambda: watch.painted is not None, pilot)
            typed = watch.painted - start  # type: ignore[operator]
            if screen.filter.type != "reading":
                raise AssertionError(f"the type menu chose {screen.filter.type!r}, not 'reading'")
    ms = 1000.0
    return opened * ms, keys[0] * ms, median(keys[1:]) * ms, typed * ms


def activities_screen(ctx: BenchContext) -> list[Row]:
    """Time opening the activities screen on the filled store and narrowing it, as rows."""
    results = []
    with _watching() as watch:
        for _ in range(RUNS):
            try:
                results.append(asyncio.run(_one_run(ctx, watch)))
            finally:
                gc.unfreeze()
    opened, first_key, later_keys, type_menu = (median([r[i] for r in results]) for i in range(4))
    goal = f"≤ {GOAL_MS:g} ms"
    n = f"{ctx.records:,}"
    return [
        Row(f"activities screen: `a` to {n} rows painted, median of {RUNS}", opened, goal, opened <= GOAL_MS),
        Row(
            f"search: first key to narrowed rows painted (builds search text), median of {RUNS}",
            first_key,
            goal,
            first_key <= GOAL_MS,
        ),
        Row(
            f"search: each later key of '{SEARCH_WORD}', median over {RUNS} runs",
            later_keys,
            goal,
            later_keys <= GOAL_MS,
        ),
        Row(
            f"type filter: choose 'reading' to rows painted, median of {RUNS}",
            type_menu,
            goal,
            type_menu <= GOAL_MS,
        ),
    ]
