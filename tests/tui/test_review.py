"""Practice educator review in the app, driven by keys: the queue, sign-off of a day, a week and a
range, comments and requests for changes; and what the student then sees. Checked on the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from praxis_socialwork.rules.review import ReviewBook
from praxis_socialwork.store import Comment, Placement, PlacementDay, Profile, Reflection, Repository, SignOff
from praxis_socialwork.store.signing import Educator, new_key
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.comment_dialog import CommentDialog
from praxis_socialwork.tui.forms.signoff_dialog import SignOffDialog
from praxis_socialwork.tui.screens.review import ReviewScreen
from praxis_socialwork.tui.widgets.record_table import RecordTable
from tests.tui.helpers import notified, screen_after, screen_text, shown, then_still

# Mon 9 – Fri 20 Nov 2026, two weeks of a placement in progress (fictional people only).
WEEK_ONE = [date(2026, 11, d) for d in (9, 10, 11, 12, 13)]
WEEK_TWO = [date(2026, 11, d) for d in (16, 17, 18, 19, 20)]


def seed(repo: Repository) -> dict[str, str]:
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    old = repo.add(
        Placement(name="Hillside Carers' Centre", start=date(2026, 2, 2), planned_end=date(2026, 5, 15),
                  required_days=70, setting="voluntary", kind="first")
    )  # fmt: skip
    now = repo.add(
        Placement(name="Northfield Family Centre", start=date(2026, 9, 14), planned_end=date(2026, 12, 18),
                  required_days=70, setting="statutory", kind="final", practice_educator="Jo Educator")
    )  # fmt: skip
    repo.add(PlacementDay(placement_id=old.id, date=date(2026, 2, 2), hours=7.5, note="Induction"))
    for day in [*WEEK_ONE, *WEEK_TWO]:
        repo.add(PlacementDay(placement_id=now.id, date=day, hours=7.5, note=f"Visits {day:%a}"))
    visit = repo.add(
        Reflection(date=date(2026, 11, 18), title="A visit that went quiet", model="free",
                   stages={"text": "The parent stopped talking when I asked about school."})
    )  # fmt: skip
    return {"old": old.id, "now": now.id, "visit": visit.id}


@pytest.fixture
def ids(repo: Repository) -> dict[str, str]:
    return seed(repo)


@pytest.fixture
def educator(tmp_path: Path) -> Educator:
    return new_key(tmp_path / "config" / "praxis" / "signing", "Jo Educator", "Practice educator")


def rows(app: PraxisApp) -> list[tuple[str, ...]]:
    return [cells for _, cells in app.screen.query_one("#review-table", RecordTable).rows]


async def open_queue(pilot) -> ReviewScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)  # reviewing opens on the queue
    return screen


def day_ids(repo: Repository, days: list[date]) -> set[str]:
    return {d.id for d in repo.days() if d.date in days}


async def test_the_queue_opens_on_the_placement_in_progress_and_w_signs_its_week(
    repo, ids, educator, clock
) -> None:
    app = make_app(repo, clock, reviewer=educator)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await open_queue(pilot)
        assert screen.query_one("#review-placement", Select).value == ids["now"]
        listed = rows(app)
        days_listed = [r[0] for r in listed if r[1].startswith("Practice")]
        assert days_listed == [f"{d:%d %b %Y}" for d in [*WEEK_ONE, *WEEK_TWO]]
        assert ("18 Nov 2026", "Reflection: A visit that went quiet", "", "no feedback yet") in listed
        assert "0 of 10 counted days verified" in shown(app, "#review-summary")
        await pilot.press("w")  # the highlighted (first) day's week
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        said = shown(app, "#dialog-what")
        assert said.startswith(
            "5 days of Northfield Family Centre (37.5 hours): Mon 9 Nov 2026 – Fri 13 Nov 2026"
        )
        dialog.query_one("#comment", Input).value = "A good first week: visits well recorded."
        await screen_after(pilot, ReviewScreen, "enter")
        assert [r[0] for r in rows(app) if r[1].startswith("Practice")] == [f"{d:%d %b %Y}" for d in WEEK_TWO]
        assert "5 of 10 counted days verified (37.5 of 75 h)" in shown(app, "#review-summary")
    signed = repo.signoffs()
    assert {s.record_id for s in signed} == day_ids(repo, WEEK_ONE)
    assert {(s.by, s.role, s.comment) for s in signed} == {
        ("Jo Educator", "Practice educator", "A good first week: visits well recorded.")
    }
    assert len({s.batch for s in signed}) == 1 and all(s.signature for s in signed)
    book = ReviewBook(repo.days(), signed, [])
    assert all(book.of(d).latest.signature == "valid" for d in repo.days() if d.id in day_ids(repo, WEEK_ONE))


async def test_s_signs_one_day_g_a_range_and_u_takes_a_range_back(repo, ids, educator, clock) -> None:
    app = make_app(repo, clock, reviewer=educator)
    async with app.run_test(size=(110, 32)) as pilot:
        await open_queue(pilot)
        await pilot.press("s", "enter")  # the first day alone: two keys
        await pilot.pause()
        assert len(repo.signoffs()) == 1
        dialog = await screen_after(pilot, SignOffDialog, "g")
        # The range runs from the placement's start to today; narrow it to the second week.
        dialog.query_one("#from", Input).value = "16/11/2026"
        await pilot.pause()
        assert shown(app, "#dialog-what").startswith("5 days of Northfield Family Centre (37.5 hours)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(repo.signoffs()) == 6
        await pilot.press("u")
        await pilot.pause()
        assert "Undid: signed off 5 records" in notified(app)[-1]
    assert {s.record_id for s in repo.signoffs()} == day_ids(repo, WEEK_ONE[:1])


async def test_a_range_with_nothing_to_sign_or_a_bad_date_is_said_and_nothing_is_saved(
    repo, ids, educator, clock
) -> None:
    app = make_app(repo, clock, reviewer=educator)
    async with app.run_test(size=(110, 32)) as pilot:
        await open_queue(pilot)
        await pilot.press("g")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#from", Input).value = "03/25/2026"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "from:" in shown(app, "#dialog-problem") and "03/25/2026" in shown(app, "#dialog-problem")
        dialog.query_one("#from", Input).value = "21/11/2026"
        dialog.query_one("#to", Input).value = "22/11/2026"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#dialog-problem") == "no days are logged in that range"
        assert isinstance(app.screen, SignOffDialog)
    assert repo.signoffs() == []


async def test_x_asks_for_changes_and_the_student_sees_it_then_replies(repo, ids, educator, clock) -> None:
    app = make_app(repo, clock, reviewer=educator)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await open_queue(pilot)
        screen.query_one("#review-table", RecordTable).move_to(ids["visit"])
        await screen_after(pilot, CommentDialog, "x")
        app.screen.query_one("#text", TextArea).text = "Say what you did next, and what you would try."
        await pilot.press("ctrl+s")
        await pilot.pause()
        # It now waits for the student, not the educator: it leaves the queue until changed.
        assert "Reflection: A visit that went quiet" not in [r[1] for r in rows(app)]
    (asked,) = repo.comments()
    assert (asked.status, asked.by, asked.record_id) == ("changes-requested", "Jo Educator", ids["visit"])

    # The student opens their own app: the dashboard says so, and Review lists it first.
    student = make_app(repo, clock)
    async with student.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        panel = shown(student, "#review")
        assert "Changes asked for: 'A visit that went quiet' (Jo Educator)" in panel
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(student.screen, ReviewScreen)
        assert rows(student)[0][1:] == ("Reflection: A visit that went quiet", "", "changes requested")
        await pilot.press("s")  # not a student's key: nothing happens
        await pilot.pause()
        assert not isinstance(student.screen, SignOffDialog)
        await pilot.press("c")
        await pilot.pause()
        student.screen.query_one("#text", TextArea).text = "Added what I did next."
        await pilot.press("ctrl+s")
        await pilot.pause()
    reply = next(c for c in repo.comments() if c.id != asked.id)
    assert (reply.by, reply.role, reply.parent_id) == ("Sam Example", "student", asked.id)


async def test_an_edit_after_sign_off_shows_to_the_student_with_the_field_changed(
    repo, ids, educator, clock
) -> None:
    from praxis_socialwork.rules.review import CHANGED
    from praxis_socialwork.store.signing import make_signoff

    day = next(d for d in repo.days() if d.date == WEEK_ONE[0])
    repo.add(
        educator.sign(
            make_signoff(day, by="Jo Educator", role="Practice educator", at="2026-11-13T17:00:00+00:00")
        )
    )
    repo.update(replace(day, hours=9.0))
    app = make_app(repo, clock)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        assert "1 day changed since sign-off" in shown(app, "#review")
        await pilot.press("v")
        await pilot.pause()
        first = rows(app)[0]
        assert first[0] == "09 Nov 2026" and first[3] == CHANGED
        detail = shown(app, "#review-record")
        assert "changed since sign-off by Jo Educator" in detail and "hours: 7.5 → 9.0" in detail
        await pilot.press("p")
        await pilot.pause()
        assert "Verified  0/10 days" in shown(app, "#totals")


async def test_reviewing_saves_only_sign_offs_and_comments(repo, ids, educator, clock) -> None:
    app = make_app(repo, clock, reviewer=educator)
    async with app.run_test(size=(110, 32)) as pilot:
        await open_queue(pilot)
        await pilot.press("l")  # log a day: the form opens, but saving is refused
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "only sign-offs and comments are saved" in str(app.screen.query_one("#form-problem").render())
    assert len(repo.days()) == 11


def test_review_records_are_kept_by_the_store(repo, ids, educator) -> None:
    """Sign-offs and comments are records like any other: they survive closing and opening."""
    assert Comment.TABLE == "comments" and SignOff.TABLE == "signoffs"


@pytest.fixture
def snap_educator(tmp_path: Path) -> Educator:
    """An educator with no key, so the picture has no random fingerprint in it."""
    return Educator("Jo Educator", "Practice educator", tmp_path / "none")


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_review_queue(snap_compare, repo, ids, snap_educator, clock, size) -> None:
    assert snap_compare(
        make_app(repo, clock, reviewer=snap_educator), terminal_size=size, run_before=then_still()
    )


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_sign_off_week(snap_compare, repo, ids, snap_educator, clock, size) -> None:
    app = make_app(repo, clock, reviewer=snap_educator)
    assert snap_compare(app, terminal_size=size, run_before=then_still("w"))


def test_snapshot_student_review(snap_compare, repo, ids, snap_educator, clock) -> None:
    from praxis_socialwork.store.signing import make_signoff

    days = [d for d in repo.days() if d.date in WEEK_ONE]
    for d in days:
        repo.add(make_signoff(d, by="Jo Educator", role="Practice educator", at="2026-11-13T17:00:00+00:00"))
    repo.add(
        Comment(record_id=ids["visit"], record_kind="reflection", by="Jo Educator", role="Practice educator",
                at="2026-11-19T09:00:00+00:00", text="Say what you did next.", status="changes-requested")
    )  # fmt: skip
    assert snap_compare(make_app(repo, clock), terminal_size=(100, 32), run_before=then_still("v"))


GOOD_WEEK = "A good first week: visits well recorded."


def student_hears(repo: Repository, ids: dict[str, str]) -> dict[str, str]:
    """Week one signed off together with a comment, a day of week two signed alone without one, a
    comment on the reflection and a request for changes on a day: what Jo Educator said."""
    from praxis_socialwork.store.signing import sign_off_all

    jo = Educator("Jo Educator", "Practice educator", Path("/nonexistent"))
    week = [d for d in repo.days() if d.date in WEEK_ONE]
    repo.add_many(sign_off_all(week, jo, "2026-11-13T17:00:00+00:00", GOOD_WEEK))
    monday = next(d for d in repo.days() if d.date == WEEK_TWO[0])
    repo.add_many(sign_off_all([monday], jo, "2026-11-16T17:00:00+00:00"))
    said = repo.add(
        Comment(record_id=ids["visit"], record_kind="reflection", by="Jo Educator", role="Practice educator",
                at="2026-11-19T10:00:00+00:00", text="Well observed: what did you try next?")
    )  # fmt: skip
    friday = next(d for d in repo.days() if d.date == WEEK_TWO[-1])
    asked = repo.add(
        Comment(record_id=friday.id, record_kind="day", by="Jo Educator", role="Practice educator",
                at="2026-11-20T18:00:00+00:00", text="Add what the visits were.", status="changes-requested")
    )  # fmt: skip
    return {"said": said.id, "asked": asked.id}


async def test_the_student_sees_every_comment_and_sign_off_comment_newest_first(repo, ids, clock) -> None:
    heard = student_hears(repo, ids)
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await screen_after(pilot, ReviewScreen, "v")
        assert rows(app) == [
            ("20 Nov 2026", "Practice: Visits Fri", "7.5", "changes requested"),
            ("18 Nov 2026", "Jo Educator: Well observed: what did you try next?", "", "comment"),
            ("09 Nov 2026", f"Jo Educator: {GOOD_WEEK}", "", "sign-off of 5 days"),
        ]
        detail = shown(app, "#review-record")  # the request comes first, before the day it is about
        assert detail.index("Changes asked for · Jo Educator") < detail.index("Add what the visits were.")
        assert detail.index("Add what the visits were.") < detail.index("Northfield Family Centre")
        await pilot.press("down")
        detail = shown(app, "#review-record")  # the comment, then the reflection's own text
        assert detail.startswith("Comment · Jo Educator (Practice educator), Thu 19 Nov 2026")
        assert detail.index("Well observed") < detail.index("The parent stopped talking")
        await pilot.press("down")
        detail = shown(app, "#review-record")
        assert detail.startswith("Sign-off comment · Jo Educator (Practice educator), Fri 13 Nov 2026")
        assert "Given with the sign-off of 5 days: Mon 9 Nov 2026 – Fri 13 Nov 2026" in detail
        assert "A good first week: visits well recorded." in screen_text(app)
        await pilot.press("up", "c")  # reply to the comment on the reflection
        await pilot.pause()
        assert isinstance(app.screen, CommentDialog)
        app.screen.query_one("#text", TextArea).text = "I went back the next week with the school nurse."
        await pilot.press("ctrl+s")
        await pilot.pause()
        reply_row = ("18 Nov 2026", "Sam Example: I went back the next week with the school nurse.")
        assert rows(app)[1] == (*reply_row, "", "your reply")
    with Repository.open(repo.path, clock, read_only=True) as again:
        reply = next(c for c in again.comments() if c.id not in heard.values())
    assert (reply.parent_id, reply.role, reply.record_id) == (heard["said"], "student", ids["visit"])
