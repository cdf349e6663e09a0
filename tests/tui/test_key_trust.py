"""Trust on first use, in the app: a reviewed bundle arrives with the educator's signatures; the student
sees the key's fingerprint and confirms it (or not), and only then do the days read as verified. Keys
pressed as a person would; the trust kept beside the store read back from disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.exports.bundle import export_bundle
from praxis_socialwork.store import Repository
from praxis_socialwork.store.signing import fingerprint, new_key, sign_off_all
from praxis_socialwork.store.trust import load_trust
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.widgets.confirm import Confirm
from tests.tui.helpers import from_palette, import_file, midway_student


@pytest.fixture
def reviewed_bundle(store_path: Path, clock, tmp_path: Path) -> tuple[Path, str]:
    """The student's store, and a reviewed bundle of it in which Jo signed 16–18 Nov with her key."""
    with Repository.open(store_path, clock) as mine:
        midway_student(mine)
    copy_path = tmp_path / "review-copy" / "praxis.json"
    jo = new_key(tmp_path / "jo-keys", "Jo Educator", "Practice educator")
    with Repository.open(store_path, clock, read_only=True) as mine:
        records = [mine.profile(), *mine.placements(), *mine.days()]
    with Repository.open(copy_path, clock) as copy:
        copy.save_as_is([r for r in records if r is not None])
        week = [d for d in copy.days() if date(2026, 11, 16) <= d.date <= date(2026, 11, 18)]
        copy.add_many(sign_off_all(week, jo, "2026-11-20T17:00:00+00:00", "Good week.", use_key=True))
        back = tmp_path / "sam.reviewed.praxis.json"
        export_bundle(copy, back)
    return back, fingerprint(jo.public_key)


async def test_a_reviewed_bundle_asks_to_confirm_the_key_and_only_then_verifies(
    store_path: Path, clock, reviewed_bundle
) -> None:
    bundle, key = reviewed_bundle
    repo = Repository.open(store_path, clock, shared=True)
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await import_file(pilot, bundle)
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Confirm)
        said = " ".join(question.question.split())
        assert f"Jo Educator signed 3 record(s) with key {key}" in said
        assert "Check this fingerprint with Jo Educator in person or by phone" in said
        book = app.session.review_book()
        signed = [d for d in app.session.days() if book.of(d).checks]
        assert len(signed) == 3 and not any(book.of(d).verified for d in signed)
        await pilot.press("n")  # not now: nothing trusted
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert load_trust(store_path).pins == ()

        # Later, from the palette: confirm it.
        await from_palette(pilot, "keys: confirm")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        book = app.session.review_book()
        assert all(book.of(d).verified for d in signed)
    (pin,) = load_trust(store_path).pins
    assert (pin.name, pin.fingerprint) == ("Jo Educator", key)
    with Repository.open(store_path, clock, read_only=True) as again:
        assert len(again.signoffs()) == 3
