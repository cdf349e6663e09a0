"""The fast confidentiality check (issue 16) gives exactly the verdicts of the straightforward one.

``scan_text`` skips the finders that cannot match a text (no digit, no "@", no title) and keeps what
it found per text. The reference below is the check as it was before: every finder over every text,
every time. Over a large generated set, with identifiers of every kind spliced into realistic
prose, both must give the same flags, in every field and with every set of expected names.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from bench.generate import activities
from praxis_socialwork.exports import privacy
from praxis_socialwork.exports.privacy import (
    _FINDERS,
    _RANK,
    NAME_FIELDS,
    Flag,
    _expected,
    _flag,
    name_words,
    scan_records,
    scan_text,
    text_fields,
)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "privacy"


def reference_scan_text(text: str, *, field: str = "", names=(), hits=None) -> list[Flag]:
    """``scan_text`` as it was before issue 16: no prefilter, no cache (``hits`` given are ignored)."""
    if not text:
        return []
    found = [hit for finder in _FINDERS for hit in finder(text)]
    found.sort(key=lambda hit: (_RANK[hit[0]], hit[1] - hit[2], hit[1]))
    taken: list[tuple[str, int, int]] = []
    for hit in found:
        if all(hit[2] <= s or hit[1] >= e for _, s, e in taken):
            taken.append(hit)
    taken.sort(key=lambda hit: hit[1])
    if field in NAME_FIELDS:
        taken = [hit for hit in taken if hit[0] != "titled_name"]
    elif names:
        taken = [hit for hit in taken if hit[0] != "titled_name" or not _expected(text, hit, names)]
    return [_flag(text, kind, start, end) for kind, start, end in taken]


# Things that are, or nearly are, identifiers: every kind, the near misses the checks turn away,
# and characters the prefilter looks for (or must not rely on), such as non-ASCII digits.
SNIPPETS = (
    "943 476 5919", "9434765919", "943-476-5919", "ISBN 0-306-40615-2", "ISBN 0306406152", "123 456 7890",
    "M1 1AE", "m1 1ae", "SW1A 1AA", "GIR 0AA", "Y6 2nd", "EC1A1BB", "B33 8TH", "CR2 6XH",
    "jo.bloggs@example.org", "duty-team@council.gov.uk", "a@b", "@handle",
    "07700 900123", "0161 496 0000", "+44 (0)20 7946 0958", "(0161) 496 0000", "0800 123 4567",
    "0 12 34 56 78", "07.30 09.45", "020 7946 0958",
    "DOB 12/03/2015", "date of birth 3rd March 2014", "born on 1 May 2019", "birthday: May 2012",
    "D.O.B. 2015-06-01", "born. 12/03/2015",
    "Mrs Khan", "Mr O'Neill", "Ms Adebayo-Smith", "Dr Brown (2012)", "Dr Brown", "Miss J. Patel",
    "Master Lee", "Mx Taylor", "Mrs K", "Mrs K's", "Mr Justice Peter", "Mrs Khan Then", "Dr Jo Senior",
    "Mrs Asha Patel", "Mr Reid", "MRS KHAN", "mrs khan", "Dr. Élodie Dupont",
    "case ref: AB12345", "client ID 123456", "Mosaic 7654321", "case 2019", "ref PCF6", "NHI 1234567",
    "12 Acacia Avenue", "Flat 3, 14 Elm Road", "attended 3 Family Court hearings", "2 Visits In A Row",
    "QQ 12 34 56 C", "qq123456c", "Ab123456c", "AB 12 34 56 D",
    "Children Act 1989 s.47", "PCF 6", "SWE 4.6", "(Gibbs, 1988)", "£45", "aged 7", "at 10:30",
    "\u0663\u0664\u0665 \u0663\u0664\u0665 \u0663\u0664\u0665\u0663", "\uff10\uff17\uff17\uff10\uff10",
    "\u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669",  # 943 476 5919 in Arabic-Indic digits
    "\n", "\n\n", "  ", ".", "Mr", "Dr", "M", "@",
)  # fmt: skip
NAME_SETS = ((), ("Asha Patel",), ("Dr Jo Senior", "Mr Reid"), ("Khan", "Brown", "Lee"))
FIELDS = ("", "learning", "peer", "by", "stages.text", "practice_educator")


def _corpus_texts() -> list[str]:
    out: list[str] = []
    for name in ("clean_dev", "clean_holdout", "planted_dev", "planted_holdout"):
        out += [item["text"] for item in json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))]
    return out


def _generated_texts(n: int, seed: int = 16) -> list[str]:
    """Realistic prose (the benchmark's) with identifiers spliced in at random places in some."""
    rng = random.Random(seed)
    prose = [
        text
        for activity in activities(max(n // 4, 1), seed=seed)
        for text in (activity.description, activity.learning, activity.impact, activity.peer_reflection)
        if text
    ]
    prose += _corpus_texts()
    out: list[str] = []
    for _ in range(n):
        text = rng.choice(prose)
        if rng.random() < 0.6:
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(text) + 1)
                glue = rng.choice((" ", "", ", ", "\n", " (", ": "))
                after = rng.choice((" ", "", ".", ")", "\n"))
                text = text[:at] + glue + rng.choice(SNIPPETS) + after + text[at:]
        out.append(text)
    return out


@pytest.fixture(autouse=True)
def _empty_cache():
    privacy._hits.cache_clear()
    yield
    privacy._hits.cache_clear()


def test_every_snippet_alone_gives_the_reference_verdict() -> None:
    for snippet in SNIPPETS:
        for field in FIELDS:
            for names in NAME_SETS:
                known = name_words(names)
                assert scan_text(snippet, field=field, names=known) == reference_scan_text(
                    snippet, field=field, names=known
                ), (snippet, field, names)


def test_a_large_generated_set_gives_exactly_the_reference_flags() -> None:
    texts = _generated_texts(6000)
    flagged = 0
    for round_ in range(2):  # the second round answers from the cache
        for i, text in enumerate(texts):
            field = FIELDS[i % len(FIELDS)]
            known = name_words(NAME_SETS[(i + round_) % len(NAME_SETS)])
            got = scan_text(text, field=field, names=known)
            assert got == reference_scan_text(text, field=field, names=known), (text, field, known)
            flagged += bool(got)
    assert flagged > 2000  # the set does exercise every kind, not only clean prose
    kinds = {f.kind for text in texts for f in scan_text(text)}
    assert kinds == set(privacy.KINDS)


def test_the_corpus_gives_exactly_the_reference_flags() -> None:
    for text in _corpus_texts():
        assert scan_text(text) == reference_scan_text(text)


def test_scan_records_over_generated_records_matches_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    records = activities(1500, seed=3)
    for i in range(0, len(records), 3):  # plant identifiers (and titled peers) in a third of them
        a = records[i]
        records[i] = replace(
            a,
            learning=f"{a.learning} {rng.choice(SNIPPETS)}",
            peer=rng.choice(("", "Dr Jo Senior", "Mrs Khan", "Mr Reid 07700 900123")),
            peer_reflection=f"{rng.choice(SNIPPETS)} {a.peer_reflection}",
        )
    fast = scan_records(records, names=["Asha Patel"])
    again = scan_records(records, names=["Asha Patel"])  # from the cache
    monkeypatch.setattr(privacy, "scan_text", reference_scan_text)
    slow = scan_records(records, names=["Asha Patel"])
    assert len(slow) > 300
    assert fast == slow
    assert again == slow


def test_the_same_text_with_other_names_or_fields_is_judged_again() -> None:
    text = "Mrs Patel and Mr Reid visited Mrs Khan at 12 Acacia Avenue today."
    assert [f.text for f in scan_text(text)] == ["Mrs Patel", "Mr Reid", "Mrs Khan", "12 Acacia Avenue"]
    assert [f.text for f in scan_text(text, names=name_words(["Asha Patel", "Mr Reid"]))] == [
        "Mrs Khan",
        "12 Acacia Avenue",
    ]
    assert [f.text for f in scan_text(text, field="by")] == ["12 Acacia Avenue"]
    assert [f.text for f in scan_text(text)] == ["Mrs Patel", "Mr Reid", "Mrs Khan", "12 Acacia Avenue"]


def test_what_was_found_is_kept_beside_the_store_and_a_changed_text_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "praxis.json"
    records = activities(40, seed=5)
    records[3] = replace(records[3], learning="Met Mrs Khan at 12 Acacia Avenue, NHS 943 476 5919.")
    first = scan_records(records, names=["Asha Patel"], store=store)
    assert {f.flag.text for f in first} >= {"Mrs Khan", "12 Acacia Avenue", "943 476 5919"}
    kept = store.with_name("praxis.json.privacy-scan")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert b"Khan" not in kept.read_bytes() and b"Acacia" not in kept.read_bytes()  # places, never text

    # As a new process would: nothing in memory, every text found in the file, none read again.
    privacy._hits.cache_clear()
    read: list[str] = []
    scan = privacy._hits.__wrapped__
    monkeypatch.setattr(privacy, "_hits", lambda text: read.append(text) or scan(text))
    assert scan_records(records, names=["Asha Patel"], store=store) == first
    assert read == []

    # A record changed (a new sequence: its texts are read again), or one text changed behind
    # Praxis's back (same sequence and time, other words): read again, its new flags reported.
    records[3] = replace(records[3], learning="Met Mr Reid, 07700 900123.", sequence=records[3].sequence + 1)
    records[5] = replace(records[5], impact="Called Mrs Jones about it.")
    again = scan_records(records, names=["Asha Patel"], store=store)
    assert set(read) == {text for _, _, text in text_fields(records[3])} | {"Called Mrs Jones about it."}
    assert {f.flag.text for f in again if f.record_id in (records[3].id, records[5].id)} == {
        "Mr Reid", "07700 900123", "Mrs Jones"
    }  # fmt: skip

    # A damaged file is not trusted: every text is read again, and the flags are the same.
    kept.write_bytes(b'{"format": "privacy-scan 1')
    read.clear()
    assert scan_records(records, names=["Asha Patel"], store=store) == again
    assert len(read) > 40
