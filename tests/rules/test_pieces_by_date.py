"""Which pieces count in a period is found by date (``Pieces``), not by reading every activity for
every period; on a few thousand random activities, with copies, drafts and reused words, it picks
exactly the pieces that reading them all in order picks, for every period."""

from __future__ import annotations

import random
from datetime import date, timedelta

from praxis_socialwork.rules.periods import Window
from praxis_socialwork.rules.records import Pieces, _text_key, _title
from praxis_socialwork.store import Activity

WORDS = ["supervision", "court", "report", "assessment", "risk", "carer", "advocacy", "consent"]


def read_in_order(activities: list[Activity], window: Window, on: date) -> list[Activity]:
    """The rule as written: every activity read, in the order given."""
    last = on if window.end is None else min(on, window.end)
    done = [a for a in activities if a.status == "complete" and a.date is not None]
    used_before = {_text_key(a) for a in done if a.date < window.start} - {None}
    seen: set[object] = set()
    found = []
    for a in done:
        if not window.start <= a.date <= last:
            continue
        text = _text_key(a)
        if text is not None and text in used_before:
            continue
        keys = {("dated", a.date, _title(a))} | ({("text", text)} if text else set())
        if keys & seen:
            continue
        seen |= keys
        found.append(a)
    return found


def random_activities(rng: random.Random, n: int) -> list[Activity]:
    texts = [" ".join(rng.choices(WORDS, k=rng.choice([2, 8, 30]))) for _ in range(60)] + [""]
    made: list[Activity] = []
    for i in range(n):
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 3000))
        made.append(
            Activity(
                id=f"a{i}",
                title=rng.choice(["Court skills", "court skills ", "Risk", "Carers' day", f"Piece {i}"]),
                date=day if rng.random() > 0.02 else None,
                status=rng.choice(["complete", "complete", "complete", "planned", "draft"]),
                description=rng.choice(texts),
                learning=rng.choice(texts).upper() if rng.random() < 0.2 else rng.choice(texts),
            )
        )
    rng.shuffle(made)  # the engine is given them in date order; the rule must not depend on it
    return made


def test_found_by_date_is_what_reading_every_activity_finds() -> None:
    rng = random.Random(16)
    activities = random_activities(rng, 3000)
    pieces = Pieces(activities)
    checked = 0
    for _ in range(300):
        start = date(2017, 6, 1) + timedelta(days=rng.randrange(0, 3400))
        end = None if rng.random() < 0.2 else start + timedelta(days=rng.randrange(0, 800))
        on = start + timedelta(days=rng.randrange(-30, 900))
        window = Window(start, end, end)
        expected = read_in_order(activities, window, on)
        assert pieces.that_count(window, on) == expected
        checked += len(expected)
    assert checked > 10_000  # the periods held pieces, copies among them
