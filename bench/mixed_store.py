"""A mixed, long-text store for the CPU-ratio benchmark (issue 16): activities, days, reflections.

Of ``n`` records, 70% are activities, 20% placement days and 10% reflections. Every free-text
field that is filled holds 100-300 words drawn from the text bank, so the store is the size a
heavy, long-serving user's would be. The same store every run for the same ``n`` and seed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from bench import text_bank as bank
from bench.generate import _BANKS, _PHRASES, BENCH_TODAY, activities, sample_profile
from praxis_socialwork.store import Clock, Placement, PlacementDay, Reflection, Repository, today
from praxis_socialwork.store.vocab import REFLECTION_STAGES

DAYS_PER_PLACEMENT = 150  # weekdays logged on each generated placement
_REFLECTION_BANKS = ("learning", "impact", "peer_reflection")


def long_paragraph(rng: random.Random, bank_name: str, slots: dict[str, str]) -> str:
    """Return 100-300 words (a uniform target, stopping at a whole sentence) from one bank."""
    target = rng.randint(100, 300)
    sentences = list(_BANKS[bank_name])
    chosen: list[str] = []
    words = 0
    while words < target:
        rng.shuffle(sentences)  # a bank shorter than the target is drawn again, in a new order
        for template in sentences:
            text = template.format(**slots)
            chosen.append(text)
            words += len(text.split())
            if words >= target:
                break
    return " ".join(chosen)


def _slots(rng: random.Random) -> dict[str, str]:
    topic = rng.choice(bank.TOPICS)
    return {
        "Topic": topic.name,
        "topic": _PHRASES[topic.name],
        "who": rng.choice(bank.WHO),
        "role": rng.choice(bank.PEER_ROLES),
        "peer": f"{rng.choice(bank.FIRST_NAMES)} {rng.choice(bank.SURNAMES)}",
    }


def counts(n: int) -> tuple[int, int, int]:
    """Return (activities, placement days, reflections) for ``n`` records: 70/20/10."""
    days = n * 20 // 100
    reflections = n * 10 // 100
    return n - days - reflections, days, reflections


def long_activities(n: int, seed: int = 1, now: date = BENCH_TODAY):
    """Return ``activities(n)`` with every filled text field lengthened to 100-300 words."""
    rng = random.Random(seed + 1000)
    out = []
    for a in activities(n, seed=seed, now=now):
        slots = _slots(rng)
        kind = f"description:{a.type}"
        out.append(
            replace(
                a,
                description=long_paragraph(rng, kind, slots),
                learning=long_paragraph(rng, "learning", slots) if a.learning else "",
                impact=long_paragraph(rng, "impact", slots) if a.impact else "",
                peer_reflection=long_paragraph(rng, "peer_reflection", slots) if a.peer_reflection else "",
            )
        )
    return out


def placements_and_days(n_days: int, seed: int = 3, now: date = BENCH_TODAY):
    """Return (placements, days): ``n_days`` weekday logs, 150 a placement, all before ``now``."""
    rng = random.Random(seed)
    placements: list[Placement] = []
    days: list[PlacementDay] = []
    n_placements = max(1, -(-n_days // DAYS_PER_PLACEMENT))
    for p in range(n_placements):
        # Placements end on staggered dates over the last ten years, so their days overlap in time.
        last = now - timedelta(days=1 + (p * 37) % 3600)
        want = min(DAYS_PER_PLACEMENT, n_days - len(days))
        dates: list[date] = []
        day = last
        while len(dates) < want:
            if day.weekday() < 5:
                dates.append(day)
            day -= timedelta(days=1)
        dates.reverse()
        placement = Placement(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            name=f"Placement {p + 1}: {rng.choice(bank.TOPICS).name}",
            agency=rng.choice(bank.PROVIDERS["shadowing"]),
            setting=rng.choice(("statutory", "voluntary", "health")),
            kind=rng.choice(("first", "final")),
            start=dates[0],
            planned_end=dates[-1],
            required_days=max(want, 70),
        )
        placements.append(placement)
        for d in dates:
            slots = _slots(rng)
            kind = rng.choices(("practice", "skills", "study", "absence"), weights=(80, 8, 8, 4))[0]
            days.append(
                PlacementDay(
                    id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    placement_id=placement.id,
                    date=d,
                    hours=0.0 if kind == "absence" else 7.5,
                    kind=kind,
                    note=long_paragraph(rng, "learning", slots),
                )
            )
    return placements, days


def reflections(n: int, seed: int = 4, now: date = BENCH_TODAY) -> list[Reflection]:
    """Return ``n`` reflections on dates over the last ten years, each stage 100-300 words."""
    rng = random.Random(seed)
    out: list[Reflection] = []
    for _ in range(n):
        slots = _slots(rng)
        model = rng.choice(("gibbs", "kolb", "driscoll", "schon", "free"))
        stages = {
            name: long_paragraph(rng, rng.choice(_REFLECTION_BANKS), slots)
            for name, _ in REFLECTION_STAGES[model]
        }
        out.append(
            Reflection(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                date=now - timedelta(days=rng.randrange(1, 3650)),
                title=f"Reflecting on {slots['topic']}",
                model=model,
                stages=stages,
                theories=rng.choice(bank.READINGS).format(**slots),
            )
        )
    out.sort(key=lambda r: r.date or now)
    return out


def fill_mixed_store(path: Path | str, n: int, clock: Clock) -> None:
    """Create a compacted store at ``path``: the sample profile and ``n`` long-text records."""
    now = today(clock)
    n_act, n_days, n_refl = counts(n)
    placements, days = placements_and_days(n_days, now=now)
    with Repository.open(path, clock) as repo:
        repo.save_profile(sample_profile())
        repo.add_many(long_activities(n_act, now=now))
        if placements:
            repo.add_many(placements)
            repo.add_many(days)
        if n_refl:
            repo.add_many(reflections(n_refl, now=now))
        repo.compact()


if __name__ == "__main__":  # python -m bench.mixed_store PATH N: fill a store (bench.ratios does, in a child)
    import sys

    from bench.context import bench_clock

    fill_mixed_store(Path(sys.argv[1]), int(sys.argv[2]), bench_clock())
