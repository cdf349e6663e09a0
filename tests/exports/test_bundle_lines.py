"""Bundles are written a record a line and read a line at a time (issue 16: an import holds its
records, not the file and a parser's copy of it besides). Reading so must never differ from a
whole-file JSON parse: for bundles Praxis writes, and for any bundle laid out otherwise or damaged,
``read_lines`` either reads exactly what the whole-file parse reads, or declines (None) and leaves
the file to it."""

from __future__ import annotations

import io
import json
import random

import orjson
import pytest

from praxis_socialwork.exports.bundle_lines import encode_lines, read_lines

AWKWARD = ["", "plain", "two\nlines", 'a "quote" and a \\', "\u2028", "é — ’ 日本", "  ],", '": [', "}\n{"]


def random_bundle(rng: random.Random) -> dict[str, object]:
    doc: dict[str, object] = {"praxis_bundle": 1, "schema_version": rng.choice([1, 2])}
    if rng.random() < 0.5:
        doc["note"] = rng.choice(AWKWARD)
    for table in rng.sample(
        ["profile", "activities", "placements", "days", "reflections", rng.choice(AWKWARD)], 4
    ):
        doc[table] = [
            {"id": str(n), "title": rng.choice(AWKWARD), "tags": rng.sample(AWKWARD, 2),
             "hours": rng.choice([1, 2.5, None]), "stages": {rng.choice(AWKWARD): rng.choice(AWKWARD)}}
            for n in range(rng.choice([0, 0, 1, 3, 8]))
        ]  # fmt: skip
    if rng.random() < 0.2:
        doc["odd"] = rng.choice([[1, 2], [], {"a": [1]}, "x", None])
    return doc


def test_bundles_praxis_writes_read_back_line_by_line() -> None:
    rng = random.Random(17)
    for _ in range(400):
        doc = random_bundle(rng)
        raw = encode_lines(doc)
        assert json.loads(raw) == doc
        assert read_lines(io.BytesIO(raw)) == doc


@pytest.mark.parametrize(
    "damage", ["cut", "drop", "double", "junk", "byte", "trailing", "indent-2", "one line"]
)
def test_any_other_bundle_reads_as_a_whole_parse_reads_it_or_is_left_to_one(damage: str) -> None:
    rng = random.Random(damage)
    declined = 0
    for _ in range(400):
        doc = random_bundle(rng)
        raw = encode_lines(doc)
        lines = raw.split(b"\n")
        k = rng.randrange(len(lines))
        if damage == "cut":
            raw = raw[: rng.randrange(len(raw))]
        elif damage == "drop":
            raw = b"\n".join(lines[:k] + lines[k + 1 :])
        elif damage == "double":
            raw = b"\n".join(lines[:k] + [lines[k]] + lines[k:])
        elif damage == "junk":
            raw = b"\n".join(
                lines[:k]
                + [rng.choice([b"  ],", b"  ]", b"    {},", b'  "x": [', b"}", b"    1"])]
                + lines[k:]
            )
        elif damage == "byte":
            at = rng.randrange(len(raw))
            raw = raw[:at] + bytes([rng.choice(b'{}[],:"\n x1')]) + raw[at + 1 :]
        elif damage == "trailing":
            raw += rng.choice([b"{}", b"\n", b"x", b" "])
        elif damage == "indent-2":
            raw = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
        else:
            raw = orjson.dumps(doc)
        try:
            whole: object = orjson.loads(raw)
        except orjson.JSONDecodeError:
            whole = "refused"
        got = read_lines(io.BytesIO(raw))
        if got is None:
            declined += 1
        else:
            assert got == whole, raw
    assert declined > 0
