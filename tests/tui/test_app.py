"""The app shell: it opens on a real store, switches screens, shows help, and says when it is read-only."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from praxis_socialwork.store import Profile, Repository
from praxis_socialwork.tui.app import make_app


async def test_a_second_copy_shows_it_is_read_only(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as first:
        first.save_profile(Profile(name="Sam Example", role="student"))
        with Repository.open(store_path, clock) as second:
            assert not first.read_only
            app = make_app(second, clock)
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
                banner = app.screen.query_one("#read-only", Static)
                assert banner.display and "Another copy of Praxis" in str(banner.render())
