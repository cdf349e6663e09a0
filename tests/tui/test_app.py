"""The app opens on a real store and shows what it holds (its screens come with the app issue)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from store import Activity, Profile, Repository
from tui.app import make_app


async def test_home_shows_the_profile_and_counts(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student"))
        repo.add(Activity(date=date(2026, 3, 4), title="Reading", hours=1, type="reading"))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            text = str(app.query_one("#summary", Static).render())
            assert "Sam Example · student" in text and "1 activities" in text
            assert "Sun 22 Nov 2026" in text
            assert not app.query("#read-only")
            await pilot.press("q")
        assert app.return_code == 0


async def test_a_second_copy_shows_it_is_read_only(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as first, Repository.open(store_path, clock) as second:
        assert not first.read_only
        app = make_app(second, clock)
        async with app.run_test(size=(100, 32)):
            banner = str(app.query_one("#read-only", Static).render())
            assert "Another copy of Praxis" in banner
