"""How well the confidentiality check does on reflections it has never seen.

The corpus in ``tests/data/privacy`` was written by someone who had not seen the detector: clean,
realistic reflections (full of dates, ages, citations, legislation, standards and room numbers that
are not identifiers) and short passages each with one planted identifier. Each set comes as a
development half and a held-out half; the held-out half was not looked at while the detector was
tuned. A false flag is any flag in a clean text; a planted identifier is caught when a flag covers
any part of it.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.context import BenchContext
from bench.timing import Row

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "privacy"
MUST_CATCH = ("nhs", "postcode", "email", "phone")  # the goal: no misses of these
FALSE_FLAG_GOAL = 1.0  # under 1 false flag per 20 clean reflections


@dataclass
class Measurement:
    """The figures for one half (``dev`` or ``holdout``) of the corpus."""

    half: str
    clean_texts: int = 0
    false_flags: list[tuple[str, str, str]] = field(default_factory=list)  # (text id, kind, matched text)
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    right_kind: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (text id, kind, identifier)
    seconds: float = 0.0
    words: int = 0

    @property
    def false_per_20(self) -> float:
        """False flags per 20 clean reflections."""
        return 20 * len(self.false_flags) / max(self.clean_texts, 1)


def measure(half: str, corpus: Path = CORPUS) -> Measurement:
    """Run the check over one half of the corpus and count false flags and misses."""
    from praxis_socialwork.exports.privacy import scan_text

    m = Measurement(half)
    clean = json.loads((corpus / f"clean_{half}.json").read_text(encoding="utf-8"))
    planted = json.loads((corpus / f"planted_{half}.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    for item in clean:
        m.clean_texts += 1
        m.words += len(item["text"].split())
        m.false_flags += [(item["id"], f.kind, f.text) for f in scan_text(item["text"])]
    for item in planted:
        text, ident, kind = item["text"], item["identifier"], item["kind"]
        start = text.find(ident)
        end = start + len(ident)
        m.words += len(text.split())
        flags = [f for f in scan_text(text) if f.start < end and f.end > start]
        m.planted[kind] += 1
        if flags:
            m.caught[kind] += 1
            m.right_kind[kind] += any(f.kind == kind for f in flags)
        else:
            m.missed.append((item["id"], kind, ident))
    m.seconds = time.perf_counter() - started
    return m


def rows(m: Measurement) -> list[Row]:
    """Table rows for one half: the false-flag rate, then each kind's catches."""
    out = [
        Row(
            f"privacy {m.half}: false flags in {m.clean_texts} clean reflections",
            0,
            f"< {FALSE_FLAG_GOAL:g} per 20",
            m.false_per_20 < FALSE_FLAG_GOAL,
            f"{len(m.false_flags)} ({m.false_per_20:.2f} per 20)",
        )
    ]
    for kind in sorted(m.planted, key=lambda k: (k not in MUST_CATCH, k)):
        caught, planted = m.caught[kind], m.planted[kind]
        goal = "none missed" if kind in MUST_CATCH else ""
        ok = (caught == planted) if kind in MUST_CATCH else None
        out.append(Row(f"privacy {m.half}: {kind} caught", 0, goal, ok, f"{caught} of {planted}"))
    out.append(
        Row(f"privacy {m.half}: check time per 1,000 words", m.seconds * 1e6 / max(m.words, 1), "", None)
    )
    return out


def privacy_check(ctx: BenchContext) -> list[Row]:
    """The confidentiality check's false flags and misses on both halves of the corpus."""
    return rows(measure("dev")) + rows(measure("holdout"))
