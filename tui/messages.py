"""Messages between the app, its screens and forms: each names what happened, and whoever shows it
handles it. A page that has nothing to do with a message leaves it; it then reaches the app and ends."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from praxis_socialwork.store import PlacementDay


@dataclass
class DaySaved(Message):
    """A placement day was saved from the day form (the Placements screen goes to it)."""

    day: PlacementDay


@dataclass
class ShowRecords(Message):
    """Show only these records (the records behind a finding), under ``label``; for placement days,
    the placement they belong to."""

    ids: frozenset[str]
    label: str
    placement_id: str = ""
