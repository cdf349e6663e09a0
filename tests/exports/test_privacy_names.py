"""The confidentiality check and the names a record gives on purpose: a peer, a practice educator, a
supervisor, whoever signed off or commented."""

from __future__ import annotations

from datetime import date

from praxis_socialwork.exports.privacy import scan_records, scan_text
from praxis_socialwork.store import Activity, Comment, Placement, Reflection

DAY = date(2026, 11, 16)


def found(records, **kw) -> list[tuple[str, str, str]]:
    return [(f.field, f.flag.kind, f.flag.text) for f in scan_records(records, **kw)]


def test_a_name_field_keeps_its_name_but_not_an_nhs_number() -> None:
    assert scan_text("Mrs Asha Patel", field="practice_educator") == []
    assert [f.kind for f in scan_text("Mrs Patel 943 476 5919", field="by")] == ["nhs"]
    assert [f.kind for f in scan_text("Mrs Asha Patel")] == ["titled_name"]  # elsewhere it is a name


def test_staff_named_on_a_placement_are_not_flagged_in_a_reflection_or_comment() -> None:
    placement = Placement(name="Adults team", start=DAY, practice_educator="Asha Patel", supervisor="Mr Reid")
    words = "My practice educator Mrs Patel and Mr Reid helped me plan the visit to Mrs Khan."
    reflection = Reflection(date=DAY, title="First visit", model="free", stages={"text": words})
    comment = Comment(record_id=reflection.id, by="Ms Lee", text="Well done. Ms Lee, tutor")
    assert found([placement, reflection, comment]) == [("stages.text", "titled_name", "Mrs Khan")]
    # Without the placement, Mrs Patel could be anyone.
    assert ("stages.text", "titled_name", "Mrs Patel") in found([reflection])


def test_a_peer_is_expected_in_their_own_piece_only_and_your_own_name_when_given() -> None:
    talked = Activity(
        date=DAY, title="Supervision", peer="Dr Jo Senior", peer_reflection="Dr Senior asked why."
    )
    other = Activity(date=DAY, title="Visit", learning="Dr Senior was the GP; Ms Student wrote it up.")
    assert found([talked, other]) == [
        ("learning", "titled_name", "Dr Senior"),
        ("learning", "titled_name", "Ms Student"),
    ]
    assert found([talked, other], names=["Sam Student"]) == [("learning", "titled_name", "Dr Senior")]
