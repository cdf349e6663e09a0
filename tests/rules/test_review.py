"""Sign-off that means something: what a practice educator signed stays verified only while the
record is as signed, only a key the student confirmed verifies, and a signature cannot be forged by
editing the file."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.rules import Records, evaluate, load_framework
from praxis_socialwork.rules.review import (
    BAD_SIGNATURE,
    CHANGED,
    CHANGED_AS_ASKED,
    MARKED,
    NO_FEEDBACK,
    NOT_SIGNED,
    RECORDED,
    SIGNED,
    ReviewBook,
    review_queue,
    verified_totals,
)
from praxis_socialwork.store import Activity, Comment, Placement, PlacementDay, Reflection, SignOff
from praxis_socialwork.store.signing import Educator, make_signoff, new_key, record_hash
from praxis_socialwork.store.trust import Pin, Trust

AT = "2026-11-20T16:00:00+00:00"
LATER = "2026-11-21T09:00:00+00:00"


def placement() -> Placement:
    return Placement(
        id="p1",
        name="Riverside Team",
        start=date(2026, 10, 5),
        planned_end=date(2026, 12, 18),
        required_days=3,
    )


def days() -> list[PlacementDay]:
    """A week of days: four practice days and a sick day (fictional)."""
    out = [
        PlacementDay(id=f"d{n}", placement_id="p1", date=date(2026, 11, 16 + n), hours=7.5, note=f"day {n}")
        for n in range(4)
    ]
    out.append(PlacementDay(id="d4", placement_id="p1", date=date(2026, 11, 20), hours=0, kind="sick"))
    return out


def sign(records, by: str = "Jo Educator", at: str = AT, educator: Educator | None = None) -> list[SignOff]:
    made = [make_signoff(r, by=by, role="Practice educator", at=at, batch="b1") for r in records]
    if educator is not None:
        made = [educator.sign(s) for s in made]
    return made


@pytest.fixture
def educator(tmp_path: Path) -> Educator:
    return new_key(tmp_path / "config", "Jo Educator", "Practice educator")


def trusting(educator: Educator) -> Trust:
    """The student's store after they confirmed ``educator``'s key."""
    return Trust((Pin(educator.name, educator.public_key, "2026-11-20"),))


def test_a_range_signed_with_a_confirmed_key_is_verified_and_its_hours_count(educator: Educator) -> None:
    week = days()
    book = ReviewBook(week, sign(week[:3], educator=educator), [], trusting(educator))
    assert [book.of(d).status for d in week] == [SIGNED, SIGNED, SIGNED, NOT_SIGNED, NOT_SIGNED]
    totals = verified_totals(book, week)
    assert (totals.days, totals.hours, totals.unverified_days, totals.unverified_hours) == (3, 22.5, 1, 7.5)
    assert book.of(week[0]).describe().startswith("verified signature from Jo Educator (Practice educator)")


def test_a_sign_off_without_a_key_is_recorded_never_verified() -> None:
    week = days()
    book = ReviewBook(week, sign(week[:3]), [])
    assert [book.of(d).status for d in week] == [RECORDED, RECORDED, RECORDED, NOT_SIGNED, NOT_SIGNED]
    assert not any(book.of(d).verified for d in week) and book.verified_ids() == frozenset()
    totals = verified_totals(book, week)
    assert (totals.days, totals.unverified_days, totals.recorded_days) == (0, 4, 3)
    assert "3 of them signed off without a confirmed key" in totals.text
    said = book.of(week[0]).describe()
    assert said.startswith("sign-off recorded, not signed: Jo Educator (Practice educator), Fri 20 Nov 2026")
    assert "verified" not in said.replace("not verified", "")


def test_an_edit_after_sign_off_shows_what_changed_and_stops_counting(educator: Educator) -> None:
    week = days()
    trust = trusting(educator)
    signoffs = sign(week, educator=educator)
    edited = replace(week[1], hours=8.0, note="stayed late", sequence=week[1].sequence + 1)
    now = [week[0], edited, *week[2:]]
    book = ReviewBook(now, signoffs, [], trust)
    review = book.of(edited)
    assert review.status == CHANGED and not review.verified
    assert review.latest.changed == ("hours", "note")
    assert "changed since sign-off by Jo Educator" in review.describe() and "hours, note" in review.describe()
    assert verified_totals(book, now).hours == 7.5 * 3  # d0, d2, d3; d1 no longer counts; d4 is sick
    assert edited.id not in book.verified_ids()
    # Signed again, it counts again.
    again = ReviewBook(now, [*signoffs, *sign([edited], at=LATER, educator=educator)], [], trust)
    assert again.of(edited).verified and again.of(edited).status == SIGNED


def test_the_hash_is_of_exactly_what_a_person_wrote() -> None:
    day = days()[0]
    assert record_hash(day) == record_hash(replace(day, sequence=9, updated="2027-01-01T00:00:00+00:00"))
    assert record_hash(day) == record_hash(replace(day, hours=7.5 + 0.0))
    assert record_hash(day) != record_hash(replace(day, note="day 0 "))
    assert record_hash(replace(day, hours=7.0)) == record_hash(replace(day, hours=7))  # 7 is 7.0


def test_a_signature_made_with_the_key_verifies(educator: Educator) -> None:
    week = days()
    book = ReviewBook(week, sign(week[:1], educator=educator), [], trusting(educator))
    review = book.of(week[0])
    assert review.verified and review.latest.signature == "valid"
    assert review.describe().startswith("verified signature from Jo Educator (Practice educator) (key ")
    assert educator.has_key and (educator.folder / "signing-key.pem").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda s, day: replace(s, by="Someone Else"), id="another name"),
        pytest.param(lambda s, day: replace(s, at="2026-09-01T09:00:00+00:00"), id="an earlier date"),
        pytest.param(lambda s, day: replace(s, comment="All fine"), id="a comment added"),
        pytest.param(
            lambda s, day: replace(s, signature=base64.b64encode(b"\0" * 64).decode()),
            id="a made-up signature",
        ),
        pytest.param(
            # The student edits the day, then rewrites the sign-off's hash and fields to match.
            lambda s, day: replace(s, hash=record_hash(day), signed={**s.signed, "hours": day.hours}),
            id="hash rewritten to fit an edit",
        ),
    ],
)
def test_a_forged_or_altered_signature_is_detected(educator: Educator, forge) -> None:
    week = days()
    signed = sign(week[:1], educator=educator)[0]
    edited = replace(week[0], hours=12.0)
    forged = forge(signed, edited)
    record = edited if forged.hash == record_hash(edited) else week[0]
    review = ReviewBook([record], [forged], []).of(record)
    assert review.status == BAD_SIGNATURE
    assert not review.verified
    assert review.describe().startswith("signature does not match")


def test_a_signature_from_another_key_under_the_same_name_does_not_verify(tmp_path: Path, educator) -> None:
    impostor = new_key(tmp_path / "other", "Jo Educator", "Practice educator")
    week = days()
    real = sign(week[:1], educator=educator)[0]
    swapped = replace(real, public_key=impostor.public_key)  # their key, the real signature
    assert ReviewBook(week, [swapped], []).of(week[0]).status == BAD_SIGNATURE
    # The impostor's own signature verifies, but under another key: its fingerprint says so.
    fake = sign(week[:1], educator=impostor)[0]
    shown = ReviewBook(week, [fake], []).of(week[0]).latest.key
    assert shown and shown != ReviewBook(week, [real], []).of(week[0]).latest.key


def test_a_framework_can_require_verified_days(tmp_path: Path, educator: Educator) -> None:
    path = tmp_path / "verified.toml"
    path.write_text(
        """
id = "verified-days"
name = "Days confirmed by the practice educator"
audience = ["student"]
sources = ["https://example.org/handbook"]

[[versions]]
id = "2026"
from = 2026-01-01
confidence = "M"
period = { kind = "placement" }

[[versions.requirements]]
id = "verified"
kind = "days"
title = "Each placement's days signed off by the practice educator"
need = "placement"
filter = { verified = true }
""",
        encoding="utf-8",
    )
    framework = load_framework(path)
    week = days()
    trust = trusting(educator)
    records = Records([], [placement()], week, [], sign(week[:2], educator=educator), [], trust)
    (finding,) = evaluate(framework, records, None, date(2026, 11, 22))
    assert (finding.have, finding.need) == (2, 3)
    records = Records([], [placement()], week, [], sign(week[:3], educator=educator), [], trust)
    (finding,) = evaluate(framework, records, None, date(2026, 11, 22))
    assert (finding.have, finding.status) == (3, "met")
    # Signed off without a key, or with a key the student never confirmed, the days do not count.
    for signoffs, kept in ((sign(week[:3]), trust), (sign(week[:3], educator=educator), Trust())):
        (finding,) = evaluate(framework, Records([], [placement()], week, [], signoffs, [], kept), None,
                              date(2026, 11, 22))  # fmt: skip
        assert finding.have == 0


def _comment(record, status: str, at: str, role: str = "Practice educator", text: str = "See me") -> Comment:
    return Comment(
        id=f"c-{at}-{role}", record_id=record.id, record_kind=record.KIND, by="Jo Educator", role=role,
        at=at, text=text, status=status,
    )  # fmt: skip


def test_changes_requested_stay_open_until_resolved_or_signed() -> None:
    reflection = Reflection(id="r1", date=date(2026, 11, 18), title="A visit", updated=AT)
    asked = _comment(reflection, "changes-requested", AT)
    book = ReviewBook([reflection], [], [asked])
    assert book.of(reflection).changes_requested == asked
    assert [r.record.id for r in book.changes_requested()] == ["r1"]
    reply = _comment(reflection, "comment", LATER, role="student", text="Will do")
    assert ReviewBook([reflection], [], [asked, reply]).of(reflection).changes_requested == asked
    settled = _comment(reflection, "resolved", LATER, text="")
    assert ReviewBook([reflection], [], [asked, settled]).of(reflection).changes_requested is None
    signed = sign([reflection], at=LATER)
    assert ReviewBook([reflection], signed, [asked]).of(reflection).changes_requested is None


def test_a_request_settled_in_the_same_second_is_settled() -> None:
    reflection = Reflection(id="r1", date=date(2026, 11, 18), title="A visit", updated=AT)
    asked = _comment(reflection, "changes-requested", AT)
    settled = replace(_comment(reflection, "resolved", AT, text=""), id="c-settle", parent_id=asked.id)
    assert ReviewBook([reflection], [], [settled, asked]).of(reflection).changes_requested is None
    assert (
        ReviewBook([reflection], sign([reflection], at=AT), [asked]).of(reflection).changes_requested is None
    )


def test_the_queue_lists_what_awaits_review_and_filters_by_placement_and_week() -> None:
    week = days()
    other = PlacementDay(id="x1", placement_id="p2", date=date(2026, 11, 10), hours=7)
    second = Placement(id="p2", name="Hillside Team", start=date(2026, 11, 2), required_days=5)
    seen = Reflection(id="r1", date=date(2026, 11, 17), title="Seen", links=["d1"], updated=AT)
    unseen = Reflection(id="r2", date=date(2026, 11, 18), title="Not seen", updated=AT)
    asked = Reflection(id="r3", date=date(2026, 11, 19), title="Asked", updated=LATER)
    marked = Activity(id="a1", date=date(2026, 11, 19), title="Reading", hours=1, tags=["for-review"])
    plain = Activity(id="a2", date=date(2026, 11, 19), title="Course", hours=1)
    comments = [_comment(seen, "comment", AT), _comment(asked, "changes-requested", AT)]
    records = [*week, other, seen, unseen, asked, marked, plain]
    book = ReviewBook(records, sign(week[:2]), comments)
    queue = review_queue(book, [*week, other], [seen, unseen, asked], [marked, plain], [placement(), second])
    got = [(i.record.id, i.reason) for i in queue]
    assert got == [
        ("x1", NOT_SIGNED),
        ("d2", NOT_SIGNED),
        ("r2", NO_FEEDBACK),
        ("a1", MARKED),
        ("d3", NOT_SIGNED),
        ("r3", CHANGED_AS_ASKED),
        ("d4", NOT_SIGNED),
    ]
    only_p2 = review_queue(
        book, [*week, other], [seen, unseen, asked], [marked], [placement(), second], placement_id="p2"
    )
    assert [i.record.id for i in only_p2] == ["x1"]
    week_of_10th = review_queue(
        book, [*week, other], [seen, unseen, asked], [marked], [placement(), second], week=date(2026, 11, 12)
    )
    assert [i.record.id for i in week_of_10th] == ["x1"]


def test_a_deleted_record_keeps_its_sign_off_but_it_never_counts() -> None:
    week = days()
    book = ReviewBook(week[1:], sign(week[:1]), [])
    (orphan,) = book.orphans()
    assert not orphan.counts and "deleted" in orphan.changed[0]


def test_a_key_is_trusted_only_once_confirmed_and_another_key_under_the_name_is_flagged(
    tmp_path: Path, educator: Educator
) -> None:
    from praxis_socialwork.rules.review import KEY_CHANGED, UNCONFIRMED_KEY

    week = days()
    real = sign(week[:1], educator=educator)
    # Before the student confirms the key: signed, but not verified.
    review = ReviewBook(week, real, []).of(week[0])
    assert review.status == UNCONFIRMED_KEY and not review.verified and review.signed
    assert "not yet confirmed as theirs" in review.describe()
    # A second key made under the same name, after the real one was confirmed: flagged, not counted.
    impostor = new_key(tmp_path / "impostor", "Jo Educator", "Practice educator")
    forged = sign(week[1:2], educator=impostor)
    book = ReviewBook(week, [*real, *forged], [], trusting(educator))
    assert book.of(week[0]).verified
    flagged = book.of(week[1])
    assert flagged.status == KEY_CHANGED and not flagged.verified and not flagged.signed
    assert "is not the one you confirmed" in flagged.describe()
    # The same name written differently (case, spaces) is the same name.
    louder = sign(week[2:3], by="  jo   EDUCATOR ", educator=impostor)
    assert ReviewBook(week, louder, [], trusting(educator)).of(week[2]).status == KEY_CHANGED


def test_a_day_once_key_signed_that_now_has_only_a_keyless_sign_off_or_none_is_downgraded(
    educator: Educator,
) -> None:
    from types import MappingProxyType

    from praxis_socialwork.rules.review import DOWNGRADED, feedback_items
    from praxis_socialwork.store.signing import fingerprint

    week = days()
    once = MappingProxyType({week[0].id: fingerprint(educator.public_key), week[1].id: "X"})
    trust = Trust(trusting(educator).pins, once)
    stripped = sign(week[:1])  # the key signature replaced by one without a key
    book = ReviewBook(week, stripped, [], trust)
    for record in week[:2]:  # d0 keeps a keyless sign-off; d1's sign-off is gone altogether
        review = book.of(record)
        assert review.status == DOWNGRADED and not review.verified
        assert "once signed with key" in review.describe()
    assert [r.record.id for r in book.downgraded()] == ["d0", "d1"]
    # The student sees both at the top of their review list.
    assert [(i.record.id, i.reason) for i in feedback_items(book, week, [placement()])][:2] == [
        ("d0", DOWNGRADED),
        ("d1", DOWNGRADED),
    ]
    # Signed with the key again, it is no longer downgraded.
    again = ReviewBook(week, [*stripped, *sign(week[:1], at=LATER, educator=educator)], [], trust)
    assert again.of(week[0]).verified
