"""The review round trip: a student sends a bundle, the practice educator reviews it in a copy of
its own and returns it, the student imports the reviewed bundle: sign-offs and comments arrive,
and edits the student made in the meantime are kept. Nothing is lost on either side."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.cli.review_mode import returned_path
from praxis_socialwork.exports.bundle import export_bundle, import_bundle, read_bundle
from praxis_socialwork.rules.review import CHANGED, CHANGED_AS_ASKED, ReviewBook, review_queue
from praxis_socialwork.store import Comment, Placement, PlacementDay, Profile, Reflection, Repository, SignOff
from praxis_socialwork.store.signing import make_signoff, new_key

AT = "2026-11-21T10:00:00+00:00"


def _student(repo: Repository) -> dict[str, str]:
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    p = repo.add(
        Placement(name="Northfield Family Centre", start=date(2026, 9, 14), planned_end=date(2026, 12, 18),
                  required_days=70, setting="statutory", kind="final")
    )  # fmt: skip
    for d in (16, 17, 18, 19, 20):
        repo.add(PlacementDay(placement_id=p.id, date=date(2026, 11, d), hours=7.5, note=f"Visits {d}"))
    r = repo.add(Reflection(date=date(2026, 11, 18), title="A visit", stages={"text": "It went quiet."}))
    return {"placement": p.id, "reflection": r.id}


@pytest.fixture
def stores(tmp_path: Path, clock):
    opened: list[Repository] = []

    def make(name: str) -> Repository:
        repo = Repository.open(tmp_path / name / "praxis.json", clock)
        opened.append(repo)
        return repo

    yield make
    for repo in opened:
        repo.close()


def test_a_reviewed_bundle_merges_into_a_store_the_student_kept_editing(stores, tmp_path: Path) -> None:
    student = stores("student")
    ids = _student(student)
    sent = tmp_path / "sam.praxis.json"
    export_bundle(student, sent)

    # The educator reviews a copy of their own: signs the week with a key, asks for changes.
    educator = new_key(tmp_path / "keys", "Jo Educator", "Practice educator")
    copy = stores("review-copy")
    import_bundle(copy, sent)
    week = copy.days()
    with copy.transaction():
        for d in week:
            copy.add(
                educator.sign(make_signoff(d, by="Jo Educator", role="Practice educator", at=AT, batch="b"))
            )
    copy.add(
        Comment(record_id=ids["reflection"], record_kind="reflection", by="Jo Educator",
                role="Practice educator", at=AT, text="Say what you did next.", status="changes-requested")
    )  # fmt: skip
    back = returned_path(sent)
    assert back.name == "sam.reviewed.praxis.json"
    export_bundle(copy, back)

    # Meanwhile the student corrected Thursday's hours, logged Saturday, and answered in the reflection.
    thursday = next(d for d in student.days() if d.date == date(2026, 11, 19))
    student.update(replace(thursday, hours=6.0, note="Visits 19: left early"))
    student.add(PlacementDay(placement_id=ids["placement"], date=date(2026, 11, 21), hours=7.5))
    reflection = student.get(Reflection, ids["reflection"])
    student.update(replace(reflection, stages={"text": "It went quiet. Next time I will wait."}))

    merged = import_bundle(student, back)

    assert merged.added == {"signoff": 5, "comment": 1}
    assert merged.kept == {"day": 1, "reflection": 1}  # the student's newer edits win
    assert merged.conflicts == []
    # Nothing lost: the student's edits, the new day, every sign-off and the comment.
    assert student.get(PlacementDay, thursday.id).hours == 6.0
    assert len(student.days()) == 6
    assert {s.record_id for s in student.signoffs()} == {d.id for d in week}
    # The educator's key came with the bundle: until the student confirms its fingerprint (trust on
    # first use), their sign-offs are signed but not verified.
    from praxis_socialwork.store.signing import fingerprint
    from praxis_socialwork.store.trust import new_keys, pin_key

    unconfirmed = ReviewBook(student.days(), student.signoffs(), [], student.trust())
    assert {unconfirmed.of(d).status for d in week if d.id != thursday.id} == {"signed, key not confirmed"}
    (waiting,) = new_keys(student.signoffs(), student.trust())
    assert (waiting.name, waiting.fingerprint) == ("Jo Educator", fingerprint(educator.public_key))
    pin_key(student.path, waiting.name, waiting.key, "2026-11-22")
    book = ReviewBook(
        [*student.days(), *student.reflections()], student.signoffs(), student.comments(), student.trust()
    )
    states = {d.date.day: book.of(d).status for d in student.days()}
    assert states == {16: "signed off", 17: "signed off", 18: "signed off", 19: CHANGED, 20: "signed off",
                      21: "not signed off"}  # fmt: skip
    assert book.of(student.get(PlacementDay, thursday.id)).latest.changed == ("hours", "note")
    assert all(c.signature == "valid" for d in week for c in book.of(d).checks if d.id != thursday.id)
    # The educator's queue, once the student sends it back, shows what changed and what is new.
    queue = review_queue(book, student.days(), student.reflections(), [], student.placements())
    assert {(i.record.id, i.reason) for i in queue} == {
        (thursday.id, CHANGED),
        (next(d.id for d in student.days() if d.date == date(2026, 11, 21)), "not signed off"),
        (ids["reflection"], CHANGED_AS_ASKED),
    }
    # The versions not kept (the educator's copies of the two edited records) are set aside, not lost.
    aside = read_bundle(merged.set_aside)
    assert {r.id for r in aside.records[PlacementDay]} == {thursday.id}


def test_importing_the_same_reviewed_bundle_twice_adds_nothing(stores, tmp_path: Path) -> None:
    student = stores("student")
    _student(student)
    sent = tmp_path / "sam.praxis.json"
    export_bundle(student, sent)
    copy = stores("copy")
    import_bundle(copy, sent)
    copy.add(make_signoff(copy.days()[0], by="Jo Educator", role="Practice educator", at=AT))
    export_bundle(copy, tmp_path / "back.praxis.json")
    import_bundle(student, tmp_path / "back.praxis.json")
    again = import_bundle(student, tmp_path / "back.praxis.json")
    assert again.added == {} and again.unchanged > 0
    assert len(student.all(SignOff)) == 1
