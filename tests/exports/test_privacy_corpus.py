"""The confidentiality check measured on a corpus written without seeing it (tests/data/privacy).

Goals from the issue: no NHS number, postcode, e-mail address or phone number missed, and under one
false flag per 20 clean reflections. ``make bench`` prints the same figures in its table; run
``pytest tests/exports/test_privacy_corpus.py -s`` to see them here.
"""

from __future__ import annotations

import pytest

from bench.privacy_bench import FALSE_FLAG_GOAL, MUST_CATCH, measure


@pytest.mark.parametrize("half", ["dev", "holdout"])
def test_the_check_misses_no_nhs_number_postcode_email_or_phone(half: str) -> None:
    m = measure(half)
    print(f"\n{half}: " + ", ".join(f"{k} {m.caught[k]}/{m.planted[k]}" for k in sorted(m.planted)))
    assert all(m.planted[kind] >= 10 for kind in MUST_CATCH)  # the corpus really tests each kind
    missed = [(tid, kind, ident) for tid, kind, ident in m.missed if kind in MUST_CATCH]
    assert missed == []


@pytest.mark.parametrize("half", ["dev", "holdout"])
def test_clean_reflections_get_under_one_false_flag_in_twenty(half: str) -> None:
    m = measure(half)
    print(f"\n{half}: {len(m.false_flags)} false flags in {m.clean_texts} clean texts: {m.false_flags}")
    assert m.clean_texts >= 40
    assert m.false_per_20 < FALSE_FLAG_GOAL, m.false_flags
