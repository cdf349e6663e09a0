"""``--json`` output is written by orjson when the terminal shows every character: it is the very
text ``json.dumps(indent=2)`` wrote before (scripts reading it see no change), but for a number
below 1e-4, which reads the same but is written ``1e-7``, not ``1e-07``."""

from __future__ import annotations

import io
import json

import pytest

from praxis_socialwork.cli import common

SAME_TEXT = [
    [{"title": "Court skills — day 2", "hours": 1.5, "tags": ["ethics", "law"], "standards": [], "x": {}}],
    {"n": 10**16, "f": 7.0, "big": 1.5e16, "none": None, "yes": True, "quote": 'a "b" \\ c'},
    {"lines": "two\nlines\ttab \u2028 \x7f é ’ 日本 😀", "nested": [[1, [2, []]], {"a": {"b": []}}]},
    {"huge": 2**70},  # past 64 bits: json writes it
]


@pytest.fixture
def utf8_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common.sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))


@pytest.mark.parametrize("doc", SAME_TEXT)
def test_json_output_is_what_json_dumps_writes(doc: object, utf8_stdout: None) -> None:
    assert common.dump_json(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


def test_a_tiny_number_is_written_shorter_and_reads_the_same(utf8_stdout: None) -> None:
    out = common.dump_json({"hours": 1e-7})
    assert out == '{\n  "hours": 1e-7\n}' and json.loads(out) == {"hours": 1e-7}
