"""Realistic, entirely fictional CPD records for benchmarks, the same every run for a seed."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench import text_bank as bank
from praxis_socialwork.store import Activity, Clock, Profile, Repository, today
from praxis_socialwork.store.standards import check_code
from praxis_socialwork.store.vocab import ACTIVITY_TYPES

BENCH_TODAY = date(2026, 11, 22)
LAST_DONE = date(2026, 11, 1)

# How often each activity type turns up in a practitioner's log (same order as ACTIVITY_TYPES).
_TYPE_WEIGHTS = {
    "course": 14,
    "e-learning": 14,
    "reading": 18,
    "supervision": 12,
    "shadowing": 5,
    "conference": 4,
    "research": 5,
    "teaching": 4,
    "peer-discussion": 16,
    "other": 8,
}
_TYPES = tuple(t for t in ACTIVITY_TYPES if t in _TYPE_WEIGHTS)
_WEIGHTS = tuple(_TYPE_WEIGHTS[t] for t in _TYPES)
_BANKS: dict[str, tuple[str, ...]] = {
    "learning": bank.LEARNING,
    "impact": bank.IMPACT,
    "peer_reflection": bank.PEER_REFLECTION,
}
for _type in _TYPES:
    _BANKS[f"description:{_type}"] = bank.DESCRIPTION[bank.DESCRIBED_AS[_type]] + bank.DESCRIPTION_ANY
# A topic mid-sentence: "Child protection" -> "child protection", but "Care Act 2014" keeps its
# capital because the next word is capitalised too (a proper name).
_PHRASES = {
    t.name: t.name if t.name.split()[1][0].isupper() else t.name[0].lower() + t.name[1:] for t in bank.TOPICS
}
_ALL_CODES = tuple(sorted({c for t in bank.TOPICS for c in t.codes} | {"swe:4.3", "swe:4.6"}))
_bad = [c for c in _ALL_CODES if check_code(c) is not None]
if _bad:  # a typo in the bank would only surface as a ValidationError halfway through a fill
    raise ValueError(f"text_bank uses unknown standard codes: {_bad}")


def activities(
    n: int,
    seed: int = 1,
    start: date = date(2016, 12, 1),
    end: date = LAST_DONE,
    now: date = BENCH_TODAY,
) -> list[Activity]:
    """Return ``n`` valid, fictional activities; the same list every time for the same arguments.

    Done and draft activities fall between ``start`` and ``end`` in date order; planned ones
    (about 4%) fall in the months after ``now``, so they stay valid against a clock at ``now``.
    """
    rng = random.Random(seed)
    span = (end - start).days
    statuses = rng.choices(("complete", "draft", "planned"), weights=(88, 8, 4), k=n)
    past = sorted(start + timedelta(days=rng.randrange(span + 1)) for s in statuses if s != "planned")
    dates = iter(past)
    out: list[Activity] = []
    for status in statuses:
        if status == "planned":
            day = now + timedelta(days=rng.randrange(1, 180))
        else:
            day = next(dates)
        out.append(_activity(rng, day, status))
    out.sort(key=lambda a: a.date or start)
    return out


def _activity(rng: random.Random, day: date, status: str) -> Activity:
    kind = rng.choices(_TYPES, weights=_WEIGHTS)[0]
    topic = rng.choice(bank.TOPICS)
    slots = {
        "Topic": topic.name,
        "topic": _PHRASES[topic.name],
        "who": rng.choice(bank.WHO),
        "role": rng.choice(bank.PEER_ROLES),
        "peer": f"{rng.choice(bank.FIRST_NAMES)} {rng.choice(bank.SURNAMES)}",
    }
    slots["reading"] = rng.choice(bank.READINGS).format(**slots)
    title = rng.choice(bank.TITLES[kind]).format(**slots)
    low, high = bank.HOURS[kind]
    hours = rng.randint(int(low * 2), int(high * 2)) / 2
    end_date = None
    if kind in ("course", "conference") and rng.random() < 0.15:
        end_date = day + timedelta(days=rng.randint(1, 2))
    planned = status == "planned"
    with_peer = not planned and (kind == "peer-discussion" or rng.random() < 0.45)
    # Drafts are often saved before the impact on practice is known.
    no_impact = planned or (status == "draft" and rng.random() < 0.5)
    codes = rng.sample(topic.codes, k=rng.randint(1, len(topic.codes)))
    if rng.random() < 0.3:
        codes.append(rng.choice(_ALL_CODES))
    tags = list(topic.tags[: rng.randint(0, len(topic.tags))])
    if rng.random() < 0.25:
        tags.append(rng.choice(bank.TAGS_EXTRA))
    slug = f"{day.isoformat()}-{kind}"
    evidence = [rng.choice(bank.EVIDENCE).format(slug=slug)] if rng.random() < 0.2 else []
    return Activity(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        date=day,
        end_date=end_date,
        title=title,
        type=kind,
        hours=hours,
        provider=rng.choice(bank.PROVIDERS[kind]),
        description=_paragraph(rng, f"description:{kind}", slots),
        learning="" if planned else _paragraph(rng, "learning", slots),
        impact="" if no_impact else _paragraph(rng, "impact", slots),
        peer=slots["peer"] if with_peer else "",
        peer_role=slots["role"] if with_peer else "",
        peer_reflection=_paragraph(rng, "peer_reflection", slots) if with_peer else "",
        standards=list(dict.fromkeys(codes)),
        tags=list(dict.fromkeys(tags)),
        evidence=evidence,
        status=status,
    )


def _paragraph(rng: random.Random, bank_name: str, slots: dict[str, str]) -> str:
    # Target lengths skew short (most people write a few sentences) with a long tail:
    # 20 + Gamma(2, 12) words has a mean of 44; stopping at whole sentences keeps it near 44-45.
    target = min(120, 20 + rng.gammavariate(2.0, 12.0))
    sentences = rng.sample(_BANKS[bank_name], k=len(_BANKS[bank_name]))
    words = 0
    chosen: list[str] = []
    for template in sentences:
        text = template.format(**slots)
        length = len(text.split())
        if words >= 20 and words + length / 2 > target:
            break
        if words + length > 120:
            continue
        chosen.append(text)
        words += length
    return " ".join(chosen)


def sample_profile() -> Profile:
    """Return the fictional practitioner who owns every benchmark store."""
    return Profile(
        id=str(uuid.UUID(int=random.Random(0).getrandbits(128), version=4)),
        name="Alex Example",
        role="practitioner",
        frameworks=["swe", "pcf"],
        registered_on=date(2016, 9, 1),
        country="england",
    )


def fill_store(path: Path | str, n: int, clock: Clock) -> None:
    """Create a store at ``path`` holding the sample profile and ``activities(n)``, compacted.

    Every activity is validated and saved by the repository in one batch (one journal line),
    then the journal is folded into the snapshot, so the store ends as a single snapshot file.
    """
    records = activities(n, now=today(clock))
    with Repository.open(path, clock) as repo:
        repo.save_profile(sample_profile())
        # add_many inserts the batch in one pass; calling add() n times inside
        # repo.transaction() gives the same file but costs O(n^2): each add rebuilds the
        # whole table (about 33 s for 10,000 records).
        repo.add_many(records)
        repo.compact()
