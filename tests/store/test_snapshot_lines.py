"""A snapshot is written one document a line and read a line at a time (issue 16: a large store
then costs its documents in memory, not its bytes and a parser's copy besides). Reading it so must
never differ from reading it whole: for Praxis's own files, for files others wrote, and for files
damaged in any way, the tables (or the refusal) are those of a whole-file JSON parse."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from praxis_socialwork.store import StoreDamagedError
from praxis_socialwork.store.storage import decode_tables, encode_tables, read_snapshot

AWKWARD = ["", "plain", "two\nlines", 'a "quote" and a \\', "\u2028 and \u2029", "é — ’ 日本", "}\n{", '": {']


def random_tables(rng: random.Random) -> dict[str, dict[str, object]]:
    tables: dict[str, dict[str, object]] = {}
    for t in range(rng.randint(0, 4)):
        name = rng.choice(["activities", "days", "_meta", f"t{t}", rng.choice(AWKWARD)])
        tables[name] = {
            rng.choice([str(n), rng.choice(AWKWARD)]): {
                "id": str(n), "text": rng.choice(AWKWARD), "hours": rng.choice([1, 1.5, None]),
                "tags": rng.sample(AWKWARD, 2), "nested": {rng.choice(AWKWARD): [rng.choice(AWKWARD)]},
            }
            for n in range(rng.randint(0, 6))
        }  # fmt: skip
    return tables


def whole(raw: bytes, path: Path) -> object:
    try:
        return decode_tables(raw, path)
    except StoreDamagedError as exc:
        return ("refused", exc.detail)


def by_lines(path: Path) -> object:
    try:
        return read_snapshot(path)
    except StoreDamagedError as exc:
        return ("refused", exc.detail)


def test_praxis_snapshots_read_by_lines_are_what_json_reads(tmp_path: Path) -> None:
    rng = random.Random(16)
    path = tmp_path / "praxis.json"
    for _ in range(300):
        tables = random_tables(rng)
        raw = encode_tables(tables)
        assert json.loads(raw) == tables  # plain JSON, as TinyDB keeps it
        path.write_bytes(raw)
        assert read_snapshot(path) == tables


@pytest.mark.parametrize(
    "damage",
    [
        "cut",
        "drop a line",
        "doubled line",
        "junk line",
        "byte changed",
        "trailing text",
        "indented",
        "one line",
    ],
)
def test_any_other_file_reads_exactly_as_the_whole_file_would(tmp_path: Path, damage: str) -> None:
    rng = random.Random(damage)
    path = tmp_path / "praxis.json"
    refused = 0
    for _ in range(300):
        tables = random_tables(rng)
        raw = encode_tables(tables)
        lines = raw.split(b"\n")
        k = rng.randrange(len(lines))
        if damage == "cut":
            raw = raw[: rng.randrange(len(raw))]
        elif damage == "drop a line":
            raw = b"\n".join(lines[:k] + lines[k + 1 :])
        elif damage == "doubled line":
            raw = b"\n".join(lines[:k] + [lines[k]] + lines[k:])
        elif damage == "junk line":
            raw = b"\n".join(lines[:k] + [rng.choice([b"{", b"}", b'"x": {', b'"1": 5,', b"[]"])] + lines[k:])
        elif damage == "byte changed":
            at = rng.randrange(len(raw))
            raw = raw[:at] + bytes([rng.choice(b'{}[],:"\n x1')]) + raw[at + 1 :]
        elif damage == "trailing text":
            raw += rng.choice([b"{}", b"\n", b"x", b" "])
        elif damage == "indented":
            raw = json.dumps(tables, indent=1).encode()
        else:
            raw = json.dumps(tables).encode()
        path.write_bytes(raw)
        expected = whole(raw, path)
        assert by_lines(path) == expected, raw
        refused += isinstance(expected, tuple)
    if damage not in ("indented", "one line"):
        assert refused > 0  # the damage did make unreadable files, and they were refused alike
