"""Records read back from the store are exactly the records written, and share nothing with it."""

from __future__ import annotations

from datetime import date

import pytest

from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Reflection
from praxis_socialwork.store.models import RECORD_TYPES


@pytest.mark.parametrize(
    "record",
    [
        Activity(
            id="a",
            date=date(2026, 3, 4),
            end_date=date(2026, 3, 5),
            title="T",
            hours=2.5,
            standards=["swe:4.3"],
            tags=["x"],
            evidence=["e.pdf"],
            status="draft",
        ),
        Activity(id="b", date=date(2026, 3, 4), title="Only the required fields", hours=1),
        Placement(id="c", name="P", start=date(2026, 9, 1), planned_end=None, required_days=70),
        PlacementDay(id="d", placement_id="c", date=date(2026, 9, 2), hours=7.5, kind="practice"),
        Reflection(id="e", date=date(2026, 9, 3), title="R", model="gibbs", stages={"feelings": "x"}),
        Profile(id="f", name="Sam", frameworks=["swe"], registered_on=date(2020, 1, 15)),
    ],
)
def test_from_doc_gives_back_the_same_record(record) -> None:
    doc = record.to_doc()
    again = type(record).from_doc(doc)
    assert again == record
    assert again.to_doc() == doc
    # built the ordinary way from the same values, it is equal too
    assert again == type(record)(**{k: v for k, v in again.__dict__.items()})


def test_missing_fields_take_their_defaults_and_unknown_keys_are_kept() -> None:
    doc = {"id": "x", "title": "Old record", "colour": "blue"}
    activity = Activity.from_doc(doc)
    assert activity.status == "complete" and activity.standards == [] and activity.hours is None
    assert activity.extra == {"colour": "blue"}
    assert activity.to_doc()["colour"] == "blue"  # written back, not lost
    other = Activity.from_doc({"id": "y"})
    other.standards.append("swe:1")
    assert activity.standards == []  # default lists are never shared


def test_lists_read_from_a_document_are_copies() -> None:
    doc = Activity(id="a", date=date(2026, 3, 4), title="T", hours=1, tags=["x"]).to_doc()
    activity = Activity.from_doc(doc)
    activity.tags.append("y")
    assert doc["tags"] == ["x"]


def test_every_record_type_is_registered() -> None:
    assert set(RECORD_TYPES) == {
        "profile", "activity", "placement", "day", "reflection", "plan", "signoff", "comment"
    }  # fmt: skip
